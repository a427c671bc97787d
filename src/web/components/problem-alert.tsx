import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api/client.ts';

/** The words for a failed call: the server's detail in English, a translation where one exists. */
export function useProblemMessage() {
  const { t, i18n } = useTranslation();
  return (error: unknown): string => {
    if (!(error instanceof ProblemError)) return t('error.help');
    const { code, detail } = error.problem;
    if (code === 'offline') return t('common.offline');
    // The server writes English; in another language a known code reads better translated.
    const translated: unknown = i18n.getResource(i18n.language, 'translation', `problem.${code}`);
    if (i18n.language !== 'en' && typeof translated === 'string') return translated;
    return detail || t('error.help');
  };
}

/**
 * Shows what went wrong, in words. A lost connection says that nothing typed is lost and, with
 * `onRetry`, offers to try again. Problems a field shows beside itself are left to the field.
 */
export function ProblemAlert({
  error,
  onRetry,
  fields = [],
}: {
  error: unknown;
  onRetry?: () => void;
  fields?: string[];
}) {
  const { t } = useTranslation();
  const message = useProblemMessage();
  if (!error) return null;
  const problem = error instanceof ProblemError ? error.problem : undefined;
  const shownByFields = problem?.errors?.length && problem.errors.every((e) => fields.includes(e.field));
  if (shownByFields) return null;
  const connection = problem?.code === 'offline';
  return (
    <Alert color={connection ? 'yellow' : 'red'} role="alert" variant="light">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{message(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="white" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** The server's message for one form field, shown beside the matching input. */
export const fieldError = (error: unknown, field: string) =>
  error instanceof ProblemError ? error.fieldError(field) : undefined;
