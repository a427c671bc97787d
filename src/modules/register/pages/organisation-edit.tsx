import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'wouter';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { can, useMe } from '../../../web/session.ts';
import { OrganisationForm } from './organisation-form.tsx';
import { useOrganisation } from './shared.tsx';

export default function EditOrganisationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams<{ id: string }>();
  const { data: me } = useMe();
  const organisation = useOrganisation(id);
  return (
    <Stack maw={760}>
      <Title order={1}>
        {organisation.data
          ? t('register.editTitle', { name: organisation.data.legalName })
          : t('register.edit')}
      </Title>
      <ProblemAlert error={organisation.error} />
      {organisation.isLoading && <PageLoader />}
      {organisation.data &&
        (can(me, 'register:edit') ? (
          <OrganisationForm key={organisation.data.id} mode="edit" organisation={organisation.data} />
        ) : (
          <Text>{t('register.cannotEdit')}</Text>
        ))}
    </Stack>
  );
}
