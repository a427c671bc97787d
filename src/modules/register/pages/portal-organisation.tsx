import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldLabels } from './organisation-form.tsx';
import { Link, useParams, useSearch } from 'wouter';
import { get, post, put } from '../../../web/api/client.ts';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { useMe } from '../../../web/session.ts';
import { DocumentsPanel } from './documents.tsx';
import { PersonRequest } from './person-request.tsx';
import { formatDate, StatusBadge } from './shared.tsx';
import type { CsoMember, Organisation, PrivateAccess, ProfileChange } from './types.ts';

/** What a proposed or current value looks like in a sentence. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value))
    return value
      .map((item) => (typeof item === 'object' ? Object.values(item ?? {}).join(' ') : String(item)))
      .join('; ');
  return JSON.stringify(value);
}

/** A CSO user's view of their organisation: status, renewal, changes under review, sharing, users. */
export default function PortalOrganisationPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams<{ id: string }>();
  const waiting = Number(new URLSearchParams(useSearch()).get('waiting') ?? 0);
  const { data: me } = useMe();
  const isAdministrator = me?.organisations.some(
    (m) => m.organisationId === id && m.role === 'cso-administrator',
  );
  const client = useQueryClient();
  const organisation = useQuery({
    queryKey: ['portal', 'organisation', id],
    queryFn: () => get<Organisation>(`/portal/organisations/${id}`),
  });
  const renewal = useAction();
  const data = organisation.data;

  return (
    <Stack maw={760}>
      <Anchor component={Link} href="/portal" size="sm" w="fit-content">
        {t('portal.back')}
      </Anchor>
      <ProblemAlert error={organisation.error} onRetry={() => void organisation.refetch()} />
      {organisation.isLoading && <PageLoader />}
      {data && (
        <>
          <PageHeading>{data.legalName}</PageHeading>
          {waiting > 0 && (
            <Alert color="blue" variant="light" role="status">
              {t('portal.changesWaiting', { count: waiting })}
            </Alert>
          )}
          <Paper withBorder p="md">
            <Stack gap="xs">
              <Group gap="sm">
                <StatusBadge status={data.registerStatus} />
                <Text size="sm">
                  {t('portal.renewalDue', { date: formatDate(data.renewalDueAt, i18n.language) })}
                </Text>
              </Group>
              <ProblemAlert error={renewal.error} />
              <Anchor component={Link} href={`/portal/${id}/partnerships`} w="fit-content">
                {t('partnerships.portal.title')}
              </Anchor>
              {isAdministrator && (
                <Group gap="sm" wrap="wrap">
                  <Button
                    loading={renewal.busy}
                    onClick={() =>
                      void renewal.run(async () => {
                        const renewed = await post<Organisation>(`/portal/organisations/${id}/renewal`, {});
                        client.setQueryData(['portal', 'organisation', id], renewed);
                      })
                    }
                  >
                    {t('portal.confirmDetails')}
                  </Button>
                  <Button component={Link} href={`/portal/${id}/edit`} variant="default">
                    {t('portal.edit')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="portal-documents">
            <Title order={2} size="h4" id="portal-documents" mb="xs">
              {t('documents.heading')}
            </Title>
            <DocumentsPanel
              organisation={data}
              side="portal"
              canEdit={Boolean(isAdministrator)}
              onChanged={() => organisation.refetch()}
            />
          </Paper>
          <Changes organisationId={id} />
          <PrivateAccessChoice organisationId={id} canChoose={Boolean(isAdministrator)} />
          <Members organisationId={id} canInvite={Boolean(isAdministrator)} />
        </>
      )}
    </Stack>
  );
}

function Changes({ organisationId }: { organisationId: string }) {
  const { t, i18n } = useTranslation();
  const changes = useQuery({
    queryKey: ['portal', 'changes', organisationId],
    queryFn: async () => {
      const [pending, rejected, accepted] = await Promise.all(
        ['pending', 'rejected', 'accepted'].map((status) =>
          get<{ items: ProfileChange[] }>(`/portal/organisations/${organisationId}/changes?status=${status}`),
        ),
      );
      return [...pending!.items, ...rejected!.items, ...accepted!.items];
    },
  });
  if (!changes.data?.length) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="portal-changes">
      <Title order={2} size="h4" id="portal-changes" mb="xs">
        {t('portal.changes')}
      </Title>
      <Stack gap="xs">
        {changes.data.map((change) => (
          <div key={change.id}>
            <Group gap="xs">
              <Text fw={600}>{t(fieldLabels[change.field as keyof typeof fieldLabels] ?? change.field)}</Text>
              <Badge
                color={change.status === 'accepted' ? 'teal' : change.status === 'rejected' ? 'red' : 'blue'}
              >
                {t(`portal.status.${change.status}`)}
              </Badge>
              <Text size="sm" c="dimmed">
                {formatDate(change.proposedAt, i18n.language)}
              </Text>
            </Group>
            <Text size="sm">{showValue(change.proposedValue)}</Text>
            {change.reason && <Text size="sm">{t('portal.reason', { reason: change.reason })}</Text>}
          </div>
        ))}
      </Stack>
    </Paper>
  );
}

function PrivateAccessChoice({ organisationId, canChoose }: { organisationId: string; canChoose: boolean }) {
  const { t } = useTranslation();
  const access = useQuery({
    queryKey: ['portal', 'private-access', organisationId],
    queryFn: () => get<PrivateAccess>(`/portal/organisations/${organisationId}/private-access`),
  });
  const [chosen, setChosen] = useState<string[]>();
  const saving = useAction();
  const [saved, setSaved] = useState(false);
  const current = chosen ?? access.data?.agencies.filter((a) => a.canSeePrivate).map((a) => a.id) ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="portal-private">
      <Title order={2} size="h4" id="portal-private" mb="xs">
        {t('portal.private.title')}
      </Title>
      <Text size="sm" mb="xs">
        {t('portal.private.help')}
      </Text>
      <ProblemAlert error={access.error ?? saving.error} />
      <Checkbox.Group
        value={current}
        onChange={(next) => {
          setChosen(next);
          setSaved(false);
        }}
        label={t('portal.private.agencies')}
      >
        <Stack gap={6} mt={4}>
          {access.data?.agencies.map((agency) => (
            <Checkbox key={agency.id} value={agency.id} label={agency.name} disabled={!canChoose} />
          ))}
        </Stack>
      </Checkbox.Group>
      {canChoose && (
        <Group mt="sm" gap="sm">
          <Button
            loading={saving.busy}
            onClick={() =>
              void saving.run(async () => {
                await put(`/portal/organisations/${organisationId}/private-access`, { agencyIds: current });
                setSaved(true);
                await access.refetch();
              })
            }
          >
            {t('common.save')}
          </Button>
          {saved && <Text size="sm">{t('common.saved')}</Text>}
        </Group>
      )}
    </Paper>
  );
}

