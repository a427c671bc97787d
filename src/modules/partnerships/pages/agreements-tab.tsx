// The Agreements tab of a partnership (issue 4 item 8): each agreement with its parties and their
// responsibilities, milestones, budget, code of conduct and who acknowledged it, signed copies by
// version and the amendments; staff add, edit (amend once signed) and move them.
import '@mantine/core/styles/Table.css';
import '@mantine/core/styles/Timeline.css';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  FileInput,
  Group,
  Modal,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post, put, uploadFile } from '../../../web/api/client.ts';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import type { Agreement, AgreementBody, Currency } from './agreement-types.ts';
import { formatDate, ReasonDialog } from './shared.tsx';
import { agreementKinds, type Partnership } from './types.ts';

export function useAgreements(partnershipId: string) {
  return useQuery({
    queryKey: ['partnerships', 'agreements', partnershipId],
    queryFn: () => get<{ items: Agreement[] }>(`/partnerships/${partnershipId}/agreements`),
  });
}

/** Rows the user adds and removes (milestones, budget lines), each edited in place. */
function RowList<Row>({
  rows,
  onChange,
  blank,
  addLabel,
  children,
}: {
  rows: Row[];
  onChange: (rows: Row[]) => void;
  blank: () => Row;
  addLabel: string;
  children: (row: Row, change: (patch: Partial<Row>) => void, index: number) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      {rows.map((row, index) => (
        <Group key={index} gap="xs" align="end" wrap="wrap">
          {children(
            row,
            (patch) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r))),
            index,
          )}
          <Button size="xs" variant="subtle" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            {t('partnerships.agreement.remove')}
          </Button>
        </Group>
      ))}
      <Button size="xs" variant="default" w="fit-content" onClick={() => onChange([...rows, blank()])}>
        {addLabel}
      </Button>
    </>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Title order={3} size="h6">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** The parts of an agreement both sides read: staff here, a party's people in the portal. */
