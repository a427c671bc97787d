import { Alert, Anchor, Button, Checkbox, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { get, post } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { CentredCard } from '../components/centred-card.tsx';
import { useDraft } from '../components/draft.ts';
import { fieldError, ProblemAlert } from '../components/problem-alert.tsx';
import { useSetMe } from '../session.ts';

export default function SetupPage() {
  const { t } = useTranslation();
  const token = new URLSearchParams(useSearch()).get('token') ?? '';
  const [, navigate] = useLocation();
  const setMe = useSetMe();
  const status = useQuery({ queryKey: ['setup'], queryFn: () => get<{ needed: boolean }>('/setup') });
  // The password is never kept in the draft; the rest survives a dropped connection.
  const [draft, setDraft, clearDraft] = useDraft('setup', {
    agencyName: '',
    name: '',
    email: '',
    loadDemonstrationData: true,
  });
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const me = await post<Me>('/setup', { ...draft, password, token });
      clearDraft();
      setMe(me);
      navigate('/');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  if (status.data && !status.data.needed) {
    return (
      <CentredCard title={t('setup.title')}>
        <Alert color="teal">{t('setup.done')}</Alert>
        <Anchor href="/sign-in">{t('setup.signIn')}</Anchor>
      </CentredCard>
    );
  }

  return (
    <CentredCard title={t('setup.title')}>
      <Text size="sm">{t('setup.intro')}</Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={error} />
          <TextInput
            label={t('setup.agencyName')}
            required
            value={draft.agencyName}
            onChange={(e) => setDraft({ ...draft, agencyName: e.currentTarget.value })}
            error={fieldError(error, 'agencyName')}
          />
          <TextInput
            label={t('setup.yourName')}
            required
            autoComplete="name"
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
            error={fieldError(error, 'name')}
          />
          <TextInput
            label={t('common.email')}
            type="email"
            required
            autoComplete="username"
            value={draft.email}
            onChange={(e) => setDraft({ ...draft, email: e.currentTarget.value })}
            error={fieldError(error, 'email')}
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
          <Checkbox
            label={t('setup.demo')}
            checked={draft.loadDemonstrationData}
            onChange={(e) => setDraft({ ...draft, loadDemonstrationData: e.currentTarget.checked })}
          />
          <Button type="submit" loading={busy}>
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </CentredCard>
  );
}