function Members({ organisationId, canInvite }: { organisationId: string; canInvite: boolean }) {
  const { t } = useTranslation();
  const members = useQuery({
    queryKey: ['portal', 'members', organisationId],
    queryFn: () => get<{ items: CsoMember[] }>(`/portal/organisations/${organisationId}/members`),
  });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('cso-member');
  const [sent, setSent] = useState('');
  const inviting = useAction();
  function invite(event: FormEvent) {
    event.preventDefault();
    void inviting.run(async () => {
      await post(`/portal/organisations/${organisationId}/members/invitations`, { email, role });
      setSent(email);
      setEmail('');
    });
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="portal-members">
      <Title order={2} size="h4" id="portal-members" mb="xs">
        {t('portal.members')}
      </Title>
      <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {members.data?.items.map((member) => (
          <li key={member.userId}>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {member.name} · {member.email} · {t(`portal.role.${member.role}`)}
            </Text>
          </li>
        ))}
      </Stack>
      {canInvite && <JoinRequests organisationId={organisationId} />}
      {canInvite && (
        <form onSubmit={invite} noValidate>
          <Group align="end" mt="sm" gap="sm" wrap="wrap">
            <TextInput
              label={t('common.email')}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldError(inviting.error, 'email')}
            />
            <NativeSelect
              label={t('common.role')}
              value={role}
              onChange={(e) => setRole(e.currentTarget.value)}
              data={['cso-member', 'cso-administrator'].map((value) => ({
                value,
                label: t(`portal.role.${value}`),
              }))}
            />
            <Button type="submit" loading={inviting.busy}>
              {t('portal.invite')}
            </Button>
          </Group>
          {sent && <Text size="sm">{t('portal.invited', { email: sent })}</Text>}
        </form>
      )}
    </Paper>
  );
}

/** People asking to act for the organisation: its administrators confirm or refuse them (issue 18). */
function JoinRequests({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const queryKey = ['portal', 'members', organisationId, 'pending'];
  const requests = useQuery({
    queryKey,
    queryFn: () =>
      get<{ items: CsoMember[] }>(`/portal/organisations/${organisationId}/members?status=pending`),
  });
  if (!requests.data?.items.length) return null;
  return (
    <Stack gap="xs" mt="sm">
      <Title order={3} size="h5">
        {t('portal.joinRequests', { count: requests.data.items.length })}
      </Title>
      {requests.data.items.map((person) => (
        <PersonRequest
          key={person.userId}
          person={person}
          decidedAt={`/portal/organisations/${organisationId}/members/${person.userId}`}
          queryKey={['portal', 'members', organisationId]}
          suggestedRole={person.role}
        />
      ))}
    </Stack>
  );
}
