import { Anchor, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { get } from '../../../web/api/client.ts';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { OrganisationForm } from './organisation-form.tsx';
import type { Organisation } from './types.ts';

/** A CSO administrator edits their organisation's profile; verified fields go to review. */
export default function PortalEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams<{ id: string }>();
  const organisation = useQuery({
    queryKey: ['portal', 'organisation', id],
    queryFn: () => get<Organisation>(`/portal/organisations/${id}`),
  });
  return (
    <Stack maw={760}>
      <Anchor component={Link} href={`/portal/${id}`} size="sm" w="fit-content">
        {t('portal.back')}
      </Anchor>
      <Title order={1}>
        {organisation.data
          ? t('register.editTitle', { name: organisation.data.legalName })
          : t('register.edit')}
      </Title>
      <ProblemAlert error={organisation.error} />
      {organisation.isLoading && <PageLoader />}
      {organisation.data && (
        <OrganisationForm key={organisation.data.id} mode="portal" organisation={organisation.data} />
      )}
    </Stack>
  );
}
