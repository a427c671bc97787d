import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/InlineInput.css';
import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { get, post, put } from '../../../web/api/client.ts';
import { Facts } from '../../../web/components/facts.tsx';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { can, useMe } from '../../../web/session.ts';
import { TrendTable } from './review-parts.tsx';
import type { DueReview, PartnersMeeting, PoolTrends, Principle } from './review-types.ts';
import { formatDate, StateBadge } from './shared.tsx';
import type { PartnershipPage } from './types.ts';

// The pool's side of 001 §16d: reviews due, principles across the pool, the agency's principles
// (000 §5, 003) and the collective annual partners' meetings.

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section">
      <Title order={2} size="h4">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

export default function PartnershipReviewsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  return (
    <Stack maw={960} gap="xl">
      <Stack gap="xs">
        <Anchor component={Link} href="/partnerships" size="sm" w="fit-content">
          {t('partnerships.back')}
        </Anchor>
        <PageHeading>{t('partnerships.reviews.title')}</PageHeading>
        <Text size="sm">{t('partnerships.reviews.help')}</Text>
      </Stack>
      <Due />
      <PoolTrendSection />
      <Principles canChange={can(me, 'partnerships:settings')} />
      <Meetings canEdit={can(me, 'partnerships:edit')} />
    </Stack>
  );
}

function Due() {
  const { t, i18n } = useTranslation();
  const due = useQuery({
    queryKey: ['partnerships', 'reviews', 'due'],
    queryFn: () => get<{ items: DueReview[] }>('/partnerships/reviews/due?withinDays=60'),
  });
  return (
    <Section title={t('partnerships.reviews.due')}>
      <ProblemAlert error={due.error} />
      {due.isLoading && <PageLoader />}
      {due.data?.items.length === 0 && <Text size="sm">{t('partnerships.reviews.noneDue')}</Text>}
      <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {due.data?.items.map((item) => (
          <Group component="li" key={item.partnershipId} gap="xs" wrap="wrap">
            <Anchor component={Link} href={`/partnerships/${item.partnershipId}?tab=reviews`}>
              {item.title}
            </Anchor>
            <StateBadge state={item.state} />
            <Text size="sm">{formatDate(item.nextReviewOn, i18n.language)}</Text>
            {item.overdue && <Badge color="red">{t('partnerships.reviews.overdue')}</Badge>}
          </Group>
        ))}
      </Stack>
    </Section>
  );
}

function PoolTrendSection() {
  const { t } = useTranslation();
  const [years, setYears] = useState('3');
  const trends = useQuery({
    queryKey: ['partnerships', 'principles', 'trends', years],
    queryFn: () => get<PoolTrends>(`/partnerships/principles/trends?years=${years}`),
  });
  // Half-years read "2026 H1": the same in every language, so no translation to go stale.
  const label = (period: string) => period.replace('-', ' ');
  return (
    <Section title={t('partnerships.reviews.poolTrends')}>
      <NativeSelect
        label={t('partnerships.reviews.years')}
        value={years}
        data={['1', '3', '5'].map((value) => ({
          value,
          label: t('partnerships.reviews.lastYears', { n: value }),
        }))}
        onChange={(event) => setYears(event.currentTarget.value)}
        w="fit-content"
      />
      <ProblemAlert error={trends.error} />
      {trends.isLoading && <PageLoader />}
      {trends.data && <TrendTable trends={trends.data.trends} periodLabel={label} />}
    </Section>
  );
}

function usePrinciples() {
  return useQuery({
    queryKey: ['partnerships', 'principles'],
    queryFn: () => get<{ items: Principle[] }>('/partnerships/principles'),
  });
}

function Principles({ canChange }: { canChange: boolean }) {
  const { t } = useTranslation();
  const principles = usePrinciples();
  return (
    <Section title={t('partnerships.principles.title')}>
      <ProblemAlert error={principles.error} />
      {principles.isLoading && <PageLoader />}
      <Stack gap="xs">
        {principles.data?.items.map((principle) =>
          canChange ? (
            <PrincipleEditor key={`${principle.id}.${principle.version}`} principle={principle} />
          ) : (
            <Paper key={principle.id} withBorder p="sm">
              <Group gap="xs">
                <Text fw={600}>{principle.name}</Text>
                {principle.retired && <Badge color="gray">{t('partnerships.principles.retired')}</Badge>}
              </Group>
              {principle.description && <Text size="sm">{principle.description}</Text>}
            </Paper>
          ),
        )}
      </Stack>
      {canChange && <NewPrinciple />}
    </Section>
  );
}

