import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../../web/session.ts';
import { OrganisationForm } from './organisation-form.tsx';

export default function NewOrganisationPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  return (
    <Stack maw={760}>
      <Title order={1}>{t('register.new')}</Title>
      {can(me, 'register:edit') ? <OrganisationForm mode="new" /> : <Text>{t('register.cannotEdit')}</Text>}
    </Stack>
  );
}
