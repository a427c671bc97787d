import { Avatar, Button, Text, UnstyledButton } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { ComponentPropsWithRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { Me } from '../api/types.ts';
import { signOut } from '../session.ts';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');

/**
 * The header's account button (the avatar). The same button shows before the account menu's code
 * has come and after, so nothing moves and its accessible name stays.
 */
export function AccountButton({ me, ...props }: { me: Me } & ComponentPropsWithRef<'button'>) {
  const { t } = useTranslation();
  return (
    <UnstyledButton aria-label={t('nav.account', { name: me.user.name })} p={4} {...props}>
      <Avatar color="teal" variant="filled" radius="xl" size={32} aria-hidden>
        {initials(me.user.name)}
      </Avatar>
    </UnstyledButton>
  );
}

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
