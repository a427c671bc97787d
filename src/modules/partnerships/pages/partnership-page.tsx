import '@mantine/core/styles/Tabs.css';
import '@mantine/core/styles/Timeline.css';
import '@mantine/core/styles/SegmentedControl.css';
import '@mantine/core/styles/Fieldset.css';
import {
  Anchor,
  Button,
  Card,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  Stack,
  Tabs,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Facts } from '../../../web/components/facts.tsx';
import { Link, useLocation, useParams, useSearch } from 'wouter';
import { get, post, put } from '../../../web/api/client.ts';
import type { Page } from '../../../web/api/types.ts';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { can, useMe } from '../../../web/session.ts';
import { AssessmentForm } from './assessment-form.tsx';
import { DecisionsTab } from './decisions-tab.tsx';
import { ReviewsTab } from './reviews-tab.tsx';
import { AgreementsTab } from './agreements-tab.tsx';
import { PlanTab } from './plan-tab.tsx';
import {
  formatDate,
  LevelBadge,
  LevelDefinition,
  localeOf,
  MoveDialog,
  StateBadge,
  termLabel,
  usePartnership,
  useRegisterLists,
} from './shared.tsx';
import {
  continuumLevels,
  strategicQuestions,
  type ContinuumLevel,
  type HistoryEvent,
  type LifecycleState,
  type Partnership,
} from './types.ts';

const tabs = [
  'overview',
  'parties',
  'due-diligence',
  'decisions',
  'agreements',
  'plan',
  'reviews',
  'history',
] as const;
type Tab = (typeof tabs)[number];

