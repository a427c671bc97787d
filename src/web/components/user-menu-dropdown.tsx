import '@mantine/core/styles/Popover.css';
import '@mantine/core/styles/Divider.css';
import { Button, Divider, Popover, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Me } from '../api/types.ts';
import { AccountButton, AccountSummary, SignOutButton } from './account.tsx';

/**
 * The header's account menu (wider screens): who is signed in, their profile, and signing out.
 * Loaded apart from the shell (Popover, floating-ui and the focus trap), see `user-menu.tsx`.
 */
export function UserMenuDropdown({
  me,
  opened: openAtOnce,
  focused,
}: {
  me: Me;
  opened: boolean;
  focused: boolean;
}) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(openAtOnce);
  const button = useRef<HTMLButtonElement>(null);
  // This button replaces the one shown before the code came; keyboard focus stays where it was.
  useLayoutEffect(() => {
    if (focused && !openAtOnce) button.current?.focus();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- only when it first shows

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
        <AccountButton me={me} ref={button} onClick={toggle} />
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
