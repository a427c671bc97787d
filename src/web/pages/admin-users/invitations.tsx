import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, remove } from '../../api/client.ts';
import type { Invitation, Items } from '../../api/types.ts';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { useAction } from '../../components/use-action.ts';
import { formatDate } from '../../i18n/index.ts';

/** Invitations not yet accepted; withdrawing one makes its link useless. */
export function Invitations() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const invitations = useQuery({
    queryKey: ['invitations'],
    queryFn: () => get<Items<Invitation>>('/invitations'),
  });
  const { error, run } = useAction();
  const withdraw = (id: string) =>
    void run(async () => {
      await remove(`/invitations/${id}`);
      await client.invalidateQueries({ queryKey: ['invitations'] });
    });

  if (!invitations.data?.items.length && !invitations.error && !error) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="invitations-heading">
      <Title order={2} size="h4" id="invitations-heading">
        {t('users.pending')}
      </Title>
      <ProblemAlert error={error ?? invitations.error} />
      {invitations.data?.items.map((invitation) => (
        <Group key={invitation.id} justify="space-between" wrap="wrap" gap="xs">
          <Stack gap={0} style={{ minWidth: 0, flex: '1 1 12rem' }}>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {invitation.email} · {t(`role.${invitation.role}`)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('users.expires', { when: formatDate(invitation.expiresAt, i18n.language) })}
            </Text>
          </Stack>
          <Button size="xs" variant="outline" onClick={() => withdraw(invitation.id)}>
            {t('users.withdraw')}
          </Button>
        </Group>
      ))}
    </Stack>
  );
}
