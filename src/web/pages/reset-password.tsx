import { Button, PasswordInput, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { post } from '../api/client.ts';
import { CentredCard } from '../components/centred-card.tsx';
import { fieldError, ProblemAlert } from '../components/problem-alert.tsx';

export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const token = new URLSearchParams(useSearch()).get('token') ?? '';
  const [, navigate] = useLocation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await post('/password-reset/complete', { token, password });
      navigate('/sign-in?reset=done');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <CentredCard title={t('reset.title')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={fieldError(error, 'password') ? undefined : error} />
          <PasswordInput
            label={t('reset.password')}
            description={t('reset.passwordHelp')}
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fieldError(error, 'password')}
          />
          <Button type="submit" loading={busy}>
            {t('reset.submit')}
          </Button>
        </Stack>
      </form>
    </CentredCard>
  );
}
