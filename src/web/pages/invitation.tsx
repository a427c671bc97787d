import { Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { get, post } from '../api/client.ts';
import type { Me, Role } from '../api/types.ts';
import { CentredCard } from '../components/centred-card.tsx';
import { fieldError, ProblemAlert } from '../components/problem-alert.tsx';
import { useSetMe } from '../session.ts';

export default function InvitationPage() {
  const { t } = useTranslation();
  const token = new URLSearchParams(useSearch()).get('token') ?? '';
  const [, navigate] = useLocation();
  const setMe = useSetMe();
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () =>
      get<{ email: string; agencyName: string; role: Role }>(`/invitations/${encodeURIComponent(token)}`),
    retry: false,
  });
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      setMe(await post<Me>('/invitations/accept', { token, name, password }));
      navigate('/');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const data = invitation.data;
  return (
    <CentredCard title={t('invitation.title', { agency: data?.agencyName ?? '' })}>
      <ProblemAlert error={invitation.error} />
      {data && (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text size="sm">{t('invitation.intro', { role: t(`role.${data.role}`) })}</Text>
            <ProblemAlert error={error} />
            <TextInput label={t('common.email')} value={data.email} readOnly />
            <TextInput
              label={t('common.name')}
              required
              autoComplete="name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fieldError(error, 'name')}
            />
            <PasswordInput
              label={t('common.password')}
              description={t('reset.passwordHelp')}
              required
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={fieldError(error, 'password')}
            />
            <Button type="submit" loading={busy}>
              {t('invitation.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </CentredCard>
  );
}
