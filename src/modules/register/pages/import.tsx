import { Anchor, Button, Card, Group, List, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { get, post, put, uploadFile } from '../../../web/api/client.ts';
import type { Job } from '../../../web/api/types.ts';
import { JobProgress } from '../../../web/components/job-progress.tsx';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { can, useMe } from '../../../web/session.ts';
import { localeOf } from './shared.tsx';

// The API's shapes for an import, as this page sees them.
type Mapping = Record<string, string | null>;
type ImportView = {
  id: string;
  fileName: string;
  rowCount: number;
  columns: string[];
  mapping: Mapping;
  fields: { field: string; label: string; required: boolean }[];
  sample: string[][];
  state: 'uploaded' | 'checking' | 'checked' | 'running' | 'completed' | 'failed';
  summary: { create: number; skip: number; error: number } | null;
  jobId: string | null;
  version: number;
};
type DryRunRow = {
  row: number;
  action: 'create' | 'skip' | 'error';
  legalName: string;
  errors: { column: string; message: string }[];
  duplicates: { id: string; legalName: string; reasons: string[] }[];
};
/** The check's report: only rows with errors or likely duplicates, with how many there are of each. */
type DryRun = { import: ImportView; errorRows: number; duplicateRows: number; rows: DryRunRow[] };

/** The most rows of errors, and of likely duplicates, listed on the page. */
const shownAtMost = 200;
const ignore = '';

const upload = (file: File) => uploadFile<ImportView>('/register/imports', file);

/** Moves focus to a step's heading when it appears, so a screen reader reads on from there. */
function useFocusOnShow(shown: unknown) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown]);
  return ref;
}

