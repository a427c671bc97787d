import { Button, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { get, post, put } from '../../../web/api/client.ts';
import { useDraft } from '../../../web/components/draft.ts';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { FileLink, isoToZoned, timeZones, uploadFile, zonedToIso, FormButtons } from './shared.tsx';
import type { BodyPage, FileSummary, Meeting, PolicyPage } from './types.ts';

type AgendaRow = { title: string; papers: FileSummary[] };
type FormState = {
  title: string;
  description: string;
  policyId: string;
  bodyId: string;
  timeZone: string;
  starts: string;
  ends: string;
  place: string;
  onlineLink: string;
  agenda: AgendaRow[];
  minutes: string;
};

const empty: FormState = {
  title: '',
  description: '',
  policyId: '',
  bodyId: '',
  timeZone: 'Pacific/Rarotonga',
  starts: '',
  ends: '',
  place: '',
  onlineLink: '',
  agenda: [{ title: '', papers: [] }],
  minutes: '',
};

const fromMeeting = (meeting: Meeting): FormState => ({
  title: meeting.title,
  description: meeting.description ?? '',
  policyId: meeting.policy?.id ?? '',
  bodyId: meeting.body?.id ?? '',
  timeZone: meeting.timeZone,
  starts: isoToZoned(meeting.startsAt, meeting.timeZone),
  ends: isoToZoned(meeting.endsAt, meeting.timeZone),
  place: meeting.place ?? '',
  onlineLink: meeting.onlineLink ?? '',
  agenda: meeting.agenda.map((item) => ({ title: item.title, papers: item.papers })),
  minutes: meeting.minutes ?? '',
});

const fields = [
  'title',
  'description',
  'policyId',
  'timeZone',
  'startsAt',
  'endsAt',
  'place',
  'onlineLink',
  'minutes',
];

/** Scheduling a meeting and changing it (or writing its minutes): kept as a draft until saved. */
export function MeetingForm({ meeting, onDone }: { meeting?: Meeting; onDone?: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [, navigate] = useLocation();
  const policies = useQuery({
    queryKey: ['dialogue', 'policies', 'all'],
    queryFn: () => get<PolicyPage>('/dialogue/policies?limit=200'),
    staleTime: 5 * 60_000,
  });
  const bodies = useQuery({
    queryKey: ['dialogue', 'bodies', 'all'],
    queryFn: () => get<BodyPage>('/dialogue/bodies?limit=200'),
    staleTime: 5 * 60_000,
  });
  const [form, update, clearDraft] = useDraft(
    meeting ? `dialogue.meeting.${meeting.id}.${meeting.version}` : 'dialogue.meeting.new',
    meeting ? fromMeeting(meeting) : empty,
  );
  const save = useAction();
  const attach = useAction();
  const error = (field: string) => fieldError(save.error, field);
  const setRow = (index: number, row: Partial<AgendaRow>) =>
    update({ agenda: form.agenda.map((item, i) => (i === index ? { ...item, ...row } : item)) });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const agenda = form.agenda
      .filter((item) => item.title.trim())
      .map((item) => ({ title: item.title, paperIds: item.papers.map((paper) => paper.id) }));
    const body = {
      title: form.title,
      description: form.description.trim() || null,
      policyId: form.policyId || null,
      bodyId: form.bodyId || null,
      startsAt: zonedToIso(form.starts, form.timeZone),
      endsAt: zonedToIso(form.ends, form.timeZone),
      timeZone: form.timeZone,
      place: form.place.trim() || null,
      onlineLink: form.onlineLink.trim() || null,
      agenda,
      minutes: form.minutes.trim() || null,
    };
    await save.run(async () => {
      const saved = meeting
        ? await put<Meeting>(`/dialogue/meetings/${meeting.id}`, { ...body, version: meeting.version })
        : await post<Meeting>('/dialogue/meetings', body);
      clearDraft();
      client.setQueryData(['dialogue', 'meeting', saved.id], saved);
      await client.invalidateQueries({ queryKey: ['dialogue', 'meetings'] });
      if (onDone) onDone();
      else navigate(`/dialogue/meetings/${saved.id}`);
    });
  }

  const agendaError = save.error
    ? form.agenda.map(
        (_, index) =>
          fieldError(save.error, `agenda.${index}.paperIds`) ??
          fieldError(save.error, `agenda.${index}.title`),
      )
    : [];

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('common.draftKept')}
        </Text>
        <TextInput
          label={t('dialogue.meeting.title')}
          required
          value={form.title}
          error={error('title')}
          onChange={(e) => update({ title: e.currentTarget.value })}
        />
        <Textarea
          label={t('dialogue.meeting.description')}
          autosize
          minRows={2}
          value={form.description}
          onChange={(e) => update({ description: e.currentTarget.value })}
        />
        <NativeSelect
          label={t('dialogue.meeting.policy')}
          value={form.policyId}
          error={error('policyId')}
          onChange={(e) => update({ policyId: e.currentTarget.value })}
          data={[
            { value: '', label: t('dialogue.none') },
            ...(policies.data?.items ?? []).map((policy) => ({ value: policy.id, label: policy.title })),
          ]}
        />
        <NativeSelect
          label={t('dialogue.meeting.body')}
          value={form.bodyId}
          error={error('bodyId')}
          onChange={(e) => update({ bodyId: e.currentTarget.value })}
          data={[
            { value: '', label: t('dialogue.none') },
            ...(bodies.data?.items ?? []).map((body) => ({ value: body.id, label: body.name })),
          ]}
        />
        <NativeSelect
          label={t('dialogue.meeting.timeZone')}
          value={form.timeZone}
          error={error('timeZone')}
          onChange={(e) => update({ timeZone: e.currentTarget.value })}
          data={timeZones()}
        />
        <Group grow align="flex-start">
          <TextInput
            type="datetime-local"
            label={t('dialogue.meeting.starts')}
            required
            value={form.starts}
            error={error('startsAt')}
            onChange={(e) => update({ starts: e.currentTarget.value })}
          />
          <TextInput
            type="datetime-local"
            label={t('dialogue.meeting.ends')}
            required
            value={form.ends}
            error={error('endsAt')}
            onChange={(e) => update({ ends: e.currentTarget.value })}
          />
        </Group>
        <TextInput
          label={t('dialogue.meeting.place')}
          value={form.place}
          error={error('place')}
          onChange={(e) => update({ place: e.currentTarget.value })}
        />
        <TextInput
          type="url"
          label={t('dialogue.meeting.onlineLink')}
          value={form.onlineLink}
          error={error('onlineLink')}
          onChange={(e) => update({ onlineLink: e.currentTarget.value })}
        />
        <Stack gap="xs">
          <Text fw={500} size="sm">
            {t('dialogue.meeting.agenda')}
          </Text>
          {form.agenda.map((item, index) => (
            <Paper key={index} withBorder p="sm">
              <Stack gap="xs">
                <TextInput
                  label={t('dialogue.meeting.item', { number: index + 1 })}
                  value={item.title}
                  error={agendaError[index]}
                  onChange={(e) => setRow(index, { title: e.currentTarget.value })}
                />
                {item.papers.map((paper) => (
                  <Group key={paper.id} gap="xs">
                    <FileLink file={paper} />
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => setRow(index, { papers: item.papers.filter((p) => p.id !== paper.id) })}
                    >
                      {t('common.remove')}
                    </Button>
                  </Group>
                ))}
                <input
                  type="file"
                  aria-label={t('dialogue.meeting.addPaper', { number: index + 1 })}
                  onChange={(event) => {
                    const file = event.currentTarget.files?.[0];
                    event.currentTarget.value = '';
                    if (file)
                      void attach.run(async () =>
                        setRow(index, { papers: [...item.papers, await uploadFile(file)] }),
                      );
                  }}
                />
                <Button
                  size="compact-sm"
                  variant="subtle"
                  w="fit-content"
                  onClick={() => update({ agenda: form.agenda.filter((_, i) => i !== index) })}
                >
                  {t('dialogue.meeting.removeItem')}
                </Button>
              </Stack>
            </Paper>
          ))}
          <Button
            variant="default"
            w="fit-content"
            onClick={() => update({ agenda: [...form.agenda, { title: '', papers: [] }] })}
          >
            {t('dialogue.meeting.addItem')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('dialogue.meeting.paperLimit')}
          </Text>
          <ProblemAlert error={attach.error} />
        </Stack>
        {meeting && (
          <Textarea
            label={t('dialogue.meeting.minutes')}
            autosize
            minRows={4}
            value={form.minutes}
            error={error('minutes')}
            onChange={(e) => update({ minutes: e.currentTarget.value })}
          />
        )}
        <ProblemAlert
          error={save.error}
          fields={[
            ...fields,
            ...form.agenda.flatMap((_, i) => [`agenda.${i}.paperIds`, `agenda.${i}.title`]),
          ]}
        />
        <FormButtons
          busy={save.busy || attach.busy}
          onCancel={() => {
            clearDraft();
            if (onDone) onDone();
            else navigate('/dialogue/meetings');
          }}
        />
      </Stack>
    </form>
  );
}
