import { Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api/client.ts';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';

export type OrganisationHit = { id: string; legalName: string; acronym: string | null };

/**
 * Finds organisations of the register by name for a body's seat or a meeting's invitations, so no
 * one copies an id (issue 5 item 6). The register's own search, a few hits at a time.
 */
export function OrganisationSearch({
  label,
  taken,
  onChoose,
}: {
  label: string;
  taken: string[];
  onChoose: (hit: OrganisationHit) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const found = useQuery({
    queryKey: ['register', 'organisations', 'dialogue-search', q],
    queryFn: () =>
      get<{ items: OrganisationHit[] }>(
        `/register/organisations?${new URLSearchParams({ q, limit: '8' }).toString()}`,
      ),
    enabled: q.length >= 2,
  });
  const choices = (found.data?.items ?? []).filter((item) => !taken.includes(item.id));
  return (
    <Stack gap={4}>
      <TextInput
        type="search"
        label={label}
        description={t('dialogue.organisationSearch.help')}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
      />
      <ProblemAlert error={found.error} />
      {q.length >= 2 && found.isSuccess && choices.length === 0 && (
        <Text size="sm">{t('dialogue.organisationSearch.none')}</Text>
      )}
      {choices.length > 0 && (
        <Paper withBorder p="xs">
          {choices.map((hit) => (
            <Group key={hit.id} justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                {hit.legalName}
                {hit.acronym ? ` (${hit.acronym})` : ''}
              </Text>
              <Button
                size="xs"
                variant="outline"
                aria-label={t('dialogue.organisationSearch.choose', { name: hit.legalName })}
                onClick={() => {
                  onChoose(hit);
                  setText('');
                }}
              >
                {t('dialogue.organisationSearch.add')}
              </Button>
            </Group>
          ))}
        </Paper>
      )}
    </Stack>
  );
}
