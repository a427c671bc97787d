import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearch } from 'wouter';
import { post, ProblemError } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { CentredCard } from '../components/centred-card.tsx';
import { PasswordField } from '../components/password-field.tsx';
import { CodeInput } from '../components/code-input.tsx';
import { fieldError, ProblemAlert } from '../components/problem-alert.tsx';
import { useAction } from '../components/use-action.ts';
import { settleLanguage, useSetMe } from '../session.ts';

/** Only a path of this site: `next` must not send anyone elsewhere after signing in. */
const safeNext = (next: string | null) => (next && /^\/(?!\/)/.test(next) ? next : '/');

export function SignInPage() {
  const { t } = useTranslation();
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const setMe = useSetMe();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const { error, setError, busy, run } = useAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      try {
        const me = await post<Me>('/session', { email, password, ...(needsCode ? { code } : {}) });
        setMe(await settleLanguage(me));
        navigate(safeNext(search.get('next')), { replace: true });
      } catch (caught) {
        // The password was right; the account also wants the code from the authenticator app.
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
    <CentredCard title={t('signIn.title')}>
      {search.get('reset') === 'done' && (
        <Alert color="teal" role="status" variant="outline">
          {t('signIn.resetDone')}
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={error} fields={['email', 'password', 'code']} />
          <TextInput
            label={t('common.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldError(error, 'email')}
          />
          <PasswordField
            label={t('common.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fieldError(error, 'password')}
          />
          {needsCode && (
            <CodeInput autoFocus value={code} onChange={setCode} error={fieldError(error, 'code')} />
          )}
          <Button type="submit" loading={busy} fullWidth>
            {t('signIn.submit')}
          </Button>
          <Anchor component={Link} href="/forgot-password" size="sm">
            {t('signIn.forgot')}
          </Anchor>
          <Anchor component={Link} href="/portal/sign-up" size="sm">
            {t('signIn.actForOrganisation')}
          </Anchor>
        </Stack>
      </form>
    </CentredCard>
  );
}
