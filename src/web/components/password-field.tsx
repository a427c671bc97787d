import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A password input whose show/hide button is named without the word "password", so the field is
 * the only thing labelled "Password" on the page (for screen readers and for tests alike).
 */
export function PasswordField(props: PasswordInputProps) {
  const { t } = useTranslation();
  return (
    <PasswordInput {...props} visibilityToggleButtonProps={{ 'aria-label': t('common.showCharacters') }} />
  );
}

/** The server asks for 12 to 256 characters; saying so before sending saves a round trip. */
export const MIN_PASSWORD_LENGTH = 12;
