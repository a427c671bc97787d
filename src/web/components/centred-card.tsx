import { Anchor, Container, Group, Paper, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { LanguageSelect } from './language-select.tsx';
import { PageHeading } from './page-heading.tsx';

/** The frame of the pages one sees before signing in: small, centred, with the language choice. */
export function CentredCard({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Container size={440} px="sm" py="lg" component="main">
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap">
          <Anchor component={Link} href="/" fw={700} size="lg" c="teal.9" underline="never">
            <Group gap={6} wrap="nowrap">
              <img src="/icon.svg" alt="" width={28} height={28} />
              {t('app.name')}
            </Group>
          </Anchor>
          <LanguageSelect />
        </Group>
        <Paper withBorder p="md" radius="md">
          <Stack gap="md">
            <PageHeading>{title}</PageHeading>
            {children}
          </Stack>
        </Paper>
      </Stack>
    </Container>
  );
}