export function AgreementFacts({ agreement, downloadBase }: { agreement: Agreement; downloadBase?: string }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string | null) => formatDate(iso, i18n.language);
  return (
    <Stack gap="sm">
      {(agreement.startsOn || agreement.endsOn) && (
        <Text size="sm">
          {t('partnerships.agreement.period', { from: date(agreement.startsOn), to: date(agreement.endsOn) })}
        </Text>
      )}
      {agreement.parties.length > 0 && (
        <Block title={t('partnerships.agreement.parties')}>
          {agreement.parties.map((party) => (
            <Text key={party.organisationId} size="sm">
              <b>{party.legalName}</b>
              {party.responsibilities && `: ${party.responsibilities}`}
            </Text>
          ))}
        </Block>
      )}
      {agreement.milestones.length > 0 && (
        <Block title={t('partnerships.agreement.milestones')}>
          {agreement.milestones.map((milestone) => (
            <Text key={milestone.id} size="sm">
              {milestone.done ? '✓ ' : ''}
              {milestone.title} · {date(milestone.dueOn)}
            </Text>
          ))}
        </Block>
      )}
      {agreement.budgetLines.length > 0 && (
        <Block title={t('partnerships.agreement.budget')}>
          <Table.ScrollContainer minWidth={360}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('partnerships.agreement.category')}</Table.Th>
                  <Table.Th>{t('partnerships.agreement.funder')}</Table.Th>
                  <Table.Th style={{ textAlign: 'end' }}>{t('partnerships.agreement.amount')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {agreement.budgetLines.map((line) => (
                  <Table.Tr key={line.id}>
                    <Table.Td>{line.category}</Table.Td>
                    <Table.Td>{line.funder ?? '—'}</Table.Td>
                    <Table.Td style={{ textAlign: 'end' }} dir="ltr">
                      {line.amount} {line.currency}
                    </Table.Td>
                  </Table.Tr>
                ))}
                {agreement.budgetTotals.map((total) => (
                  <Table.Tr key={total.currency}>
                    <Table.Td fw={600} colSpan={2}>
                      {t('partnerships.agreement.total')}
                    </Table.Td>
                    <Table.Td fw={600} style={{ textAlign: 'end' }} dir="ltr">
                      {total.amount} {total.currency}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Block>
      )}
      {agreement.conditions && (
        <Block title={t('partnerships.agreement.conditions')}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {agreement.conditions}
          </Text>
        </Block>
      )}
      {agreement.conductTerms && (
        <Block title={t('partnerships.agreement.conduct')}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {agreement.conductTerms}
          </Text>
          {agreement.parties.map((party) => (
            <Text key={party.organisationId} size="xs" c={party.acknowledgement ? undefined : 'dimmed'}>
              {party.acknowledgement
                ? t('partnerships.agreement.acknowledgedBy', {
                    organisation: party.legalName,
                    name: party.acknowledgement.by,
                    date: date(party.acknowledgement.at),
                  })
                : t('partnerships.agreement.notAcknowledged', { organisation: party.legalName })}
            </Text>
          ))}
        </Block>
      )}
      {downloadBase && agreement.files.length > 0 && (
        <Block title={t('partnerships.agreement.files')}>
          {[...agreement.files].reverse().map((file) => (
            <Text key={file.version} size="sm">
              <Anchor href={`/api/v1${downloadBase}/${agreement.id}/files/${file.version}`}>
                {t('partnerships.agreement.fileVersion', { version: file.version, name: file.name })}
              </Anchor>{' '}
              · {date(file.uploadedAt)} · {file.uploadedBy}
            </Text>
          ))}
        </Block>
      )}
      {agreement.amendments.length > 0 && (
        <Block title={t('partnerships.agreement.amendments')}>
          <Timeline bulletSize={12} lineWidth={2}>
            {agreement.amendments.map((amendment) => (
              <Timeline.Item
                key={amendment.version}
                title={t('partnerships.agreement.amendment', {
                  version: amendment.version,
                  fields: amendment.changes
                    .map((change) => t(`partnerships.agreement.field.${change.field}`))
                    .join(', '),
                })}
              >
                <Text size="sm">{amendment.reason}</Text>
                <Text size="xs" c="dimmed">
                  {date(amendment.at)} · {amendment.by}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        </Block>
      )}
    </Stack>
  );
}

export function AgreementsTab({ partnership, canEdit }: { partnership: Partnership; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const agreements = useAgreements(partnership.id);
  const refresh = () => client.invalidateQueries({ queryKey: ['partnerships'] });
  const [kind, setKind] = useState('mou');
  const [title, setTitle] = useState('');
  const adding = useAction();
  const [moving, setMoving] = useState<{ agreement: Agreement; to: string } | null>(null);
  const [editing, setEditing] = useState<Agreement | null>(null);
  const add = (event: FormEvent) => {
    event.preventDefault();
    void adding.run(async () => {
      await post(`/partnerships/${partnership.id}/agreements`, { kind, title });
      setTitle('');
      await refresh();
    });
  };
  const items = agreements.data?.items ?? [];
  return (
    <Stack gap="sm">
      {partnership.formality === 'formal' && <Text size="sm">{t('partnerships.agreement.formalHelp')}</Text>}
      <ReasonDialog
        title={
          moving &&
          t('partnerships.agreement.moveTo', {
            title: moving.agreement.title,
            state: t(`partnerships.agreementState.${moving.to}`),
          })
        }
        description={
          moving
            ? t('partnerships.move.fromTo', {
                from: t(`partnerships.agreementState.${moving.agreement.state}`),
                to: t(`partnerships.agreementState.${moving.to}`),
              })
            : ''
        }
        onMove={(reason) =>
          post(`/partnerships/${partnership.id}/agreements/${moving?.agreement.id}/state`, {
            state: moving?.to,
            reason,
            version: moving?.agreement.version,
          })
        }
        onClose={() => setMoving(null)}
      />
      {editing && (
        <AgreementForm partnership={partnership} agreement={editing} onClose={() => setEditing(null)} />
      )}
      <ProblemAlert error={agreements.error} />
      {agreements.isSuccess && items.length === 0 && <Text>{t('partnerships.agreement.none')}</Text>}
      {items.map((agreement) => (
        <Card key={agreement.id} withBorder padding="sm">
          <Stack gap="xs">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {agreement.title}
              </Text>
              <Group gap={6}>
                <Text size="sm">{t(`partnerships.agreementKind.${agreement.kind}`)}</Text>
                <Badge variant="outline" color="dark" radius="sm">
                  {t(`partnerships.agreementState.${agreement.state}`)}
                </Badge>
                {agreement.signedOn && (
                  <Text size="sm">
                    {t('partnerships.agreement.signedOn', {
                      date: formatDate(agreement.signedOn, i18n.language),
                    })}
                  </Text>
                )}
              </Group>
            </Group>
            <AgreementFacts
              agreement={agreement}
              downloadBase={`/partnerships/${partnership.id}/agreements`}
            />
            {canEdit && (
              <Group gap="xs" wrap="wrap">
                {!['expired', 'terminated'].includes(agreement.state) && (
                  <Button size="xs" onClick={() => setEditing(agreement)}>
                    {['signed', 'active'].includes(agreement.state)
                      ? t('partnerships.agreement.amend')
                      : t('partnerships.agreement.edit')}
                  </Button>
                )}
                {agreement.allowedMoves.map((state) => (
                  <Button
                    key={state}
                    size="xs"
                    variant="outline"
                    onClick={() => setMoving({ agreement, to: state })}
                    aria-label={t('partnerships.agreement.moveTo', {
                      title: agreement.title,
                      state: t(`partnerships.agreementState.${state}`),
                    })}
                  >
                    {t(`partnerships.agreementState.${state}`)}
                  </Button>
                ))}
                <SignedCopyUpload partnershipId={partnership.id} agreement={agreement} />
              </Group>
            )}
          </Stack>
        </Card>
      ))}
      {canEdit && (
        <Paper withBorder p="sm" component="form" onSubmit={add}>
          <Stack gap="xs">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect
                label={t('partnerships.agreement.kind')}
                value={kind}
                data={agreementKinds.map((value) => ({
                  value,
                  label: t(`partnerships.agreementKind.${value}`),
                }))}
                onChange={(event) => setKind(event.currentTarget.value)}
              />
              <TextInput
                label={t('partnerships.agreement.title')}
                required
                value={title}
                onChange={(event) => setTitle(event.currentTarget.value)}
                error={fieldError(adding.error, 'title')}
              />
            </SimpleGrid>
            <ProblemAlert error={adding.error} fields={['title']} />
            <Button type="submit" size="xs" w="fit-content" loading={adding.busy}>
              {t('partnerships.agreement.add')}
            </Button>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

function SignedCopyUpload({ partnershipId, agreement }: { partnershipId: string; agreement: Agreement }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const uploading = useAction();
  return (
    <Stack gap={2}>
      <FileInput
        size="xs"
        label={t('partnerships.agreement.upload')}
        accept="application/pdf,image/*,.docx,.odt"
        value={null}
        onChange={(file) => {
          if (!file) return;
          void uploading.run(async () => {
            await uploadFile(`/partnerships/${partnershipId}/agreements/${agreement.id}/files`, file);
            await client.invalidateQueries({ queryKey: ['partnerships', 'agreements', partnershipId] });
          });
        }}
        disabled={uploading.busy}
      />
      <ProblemAlert error={uploading.error} />
    </Stack>
  );
}

type Line = { category: string; amount: string; currency: string; funder: string };
type Milestone = { title: string; dueOn: string; done: boolean };

function useCurrencies() {
  return useQuery({
    queryKey: ['partnerships', 'currencies'],
    queryFn: () => get<{ items: Currency[] }>('/partnerships/currencies'),
    staleTime: Infinity,
  });
}

/** Edits a draft, or amends a signed agreement (the reason is then required by the server). */
function AgreementForm({
  partnership,
  agreement,
  onClose,
}: {
  partnership: Partnership;
  agreement: Agreement;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const currencies = useCurrencies();
  const saving = useAction();
  const amending = ['signed', 'active'].includes(agreement.state);
  const [title, setTitle] = useState(agreement.title);
  const [kind, setKind] = useState<string>(agreement.kind);
  const [startsOn, setStartsOn] = useState(agreement.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(agreement.endsOn ?? '');
  const [conditions, setConditions] = useState(agreement.conditions ?? '');
  const [conductTerms, setConductTerms] = useState(agreement.conductTerms ?? '');
  const [parties, setParties] = useState<Record<string, string | null>>(
    Object.fromEntries(agreement.parties.map((p) => [p.organisationId, p.responsibilities ?? ''])),
  );
  const [milestones, setMilestones] = useState<Milestone[]>(
    agreement.milestones.map(({ title, dueOn, done }) => ({ title, dueOn, done })),
  );
  const [lines, setLines] = useState<Line[]>(
    agreement.budgetLines.map((line) => ({ ...line, funder: line.funder ?? '' })),
  );
  const [reason, setReason] = useState('');
  const error = (field: string) => fieldError(saving.error, field);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void saving.run(async () => {
      const body: AgreementBody & { version: number; amendmentReason?: string } = {
        kind: kind as AgreementBody['kind'],
        title,
        startsOn: startsOn || null,
        endsOn: endsOn || null,
        conditions: conditions || null,
        conductTerms: conductTerms || null,
        parties: partnership.parties
          .filter((party) => party.organisationId in parties)
          .map((party) => ({
            organisationId: party.organisationId,
            responsibilities: parties[party.organisationId] || null,
          })),
        milestones,
        budgetLines: lines.map((line) => ({ ...line, funder: line.funder || null })),
        version: agreement.version,
        ...(amending ? { amendmentReason: reason } : {}),
      };
      await put(`/partnerships/${partnership.id}/agreements/${agreement.id}`, body);
      await client.invalidateQueries({ queryKey: ['partnerships'] });
      onClose();
    });
  };
  const currencyChoices = (currencies.data?.items ?? []).map((c) => c.code);
  // Problems shown beside their own field; the alert shows the rest.
  const shownFields = [
    'title',
    'startsOn',
    'endsOn',
    'amendmentReason',
    ...partnership.parties.map((_, i) => `parties.${i}.organisationId`),
    ...milestones.flatMap((_, i) => [`milestones.${i}.title`, `milestones.${i}.dueOn`]),
    ...lines.flatMap((_, i) => ['category', 'amount', 'currency'].map((f) => `budgetLines.${i}.${f}`)),
  ];
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={agreement.title}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('partnerships.agreement.title')}
              required
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={error('title')}
            />
            <NativeSelect
              label={t('partnerships.agreement.kind')}
              value={kind}
              data={agreementKinds.map((value) => ({
                value,
                label: t(`partnerships.agreementKind.${value}`),
              }))}
              onChange={(e) => setKind(e.currentTarget.value)}
            />
            <TextInput
              type="date"
              label={t('partnerships.startsOn')}
              value={startsOn}
              onChange={(e) => setStartsOn(e.currentTarget.value)}
              error={error('startsOn')}
            />
            <TextInput
              type="date"
              label={t('partnerships.endsOn')}
              value={endsOn}
              onChange={(e) => setEndsOn(e.currentTarget.value)}
              error={error('endsOn')}
            />
          </SimpleGrid>
          <Block title={t('partnerships.agreement.parties')}>
            {partnership.parties.map((party, index) => (
              <Stack key={party.organisationId} gap={4}>
                <Checkbox
                  label={party.legalName}
                  checked={party.organisationId in parties}
                  onChange={(e) => {
                    const next = { ...parties };
                    if (e.currentTarget.checked) next[party.organisationId] = '';
                    else delete next[party.organisationId];
                    setParties(next);
                  }}
                />
                {party.organisationId in parties && (
                  <Textarea
                    label={t('partnerships.agreement.responsibilities', { organisation: party.legalName })}
                    autosize
                    minRows={1}
                    value={parties[party.organisationId] ?? ''}
                    onChange={(e) =>
                      setParties({ ...parties, [party.organisationId]: e.currentTarget.value })
                    }
                    error={error(`parties.${index}.organisationId`)}
                  />
                )}
              </Stack>
            ))}
          </Block>
          <Block title={t('partnerships.agreement.milestones')}>
            <RowList
              rows={milestones}
              onChange={setMilestones}
              blank={() => ({ title: '', dueOn: '', done: false })}
              addLabel={t('partnerships.agreement.addMilestone')}
            >
              {(milestone, change, index) => (
                <>
                  <TextInput
                    label={t('partnerships.agreement.milestoneTitle')}
                    required
                    value={milestone.title}
                    onChange={(e) => change({ title: e.currentTarget.value })}
                    error={error(`milestones.${index}.title`)}
                  />
                  <TextInput
                    type="date"
                    label={t('partnerships.agreement.dueOn')}
                    required
                    value={milestone.dueOn}
                    onChange={(e) => change({ dueOn: e.currentTarget.value })}
                    error={error(`milestones.${index}.dueOn`)}
                  />
                  <Checkbox
                    label={t('partnerships.agreement.done')}
                    checked={milestone.done}
                    onChange={(e) => change({ done: e.currentTarget.checked })}
                  />
                </>
              )}
            </RowList>
          </Block>
          <Block title={t('partnerships.agreement.budget')}>
            <RowList
              rows={lines}
              onChange={setLines}
              blank={() => ({
                category: '',
                amount: '',
                currency: lines.at(-1)?.currency ?? 'NZD',
                funder: '',
              })}
              addLabel={t('partnerships.agreement.addLine')}
            >
              {(line, change, index) => (
                <>
                  <TextInput
                    label={t('partnerships.agreement.category')}
                    required
                    value={line.category}
                    onChange={(e) => change({ category: e.currentTarget.value })}
                    error={error(`budgetLines.${index}.category`)}
                  />
                  <TextInput
                    label={t('partnerships.agreement.amount')}
                    required
                    inputMode="decimal"
                    dir="ltr"
                    value={line.amount}
                    onChange={(e) => change({ amount: e.currentTarget.value })}
                    error={error(`budgetLines.${index}.amount`)}
                  />
                  <NativeSelect
                    label={t('partnerships.agreement.currency')}
                    value={line.currency}
                    data={currencyChoices.length ? currencyChoices : [line.currency]}
                    onChange={(e) => change({ currency: e.currentTarget.value })}
                    error={error(`budgetLines.${index}.currency`)}
                  />
                  <TextInput
                    label={t('partnerships.agreement.funder')}
                    value={line.funder}
                    onChange={(e) => change({ funder: e.currentTarget.value })}
                  />
                </>
              )}
            </RowList>
          </Block>
          <Textarea
            label={t('partnerships.agreement.conditions')}
            autosize
            minRows={2}
            value={conditions}
            onChange={(e) => setConditions(e.currentTarget.value)}
          />
          <Textarea
            label={t('partnerships.agreement.conduct')}
            description={t('partnerships.agreement.conductHelp')}
            autosize
            minRows={2}
            value={conductTerms}
            onChange={(e) => setConductTerms(e.currentTarget.value)}
          />
          {amending && (
            <Textarea
              label={t('partnerships.agreement.amendmentReason')}
              required
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={error('amendmentReason')}
            />
          )}
          <ProblemAlert error={saving.error} fields={shownFields} />
          <Group gap="xs">
            <Button type="submit" loading={saving.busy}>
              {amending ? t('partnerships.agreement.saveAmendment') : t('partnerships.agreement.save')}
            </Button>
            <Button variant="subtle" onClick={onClose}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
