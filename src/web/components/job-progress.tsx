import { Progress, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client.ts';
import type { Job } from '../api/types.ts';

/** A progress bar for a long job (imports, exports, demonstration data), polled every second. */
export function JobProgress({ jobId, onDone }: { jobId: string; onDone?: (job: Job) => void }) {
  const { t } = useTranslation();
  const { data: job } = useQuery({
    queryKey: ['job', jobId],
    queryFn: async () => {
      const fresh = await get<Job>(`/jobs/${jobId}`);
      if (fresh.state === 'completed' || fresh.state === 'failed') onDone?.(fresh);
      return fresh;
    },
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return state === 'completed' || state === 'failed' ? false : 1000;
    },
  });
  if (!job) return <Text size="sm">{t('job.queued')}</Text>;
  const percent =
    job.total > 0 ? Math.round((job.done / job.total) * 100) : job.state === 'completed' ? 100 : 0;
  const label =
    job.state === 'failed'
      ? t('job.failed', { message: job.message ?? '' })
      : job.state === 'completed'
        ? t('job.completed')
        : job.state === 'queued'
          ? t('job.queued')
          : t('job.running', { percent });
  return (
    <Stack gap={4}>
      <Progress
        value={percent}
        color={job.state === 'failed' ? 'red' : undefined}
        aria-label={label}
        animated={job.state === 'running'}
      />
      <Text size="sm" role="status">
        {label} {job.state === 'running' && job.message ? `— ${job.message}` : ''}
      </Text>
    </Stack>
  );
}
