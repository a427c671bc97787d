import { AppShell, Burger, Button, Group, NativeSelect, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { patch, put, remove } from './api/client.ts';
import type { Me } from './api/types.ts';
import { PageLoader } from './components/page-loader.tsx';
import { LanguageSelect } from './components/language-select.tsx';
import { can, useMe, useSetMe } from './session.ts';

const HomePage = lazy(() => import('./pages/home.tsx'));
const ProfilePage = lazy(() => import('./pages/profile.tsx'));
const UsersPage = lazy(() => import('./pages/admin-users.tsx'));
const AgencyPage = lazy(() => import('./pages/admin-agency.tsx'));
const AuditPage = lazy(() => import('./pages/admin-audit.tsx'));
const DemonstrationPage = lazy(() => import('./pages/admin-demonstration.tsx'));
const NotFoundPage = lazy(() => import('./pages/not-found.tsx'));

type NavItem = { path: string; label: string; permission?: string };

// Modules add their entries here as they land (register, partnerships, dialogue, ...).
const modules: NavItem[] = [{ path: '/', label: 'nav.home' }];
const administration: NavItem[] = [
  { path: '/admin/users', label: 'nav.users', permission: 'users:manage' },
  { path: '/admin/agency', label: 'nav.agency', permission: 'agency:manage' },
  { path: '/admin/audit', label: 'nav.audit', permission: 'audit:read' },
  { path: '/admin/demonstration-data', label: 'nav.demonstration', permission: 'demonstration-data:load' },
];

export default function Shell() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const setMe = useSetMe();
  const [opened, { toggle, close }] = useDisclosure();
  const [location, navigate] = useLocation();
  if (!me) return null;

  // An agency that requires a second factor lets a member without one only set it up.
  if (me.mustSetUpSecondFactor && location !== '/profile') return <Redirect to="/profile" />;

  async function signOut() {
    await remove('/session').catch(() => undefined);
    setMe(null);
    navigate('/sign-in');
  }

  const visible = (items: NavItem[]) => items.filter((item) => !item.permission || can(me, item.permission));
  const adminItems = visible(administration);
  const link = (item: NavItem) => (
    <NavLink
      key={item.path}
      component={Link}
      href={item.path}
      label={t(item.label)}
      active={location === item.path}
      onClick={close}
    />
  );

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <Text fw={700} c="teal.9">
              {t('app.name')}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <AgencySwitcher me={me} />
            <LanguageSelect
              onChange={(language) =>
                void patch<Me>('/me', { language })
                  .then(setMe)
                  .catch(() => undefined)
              }
            />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.menu')}>
        <AppShell.Section grow component={ScrollArea}>
          {visible(modules).map(link)}
          {adminItems.length > 0 && (
            <NavLink
              component="button"
              label={t('nav.administration')}
              defaultOpened={location.startsWith('/admin')}
            >
              {adminItems.map(link)}
            </NavLink>
          )}
        </AppShell.Section>
        <AppShell.Section>
          {link({ path: '/profile', label: 'nav.profile' })}
          <Button variant="subtle" fullWidth justify="start" onClick={() => void signOut()}>
            {t('nav.signOut')}
          </Button>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<PageLoader />}>
          <Switch>
            <Route path="/" component={HomePage} />
            <Route path="/profile" component={ProfilePage} />
            <Route path="/admin/users" component={UsersPage} />
            <Route path="/admin/agency" component={AgencyPage} />
            <Route path="/admin/audit" component={AuditPage} />
            <Route path="/admin/demonstration-data" component={DemonstrationPage} />
            <Route component={NotFoundPage} />
          </Switch>
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

function AgencySwitcher({ me }: { me: Me }) {
  const { t } = useTranslation();
  const setMe = useSetMe();
  if (me.agencies.length < 2) return null;
  return (
    <NativeSelect
      aria-label={t('nav.agency.switch')}
      size="xs"
      value={me.agency?.id ?? ''}
      data={me.agencies.map((agency) => ({ value: agency.id, label: agency.name }))}
      onChange={(event) => {
        void put<Me>('/me/agency', { agencyId: event.currentTarget.value }).then((fresh) => {
          setMe(fresh);
          window.location.assign('/');
        });
      }}
    />
  );
}