export default function PartnershipPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams<{ id: string }>();
  const search = useSearch();
  const [, navigate] = useLocation();
  const { data: me } = useMe();
  const partnership = usePartnership(id);
  const [moving, setMoving] = useState<LifecycleState | null>(null);
  const canEdit = can(me, 'partnerships:edit');
  const shown = tabs.filter((tab) => tab !== 'history' || can(me, 'audit:read'));
  const wanted = new URLSearchParams(search).get('tab') as Tab | null;
  const tab: Tab = wanted && shown.includes(wanted) ? wanted : 'overview';

  if (partnership.isLoading) return <PageLoader />;
  const data = partnership.data;
  if (!data) return <ProblemAlert error={partnership.error} />;

  return (
    <Stack maw={960}>
      <Anchor component={Link} href="/partnerships" size="sm" w="fit-content">
        {t('partnerships.back')}
      </Anchor>
      <Group justify="space-between" align="start" wrap="wrap" gap="xs">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 16rem' }}>
          <Title order={1} style={{ overflowWrap: 'anywhere' }}>
            {data.title}
          </Title>
          <Group gap="xs">
            <StateBadge state={data.state} />
            <LevelBadge level={data.level} />
            <Text size="sm">
              {t(`partnerships.formKind.${data.form}`)} · {t(`partnerships.formality.${data.formality}`)}
            </Text>
          </Group>
        </Stack>
        {canEdit && (
          <Button component={Link} href={`/partnerships/${data.id}/edit`}>
            {t('partnerships.edit')}
          </Button>
        )}
      </Group>
      {canEdit && data.allowedMoves.length > 0 && (
        <Paper withBorder p="xs">
          <Group gap="xs" wrap="wrap">
            <Text size="sm" fw={600}>
              {t('partnerships.board.moveTo')}
            </Text>
            {data.allowedMoves.map((to) => (
              <Button key={to} size="xs" variant="outline" onClick={() => setMoving(to)}>
                {t(`partnerships.state.${to}`)}
              </Button>
            ))}
          </Group>
        </Paper>
      )}
      <MoveDialog partnership={data} to={moving} onClose={() => setMoving(null)} />
      <Tabs
        value={tab}
        keepMounted={false}
        onChange={(value) =>
          navigate(
            value && value !== 'overview' ? `/partnerships/${id}?tab=${value}` : `/partnerships/${id}`,
            {
              replace: true,
            },
          )
        }
      >
        <Tabs.List>
          {shown.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {t(`partnerships.tab.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <Overview partnership={data} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="parties" pt="md">
          <Parties partnership={data} />
        </Tabs.Panel>
        <Tabs.Panel value="due-diligence" pt="md">
          <DueDiligence partnership={data} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="decisions" pt="md">
          <DecisionsTab partnership={data} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="agreements" pt="md">
          <AgreementsTab partnership={data} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="plan" pt="md">
          <PlanTab partnership={data} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="reviews" pt="md">
          <ReviewsTab partnership={data} canEdit={canEdit} />
        </Tabs.Panel>
        {shown.includes('history') && (
          <Tabs.Panel value="history" pt="md">
            <History partnership={data} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}

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

/** Refreshes the partnership (and the lists it shows in) after a change. */
function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['partnerships'] });
}

function Overview({ partnership, canEdit }: { partnership: Partnership; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const lists = useRegisterLists();
  const placeName = (id: string) => lists.data?.places.find((place) => place.id === id)?.name ?? id;
  return (
    <Stack gap="xl">
      <Facts
        items={[
          [t('partnerships.purpose'), partnership.purpose],
          [t('partnerships.sharedVision'), partnership.sharedVision],
          [
            t('partnerships.focusAreas'),
            partnership.focusAreas.map((code) => termLabel(lists.data?.focusAreas, code)).join(', '),
          ],
          [t('partnerships.places'), partnership.placeIds.map(placeName).join(', ')],
          [
            t('partnerships.agencyRoles'),
            partnership.agencyRoles.map((role) => t(`partnerships.role.${role}`)).join(', '),
          ],
          [
            t('partnerships.dates'),
            `${formatDate(partnership.startsOn, i18n.language)} – ${formatDate(partnership.endsOn, i18n.language)}`,
          ],
          [t('partnerships.phaseOutPlan'), partnership.phaseOutPlan],
          [
            t('partnerships.policies'),
            partnership.policies.length === 0 ? null : (
              <Group gap="xs" wrap="wrap">
                {partnership.policies.map((policy) => (
                  <Anchor key={policy.id} component={Link} href={`/dialogue/policies/${policy.id}`}>
                    {policy.title}
                  </Anchor>
                ))}
              </Group>
            ),
          ],
        ]}
      />
      <Continuum partnership={partnership} canEdit={canEdit} />
      <StrategicTest partnership={partnership} canEdit={canEdit} />
      <Section title={t('partnerships.timeline')}>
        <Timeline active={partnership.stateHistory.length - 1} bulletSize={14} lineWidth={2}>
          {partnership.stateHistory.map((move, index) => (
            <Timeline.Item key={index} title={t(`partnerships.state.${move.to}`)}>
              <Text size="xs" c="dimmed">
                {new Date(move.at).toLocaleString(localeOf(i18n.language))} · {move.by}
              </Text>
              {move.reason && <Text size="sm">{move.reason}</Text>}
            </Timeline.Item>
          ))}
        </Timeline>
      </Section>
    </Stack>
  );
}

function Continuum({ partnership, canEdit }: { partnership: Partnership; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefresh();
  const [level, setLevel] = useState<ContinuumLevel>(partnership.level);
  const [reason, setReason] = useState('');
  const { error, busy, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await post(`/partnerships/${partnership.id}/level`, { level, reason, version: partnership.version });
      setReason('');
      await refresh();
    });
  };
  return (
    <Section title={t('partnerships.continuum')}>
      <LevelDefinition level={partnership.level} />
      <Stack gap={4} component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
        {partnership.levelHistory.map((move, index) => (
          <Text key={index} component="li" size="sm">
            {formatDate(move.at, i18n.language)}: {t(`partnerships.level.${move.to}`)}
            {move.reason ? ` — ${move.reason}` : ''} ({move.by})
          </Text>
        ))}
      </Stack>
      {canEdit && (
        <Paper withBorder p="sm" component="form" onSubmit={submit}>
          <Stack gap="xs">
            <NativeSelect
              label={t('partnerships.newLevel')}
              value={level}
              data={continuumLevels.map((value) => ({ value, label: t(`partnerships.level.${value}`) }))}
              onChange={(event) => setLevel(event.currentTarget.value as ContinuumLevel)}
              error={fieldError(error, 'level')}
            />
            {level !== partnership.level && <LevelDefinition level={level} />}
            <Textarea
              label={t('partnerships.reason')}
              autosize
              minRows={2}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={fieldError(error, 'reason')}
            />
            <ProblemAlert error={error} fields={['level', 'reason']} />
            <Button type="submit" w="fit-content" loading={busy} disabled={level === partnership.level}>
              {t('partnerships.moveLevel')}
            </Button>
          </Stack>
        </Paper>
      )}
    </Section>
  );
}

type Answer = boolean | null;
const answerValue = (answer: Answer) => (answer === null ? 'unknown' : answer ? 'yes' : 'no');
const valueAnswer = (value: string): Answer => (value === 'unknown' ? null : value === 'yes');

function StrategicTest({ partnership, canEdit }: { partnership: Partnership; canEdit: boolean }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const test = partnership.strategicTest;
  const [answers, setAnswers] = useState(test.answers);
  const [override, setOverride] = useState('keep');
  const [reason, setReason] = useState('');
  const saving = useAction();
  const overriding = useAction();
  const classification = (value: boolean | null) =>
    t(`partnerships.strategic.${value === null ? 'unknown' : value ? 'yes' : 'no'}`);
  const save = () =>
    void saving.run(async () => {
      await put(`/partnerships/${partnership.id}/strategic-test`, { answers, version: partnership.version });
      await refresh();
    });
  const applyOverride = (event: FormEvent) => {
    event.preventDefault();
    void overriding.run(async () => {
      await put(`/partnerships/${partnership.id}/strategic-override`, {
        strategic: override === 'remove' ? null : override === 'yes',
        reason,
        version: partnership.version,
      });
      setReason('');
      await refresh();
    });
  };
  return (
    <Section title={t('partnerships.strategicTest')}>
      <Text size="sm">{t('partnerships.strategicHelp')}</Text>
      {strategicQuestions.map((question) => (
        <Stack key={question} gap={2}>
          <Text size="sm" id={`question-${question}`}>
            {t(`partnerships.question.${question}`)}
          </Text>
          <SegmentedControl
            aria-labelledby={`question-${question}`}
            disabled={!canEdit}
            value={answerValue(answers[question])}
            onChange={(value) => setAnswers({ ...answers, [question]: valueAnswer(value) })}
            data={[
              { value: 'yes', label: t('partnerships.answer.yes') },
              { value: 'no', label: t('partnerships.answer.no') },
              { value: 'unknown', label: t('partnerships.answer.unknown') },
            ]}
            w="fit-content"
          />
        </Stack>
      ))}
      <Text fw={600} role="status">
        {t('partnerships.classification', { value: classification(test.classification) })}
        {test.override &&
          ` · ${t('partnerships.overridden', { value: classification(test.override.strategic), reason: test.override.reason, by: test.override.by })}`}
      </Text>
      {canEdit && (
        <>
          <ProblemAlert error={saving.error} />
          <Button w="fit-content" variant="outline" onClick={save} loading={saving.busy}>
            {t('partnerships.saveAnswers')}
          </Button>
          <Paper withBorder p="sm" component="form" onSubmit={applyOverride}>
            <Stack gap="xs">
              <NativeSelect
                label={t('partnerships.override')}
                value={override}
                onChange={(event) => setOverride(event.currentTarget.value)}
                data={[
                  { value: 'keep', label: t('partnerships.form.choose') },
                  { value: 'yes', label: t('partnerships.strategic.yes') },
                  { value: 'no', label: t('partnerships.strategic.no') },
                  ...(test.override ? [{ value: 'remove', label: t('partnerships.overrideRemove') }] : []),
                ]}
              />
              <Textarea
                label={t('partnerships.reason')}
                autosize
                value={reason}
                onChange={(event) => setReason(event.currentTarget.value)}
                error={fieldError(overriding.error, 'reason')}
              />
              <ProblemAlert error={overriding.error} fields={['reason']} />
              <Button type="submit" w="fit-content" loading={overriding.busy} disabled={override === 'keep'}>
                {t('partnerships.overrideSubmit')}
              </Button>
            </Stack>
          </Paper>
        </>
      )}
    </Section>
  );
}

function Parties({ partnership }: { partnership: Partnership }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {partnership.parties.map((party) => (
        <Card key={party.organisationId} withBorder padding="sm" component="li">
          <Group justify="space-between" wrap="nowrap">
            <Anchor component={Link} href={`/register/${party.organisationId}`} style={{ minWidth: 0 }}>
              {party.legalName}
            </Anchor>
            {party.lead && <Text size="sm">{t('partnerships.lead')}</Text>}
          </Group>
        </Card>
      ))}
    </Stack>
  );
}

function DueDiligence({ partnership, canEdit }: { partnership: Partnership; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefresh();
  const { error, busy, run } = useAction();
  const start = (organisationId: string) =>
    void run(async () => {
      await post(`/partnerships/${partnership.id}/assessments`, { organisationId });
      await refresh();
    });
  return (
    <Stack gap="sm">
      <Text size="sm">{t('partnerships.dueDiligenceHelp')}</Text>
      <ProblemAlert error={error} />
      {partnership.parties.map((party) => {
        const ofParty = partnership.assessments.filter((a) => a.organisationId === party.organisationId);
        const assessments = ofParty.filter((a) => a.direction === 'agency-assesses-organisation');
        const theirs = ofParty.filter(
          (a) => a.direction === 'organisation-assesses-agency' && a.state === 'complete',
        );
        return (
          <Card key={party.organisationId} withBorder padding="sm">
            <Stack gap="xs">
              <Title order={2} size="h5">
                {party.legalName}
              </Title>
              {assessments.length === 0 && <Text size="sm">{t('partnerships.assessment.none')}</Text>}
              {assessments.map((assessment) =>
                assessment.state === 'complete' ? (
                  <Text key={assessment.id} size="sm">
                    {t('partnerships.assessment.complete', {
                      score: assessment.score,
                      rating: t(`partnerships.risk.${assessment.riskRating ?? 'low'}`),
                      until: formatDate(assessment.validUntil, i18n.language),
                    })}
                  </Text>
                ) : (
                  <Paper key={assessment.id} withBorder p="xs">
                    <Stack gap="sm">
                      <Text size="sm">{t('partnerships.assessment.open')}</Text>
                      <AssessmentForm
                        url={`/partnerships/${partnership.id}/assessments/${assessment.id}`}
                        uploadUrl="/files"
                        assessment={assessment}
                        canEdit={canEdit}
                        saveLabel={t('partnerships.assessment.save')}
                        completeLabel={t('partnerships.assessment.completeSubmit')}
                        onChanged={refresh}
                      />
                    </Stack>
                  </Paper>
                ),
              )}
              {theirs.map((assessment) => (
                <Text key={assessment.id} size="sm" c="dimmed">
                  {t('partnerships.assessment.theirs', {
                    score: assessment.score,
                    rating: t(`partnerships.risk.${assessment.riskRating ?? 'low'}`),
                  })}
                </Text>
              ))}
              {canEdit && !assessments.some((a) => a.state === 'open') && (
                <Button
                  size="xs"
                  variant="outline"
                  w="fit-content"
                  loading={busy}
                  onClick={() => start(party.organisationId)}
                  aria-label={t('partnerships.assessment.startFor', { name: party.legalName })}
                >
                  {t('partnerships.assessment.start')}
                </Button>
              )}
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}

/** Uploads one file through the platform's file store; the answer keeps the file's id. */
function History({ partnership }: { partnership: Partnership }) {
  const { t, i18n } = useTranslation();
  const events = useInfiniteQuery({
    queryKey: ['partnerships', 'history', partnership.id, partnership.version],
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: '20' });
      if (pageParam) params.set('cursor', pageParam);
      return get<Page<HistoryEvent>>(`/audit/partnership/${partnership.id}?${params.toString()}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="xs">
      <ProblemAlert error={events.error} />
      {events.isLoading && <PageLoader />}
      {rows.map((event) => (
        <Card key={event.id} withBorder padding="sm">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text fw={600}>{t(`partnerships.action.${event.action}`, { defaultValue: event.action })}</Text>
            <Text size="sm" c="dimmed">
              {new Date(event.at).toLocaleString(localeOf(i18n.language))}
            </Text>
          </Group>
          <Text size="sm">
            {t('audit.who')}: {event.actor.name}
          </Text>
        </Card>
      ))}
      {events.hasNextPage && (
        <Button
          variant="outline"
          w="fit-content"
          onClick={() => void events.fetchNextPage()}
          loading={events.isFetchingNextPage}
        >
          {t('common.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
