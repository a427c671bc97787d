import { Anchor, Button, Card, Code, Group, Stack, Table, Text } from '@mantine/core';
import { Fragment, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { AuditEvent } from '../../api/types.ts';
import { formatDate } from '../../i18n/index.ts';
import { AuditChanges } from './changes.tsx';

const when = (at: string, language: string) => formatDate(at, language, true);

/** The record's id, leading to its whole history (the trail filtered to that record). */
function RecordLink({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const href = `/admin/audit?${new URLSearchParams({ entity: event.entity, entityId: event.entityId })}`;
  return (
    <Anchor component={Link} href={href} aria-label={t('audit.historyOf', { id: event.entityId })}>
      <Code dir="ltr">{event.entityId}</Code>
    </Anchor>
  );
}

function useActorName() {
  const { t } = useTranslation();
  return (event: AuditEvent) => event.actor?.name ?? t('audit.system');
}

/** Shows or hides one event's before/after; the button says which and controls the region. */
function ChangesToggle({
  open,
  onToggle,
  controls,
}: {
  open: boolean;
  onToggle: () => void;
  controls: string;
}) {
  const { t } = useTranslation();
  return (
    <Button
      size="compact-xs"
      variant="outline"
      w="fit-content"
      onClick={onToggle}
      aria-expanded={open}
      aria-controls={controls}
    >
      {open ? t('audit.hideChanges') : t('audit.showChanges')}
    </Button>
  );
}

/** Wider screens: one row per event, its changes opening beneath it. */
export function AuditTable({ events }: { events: AuditEvent[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.when')}</Table.Th>
            <Table.Th>{t('audit.who')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.what')}</Table.Th>
            <Table.Th>
              <span className="vaka-visually-hidden">{t('audit.details')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <TableRow key={event.id} event={event} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function TableRow({ event }: { event: AuditEvent }) {
  const { i18n } = useTranslation();
  const actorName = useActorName();
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>{when(event.at, i18n.language)}</Table.Td>
        <Table.Td>{actorName(event)}</Table.Td>
        <Table.Td>
          <Code dir="ltr">{event.action}</Code>
        </Table.Td>
        <Table.Td style={{ overflowWrap: 'anywhere' }}>
          {event.entity} <RecordLink event={event} />
        </Table.Td>
        <Table.Td>
          <ChangesToggle open={open} onToggle={() => setOpen(!open)} controls={id} />
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr>
          <Table.Td colSpan={5}>
            <AuditChanges before={event.before} after={event.after} id={id} />
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

/** Phones: one card per event. */
export function AuditCards({ events }: { events: AuditEvent[] }) {
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {events.map((event) => (
        <EventCard key={event.id} event={event} />
      ))}
    </Stack>
  );
}

function EventCard({ event }: { event: AuditEvent }) {
  const { t, i18n } = useTranslation();
  const actorName = useActorName();
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <Card withBorder padding="sm" component="li">
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap" gap={4}>
          <Code fw={600} dir="ltr">
            {event.action}
          </Code>
          <Text size="xs" c="dimmed">
            {when(event.at, i18n.language)}
          </Text>
        </Group>
        <Text size="sm">
          {t('audit.who')}: {actorName(event)}
        </Text>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {t('audit.what')}: {event.entity} <RecordLink event={event} />
        </Text>
        <ChangesToggle open={open} onToggle={() => setOpen(!open)} controls={id} />
        {open && <AuditChanges before={event.before} after={event.after} id={id} />}
      </Stack>
    </Card>
  );
}
