import { Alert, Button, Checkbox, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import '@mantine/core/styles/InlineInput.css';
import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/List.css';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, patch, ProblemError } from '../api/client.ts';
import type { Agency } from '../api/types.ts';
import { PageHeading } from '../components/page-heading.tsx';
import { PageLoader } from '../components/page-loader.tsx';
import { fieldError, ProblemAlert } from '../components/problem-alert.tsx';
import { useAction } from '../components/use-action.ts';
import { meKey, useMe } from '../session.ts';

export default function AgencyPage() {
  const { t } = useTranslation();
  const agency = useQuery({ queryKey: ['agency'], queryFn: () => get<Agency>('/agency') });
  const [notice, setNotice] = useState<string>();
  return (
    <Stack maw={640}>
      <PageHeading>{t('agency.title')}</PageHeading>
      {agency.isPending && <PageLoader />}
      <ProblemAlert error={agency.error} onRetry={() => void agency.refetch()} />
      {notice && (
        <Alert color="teal" variant="outline" role="status">
          {notice}
        </Alert>
      )}
      {/* A new version (saved here or elsewhere) starts the form afresh from the stored record. */}
      {agency.data && <AgencyForm key={agency.data.version} agency={agency.data} onNotice={setNotice} />}
      {agency.data && agency.data.units.length > 0 && (
        <Paper withBorder p="md" component="section" aria-labelledby="units-heading">
          <Title order={2} size="h4" id="units-heading" mb="xs">
            {t('agency.units')}
          </Title>
          <List>
            {agency.data.units.map((unit) => (
              <List.Item key={unit.id}>
                <Text span>{unit.name}</Text>{' '}
                <Text span c="dimmed" size="sm">
                  ({unit.kind})
                </Text>
              </List.Item>
            ))}
          </List>
        </Paper>
      )}
      <DeploymentSection />
    </Stack>
  );
}

/** Shown to administrators: what kind of Vaka this is, chosen at setup, and who runs it. */
function DeploymentSection() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="deployment-heading">
      <Title order={2} size="h4" id="deployment-heading" mb="xs">
        {t('agency.deployment')}
      </Title>
      <Stack gap="xs">
        <Text>
          {me.deployment.demonstration ? t('agency.deploymentDemonstration') : t('agency.deploymentReal')}
        </Text>
        {me.user.deploymentAdministrator && <Text>{t('agency.deploymentAdministrator')}</Text>}
      </Stack>
    </Paper>
  );
}

function AgencyForm({
  agency,
  onNotice,
}: {
  agency: Agency;
  onNotice: (notice: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState(agency.name);
  const [requireSecondFactor, setRequire] = useState(agency.requireSecondFactor);
  const { error, setError, busy, run } = useAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    onNotice(undefined);
    void run(async () => {
      try {
        const fresh = await patch<Agency>('/agency', { name, requireSecondFactor, version: agency.version });
        client.setQueryData(['agency'], fresh);
        await client.invalidateQueries({ queryKey: meKey });
        onNotice(t('common.saved'));
      } catch (caught) {
        if (caught instanceof ProblemError && caught.code === 'stale-version') {
          // Someone saved meanwhile: show theirs (the form restarts from it) and say so.
          await client.invalidateQueries({ queryKey: ['agency'] });
          onNotice(t('agency.changedMeanwhile'));
          setError(undefined);
          return;
        }
        throw caught;
      }
    });
  }

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={error} fields={['name', 'requireSecondFactor']} />
          <TextInput
            label={t('agency.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(error, 'name')}
          />
          <Checkbox
            label={t('agency.requireSecondFactor')}
            description={t('agency.requireSecondFactorHelp')}
            checked={requireSecondFactor}
            onChange={(e) => setRequire(e.currentTarget.checked)}
          />
          <Button type="submit" loading={busy} w="fit-content">
            {t('common.save')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
