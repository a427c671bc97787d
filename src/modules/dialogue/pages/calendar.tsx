import { Anchor, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { get, post, remove } from '../../../web/api/client.ts';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { DialogueLinks, formatDay, formatMeetingTime, localeOf } from './shared.tsx';
import type { BodyPage } from './types.ts';

type CalendarEvent = {
  kind: 'meeting' | 'review' | 'deadline';
  id: string;
  title: string;
  startsAt: string | null;
  endsAt: string | null;
  timeZone: string | null;
  day: string;
  place: string | null;
  path: string;
};
type Feed = { id: string; bodyId: string | null; bodyName: string | null; createdAt: string };

const monthStart = (offset: number) => {
  const today = new Date();
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset, 1));
};
const iso = (at: Date) => at.toISOString().slice(0, 10);

/** Meetings and review dates, three months at a time, and private subscription addresses. */
export default function CalendarPage() {
  const { t, i18n } = useTranslation();
  const [offset, setOffset] = useState(0);
  const from = monthStart(offset);
  const to = new Date(monthStart(offset + 3).getTime() - 86_400_000);
  const calendar = useQuery({
    queryKey: ['dialogue', 'calendar', iso(from), iso(to)],
    queryFn: () => get<{ events: CalendarEvent[] }>(`/dialogue/calendar?from=${iso(from)}&to=${iso(to)}`),
  });
  const months = new Map<string, CalendarEvent[]>();
  for (const event of calendar.data?.events ?? []) {
    const key = event.day.slice(0, 7);
    months.set(key, [...(months.get(key) ?? []), event]);
  }
  const monthName = (key: string) =>
    new Date(`${key}-01T00:00:00Z`).toLocaleDateString(localeOf(i18n.language), {
      timeZone: 'UTC',
      month: 'long',
      year: 'numeric',
    });

  return (
    <Stack maw={900}>
      <PageHeading>{t('dialogue.calendar.title')}</PageHeading>
      <DialogueLinks />
      <Group gap="sm">
        <Button variant="default" onClick={() => setOffset(offset - 3)}>
          {t('dialogue.calendar.earlier')}
        </Button>
        <Text fw={600}>
          {formatDay(iso(from), i18n.language)} – {formatDay(iso(to), i18n.language)}
        </Text>
        <Button variant="default" onClick={() => setOffset(offset + 3)}>
          {t('dialogue.calendar.later')}
        </Button>
      </Group>
      <ProblemAlert error={calendar.error} onRetry={() => void calendar.refetch()} />
      {calendar.isLoading && <PageLoader />}
      {calendar.isSuccess && months.size === 0 && <Text>{t('dialogue.calendar.none')}</Text>}
      {[...months.entries()].map(([key, events]) => (
        <Stack key={key} gap="xs" component="section">
          <Title order={2} size="h4">
            {monthName(key)}
          </Title>
          {events.map((event) => (
            <Paper key={`${event.kind}-${event.id}`} withBorder p="sm">
              <Anchor component={Link} href={event.path} fw={600}>
                {event.kind === 'review'
                  ? t('dialogue.calendar.review', { title: event.title.replace(/^Review due: /, '') })
                  : event.kind === 'deadline'
                    ? t('dialogue.calendar.deadline', {
                        title: event.title.replace(/^Consultation closes: /, ''),
                      })
                    : event.title}
              </Anchor>
              <Text size="sm">
                {event.kind === 'meeting' && event.startsAt && event.endsAt && event.timeZone
                  ? formatMeetingTime(
                      { startsAt: event.startsAt, endsAt: event.endsAt, timeZone: event.timeZone },
                      i18n.language,
                    )
                  : formatDay(event.day, i18n.language)}
                {event.place ? ` · ${event.place}` : ''}
              </Text>
            </Paper>
          ))}
        </Stack>
      ))}
      <Subscriptions />
    </Stack>
  );
}

function Subscriptions() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const feeds = useQuery({
    queryKey: ['dialogue', 'feeds'],
    queryFn: () => get<{ feeds: Feed[] }>('/dialogue/calendar/feeds'),
  });
  const bodies = useQuery({
    queryKey: ['dialogue', 'bodies', 'all'],
    queryFn: () => get<BodyPage>('/dialogue/bodies?limit=200'),
  });
  const [bodyId, setBodyId] = useState('');
  const [address, setAddress] = useState<string>();
  const action = useAction();
  const create = () =>
    action.run(async () => {
      const created = await post<{ id: string; url: string }>('/dialogue/calendar/feeds', {
        bodyId: bodyId || null,
      });
      setAddress(created.url);
      await client.invalidateQueries({ queryKey: ['dialogue', 'feeds'] });
    });
  const revoke = (id: string) =>
    action.run(async () => {
      await remove(`/dialogue/calendar/feeds/${id}`);
      await client.invalidateQueries({ queryKey: ['dialogue', 'feeds'] });
    });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="subscribe-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="subscribe-heading">
          {t('dialogue.calendar.subscribe')}
        </Title>
        <Text size="sm">{t('dialogue.calendar.subscribeHelp')}</Text>
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t('dialogue.calendar.which')}
            value={bodyId}
            onChange={(e) => setBodyId(e.currentTarget.value)}
            data={[
              { value: '', label: t('dialogue.calendar.whole') },
              ...(bodies.data?.items ?? []).map((body) => ({ value: body.id, label: body.name })),
            ]}
          />
          <Button onClick={() => void create()} loading={action.busy}>
            {t('dialogue.calendar.create')}
          </Button>
        </Group>
        {address && (
          <Stack gap={4} role="status">
            <Text size="sm">{t('dialogue.calendar.shownOnce')}</Text>
            <TextInput
              readOnly
              label={t('dialogue.calendar.address')}
              value={address}
              onFocus={(event) => event.currentTarget.select()}
            />
          </Stack>
        )}
        <ProblemAlert error={action.error ?? feeds.error} />
        {(feeds.data?.feeds ?? []).map((feed) => (
          <Group key={feed.id} justify="space-between">
            <Text size="sm">
              {feed.bodyName ?? t('dialogue.calendar.whole')} · {formatDay(feed.createdAt, i18n.language)}
            </Text>
            <Button size="compact-sm" variant="default" onClick={() => void revoke(feed.id)}>
              {t('dialogue.calendar.revoke')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
