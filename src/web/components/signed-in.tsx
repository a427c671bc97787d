import { Button, Container, Stack, Title } from '@mantine/core';
import { useDeferredValue, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Redirect, useLocation, useSearch } from 'wouter';
import { chosenLanguage, switchLanguage } from '../i18n/index.ts';
import { useMe } from '../session.ts';
import { PageLoader } from './page-loader.tsx';
import { ProblemAlert } from './problem-alert.tsx';

/**
 * The rest of the app needs a session. Without one: sign in, then come back to the page asked for.
 * No answer from the server is not "signed out": it says so and offers to try again.
 */
export function SignedIn({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const [location] = useLocation();
  const search = useSearch();
  const [wanted] = useState(`${location}${search ? `?${search}` : ''}${window.location.hash}`);
  // The shell and its page render in the background, a few milliseconds at a time, once /me is
  // there: drawn in one go they held a slow phone's main thread for half a second (decision 0023).
  const signedIn = useDeferredValue(me.data);
  const language = signedIn?.user.language;

  // On a new device the profile's language wins over the browser's, unless this browser chose.
  useEffect(() => {
    if (language && !chosenLanguage()) void switchLanguage(language);
  }, [language]);

  if (signedIn === null) {
    const next = wanted === '/' ? '' : `?next=${encodeURIComponent(wanted)}`;
    return <Redirect to={`/sign-in${next}`} replace />;
  }
  if (signedIn) return <>{children}</>;
  if (me.isError) {
    return (
      <Container size="xs" py="xl" component="main">
        <Stack>
          <Title order={1}>{t('error.connectionTitle')}</Title>
          <ProblemAlert error={me.error} />
          <Button w="fit-content" onClick={() => void me.refetch()} loading={me.isFetching}>
            {t('common.retry')}
          </Button>
        </Stack>
      </Container>
    );
  }
  return <PageLoader />;
}
