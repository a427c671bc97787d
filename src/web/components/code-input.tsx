import { TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The six-digit code from an authenticator app: digits only, the phone's one-time-code keyboard. */
export function CodeInput({
  value,
  onChange,
  error,
  ...rest
}: { value: string; onChange: (code: string) => void; error?: string | undefined } & Omit<
  TextInputProps,
  'value' | 'onChange' | 'error'
>) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('signIn.code')}
      description={t('signIn.codeHelp')}
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]*"
      maxLength={6}
      required
      value={value}
      onChange={(e) => onChange(e.currentTarget.value.replace(/\D/g, ''))}
      error={error}
      {...rest}
    />
  );
}
