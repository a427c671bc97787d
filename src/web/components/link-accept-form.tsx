import { Button, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api/client.ts';
import { CentredCard } from './centred-card.tsx';
import { CodeInput } from './code-input.tsx';
import { MIN_PASSWORD_LENGTH, PasswordField } from './password-field.tsx';
import { fieldError, ProblemAlert } from './problem-alert.tsx';
import { useAction } from './use-action.ts';

export type LinkAnswer = { password: string; name?: string; code?: string };

/**
 * Accepting an e-mailed link (an agency's invitation, a CSO user's sign-up or invitation): a new
 * person chooses a name and password; someone with an account proves it with theirs (and code).
 */
export function LinkAcceptForm(props: {
  title: string;
  intro: string;
  email: string;
  existing: boolean;
  /** Name already given when signing up, so it is not asked twice. */
  knownName?: string | null;
  submitLabel?: string;
  accept: (answer: LinkAnswer) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { existing } = props;
  const [name, setName] = useState(props.knownName ?? '');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [tooShort, setTooShort] = useState(false);
  const { error, setError, busy, run } = useAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    // Someone who has an account already proves it with the password they have; others choose one.
    setTooShort(!existing && password.length < MIN_PASSWORD_LENGTH);
    if (!existing && password.length < MIN_PASSWORD_LENGTH) return;
    void run(async () => {
      try {
        await props.accept({ password, ...(existing ? {} : { name }), ...(needsCode ? { code } : {}) });
      } catch (caught) {
        if (caught instanceof ProblemError && caught.code === 'second-factor-required' && !needsCode) {
          setNeedsCode(true);
          setError(undefined);
          return;
        }
        throw caught;
      }
    });
  }

  return (
    <CentredCard title={props.title}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{props.intro}</Text>
          <ProblemAlert error={error} fields={['name', 'password', 'code']} />
          <TextInput label={t('common.email')} value={props.email} readOnly />
          {!existing && (
            <TextInput
              label={t('common.name')}
              required
              autoComplete="name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fieldError(error, 'name')}
            />
          )}
          <PasswordField
            label={existing ? t('invitation.existingPassword') : t('common.password')}
            description={existing ? undefined : t('reset.passwordHelp')}
            required
            autoComplete={existing ? 'current-password' : 'new-password'}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={(tooShort && t('reset.tooShort')) || fieldError(error, 'password')}
          />
          {needsCode && (
            <CodeInput autoFocus value={code} onChange={setCode} error={fieldError(error, 'code')} />
          )}
          <Button type="submit" loading={busy}>
            {props.submitLabel ?? t('invitation.submit')}
          </Button>
        </Stack>
      </form>
    </CentredCard>
  );
}
