import { createHash, randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { actorForUser } from '../../platform/accounts/me.ts';
import { recordAudit, recordAuditEvents } from '../../platform/audit/record.ts';
import type { Platform } from '../../platform/context.ts';
import { together, type Db } from '../../platform/db/client.ts';
import { insertRecords } from '../../platform/db/insert-records.ts';
import { storedFiles } from '../../platform/files/tables.ts';
import type { Progress } from '../../platform/jobs/index.ts';
import { notFound, Problem, staleVersion } from '../../platform/http/problems.ts';
import { authorize, scopeOf, systemScope, type UserActor } from '../../platform/policy/index.ts';
import { OrganisationInput } from './contracts.ts';
import { findDuplicatesForMany } from './duplicates.ts';
import { duplicateProbe } from './operations/create-organisation.ts';
import { insertRelations, profileColumns, withSearchColumns } from './organisations.ts';
import { readSpreadsheet, type Sheet } from './spreadsheet.ts';
import {
  importedRows,
  organisationIdentifiers,
  organisations,
  places,
  registerImports,
  renewals,
  taxonomyTerms,
} from './tables.ts';

export const IMPORT_JOB = 'register.import';
const WRITE_BATCH = 500;
// Rows probed for likely duplicates per round; progress is reported after each.
const PROBE_CHUNK = 250;
const PROBES_AT_ONCE = 2;

// What a column can hold, and the headers it is guessed from (issue 3 §6: columns guessed, editable).
export const importFields = [
  {
    field: 'legalName',
    label: 'Legal name',
    required: true,
    guesses: ['legal name', 'name', 'organisation', 'organization', 'organisation name'],
  },
  { field: 'acronym', label: 'Acronym', required: false, guesses: ['acronym', 'short name', 'abbreviation'] },
  {
    field: 'kind',
    label: 'Kind',
    required: true,
    guesses: ['kind', 'type', 'organisation type', 'category'],
  },
  {
    field: 'otherName',
    label: 'Other name',
    required: false,
    guesses: ['other name', 'maori name', 'local name', 'urdu name'],
  },
  { field: 'mission', label: 'Mission', required: false, guesses: ['mission', 'purpose', 'description'] },
  {
    field: 'focusAreas',
    label: 'Focus areas',
    required: false,
    guesses: ['focus areas', 'focus area', 'sectors', 'sector'],
  },
  {
    field: 'populations',
    label: 'Populations served',
    required: false,
    guesses: ['populations', 'population', 'beneficiaries', 'target group'],
  },
  {
    field: 'place',
    label: 'Place',
    required: false,
    guesses: ['place', 'island', 'province', 'district', 'location'],
  },
  {
    field: 'identifierScheme',
    label: 'Identifier scheme',
    required: false,
    guesses: ['identifier scheme', 'register', 'scheme'],
  },
  {
    field: 'identifierValue',
    label: 'Identifier',
    required: false,
    guesses: ['identifier', 'registration number', 'registration', 'reg no', 'number'],
  },
  {
    field: 'contactName',
    label: 'Contact name',
    required: false,
    guesses: ['contact', 'contact name', 'contact person'],
  },
  {
    field: 'contactEmail',
    label: 'Contact e-mail',
    required: false,
    guesses: ['email', 'e-mail', 'contact email'],
  },
  {
    field: 'contactPhone',
    label: 'Contact phone',
    required: false,
    guesses: ['phone', 'telephone', 'mobile', 'contact phone'],
  },
  {
    field: 'yearFounded',
    label: 'Year founded',
    required: false,
    guesses: ['year founded', 'founded', 'established'],
  },
  { field: 'website', label: 'Website', required: false, guesses: ['website', 'web', 'url'] },
] as const;

const tidy = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export function guessMapping(columns: string[]): Record<string, string | null> {
  const taken = new Set<string>();
  const mapping: Record<string, string | null> = {};
  for (const column of columns) {
    const match = importFields.find(
      (f) => !taken.has(f.field) && (f.guesses as readonly string[]).includes(tidy(column)),
    );
    mapping[column] = match?.field ?? null;
    if (match) taken.add(match.field);
  }
  return mapping;
}

type Lookups = { terms: Map<string, string>; places: Map<string, string> };

async function loadLookups(db: Db): Promise<Lookups> {
  const terms = new Map<string, string>();
  for (const term of await db.select().from(taxonomyTerms).where(eq(taxonomyTerms.active, true))) {
    terms.set(`${term.taxonomy}|${tidy(term.code)}`, term.code);
    terms.set(`${term.taxonomy}|${tidy(term.label)}`, term.code);
  }
  const placeMap = new Map<string, string>();
  for (const place of await db.select().from(places)) {
    placeMap.set(tidy(place.code), place.id);
    placeMap.set(tidy(place.name), place.id);
  }
  return { terms, places: placeMap };
}

export type RowError = { column: string; message: string };
export type RowResult = {
  row: number;
  action: 'create' | 'skip' | 'error';
  legalName: string;
  errors: RowError[];
  duplicates: { id: string; legalName: string; reasons: string[] }[];
  input?: OrganisationInput;
  fingerprint: string;
};

/** One spreadsheet row as a profile, with every problem named by its column. */
function rowToInput(
  row: string[],
  columns: string[],
  mapping: Record<string, string | null>,
  lookups: Lookups,
) {
  const value = (field: string) => {
    const column = columns.find((c) => mapping[c] === field);
    return column ? { column, text: row[columns.indexOf(column)] ?? '' } : { column: field, text: '' };
  };
  const errors: RowError[] = [];
  const list = (field: string, taxonomy: string) => {
    const { column, text } = value(field);
    return text
      .split(/[;,]/)
      .map((part) => part.trim())
      .filter(Boolean)
      .flatMap((part) => {
        const code = lookups.terms.get(`${taxonomy}|${tidy(part)}`);
        if (!code) errors.push({ column, message: `Unknown ${taxonomy.replace('-', ' ')} "${part}".` });
        return code ? [code] : [];
      });
  };
  const kindCell = value('kind');
  const kind = lookups.terms.get(`kind|${tidy(kindCell.text)}`);
  if (kindCell.text && !kind)
    errors.push({ column: kindCell.column, message: `Unknown kind "${kindCell.text}".` });
  const placeCell = value('place');
  const placeId = placeCell.text ? lookups.places.get(tidy(placeCell.text)) : undefined;
  if (placeCell.text && !placeId)
    errors.push({ column: placeCell.column, message: `Unknown place "${placeCell.text}".` });
  const scheme = value('identifierScheme').text;
  const identifier = value('identifierValue').text;
  const schemeCode = scheme ? (lookups.terms.get(`identifier-scheme|${tidy(scheme)}`) ?? scheme) : '';
  const year = value('yearFounded').text;
  const contactName = value('contactName').text;
  const contactEmail = value('contactEmail').text;
  const contactPhone = value('contactPhone').text;
  const candidate = {
    legalName: value('legalName').text,
    acronym: value('acronym').text || null,
    kind: kind ?? kindCell.text,
    otherNames: value('otherName').text ? [{ name: value('otherName').text, language: 'und' }] : [],
    mission: value('mission').text || null,
    focusAreas: list('focusAreas', 'focus-area'),
    populations: list('populations', 'population'),
    placeIds: placeId ? [placeId] : [],
    identifiers: identifier ? [{ scheme: schemeCode || 'tax-number', value: identifier }] : [],
    contacts:
      contactName || contactEmail || contactPhone
        ? [
            {
              name: contactName || contactEmail || contactPhone,
              email: contactEmail || null,
              phone: contactPhone || null,
              consentToContact: false,
            },
          ]
        : [],
    yearFounded: year ? Number(year) : null,
    website: value('website').text || null,
  };
  const parsed = OrganisationInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const top = String(issue.path[0] ?? '');
      const field =
        top === 'identifiers'
          ? 'identifierValue'
          : top === 'contacts'
            ? `contact${capitalise(String(issue.path[2] ?? 'Name'))}`
            : top === 'otherNames'
              ? 'otherName'
              : top;
      errors.push({ column: value(field).column, message: issue.message });
    }
  }
  const fingerprint = createHash('sha256').update(JSON.stringify(row)).digest('hex');
  return {
    input: parsed.success ? parsed.data : undefined,
    errors,
    fingerprint,
    legalName: candidate.legalName,
  };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Every row's fate, without writing anything: the dry run, and the first half of the real run. */
