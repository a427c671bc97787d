import { Badge, Button, Card, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, patch, ProblemError, remove } from '../../api/client.ts';
import { roles, type Items, type Member, type Role } from '../../api/types.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useAction } from '../../components/use-action.ts';
import { formatDate } from '../../i18n/index.ts';
import { useMe } from '../../session.ts';

export function Members({ onNotice }: { onNotice: (message: string | undefined) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const members = useQuery({ queryKey: ['members'], queryFn: () => get<Items<Member>>('/users') });
  const { error, run } = useAction();

  const act = (action: () => Promise<unknown>) =>
    void run(async () => {
      onNotice(undefined);
      try {
        await action();
      } catch (caught) {
        // Someone else changed this person since the list was loaded: reload, overwrite nothing.
        if (caught instanceof ProblemError && caught.status === 409 && caught.code === 'stale-version') {
          onNotice(t('users.changedMeanwhile'));
          return;
        }
        throw caught;
      } finally {
        await client.invalidateQueries({ queryKey: ['members'] });
      }
    });

  return (
    <Stack gap="xs" component="section" aria-labelledby="members-heading">
      <Title order={2} size="h4" id="members-heading">
        {t('users.members')}
      </Title>
      <ProblemAlert
        error={error ?? members.error}
        onRetry={members.isError ? () => void members.refetch() : undefined}
      />
      {members.data?.items.map((member) => (
        <MemberCard
          key={member.id}
          member={member}
          onRole={(role) => act(() => patch(`/users/${member.id}`, { role, version: member.version }))}
          onRemove={() => act(() => remove(`/users/${member.id}`))}
          onResetSecondFactor={() =>
            act(async () => {
              await remove(`/users/${member.id}/second-factor`);
              onNotice(t('users.secondFactorReset', { name: member.name }));
            })
          }
        />
      ))}
    </Stack>
  );
}

function MemberCard({
  member,
  onRole,
  onRemove,
  onResetSecondFactor,
}: {
  member: Member;
  onRole: (role: Role) => void;
  onRemove: () => void;
  onResetSecondFactor: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const [confirming, setConfirming] = useState<'remove' | 'second-factor'>();
  const itsMe = me?.user.id === member.id;
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" wrap="wrap" gap="xs" align="start">
        <Stack gap={0} style={{ minWidth: 0, flex: '1 1 12rem' }}>
          <Group gap="xs">
            <Text fw={600}>{member.name}</Text>
            {member.secondFactorEnabled && (
              <Badge size="xs" variant="outline">
                {t('users.secondFactor')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {member.email}
          </Text>
          <Text size="xs" c="dimmed">
            {t('users.lastSignIn')}:{' '}
            {member.lastSignInAt ? formatDate(member.lastSignInAt, i18n.language, true) : t('common.never')}
          </Text>
        </Stack>
        <Group gap="xs" wrap="wrap">
          <NativeSelect
            aria-label={t('users.roleOf', { name: member.name })}
            size="xs"
            value={member.role}
            data={roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
            onChange={(event) => onRole(event.currentTarget.value as Role)}
          />
          {/* Someone who lost their phone; one's own goes through the profile, with a code. */}
          {!itsMe && !confirming && member.secondFactorEnabled && (
            <Button size="xs" variant="outline" onClick={() => setConfirming('second-factor')}>
              {t('users.resetSecondFactor')}
            </Button>
          )}
          {!itsMe && !confirming && (
            <Button size="xs" color="red" variant="outline" onClick={() => setConfirming('remove')}>
              {t('common.remove')}
            </Button>
          )}
        </Group>
      </Group>
      {confirming === 'remove' && (
        <Confirmation
          question={t('users.confirmRemove', { name: member.name })}
          yes={t('users.confirmRemoveYes')}
          onYes={onRemove}
          onCancel={() => setConfirming(undefined)}
        />
      )}
      {confirming === 'second-factor' && (
        <Confirmation
          question={t('users.confirmResetSecondFactor', { name: member.name })}
          yes={t('users.confirmResetSecondFactorYes')}
          onYes={() => {
            setConfirming(undefined);
            onResetSecondFactor();
          }}
          onCancel={() => setConfirming(undefined)}
        />
      )}
    </Card>
  );
}

function Confirmation(props: { question: string; yes: string; onYes: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" mt="xs" role="group" aria-label={props.question}>
      <Text size="sm">{props.question}</Text>
      <Button size="xs" color="red" onClick={props.onYes}>
        {props.yes}
      </Button>
      <Button size="xs" variant="outline" onClick={props.onCancel}>
        {t('common.cancel')}
      </Button>
    </Group>
  );
}
