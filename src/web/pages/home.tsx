import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../session.ts';

export default function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <Stack>
      <Title order={1}>{t('home.greeting', { name: me.user.name })}</Title>
      <Text>
        {me.agency && me.role
          ? t('home.role', { agency: me.agency.name, role: t(`role.${me.role}`) })
          : t('home.noAgency')}
      </Text>
    </Stack>
  );
}