export async function checkRows(
  platform: Platform,
  sheet: Sheet,
  mapping: Record<string, string | null>,
  options: { progress?: Progress | undefined; duplicates: boolean },
): Promise<RowResult[]> {
  const lookups = await loadLookups(platform.db);
  const converted = sheet.rows.map((row) => rowToInput(row, sheet.columns, mapping, lookups));
  // Rows already imported, and identifiers already taken, are read in a few queries for the whole
  // sheet: one query per row made a 10,000-row import wait on 20,000 round trips.
  const imported = await importedFingerprints(
    platform.db,
    converted.map((row) => row.fingerprint),
  );
  const taken = await takenIdentifiers(
    platform.db,
    converted.flatMap((row) => row.input?.identifiers ?? []),
  );
  const results: RowResult[] = [];
  const seenIdentifiers = new Map<string, number>();
  for (const [index, { input, errors, fingerprint, legalName }] of converted.entries()) {
    const result: RowResult = {
      row: index + 1,
      action: 'create',
      legalName,
      errors,
      duplicates: [],
      fingerprint,
      ...(input ? { input } : {}),
    };
    if (imported.has(fingerprint)) {
      result.action = 'skip';
    } else if (input) {
      for (const identifier of input.identifiers) {
        const key = `${identifier.scheme}|${identifier.value}`;
        const earlier = seenIdentifiers.get(key);
        if (earlier) errors.push({ column: 'identifier', message: `The same identifier as row ${earlier}.` });
        seenIdentifiers.set(key, result.row);
        if (taken.has(key))
          errors.push({
            column: 'identifier',
            message: `${identifier.scheme} ${identifier.value} already belongs to another organisation.`,
          });
      }
    }
    if (errors.length) result.action = 'error';
    results.push(result);
  }
  // Likely duplicates are advice for the person reading the check, so the import job skips them.
  // Probed for many rows per statement (findDuplicatesForMany); rows imported already are not probed.
  const probed = options.duplicates
    ? results.filter((result) => result.input && result.action !== 'skip')
    : [];
  // Two rounds at once on a server (two connections, as many as its cores here); one after the
  // other on PGlite, which has one connection (together).
  const perStep = PROBE_CHUNK * PROBES_AT_ONCE;
  for (let from = 0; from < probed.length; from += perStep) {
    const chunks = chunksOf(probed.slice(from, from + perStep), PROBE_CHUNK);
    const found = await together(
      platform.db,
      chunks.map(
        (chunk) => () =>
          findDuplicatesForMany(
            platform.db,
            chunk.map((result) => duplicateProbe(result.input!)),
          ),
      ),
    );
    for (const [n, chunk] of chunks.entries())
      for (const [index, result] of chunk.entries())
        result.duplicates = found[n]![index]!.map(({ id, legalName: name, reasons }) => ({
          id,
          legalName: name,
          reasons,
        }));
    if (options.progress)
      await options.progress.report(
        Math.min(from + perStep, probed.length),
        probed.length,
        'Looking for likely duplicates',
      );
  }
  return results;
}

