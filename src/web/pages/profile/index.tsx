import { Alert, Stack } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/page-heading.tsx';
import { useMe } from '../../session.ts';
import { ApiTokens } from './api-tokens.tsx';
import { ChangePassword } from './change-password.tsx';
import { Details } from './details.tsx';
import { SecondFactor } from './second-factor.tsx';
import { Sessions } from './sessions.tsx';

export default function ProfilePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const mustSetUp = me?.mustSetUpSecondFactor ?? false;

  // /profile#security (where an agency that requires a second factor sends people) opens there.
  useEffect(() => {
    if (window.location.hash) document.getElementById(window.location.hash.slice(1))?.scrollIntoView();
  }, []);

  if (!me) return null;
  return (
    <Stack maw={720}>
      <PageHeading>{t('profile.title')}</PageHeading>
      {mustSetUp && (
        <Alert color="blue" variant="outline" role="status" title={t('profile.securityRequiredTitle')}>
          {t('profile.securityRequired')}
        </Alert>
      )}
      {/* Keyed by the language: a switch in the header shows here at once. */}
      {!mustSetUp && <Details key={me.user.language ?? ''} me={me} />}
      <SecondFactor me={me} />
      {!mustSetUp && (
        <>
          <ChangePassword email={me.user.email} />
          <Sessions />
          <ApiTokens />
        </>
      )}
    </Stack>
  );
}
