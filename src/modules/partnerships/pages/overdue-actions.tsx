// Overdue actions of every joint action plan of the agency (issue 4 item 9), oldest first.
import '@mantine/core/styles/Table.css';
import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { get } from '../../../web/api/client.ts';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import type { OverdueAction } from './agreement-types.ts';
import { formatDate } from './shared.tsx';

export default function OverdueActions() {
  const { t, i18n } = useTranslation();
  const overdue = useQuery({
    queryKey: ['partnerships', 'overdue-actions'],
    queryFn: () => get<{ items: OverdueAction[] }>('/partnerships/overdue-actions'),
  });
  if (overdue.isLoading) return <PageLoader />;
  const items = overdue.data?.items ?? [];
  return (
    <Stack maw={960}>
      <Anchor component={Link} href="/partnerships" size="sm" w="fit-content">
        {t('partnerships.back')}
      </Anchor>
      <Title order={1}>{t('partnerships.overdue.title')}</Title>
      <ProblemAlert error={overdue.error} />
      {overdue.isSuccess && items.length === 0 && <Text>{t('partnerships.overdue.none')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('partnerships.plan.actionTitle')}</Table.Th>
                <Table.Th>{t('partnerships.overdue.partnership')}</Table.Th>
                <Table.Th>{t('partnerships.plan.owner')}</Table.Th>
                <Table.Th>{t('partnerships.plan.dueOn')}</Table.Th>
                <Table.Th>{t('partnerships.overdue.days')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((action) => (
                <Table.Tr key={action.id}>
                  <Table.Td>{action.title}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} href={`/partnerships/${action.partnershipId}?tab=plan`}>
                      {action.partnershipTitle}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{action.owner.name}</Table.Td>
                  <Table.Td>{formatDate(action.dueOn, i18n.language)}</Table.Td>
                  <Table.Td>{action.daysOverdue}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
