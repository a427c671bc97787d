import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import '@mantine/core/styles/Badge.css';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, remove } from '../../api/client.ts';
import type { Items, SessionInfo } from '../../api/types.ts';
import { formatDate } from '../../i18n/index.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useAction } from '../../components/use-action.ts';
import { Section } from './section.tsx';

/** "Firefox on Android" rather than a 120-character user agent. */
export function describeDevice(userAgent: string | null): string | undefined {
  if (!userAgent) return undefined;
  const browser = [/Edg\//, /OPR\//, /Firefox\//, /Chrome\//, /Safari\//].find((pattern) =>
    pattern.test(userAgent),
  );
  const names = new Map([
    [/Edg\//, 'Edge'],
    [/OPR\//, 'Opera'],
    [/Firefox\//, 'Firefox'],
    [/Chrome\//, 'Chrome'],
    [/Safari\//, 'Safari'],
  ]);
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : undefined;
  const name = browser ? names.get(browser) : undefined;
  return name && system ? `${name} · ${system}` : (name ?? system ?? userAgent.slice(0, 60));
}

export function Sessions() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const sessions = useQuery({
    queryKey: ['sessions'],
    queryFn: () => get<Items<SessionInfo>>('/me/sessions'),
  });
  const { error, busy, run } = useAction();
  const end = (id: string) =>
    void run(async () => {
      await remove(`/me/sessions/${id}`);
      await client.invalidateQueries({ queryKey: ['sessions'] });
    });

  return (
    <Section title={t('profile.sessions')}>
      <ProblemAlert
        error={error ?? sessions.error}
        onRetry={sessions.isError ? () => void sessions.refetch() : undefined}
      />
      <Stack gap="xs">
        {sessions.data?.items.map((session) => (
          <Group key={session.id} justify="space-between" wrap="wrap" gap="xs">
            <Stack gap={0} style={{ minWidth: 0, flex: '1 1 12rem' }}>
              <Group gap="xs">
                <Text size="sm">{describeDevice(session.userAgent) ?? t('profile.unknownDevice')}</Text>
                {session.current && (
                  <Badge size="sm" variant="outline">
                    {t('profile.thisDevice')}
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {[
                  session.ip,
                  t('profile.lastSeen', { when: formatDate(session.lastSeenAt, i18n.language, true) }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Stack>
            {!session.current && (
              <Button size="xs" variant="outline" loading={busy} onClick={() => end(session.id)}>
                {t('profile.endSession')}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Section>
  );
}
