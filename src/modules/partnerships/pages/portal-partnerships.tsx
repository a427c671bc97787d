import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { get } from '../../../web/api/client.ts';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { formatDate, LevelBadge, StateBadge } from './shared.tsx';
import type { PartnershipSummary } from './types.ts';

/** In the portal: the partnerships the CSO's organisation is a party to, with any agency. */
export default function PortalPartnershipsPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams<{ id: string }>();
  const organisation = useQuery({
    queryKey: ['portal', 'organisation', id],
    queryFn: () => get<{ legalName: string }>(`/portal/organisations/${id}`),
  });
  const partnerships = useQuery({
    queryKey: ['portal', 'partnerships', id],
    queryFn: () => get<{ items: PartnershipSummary[] }>(`/partnerships/portal/${id}`),
  });
  return (
    <Stack maw={760}>
      <Anchor component={Link} href={`/portal/${id}`} size="sm" w="fit-content">
        {t('partnerships.portal.back')}
      </Anchor>
      <PageHeading>
        {organisation.data
          ? t('partnerships.portal.of', { name: organisation.data.legalName })
          : t('partnerships.portal.title')}
      </PageHeading>
      <ProblemAlert error={partnerships.error} onRetry={() => void partnerships.refetch()} />
      {partnerships.isLoading && <PageLoader />}
      {partnerships.data?.items.length === 0 && <Text>{t('partnerships.portal.none')}</Text>}
      {partnerships.data?.items.map((partnership) => (
        <Paper key={partnership.id} withBorder p="md">
          <Stack gap={4}>
            <Anchor component={Link} href={`/portal/${id}/partnerships/${partnership.id}`} fw={600}>
              {partnership.title}
            </Anchor>
            <Group gap="xs">
              <StateBadge state={partnership.state} />
              <LevelBadge level={partnership.level} />
              <Text size="sm">
                {formatDate(partnership.startsOn, i18n.language)} –{' '}
                {formatDate(partnership.endsOn, i18n.language)}
              </Text>
            </Group>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
