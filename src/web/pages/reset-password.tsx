import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearch } from 'wouter';
import { post } from '../api/client.ts';
import { CentredCard } from '../components/centred-card.tsx';
import { MIN_PASSWORD_LENGTH, PasswordField } from '../components/password-field.tsx';
import { fieldError, ProblemAlert } from '../components/problem-alert.tsx';
import { useAction } from '../components/use-action.ts';

/** The page the reset e-mail links to: a new password, then sign in with it. */
export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const token = new URLSearchParams(useSearch()).get('token') ?? '';
  const [, navigate] = useLocation();
  const [password, setPassword] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const { error, busy, run } = useAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    setTooShort(password.length < MIN_PASSWORD_LENGTH);
    if (password.length < MIN_PASSWORD_LENGTH) return;
    void run(async () => {
      await post('/password-reset/complete', { token, password });
      navigate('/sign-in?reset=done', { replace: true });
    });
  }

  return (
    <CentredCard title={t('reset.title')}>
      {token ? (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <ProblemAlert error={error} fields={['password']} />
            <PasswordField
              label={t('reset.password')}
              description={t('reset.passwordHelp')}
              autoComplete="new-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={(tooShort && t('reset.tooShort')) || fieldError(error, 'password')}
            />
            <Button type="submit" loading={busy}>
              {t('reset.submit')}
            </Button>
          </Stack>
        </form>
      ) : (
        <Text>{t('reset.noToken')}</Text>
      )}
      <Anchor component={Link} href="/forgot-password" size="sm">
        {t('reset.again')}
      </Anchor>
    </CentredCard>
  );
}
