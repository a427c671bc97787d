import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { get } from '../../../web/api/client.ts';

type PartnershipItem = { id: string; title: string; state: string };

/**
 * The partnerships that serve a policy (issue 4 item 1, issue 5 item 1), read through the
 * partnerships API's `policy` filter: pages never import another module's pages.
 */
export function ServingPartnerships({ policyId }: { policyId: string }) {
  const { t } = useTranslation();
  const partnerships = useQuery({
    queryKey: ['partnerships', 'list', { policy: policyId }],
    queryFn: () => get<{ items: PartnershipItem[] }>(`/partnerships?policy=${policyId}&limit=50`),
    retry: false,
  });
  // Without the partnerships module, or the right to read it, the section is left out.
  if (partnerships.isError) return null;
  return (
    <Stack gap={4} component="section">
      <Title order={2} size="h4">
        {t('dialogue.policy.partnerships')}
      </Title>
      {partnerships.data?.items.length === 0 && <Text size="sm">{t('dialogue.policy.noPartnerships')}</Text>}
      {partnerships.data?.items.map((partnership) => (
        <Anchor key={partnership.id} component={Link} href={`/partnerships/${partnership.id}`}>
          {partnership.title}
        </Anchor>
      ))}
    </Stack>
  );
}
