import { Alert, Button, Checkbox, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, patch, ProblemError } from '../api/client.ts';
import type { Agency } from '../api/types.ts';
import { fieldError, ProblemAlert } from '../components/problem-alert.tsx';
import { meKey } from '../session.ts';

export default function AgencyPage() {
  const { t } = useTranslation();
  const agency = useQuery({ queryKey: ['agency'], queryFn: () => get<Agency>('/agency') });
  const [saved, setSaved] = useState(false);
  return (
    <Stack maw={560}>
      <Title order={1}>{t('agency.title')}</Title>
      <ProblemAlert error={agency.error} />
      {saved && (
        <Alert color="teal" role="status">
          {t('common.saved')}
        </Alert>
      )}
      {/* A new version (saved here or elsewhere) starts the form afresh from the stored record. */}
      {agency.data && <AgencyForm key={agency.data.version} agency={agency.data} onSaved={setSaved} />}
      {agency.data && (
        <Stack gap={4}>
          <Title order={2} size="h4">
            {t('agency.units')}
          </Title>
          <List>
            {agency.data.units.map((unit) => (
              <List.Item key={unit.id}>
                <Text>{unit.name}</Text>
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
    </Stack>
  );
}

function AgencyForm({ agency, onSaved }: { agency: Agency; onSaved: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState(agency.name);
  const [requireSecondFactor, setRequire] = useState(agency.requireSecondFactor);
  const [error, setError] = useState<unknown>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    onSaved(false);
    try {
      const fresh = await patch<Agency>('/agency', { name, requireSecondFactor, version: agency.version });
      client.setQueryData(['agency'], fresh);
      await client.invalidateQueries({ queryKey: meKey });
      onSaved(true);
    } catch (caught) {
      setError(caught);
      if (caught instanceof ProblemError && caught.problem.code === 'stale-version') {
        await client.invalidateQueries({ queryKey: ['agency'] });
      }
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ProblemAlert error={fieldError(error, 'name') ? undefined : error} />
        <TextInput
          label={t('agency.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError(error, 'name')}
        />
        <Checkbox
          label={t('agency.requireSecondFactor')}
          checked={requireSecondFactor}
          onChange={(e) => setRequire(e.currentTarget.checked)}
        />
        <Button type="submit" w="fit-content">
          {t('common.save')}
        </Button>
      </Stack>
    </form>
  );
}
