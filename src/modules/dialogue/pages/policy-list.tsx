import { Anchor, Button, Card, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { get } from '../../../web/api/client.ts';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { can, useMe } from '../../../web/session.ts';
import { DialogueLinks, formatDay, labelOf, ReviewBadge, useFocusAreas } from './shared.tsx';
import type { PolicyPage } from './types.ts';

const statuses = ['draft', 'in-force', 'under-review', 'retired'] as const;

/** The policy register: each policy's point of contact and next review, filtered (000 §8). */
export default function PolicyListPage() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const focusAreas = useFocusAreas();
  const [q, setQ] = useState('');
  const [settledQ] = useDebouncedValue(q.trim(), 300);
  const [focusArea, setFocusArea] = useState('');
  const [status, setStatus] = useState('');
  const [due, setDue] = useState('');
  const query = new URLSearchParams({ limit: '20' });
  if (settledQ) query.set('q', settledQ);
  if (focusArea) query.set('focusArea', focusArea);
  if (status) query.set('status', status);
  if (due) query.set('reviewWithinDays', due);
  const policies = useInfiniteQuery({
    queryKey: ['dialogue', 'policies', query.toString()],
    queryFn: ({ pageParam }) => {
      const page = new URLSearchParams(query);
      if (pageParam) page.set('cursor', pageParam);
      return get<PolicyPage>(`/dialogue/policies?${page.toString()}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = policies.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack maw={900}>
      <Group justify="space-between" align="flex-end">
        <PageHeading>{t('dialogue.policies.title')}</PageHeading>
        <Group gap="sm">
          {can(me, 'dialogue:edit') && (
            <Button component={Link} href="/dialogue/policies/new">
              {t('dialogue.policies.new')}
            </Button>
          )}
        </Group>
        <DialogueLinks />
      </Group>
      <Text>{t('dialogue.policies.help')}</Text>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('dialogue.policies.search')}
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
          style={{ flex: '1 1 14rem' }}
        />
        <NativeSelect
          label={t('dialogue.policy.focusAreas')}
          value={focusArea}
          onChange={(event) => setFocusArea(event.currentTarget.value)}
          data={[
            { value: '', label: t('dialogue.any') },
            ...(focusAreas.data ?? []).map((term) => ({ value: term.code, label: term.label })),
          ]}
        />
        <NativeSelect
          label={t('dialogue.policy.status')}
          value={status}
          onChange={(event) => setStatus(event.currentTarget.value)}
          data={[
            { value: '', label: t('dialogue.any') },
            ...statuses.map((s) => ({ value: s, label: t(`dialogue.status.${s}`) })),
          ]}
        />
        <NativeSelect
          label={t('dialogue.policies.reviewDue')}
          value={due}
          onChange={(event) => setDue(event.currentTarget.value)}
          data={[
            { value: '', label: t('dialogue.any') },
            { value: '0', label: t('dialogue.policies.overdue') },
            { value: '90', label: t('dialogue.policies.within', { count: 90 }) },
            { value: '365', label: t('dialogue.policies.within', { count: 365 }) },
          ]}
        />
      </Group>
      <ProblemAlert error={policies.error} onRetry={() => void policies.refetch()} />
      {policies.isLoading && <PageLoader />}
      {policies.isSuccess && rows.length === 0 && <Text>{t('dialogue.policies.none')}</Text>}
      <Stack gap="sm" component="ul" p={0} style={{ listStyle: 'none' }}>
        {rows.map((policy) => (
          <Card key={policy.id} withBorder component="li" padding="sm">
            <Stack gap={4}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Anchor component={Link} href={`/dialogue/policies/${policy.id}`} fw={600}>
                  {policy.title}
                </Anchor>
                <ReviewBadge overdue={policy.reviewOverdue} />
              </Group>
              <Text size="sm">
                {t(`dialogue.kind.${policy.kind}`)} · {t(`dialogue.status.${policy.status}`)} ·{' '}
                {policy.focusAreas.map((code) => labelOf(focusAreas.data, code)).join(', ')}
              </Text>
              <Text size="sm">
                {t('dialogue.policy.contact')}: {policy.contact.name} · {t('dialogue.policy.nextReview')}:{' '}
                {formatDay(policy.nextReviewOn, i18n.language)}
              </Text>
            </Stack>
          </Card>
        ))}
      </Stack>
      {policies.hasNextPage && (
        <Button
          variant="default"
          loading={policies.isFetchingNextPage}
          onClick={() => void policies.fetchNextPage()}
          w="fit-content"
        >
          {t('common.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
