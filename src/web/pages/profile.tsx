import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Image,
  NativeSelect,
  Paper,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { get, patch, post, put, remove } from '../api/client.ts';
import type { ApiToken, Items, Me, SessionInfo } from '../api/types.ts';
import { fieldError, ProblemAlert } from '../components/problem-alert.tsx';
import { languages, switchLanguage, type Language } from '../i18n/index.ts';
import { useMe, useSetMe } from '../session.ts';

function Section({ title, id, children }: { title: string; id?: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" id={id} component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/** Runs a form action with busy state and the server's problem kept for the fields. */
function useAction() {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }
  return { error, busy, run };
}

export default function ProfilePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <Stack maw={720}>
      <Title order={1}>{t('profile.title')}</Title>
      {me.mustSetUpSecondFactor && <Alert color="orange">{t('profile.securityRequired')}</Alert>}
      <SecondFactor me={me} />
      {!me.mustSetUpSecondFactor && (
        <>
          <Details me={me} />
          <ChangePassword />
          <Sessions />
          <Tokens />
        </>
      )}
    </Stack>
  );
}

function Details({ me }: { me: Me }) {
  const { t } = useTranslation();
  const setMe = useSetMe();
  const [name, setName] = useState(me.user.name);
  const [language, setLanguage] = useState<Language>(me.user.language ?? 'en');
  const [saved, setSaved] = useState(false);
  const { error, busy, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void run(async () => {
      setMe(await patch<Me>('/me', { name, language }));
      await switchLanguage(language);
      setSaved(true);
    });
  };
  return (
    <Section title={t('profile.details')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={error} />
          <TextInput
            label={t('common.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(error, 'name')}
          />
          <NativeSelect
            label={t('language.label')}
            value={language}
            data={languages.map((value) => ({ value, label: t(`language.${value}`) }))}
            onChange={(e) => setLanguage(e.currentTarget.value as Language)}
          />
          <Group>
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
            {saved && <Text role="status">{t('common.saved')}</Text>}
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [saved, setSaved] = useState(false);
  const { error, busy, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void run(async () => {
      await put('/me/password', { currentPassword, newPassword });
      setCurrent('');
      setNew('');
      setSaved(true);
    });
  };
  return (
    <Section title={t('profile.password')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={error} />
          <PasswordInput
            label={t('profile.currentPassword')}
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={fieldError(error, 'currentPassword')}
          />
          <PasswordInput
            label={t('profile.newPassword')}
            description={t('reset.passwordHelp')}
            autoComplete="new-password"
            value={newPassword}
            onChange={(e) => setNew(e.currentTarget.value)}
            error={fieldError(error, 'newPassword')}
          />
          <Group>
            <Button type="submit" loading={busy}>
              {t('profile.password')}
            </Button>
            {saved && <Text role="status">{t('common.saved')}</Text>}
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function SecondFactor({ me }: { me: Me }) {
  const { t } = useTranslation();
  const setMe = useSetMe();
  const [setup, setSetup] = useState<{ secret: string; qrCodeSvg: string }>();
  const [code, setCode] = useState('');
  const { error, busy, run } = useAction();
  const start = () => void run(async () => setSetup(await post('/me/second-factor')));
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      setMe(await post<Me>('/me/second-factor/confirm', { code }));
      setSetup(undefined);
      setCode('');
    });
  };
  const turnOff = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      setMe(await remove<Me>('/me/second-factor', { code }));
      setCode('');
    });
  };
  const codeInput = (
    <TextInput
      label={t('signIn.code')}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      value={code}
      onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
      error={fieldError(error, 'code')}
    />
  );
  return (
    <Section title={t('profile.security')} id="security">
      <ProblemAlert error={fieldError(error, 'code') ? undefined : error} />
      {me.user.secondFactorEnabled ? (
        <form onSubmit={turnOff} noValidate>
          <Stack gap="sm">
            <Text>{t('profile.securityOn')}</Text>
            {codeInput}
            <Button type="submit" color="red" variant="outline" loading={busy} w="fit-content">
              {t('profile.securityTurnOff')}
            </Button>
          </Stack>
        </form>
      ) : setup ? (
        <form onSubmit={confirm} noValidate>
          <Stack gap="sm">
            <Text size="sm">{t('profile.securityScan')}</Text>
            <Image
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qrCodeSvg)}`}
              alt=""
              w={180}
              h={180}
            />
            <Text size="sm">
              {t('profile.securityKey')}: <Code>{setup.secret}</Code>
            </Text>
            {codeInput}
            <Button type="submit" loading={busy} w="fit-content">
              {t('profile.securityConfirm')}
            </Button>
          </Stack>
        </form>
      ) : (
        <Stack gap="sm">
          <Text>{t('profile.securityOff')}</Text>
          <Button onClick={start} loading={busy} w="fit-content">
            {t('profile.securityStart')}
          </Button>
        </Stack>
      )}
    </Section>
  );
}

function Sessions() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const sessions = useQuery({
    queryKey: ['sessions'],
    queryFn: () => get<Items<SessionInfo>>('/me/sessions'),
  });
  const { error, run } = useAction();
  const end = (id: string) =>
    void run(async () => {
      await remove(`/me/sessions/${id}`);
      await client.invalidateQueries({ queryKey: ['sessions'] });
    });
  return (
    <Section title={t('profile.sessions')}>
      <ProblemAlert error={error ?? sessions.error} />
      <Stack gap="xs">
        {sessions.data?.items.map((session) => (
          <Group key={session.id} justify="space-between" wrap="wrap">
            <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
              <Text size="sm" truncate>
                {session.userAgent ?? '—'} {session.current && <strong>({t('profile.thisDevice')})</strong>}
              </Text>
              <Text size="xs" c="dimmed">
                {session.ip} ·{' '}
                {t('profile.lastSeen', { when: new Date(session.lastSeenAt).toLocaleString(i18n.language) })}
              </Text>
            </Stack>
            {!session.current && (
              <Button size="xs" variant="outline" onClick={() => end(session.id)}>
                {t('profile.endSession')}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Section>
  );
}

function Tokens() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => get<Items<ApiToken>>('/me/tokens') });
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string>();
  const { error, busy, run } = useAction();
  const create = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const token = await post<ApiToken & { token: string }>('/me/tokens', { name });
      setCreated(token.token);
      setName('');
      await client.invalidateQueries({ queryKey: ['tokens'] });
    });
  };
  const revoke = (id: string) =>
    void run(async () => {
      await remove(`/me/tokens/${id}`);
      await client.invalidateQueries({ queryKey: ['tokens'] });
    });
  return (
    <Section title={t('profile.tokens')}>
      <Text size="sm">{t('profile.tokensHelp')}</Text>
      <ProblemAlert error={fieldError(error, 'name') ? undefined : error} />
      {created && (
        <Alert color="orange" title={t('profile.tokenShown')}>
          <Group wrap="nowrap">
            <Code style={{ overflowWrap: 'anywhere' }}>{created}</Code>
            <CopyButton value={created}>
              {({ copied, copy }) => (
                <Button size="xs" onClick={copy}>
                  {copied ? t('profile.tokenCopied') : t('profile.tokenCopy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Alert>
      )}
      <form onSubmit={create} noValidate>
        <Group align="end">
          <TextInput
            label={t('profile.tokenName')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(error, 'name')}
          />
          <Button type="submit" loading={busy}>
            {t('profile.tokenCreate')}
          </Button>
        </Group>
      </form>
      {tokens.data && tokens.data.items.length === 0 && <Text size="sm">{t('profile.noTokens')}</Text>}
      {tokens.data && tokens.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={320}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('profile.tokenName')}</Table.Th>
                <Table.Th>{t('audit.when')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.items.map((token) => (
                <Table.Tr key={token.id}>
                  <Table.Td>
                    {token.name} <Code>{token.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>{new Date(token.createdAt).toLocaleDateString(i18n.language)}</Table.Td>
                  <Table.Td>
                    <Button size="xs" color="red" variant="outline" onClick={() => revoke(token.id)}>
                      {t('profile.tokenRevoke')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