// Values per "in (...)" list, well under a statement's 65,535 parameters.
const LOOKUP_CHUNK = 5_000;

function chunksOf<T>(values: T[], size = LOOKUP_CHUNK): T[][] {
  const chunks: T[][] = [];
  for (let from = 0; from < values.length; from += size) chunks.push(values.slice(from, from + size));
  return chunks;
}

async function importedFingerprints(db: Db, fingerprints: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const chunk of chunksOf([...new Set(fingerprints)])) {
    const rows = await db
      .select({ fingerprint: importedRows.fingerprint })
      .from(importedRows)
      .where(inArray(importedRows.fingerprint, chunk));
    for (const row of rows) found.add(row.fingerprint);
  }
  return found;
}

/** "scheme|value" of the given identifiers that some organisation already holds. */
async function takenIdentifiers(
  db: Db,
  identifiers: { scheme: string; value: string }[],
): Promise<Set<string>> {
  const wanted = new Set(identifiers.map((i) => `${i.scheme}|${i.value}`));
  const found = new Set<string>();
  for (const chunk of chunksOf([...new Set(identifiers.map((i) => i.value))])) {
    const rows = await db
      .select({ scheme: organisationIdentifiers.scheme, value: organisationIdentifiers.value })
      .from(organisationIdentifiers)
      .where(inArray(organisationIdentifiers.value, chunk));
    for (const row of rows) {
      const key = `${row.scheme}|${row.value}`;
      if (wanted.has(key)) found.add(key);
    }
  }
  return found;
}

