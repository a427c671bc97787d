import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Row = { field: string; before: unknown; after: unknown };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields that differ between before and after; every field when the record was made or removed. */
export function changedFields(before: unknown, after: unknown): Row[] {
  if (!isRecord(before) && !isRecord(after)) {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ field: '', before, after }];
  }
  const old = isRecord(before) ? before : {};
  const now = isRecord(after) ? after : {};
  return [...new Set([...Object.keys(old), ...Object.keys(now)])]
    .filter((field) => JSON.stringify(old[field]) !== JSON.stringify(now[field]))
    .map((field) => ({ field, before: old[field], after: now[field] }));
}

const shown = (value: unknown) =>
  value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value, null, 1);

/** Before and after of one audit event, side by side, only where something changed. */
export function AuditChanges({ before, after, id }: { before: unknown; after: unknown; id: string }) {
  const { t } = useTranslation();
  const rows = changedFields(before, after);
  if (rows.length === 0) {
    return (
      <Text size="sm" id={id}>
        {t('audit.noChanges')}
      </Text>
    );
  }
  return (
    <Table id={id} fz="xs" withTableBorder layout="fixed" verticalSpacing={4} horizontalSpacing={6}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('audit.field')}</Table.Th>
          <Table.Th>{t('audit.before')}</Table.Th>
          <Table.Th>{t('audit.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.field}>
            {/* Values are data (ids, codes, JSON) in their own direction, not the page's. */}
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{row.field || '—'}</Table.Td>
            <Table.Td dir="auto" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
              {shown(row.before)}
            </Table.Td>
            <Table.Td dir="auto" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
              {shown(row.after)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
