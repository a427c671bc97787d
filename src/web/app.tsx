import { createTheme, DirectionProvider, MantineProvider, type CSSVariablesResolver } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense, type ComponentType } from 'react';
import { Route, Switch, useLocation } from 'wouter';
import { whenSessionEnds } from './api/client.ts';
import { ErrorBoundary } from './components/error-boundary.tsx';
import { PageLoader } from './components/page-loader.tsx';
import { SignedIn } from './components/signed-in.tsx';
import { direction, initialLanguage, prepareDateFormats, withWords, type Language } from './i18n/index.ts';
import { lazyPage, matchesPath, type LazyPage } from './lazy-page.ts';
import { signedInPageAt } from './navigation.ts';
import { SignInPage } from './pages/sign-in.tsx';
import { can, meKey, meQuery } from './session.ts';

// Every page but sign-in is fetched when first visited, so the sign-in page carries little.
const Shell = lazyPage(() => import('./shell.tsx'));

// Whom to contact about each policy (open and right door) is public, at two addresses.
const OpenDoorPage = lazyPage(() =>
  withWords(import('../modules/dialogue/pages/words.ts'), import('../modules/dialogue/pages/open-door.tsx')),
);

// The pages anyone may open, without signing in; every other address is the signed-in shell's.
const publicPages: { path: string; page: ComponentType | LazyPage }[] = [
  { path: '/sign-in', page: SignInPage },
  { path: '/setup', page: lazyPage(() => import('./pages/setup.tsx')) },
  { path: '/forgot-password', page: lazyPage(() => import('./pages/forgot-password.tsx')) },
  { path: '/reset-password', page: lazyPage(() => import('./pages/reset-password.tsx')) },
  { path: '/invitation', page: lazyPage(() => import('./pages/invitation.tsx')) },
  // The public directory of organisations.
  { path: '/directory', page: lazyPage(() => import('../modules/register/pages/directory.tsx')) },
  {
    path: '/directory/:id',
    page: lazyPage(() => import('../modules/register/pages/directory-organisation.tsx')),
  },
  // Asking to act for an organisation, and the e-mailed link that follows, come before any account.
  { path: '/portal/sign-up', page: lazyPage(() => import('../modules/register/pages/portal-sign-up.tsx')) },
  { path: '/portal/join', page: lazyPage(() => import('../modules/register/pages/portal-join.tsx')) },
  // Meeting replies and public consultations.
  {
    path: '/meeting-reply',
    page: lazyPage(() =>
      withWords(
        import('../modules/dialogue/pages/words.ts'),
        import('../modules/dialogue/pages/meeting-reply.tsx'),
      ),
    ),
  },
  {
    path: '/consultations/:id',
    page: lazyPage(() =>
      withWords(
        import('../modules/dialogue/pages/words.ts'),
        import('../modules/dialogue/pages/consultation-public.tsx'),
      ),
    ),
  },
  { path: '/open-door', page: OpenDoorPage },
  { path: '/open-door/:agencyId', page: OpenDoorPage },
];

// Shade 9 of teal keeps white text on buttons above 4.5:1 contrast.
const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 9,
  defaultRadius: 'md',
  components: {
    // A wide table scrolls sideways on a phone: its scrolling area takes the keyboard's focus, so it
    // can be scrolled without a mouse (axe: scrollable-region-focusable).
    TableScrollContainer: { defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } } },
  },
});
// Mantine's default "dimmed" grey, error red and hovered-button teal are under 4.5:1 against
// white (or white text); these pass WCAG AA.
const contrast: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#495057',
    '--mantine-color-error': '#c92a2a',
    '--mantine-color-teal-filled-hover': '#066649',
  },
  dark: {},
});

const queryClient = new QueryClient({
  defaultOptions: {
    // A weak connection: keep what was fetched, and do not refetch just because the tab came back.
    queries: { refetchOnWindowFocus: false, staleTime: 30_000, retry: 1 },
  },
});
// A session that ended elsewhere (expired, signed out on another device) leads back to sign-in.
whenSessionEnds(() => queryClient.setQueryData(meKey, null));

/**
 * Starts fetching what the address needs before the first render, side by side: its page's code
 * and, behind sign-in, /me and the shell, then the page's first data once its code (and, behind
 * sign-in, the session) is there, or with the session alone when the route carries it (0029).
 * Otherwise each waited for the one before (page, /me, shell, page's code, its data: five round
 * trips on a slow link). Decision 0023.
 */
export function startLoading(path: string, search: string) {
  const open = publicPages.find((route) => matchesPath(route.path, path));
  if (open) {
    // A public page's data needs no session: asked for as soon as its code is there.
    if ('preload' in open.page)
      void open.page.preload().then((module) => module?.prefetch?.(queryClient, new URLSearchParams(search)));
    return;
  }
  const me = queryClient.prefetchQuery(meQuery).then(() => queryClient.getQueryData(meQuery.queryKey));
  // A visitor at / is sent to sign-in; a deeper address is most likely a signed-in person's.
  if (path === '/') return;
  void Shell.preload();
  prepareDateFormats(initialLanguage());
  const route = signedInPageAt(path);
  if (!route) return;
  const code = route.page.preload();
  // A route that carries its first data's requests sends them as soon as /me answers, beside the
  // page's code; otherwise the page's module says what, once it is there (decision 0029). Only for
  // someone the page is for: a visitor's requests would only be refused.
  void Promise.all([me, route.prefetch ? undefined : code]).then(([signedIn, module]) => {
    const allowed = signedIn && !signedIn.mustSetUpSecondFactor;
    if (allowed && (!route.permission || can(signedIn, route.permission)))
      (route.prefetch ?? module?.prefetch)?.(queryClient, new URLSearchParams(search));
  });
}

export function App({ initialLanguage }: { initialLanguage: Language }) {
  return (
    <DirectionProvider initialDirection={direction(initialLanguage)} detectDirection>
      <MantineProvider theme={theme} cssVariablesResolver={contrast}>
        <QueryClientProvider client={queryClient}>
          <Routes />
        </QueryClientProvider>
      </MantineProvider>
    </DirectionProvider>
  );
}

function Routes() {
  const [location] = useLocation();
  return (
    <ErrorBoundary resetKey={location}>
      <Suspense fallback={<PageLoader />}>
        <Switch>
          {publicPages.map(({ path, page }) => (
            <Route key={path} path={path} component={page} />
          ))}
          <Route>
            <SignedIn>
              <Shell />
            </SignedIn>
          </Route>
        </Switch>
      </Suspense>
    </ErrorBoundary>
  );
}
