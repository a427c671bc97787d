import { and, eq } from 'drizzle-orm';
import type { Platform } from '../../platform/context.ts';
import type { Progress } from '../../platform/jobs/index.ts';
import { Problem } from '../../platform/http/problems.ts';
import { systemScope } from '../../platform/policy/index.ts';
import { checkRows, loadImport, readImportFile, summarise, type RowResult } from './imports.ts';
import { registerImports, type ImportReport } from './tables.ts';

/**
 * The import check as a job (decision 0019): a 10,000-row sheet takes longer to check than a
 * request on a weak connection survives, so the check runs in the background with progress and
 * leaves its report on the import.
 */
export const IMPORT_CHECK_JOB = 'register.import-check';

/** Rows kept in a report for each of errors and likely duplicates: the page lists 200 of each. */
export const REPORT_ROWS_KEPT = 1_000;

export type ImportCheckData = { importId: string; agencyId: string; version: number };

/** Only the rows a person must look at are stored; clean rows are counted in the summary. */
export function reportOf(results: RowResult[]): ImportReport {
  const withErrors = results.filter((result) => result.errors.length > 0);
  const withDuplicates = results.filter((result) => result.duplicates.length > 0);
  const kept = new Set([
    ...withErrors.slice(0, REPORT_ROWS_KEPT),
    ...withDuplicates.slice(0, REPORT_ROWS_KEPT),
  ]);
  return {
    errorRows: withErrors.length,
    duplicateRows: withDuplicates.length,
    rows: results
      .filter((result) => kept.has(result))
      .map(({ row, action, legalName, errors, duplicates }) => ({
        row,
        action,
        legalName,
        errors,
        duplicates,
      })),
  };
}

export async function runImportCheck(platform: Platform, data: ImportCheckData, progress: Progress) {
  const current = await loadImport(platform, systemScope(data.agencyId).agencyId, data.importId);
  // A mapping changed since the check was asked for makes this check's answer moot.
  if (current.version !== data.version || current.state !== 'checking') return { superseded: true };
  const sheet = await readImportFile(platform, current.fileId);
  const results = await checkRows(platform, sheet, current.mapping, { progress, duplicates: true });
  const summary = summarise(results);
  await platform.db
    .update(registerImports)
    .set({ state: 'checked', summary, report: reportOf(results), updatedAt: platform.clock.now() })
    .where(
      and(
        eq(registerImports.id, current.id),
        eq(registerImports.version, data.version),
        eq(registerImports.state, 'checking'),
      ),
    );
  await progress.report(sheet.rows.length, sheet.rows.length, 'Checked');
  return summary;
}

/** Marks the import as being checked, then queues the check; answers the job to watch. */
export async function startImportCheck(
  platform: Platform,
  scope: { agencyId: string; userId: string },
  id: string,
) {
  const current = await loadImport(platform, scope.agencyId, id);
  if (current.state === 'running' || current.state === 'completed')
    throw new Problem('conflict', 'This import has run already.');
  // Marked first: were the job quicker than this update, its result would be overwritten.
  await platform.db
    .update(registerImports)
    .set({ state: 'checking', summary: null, report: null, updatedAt: platform.clock.now() })
    .where(and(eq(registerImports.id, current.id), eq(registerImports.version, current.version)));
  const data: ImportCheckData = { importId: current.id, agencyId: scope.agencyId, version: current.version };
  const jobId = await platform.jobs.send(IMPORT_CHECK_JOB, data, { tracked: scope });
  await platform.db
    .update(registerImports)
    .set({ checkJobId: jobId })
    .where(eq(registerImports.id, current.id));
  return jobId;
}
