import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { get, post } from '../api/client.ts';
import type { InvitationPreview, Me } from '../api/types.ts';
import { CentredCard } from '../components/centred-card.tsx';
import { PageLoader } from '../components/page-loader.tsx';
import { LinkAcceptForm } from '../components/link-accept-form.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { settleLanguage, useSetMe } from '../session.ts';

/** The page an invitation e-mail links to: choose a name and password, and be in. */
export default function InvitationPage() {
  const { t } = useTranslation();
  const token = new URLSearchParams(useSearch()).get('token') ?? '';
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => get<InvitationPreview>(`/invitations/${encodeURIComponent(token)}`),
    enabled: token.length > 0,
    retry: false,
  });

  if (token && invitation.isPending) return <PageLoader />;
  if (!invitation.data) {
    return (
      <CentredCard title={t('invitation.invalid')}>
        {invitation.error ? (
          <ProblemAlert error={invitation.error} onRetry={() => void invitation.refetch()} />
        ) : (
          <Text>{t('invitation.noToken')}</Text>
        )}
      </CentredCard>
    );
  }
  return <AcceptForm token={token} invitation={invitation.data} />;
}

function AcceptForm({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const setMe = useSetMe();
  const existing = invitation.existingAccount ?? false;
  return (
    <LinkAcceptForm
      title={t('invitation.title', { agency: invitation.agencyName })}
      intro={t(existing ? 'invitation.introExisting' : 'invitation.intro', {
        role: t(`role.${invitation.role}`),
      })}
      email={invitation.email}
      existing={existing}
      accept={async (answer) => {
        const me = await post<Me>('/invitations/accept', { token, ...answer });
        setMe(await settleLanguage(me));
        navigate('/', { replace: true });
      }}
    />
  );
}