export function summarise(results: RowResult[]) {
  return {
    create: results.filter((r) => r.action === 'create').length,
    skip: results.filter((r) => r.action === 'skip').length,
    error: results.filter((r) => r.action === 'error').length,
  };
}

export async function loadImport(platform: Platform, scopeAgencyId: string, id: string) {
  const [row] = await platform.db
    .select()
    .from(registerImports)
    .where(and(eq(registerImports.id, id), eq(registerImports.agencyId, scopeAgencyId)));
  if (!row) throw notFound('This import');
  return row;
}

/** The stored file's rows; `sample` reads only the first few (a page showing the import). */
export async function readImportFile(
  platform: Platform,
  fileId: string,
  options: { sample?: number } = {},
): Promise<Sheet> {
  const [file] = await platform.db.select().from(storedFiles).where(eq(storedFiles.id, fileId));
  if (!file) throw notFound('The uploaded file');
  const chunks: Buffer[] = [];
  for await (const chunk of platform.files.read(file.storageKey)) chunks.push(chunk as Buffer);
  return readSpreadsheet(Buffer.concat(chunks), file.contentType, options);
}

export function presentImport(row: typeof registerImports.$inferSelect, sample: string[][]) {
  return {
    id: row.id,
    fileName: row.fileName,
    rowCount: row.rowCount,
    columns: row.columns,
    mapping: row.mapping,
    fields: importFields.map(({ field, label, required }) => ({ field, label, required })),
    sample,
    state: row.state,
    summary: row.summary ?? null,
    jobId: row.jobId ?? null,
    checkJobId: row.checkJobId ?? null,
    version: row.version,
  };
}

export async function changeMapping(
  platform: Platform,
  actor: UserActor,
  id: string,
  mapping: Record<string, string | null>,
  version: number,
) {
  authorize(actor, 'register:edit');
  const { agencyId } = scopeOf(actor);
  const current = await loadImport(platform, agencyId, id);
  if (current.version !== version) throw staleVersion(presentImport(current, []));
  if (current.state === 'running' || current.state === 'completed')
    throw new Problem('conflict', 'This import has run already.');
  const known = new Set<string>(importFields.map((f) => f.field));
  const errors = Object.entries(mapping)
    .filter(([column, field]) => !current.columns.includes(column) || (field !== null && !known.has(field)))
    .map(([column]) => ({
      field: `mapping.${column}`,
      message: 'Not a column of the file, or not a field Vaka knows.',
    }));
  if (errors.length) throw new Problem('invalid-request', errors.map((e) => e.field).join(', '), { errors });
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .update(registerImports)
      .set({ mapping, state: 'uploaded', summary: null, report: null, version: version + 1, updatedAt: now })
      .where(and(eq(registerImports.id, id), eq(registerImports.version, version)))
      .returning();
    if (!row) throw staleVersion(presentImport(current, []));
    await recordAudit(tx, actor, now, {
      action: 'register.import-mapped',
      entity: 'register-import',
      entityId: id,
      agencyId,
      before: { mapping: current.mapping },
      after: { mapping },
    });
    return row;
  });
}

