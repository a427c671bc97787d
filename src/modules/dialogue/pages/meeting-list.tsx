import { Anchor, Button, Card, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { get } from '../../../web/api/client.ts';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { can, useMe } from '../../../web/session.ts';
import { DialogueLinks, formatMeetingTime } from './shared.tsx';
import type { MeetingPage } from './types.ts';

/** Upcoming meetings soonest first; past ones latest first. */
export default function MeetingListPage() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const meetings = useInfiniteQuery({
    queryKey: ['dialogue', 'meetings', when],
    queryFn: ({ pageParam }) =>
      get<MeetingPage>(`/dialogue/meetings?when=${when}&limit=20${pageParam ? `&cursor=${pageParam}` : ''}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = meetings.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack maw={900}>
      <Group justify="space-between" align="flex-end">
        <PageHeading>{t('dialogue.meetings.title')}</PageHeading>
        <Group gap="sm">
          {can(me, 'dialogue:edit') && (
            <Button component={Link} href="/dialogue/meetings/new">
              {t('dialogue.meetings.new')}
            </Button>
          )}
        </Group>
        <DialogueLinks />
      </Group>
      <SegmentedControl
        w="fit-content"
        value={when}
        onChange={(value) => setWhen(value as 'upcoming' | 'past')}
        data={[
          { value: 'upcoming', label: t('dialogue.meetings.upcoming') },
          { value: 'past', label: t('dialogue.meetings.past') },
        ]}
      />
      <ProblemAlert error={meetings.error} onRetry={() => void meetings.refetch()} />
      {meetings.isLoading && <PageLoader />}
      {meetings.isSuccess && rows.length === 0 && <Text>{t('dialogue.meetings.none')}</Text>}
      <Stack gap="sm" component="ul" p={0} style={{ listStyle: 'none' }}>
        {rows.map((meeting) => (
          <Card key={meeting.id} withBorder component="li" padding="sm">
            <Anchor component={Link} href={`/dialogue/meetings/${meeting.id}`} fw={600}>
              {meeting.title}
            </Anchor>
            <Text size="sm">{formatMeetingTime(meeting, i18n.language)}</Text>
            {meeting.place && <Text size="sm">{meeting.place}</Text>}
          </Card>
        ))}
      </Stack>
      {meetings.hasNextPage && (
        <Button
          variant="default"
          w="fit-content"
          loading={meetings.isFetchingNextPage}
          onClick={() => void meetings.fetchNextPage()}
        >
          {t('common.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
