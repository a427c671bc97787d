import '@mantine/core/styles/Table.css';
import { Box, NativeSelect, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Principle, PrincipleTrend, Rating, TrendPoint } from './review-types.ts';

// Parts the reviews tab, the pool page and the portal share: rating principles 1 to 5 and
// reading each principle's trend, drawn like the pool chart (plain SVG, a table saying the same).

export type RatingDraft = Record<string, string>;

export const draftOf = (ratings: Rating[]): RatingDraft =>
  Object.fromEntries(ratings.map((r) => [r.principleId, String(r.rating)]));
export const ratingsOf = (draft: RatingDraft) =>
  Object.entries(draft)
    .filter(([, value]) => value !== '')
    .map(([principleId, value]) => ({ principleId, rating: Number(value) }));

/** One 1-5 choice per principle in use; a retired principle is not asked. */
export function RatingsInput({
  principles,
  value,
  onChange,
  error,
}: {
  principles: Principle[];
  value: RatingDraft;
  onChange: (value: RatingDraft) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const scale = ['', '1', '2', '3', '4', '5'].map((v) => ({
    value: v,
    label: v === '' ? '—' : t(`partnerships.reviews.scale.${v}`),
  }));
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        {t('partnerships.reviews.ratings')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('partnerships.reviews.ratingsHelp')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        {principles
          .filter((p) => !p.retired)
          .map((principle) => (
            <NativeSelect
              key={principle.id}
              label={principle.name}
              description={principle.description ?? undefined}
              value={value[principle.id] ?? ''}
              data={scale}
              onChange={(event) => onChange({ ...value, [principle.id]: event.currentTarget.value })}
            />
          ))}
      </SimpleGrid>
      {error && (
        <Text size="sm" c="red">
          {error}
        </Text>
      )}
    </Stack>
  );
}

const agencyColour = '#0b7285';
const organisationColour = '#e8590c';

/** A small line per side over the points; gaps where a side did not rate. */
function Sparkline({ points, label }: { points: TrendPoint[]; label: string }) {
  const width = 160;
  const height = 40;
  const step = points.length > 1 ? (width - 8) / (points.length - 1) : 0;
  const y = (rating: number) => height - 4 - ((rating - 1) / 4) * (height - 8);
  const line = (side: 'agency' | 'organisations') =>
    points
      .map((point, index) => [4 + index * step, point[side]] as const)
      .filter(([, value]) => value !== null)
      .map(([x, value]) => `${x},${y(value!)}`)
      .join(' ');
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={label}
      style={{ direction: 'ltr', flex: 'none' }}
    >
      <line x1={0} x2={width} y1={y(3)} y2={y(3)} stroke="#dee2e6" strokeDasharray="2 2" />
      {(['agency', 'organisations'] as const).map((side) => (
        <g key={side}>
          <polyline
            points={line(side)}
            fill="none"
            stroke={side === 'agency' ? agencyColour : organisationColour}
            strokeWidth={2}
          />
          {points.map((point, index) =>
            point[side] === null ? null : (
              <circle
                key={index}
                cx={4 + index * step}
                cy={y(point[side]!)}
                r={2.5}
                fill={side === 'agency' ? agencyColour : organisationColour}
              />
            ),
          )}
        </g>
      ))}
    </svg>
  );
}

/** Each principle's ratings over time, both sides: a sparkline and the figures in a table. */
export function TrendTable({
  trends,
  periodLabel,
}: {
  trends: PrincipleTrend[];
  periodLabel: (at: string) => string;
}) {
  const { t } = useTranslation();
  const periods = trends[0]?.points.map((p) => p.at) ?? [];
  if (trends.length === 0 || periods.length === 0)
    return <Text size="sm">{t('partnerships.reviews.noTrend')}</Text>;
  const cell = (value: number | null) => (value === null ? '—' : String(value));
  return (
    <Stack gap="xs">
      <Text size="sm">
        <span aria-hidden style={{ color: agencyColour, fontWeight: 700 }}>
          ━{' '}
        </span>
        {t('partnerships.reviews.agencySide')}{' '}
        <span aria-hidden style={{ color: organisationColour, fontWeight: 700, marginInlineStart: 12 }}>
          ━{' '}
        </span>
        {t('partnerships.reviews.organisationSide')}
      </Text>
      {/* Scrolls sideways on a narrow phone; focusable, so a keyboard can scroll it too. */}
      <Box
        style={{ overflowX: 'auto' }}
        tabIndex={0}
        role="region"
        aria-label={t('partnerships.reviews.trendTable')}
      >
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('partnerships.reviews.principle')}</Table.Th>
              <Table.Th>{t('partnerships.reviews.trend')}</Table.Th>
              {periods.map((at) => (
                <Table.Th key={at}>{periodLabel(at)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {trends.map((trend) => (
              <Table.Tr key={trend.principleId}>
                <Table.Td>{trend.name}</Table.Td>
                <Table.Td>
                  <Sparkline
                    points={trend.points}
                    label={t('partnerships.reviews.trendOf', { name: trend.name })}
                  />
                </Table.Td>
                {trend.points.map((point) => (
                  <Table.Td key={point.at} style={{ whiteSpace: 'nowrap' }}>
                    {cell(point.agency)} / {cell(point.organisations)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
      <Text size="xs" c="dimmed">
        {t('partnerships.reviews.trendHelp')}
      </Text>
    </Stack>
  );
}
