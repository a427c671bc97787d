import { Anchor, Container, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { LanguageSelect } from '../../../web/components/language-select.tsx';

/** The frame of the public directory: the name, the language choice and a way to sign in; no app shell. */
export function PublicFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <Container size={820} px="sm" pt="md" pb="xs" component="header">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Anchor component={Link} href="/directory" fw={700} size="lg" c="teal.9" underline="never">
            {t('app.name')}
          </Anchor>
          <Group gap="sm" wrap="nowrap">
            <LanguageSelect />
            <Anchor href="/sign-in" size="sm">
              {t('directory.signIn')}
            </Anchor>
          </Group>
        </Group>
      </Container>
      <Container size={820} px="sm" pb="xl" component="main">
        {children}
      </Container>
    </>
  );
}
