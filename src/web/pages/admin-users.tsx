import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, patch, post, ProblemError, remove } from '../api/client.ts';
import { roles, type Invitation, type Items, type Member, type Role } from '../api/types.ts';
import { fieldError, ProblemAlert } from '../components/problem-alert.tsx';

export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const members = useQuery({ queryKey: ['members'], queryFn: () => get<Items<Member>>('/users') });
  const invitations = useQuery({
    queryKey: ['invitations'],
    queryFn: () => get<Items<Invitation>>('/invitations'),
  });
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['members'] }),
      client.invalidateQueries({ queryKey: ['invitations'] }),
    ]);
  const roleOptions = roles.map((role) => ({ value: role, label: t(`role.${role}`) }));

  async function act(action: () => Promise<unknown>) {
    setError(undefined);
    setNotice(undefined);
    try {
      await action();
    } catch (caught) {
      // A stale version: someone else changed this person; reload and say so, nothing is overwritten.
      if (caught instanceof ProblemError && caught.problem.code === 'stale-version')
        setNotice(t('users.changedMeanwhile'));
      else setError(caught);
    }
    await refresh();
  }

  return (
    <Stack maw={900}>
      <Title order={1}>{t('users.title')}</Title>
      <Invite onInvited={(email) => void refresh().then(() => setNotice(t('users.inviteSent', { email })))} />
      {notice && (
        <Alert color="teal" role="status">
          {notice}
        </Alert>
      )}
      <ProblemAlert error={error ?? members.error} />
      <Stack gap="xs">
        {members.data?.items.map((member) => (
          <Card key={member.id} withBorder padding="sm">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text fw={600}>{member.name}</Text>
                <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {member.email}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('users.lastSignIn')}:{' '}
                  {member.lastSignInAt
                    ? new Date(member.lastSignInAt).toLocaleString(i18n.language)
                    : t('common.never')}
                  {member.secondFactorEnabled && (
                    <Badge ml="xs" size="xs" variant="outline">
                      {t('users.secondFactor')}
                    </Badge>
                  )}
                </Text>
              </Stack>
              <Group gap="xs" wrap="nowrap">
                <NativeSelect
                  aria-label={`${t('common.role')}: ${member.name}`}
                  size="xs"
                  value={member.role}
                  data={roleOptions}
                  onChange={(event) => {
                    const role = event.currentTarget.value as Role;
                    void act(() => patch(`/users/${member.id}`, { role, version: member.version }));
                  }}
                />
                <Button
                  size="xs"
                  color="red"
                  variant="outline"
                  onClick={() => void act(() => remove(`/users/${member.id}`))}
                >
                  {t('common.remove')}
                </Button>
              </Group>
            </Group>
          </Card>
        ))}
      </Stack>
      {invitations.data && invitations.data.items.length > 0 && (
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('users.pending')}
          </Title>
          {invitations.data.items.map((invitation) => (
            <Group key={invitation.id} justify="space-between">
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {invitation.email} · {t(`role.${invitation.role}`)}
              </Text>
              <Button
                size="xs"
                variant="outline"
                onClick={() => void act(() => remove(`/invitations/${invitation.id}`))}
              >
                {t('users.withdraw')}
              </Button>
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function Invite({ onInvited }: { onInvited: (email: string) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('programme-officer');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await post('/invitations', { email, role });
      onInvited(email);
      setEmail('');
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card withBorder padding="sm" component="form" onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('users.invite')}
        </Title>
        <ProblemAlert error={fieldError(error, 'email') ? undefined : error} />
        <Group align="end" wrap="wrap">
          <TextInput
            label={t('common.email')}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldError(error, 'email')}
          />
          <NativeSelect
            label={t('common.role')}
            value={role}
            data={roles.map((value) => ({ value, label: t(`role.${value}`) }))}
            onChange={(e) => setRole(e.currentTarget.value as Role)}
          />
          <Button type="submit" loading={busy}>
            {t('users.invite')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
