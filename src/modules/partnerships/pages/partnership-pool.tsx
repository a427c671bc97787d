import '@mantine/core/styles/Table.css';
import { Anchor, Box, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { get } from '../../../web/api/client.ts';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { localeOf } from './shared.tsx';
import { continuumLevels, type Pool } from './types.ts';

// Four shades of one hue, darkest for collaborating, so the order reads without a legend's colours;
// the legend and the table below say the same in words.
const shades = ['#99e9f2', '#3bc9db', '#1098ad', '#0b7285'];

/** The pool by continuum level over time (000 §1), as stacked bars and as a table. */
export default function PartnershipPoolPage() {
  const { t, i18n } = useTranslation();
  const [months, setMonths] = useState('12');
  const pool = useQuery({
    queryKey: ['partnerships', 'pool', months],
    queryFn: () => get<Pool>(`/partnerships/pool?months=${months}`),
  });
  const points = pool.data?.points ?? [];
  const month = (iso: string) =>
    new Date(iso).toLocaleDateString(localeOf(i18n.language), { month: 'short', year: '2-digit' });
  const totals = points.map((point) => continuumLevels.reduce((sum, level) => sum + point[level], 0));
  const highest = Math.max(1, ...totals);
  const width = 640;
  const height = 240;
  const bar = points.length ? width / points.length : width;
  return (
    <Stack maw={900}>
      <Anchor component={Link} href="/partnerships" size="sm" w="fit-content">
        {t('partnerships.back')}
      </Anchor>
      <PageHeading>{t('partnerships.pool.title')}</PageHeading>
      <Text size="sm">{t('partnerships.pool.help')}</Text>
      <NativeSelect
        label={t('partnerships.pool.months')}
        value={months}
        data={['6', '12', '24'].map((value) => ({
          value,
          label: t('partnerships.pool.lastMonths', { n: value }),
        }))}
        onChange={(event) => setMonths(event.currentTarget.value)}
        w="fit-content"
      />
      <ProblemAlert error={pool.error} />
      {pool.isLoading && <PageLoader />}
      {points.length > 0 && (
        <>
          <svg
            viewBox={`0 0 ${width} ${height + 20}`}
            width="100%"
            role="img"
            aria-label={t('partnerships.pool.chartLabel')}
            style={{ maxWidth: width, direction: 'ltr' }}
          >
            {points.map((point, index) => {
              let y = height;
              return (
                <g key={point.at}>
                  {continuumLevels.map((level, shade) => {
                    const h = (point[level] / highest) * (height - 10);
                    y -= h;
                    return (
                      <rect
                        key={level}
                        x={index * bar + bar * 0.15}
                        y={y}
                        width={bar * 0.7}
                        height={h}
                        fill={shades[shade]}
                      />
                    );
                  })}
                  <text x={index * bar + bar / 2} y={height + 14} fontSize="10" textAnchor="middle">
                    {month(point.at)}
                  </text>
                </g>
              );
            })}
          </svg>
          <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {continuumLevels.map((level, shade) => (
              <Text key={level} component="li" size="sm">
                <span
                  aria-hidden
                  style={{
                    display: 'inline-block',
                    width: 12,
                    height: 12,
                    background: shades[shade],
                    marginInlineEnd: 6,
                  }}
                />
                {t(`partnerships.level.${level}`)}
              </Text>
            ))}
          </Stack>
          {/* Scrolls sideways on a narrow phone; focusable, so a keyboard can scroll it too. */}
          <Box
            style={{ overflowX: 'auto' }}
            tabIndex={0}
            role="region"
            aria-label={t('partnerships.pool.tableLabel')}
          >
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('partnerships.pool.month')}</Table.Th>
                  {continuumLevels.map((level) => (
                    <Table.Th key={level}>{t(`partnerships.level.${level}`)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {points.map((point) => (
                  <Table.Tr key={point.at}>
                    <Table.Td>{month(point.at)}</Table.Td>
                    {continuumLevels.map((level) => (
                      <Table.Td key={level}>{point[level]}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Box>
        </>
      )}
    </Stack>
  );
}
