import { Anchor, Button, Card, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useQuery,
  type QueryClient,
} from '@tanstack/react-query';
import { memo, useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { get } from '../../../web/api/client.ts';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { PublicFrame } from './public-frame.tsx';
import { filtersOf, taxonomiesQuery } from './list-queries.ts';
import {
  labelOf,
  placeOptions,
  useFiltersInAddress,
  useTaxonomies,
  LoadMore,
  MatchCount,
} from './shared.tsx';
import type { DirectoryCounts, DirectoryPage, Taxonomies } from './types.ts';

/** One page of the public profiles as filtered in the address, twenty at a time. */
function directoryQuery(params: URLSearchParams) {
  const query = filtersOf(params, ['place', 'focusArea']);
  query.set('limit', '20');
  return infiniteQueryOptions({
    queryKey: ['directory', 'organisations', query.toString()],
    queryFn: ({ pageParam }) => {
      const page = new URLSearchParams(query);
      if (pageParam) page.set('cursor', pageParam);
      return get<DirectoryPage>(`/directory/organisations?${page.toString()}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** How many match: its own request beside the list, which does not wait for it (decision 0024). */
function countsQuery(params: URLSearchParams) {
  const filters = filtersOf(params, ['place', 'focusArea']).toString();
  return queryOptions({
    queryKey: ['directory', 'counts', filters],
    queryFn: () => get<DirectoryCounts>(`/directory/organisations/counts?${filters}`),
  });
}

/** Asked for as soon as the page's code is there, before the page first renders (decision 0023). */
export function prefetch(client: QueryClient, params: URLSearchParams) {
  void client.prefetchQuery(taxonomiesQuery('directory'));
  void client.prefetchInfiniteQuery(directoryQuery(params));
  void client.prefetchQuery(countsQuery(params));
}

/** The public directory: anyone may search the organisations' public profiles without signing in. */
export default function DirectoryListPage() {
  const { t } = useTranslation();
  const { params, q, setParam, clear, text, onText } = useFiltersInAddress('/directory');
  const taxonomies = useTaxonomies('directory');
  const organisations = useInfiniteQuery(directoryQuery(params));
  const counts = useQuery(countsQuery(params));
  // What arrives is drawn in the background, a few milliseconds at a time (decision 0023).
  const list = useDeferredValue(organisations.data);
  const terms = useDeferredValue(taxonomies.data);
  const first = list?.pages[0];
  const rows = list?.pages.flatMap((page) => page.items) ?? [];
  const filtered = q !== '' || Boolean(params.get('place') || params.get('focusArea'));

  return (
    <PublicFrame>
      <Stack>
        <Title order={1}>{t('directory.title')}</Title>
        <Text>{t('directory.intro')}</Text>
        <form role="search" onSubmit={(event) => event.preventDefault()}>
          <Stack gap="sm">
            <TextInput
              type="search"
              label={t('directory.search')}
              value={text}
              onChange={(event) => onText(event.currentTarget.value)}
            />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" verticalSpacing="xs">
              <NativeSelect
                label={t('register.place')}
                value={params.get('place') ?? ''}
                data={[{ value: '', label: t('register.list.anywhere') }, ...placeOptions(terms?.places)]}
                onChange={(event) => setParam('place', event.currentTarget.value)}
              />
              <NativeSelect
                label={t('register.focusArea')}
                value={params.get('focusArea') ?? ''}
                data={[
                  { value: '', label: t('register.list.all') },
                  ...(terms?.focusAreas ?? []).map((term) => ({
                    value: term.code,
                    label: term.label,
                  })),
                ]}
                onChange={(event) => setParam('focusArea', event.currentTarget.value)}
              />
            </SimpleGrid>
            {filtered && (
              <Button variant="subtle" w="fit-content" onClick={clear}>
                {t('register.list.clear')}
              </Button>
            )}
          </Stack>
        </form>
        <ProblemAlert error={organisations.error ?? counts.error ?? taxonomies.error} />
        <MatchCount total={counts.data?.total} loading={organisations.isLoading || counts.isLoading} />
        {first?.matched === 'similar' && <Text size="sm">{t('register.list.similar')}</Text>}
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          <DirectoryCards pages={list?.pages} terms={terms} />
        </Stack>
        {first && rows.length === 0 && <Text>{t('register.list.empty')}</Text>}
        <LoadMore
          hasMore={Boolean(organisations.hasNextPage)}
          loading={organisations.isFetchingNextPage}
          onMore={() => void organisations.fetchNextPage()}
          shown={rows.length}
          total={counts.data?.total}
        />
      </Stack>
    </PublicFrame>
  );
}

/** The cards, drawn again only when the (deferred) rows or terms change (as on the register list). */
const DirectoryCards = memo(function DirectoryCards({
  pages,
  terms,
}: {
  pages: DirectoryPage[] | undefined;
  terms: Taxonomies | undefined;
}) {
  const rows = pages?.flatMap((page) => page.items) ?? [];
  return rows.map((organisation) => (
    <Card key={organisation.id} withBorder padding="sm" component="li">
      <Stack gap={4}>
        <Title order={2} size="h5" style={{ overflowWrap: 'anywhere' }}>
          <Anchor component={Link} href={`/directory/${organisation.id}`} inherit>
            {organisation.legalName}
            {organisation.acronym ? ` (${organisation.acronym})` : ''}
          </Anchor>
        </Title>
        <Text size="sm">
          {labelOf(terms?.kinds, organisation.kind)}
          {organisation.places.length > 0 && ` · ${organisation.places.join(', ')}`}
        </Text>
        {organisation.mission && (
          <Text size="sm" lineClamp={3}>
            {organisation.mission}
          </Text>
        )}
        {organisation.focusAreas.length > 0 && (
          <Text size="sm" c="dimmed">
            {organisation.focusAreas.map((code) => labelOf(terms?.focusAreas, code)).join(' · ')}
          </Text>
        )}
      </Stack>
    </Card>
  ));
});
