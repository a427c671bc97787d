import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { PageHeading } from '../components/page-heading.tsx';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack maw={560}>
      <PageHeading>{t('notFound.title')}</PageHeading>
      <Text>{t('notFound.help')}</Text>
      <Anchor component={Link} href="/">
        {t('notFound.home')}
      </Anchor>
    </Stack>
  );
}
