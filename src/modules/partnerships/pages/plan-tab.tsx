// The Plan tab of a partnership (issue 4 item 9): the joint action plan after 002 — the issue
// analysed, the vision for change, the actions with their owners on either side, their progress,
// and the signs of success. Overdue actions are marked.
import '@mantine/core/styles/Timeline.css';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { get, post, put } from '../../../web/api/client.ts';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import {
  actionStatuses,
  issueQuestions,
  type Action,
  type ActionStatus,
  type Plan,
} from './agreement-types.ts';
import { formatDate } from './shared.tsx';
import type { Partnership } from './types.ts';

export function usePlan(path: string) {
  return useQuery({ queryKey: ['partnerships', 'plan', path], queryFn: () => get<Plan>(path) });
}

/** The plan's words, read-only: steps 1, 2 and 4 of 002. */
export function PlanSummary({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const answered = issueQuestions.filter((key) => plan.issue[key]);
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('partnerships.plan.issue')}
      </Title>
      {answered.length === 0 && <Text c="dimmed">{t('partnerships.plan.notYet')}</Text>}
      {answered.map((key) => (
        <Stack key={key} gap={0}>
          <Text size="sm" fw={600}>
            {t(`partnerships.plan.question.${key}`)}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {plan.issue[key]}
          </Text>
        </Stack>
      ))}
      {plan.vision && (
        <>
          <Title order={2} size="h4">
            {t('partnerships.plan.vision')}
          </Title>
          <Text size="sm">{plan.vision}</Text>
        </>
      )}
      {plan.signsOfSuccess && (
        <>
          <Title order={2} size="h4">
            {t('partnerships.plan.signsOfSuccess')}
          </Title>
          <Text size="sm">{plan.signsOfSuccess}</Text>
        </>
      )}
    </Stack>
  );
}

/** A progress note with an optional new status, posted where the caller says. */
function NoteForm({ action, path }: { action: Action; path: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<string>('');
  const saving = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void saving.run(async () => {
      await post(path, { note, ...(status ? { status } : {}) });
      setNote('');
      setStatus('');
      await client.invalidateQueries({ queryKey: ['partnerships'] });
    });
  };
  return (
    <form onSubmit={submit}>
      <Group gap="xs" align="end" wrap="wrap">
        <Textarea
          style={{ flex: '1 1 14rem' }}
          label={t('partnerships.plan.progressNote')}
          aria-label={t('partnerships.plan.progressNoteFor', { title: action.title })}
          autosize
          minRows={1}
          required
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={fieldError(saving.error, 'note')}
        />
        <NativeSelect
          label={t('partnerships.plan.status')}
          value={status}
          data={[
            { value: '', label: t('partnerships.plan.statusUnchanged') },
            ...actionStatuses.map((value) => ({
              value,
              label: t(`partnerships.plan.actionStatus.${value}`),
            })),
          ]}
          onChange={(e) => setStatus(e.currentTarget.value)}
        />
        <Button type="submit" size="xs" loading={saving.busy}>
          {t('partnerships.plan.addNote')}
        </Button>
      </Group>
      <ProblemAlert error={saving.error} fields={['note']} />
    </form>
  );
}

export function StatusBadge({ status, overdue }: { status: ActionStatus; overdue: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Badge variant="outline" color={status === 'done' ? 'green.9' : 'dark'} radius="sm">
        {t(`partnerships.plan.actionStatus.${status}`)}
      </Badge>
      {overdue && (
        <Badge color="red.9" radius="sm">
          {t('partnerships.plan.overdue')}
        </Badge>
      )}
    </Group>
  );
}

