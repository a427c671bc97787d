import { Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { get } from '../../../web/api/client.ts';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { can, useMe } from '../../../web/session.ts';
import { DialogueLinks, usePlaces } from './shared.tsx';
import type { BodyPage } from './types.ts';

/** Boards, reference groups, expert panels, working groups and forums, with their current members. */
export default function BodyListPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const places = usePlaces();
  const bodies = useInfiniteQuery({
    queryKey: ['dialogue', 'bodies'],
    queryFn: ({ pageParam }) =>
      get<BodyPage>(`/dialogue/bodies?limit=50${pageParam ? `&cursor=${pageParam}` : ''}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = bodies.data?.pages.flatMap((page) => page.items) ?? [];
  const placeName = (id: string | null) => places.data?.find((place) => place.id === id)?.name;
  return (
    <Stack maw={900}>
      <Group justify="space-between" align="flex-end">
        <PageHeading>{t('dialogue.bodies.title')}</PageHeading>
        {can(me, 'dialogue:edit') && (
          <Button component={Link} href="/dialogue/bodies/new">
            {t('dialogue.bodies.new')}
          </Button>
        )}
      </Group>
      <DialogueLinks />
      <ProblemAlert error={bodies.error} onRetry={() => void bodies.refetch()} />
      {bodies.isLoading && <PageLoader />}
      {bodies.isSuccess && rows.length === 0 && <Text>{t('dialogue.bodies.none')}</Text>}
      <Stack gap="sm" component="ul" p={0} style={{ listStyle: 'none' }}>
        {rows.map((body) => (
          <Card key={body.id} withBorder component="li" padding="sm">
            <Anchor component={Link} href={`/dialogue/bodies/${body.id}`} fw={600}>
              {body.name}
            </Anchor>
            <Text size="sm">
              {t(`dialogue.bodyKind.${body.kind}`)} · {t(`dialogue.level.${body.level}`)}
              {body.placeId ? ` · ${placeName(body.placeId) ?? ''}` : ''} ·{' '}
              {t('dialogue.bodies.members', { count: body.currentMembers })}
            </Text>
          </Card>
        ))}
      </Stack>
      {bodies.hasNextPage && (
        <Button variant="default" w="fit-content" onClick={() => void bodies.fetchNextPage()}>
          {t('common.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
