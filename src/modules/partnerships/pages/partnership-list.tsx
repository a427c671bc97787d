import { Anchor, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearch } from 'wouter';
import { get } from '../../../web/api/client.ts';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { can, useMe } from '../../../web/session.ts';
import { LevelBadge, placeChoices, StateBadge, useRegisterLists } from './shared.tsx';
import { continuumLevels, lifecycleStates, type PartnershipPage, type PartnershipSummary } from './types.ts';

// The filters live in the address, so a filtered list can be bookmarked or sent to a colleague.
const filterKeys = ['state', 'level', 'strategic', 'focusArea', 'place', 'organisation'] as const;

export default function PartnershipListPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const search = useSearch();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(search);
  const lists = useRegisterLists();

  const query = new URLSearchParams();
  for (const key of filterKeys) {
    const value = params.get(key);
    if (value) query.set(key, value);
  }
  query.set('limit', '20');
  const partnerships = useInfiniteQuery({
    queryKey: ['partnerships', 'list', query.toString()],
    queryFn: ({ pageParam }) => {
      const page = new URLSearchParams(query);
      if (pageParam) page.set('cursor', pageParam);
      return get<PartnershipPage>(`/partnerships?${page.toString()}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = partnerships.data?.pages.flatMap((page) => page.items) ?? [];

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    navigate(next.size ? `/partnerships?${next.toString()}` : '/partnerships', { replace: true });
  };
  const filter = (
    key: (typeof filterKeys)[number],
    label: string,
    data: { value: string; label: string }[],
  ) => (
    <NativeSelect
      label={label}
      size="sm"
      value={params.get(key) ?? ''}
      data={[{ value: '', label: t('partnerships.list.all') }, ...data]}
      onChange={(event) => setParam(key, event.currentTarget.value)}
    />
  );
  const filtered = filterKeys.some((key) => params.get(key));

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <PageHeading>{t('partnerships.title')}</PageHeading>
        <Group gap="xs">
          {can(me, 'partnerships:edit') && (
            <Button component={Link} href="/partnerships/new">
              {t('partnerships.new')}
            </Button>
          )}
          <Button component={Link} href="/partnerships/board" variant="outline">
            {t('partnerships.board.title')}
          </Button>
          <Button component={Link} href="/partnerships/pool" variant="outline">
            {t('partnerships.pool.title')}
          </Button>
          <Button component={Link} href="/partnerships/my-decisions" variant="outline">
            {t('partnerships.decisions.mine')}
          </Button>
          <Button component={Link} href="/partnerships/committee" variant="outline">
            {t('partnerships.decisions.committee')}
          </Button>
          <Button component={Link} href="/partnerships/reviews" variant="outline">
            {t('partnerships.reviewsLink')}
          </Button>
          {can(me, 'partnerships:edit') && (
            <Button component={Link} href="/partnerships/due-diligence-templates" variant="outline">
              {t('partnerships.templates.title')}
            </Button>
          )}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="xs" verticalSpacing="xs">
        {filter(
          'state',
          t('partnerships.stateLabel'),
          lifecycleStates.map((state) => ({ value: state, label: t(`partnerships.state.${state}`) })),
        )}
        {filter(
          'level',
          t('partnerships.levelLabel'),
          continuumLevels.map((level) => ({ value: level, label: t(`partnerships.level.${level}`) })),
        )}
        {filter('strategic', t('partnerships.strategicLabel'), [
          { value: 'yes', label: t('partnerships.strategic.yes') },
          { value: 'no', label: t('partnerships.strategic.no') },
          { value: 'unknown', label: t('partnerships.strategic.unknown') },
        ])}
        {filter(
          'focusArea',
          t('partnerships.focusArea'),
          (lists.data?.focusAreas ?? []).map((term) => ({ value: term.code, label: term.label })),
        )}
        {filter('place', t('partnerships.place'), placeChoices(lists.data?.places))}
      </SimpleGrid>
      {filtered && (
        <Button variant="subtle" w="fit-content" onClick={() => navigate('/partnerships', { replace: true })}>
          {t('partnerships.list.clear')}
        </Button>
      )}
      <ProblemAlert error={partnerships.error ?? lists.error} />
      {partnerships.isLoading && (
        <Text role="status" fw={600}>
          {t('common.loading')}
        </Text>
      )}
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {rows.map((row) => (
          <PartnershipCard key={row.id} partnership={row} />
        ))}
      </Stack>
      {partnerships.isSuccess && rows.length === 0 && <Text>{t('partnerships.list.empty')}</Text>}
      {partnerships.hasNextPage && (
        <Button
          variant="outline"
          w="fit-content"
          onClick={() => void partnerships.fetchNextPage()}
          loading={partnerships.isFetchingNextPage}
        >
          {t('common.loadMore')}
        </Button>
      )}
    </Stack>
  );
}

function PartnershipCard({ partnership }: { partnership: PartnershipSummary }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" component="li">
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="start" gap="xs">
          <Title order={2} size="h5" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
            <Anchor component={Link} href={`/partnerships/${partnership.id}`} inherit>
              {partnership.title}
            </Anchor>
          </Title>
          <StateBadge state={partnership.state} />
        </Group>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {partnership.parties.map((party) => party.legalName).join(' · ')}
        </Text>
        <Group gap="xs">
          <LevelBadge level={partnership.level} />
          <Text size="xs" c="dimmed">
            {t(`partnerships.formKind.${partnership.form}`)} ·{' '}
            {t(`partnerships.formality.${partnership.formality}`)}
            {partnership.strategic === true && ` · ${t('partnerships.strategic.yes')}`}
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}
