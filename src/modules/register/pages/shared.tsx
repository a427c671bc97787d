import './styles.ts';
import { Badge, Button, Group, Text } from '@mantine/core';
import { useCallbackRef, useDebouncedCallback } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { get } from '../../../web/api/client.ts';
import { localeDate } from '../../../web/i18n/index.ts';
import { taxonomiesQuery } from './list-queries.ts';
import type { Organisation, Place, RegisterStatus, Term } from './types.ts';

// What the register's pages and the public directory share. Kept small: the directory loads it too.

export const registerStatusList: RegisterStatus[] = ['current', 'due', 'lapsed'];

/** Current, due or lapsed: the words say it, the colour only repeats it. Colours keep 4.5:1 contrast. */
export function StatusBadge({ status }: { status: RegisterStatus }) {
  const { t } = useTranslation();
  const color = status === 'current' ? 'teal.9' : status === 'due' ? 'yellow.3' : 'red.9';
  return (
    <Badge color={color} autoContrast radius="sm" style={{ flexShrink: 0 }}>
      {t(`register.status.${status}`)}
    </Badge>
  );
}

export function useTaxonomies(scope: 'register' | 'directory') {
  return useQuery(taxonomiesQuery(scope));
}

/** The label of a code, or the code itself while the lists load or when a term was retired. */
export const labelOf = (terms: Term[] | undefined, code: string) =>
  terms?.find((term) => term.code === code)?.label ?? code;

/** Places for a select: grouped by country, each below the country named with its island or province. */
export function placeOptions(places: Place[] = []) {
  const children = new Map<string | null, Place[]>();
  for (const place of places) {
    const siblings = children.get(place.parentId) ?? [];
    siblings.push(place);
    children.set(place.parentId, siblings);
  }
  const known = new Set(places.map((place) => place.id));
  const roots = places.filter((place) => !place.parentId || !known.has(place.parentId));
  return roots.map((root) => {
    const items = [{ value: root.id, label: root.name }];
    const visit = (place: Place, parent: Place) => {
      items.push({ value: place.id, label: parent === root ? place.name : `${place.name} (${parent.name})` });
      for (const child of children.get(place.id) ?? []) visit(child, place);
    };
    for (const child of children.get(root.id) ?? []) visit(child, root);
    return { group: root.name, items };
  });
}

/** A place with the places above it: "Takitumu, Rarotonga, Cook Islands". */
export function placePath(places: Place[] | undefined, place: Place) {
  const names = [place.name];
  let parentId = place.parentId;
  for (let guard = 0; parentId && guard < 10; guard++) {
    const parent = places?.find((candidate) => candidate.id === parentId);
    if (!parent) break;
    names.push(parent.name);
    parentId = parent.parentId;
  }
  return names.join(', ');
}

/** The locale for dates and numbers: Vaka's English is British (23 Nov 2026). */
export const localeOf = (language: string) => (language === 'en' ? 'en-GB' : language);

/** A date in the reader's language. */
export const formatDate = (iso: string | null | undefined, language: string) =>
  iso
    ? localeDate(new Date(iso), localeOf(language), { year: 'numeric', month: 'short', day: 'numeric' })
    : '—';

/** One organisation profile, shared by its page and its edit form. */
export function useOrganisation(id: string) {
  return useQuery({
    queryKey: ['register', 'organisation', id],
    queryFn: () => get<Organisation>(`/register/organisations/${id}`),
  });
}

/** How many match, read out when the counts arrive (they come after the list, decision 0024). */
export function MatchCount({ total, loading }: { total: number | undefined; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Text role="status" fw={600}>
      {total !== undefined ? t('register.list.count', { count: total }) : loading ? t('common.loading') : ''}
    </Text>
  );
}

/**
 * Filters kept in the address, so a filtered list can be bookmarked or sent to a colleague. The
 * search box writes its words there 300 ms after the last key, and follows the address when it
 * changes from outside (the back button, a shared link).
 */
export function useFiltersInAddress(path: string) {
  const search = useSearch();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(search);
  const q = params.get('q') ?? '';

  const [text, setText] = useState(q);
  const [seenQ, setSeenQ] = useState(q);
  if (q !== seenQ) {
    setSeenQ(q);
    if (q !== text.trim()) setText(q);
  }

  // The same functions from render to render, so the parts of the page that take them can be memo
  // components that an arriving answer does not redraw (decision 0028).
  const setParam = useCallbackRef((key: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('cursor');
    const query = next.toString();
    navigate(query ? `${path}?${query}` : path, { replace: true });
  });
  const clear = useCallbackRef(() => {
    setText('');
    navigate(path, { replace: true });
  });

  const searchFor = useDebouncedCallback((value: string) => setParam('q', value.trim()), 300);
  const onText = useCallbackRef((value: string) => {
    setText(value);
    searchFor(value);
  });
  return { params, q, setParam, clear, text, onText };
}

/** A website to link to: only http and https, whatever was stored. */
export const safeWebsite = (url: string | null | undefined) =>
  url && /^https?:\/\/[^\s]+$/i.test(url) ? url : undefined;

/** "Load more" under a list that pages with a cursor, with how many of how many are shown. */
export function LoadMore({
  hasMore,
  loading,
  onMore,
  shown,
  total,
}: {
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
  shown: number;
  /** Unknown while the counts are on their way. */
  total: number | undefined;
}) {
  const { t } = useTranslation();
  if (!hasMore) return null;
  return (
    <Group gap="sm">
      <Button variant="outline" onClick={onMore} loading={loading}>
        {t('common.loadMore')}
      </Button>
      {total !== undefined && (
        <Text size="sm" c="dimmed">
          {t('register.list.shown', { shown, total })}
        </Text>
      )}
    </Group>
  );
}
