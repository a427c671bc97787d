import { Button, Stack, Text } from '@mantine/core';
import '@mantine/core/styles/Card.css';
import '@mantine/core/styles/Code.css';
import '@mantine/core/styles/SimpleGrid.css';
import '@mantine/core/styles/Table.css';
import { useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { get } from '../../api/client.ts';
import type { AuditEvent, Page } from '../../api/types.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { PageLoader } from '../../components/page-loader.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { AuditCards, AuditTable } from './events.tsx';
import { AuditFilters, filterNames, toQuery, type Filters } from './filters.tsx';

/** The audit browser: every change in the agency, newest first, filtered, a page at a time. */
export default function AuditPage() {
  const { t } = useTranslation();
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  // Filters live in the address, so a filtered view can be bookmarked or sent to a colleague.
  const filters = Object.fromEntries(filterNames.map((name) => [name, search.get(name) ?? ''])) as Filters;
  const wide = useMediaQuery('(min-width: 48em)', undefined, { getInitialValueInEffect: false });
  const events = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => get<Page<AuditEvent>>(`/audit?${toQuery(filters, pageParam)}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];
  const apply = (next: Filters) => {
    const params = new URLSearchParams(Object.entries(next).filter(([, value]) => value));
    navigate(`/admin/audit${params.size ? `?${params}` : ''}`);
  };

  return (
    <Stack>
      <PageHeading>{t('audit.title')}</PageHeading>
      <AuditFilters key={search.toString()} value={filters} onChange={apply} />
      <ProblemAlert error={events.error} onRetry={() => void events.refetch()} />
      {events.isPending && <PageLoader />}
      {events.isSuccess && rows.length === 0 && <Text>{t('audit.empty')}</Text>}
      {rows.length > 0 && (wide ? <AuditTable events={rows} /> : <AuditCards events={rows} />)}
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
