import { Anchor, Group, Paper, Stack, Table, Text, Title, useDirection } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { get } from '../../../web/api/client.ts';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { labelOf, localeOf, registerStatusList, useTaxonomies } from './shared.tsx';
import type { RegisterStatus, RenewalDashboard } from './types.ts';

const barColour: Record<RegisterStatus, string> = { current: '#087f5b', due: '#f08c00', lapsed: '#c92a2a' };
const listOf = (params: Record<string, string>) => `/register?${new URLSearchParams(params).toString()}`;

/** For coordinators: how many profiles are current, due for renewal or lapsed, and where. */
export default function RenewalsPage() {
  const { t, i18n } = useTranslation();
  const { dir } = useDirection();
  const dashboard = useQuery({
    queryKey: ['register', 'renewals'],
    queryFn: () => get<RenewalDashboard>('/register/renewals'),
  });
  const taxonomies = useTaxonomies('register');
  const data = dashboard.data;
  const number = (value: number) => value.toLocaleString(localeOf(i18n.language));
  const total = data ? registerStatusList.reduce((sum, status) => sum + data.counts[status], 0) : 0;
  // The places come by name (an island or a province); their ids make the links to the list.
  const placeId = (name: string) =>
    taxonomies.data?.places.find((place) => place.name === name && place.level !== 'country')?.id;

  const countLink = (count: number, params: Record<string, string>) =>
    count > 0 ? (
      <Anchor component={Link} href={listOf(params)}>
        {number(count)}
      </Anchor>
    ) : (
      number(count)
    );

  return (
    <Stack maw={760}>
      <Anchor component={Link} href="/register" size="sm" w="fit-content">
        {t('register.back')}
      </Anchor>
      <Title order={1}>{t('register.renewals.title')}</Title>
      <Text>{t('register.renewals.help')}</Text>
      <ProblemAlert error={dashboard.error} />
      {dashboard.isLoading && <PageLoader />}
      {data && (
        <>
          <Paper withBorder p="md" component="section" aria-labelledby="renewals-counts">
            <Stack gap="sm">
              <Title order={2} size="h4" id="renewals-counts">
                {t('register.renewals.counts', { count: total })}
              </Title>
              {registerStatusList.map((status) => {
                const count = data.counts[status];
                const share = total > 0 ? count / total : 0;
                return (
                  <Group key={status} wrap="nowrap" gap="sm">
                    <Anchor
                      component={Link}
                      href={listOf({ status })}
                      style={{ flex: '0 0 7.5rem' }}
                      size="sm"
                    >
                      {t(`register.status.${status}`)}
                    </Anchor>
                    <svg
                      aria-hidden="true"
                      viewBox="0 0 100 10"
                      preserveAspectRatio="none"
                      style={{
                        flex: 1,
                        minWidth: 0,
                        height: 16,
                        transform: dir === 'rtl' ? 'scaleX(-1)' : undefined,
                      }}
                    >
                      <rect x={0} y={0} width={100} height={10} fill="#f1f3f5" />
                      <rect x={0} y={0} width={share * 100} height={10} fill={barColour[status]} />
                    </svg>
                    <Text
                      size="sm"
                      fw={600}
                      style={{ flex: '0 0 auto', minWidth: '4.5rem', textAlign: 'end' }}
                    >
                      {number(count)} ({Math.round(share * 100)}%)
                    </Text>
                  </Group>
                );
              })}
            </Stack>
          </Paper>

          <Stack gap="xs" component="section" aria-labelledby="renewals-by-place">
            <Title order={2} size="h4" id="renewals-by-place">
              {t('register.renewals.byPlace')}
            </Title>
            {data.byPlace.length === 0 ? (
              <Text size="sm">{t('register.renewals.none')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={300}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('register.place')}</Table.Th>
                      <Table.Th scope="col">{t('register.status.due')}</Table.Th>
                      <Table.Th scope="col">{t('register.status.lapsed')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.byPlace.map((row) => {
                      const place = placeId(row.place);
                      const filter = (status: RegisterStatus): Record<string, string> =>
                        place ? { status, place } : { status, q: row.place };
                      return (
                        <Table.Tr key={row.place}>
                          <Table.Th scope="row" fw={400}>
                            {row.place}
                          </Table.Th>
                          <Table.Td>{countLink(row.due, filter('due'))}</Table.Td>
                          <Table.Td>{countLink(row.lapsed, filter('lapsed'))}</Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>

          <Stack gap="xs" component="section" aria-labelledby="renewals-by-kind">
            <Title order={2} size="h4" id="renewals-by-kind">
              {t('register.renewals.byKind')}
            </Title>
            {data.byKind.length === 0 ? (
              <Text size="sm">{t('register.renewals.none')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={300}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('register.kind')}</Table.Th>
                      <Table.Th scope="col">{t('register.status.due')}</Table.Th>
                      <Table.Th scope="col">{t('register.status.lapsed')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.byKind.map((row) => (
                      <Table.Tr key={row.kind}>
                        <Table.Th scope="row" fw={400}>
                          {labelOf(taxonomies.data?.kinds, row.kind)}
                        </Table.Th>
                        <Table.Td>{countLink(row.due, { status: 'due', kind: row.kind })}</Table.Td>
                        <Table.Td>{countLink(row.lapsed, { status: 'lapsed', kind: row.kind })}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>
        </>
      )}
    </Stack>
  );
}
