import { Anchor, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { get } from '../../../web/api/client.ts';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { RequestCard } from './decisions-tab.tsx';
import type { DecisionRequest } from './decision-types.ts';

/** A committee member's open requests, soonest deadline first, each votable where it stands. */
export default function MyDecisionsPage() {
  const { t } = useTranslation();
  const pending = useQuery({
    queryKey: ['partnerships', 'decisions', 'mine'],
    queryFn: () => get<{ items: DecisionRequest[] }>('/partnerships/decisions/mine'),
  });
  return (
    <Stack maw={960}>
      <Anchor component={Link} href="/partnerships" size="sm" w="fit-content">
        {t('partnerships.back')}
      </Anchor>
      <PageHeading>{t('partnerships.decisions.mine')}</PageHeading>
      <Text size="sm">{t('partnerships.decisions.mineHelp')}</Text>
      <ProblemAlert error={pending.error} />
      {pending.isLoading && <PageLoader />}
      {pending.data?.items.length === 0 && <Text>{t('partnerships.decisions.mineNone')}</Text>}
      {pending.data?.items.map((request) => (
        <Stack key={request.id} gap={4}>
          <Anchor
            component={Link}
            href={`/partnerships/${request.partnershipId}?tab=decisions`}
            fw={600}
            style={{ overflowWrap: 'anywhere' }}
          >
            {request.partnershipTitle}
          </Anchor>
          <RequestCard request={request} canEdit={false} />
        </Stack>
      ))}
    </Stack>
  );
}