/** The actions, each with its owner, due date, status and notes; `notePath` says who may add notes. */
export function PlanActions({ plan, notePath }: { plan: Plan; notePath: (action: Action) => string | null }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('partnerships.plan.actions')}
      </Title>
      {plan.actions.length === 0 && <Text c="dimmed">{t('partnerships.plan.noActions')}</Text>}
      {plan.actions.map((action) => {
        const path = notePath(action);
        return (
          <Card key={action.id} withBorder padding="sm">
            <Stack gap={6}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {action.title}
                </Text>
                <StatusBadge status={action.status} overdue={action.overdue} />
              </Group>
              <Text size="sm">
                {t('partnerships.plan.ownerDue', {
                  owner: action.owner.name,
                  date: formatDate(action.dueOn, i18n.language),
                })}
              </Text>
              {action.notes.length > 0 && (
                <Timeline bulletSize={10} lineWidth={2}>
                  {action.notes.map((note, index) => (
                    <Timeline.Item key={index}>
                      <Text size="sm">{note.note}</Text>
                      <Text size="xs" c="dimmed">
                        {formatDate(note.at, i18n.language)} · {note.by}
                        {note.status && ` · ${t(`partnerships.plan.actionStatus.${note.status}`)}`}
                      </Text>
                    </Timeline.Item>
                  ))}
                </Timeline>
              )}
              {path && <NoteForm action={action} path={path} />}
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}

function PlanForm({
  partnership,
  plan,
  onDone,
}: {
  partnership: Partnership;
  plan: Plan;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [issue, setIssue] = useState<Record<string, string>>(
    Object.fromEntries(issueQuestions.map((key) => [key, plan.issue[key] ?? ''])),
  );
  const [vision, setVision] = useState(plan.vision ?? '');
  const [signs, setSigns] = useState(plan.signsOfSuccess ?? '');
  const saving = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void saving.run(async () => {
      await put(`/partnerships/${partnership.id}/plan`, {
        issue: Object.fromEntries(Object.entries(issue).map(([key, value]) => [key, value || null])),
        vision: vision || null,
        signsOfSuccess: signs || null,
        ...(plan.version > 0 ? { version: plan.version } : {}),
      });
      await client.invalidateQueries({ queryKey: ['partnerships'] });
      onDone();
    });
  };
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit}>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('partnerships.plan.issue')}
        </Title>
        {issueQuestions.map((key) => (
          <Textarea
            key={key}
            label={t(`partnerships.plan.question.${key}`)}
            autosize
            minRows={1}
            value={issue[key]}
            onChange={(e) => setIssue({ ...issue, [key]: e.currentTarget.value })}
          />
        ))}
        <Textarea
          label={t('partnerships.plan.vision')}
          description={t('partnerships.plan.visionHelp')}
          autosize
          minRows={2}
          value={vision}
          onChange={(e) => setVision(e.currentTarget.value)}
        />
        <Textarea
          label={t('partnerships.plan.signsOfSuccess')}
          description={t('partnerships.plan.signsHelp')}
          autosize
          minRows={2}
          value={signs}
          onChange={(e) => setSigns(e.currentTarget.value)}
        />
        <ProblemAlert error={saving.error} />
        <Group gap="xs">
          <Button type="submit" loading={saving.busy}>
            {t('partnerships.plan.save')}
          </Button>
          {plan.version > 0 && (
            <Button variant="subtle" onClick={onDone}>
              {t('common.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

function NewActionForm({ partnership }: { partnership: Partnership }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const staff = useQuery({
    queryKey: ['users'],
    queryFn: () => get<{ items: { id: string; name: string }[] }>('/users'),
  });
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [dueOn, setDueOn] = useState('');
  const saving = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const [side, ownerId] = owner.split(':');
    void saving.run(async () => {
      await post(`/partnerships/${partnership.id}/plan/actions`, {
        title,
        owner: side === 'user' ? { userId: ownerId } : { organisationId: ownerId },
        dueOn,
      });
      setTitle('');
      setDueOn('');
      await client.invalidateQueries({ queryKey: ['partnerships'] });
    });
  };
  const error = (field: string) => fieldError(saving.error, field);
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit}>
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('partnerships.plan.actionTitle')}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={error('title')}
          />
          <NativeSelect
            label={t('partnerships.plan.owner')}
            required
            value={owner}
            error={error('owner.userId') ?? error('owner.organisationId') ?? error('owner')}
            onChange={(e) => setOwner(e.currentTarget.value)}
            data={[
              { value: '', label: t('partnerships.form.choose') },
              {
                group: t('partnerships.plan.ownerOrganisations'),
                items: partnership.parties.map((p) => ({
                  value: `organisation:${p.organisationId}`,
                  label: p.legalName,
                })),
              },
              {
                group: t('partnerships.plan.ownerStaff'),
                items: (staff.data?.items ?? []).map((u) => ({ value: `user:${u.id}`, label: u.name })),
              },
            ]}
          />
          <TextInput
            type="date"
            label={t('partnerships.plan.dueOn')}
            required
            value={dueOn}
            onChange={(e) => setDueOn(e.currentTarget.value)}
            error={error('dueOn')}
          />
        </SimpleGrid>
        <ProblemAlert
          error={saving.error}
          fields={['title', 'dueOn', 'owner', 'owner.userId', 'owner.organisationId']}
        />
        <Button type="submit" size="xs" w="fit-content" loading={saving.busy}>
          {t('partnerships.plan.addAction')}
        </Button>
      </Stack>
    </Paper>
  );
}

export function PlanTab({ partnership, canEdit }: { partnership: Partnership; canEdit: boolean }) {
  const { t } = useTranslation();
  const plan = usePlan(`/partnerships/${partnership.id}/plan`);
  const [editing, setEditing] = useState(false);
  if (!plan.data) return <ProblemAlert error={plan.error} />;
  const data = plan.data;
  const writing = canEdit && (editing || data.version === 0);
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm" c="dimmed" style={{ flex: '1 1 20rem' }}>
          {t('partnerships.plan.help')}
        </Text>
        <Anchor component={Link} href="/partnerships/overdue-actions" size="sm">
          {t('partnerships.overdue.title')}
        </Anchor>
      </Group>
      {writing ? (
        <PlanForm partnership={partnership} plan={data} onDone={() => setEditing(false)} />
      ) : (
        <>
          <PlanSummary plan={data} />
          {canEdit && (
            <Button size="xs" variant="default" w="fit-content" onClick={() => setEditing(true)}>
              {t('partnerships.plan.edit')}
            </Button>
          )}
        </>
      )}
      {data.version > 0 && (
        <>
          <PlanActions
            plan={data}
            notePath={(action) =>
              canEdit ? `/partnerships/${partnership.id}/plan/actions/${action.id}/notes` : null
            }
          />
          {canEdit && <NewActionForm partnership={partnership} />}
        </>
      )}
    </Stack>
  );
}
