import { Avatar, Button, Divider, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import type { Me } from '../api/types.ts';
import { signOut } from '../session.ts';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');

/** Who is signed in, and in which agency as what. */
export function AccountSummary({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <div>
      <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
        {me.user.name}
      </Text>
      <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {me.user.email}
      </Text>
      {me.agency && me.role && (
        <Text size="sm" c="dimmed">
          {t(`role.${me.role}`)} · {me.agency.name}
        </Text>
      )}
    </div>
  );
}

export function SignOutButton({ onClick }: { onClick?: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [, navigate] = useLocation();
  async function leave() {
    onClick?.();
    await signOut(client);
    navigate('/sign-in');
  }
  return (
    <Button variant="outline" justify="start" onClick={() => void leave()}>
      {t('nav.signOut')}
    </Button>
  );
}

/** The header's account menu (wider screens): who is signed in, their profile, and signing out. */
export function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);

  return (
    <Popover
      opened={opened}
      onChange={(open) => (open ? undefined : close())}
      position="bottom-end"
      trapFocus
      shadow="md"
      width={260}
    >
      <Popover.Target>
        <UnstyledButton onClick={toggle} aria-label={t('nav.account', { name: me.user.name })} p={4}>
          <Avatar color="teal" variant="filled" radius="xl" size={32} aria-hidden>
            {initials(me.user.name)}
          </Avatar>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <AccountSummary me={me} />
          <Divider />
          <Button component={Link} href="/profile" variant="outline" justify="start" onClick={close}>
            {t('nav.profile')}
          </Button>
          <SignOutButton onClick={close} />
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
