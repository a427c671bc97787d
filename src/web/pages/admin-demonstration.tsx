import { Button, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearch } from 'wouter';
import { post } from '../api/client.ts';
import { JobProgress } from '../components/job-progress.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { useAction } from '../components/use-action.ts';

export default function DemonstrationPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  // A job started elsewhere (the setup page) arrives in the address.
  const [jobId, setJobId] = useState<string | undefined>(
    new URLSearchParams(useSearch()).get('job') ?? undefined,
  );
  const [running, setRunning] = useState(false);
  const { error, busy, run } = useAction();

  const load = () =>
    void run(async () => {
      setJobId((await post<{ jobId: string }>('/demonstration-data')).jobId);
      setRunning(true);
    });

  return (
    <Stack maw={560}>
      <PageHeading>{t('demo.title')}</PageHeading>
      <Text>{t('demo.help')}</Text>
      <ProblemAlert error={error} />
      {/* While a load runs, its bar is the button's answer; a second click would add nothing. */}
      {!running && (
        <Button onClick={load} loading={busy} w="fit-content">
          {t('demo.load')}
        </Button>
      )}
      {jobId && (
        <JobProgress
          key={jobId}
          jobId={jobId}
          onFinished={() => {
            setRunning(false);
            // New people and records: lists fetched before are out of date.
            void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'job' });
          }}
        />
      )}
    </Stack>
  );
}
