import { Button, Card, Group, NativeSelect, Stack, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.ts';
import { roles, type Role } from '../../api/types.ts';
import { fieldError, ProblemAlert } from '../../components/problem-alert.tsx';
import { useAction } from '../../components/use-action.ts';

export function InviteForm({ onInvited }: { onInvited: (email: string) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('programme-officer');
  const { error, busy, run } = useAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await post('/invitations', name.trim() ? { email, role, name: name.trim() } : { email, role });
      await client.invalidateQueries({ queryKey: ['invitations'] });
      onInvited(email);
      setEmail('');
      setName('');
    });
  }

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="invite-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Title order={2} size="h4" id="invite-heading">
            {t('users.invite')}
          </Title>
          <ProblemAlert error={error} fields={['email', 'name', 'role']} />
          <Group align="start" wrap="wrap" gap="xs" grow preventGrowOverflow={false}>
            <TextInput
              label={t('common.email')}
              type="email"
              required
              miw={200}
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldError(error, 'email')}
            />
            <TextInput
              label={t('users.nameOptional')}
              miw={200}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fieldError(error, 'name')}
            />
            <NativeSelect
              label={t('common.role')}
              miw={200}
              value={role}
              data={roles.map((value) => ({ value, label: t(`role.${value}`) }))}
              onChange={(e) => setRole(e.currentTarget.value as Role)}
            />
          </Group>
          <Button type="submit" loading={busy} w="fit-content">
            {t('users.inviteSubmit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
