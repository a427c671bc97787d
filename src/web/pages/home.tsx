import { Anchor, List, Paper, Stack, Text, Title } from '@mantine/core';
import '@mantine/core/styles/List.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { PageHeading } from '../components/page-heading.tsx';
import { usePlaces } from '../components/destinations.ts';
import { useMe } from '../session.ts';

export default function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const places = usePlaces().filter((place) => place.path !== '/');
  if (!me) return null;
  return (
    <Stack maw={720}>
      <PageHeading>{t('home.greeting', { name: me.user.name })}</PageHeading>
      <Text>
        {me.agency && me.role
          ? t('home.role', { agency: me.agency.name, role: t(`role.${me.role}`) })
          : t(me.organisations.length > 0 ? 'home.csoUser' : 'home.noAgency')}
      </Text>
      {places.length > 0 && (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            {t('home.places')}
          </Title>
          <List spacing={4}>
            {places.map((place) => (
              <List.Item key={place.path}>
                <Anchor component={Link} href={place.path}>
                  {t(place.label)}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </Paper>
      )}
    </Stack>
  );
}
