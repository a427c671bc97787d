import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { post, ProblemError } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { CentredCard } from '../components/centred-card.tsx';
import { fieldError, ProblemAlert } from '../components/problem-alert.tsx';
import { switchLanguage } from '../i18n/index.ts';
import { useSetMe } from '../session.ts';

export function SignInPage() {
  const { t } = useTranslation();
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const setMe = useSetMe();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const me = await post<Me>('/session', { email, password, ...(needsCode ? { code } : {}) });
      if (me.user.language) await switchLanguage(me.user.language);
      setMe(me);
      const next = search.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/');
    } catch (caught) {
      if (caught instanceof ProblemError && caught.problem.code === 'second-factor-required') {
        setNeedsCode(true);
      } else {
        setError(caught);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <CentredCard title={t('signIn.title')}>
      {search.get('reset') === 'done' && <Alert color="teal">{t('signIn.resetDone')}</Alert>}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={error} />
          <TextInput
            label={t('common.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldError(error, 'email')}
          />
          <PasswordInput
            label={t('common.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fieldError(error, 'password')}
          />
          {needsCode && (
            <TextInput
              label={t('signIn.code')}
              description={t('signIn.codeHelp')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              autoFocus
              value={code}
              onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
              error={fieldError(error, 'code')}
            />
          )}
          <Button type="submit" loading={busy} fullWidth>
            {t('signIn.submit')}
          </Button>
          <Anchor href="/forgot-password" size="sm">
            {t('signIn.forgot')}
          </Anchor>
        </Stack>
      </form>
    </CentredCard>
  );
}
