import { Alert, Anchor, Button, Checkbox, Stack, Text, TextInput } from '@mantine/core';
import '@mantine/core/styles/InlineInput.css';
import '@mantine/core/styles/Checkbox.css';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearch } from 'wouter';
import { get, post } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { CentredCard } from '../components/centred-card.tsx';
import { useDraft } from '../components/draft.ts';
import { MIN_PASSWORD_LENGTH, PasswordField } from '../components/password-field.tsx';
import { PageLoader } from '../components/page-loader.tsx';
import { fieldError, ProblemAlert } from '../components/problem-alert.tsx';
import { useAction } from '../components/use-action.ts';
import { settleLanguage, useSetMe } from '../session.ts';

/** First run: the one-time link from the server's console creates the agency and its administrator. */
export default function SetupPage() {
  const { t } = useTranslation();
  const token = new URLSearchParams(useSearch()).get('token') ?? '';
  const status = useQuery({ queryKey: ['setup'], queryFn: () => get<{ needed: boolean }>('/setup') });

  if (status.isPending) return <PageLoader />;
  if (status.isError) {
    return (
      <CentredCard title={t('setup.title')}>
        <ProblemAlert error={status.error} onRetry={() => void status.refetch()} />
      </CentredCard>
    );
  }
  if (!status.data.needed) {
    return (
      <CentredCard title={t('setup.title')}>
        <Alert color="teal" variant="outline" role="status">
          {t('setup.done')}
        </Alert>
        <Anchor component={Link} href="/sign-in">
          {t('setup.signIn')}
        </Anchor>
      </CentredCard>
    );
  }
  if (!token) {
    return (
      <CentredCard title={t('setup.title')}>
        <Text>{t('setup.noToken')}</Text>
      </CentredCard>
    );
  }
  return <SetupForm token={token} />;
}

function SetupForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const setMe = useSetMe();
  // Kept on this device until saved; the password never is.
  const [draft, update, clearDraft] = useDraft('setup', {
    agencyName: '',
    name: '',
    email: '',
    // A real deployment unless the person setting up says otherwise: it never takes demonstration data.
    demonstration: false,
  });
  const [password, setPassword] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const { error, busy, run } = useAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    setTooShort(password.length < MIN_PASSWORD_LENGTH);
    if (password.length < MIN_PASSWORD_LENGTH) return;
    void run(async () => {
      // Named one by one: a draft kept by an older Vaka may hold fields the server no longer takes.
      const { agencyName, name, email, demonstration } = draft;
      const me = await post<Me & { demonstrationJobId: string | null }>('/setup', {
        agencyName,
        name,
        email,
        demonstration: Boolean(demonstration),
        password,
        token,
      });
      clearDraft();
      setMe(await settleLanguage(me));
      // With demonstration data, the administrator lands where its progress bar shows.
      navigate(me.demonstrationJobId ? `/admin/demonstration-data?job=${me.demonstrationJobId}` : '/', {
        replace: true,
      });
    });
  }

  return (
    <CentredCard title={t('setup.title')}>
      <Text size="sm">{t('setup.intro')}</Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={error} fields={['agencyName', 'name', 'email', 'password']} />
          <TextInput
            label={t('setup.agencyName')}
            required
            autoComplete="organization"
            value={draft.agencyName}
            onChange={(e) => update({ agencyName: e.currentTarget.value })}
            error={fieldError(error, 'agencyName')}
          />
          <TextInput
            label={t('setup.yourName')}
            required
            autoComplete="name"
            value={draft.name}
            onChange={(e) => update({ name: e.currentTarget.value })}
            error={fieldError(error, 'name')}
          />
          <TextInput
            label={t('common.email')}
            type="email"
            required
            autoComplete="username"
            value={draft.email}
            onChange={(e) => update({ email: e.currentTarget.value })}
            error={fieldError(error, 'email')}
          />
          <PasswordField
            label={t('common.password')}
            description={t('reset.passwordHelp')}
            required
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={(tooShort && t('reset.tooShort')) || fieldError(error, 'password')}
          />
          <Checkbox
            label={t('setup.demo')}
            description={t('setup.demoHelp')}
            checked={draft.demonstration}
            onChange={(e) => update({ demonstration: e.currentTarget.checked })}
          />
          <Button type="submit" loading={busy}>
            {t('setup.submit')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('common.draftKept')}
          </Text>
        </Stack>
      </form>
    </CentredCard>
  );
}
