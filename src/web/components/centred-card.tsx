import { Anchor, Container, Group, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from './language-select.tsx';

/** The frame of the pages one sees before signing in: small, centred, with the language choice. */
export function CentredCard({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Container size={440} px="sm" py="lg" component="main">
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap">
          <Anchor href="/" fw={700} size="lg" c="teal.9" underline="never">
            {t('app.name')}
          </Anchor>
          <LanguageSelect />
        </Group>
        <Paper withBorder p="md" radius="md">
          <Stack gap="md">
            <Title order={1} size="h3">
              {title}
            </Title>
            {children}
          </Stack>
        </Paper>
      </Stack>
    </Container>
  );
}
