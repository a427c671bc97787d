import {
  Anchor,
  Button,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { memo, useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Me } from '../../../web/api/types.ts';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { can, useMe } from '../../../web/session.ts';
import {
  formatDate,
  labelOf,
  placeOptions,
  registerStatusList,
  StatusBadge,
  useFiltersInAddress,
  useTaxonomies,
  LoadMore,
  MatchCount,
} from './shared.tsx';
// The route asks for the list's first data itself, beside this page's code (decision 0029).
import { countsQuery, organisationsQuery, registerFilterKeys as filterKeys } from './list-queries.ts';
import type { RegisterCounts, RegisterPage, Taxonomies, Term } from './types.ts';

// The filters live in the address, so a filtered list can be bookmarked or sent to a colleague.
type Option = { value: string; label: string } | { group: string; items: { value: string; label: string }[] };
type FilterKey = (typeof filterKeys)[number];

export default function RegisterListPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const { params, setParam, clear, text, onText } = useFiltersInAddress('/register');
  const taxonomies = useTaxonomies('register');

  const organisations = useInfiniteQuery(organisationsQuery(params));
  const counts = useQuery(countsQuery(params));
  // What arrives is drawn in the background, a few milliseconds at a time (decision 0023), by the
  // memo parts below: an answer arriving redraws at once only this page's own few elements (0028).
  const list = useDeferredValue(organisations.data);
  const terms = useDeferredValue(taxonomies.data);
  const facets = useDeferredValue(counts.data?.facets);
  const first = list?.pages[0];
  const rows = list?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <Heading me={me} />
      <form role="search" onSubmit={(event) => event.preventDefault()}>
        <Stack gap="sm">
          <TextInput
            type="search"
            label={t('register.list.search')}
            description={t('register.list.searchHelp')}
            value={text}
            onChange={(event) => onText(event.currentTarget.value)}
          />
          <Filters
            search={params.toString()}
            terms={terms}
            facets={facets}
            setParam={setParam}
            clear={clear}
          />
        </Stack>
      </form>
      <ProblemAlert error={organisations.error ?? counts.error ?? taxonomies.error} />
      <MatchCount total={counts.data?.total} loading={organisations.isLoading || counts.isLoading} />
      {first?.matched === 'similar' && <Text size="sm">{t('register.list.similar')}</Text>}
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        <OrganisationCards pages={list?.pages} terms={terms} />
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
  );
}

/** The title and the links beside it: they change only with the person. */
const Heading = memo(function Heading({ me }: { me: Me | null | undefined }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" wrap="wrap" gap="xs">
      <Title order={1}>{t('register.title')}</Title>
      <Group gap="xs">
        {can(me, 'register:edit') && (
          <Button component={Link} href="/register/new">
            {t('register.new')}
          </Button>
        )}
        {can(me, 'register:edit') && (
          <Button component={Link} href="/register/import" variant="outline">
            {t('register.import.link')}
          </Button>
        )}
        <Button component={Link} href="/register/renewals" variant="outline">
          {t('register.renewals.title')}
        </Button>
        {can(me, 'register:review') && (
          <Button component={Link} href="/register/reviews" variant="outline">
            {t('reviews.link')}
          </Button>
        )}
      </Group>
    </Group>
  );
});

/** The six lists to narrow by, each term with how many match: drawn again when the address, the
 * (deferred) terms or the (deferred) counts change. */
const Filters = memo(function Filters({
  search,
  terms,
  facets,
  setParam,
  clear,
}: {
  search: string;
  terms: Taxonomies | undefined;
  facets: RegisterCounts['facets'] | undefined;
  setParam: (key: string, value: string) => void;
  clear: () => void;
}) {
  const { t } = useTranslation();
  const params = new URLSearchParams(search);
  const q = params.get('q') ?? '';
  const withCounts = (terms: Term[] = [], counts?: { code: string; count: number }[]) =>
    terms.map((term) => {
      const count = counts?.find((facet) => facet.code === term.code)?.count;
      return { value: term.code, label: count === undefined ? term.label : `${term.label} (${count})` };
    });
  const filter = (key: FilterKey, label: string, data: Option[], all: string) => (
    <NativeSelect
      label={label}
      size="sm"
      value={params.get(key) ?? ''}
      data={[{ value: '', label: all }, ...data]}
      onChange={(event) => setParam(key, event.currentTarget.value)}
    />
  );
  const statusCounts = registerStatusList.map((status) => {
    const count = facets?.status.find((facet) => facet.code === status)?.count;
    const label = t(`register.status.${status}`);
    return { value: status, label: count === undefined ? label : `${label} (${count})` };
  });
  const filtered = filterKeys.some((key) => key !== 'sort' && params.get(key)) || q !== '';

  return (
    <>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="xs" verticalSpacing="xs">
        {filter('kind', t('register.kind'), withCounts(terms?.kinds, facets?.kind), t('register.list.all'))}
        {filter(
          'focusArea',
          t('register.focusArea'),
          withCounts(terms?.focusAreas, facets?.focusArea),
          t('register.list.all'),
        )}
        {filter(
          'population',
          t('register.population'),
          withCounts(terms?.populations, facets?.population),
          t('register.list.all'),
        )}
        {filter('place', t('register.place'), placeOptions(terms?.places), t('register.list.anywhere'))}
        {filter('status', t('register.registerStatus'), statusCounts, t('register.list.all'))}
        {filter(
          'sort',
          t('register.list.sort'),
          q
            ? [
                { value: 'name', label: t('register.list.sortName') },
                { value: 'recent', label: t('register.list.sortRecent') },
              ]
            : [{ value: 'recent', label: t('register.list.sortRecent') }],
          q ? t('register.list.sortRelevance') : t('register.list.sortName'),
        )}
      </SimpleGrid>
      {filtered && (
        <Button variant="subtle" w="fit-content" onClick={clear}>
          {t('register.list.clear')}
        </Button>
      )}
    </>
  );
});

/**
 * The cards, drawn again only when the (deferred) rows or terms change. The counts, each filter and
 * each key typed re-render the page at once; without memo, all 20 cards were redrawn with it, in
 * one task (useDeferredValue only spares a child that memo keeps from redrawing).
 */
const OrganisationCards = memo(function OrganisationCards({
  pages,
  terms,
}: {
  pages: RegisterPage[] | undefined;
  terms: Taxonomies | undefined;
}) {
  const { t, i18n } = useTranslation();
  const rows = pages?.flatMap((page) => page.items) ?? [];
  return rows.map((organisation) => (
    <Card key={organisation.id} withBorder padding="sm" component="li">
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="start" gap="xs">
          <Title order={2} size="h5" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
            <Anchor component={Link} href={`/register/${organisation.id}`} inherit>
              {organisation.legalName}
              {organisation.acronym ? ` (${organisation.acronym})` : ''}
            </Anchor>
          </Title>
          <StatusBadge status={organisation.registerStatus} />
        </Group>
        <Text size="sm">
          {labelOf(terms?.kinds, organisation.kind)}
          {organisation.places.length > 0 && ` · ${organisation.places.join(', ')}`}
        </Text>
        {organisation.focusAreas.length > 0 && (
          <Text size="sm" c="dimmed">
            {organisation.focusAreas.map((code) => labelOf(terms?.focusAreas, code)).join(' · ')}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('register.lastConfirmed', {
            date: formatDate(organisation.lastConfirmedAt, i18n.language),
          })}
        </Text>
      </Stack>
    </Card>
  ));
});
