import { Progress, Stack, Text } from '@mantine/core';
import '@mantine/core/styles/Progress.css';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client.ts';
import type { Job } from '../api/types.ts';

const finished = (job: Job | undefined) => job?.state === 'completed' || job?.state === 'failed';

/** 0 to 100; a finished job is full whatever its counts say. */
export const percentOf = (job: Job) =>
  job.state === 'completed'
    ? 100
    : job.total > 0
      ? Math.min(100, Math.round((job.done / job.total) * 100))
      : 0;

/**
 * A long job (imports, exports, demonstration data) as a progress bar with its percentage and the
 * job's own message, polled every second until it is done or failed. Any module may use it:
 * `<JobProgress jobId={id} onFinished={(job) => ...} />`.
 */
export function JobProgress({ jobId, onFinished }: { jobId: string; onFinished?: (job: Job) => void }) {
  const { t } = useTranslation();
  const { data: job, error } = useQuery({
    queryKey: ['job', jobId],
    queryFn: () => get<Job>(`/jobs/${jobId}`),
    // On a dropped connection polling goes on, so the bar catches up when it comes back.
    refetchInterval: (query) => (finished(query.state.data) ? false : 1000),
    retry: true,
  });
  const state = job?.state;
  useEffect(() => {
    if (job && finished(job)) onFinished?.(job);
    // Only the moment it finishes matters, not every poll.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  const percent = job ? percentOf(job) : 0;
  const label = !job
    ? t('job.queued')
    : job.state === 'failed'
      ? t('job.failed')
      : job.state === 'completed'
        ? t('job.completed')
        : job.state === 'queued'
          ? t('job.queued')
          : t('job.running', { percent });

  return (
    <Stack gap={4}>
      <Progress
        value={percent}
        size="lg"
        color={job?.state === 'failed' ? 'red' : undefined}
        animated={job?.state === 'running'}
        aria-label={t('job.progress')}
      />
      <Text size="sm" role="status" aria-live="polite">
        {label}
      </Text>
      {job?.message && job.state !== 'completed' && (
        <Text size="sm" c={job.state === 'failed' ? 'red.9' : 'dimmed'}>
          {job.message}
        </Text>
      )}
      {error && !job && (
        <Text size="sm" c="dimmed">
          {t('common.offline')}
        </Text>
      )}
    </Stack>
  );
}
