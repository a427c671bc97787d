import {
  Anchor,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../../web/api/client.ts';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { can, useMe } from '../../../web/session.ts';
import { DialogueLinks, formatDay } from './shared.tsx';

type Disclosure = {
  id: string;
  kind: string;
  subject: string;
  toWhom: string;
  recipientCount: number | null;
  disclosedOn: string;
  recordedBy: string | null;
};
const kinds = [
  'announcement',
  'consultation-response',
  'meeting-minutes',
  'letter',
  'report',
  'other',
] as const;

/** The disclosure log (001 §16c): what the agency told partners, when and to whom. */
export default function DisclosuresPage() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const [filter, setFilter] = useState({ from: '', to: '', kind: '' });
  const [adding, setAdding] = useState(false);
  const query = new URLSearchParams(Object.entries(filter).filter(([, value]) => value)).toString();
  const log = useQuery({
    queryKey: ['dialogue', 'disclosures', query],
    queryFn: () => get<{ items: Disclosure[] }>(`/dialogue/disclosures${query ? `?${query}` : ''}`),
  });
  return (
    <Stack maw={1000}>
      <Group justify="space-between" align="flex-end">
        <PageHeading>{t('dialogue.disclosures.title')}</PageHeading>
        {can(me, 'dialogue:edit') && !adding && (
          <Button onClick={() => setAdding(true)}>{t('dialogue.disclosures.add')}</Button>
        )}
      </Group>
      <DialogueLinks />
      <Text size="sm">{t('dialogue.disclosures.help')}</Text>
      {adding && <DisclosureForm onDone={() => setAdding(false)} />}
      <Group align="flex-end">
        <TextInput
          type="date"
          label={t('dialogue.disclosures.from')}
          value={filter.from}
          onChange={(e) => setFilter({ ...filter, from: e.currentTarget.value })}
        />
        <TextInput
          type="date"
          label={t('dialogue.disclosures.to')}
          value={filter.to}
          onChange={(e) => setFilter({ ...filter, to: e.currentTarget.value })}
        />
        <NativeSelect
          label={t('dialogue.disclosures.kind')}
          value={filter.kind}
          onChange={(e) => setFilter({ ...filter, kind: e.currentTarget.value })}
          data={[
            { value: '', label: t('dialogue.any') },
            ...kinds.map((kind) => ({ value: kind, label: t(`dialogue.disclosures.kind.${kind}`) })),
          ]}
        />
        <Anchor href={`/api/v1/dialogue/disclosures.csv${query ? `?${query}` : ''}`} download>
          {t('dialogue.disclosures.csv')}
        </Anchor>
      </Group>
      <ProblemAlert error={log.error} onRetry={() => void log.refetch()} />
      {log.isLoading && <PageLoader />}
      {log.isSuccess && log.data.items.length === 0 && <Text>{t('dialogue.disclosures.none')}</Text>}
      {log.isSuccess && log.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dialogue.disclosures.on')}</Table.Th>
                <Table.Th>{t('dialogue.disclosures.kind')}</Table.Th>
                <Table.Th>{t('dialogue.disclosures.subject')}</Table.Th>
                <Table.Th>{t('dialogue.disclosures.toWhom')}</Table.Th>
                <Table.Th>{t('dialogue.disclosures.recordedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.data.items.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>{formatDay(entry.disclosedOn, i18n.language)}</Table.Td>
                  <Table.Td>
                    {t(`dialogue.disclosures.kind.${entry.kind}`, { defaultValue: entry.kind })}
                  </Table.Td>
                  <Table.Td>{entry.subject}</Table.Td>
                  <Table.Td>
                    {entry.toWhom}
                    {entry.recipientCount !== null ? ` (${entry.recipientCount})` : ''}
                  </Table.Td>
                  <Table.Td>{entry.recordedBy ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function DisclosureForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState({
    kind: 'meeting-minutes',
    subject: '',
    toWhom: '',
    recipientCount: '' as number | string,
    disclosedOn: new Date().toISOString().slice(0, 10),
  });
  const action = useAction();
  const error = (field: string) => fieldError(action.error, field);
  async function submit(event: FormEvent) {
    event.preventDefault();
    await action.run(async () => {
      await post('/dialogue/disclosures', {
        ...form,
        recipientCount: typeof form.recipientCount === 'number' ? form.recipientCount : null,
      });
      await client.invalidateQueries({ queryKey: ['dialogue', 'disclosures'] });
      onDone();
    });
  }
  return (
    <Paper withBorder p="md">
      <form onSubmit={(event: FormEvent) => void submit(event)} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('dialogue.disclosures.add')}
          </Title>
          <ProblemAlert error={action.error} />
          <NativeSelect
            label={t('dialogue.disclosures.kind')}
            value={form.kind}
            error={error('kind')}
            onChange={(e) => setForm({ ...form, kind: e.currentTarget.value })}
            data={kinds
              .filter((kind) => kind !== 'announcement')
              .map((kind) => ({ value: kind, label: t(`dialogue.disclosures.kind.${kind}`) }))}
          />
          <TextInput
            label={t('dialogue.disclosures.subject')}
            required
            value={form.subject}
            error={error('subject')}
            onChange={(e) => setForm({ ...form, subject: e.currentTarget.value })}
          />
          <TextInput
            label={t('dialogue.disclosures.toWhom')}
            required
            value={form.toWhom}
            error={error('toWhom')}
            onChange={(e) => setForm({ ...form, toWhom: e.currentTarget.value })}
          />
          <Group grow align="flex-start">
            <NumberInput
              label={t('dialogue.disclosures.recipients')}
              min={0}
              value={form.recipientCount}
              error={error('recipientCount')}
              onChange={(value) => setForm({ ...form, recipientCount: value })}
            />
            <TextInput
              type="date"
              label={t('dialogue.disclosures.on')}
              required
              value={form.disclosedOn}
              error={error('disclosedOn')}
              onChange={(e) => setForm({ ...form, disclosedOn: e.currentTarget.value })}
            />
          </Group>
          <Group>
            <Button type="submit" loading={action.busy}>
              {t('common.save')}
            </Button>
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
