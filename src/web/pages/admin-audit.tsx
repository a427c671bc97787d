import { Button, Card, Code, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client.ts';
import type { AuditEvent, Page } from '../api/types.ts';
import { ProblemAlert } from '../components/problem-alert.tsx';

type Filters = { action: string; entity: string; entityId: string; from: string; to: string };
const empty: Filters = { action: '', entity: '', entityId: '', from: '', to: '' };

function queryString(filters: Filters, cursor: string | null) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (cursor) params.set('cursor', cursor);
  params.set('limit', '30');
  return params.toString();
}

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<Filters>(empty);
  const [filters, setFilters] = useState<Filters>(empty);
  const events = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => get<Page<AuditEvent>>(`/audit?${queryString(filters, pageParam)}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const field = (key: keyof Filters, label: string, type = 'text') => (
    <TextInput
      label={label}
      type={type}
      size="xs"
      value={draft[key]}
      onChange={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}
    />
  );
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <Title order={1}>{t('audit.title')}</Title>
      <form onSubmit={submit} noValidate>
        <Group align="end" wrap="wrap" gap="xs">
          {field('action', t('audit.action'))}
          {field('entity', t('audit.entity'))}
          {field('entityId', t('audit.entityId'))}
          {field('from', t('audit.from'), 'date')}
          {field('to', t('audit.to'), 'date')}
          <Button type="submit" size="xs">
            {t('audit.filter')}
          </Button>
        </Group>
      </form>
      <ProblemAlert error={events.error} />
      {events.isSuccess && rows.length === 0 && <Text>{t('audit.empty')}</Text>}
      <Stack gap="xs">
        {rows.map((event) => (
          <Card key={event.id} withBorder padding="sm">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text fw={600}>{event.action}</Text>
              <Text size="sm" c="dimmed">
                {new Date(event.at).toLocaleString(i18n.language)}
              </Text>
            </Group>
            <Text size="sm">
              {t('audit.who')}: {event.actor.name} · {t('audit.what')}: {event.entity}{' '}
              <Code>{event.entityId}</Code>
            </Text>
            {(event.before != null || event.after != null) && (
              <details>
                <summary>{t('audit.details')}</summary>
                <Group align="start" grow wrap="wrap">
                  <Stack gap={2}>
                    <Text size="xs" fw={600}>
                      {t('audit.before')}
                    </Text>
                    <Code block>{JSON.stringify(event.before, null, 2)}</Code>
                  </Stack>
                  <Stack gap={2}>
                    <Text size="xs" fw={600}>
                      {t('audit.after')}
                    </Text>
                    <Code block>{JSON.stringify(event.after, null, 2)}</Code>
                  </Stack>
                </Group>
              </details>
            )}
          </Card>
        ))}
      </Stack>
      {events.hasNextPage && (
        <Button
          variant="outline"
          onClick={() => void events.fetchNextPage()}
          loading={events.isFetchingNextPage}
          w="fit-content"
        >
          {t('common.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
