import { Button, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api/client.ts';
import { JobProgress } from '../components/job-progress.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';

export default function DemonstrationPage() {
  const { t } = useTranslation();
  const [jobId, setJobId] = useState<string>();
  const [error, setError] = useState<unknown>();
  async function load() {
    setError(undefined);
    try {
      setJobId((await post<{ jobId: string }>('/demonstration-data')).jobId);
    } catch (caught) {
      setError(caught);
    }
  }
  return (
    <Stack maw={560}>
      <Title order={1}>{t('demo.title')}</Title>
      <Text>{t('demo.help')}</Text>
      <ProblemAlert error={error} />
      <Button onClick={() => void load()} w="fit-content">
        {t('demo.load')}
      </Button>
      {jobId && <JobProgress jobId={jobId} />}
    </Stack>
  );
}
