import {
  Alert,
  Checkbox,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
  useDirection,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Facts } from '../../../web/components/facts.tsx';
import { DocumentsPanel } from './documents.tsx';
import { fieldLabels } from './organisation-form.tsx';
import { Link, useLocation, useParams, useSearch } from 'wouter';
import { get, post, remove } from '../../../web/api/client.ts';
import type { Page } from '../../../web/api/types.ts';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { can, useMe } from '../../../web/session.ts';
import {
  formatDate,
  labelOf,
  localeOf,
  placePath,
  safeWebsite,
  StatusBadge,
  useOrganisation,
  useTaxonomies,
} from './shared.tsx';
import {
  profileFieldList,
  type CsoMember,
  type HistoryEvent,
  type Organisation,
  type RegisterPage,
  type Taxonomies,
} from './types.ts';

const tabs = [
  'overview',
  'contacts',
  'places',
  'affiliations',
  'documents',
  'partnerships',
  'people',
  'history',
  'renewals',
  'verification',
] as const;
type Tab = (typeof tabs)[number];

export default function OrganisationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams<{ id: string }>();
  const search = useSearch();
  const [, navigate] = useLocation();
  const { data: me } = useMe();
  const organisation = useOrganisation(id);
  const taxonomies = useTaxonomies('register');
  const canEdit = can(me, 'register:edit');
  // The history is the audit trail, which only some roles may read.
  const shown = tabs.filter(
    (tab) =>
      (tab !== 'verification' || can(me, 'register:review')) &&
      (tab !== 'partnerships' || can(me, 'partnerships:read')),
  );
  const wanted = new URLSearchParams(search).get('tab') as Tab | null;
  const tab: Tab = wanted && shown.includes(wanted) ? wanted : 'overview';

  if (organisation.isLoading) return <PageLoader />;
  const data = organisation.data;
  if (!data) return <ProblemAlert error={organisation.error} />;

  return (
    <Stack maw={900}>
      <Anchor component={Link} href="/register" size="sm" w="fit-content">
        {t('register.back')}
      </Anchor>
      <Group justify="space-between" align="start" wrap="wrap" gap="xs">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 16rem' }}>
          <Title order={1} style={{ overflowWrap: 'anywhere' }}>
            {data.legalName}
            {data.acronym ? ` (${data.acronym})` : ''}
          </Title>
          <Group gap="xs">
            <StatusBadge status={data.registerStatus} />
            <Text size="sm">{labelOf(taxonomies.data?.kinds, data.kind)}</Text>
          </Group>
        </Stack>
        {canEdit && (
          <Button component={Link} href={`/register/${data.id}/edit`}>
            {t('register.edit')}
          </Button>
        )}
      </Group>
      <ProblemAlert error={organisation.error} />
      {data.hiddenGroups.length > 0 && (
        <Alert variant="light" color="gray">
          {t('register.hiddenGroups', {
            groups: data.hiddenGroups.map((group) => t(`register.visibility.group.${group}`)).join(', '),
          })}
        </Alert>
      )}
      <Tabs
        value={tab}
        keepMounted={false}
        onChange={(value) =>
          navigate(value && value !== 'overview' ? `/register/${id}?tab=${value}` : `/register/${id}`, {
            replace: true,
          })
        }
      >
        <Tabs.List>
          {shown.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {t(`register.tab.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <Overview organisation={data} taxonomies={taxonomies.data} />
        </Tabs.Panel>
        <Tabs.Panel value="contacts" pt="md">
          <Contacts organisation={data} />
        </Tabs.Panel>
        <Tabs.Panel value="places" pt="md">
          <Places organisation={data} taxonomies={taxonomies.data} />
        </Tabs.Panel>
        <Tabs.Panel value="affiliations" pt="md">
          <Affiliations organisation={data} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="documents" pt="md">
          <DocumentsPanel
            organisation={data}
            side="register"
            canEdit={canEdit}
            onChanged={() => organisation.refetch()}
          />
        </Tabs.Panel>
        {shown.includes('partnerships') && (
          <Tabs.Panel value="partnerships" pt="md">
            <Partnerships organisationId={data.id} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="people" pt="md">
          <People organisationId={data.id} canInvite={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <History organisation={data} />
        </Tabs.Panel>
        <Tabs.Panel value="renewals" pt="md">
          <Renewals organisation={data} canEdit={canEdit} />
        </Tabs.Panel>
        {shown.includes('verification') && (
          <Tabs.Panel value="verification" pt="md">
            <Verification organisation={data} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}

function Overview({ organisation, taxonomies }: { organisation: Organisation; taxonomies?: Taxonomies }) {
  const { t, i18n } = useTranslation();
  const number = (value: number | null) =>
    value == null ? '' : value.toLocaleString(localeOf(i18n.language));
  return (
    <Stack gap="lg">
      {organisation.mission && (
        <Stack gap={4}>
          <Title order={2} size="h4">
            {t('register.mission')}
          </Title>
          <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{organisation.mission}</Text>
        </Stack>
      )}
      <Facts
        items={[
          [t('register.legalName'), organisation.legalName],
          [
            t('register.otherNames'),
            organisation.otherNames.map((row) => `${row.name} (${row.language})`).join('\n'),
          ],
          [t('register.acronym'), organisation.acronym ?? ''],
          [t('register.kind'), labelOf(taxonomies?.kinds, organisation.kind)],
          [t('register.legalStatus'), organisation.legalStatus ?? ''],
          [
            t('register.registerStatus'),
            t('register.statusLine', {
              status: t(`register.status.${organisation.registerStatus}`),
              confirmed: formatDate(organisation.lastConfirmedAt, i18n.language),
              due: formatDate(organisation.renewalDueAt, i18n.language),
            }),
          ],
          [
            t('register.focusAreas'),
            organisation.focusAreas.map((code) => labelOf(taxonomies?.focusAreas, code)).join(', '),
          ],
          [
            t('register.populations'),
            organisation.populations.map((code) => labelOf(taxonomies?.populations, code)).join(', '),
          ],
          [
            t('register.identifiers'),
            organisation.identifiers
              .map((row) => `${labelOf(taxonomies?.identifierSchemes, row.scheme)}: ${row.value}`)
              .join('\n'),
          ],
          [
            t('register.yearFounded'),
            organisation.yearFounded == null ? '' : String(organisation.yearFounded),
          ],
          [t('register.staffCount'), number(organisation.staffCount)],
          [t('register.volunteerCount'), number(organisation.volunteerCount)],
          [t('register.budgetBand'), organisation.budgetBand ?? ''],
          [
            t('register.website'),
            safeWebsite(organisation.website) ? (
              <Anchor href={safeWebsite(organisation.website)} target="_blank" rel="noopener noreferrer">
                {organisation.website}
              </Anchor>
            ) : (
              (organisation.website ?? '')
            ),
          ],
        ]}
      />
    </Stack>
  );
}

function Contacts({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  if (organisation.contacts.length === 0) return <Text>{t('register.noContacts')}</Text>;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      {organisation.contacts.map((contact, index) => (
        <Card key={index} withBorder padding="sm">
          <Stack gap={2}>
            <Title order={2} size="h5">
              {contact.name}
            </Title>
            {contact.role && <Text size="sm">{contact.role}</Text>}
            {contact.email && (
              <Anchor href={`mailto:${contact.email}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {contact.email}
              </Anchor>
            )}
            {contact.phone && (
              <Anchor href={`tel:${contact.phone.replace(/[^+0-9]/g, '')}`} size="sm">
                {contact.phone}
              </Anchor>
            )}
            {contact.language && (
              <Text size="sm">
                {t('register.contactLanguage')}: {contact.language}
              </Text>
            )}
            <Text size="sm" c={contact.consentToContact ? undefined : 'dimmed'}>
              {contact.consentToContact ? t('register.consentYes') : t('register.consentNo')}
            </Text>
          </Stack>
        </Card>
      ))}
    </SimpleGrid>
  );
}

