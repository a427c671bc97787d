import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { agencyWithAdministrator, memberWithRole } from '../../platform/testing/agencies.ts';
import type { Client } from '../../platform/testing/api.ts';
import { uploadTo } from '../../platform/testing/multipart.ts';
import { startVaka, type TestVaka } from '../../platform/testing/start-vaka.ts';
import { verifyAuditChain } from '../../platform/audit/verify.ts';
import { refreshSearchTextsWhere, registerModule } from './index.ts';
import { rowsOf } from '../../platform/db/client.ts';

let vaka: TestVaka;
let coordinator: Client;
let viewer: Client;
beforeAll(async () => {
  vaka = await startVaka({ modules: registerModule });
  const { admin } = await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test');
  coordinator = await memberWithRole(vaka, admin, 'mere@mia.test', 'partnership-coordinator');
  viewer = await memberWithRole(vaka, admin, 'ana@mia.test', 'viewer');
});
afterAll(() => vaka.close());

const upload = (session: Client, name: string, bytes: Buffer | string) =>
  uploadTo(vaka.app, session, '/api/v1/register/imports', { name, bytes });

async function finished(jobId: string) {
  for (let i = 0; i < 200; i++) {
    const job = (await coordinator.get(`/api/v1/jobs/${jobId}`)).body;
    if (job.state === 'completed' || job.state === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error('the import job did not finish');
}

/** The check as a person's page does it: ask, watch the job, read the report. */
async function check(id: string) {
  const asked = await coordinator.post(`/api/v1/register/imports/${id}/dry-run`);
  expect(asked.status).toBe(202);
  expect((await finished(asked.body.jobId)).state).toBe('completed');
  const report = await coordinator.get(`/api/v1/register/imports/${id}/report`);
  expect(report.status).toBe(200);
  return report.body;
}

const withErrors = [
  'Organisation,Type,Island,Focus areas,Registration number,Email',
  'Atiu Growers Association,Incorporated society,Atiu,Economic empowerment,IS-3001,growers@atiu.test',
  'Mangaia Youth Club,Community group,Mangaia,Youth; Sport and recreation,,',
  'Pukapuka Fishers,Fishing guild,Pukapuka,Fisheries,,',
  ',Trust,Nowhere,,,',
].join('\n');

const clean = [
  'Organisation,Type,Island,Focus areas,Registration number,Email',
  'Atiu Growers Association,Incorporated society,Atiu,Economic empowerment,IS-3001,growers@atiu.test',
  'Mangaia Youth Club,Community group,Mangaia,Youth; Sport and recreation,,',
  'Pukapuka Fishers Trust,Trust,Pukapuka,Economic empowerment,,',
].join('\n');

describe('importing a spreadsheet', () => {
  test('a dry run names every bad row and column; nothing is written and the run is refused', async () => {
    const uploaded = await upload(coordinator, 'register.csv', withErrors);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.rowCount).toBe(4);
    expect(uploaded.body.mapping).toMatchObject({
      Organisation: 'legalName',
      Type: 'kind',
      Island: 'place',
      'Focus areas': 'focusAreas',
      'Registration number': 'identifierValue',
      Email: 'contactEmail',
    });

    const dry = await check(uploaded.body.id);
    expect(dry.import.summary).toEqual({ create: 2, skip: 0, error: 2 });
    const row3 = dry.rows.find((r: { row: number }) => r.row === 3);
    expect(row3.errors).toEqual(
      expect.arrayContaining([
        { column: 'Type', message: 'Unknown kind "Fishing guild".' },
        { column: 'Focus areas', message: expect.stringContaining('"Fisheries"') },
      ]),
    );
    const row4 = dry.rows.find((r: { row: number }) => r.row === 4);
    expect(row4.errors.map((e: { column: string }) => e.column)).toEqual(
      expect.arrayContaining(['Island', 'Organisation']),
    );

    const run = await coordinator.post(`/api/v1/register/imports/${uploaded.body.id}/run`);
    expect(run.status).toBe(409);
    expect((await coordinator.get('/api/v1/register/organisations/counts')).body.total).toBe(0);
  });

  test('a column mapping is changed with the version seen, checked by name, and audited', async () => {
    const uploaded = (await upload(coordinator, 'register.csv', clean)).body;
    const url = `/api/v1/register/imports/${uploaded.id}/mapping`;
    const unknown = await coordinator.put(url, {
      mapping: { Island: 'favouriteColour' },
      version: uploaded.version,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('mapping.Island');
    const changed = await coordinator.put(url, {
      mapping: { ...uploaded.mapping, Email: null },
      version: uploaded.version,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.mapping.Email).toBeNull();
    expect(
      (await coordinator.put(url, { mapping: uploaded.mapping, version: uploaded.version })).status,
    ).toBe(409);
    const trail = (await coordinator.get(`/api/v1/audit/register-import/${uploaded.id}`)).body.items;
    expect(trail.map((e: { action: string }) => e.action)).toEqual([
      'register.import-mapped',
      'register.import-uploaded',
    ]);
  });

  test('a clean file imports as one job with progress; the same file again creates nothing new', async () => {
    const uploaded = await upload(coordinator, 'register.csv', clean);
    expect((await check(uploaded.body.id)).import.summary).toEqual({ create: 3, skip: 0, error: 0 });
    const run = await coordinator.post(`/api/v1/register/imports/${uploaded.body.id}/run`);
    expect(run.status).toBe(202);
    const job = await finished(run.body.jobId);
    expect(job).toMatchObject({ state: 'completed', result: { create: 3, created: 3 } });
    expect(job.done).toBe(job.total);
    const register = (await coordinator.get('/api/v1/register/organisations?sort=name')).body;
    expect(register.items.map((i: { legalName: string }) => i.legalName)).toEqual([
      'Atiu Growers Association',
      'Mangaia Youth Club',
      'Pukapuka Fishers Trust',
    ]);

    const again = await upload(coordinator, 'register.csv', clean);
    const dry = await check(again.body.id);
    expect(dry.import.summary).toEqual({ create: 0, skip: 3, error: 0 });
    const rerun = await coordinator.post(`/api/v1/register/imports/${again.body.id}/run`);
    expect((await finished(rerun.body.jobId)).state).toBe('completed');
    expect((await coordinator.get('/api/v1/register/organisations/counts')).body.total).toBe(3);
  });

  test('imported rows hold what the search reads, as a profile edit would write it', async () => {
    // Written with the rows (withSearchColumns), not updated after: the same text, codes and places
    // as refreshSearchTextsWhere makes from the relations, accents and all.
    const sheet = [
      'Organisation,Acronym,Other name,Mission,Type,Island,Focus areas,Populations,Registration number,Email',
      'Kōrero Māori Trust,KMT,Te Rōpū Kōrero,Language for élders,Trust,Atiu,Youth; Education,Young people,IS-7001,korero@atiu.test',
      'Plain Growers,,,,Social enterprise,Mangaia,Economic empowerment,,,',
    ].join('\n');
    const uploaded = await upload(coordinator, 'search-columns.csv', sheet);
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    expect((await check(uploaded.body.id)).import.summary).toMatchObject({ create: 2, error: 0 });
    const run = await coordinator.post(`/api/v1/register/imports/${uploaded.body.id}/run`);
    expect((await finished(run.body.jobId)).state).toBe('completed');
    const columns = async (db: typeof vaka.platform.db) =>
      rowsOf(
        await db.execute(sql`select legal_name, search_text, name_text, term_codes, place_ids from organisations
          where legal_name in ('Kōrero Māori Trust', 'Plain Growers') order by legal_name`),
      );
    const written = await columns(vaka.platform.db);
    expect(written).toHaveLength(2);
    expect(written[0]).toMatchObject({
      legal_name: 'Kōrero Māori Trust',
      name_text: 'korero maori trust te ropu korero',
    });
    expect(String((written[0] as { search_text: string }).search_text)).toContain('te ropu korero');
    expect((written[0] as { term_codes: string[] }).term_codes).toHaveLength(3);
    await refreshSearchTextsWhere(
      vaka.platform.db,
      sql`o.legal_name in ('Kōrero Māori Trust', 'Plain Growers')`,
    );
    const refreshed = await columns(vaka.platform.db);
    expect(refreshed).toEqual(written);

    // Migration 0026 writes name_text as the refresh does, for profiles with other names only.
    await vaka.platform.db.execute(
      sql`update organisations set name_text = lower(unaccent(legal_name)) where legal_name = 'Kōrero Māori Trust'`,
    );
    const migration = await readFile(
      path.resolve(import.meta.dirname, '../../../drizzle/0026_other-names-in-name-text.sql'),
      'utf8',
    );
    await vaka.platform.db.execute(sql.raw(migration));
    expect(await columns(vaka.platform.db)).toEqual(written);
  });

  test('the check is a job: likely duplicates are reported, the run waits for it, a new mapping voids it', async () => {
    const similar = [
      'Organisation,Type,Island,Focus areas,Registration number,Email',
      'Atiu Growers Associaton,Incorporated society,Atiu,Economic empowerment,,growers@atiu.test',
      'Rarotonga Netball Club,Community group,Rarotonga,Sport and recreation,,',
    ].join('\n');
    const uploaded = (await upload(coordinator, 'similar.csv', similar)).body;
    expect((await coordinator.get(`/api/v1/register/imports/${uploaded.id}/report`)).status).toBe(409);
    const report = await check(uploaded.id);
    expect(report.import).toMatchObject({ state: 'checked', summary: { create: 2, skip: 0, error: 0 } });
    // Only rows to look at are kept: the netball club is new and clean.
    expect(report).toMatchObject({ errorRows: 0, duplicateRows: 1 });
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({ row: 1, legalName: 'Atiu Growers Associaton' });
    expect(report.rows[0].duplicates[0]).toMatchObject({
      legalName: 'Atiu Growers Association',
      reasons: ['similar name to "Atiu Growers Associaton"', 'same e-mail growers@atiu.test'],
    });

    const remapped = await coordinator.put(`/api/v1/register/imports/${uploaded.id}/mapping`, {
      mapping: { ...uploaded.mapping, Email: null },
      version: uploaded.version,
    });
    expect(remapped.body).toMatchObject({ state: 'uploaded', summary: null });
    expect((await coordinator.post(`/api/v1/register/imports/${uploaded.id}/run`)).status).toBe(409);
    expect((await coordinator.get(`/api/v1/register/imports/${uploaded.id}/report`)).status).toBe(409);
    expect((await viewer.post(`/api/v1/register/imports/${uploaded.id}/dry-run`)).status).toBe(403);
  });

  test('a check of 700 rows, probed 250 at a time and two rounds at once, reports each duplicate on its own row', async () => {
    // Rounds of 250 go two at once on a server: rows 1 and 260 come back from one step, 520 and 700
    // from the next, and each answer must land on the row it was asked for.
    const alike = new Set([1, 260, 520, 700]);
    const lines = ['Organisation,Type,Island,Email'];
    for (let n = 1; n <= 700; n++)
      lines.push(
        `Spread Row ${n},Community group,Atiu,${alike.has(n) ? 'growers@atiu.test' : `row${n}@spread.test`}`,
      );
    const uploaded = await upload(coordinator, 'spread.csv', lines.join('\n'));
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    const report = await check(uploaded.body.id);
    expect(report).toMatchObject({ errorRows: 0, duplicateRows: 4 });
    expect(report.rows.map((row: { row: number; legalName: string }) => [row.row, row.legalName])).toEqual(
      [...alike].map((n) => [n, `Spread Row ${n}`]),
    );
    for (const row of report.rows)
      expect(row.duplicates).toEqual([
        expect.objectContaining({
          legalName: 'Atiu Growers Association',
          reasons: ['same e-mail growers@atiu.test'],
        }),
      ]);
  });

  test('1,201 rows are written in batches: every profile with its relations, each audited, the chain intact', async () => {
    const lines = ['Organisation,Type,Island,Focus areas,Registration number,Email'];
    for (let n = 1; n <= 1_201; n++)
      lines.push(`Batch Youth Group ${n},Community group,Atiu,Youth,IS-9${n},group${n}@batch.test`);
    const uploaded = await upload(coordinator, 'batch.csv', lines.join('\n'));
    const dry = await check(uploaded.body.id);
    expect(dry.import.summary).toEqual({ create: 1_201, skip: 0, error: 0 });
    const run = await coordinator.post(`/api/v1/register/imports/${uploaded.body.id}/run`);
    expect(await finished(run.body.jobId)).toMatchObject({ state: 'completed', result: { created: 1_201 } });

    const found = (await coordinator.get('/api/v1/register/organisations?q=IS-91201')).body;
    const last = found.items.find((i: { legalName: string }) => i.legalName === 'Batch Youth Group 1201');
    expect(last).toBeDefined();
    const profile = (await coordinator.get(`/api/v1/register/organisations/${last.id}`)).body;
    expect(profile).toMatchObject({
      identifiers: [{ scheme: 'tax-number', value: 'IS-91201' }],
      focusAreas: ['youth'],
      contacts: [{ email: 'group1201@batch.test' }],
    });
    const audited = await vaka.platform.db.execute(
      sql`select count(*)::int as n from audit_events where action = 'organisation.imported' and after->>'importId' = ${uploaded.body.id}`,
    );
    expect(rowsOf<{ n: number }>(audited)[0]!.n).toBe(1_201);
    expect(await verifyAuditChain(vaka.platform.db)).toMatchObject({ firstBroken: null });
  });

  test('an XLSX is read, and merged cells or formulas are refused by cell', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Register');
    sheet.addRow(['Organisation', 'Type', 'Island']);
    sheet.addRow(['Mitiaro Elders Council', 'Community group', 'Mitiaro']);
    const good = await upload(coordinator, 'register.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(good.status).toBe(201);
    expect(good.body.sample).toEqual([['Mitiaro Elders Council', 'Community group', 'Mitiaro']]);

    sheet.addRow(['Merged', '', '']);
    sheet.mergeCells('A3:B3');
    const merged = await upload(coordinator, 'merged.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(merged.status).toBe(400);
    expect(merged.body.detail).toContain('A3:B3');

    const withFormula = new ExcelJS.Workbook();
    const formulaSheet = withFormula.addWorksheet('Register');
    formulaSheet.addRow(['Organisation', 'Type']);
    formulaSheet.addRow([{ formula: 'CONCAT("A","B")', result: 'AB' }, 'Trust']);
    const formula = await upload(
      coordinator,
      'formula.xlsx',
      Buffer.from(await withFormula.xlsx.writeBuffer()),
    );
    expect(formula.status).toBe(400);
    expect(formula.body.errors[0].field).toBe('file.A2');
  });

  test('a file not in UTF-8, not a spreadsheet, or from a viewer is refused and nothing is stored', async () => {
    const latin1 = Buffer.from('Organisation,Type\nMa\xefke Club,Trust\n', 'latin1');
    const encoding = await upload(coordinator, 'latin1.csv', latin1);
    expect(encoding.status).toBe(400);
    expect(encoding.body.detail).toContain('UTF-8');
    const pdf = await upload(coordinator, 'register.pdf', '%PDF-1.4\n1 0 obj\n<<>>\nendobj\n');
    expect(pdf.status).toBe(415);
    expect((await upload(viewer, 'register.csv', clean)).status).toBe(403);
  });

  test('100,000 rows or a file over the upload limit are refused whole, naming the limit', async () => {
    const before = (await coordinator.get('/api/v1/register/organisations/counts')).body.total;
    const rows = Array.from({ length: 100_000 }, (_, i) => `Society number ${i},community-group`);
    const huge = await upload(coordinator, 'national.csv', ['Organisation,Kind', ...rows].join('\n'));
    expect(huge.status).toBe(400);
    expect(huge.body.errors[0].field).toBe('file');
    expect(huge.body.detail).toContain('more than 20,000 rows');
    const limit = vaka.platform.config.maxUploadBytes;
    const fifty = await upload(coordinator, 'big.csv', Buffer.alloc(limit + 1024, 'a'));
    expect(fifty.status).toBe(413);
    expect(fifty.body.code).toBe('payload-too-large');
    expect((await coordinator.get('/api/v1/register/organisations/counts')).body.total).toBe(before);
  });
});

describe('a large or hostile spreadsheet (issue 18)', () => {
  const organisations = async () =>
    (await coordinator.get('/api/v1/register/organisations/counts')).body.total;
  const imports = async () =>
    rowsOf<{ n: number }>(
      await vaka.platform.db.execute(sql`select count(*)::int as n from register_imports`),
    )[0]!.n;

  test('an XLSX over the row limit is refused naming the limit, and nothing is stored', async () => {
    const [before, importsBefore] = [await organisations(), await imports()];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Register');
    sheet.addRow(['Organisation', 'Kind']);
    for (let n = 0; n <= 20_000; n++) sheet.addRow([`Society number ${n}`, 'community-group']);
    const reply = await upload(coordinator, 'national.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].field).toBe('file');
    expect(reply.body.detail).toContain('more than 20,000 rows');
    expect([await organisations(), await imports()]).toEqual([before, importsBefore]);
  });

  test('a zip bomb, megabytes of repeated cells packed into kilobytes, is refused before it is read', async () => {
    const packed = new PassThrough();
    const parts: Buffer[] = [];
    packed.on('data', (part: Buffer) => parts.push(part));
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: packed, useSharedStrings: false });
    const sheet = workbook.addWorksheet('Register');
    sheet.addRow(['Organisation', 'Kind']).commit();
    for (let n = 0; n < 200; n++) sheet.addRow(['x'.repeat(20_000), 'trust']).commit();
    sheet.commit();
    await workbook.commit();
    const bomb = Buffer.concat(parts);
    expect(bomb.length).toBeLessThan(64 * 1024); // 4 MB of cells in a few KB

    const importsBefore = await imports();
    const reply = await upload(coordinator, 'bomb.xlsx', bomb);
    expect(reply.status).toBe(400);
    expect(reply.body.detail).toContain('unpacks to too much');
    expect(await imports()).toBe(importsBefore);
  });

  test('while a 100,000-row CSV is read, the server goes on answering', async () => {
    const rows = Array.from(
      { length: 100_000 },
      (_, n) => `Society number ${n} ${'of the islands '.repeat(10)},trust`,
    );
    const csv = ['Organisation,Kind', ...rows].join('\n');
    // Each turn of the event loop during the upload sends a health check, one at a time.
    let uploaded = false;
    const answered: number[] = [];
    const uploading = upload(coordinator, 'national.csv', csv).finally(() => (uploaded = true));
    while (!uploaded) {
      // inject answers without a turn of the event loop; the turn is what is being watched
      await new Promise((resolve) => setImmediate(resolve));
      const health = await vaka.app.inject({ url: '/healthz' });
      if (!uploaded) answered.push(health.statusCode);
    }
    expect((await uploading).status).toBe(400);
    // Read in one go, the file left room for a few answers while it arrived; read a chunk at a time,
    // some for each of the chunks read (over 4 MB, 64 KB at a time, before the limit stops it).
    expect(answered.length).toBeGreaterThan(40);
    expect(answered.every((status) => status === 200)).toBe(true);
  });
});
