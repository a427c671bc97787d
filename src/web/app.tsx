import {
  createTheme,
  DirectionProvider,
  MantineProvider,
  NavLink,
  type CSSVariablesResolver,
} from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { ErrorBoundary } from './components/error-boundary.tsx';
import { PageLoader } from './components/page-loader.tsx';
import { direction, type Language } from './i18n/index.ts';
import { SignInPage } from './pages/sign-in.tsx';
import { useMe } from './session.ts';

// Every page but sign-in is loaded when first visited, so the sign-in page carries little.
const Shell = lazy(() => import('./shell.tsx'));
const SetupPage = lazy(() => import('./pages/setup.tsx'));
const ForgotPasswordPage = lazy(() => import('./pages/forgot-password.tsx'));
const ResetPasswordPage = lazy(() => import('./pages/reset-password.tsx'));
const InvitationPage = lazy(() => import('./pages/invitation.tsx'));

// Shade 9 of teal keeps white text on buttons above 4.5:1 contrast.
const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 9,
  defaultRadius: 'md',
  components: { NavLink: NavLink.extend({ defaultProps: { variant: 'filled' } }) },
});
// Mantine's default "dimmed" grey is under 4.5:1 on white; this one passes WCAG AA.
const contrast: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#495057' },
  dark: {},
});
const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } });

export function App({ initialLanguage }: { initialLanguage: Language }) {
  return (
    <DirectionProvider initialDirection={direction(initialLanguage)} detectDirection>
      <MantineProvider theme={theme} cssVariablesResolver={contrast}>
        <QueryClientProvider client={queryClient}>
          <ErrorBoundary>
            <Suspense fallback={<PageLoader />}>
              <Routes />
            </Suspense>
          </ErrorBoundary>
        </QueryClientProvider>
      </MantineProvider>
    </DirectionProvider>
  );
}

function Routes() {
  return (
    <Switch>
      <Route path="/sign-in" component={SignInPage} />
      <Route path="/setup" component={SetupPage} />
      <Route path="/forgot-password" component={ForgotPasswordPage} />
      <Route path="/reset-password" component={ResetPasswordPage} />
      <Route path="/invitation" component={InvitationPage} />
      <Route>
        <SignedIn>
          <Shell />
        </SignedIn>
      </Route>
    </Switch>
  );
}

/** The rest of the app needs a session; without one, sign in and come back to the same page. */
function SignedIn({ children }: { children: ReactNode }) {
  const { data: me, isLoading } = useMe();
  const [location] = useLocation();
  const [wanted] = useState(location);
  if (isLoading) return <PageLoader />;
  if (!me) return <Redirect to={`/sign-in?next=${encodeURIComponent(wanted)}`} />;
  return <>{children}</>;
}