function PrincipleEditor({ principle }: { principle: Principle }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState(principle.name);
  const [description, setDescription] = useState(principle.description ?? '');
  const { error, busy, run } = useAction();
  const change = (retired: boolean) =>
    void run(async () => {
      await put(`/partnerships/principles/${principle.id}`, {
        name,
        description: description.trim() || null,
        retired,
        version: principle.version,
      });
      await client.invalidateQueries({ queryKey: ['partnerships'] });
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change(principle.retired);
  };
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit}>
      <Stack gap="xs">
        <Group gap="xs">
          {principle.source && (
            <Text size="xs" c="dimmed">
              {t('partnerships.principles.source', { source: principle.source })}
            </Text>
          )}
          {principle.retired && <Badge color="gray">{t('partnerships.principles.retired')}</Badge>}
        </Group>
        <PrincipleFields name={[name, setName]} description={[description, setDescription]} error={error} />
        <Group gap="xs">
          <Button type="submit" size="xs" variant="default" loading={busy}>
            {t('partnerships.principles.rename')}
          </Button>
          <Button size="xs" variant="subtle" loading={busy} onClick={() => change(!principle.retired)}>
            {principle.retired ? t('partnerships.principles.restore') : t('partnerships.principles.retire')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** A principle's name and description, with the problem the last save met. */
function PrincipleFields({
  name: [name, setName],
  description: [description, setDescription],
  error,
}: {
  name: [string, (value: string) => void];
  description: [string, (value: string) => void];
  error: unknown;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('partnerships.principles.name')}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        error={fieldError(error, 'name')}
      />
      <Textarea
        label={t('partnerships.principles.description')}
        autosize
        minRows={1}
        value={description}
        onChange={(event) => setDescription(event.currentTarget.value)}
      />
      <ProblemAlert error={error} />
    </>
  );
}

function NewPrinciple() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const { error, busy, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await post('/partnerships/principles', { name, description: description.trim() || null });
      setName('');
      setDescription('');
      await client.invalidateQueries({ queryKey: ['partnerships'] });
    });
  };
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit}>
      <Stack gap="xs">
        <PrincipleFields name={[name, setName]} description={[description, setDescription]} error={error} />
        <Button type="submit" w="fit-content" loading={busy}>
          {t('partnerships.principles.add')}
        </Button>
      </Stack>
    </Paper>
  );
}

function Meetings({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const meetings = useQuery({
    queryKey: ['partnerships', 'partners-meetings'],
    queryFn: () => get<{ items: PartnersMeeting[] }>('/partnerships/partners-meetings'),
  });
  return (
    <Section title={t('partnerships.meetings.title')}>
      <ProblemAlert error={meetings.error} />
      {meetings.isLoading && <PageLoader />}
      {meetings.data?.items.length === 0 && <Text size="sm">{t('partnerships.meetings.none')}</Text>}
      {meetings.data?.items.map((meeting) => (
        <Paper key={meeting.id} withBorder p="sm">
          <Text fw={600}>
            {meeting.title} · {formatDate(meeting.heldOn, i18n.language)}
          </Text>
          <Facts
            items={[
              [
                t('partnerships.meetings.organisations'),
                meeting.organisations.map((o) => o.legalName).join(', '),
              ],
              [t('partnerships.meetings.attendees'), meeting.attendees],
              [t('partnerships.meetings.notes'), meeting.notes],
              [t('partnerships.meetings.decisions'), meeting.decisions],
            ]}
          />
        </Paper>
      ))}
      {canEdit && <NewMeeting />}
    </Section>
  );
}

function NewMeeting() {
  const { t } = useTranslation();
  const client = useQueryClient();
  // The organisations to choose from: the parties of the agency's partnerships, the pool.
  const pool = useQuery({
    queryKey: ['partnerships', 'list', 'pool-organisations'],
    queryFn: () => get<PartnershipPage>('/partnerships?limit=200'),
  });
  const organisations = [
    ...new Map(
      (pool.data?.items ?? []).flatMap((p) => p.parties).map((party) => [party.organisationId, party]),
    ).values(),
  ].sort((a, b) => a.legalName.localeCompare(b.legalName));
  const blank = {
    heldOn: '',
    title: '',
    organisationIds: [] as string[],
    attendees: '',
    notes: '',
    decisions: '',
  };
  const [form, setForm] = useState(blank);
  const { error, busy, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await post('/partnerships/partners-meetings', {
        heldOn: form.heldOn,
        title: form.title,
        organisationIds: form.organisationIds,
        attendees: form.attendees.trim() || null,
        notes: form.notes.trim() || null,
        decisions: form.decisions.trim() || null,
      });
      setForm(blank);
      await client.invalidateQueries({ queryKey: ['partnerships', 'partners-meetings'] });
    });
  };
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('partnerships.meetings.record')}
        </Title>
        <TextInput
          type="date"
          label={t('partnerships.meetings.heldOn')}
          value={form.heldOn}
          onChange={(event) => setForm({ ...form, heldOn: event.currentTarget.value })}
          error={fieldError(error, 'heldOn')}
          w="fit-content"
        />
        <TextInput
          label={t('partnerships.meetings.name')}
          value={form.title}
          onChange={(event) => setForm({ ...form, title: event.currentTarget.value })}
          error={fieldError(error, 'title')}
        />
        <Checkbox.Group
          label={t('partnerships.meetings.organisations')}
          value={form.organisationIds}
          onChange={(organisationIds) => setForm({ ...form, organisationIds })}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
            {organisations.map((o) => (
              <Checkbox key={o.organisationId} value={o.organisationId} label={o.legalName} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        {(['attendees', 'notes', 'decisions'] as const).map((field) => (
          <Textarea
            key={field}
            label={t(`partnerships.meetings.${field}`)}
            autosize
            minRows={2}
            value={form[field]}
            onChange={(event) => setForm({ ...form, [field]: event.currentTarget.value })}
            error={fieldError(error, field)}
          />
        ))}
        <ProblemAlert error={error} />
        <Button type="submit" w="fit-content" loading={busy}>
          {t('partnerships.meetings.save')}
        </Button>
      </Stack>
    </Paper>
  );
}