/**
 * The job: check every row again (the register may have changed since the dry run), then write all
 * new profiles in one transaction, or nothing if any row fails (issue 3 §6: all-or-nothing).
 */
export async function runImport(
  platform: Platform,
  data: { importId: string; agencyId: string; userId: string; userEmail: string },
  progress: Progress,
) {
  const current = await loadImport(platform, systemScope(data.agencyId).agencyId, data.importId);
  const sheet = await readImportFile(platform, current.fileId);
  const results = await checkRows(platform, sheet, current.mapping, { progress, duplicates: false });
  const summary = summarise(results);
  if (summary.error > 0) {
    await platform.db
      .update(registerImports)
      .set({ state: 'failed', summary })
      .where(eq(registerImports.id, current.id));
    throw new Error(`${summary.error} row(s) have errors; nothing was imported.`);
  }
  await progress.report(sheet.rows.length, sheet.rows.length * 2, 'Writing the register');
  const now = platform.clock.now();
  const actor = actorForUser(
    { id: data.userId, email: data.userEmail, name: data.userEmail },
    { agencyId: data.agencyId, role: null, requestId: data.importId, ip: 'job' },
  );
  // Progress is not written inside the transaction: PGlite holds one connection, and a write from
  // outside would wait for the transaction that waits for it.
  const created = await platform.db.transaction(async (tx) => {
    // Said in the log, for whoever follows a long import (and the crash test, which stops Vaka here).
    platform.logger.info(
      { importId: current.id, rows: results.length },
      'register import: writing the register',
    );
    const ids: string[] = [];
    const toCreate = results.filter((result) => result.action === 'create' && result.input);
    // Written in batches: a few statements per 500 profiles instead of a dozen per profile.
    for (let from = 0; from < toCreate.length; from += WRITE_BATCH) {
      const batch = toCreate.slice(from, from + WRITE_BATCH);
      // Ids are given, not returned, so each is known to belong to its row.
      const written = batch.map((result) => ({ result, organisationId: randomUUID() }));
      const profiles = written.map(({ result, organisationId }) => ({
        row: {
          id: organisationId,
          ...profileColumns(result.input!),
          lastConfirmedAt: now,
          createdAt: now,
          updatedAt: now,
        },
        input: result.input!,
      }));
      await insertRecords(tx, organisations, await withSearchColumns(tx, profiles));
      await insertRelations(
        tx,
        written.map(({ result, organisationId }) => ({ organisationId, input: result.input! })),
        { searchColumnsWritten: true },
      );
      await insertRecords(
        tx,
        renewals,
        written.map(({ organisationId }) => ({
          organisationId,
          confirmedAt: now,
          confirmedBy: data.userId,
          note: 'Imported',
        })),
      );
      await insertRecords(
        tx,
        importedRows,
        written.map(({ result, organisationId }) => ({
          fingerprint: result.fingerprint,
          organisationId,
          importId: current.id,
        })),
      );
      await recordAuditEvents(
        tx,
        actor,
        now,
        written.map(({ result, organisationId }) => ({
          action: 'organisation.imported',
          entity: 'organisation',
          entityId: organisationId,
          agencyId: data.agencyId,
          after: { legalName: result.input!.legalName, importId: current.id, row: result.row },
        })),
      );
      ids.push(...written.map(({ organisationId }) => organisationId));
    }
    await tx
      .update(registerImports)
      .set({ state: 'completed', summary, updatedAt: now })
      .where(eq(registerImports.id, current.id));
    return ids;
  });
  await progress.report(sheet.rows.length * 2, sheet.rows.length * 2, 'Done');
  return { ...summary, created: created.length };
}
