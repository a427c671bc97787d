import { Button, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { get, post, ProblemError } from '../api/client.ts';
import type { InvitationPreview, Me } from '../api/types.ts';
import { CentredCard } from '../components/centred-card.tsx';
import { PageLoader } from '../components/page-loader.tsx';
import { MIN_PASSWORD_LENGTH, PasswordField } from '../components/password-field.tsx';
import { CodeInput } from '../components/code-input.tsx';
import { fieldError, ProblemAlert } from '../components/problem-alert.tsx';
import { useAction } from '../components/use-action.ts';
import { settleLanguage, useSetMe } from '../session.ts';

/** The page an invitation e-mail links to: choose a name and password, and be in. */
export default function InvitationPage() {
  const { t } = useTranslation();
  const token = new URLSearchParams(useSearch()).get('token') ?? '';
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => get<InvitationPreview>(`/invitations/${encodeURIComponent(token)}`),
    enabled: token.length > 0,
    retry: false,
  });

  if (token && invitation.isPending) return <PageLoader />;
  if (!invitation.data) {
    return (
      <CentredCard title={t('invitation.invalid')}>
        {invitation.error ? (
          <ProblemAlert error={invitation.error} onRetry={() => void invitation.refetch()} />
        ) : (
          <Text>{t('invitation.noToken')}</Text>
        )}
      </CentredCard>
    );
  }
  return <AcceptForm token={token} invitation={invitation.data} />;
}

function AcceptForm({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const setMe = useSetMe();
  const existing = invitation.existingAccount ?? false;
  const [name, setName] = useState('');
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
        const me = await post<Me>('/invitations/accept', {
          token,
          password,
          ...(existing ? {} : { name }),
          ...(needsCode ? { code } : {}),
        });
        setMe(await settleLanguage(me));
        navigate('/', { replace: true });
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
    <CentredCard title={t('invitation.title', { agency: invitation.agencyName })}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            {t(existing ? 'invitation.introExisting' : 'invitation.intro', {
              role: t(`role.${invitation.role}`),
            })}
          </Text>
          <ProblemAlert error={error} fields={['name', 'password', 'code']} />
          <TextInput label={t('common.email')} value={invitation.email} readOnly />
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
            {t('invitation.submit')}
          </Button>
        </Stack>
      </form>
    </CentredCard>
  );
}
