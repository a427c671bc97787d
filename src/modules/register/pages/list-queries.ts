import { infiniteQueryOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import { get } from '../../../web/api/client.ts';
import type { RegisterCounts, RegisterPage, Taxonomies } from './types.ts';

// The register list's requests, apart from its page: the route table imports them into the start
// chunk, so the list's first data is asked for as soon as /me allows, beside the page's code
// (decision 0029). No components here, or they would come along into every first load.

/** The lists (kinds, focus areas, places, ...) rarely change: fetched once a visit. */
export const taxonomiesQuery = (scope: 'register' | 'directory') =>
  queryOptions({
    queryKey: [scope, 'taxonomies'],
    queryFn: () => get<Taxonomies>(`/${scope}/taxonomies`),
    staleTime: 30 * 60_000,
  });

/** The search and the given filters from the address, as the API takes them. */
export function filtersOf(params: URLSearchParams, keys: readonly string[]) {
  const query = new URLSearchParams();
  for (const key of ['q', ...keys]) {
    const value = params.get(key);
    if (value) query.set(key, value);
  }
  return query;
}

/** The register list's filters, as they are named in the address. */
export const registerFilterKeys = ['kind', 'focusArea', 'population', 'place', 'status', 'sort'] as const;

/** One page of the register as filtered in the address, twenty at a time. */
export function organisationsQuery(params: URLSearchParams) {
  const query = filtersOf(params, registerFilterKeys);
  query.set('limit', '20');
  return infiniteQueryOptions({
    queryKey: ['register', 'organisations', query.toString()],
    queryFn: ({ pageParam }) => {
      const page = new URLSearchParams(query);
      if (pageParam) page.set('cursor', pageParam);
      return get<RegisterPage>(`/register/organisations?${page.toString()}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/**
 * How many match, in all and beside each filter: a request of its own, sent beside the first page,
 * so the list does not wait for it and further pages do not count again (decision 0024).
 */
export function countsQuery(params: URLSearchParams) {
  const filters = filtersOf(params, registerFilterKeys);
  filters.delete('sort');
  return queryOptions({
    queryKey: ['register', 'counts', filters.toString()],
    queryFn: () => get<RegisterCounts>(`/register/organisations/counts?${filters.toString()}`),
  });
}

/** The register list's first data, with the same keys its hooks use, so none is fetched twice. */
export function prefetchRegisterList(client: QueryClient, params: URLSearchParams) {
  void client.prefetchQuery(taxonomiesQuery('register'));
  void client.prefetchInfiniteQuery(organisationsQuery(params));
  void client.prefetchQuery(countsQuery(params));
}
