import { Alert, Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearch } from 'wouter';
import { get } from '../../../web/api/client.ts';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { StatusBadge } from './shared.tsx';
import type { PortalOrganisation } from './types.ts';

/** A CSO user's start: the organisations they act for. */
export default function PortalHomePage() {
  const { t } = useTranslation();
  const waiting = new URLSearchParams(useSearch()).has('waiting');
  const mine = useQuery({
    queryKey: ['portal', 'organisations'],
    queryFn: () => get<{ items: PortalOrganisation[] }>('/portal/organisations'),
  });
  return (
    <Stack maw={720}>
      <PageHeading>{t('portal.title')}</PageHeading>
      {waiting && (
        <Alert color="blue" variant="light">
          {t('portal.waitingForConfirmation')}
        </Alert>
      )}
      <ProblemAlert error={mine.error} onRetry={() => void mine.refetch()} />
      {mine.isLoading && <PageLoader />}
      {mine.data?.items.length === 0 && !waiting && <Text>{t('portal.none')}</Text>}
      {mine.data?.items.map((organisation) => (
        <Paper key={organisation.id} withBorder p="md">
          <Group justify="space-between" wrap="wrap">
            <Anchor component={Link} href={`/portal/${organisation.id}`} fw={600}>
              {organisation.legalName}
            </Anchor>
            <StatusBadge status={organisation.registerStatus} />
          </Group>
          <Text size="sm" c="dimmed">
            {t(`portal.role.${organisation.role}`)}
          </Text>
          <Anchor component={Link} href={`/portal/${organisation.id}/dialogue`} size="sm">
            {t('dialogue.portal.link')}
          </Anchor>
        </Paper>
      ))}
    </Stack>
  );
}
