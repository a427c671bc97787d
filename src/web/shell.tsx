import '@mantine/core/styles/Burger.css';
import '@mantine/core/styles/NavLink.css';
import '@mantine/core/styles/Avatar.css';
import './shell.css';
import { Anchor, Box, Burger, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import type { Me } from './api/types.ts';
import { AgencySwitcher } from './components/agency-switcher.tsx';
import { PlacesContext } from './components/destinations.ts';
import { ErrorBoundary } from './components/error-boundary.tsx';
import { LanguageSelect } from './components/language-select.tsx';
import { PageLoader } from './components/page-loader.tsx';
import { UserMenu } from './components/user-menu.tsx';
import { AccountSummary, SignOutButton } from './components/account.tsx';
import { administration, modules, profile, type Destination } from './navigation.ts';
import NotFoundPage from './pages/not-found.tsx';
import { can, useMe } from './session.ts';

/**
 * The signed-in app: header, menu (a drawer behind the burger on phones) and the page. The frame is
 * plain elements and shell.css, not Mantine's AppShell, whose header brought react-remove-scroll
 * (4 KB gzip) into the register list's first load (decision 0034).
 */
export default function Shell() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [location] = useLocation();
  const [opened, { toggle, close }] = useDisclosure();
  const main = useRef<HTMLElement>(null);
  const burger = useRef<HTMLButtonElement>(null);
  const navbar = useRef<HTMLElement>(null);
  const first = useRef(true);

  // After moving to another page, focus goes to it, so a screen reader starts reading there.
  useEffect(() => {
    if (first.current) first.current = false;
    else main.current?.focus({ preventScroll: true });
  }, [location]);

  // Escape closes the open drawer; the keyboard's focus, if it was in the drawer, goes back to the
  // burger rather than staying on a link slid out of sight.
  useEffect(() => {
    if (!opened) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (navbar.current?.contains(document.activeElement)) burger.current?.focus();
      close();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [opened, close]);

  if (!me) return null;
  // An agency that requires a second factor lets a member without one only set it up.
  const lockedOut = me.mustSetUpSecondFactor;
  // The portal shows to CSO users, and to people in no agency: most are CSO users not yet confirmed.
  const allowed = (list: Destination[]) =>
    lockedOut
      ? []
      : list.filter(
          (d) =>
            (!d.permission || can(me, d.permission)) &&
            (!d.forCsoUsers || me.organisations.length > 0 || !me.agency),
        );
  const destinations = allowed(modules);
  const admin = allowed(administration);

  return (
    <>
      <a href="#main" className="vaka-skip-link">
        {t('nav.skip')}
      </a>
      {/* right-scroll-bar-position: when a modal locks the page's scrolling and its scroll bar goes,
          the fixed header keeps its width (react-remove-scroll's class, as AppShell set it). */}
      <header className="vaka-shell-header right-scroll-bar-position">
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap={6} wrap="nowrap">
            <Burger
              ref={burger}
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.menu')}
              aria-controls="vaka-navbar"
              aria-expanded={opened}
            />
            <Anchor component={Link} href="/" underline="never" c="teal.9" fw={700} size="lg" onClick={close}>
              <Group gap={6} wrap="nowrap">
                <img src="/icon.svg" alt="" width={28} height={28} />
                {t('app.name')}
              </Group>
            </Anchor>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Group visibleFrom="sm">
              <AgencySwitcher me={me} />
            </Group>
            <LanguageSelect />
            <Group visibleFrom="sm">
              <UserMenu me={me} />
            </Group>
          </Group>
        </Group>
      </header>
      <nav
        ref={navbar}
        className="vaka-shell-navbar"
        id="vaka-navbar"
        aria-label={t('nav.label')}
        data-opened={opened || undefined}
      >
        <Box hiddenFrom="sm" pb="xs">
          <AgencySwitcher me={me} />
        </Box>
        <div className="vaka-shell-destinations">
          <Menu items={destinations} location={location} onNavigate={close} />
          {admin.length > 0 && (
            <Stack gap={0} mt="md">
              <Text size="xs" fw={700} c="dimmed" px="sm" pb={4} component="h2">
                {t('nav.administration')}
              </Text>
              <Menu items={admin} location={location} onNavigate={close} />
            </Stack>
          )}
        </div>
        <div>
          <Menu items={[profile]} location={location} onNavigate={close} />
          {/* On a phone the account menu lives here, behind the burger, not in a crowded header. */}
          <Stack hiddenFrom="sm" gap="xs" pt="xs">
            <AccountSummary me={me} />
            <SignOutButton />
          </Stack>
        </div>
      </nav>
      <main className="vaka-shell-main" id="main" ref={main} tabIndex={-1}>
        <ErrorBoundary resetKey={location} landmark={false}>
          <Suspense fallback={<PageLoader />}>
            <PlacesContext value={[...destinations, ...admin]}>
              <Pages me={me} destinations={[...destinations, ...admin]} />
            </PlacesContext>
          </Suspense>
        </ErrorBoundary>
      </main>
    </>
  );
}

function Menu({
  items,
  location,
  onNavigate,
}: {
  items: Destination[];
  location: string;
  onNavigate: () => void;
}) {
  const { t } = useTranslation();
  return items.map((item) => {
    const active =
      item.path === '/' ? location === '/' : location === item.path || location.startsWith(`${item.path}/`);
    return (
      <NavLink
        key={item.path}
        variant="filled"
        component={Link}
        href={item.path}
        label={t(item.label)}
        active={active}
        aria-current={active ? 'page' : undefined}
        onClick={onNavigate}
      />
    );
  });
}

function Pages({ me, destinations }: { me: Me; destinations: Destination[] }) {
  const [location] = useLocation();
  if (me.mustSetUpSecondFactor && location !== profile.path)
    return <Redirect to="/profile#security" replace />;
  return (
    <Switch>
      {destinations.flatMap((destination) => [
        ...(destination.pages ?? []).map((sub) => (
          <Route key={sub.path} path={sub.path} component={sub.page} />
        )),
        <Route key={destination.path} path={destination.path} component={destination.page} />,
      ])}
      <Route path={profile.path} component={profile.page} />
      <Route component={NotFoundPage} />
    </Switch>
  );
}