function Places({ organisation, taxonomies }: { organisation: Organisation; taxonomies?: Taxonomies }) {
  const { t } = useTranslation();
  if (organisation.places.length === 0) return <Text>{t('register.noPlaces')}</Text>;
  return (
    <List spacing="xs">
      {organisation.places.map((place) => (
        <List.Item key={place.id}>
          <Text>
            {placePath(taxonomies?.places, place)}{' '}
            <Text span size="sm" c="dimmed">
              ({t(`register.level.${place.level}`, { defaultValue: place.level })})
            </Text>
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

/** Runs an action that answers with the fresh profile, keeping the server's problem for display. */
function useProfileAction(organisation: Organisation) {
  const client = useQueryClient();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<Organisation>) {
    setBusy(true);
    setError(undefined);
    try {
      const fresh = await action();
      client.setQueryData(['register', 'organisation', organisation.id], fresh);
      await client.invalidateQueries({ queryKey: ['register', 'organisations'] });
      await client.invalidateQueries({ queryKey: ['register', 'renewals'] });
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { error, busy, run };
}

function Affiliations({ organisation, canEdit }: { organisation: Organisation; canEdit: boolean }) {
  const { t } = useTranslation();
  const { umbrellas, members } = organisation.affiliations;
  const { error, busy, run } = useProfileAction(organisation);
  const leave = (umbrellaId: string) =>
    void run(() =>
      remove<Organisation>(`/register/organisations/${organisation.id}/affiliations/${umbrellaId}`),
    );
  return (
    <Stack gap="lg">
      <AffiliationGraph organisation={organisation} />
      <ProblemAlert error={error} />
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('register.umbrellas')}
        </Title>
        {umbrellas.length === 0 && <Text size="sm">{t('register.noUmbrellas')}</Text>}
        <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {umbrellas.map((umbrella) => (
            <Group key={umbrella.id} component="li" justify="space-between" wrap="nowrap" gap="xs">
              <Anchor component={Link} href={`/register/${umbrella.id}`} style={{ minWidth: 0 }}>
                {umbrella.legalName}
              </Anchor>
              {canEdit && (
                <Button
                  size="xs"
                  variant="outline"
                  color="red"
                  loading={busy}
                  onClick={() => leave(umbrella.id)}
                  aria-label={`${t('register.leaveUmbrella')}: ${umbrella.legalName}`}
                >
                  {t('register.leaveUmbrella')}
                </Button>
              )}
            </Group>
          ))}
        </Stack>
        {canEdit && <AddUmbrella organisation={organisation} run={run} busy={busy} />}
      </Stack>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('register.members')}
        </Title>
        {members.length === 0 && <Text size="sm">{t('register.noMembers')}</Text>}
        <List spacing={4}>
          {members.map((member) => (
            <List.Item key={member.id}>
              <Anchor component={Link} href={`/register/${member.id}`}>
                {member.legalName}
              </Anchor>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Stack>
  );
}

function AddUmbrella({
  organisation,
  run,
  busy,
}: {
  organisation: Organisation;
  run: (action: () => Promise<Organisation>) => Promise<boolean>;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const found = useQuery({
    queryKey: ['register', 'organisations', 'umbrella-search', q],
    queryFn: () =>
      get<RegisterPage>(`/register/organisations?${new URLSearchParams({ q, limit: '8' }).toString()}`),
    enabled: q.length >= 2,
  });
  const taken = new Set([organisation.id, ...organisation.affiliations.umbrellas.map((u) => u.id)]);
  const choices = (found.data?.items ?? []).filter((item) => !taken.has(item.id));
  const add = (umbrellaId: string) =>
    void run(() =>
      post<Organisation>(`/register/organisations/${organisation.id}/affiliations`, { umbrellaId }),
    ).then((added) => added && setText(''));
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <TextInput
          type="search"
          label={t('register.addUmbrella')}
          description={t('register.addUmbrellaHelp')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <ProblemAlert error={found.error} />
        {found.data && choices.length === 0 && <Text size="sm">{t('register.list.empty')}</Text>}
        <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {choices.map((choice) => (
            <Group key={choice.id} component="li" justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                {choice.legalName}
                {choice.acronym ? ` (${choice.acronym})` : ''}
              </Text>
              <Button
                size="xs"
                loading={busy}
                onClick={() => add(choice.id)}
                aria-label={`${t('register.addAsUmbrella')}: ${choice.legalName}`}
              >
                {t('register.addAsUmbrella')}
              </Button>
            </Group>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}

/**
 * Umbrellas above, the organisation in the middle, its members below, joined as a tree. A picture of
 * the lists beside it, which carry the same names for screen readers and links.
 */
function AffiliationGraph({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const { dir } = useDirection();
  const { umbrellas, members } = organisation.affiliations;
  if (umbrellas.length + members.length === 0) return null;
  const width = 360;
  const row = 34;
  const box = 26;
  const rows = [
    ...umbrellas.map((u) => ({ name: u.legalName, indent: 4, self: false })),
    { name: organisation.legalName, indent: 28, self: true },
    ...members.map((m) => ({ name: m.legalName, indent: 52, self: false })),
  ];
  const height = rows.length * row + 4;
  // Mirrored for right-to-left; text then starts at the right edge of its box, as the reader expects.
  const x = (at: number, size = 0) => (dir === 'rtl' ? width - at - size : at);
  const middle = (index: number) => index * row + 2 + box / 2;
  const selfIndex = umbrellas.length;
  const fit = (name: string, room: number) => {
    const chars = Math.floor((room - 14) / 6.6);
    return name.length > chars ? `${name.slice(0, Math.max(chars - 1, 1))}…` : name;
  };
  const lines: string[] = [];
  if (umbrellas.length) {
    lines.push(`M${x(16)} ${2 + box} V${middle(selfIndex)} H${x(28)}`);
  }
  members.forEach((_, i) => {
    const index = selfIndex + 1 + i;
    lines.push(`M${x(40)} ${middle(selfIndex) + box / 2} V${middle(index)} H${x(52)}`);
  });
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={t('register.graphSummary', {
        name: organisation.legalName,
        umbrellas: umbrellas.length,
        members: members.length,
      })}
      style={{ width: '100%', maxWidth: 560, height: 'auto', display: 'block' }}
    >
      {lines.map((d) => (
        <path key={d} d={d} fill="none" stroke="#868e96" strokeWidth={1.5} />
      ))}
      {rows.map((item, index) => {
        const size = width - item.indent - 4;
        return (
          <g key={index}>
            <rect
              x={x(item.indent, size)}
              y={index * row + 2}
              width={size}
              height={box}
              rx={5}
              fill={item.self ? '#087f5b' : '#ffffff'}
              stroke={item.self ? '#087f5b' : '#868e96'}
            />
            <text
              x={dir === 'rtl' ? width - item.indent - 7 : item.indent + 7}
              y={middle(index) + 4}
              fontSize={12}
              fontWeight={item.self ? 700 : 400}
              fill={item.self ? '#ffffff' : '#212529'}
              textAnchor="start"
            >
              {fit(item.name, size)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The top-level fields whose values differ between two versions of a record. */
function changedFields(before: unknown, after: unknown) {
  const asRecord = (value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const a = asRecord(before);
  const b = asRecord(after);
  const ignored = new Set(['version', 'updatedAt', 'createdAt', 'registerStatus', 'renewalDueAt']);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((key) => !ignored.has(key) && JSON.stringify(a[key]) !== JSON.stringify(b[key]))
    .map((key) => ({ key, before: a[key], after: b[key] }));
}
const short = (value: unknown) => {
  if (value === undefined || value === null || value === '') return '—';
  const words = typeof value === 'string' ? value : JSON.stringify(value);
  return words.length > 160 ? `${words.slice(0, 159)}…` : words;
};

function History({ organisation }: { organisation: Organisation }) {
  const { t, i18n } = useTranslation();
  const events = useInfiniteQuery({
    queryKey: ['register', 'history', organisation.id, organisation.version],
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: '20' });
      if (pageParam) params.set('cursor', pageParam);
      return get<Page<HistoryEvent>>(
        `/register/organisations/${organisation.id}/history?${params.toString()}`,
      );
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="xs">
      <ProblemAlert error={events.error} />
      {events.isLoading && <PageLoader />}
      {events.isSuccess && rows.length === 0 && <Text>{t('register.history.empty')}</Text>}
      {rows.map((event) => {
        const changes = changedFields(event.before, event.after);
        return (
          <Card key={event.id} withBorder padding="sm">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text fw={600}>{t(`register.action.${event.action}`, { defaultValue: event.action })}</Text>
              <Text size="sm" c="dimmed">
                {new Date(event.at).toLocaleString(localeOf(i18n.language))}
              </Text>
            </Group>
            <Text size="sm">
              {t('audit.who')}: {event.actor.name} ·{' '}
              {event.agencyName ?? t('register.history.byOrganisation')}
            </Text>
            {event.before == null && event.changedFields.length > 0 && (
              <Text size="sm">
                {t('register.history.changed', { fields: event.changedFields.join(', ') })}
              </Text>
            )}
            {event.before != null && changes.length > 0 && (
              <details>
                <summary>
                  {t('register.history.changed', { fields: changes.map((c) => c.key).join(', ') })}
                </summary>
                <Stack gap={4} mt={4}>
                  {changes.map((change) => (
                    <Text key={change.key} size="sm" style={{ overflowWrap: 'anywhere' }}>
                      <Code>{change.key}</Code>: {short(change.before)} → {short(change.after)}
                    </Text>
                  ))}
                </Stack>
              </details>
            )}
          </Card>
        );
      })}
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

function Renewals({ organisation, canEdit }: { organisation: Organisation; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const [note, setNote] = useState('');
  const [done, setDone] = useState(false);
  const { error, busy, run } = useProfileAction(organisation);
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    void run(() =>
      post<Organisation>(
        `/register/organisations/${organisation.id}/renewal`,
        note.trim() ? { note: note.trim() } : {},
      ),
    ).then((ok) => {
      if (!ok) return;
      setNote('');
      setDone(true);
    });
  };
  return (
    <Stack gap="lg">
      <Facts
        items={[
          [t('register.registerStatus'), <StatusBadge key="status" status={organisation.registerStatus} />],
          [t('register.lastConfirmedLabel'), formatDate(organisation.lastConfirmedAt, i18n.language)],
          [t('register.renewalDue'), formatDate(organisation.renewalDueAt, i18n.language)],
        ]}
      />
      {canEdit && (
        <form onSubmit={confirm} noValidate>
          <Stack gap="sm" maw={560}>
            {done && (
              <Alert variant="outline" color="teal" role="status">
                {t('register.renewed', { date: formatDate(organisation.renewalDueAt, i18n.language) })}
              </Alert>
            )}
            <ProblemAlert error={error} />
            <Textarea
              label={t('register.renewalNote')}
              description={t('register.renewalNoteHelp')}
              autosize
              minRows={2}
              maxLength={1000}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
            <Button type="submit" loading={busy} w="fit-content">
              {t('register.confirmRenewal')}
            </Button>
          </Stack>
        </form>
      )}
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('register.renewalHistory')}
        </Title>
        {organisation.renewals.length === 0 && <Text size="sm">{t('register.noRenewals')}</Text>}
        <List spacing={4}>
          {organisation.renewals.map((renewal, index) => (
            <List.Item key={index}>
              <Text size="sm">
                {formatDate(renewal.confirmedAt, i18n.language)}
                {renewal.note ? ` — ${renewal.note}` : ''}
              </Text>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Stack>
  );
}

/** Staff mark fields checked against evidence; from then the CSO's changes to them are reviewed. */
function Verification({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [chosen, setChosen] = useState<string[]>([]);
  const { error, busy, run } = useAction();
  return (
    <Stack gap="sm">
      <Text size="sm">{t('register.verification.help')}</Text>
      <Anchor component={Link} href="/register/reviews" size="sm" w="fit-content">
        {t('reviews.title')}
      </Anchor>
      <ProblemAlert error={error} fields={['fields']} />
      <Checkbox.Group
        value={[...organisation.verifiedFields, ...chosen]}
        onChange={(next) => setChosen(next.filter((f) => !organisation.verifiedFields.includes(f)))}
        label={t('register.verification.fields')}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt={4}>
          {profileFieldList.map((field) => (
            <Checkbox
              key={field}
              value={field}
              label={t(fieldLabels[field])}
              disabled={organisation.verifiedFields.includes(field)}
            />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <Button
        w="fit-content"
        loading={busy}
        disabled={chosen.length === 0}
        onClick={() =>
          void run(async () => {
            await post(`/register/organisations/${organisation.id}/verifications`, { fields: chosen });
            setChosen([]);
            await client.invalidateQueries({ queryKey: ['register', 'organisation', organisation.id] });
          })
        }
      >
        {t('register.verification.mark')}
      </Button>
    </Stack>
  );
}

/** The people who act for the organisation in the portal; staff who edit the register invite more. */
function People({ organisationId, canInvite }: { organisationId: string; canInvite: boolean }) {
  const { t } = useTranslation();
  const people = useQuery({
    queryKey: ['register', 'cso-users', organisationId],
    queryFn: () =>
      get<{ items: CsoMember[] }>(`/register/cso-users?status=confirmed&organisation=${organisationId}`),
  });
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState('');
  const { error, busy, run } = useAction();
  function invite(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await post(`/register/organisations/${organisationId}/cso-users/invitations`, {
        email,
        role: 'cso-administrator',
      });
      setSent(email);
      setEmail('');
    });
  }
  return (
    <Stack gap="sm">
      <ProblemAlert error={people.error ?? error} fields={['email']} />
      {people.data?.items.length === 0 && <Text c="dimmed">{t('register.people.none')}</Text>}
      <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {people.data?.items.map((person) => (
          <li key={person.userId}>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {person.name} · {person.email} · {t(`portal.role.${person.role}`)}
            </Text>
          </li>
        ))}
      </Stack>
      {canInvite && (
        <form onSubmit={invite} noValidate>
          <Group align="end" gap="sm" wrap="wrap">
            <TextInput
              label={t('register.people.inviteEmail')}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <Button type="submit" loading={busy}>
              {t('portal.invite')}
            </Button>
          </Group>
          {sent && <Text size="sm">{t('portal.invited', { email: sent })}</Text>}
        </form>
      )}
    </Stack>
  );
}

/** The agency's partnerships this organisation is a party to (issue 4 item 11), from their API. */
function Partnerships({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['partnerships', 'of-organisation', organisationId],
    queryFn: () =>
      get<{ items: { id: string; title: string; state: string; level: string }[] }>(
        `/partnerships?organisation=${organisationId}&limit=50`,
      ),
  });
  return (
    <Stack gap="xs">
      <ProblemAlert error={list.error} />
      {list.isLoading && <PageLoader />}
      {list.data?.items.length === 0 && <Text c="dimmed">{t('register.partnerships.none')}</Text>}
      {list.data?.items.map((partnership) => (
        <Group key={partnership.id} gap="xs" wrap="wrap">
          <Anchor component={Link} href={`/partnerships/${partnership.id}`}>
            {partnership.title}
          </Anchor>
          <Badge variant="light">{t(`partnerships.state.${partnership.state}`)}</Badge>
          <Text size="sm" c="dimmed">
            {t(`partnerships.level.${partnership.level}`)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
