import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api/client.ts';

/** Shows what went wrong, in words; a lost connection says that nothing typed is lost. */
export function ProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message =
    error instanceof ProblemError
      ? error.problem.code === 'offline'
        ? t('common.offline')
        : error.problem.detail
      : t('error.help');
  return (
    <Alert color="red" role="alert" variant="outline">
      {message}
    </Alert>
  );
}

export const fieldError = (error: unknown, field: string) =>
  error instanceof ProblemError ? error.fieldError(field) : undefined;
