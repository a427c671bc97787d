import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  MultiSelect,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { get, post, put } from '../../../web/api/client.ts';
import { useDraft } from '../../../web/components/draft.ts';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { can, useMe } from '../../../web/session.ts';
import { RecordPage } from './record-page.tsx';
import { MeetingForm } from './meeting-form.tsx';
import { FileLink, formatDay, formatMeetingTime, linesOf, useDialogueOptions } from './shared.tsx';
import type { Meeting } from './types.ts';
import { OrganisationSearch, type OrganisationHit } from './organisation-search.tsx';

const meetingKey = (id: string) => ['dialogue', 'meeting', id];

/** One meeting: when and where, agenda and papers, who is invited and their replies, what was decided. */
export default function MeetingPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams<{ id: string }>();
  const { data: me } = useMe();
  const meeting = useQuery({
    queryKey: meetingKey(id),
    queryFn: () => get<Meeting>(`/dialogue/meetings/${id}`),
  });
  const data = meeting.data;
  const editor = can(me, 'dialogue:edit');
  const started = data?.started ?? false;

  return (
    <RecordPage
      query={meeting}
      back={{ href: '/dialogue/meetings', label: t('dialogue.meetings.back') }}
      maw={900}
      title={(data) => data.title}
      canEdit={editor}
      editLabel={(data) => (data.started ? t('dialogue.meeting.writeMinutes') : t('dialogue.edit'))}
      form={(data, done) => <MeetingForm meeting={data} onDone={done} />}
      summary={(data) => (
        <>
          <Paper withBorder p="md">
            <Stack gap={4}>
              <Text fw={600}>{formatMeetingTime(data, i18n.language)}</Text>
              {data.place && <Text>{data.place}</Text>}
              {data.onlineLink && (
                <Anchor href={data.onlineLink} target="_blank" rel="noreferrer">
                  {data.onlineLink}
                </Anchor>
              )}
              {data.body && (
                <Text size="sm">
                  {t('dialogue.meeting.body')}:{' '}
                  <Anchor component={Link} href={`/dialogue/bodies/${data.body.id}`}>
                    {data.body.name}
                  </Anchor>
                </Text>
              )}
              {data.policy && (
                <Text size="sm">
                  {t('dialogue.meeting.policy')}:{' '}
                  <Anchor component={Link} href={`/dialogue/policies/${data.policy.id}`}>
                    {data.policy.title}
                  </Anchor>
                </Text>
              )}
            </Stack>
          </Paper>
          {data.description && <Text>{data.description}</Text>}
          <Stack gap={4} component="section">
            <Title order={2} size="h4">
              {t('dialogue.meeting.agenda')}
            </Title>
            {data.agenda.length === 0 ? (
              <Text size="sm">{t('dialogue.meeting.noAgenda')}</Text>
            ) : (
              <List type="ordered">
                {data.agenda.map((item, index) => (
                  <List.Item key={index}>
                    {item.title}
                    {item.papers.map((paper) => (
                      <div key={paper.id}>
                        <FileLink file={paper} />
                      </div>
                    ))}
                  </List.Item>
                ))}
              </List>
            )}
          </Stack>
          {data.minutes && (
            <Stack gap={4} component="section">
              <Title order={2} size="h4">
                {t('dialogue.meeting.minutes')}
              </Title>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{data.minutes}</Text>
              {editor && started && data.invitations.length > 0 && <ShareMinutes meetingId={data.id} />}
            </Stack>
          )}
        </>
      )}
    >
      {(data) => (
        <>
          <Invitations meeting={data} editor={editor} started={started} />
          {editor && !started && <InviteForm meeting={data} />}
          <Outcomes meeting={data} editor={editor} />
        </>
      )}
    </RecordPage>
  );
}

