import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PartnershipForm } from './partnership-form.tsx';

export default function NewPartnershipPage() {
  const { t } = useTranslation();
  return (
    <Stack maw={760}>
      <PageHeading>{t('partnerships.new')}</PageHeading>
      <PartnershipForm />
    </Stack>
  );
}
