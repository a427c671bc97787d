import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'wouter';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { PartnershipForm } from './partnership-form.tsx';
import { usePartnership } from './shared.tsx';

export default function EditPartnershipPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams<{ id: string }>();
  const partnership = usePartnership(id);
  return (
    <Stack maw={760}>
      <PageHeading>
        {partnership.data
          ? t('partnerships.editTitle', { title: partnership.data.title })
          : t('partnerships.edit')}
      </PageHeading>
      <ProblemAlert error={partnership.error} />
      {partnership.isLoading && <PageLoader />}
      {partnership.data && <PartnershipForm key={partnership.data.version} partnership={partnership.data} />}
    </Stack>
  );
}