export default function RegisterImportPage() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const number = (value: number) => value.toLocaleString(localeOf(i18n.language));

  const [file, setFile] = useState<File | null>(null);
  const [view, setView] = useState<ImportView | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [report, setReport] = useState<DryRun | null>(null);
  const [checkJobId, setCheckJobId] = useState<string | null>(null);
  const [checkFinished, setCheckFinished] = useState<Job['state'] | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [finished, setFinished] = useState<Job['state'] | null>(null);

  const uploading = useMutation({
    mutationFn: upload,
    onSuccess: (next) => {
      setView(next);
      setMapping(next.mapping);
      setReport(null);
      setCheckJobId(null);
      setJobId(null);
      setFinished(null);
    },
  });
  // The check is a job (decision 0019): start it, watch its progress, then read the report.
  const checking = useMutation({
    mutationFn: async ({ id, version }: { id: string; version: number }) => {
      const saved = await put<ImportView>(`/register/imports/${id}/mapping`, { mapping, version });
      setView(saved);
      return post<{ jobId: string }>(`/register/imports/${id}/dry-run`, {});
    },
    onSuccess: (result) => {
      setReport(null);
      setCheckFinished(null);
      setCheckJobId(result.jobId);
    },
  });
  const reading = useMutation({
    mutationFn: (id: string) => get<DryRun>(`/register/imports/${id}/report`),
    onSuccess: (result) => {
      setView(result.import);
      setReport(result);
    },
  });
  const running = useMutation({
    mutationFn: (id: string) => post<{ jobId: string }>(`/register/imports/${id}/run`, {}),
    onSuccess: (result) => setJobId(result.jobId),
  });

  const mappingHeading = useFocusOnShow(view?.id);
  const reportHeading = useFocusOnShow(report);
  const importHeading = useFocusOnShow(jobId);

  if (!can(me, 'register:edit'))
    return (
      <Stack maw={760}>
        <Title order={1}>{t('register.import.title')}</Title>
        <Text>{t('register.cannotEdit')}</Text>
      </Stack>
    );

  const onUpload = (event: FormEvent) => {
    event.preventDefault();
    if (file) uploading.mutate(file);
  };
  const onMap = (column: string, field: string) => {
    setMapping((current) => ({ ...current, [column]: field === ignore ? null : field }));
    setReport(null);
    setCheckJobId(null);
    checking.reset();
    reading.reset();
    running.reset();
  };

  const mapped = new Set(Object.values(mapping).filter((field): field is string => field !== null));
  const missing = view?.fields.filter((field) => field.required && !mapped.has(field.field)) ?? [];
  const summary = report?.import.summary ?? { create: 0, skip: 0, error: 0 };
  const errorRows = report?.rows.filter((row) => row.errors.length > 0) ?? [];
  const duplicateRows = report?.rows.filter((row) => row.duplicates.length > 0) ?? [];
  const checkInProgress = checkJobId !== null && (checkFinished === null || reading.isPending);
  const started = jobId !== null;

  return (
    <Stack maw={760}>
      <Title order={1}>{t('register.import.title')}</Title>
      <Text>{t('register.import.help')}</Text>
      <Anchor component={Link} href="/register" w="fit-content">
        {t('register.back')}
      </Anchor>

      <Title order={2} size="h3">
        {t('register.import.chooseTitle')}
      </Title>
      <form onSubmit={onUpload}>
        <Stack gap="xs" align="flex-start">
          <Text component="label" htmlFor="register-import-file" fw={600} size="sm">
            {t('register.import.file')}
          </Text>
          <Text id="register-import-file-help" size="sm" c="dimmed">
            {t('register.import.fileHelp')}
          </Text>
          <input
            id="register-import-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="register-import-file-help"
            disabled={started}
            style={{ maxWidth: '100%' }}
            onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
          />
          <Button type="submit" disabled={!file || started} loading={uploading.isPending}>
            {t('register.import.upload')}
          </Button>
          <ProblemAlert error={uploading.error} />
        </Stack>
      </form>

      {view && (
        <>
          <Title order={2} size="h3" ref={mappingHeading} tabIndex={-1} style={{ outline: 'none' }}>
            {t('register.import.mappingTitle')}
          </Title>
          <Text>
            {t('register.import.fileSummary', {
              name: view.fileName,
              count: view.rowCount,
              rows: number(view.rowCount),
            })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('register.import.mappingHelp')}
          </Text>
          <Stack gap="sm">
            {view.columns.map((column, index) => {
              const sample = view.sample.map((row) => row[index]).find((value) => value && value.trim());
              return (
                <NativeSelect
                  key={column}
                  label={column}
                  description={
                    sample ? t('register.import.sample', { value: sample }) : t('register.import.noSample')
                  }
                  value={mapping[column] ?? ignore}
                  disabled={started}
                  data={[
                    { value: ignore, label: t('register.import.ignore') },
                    ...view.fields.map((field) => ({
                      value: field.field,
                      label: field.required
                        ? t('register.import.required', { label: field.label })
                        : field.label,
                    })),
                  ]}
                  onChange={(event) => onMap(column, event.currentTarget.value)}
                  styles={{ label: { overflowWrap: 'anywhere' }, description: { overflowWrap: 'anywhere' } }}
                />
              );
            })}
          </Stack>
          {missing.length > 0 && (
            <Text size="sm" c="red.9">
              {t('register.import.missing', { fields: missing.map((field) => field.label).join(', ') })}
            </Text>
          )}
          <Button
            w="fit-content"
            variant={report ? 'outline' : 'filled'}
            disabled={started || missing.length > 0}
            loading={checking.isPending || checkInProgress}
            onClick={() => checking.mutate({ id: view.id, version: view.version })}
          >
            {t('register.import.check')}
          </Button>
          <ProblemAlert error={checking.error} />
          {checkJobId && !report && (
            <JobProgress
              key={checkJobId}
              jobId={checkJobId}
              onFinished={(job) => {
                setCheckFinished(job.state);
                if (job.state === 'completed') reading.mutate(view.id);
              }}
            />
          )}
          <ProblemAlert error={reading.error} />
        </>
      )}

      {view && report && (
        <>
          <Title order={2} size="h3" ref={reportHeading} tabIndex={-1} style={{ outline: 'none' }}>
            {t('register.import.reportTitle')}
          </Title>
          <List>
            <List.Item>
              {t('register.import.toCreate', { count: summary.create, n: number(summary.create) })}
            </List.Item>
            <List.Item>
              {t('register.import.toSkip', { count: summary.skip, n: number(summary.skip) })}
            </List.Item>
            <List.Item>
              {t('register.import.withErrors', { count: summary.error, n: number(summary.error) })}
            </List.Item>
          </List>

          {errorRows.length > 0 && (
            <Card withBorder padding="sm">
              <Title order={3} size="h4">
                {t('register.import.errorsTitle')}
              </Title>
              <Text size="sm" c="dimmed" mb="xs">
                {t('register.import.errorsHelp')}
              </Text>
              <List spacing={4} size="sm">
                {errorRows.slice(0, shownAtMost).flatMap((row) =>
                  row.errors.map((error, index) => (
                    <List.Item key={`${row.row}-${index}`} style={{ overflowWrap: 'anywhere' }}>
                      {t('register.import.errorLine', {
                        row: number(row.row),
                        column: error.column,
                        message: error.message,
                      })}
                    </List.Item>
                  )),
                )}
              </List>
              {report.errorRows > shownAtMost && (
                <Text size="sm" mt="xs">
                  {t('register.import.more', { shown: number(shownAtMost), total: number(report.errorRows) })}
                </Text>
              )}
            </Card>
          )}

          {duplicateRows.length > 0 && (
            <Card withBorder padding="sm">
              <Title order={3} size="h4">
                {t('register.import.duplicatesTitle')}
              </Title>
              <Text size="sm" c="dimmed" mb="xs">
                {t('register.import.duplicatesHelp')}
              </Text>
              <List spacing={4} size="sm">
                {duplicateRows.slice(0, shownAtMost).map((row) => (
                  <List.Item key={row.row} style={{ overflowWrap: 'anywhere' }}>
                    {t('register.import.duplicateLine', { row: number(row.row), name: row.legalName })}{' '}
                    {row.duplicates.map((duplicate, index) => (
                      <span key={duplicate.id}>
                        {index > 0 && ', '}
                        <Anchor component={Link} href={`/register/${duplicate.id}`} inherit>
                          {duplicate.legalName}
                        </Anchor>
                        {duplicate.reasons.length > 0 && ` (${duplicate.reasons.join(', ')})`}
                      </span>
                    ))}
                  </List.Item>
                ))}
              </List>
              {report.duplicateRows > shownAtMost && (
                <Text size="sm" mt="xs">
                  {t('register.import.more', {
                    shown: number(shownAtMost),
                    total: number(report.duplicateRows),
                  })}
                </Text>
              )}
            </Card>
          )}

          {summary.error > 0 ? (
            <Text size="sm" fw={600}>
              {t('register.import.fixFirst')}
            </Text>
          ) : summary.create === 0 ? (
            <Text size="sm" fw={600}>
              {t('register.import.nothingNew')}
            </Text>
          ) : null}
          <Button
            w="fit-content"
            disabled={summary.error > 0 || summary.create === 0 || started}
            loading={running.isPending}
            onClick={() => running.mutate(view.id)}
          >
            {t('register.import.run', { count: summary.create, n: number(summary.create) })}
          </Button>
          <ProblemAlert error={running.error} />
        </>
      )}

      {jobId && (
        <>
          <Title order={2} size="h3" ref={importHeading} tabIndex={-1} style={{ outline: 'none' }}>
            {t('register.import.progressTitle')}
          </Title>
          <JobProgress
            jobId={jobId}
            onFinished={(job) => {
              setFinished(job.state);
              if (job.state === 'completed')
                void queryClient.invalidateQueries({ queryKey: ['register', 'organisations'] });
            }}
          />
          {finished === 'completed' && (
            <Group gap="sm">
              <Text fw={600}>{t('register.import.done')}</Text>
              <Anchor component={Link} href="/register">
                {t('register.back')}
              </Anchor>
            </Group>
          )}
          {finished === 'failed' && <Text>{t('register.import.failed')}</Text>}
        </>
      )}
    </Stack>
  );
}
