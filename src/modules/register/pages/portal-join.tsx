import { Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { get, post } from '../../../web/api/client.ts';
import type { Me } from '../../../web/api/types.ts';
import { CentredCard } from '../../../web/components/centred-card.tsx';
import { LinkAcceptForm } from '../../../web/components/link-accept-form.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { meKey, settleLanguage } from '../../../web/session.ts';
import type { CsoLinkPreview } from './types.ts';

/** Where a CSO user's sign-up or invitation e-mail leads: choose a password and be in the portal. */
export default function PortalJoinPage() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const client = useQueryClient();
  const token = new URLSearchParams(useSearch()).get('token') ?? '';
  const link = useQuery({
    queryKey: ['portal', 'link', token],
    queryFn: () => get<CsoLinkPreview>(`/portal/links/${encodeURIComponent(token)}`),
    enabled: token.length > 0,
    retry: false,
  });
  if (token && link.isPending) return <PageLoader />;
  if (!link.data)
    return (
      <CentredCard title={t('invitation.invalid')}>
        {link.error ? <ProblemAlert error={link.error} /> : <Text>{t('invitation.noToken')}</Text>}
      </CentredCard>
    );
  const preview = link.data;
  return (
    <LinkAcceptForm
      title={t('portal.join.title', { organisation: preview.organisationName })}
      intro={t(preview.kind === 'invitation' ? 'portal.join.invitation' : 'portal.join.signUp')}
      email={preview.email}
      existing={preview.existingAccount}
      knownName={preview.name}
      submitLabel={preview.kind === 'invitation' ? undefined : t('portal.join.submit')}
      accept={async (answer) => {
        const accepted = await post<{ status: string }>('/portal/links/accept', { token, ...answer });
        client.setQueryData(meKey, await settleLanguage(await get<Me>('/me')));
        navigate(accepted.status === 'confirmed' ? '/portal' : '/portal?waiting=1', { replace: true });
      }}
    />
  );
}