function Invitations({ meeting, editor, started }: { meeting: Meeting; editor: boolean; started: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [attended, setAttended] = useState<Record<string, boolean>>({});
  const action = useAction();
  const counts = { attending: 0, 'not-attending': 0, maybe: 0, none: 0 };
  for (const invitation of meeting.invitations) counts[invitation.reply ?? 'none']++;
  const isChecked = (id: string, stored: boolean | null) => attended[id] ?? stored ?? false;
  async function saveAttendance() {
    await action.run(async () => {
      const saved = await put<Meeting>(`/dialogue/meetings/${meeting.id}/attendance`, {
        attendance: meeting.invitations.map((i) => ({
          invitationId: i.id,
          attended: isChecked(i.id, i.attended),
        })),
      });
      client.setQueryData(meetingKey(meeting.id), saved);
      setAttended({});
    });
  }
  return (
    <Stack gap="xs" component="section" aria-labelledby="invitations-heading">
      <Title order={2} size="h4" id="invitations-heading">
        {t('dialogue.invitations.title', { count: meeting.invitations.length })}
      </Title>
      {meeting.invitations.length > 0 && (
        <Text size="sm">
          {t('dialogue.invitations.counts', {
            attending: counts.attending,
            notAttending: counts['not-attending'],
            maybe: counts.maybe,
            none: counts.none,
          })}
        </Text>
      )}
      {meeting.invitations.length > 0 && (
        <Table.ScrollContainer minWidth={420}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('common.name')}</Table.Th>
                <Table.Th scope="col">{t('dialogue.invitations.reply')}</Table.Th>
                {started && <Table.Th scope="col">{t('dialogue.invitations.attended')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {meeting.invitations.map((invitation) => (
                <Table.Tr key={invitation.id}>
                  <Table.Td>
                    <Text size="sm">{invitation.name ?? invitation.email}</Text>
                    {invitation.name && (
                      <Text size="xs" c="dimmed">
                        {invitation.email}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      color={
                        invitation.reply === 'attending'
                          ? 'teal.9'
                          : invitation.reply === 'not-attending'
                            ? 'red.9'
                            : 'gray.8'
                      }
                    >
                      {t(`dialogue.reply.${invitation.reply ?? 'none'}`)}
                    </Badge>
                    {invitation.note && <Text size="xs">{invitation.note}</Text>}
                  </Table.Td>
                  {started && (
                    <Table.Td>
                      <Checkbox
                        aria-label={t('dialogue.invitations.attendedBy', {
                          name: invitation.name ?? invitation.email,
                        })}
                        disabled={!editor}
                        checked={isChecked(invitation.id, invitation.attended)}
                        onChange={(e) =>
                          setAttended({ ...attended, [invitation.id]: e.currentTarget.checked })
                        }
                      />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {started && editor && meeting.invitations.length > 0 && (
        <Button w="fit-content" variant="default" loading={action.busy} onClick={() => void saveAttendance()}>
          {t('dialogue.invitations.saveAttendance')}
        </Button>
      )}
      <ProblemAlert error={action.error} />
    </Stack>
  );
}

function InviteForm({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const options = useDialogueOptions();
  const [form, update, clearDraft] = useDraft(`dialogue.invite.${meeting.id}`, {
    staff: [] as string[],
    organisations: [] as OrganisationHit[],
    addresses: '',
  });
  const action = useAction();
  const [sent, setSent] = useState<number>();
  async function submit(event: FormEvent) {
    event.preventDefault();
    // "Name <address>" or a bare address, one a line.
    const people = [
      ...form.staff.map((userId) => ({ userId })),
      // An organisation is invited through its contacts who agreed to be contacted.
      ...form.organisations.map((organisation) => ({ organisationId: organisation.id })),
      ...linesOf(form.addresses).map((line) => {
        const match = /^(.*)<([^>]+)>$/.exec(line);
        return match ? { email: match[2]!.trim(), name: match[1]!.trim() || null } : { email: line };
      }),
    ];
    await action.run(async () => {
      const result = await post<{ invited: number; meeting: Meeting }>(
        `/dialogue/meetings/${meeting.id}/invitations`,
        { people },
      );
      clearDraft();
      update({ staff: [], organisations: [], addresses: '' });
      setSent(result.invited);
      client.setQueryData(meetingKey(meeting.id), result.meeting);
    });
  }
  return (
    <Paper withBorder p="md" component="form" onSubmit={(event: FormEvent) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('dialogue.invite.title')}
        </Title>
        <Text size="sm">{t('dialogue.invite.help')}</Text>
        <MultiSelect
          label={t('dialogue.invite.staff')}
          searchable
          value={form.staff}
          onChange={(staff) => update({ staff })}
          data={(options.data?.staff ?? []).map((person) => ({ value: person.id, label: person.name }))}
        />
        {form.organisations.map((organisation) => (
          <Group key={organisation.id} gap="xs">
            <Text size="sm">{organisation.legalName}</Text>
            <Button
              size="xs"
              variant="subtle"
              onClick={() =>
                update({ organisations: form.organisations.filter((o) => o.id !== organisation.id) })
              }
            >
              {t('dialogue.organisationSearch.remove')}
            </Button>
          </Group>
        ))}
        <OrganisationSearch
          label={t('dialogue.invite.organisations')}
          taken={form.organisations.map((organisation) => organisation.id)}
          onChoose={(organisation) => update({ organisations: [...form.organisations, organisation] })}
        />
        <Textarea
          label={t('dialogue.invite.addresses')}
          description={t('dialogue.invite.addressesHelp')}
          autosize
          minRows={2}
          value={form.addresses}
          onChange={(e) => update({ addresses: e.currentTarget.value })}
        />
        <ProblemAlert error={action.error} />
        {sent !== undefined && !action.error && (
          <Text size="sm" role="status">
            {t('dialogue.invite.sent', { count: sent })}
          </Text>
        )}
        <Button type="submit" w="fit-content" loading={action.busy}>
          {t('dialogue.invite.send')}
        </Button>
      </Stack>
    </Paper>
  );
}

function Outcomes({ meeting, editor }: { meeting: Meeting; editor: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [form, update, clearDraft] = useDraft(`dialogue.outcome.${meeting.id}`, {
    kind: 'decision',
    text: '',
    ownerName: '',
    dueOn: '',
  });
  const action = useAction();
  async function submit(event: FormEvent) {
    event.preventDefault();
    await action.run(async () => {
      const saved = await post<Meeting>(`/dialogue/meetings/${meeting.id}/outcomes`, {
        kind: form.kind,
        text: form.text,
        ownerName: form.ownerName.trim() || null,
        dueOn: form.dueOn || null,
      });
      clearDraft();
      update({ text: '', ownerName: '', dueOn: '' });
      client.setQueryData(meetingKey(meeting.id), saved);
    });
  }
  return (
    <Stack gap="xs" component="section">
      <Title order={2} size="h4">
        {t('dialogue.outcomes.title')}
      </Title>
      {meeting.outcomes.length === 0 && <Text size="sm">{t('dialogue.outcomes.none')}</Text>}
      {meeting.outcomes.map((outcome) => (
        <Paper key={outcome.id} withBorder p="sm">
          <Text size="sm" fw={600}>
            {t(`dialogue.outcomes.${outcome.kind}`)}
          </Text>
          <Text size="sm">{outcome.text}</Text>
          {outcome.kind === 'action' && (
            <Text size="xs">
              {outcome.ownerName} · {formatDay(outcome.dueOn, i18n.language)}
            </Text>
          )}
        </Paper>
      ))}
      {editor && (
        <Paper
          withBorder
          p="md"
          component="form"
          onSubmit={(event: FormEvent) => void submit(event)}
          noValidate
        >
          <Stack gap="sm">
            <NativeSelect
              label={t('dialogue.outcomes.kind')}
              value={form.kind}
              onChange={(e) => update({ kind: e.currentTarget.value })}
              data={[
                { value: 'decision', label: t('dialogue.outcomes.decision') },
                { value: 'action', label: t('dialogue.outcomes.action') },
              ]}
            />
            <Textarea
              label={t('dialogue.outcomes.text')}
              required
              autosize
              value={form.text}
              error={fieldError(action.error, 'text')}
              onChange={(e) => update({ text: e.currentTarget.value })}
            />
            {form.kind === 'action' && (
              <Group grow align="flex-start">
                <TextInput
                  label={t('dialogue.outcomes.owner')}
                  required
                  value={form.ownerName}
                  error={fieldError(action.error, 'ownerName')}
                  onChange={(e) => update({ ownerName: e.currentTarget.value })}
                />
                <TextInput
                  type="date"
                  label={t('dialogue.outcomes.dueOn')}
                  required
                  value={form.dueOn}
                  error={fieldError(action.error, 'dueOn')}
                  onChange={(e) => update({ dueOn: e.currentTarget.value })}
                />
              </Group>
            )}
            <ProblemAlert error={action.error} fields={['text', 'ownerName', 'dueOn']} />
            <Button type="submit" w="fit-content" loading={action.busy}>
              {t('dialogue.outcomes.add')}
            </Button>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

/** E-mails the minutes to everyone invited; the disclosure log records it (001 §16c). */
function ShareMinutes({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const action = useAction();
  const [shared, setShared] = useState<number>();
  async function share() {
    await action.run(async () => {
      const result = await post<{ shared: number }>(`/dialogue/meetings/${meetingId}/minutes/share`);
      setShared(result.shared);
    });
  }
  return (
    <Stack gap={4} align="flex-start">
      <Button variant="default" size="xs" loading={action.busy} onClick={() => void share()}>
        {t('dialogue.meeting.shareMinutes')}
      </Button>
      <ProblemAlert error={action.error} />
      {shared !== undefined && !action.error && (
        <Text size="sm" role="status">
          {t('dialogue.meeting.minutesShared', { count: shared })}
        </Text>
      )}
    </Stack>
  );
}
