import {
  createTheme,
  DirectionProvider,
  MantineProvider,
  NavLink,
  type CSSVariablesResolver,
} from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Route, Switch, useLocation } from 'wouter';
import { whenSessionEnds } from './api/client.ts';
import { ErrorBoundary } from './components/error-boundary.tsx';
import { PageLoader } from './components/page-loader.tsx';
import { SignedIn } from './components/signed-in.tsx';
import { direction, type Language } from './i18n/index.ts';
import { SignInPage } from './pages/sign-in.tsx';
import { meKey } from './session.ts';
import { withWords } from './i18n/index.ts';

// Every page but sign-in is fetched when first visited, so the sign-in page carries little.
const Shell = lazy(() => import('./shell.tsx'));
const SetupPage = lazy(() => import('./pages/setup.tsx'));
const ForgotPasswordPage = lazy(() => import('./pages/forgot-password.tsx'));
const ResetPasswordPage = lazy(() => import('./pages/reset-password.tsx'));
const InvitationPage = lazy(() => import('./pages/invitation.tsx'));
// The public directory of organisations needs no sign-in.
const DirectoryPage = lazy(() => import('../modules/register/pages/directory.tsx'));
const DirectoryOrganisationPage = lazy(() => import('../modules/register/pages/directory-organisation.tsx'));
// Asking to act for an organisation, and the e-mailed link that follows, come before any account.
const PortalSignUpPage = lazy(() => import('../modules/register/pages/portal-sign-up.tsx'));
const PortalJoinPage = lazy(() => import('../modules/register/pages/portal-join.tsx'));
// Meeting replies and public consultations need no sign-in either.
const MeetingReplyPage = lazy(() =>
  withWords(
    import('../modules/dialogue/pages/words.ts'),
    import('../modules/dialogue/pages/meeting-reply.tsx'),
  ),
);
const PublicConsultationPage = lazy(() =>
  withWords(
    import('../modules/dialogue/pages/words.ts'),
    import('../modules/dialogue/pages/consultation-public.tsx'),
  ),
);
// Whom to contact about each policy (open and right door) is public too.
const OpenDoorPage = lazy(() =>
  withWords(import('../modules/dialogue/pages/words.ts'), import('../modules/dialogue/pages/open-door.tsx')),
);

// Shade 9 of teal keeps white text on buttons above 4.5:1 contrast.
const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 9,
  defaultRadius: 'md',
  components: { NavLink: NavLink.extend({ defaultProps: { variant: 'filled' } }) },
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
          <Route path="/sign-in" component={SignInPage} />
          <Route path="/setup" component={SetupPage} />
          <Route path="/forgot-password" component={ForgotPasswordPage} />
          <Route path="/reset-password" component={ResetPasswordPage} />
          <Route path="/invitation" component={InvitationPage} />
          <Route path="/directory" component={DirectoryPage} />
          <Route path="/directory/:id" component={DirectoryOrganisationPage} />
          <Route path="/portal/sign-up" component={PortalSignUpPage} />
          <Route path="/portal/join" component={PortalJoinPage} />
          <Route path="/meeting-reply" component={MeetingReplyPage} />
          <Route path="/consultations/:id" component={PublicConsultationPage} />
          <Route path="/open-door" component={OpenDoorPage} />
          <Route path="/open-door/:agencyId" component={OpenDoorPage} />
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
