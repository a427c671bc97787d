import { Alert, Button, Code, CopyButton, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post, remove } from '../../api/client.ts';
import type { ApiToken, CreatedApiToken, Items } from '../../api/types.ts';
import { formatDate } from '../../i18n/index.ts';
import { fieldError, ProblemAlert } from '../../components/problem-alert.tsx';
import { useAction } from '../../components/use-action.ts';
import { Section } from './section.tsx';

const lifetimes = ['30', '90', '365', ''] as const;

export function ApiTokens() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => get<Items<ApiToken>>('/me/tokens') });
  const [created, setCreated] = useState<CreatedApiToken>();
  const { error, run } = useAction();
  const revoke = (id: string) =>
    void run(async () => {
      await remove(`/me/tokens/${id}`);
      await client.invalidateQueries({ queryKey: ['tokens'] });
    });

  return (
    <Section title={t('profile.tokens')}>
      <Text size="sm">{t('profile.tokensHelp')}</Text>
      {created && <NewToken token={created} />}
      <NewTokenForm
        onCreated={(token) => {
          setCreated(token);
          void client.invalidateQueries({ queryKey: ['tokens'] });
        }}
      />
      <ProblemAlert
        error={error ?? tokens.error}
        onRetry={tokens.isError ? () => void tokens.refetch() : undefined}
      />
      {tokens.data?.items.length === 0 && <Text size="sm">{t('profile.noTokens')}</Text>}
      <Stack gap="xs">
        {tokens.data?.items.map((token) => (
          <TokenRow key={token.id} token={token} onRevoke={() => revoke(token.id)} />
        ))}
      </Stack>
    </Section>
  );
}

/** The token itself, shown once: the server keeps only its hash. */
function NewToken({ token }: { token: CreatedApiToken }) {
  const { t } = useTranslation();
  return (
    <Alert color="blue" variant="outline" title={t('profile.tokenShown')}>
      <Stack gap="xs">
        <TextInput
          label={t('profile.tokenValue', { name: token.name })}
          value={token.token}
          readOnly
          onFocus={(event) => event.currentTarget.select()}
          styles={{ input: { fontFamily: 'monospace' } }}
        />
        <CopyButton value={token.token}>
          {({ copied, copy }) => (
            <Button size="xs" w="fit-content" onClick={copy}>
              {copied ? t('profile.tokenCopied') : t('profile.tokenCopy')}
            </Button>
          )}
        </CopyButton>
      </Stack>
    </Alert>
  );
}

function NewTokenForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [lifetime, setLifetime] = useState<(typeof lifetimes)[number]>('90');
  const { error, busy, run } = useAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const body = lifetime ? { name, expiresInDays: Number(lifetime) } : { name };
      onCreated(await post<CreatedApiToken>('/me/tokens', body));
      setName('');
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <ProblemAlert error={error} fields={['name', 'expiresInDays']} />
        <Group align="end" wrap="wrap" gap="xs">
          <TextInput
            label={t('profile.tokenName')}
            description={t('profile.tokenNameHelp')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(error, 'name')}
          />
          <NativeSelect
            label={t('profile.tokenLifetime')}
            value={lifetime}
            data={lifetimes.map((days) => ({
              value: days,
              label: days ? t('profile.tokenDays', { days }) : t('profile.tokenForever'),
            }))}
            onChange={(e) => setLifetime(e.currentTarget.value as (typeof lifetimes)[number])}
          />
          <Button type="submit" loading={busy}>
            {t('profile.tokenCreate')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TokenRow({ token, onRevoke }: { token: ApiToken; onRevoke: () => void }) {
  const { t, i18n } = useTranslation();
  const date = (value: string) => formatDate(value, i18n.language);
  return (
    <Group justify="space-between" wrap="wrap" gap="xs">
      <Stack gap={0} style={{ minWidth: 0, flex: '1 1 12rem' }}>
        <Text size="sm" fw={600}>
          {token.name} <Code dir="ltr">{token.prefix}…</Code>
        </Text>
        <Text size="xs" c="dimmed">
          {[
            t('profile.tokenCreated', { when: date(token.createdAt) }),
            t('profile.tokenUsed', { when: token.lastUsedAt ? date(token.lastUsedAt) : t('common.never') }),
            token.expiresAt
              ? t('profile.tokenExpires', { when: date(token.expiresAt) })
              : t('profile.tokenForever'),
          ].join(' · ')}
        </Text>
      </Stack>
      <Button size="xs" color="red" variant="outline" onClick={onRevoke}>
        {t('profile.tokenRevoke')}
      </Button>
    </Group>
  );
}
