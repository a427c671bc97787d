// The agreements of one partnership as a party organisation sees them in the portal, with the
// code of conduct to acknowledge (issue 4 item 8). The portal partnership page includes it.
import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../../web/api/client.ts';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { AgreementFacts } from './agreements-tab.tsx';
import type { Agreement } from './agreement-types.ts';

export function PortalAgreements({
  organisationId,
  partnershipId,
}: {
  organisationId: string;
  partnershipId: string;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const base = `/partnerships/portal/${organisationId}/${partnershipId}/agreements`;
  const agreements = useQuery({
    queryKey: ['partnerships', 'portal-agreements', organisationId, partnershipId],
    queryFn: () => get<{ items: Agreement[] }>(base),
  });
  const acknowledging = useAction();
  const acknowledge = (agreement: Agreement) =>
    void acknowledging.run(async () => {
      await post(`${base}/${agreement.id}/acknowledgement`);
      await client.invalidateQueries({ queryKey: ['partnerships'] });
    });
  const items = agreements.data?.items ?? [];
  return (
    <Stack gap="sm">
      <ProblemAlert error={agreements.error ?? acknowledging.error} />
      {agreements.isSuccess && items.length === 0 && <Text>{t('partnerships.agreement.none')}</Text>}
      {items.map((agreement) => {
        const own = agreement.parties.find((party) => party.organisationId === organisationId);
        return (
          <Card key={agreement.id} withBorder padding="sm">
            <Stack gap="xs">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text fw={600}>{agreement.title}</Text>
                <Badge variant="outline" color="dark" radius="sm">
                  {t(`partnerships.agreementState.${agreement.state}`)}
                </Badge>
              </Group>
              <AgreementFacts agreement={agreement} downloadBase={base} />
              {agreement.conductTerms && own && !own.acknowledgement && (
                <Button
                  size="xs"
                  w="fit-content"
                  loading={acknowledging.busy}
                  onClick={() => acknowledge(agreement)}
                >
                  {t('partnerships.agreement.acknowledge')}
                </Button>
              )}
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}

export default PortalAgreements;
