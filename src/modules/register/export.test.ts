import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { agencyWithAdministrator, memberWithRole } from '../../platform/testing/agencies.ts';
import type { Client } from '../../platform/testing/api.ts';
import { startVaka, type TestVaka } from '../../platform/testing/start-vaka.ts';
import { registerModule } from './index.ts';

let vaka: TestVaka;
let coordinator: Client;
beforeAll(async () => {
  vaka = await startVaka({ modules: registerModule });
  const { admin } = await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test');
  coordinator = await memberWithRole(vaka, admin, 'mere@mia.test', 'partnership-coordinator');
  for (let n = 1; n <= 130; n++) {
    await coordinator.post('/api/v1/register/organisations', {
      legalName: `Club ${String(n).padStart(3, '0')}`,
      kind: n % 2 ? 'community-group' : 'trust',
      acknowledgeDuplicates: true,
    });
  }
});
afterAll(() => vaka.close());

test('the current search exports to CSV with every matching row across pages', async () => {
  const reply = await vaka.app.inject({
    url: '/api/v1/register/organisations/export?format=csv&kind=trust',
    headers: { cookie: coordinator.cookie()! },
  });
  expect(reply.statusCode).toBe(200);
  expect(reply.headers['content-type']).toContain('text/csv');
  const lines = reply.body
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  expect(lines[0]).toBe('Vaka id,Legal name,Acronym,Kind,Register status,Last confirmed,Places,Focus areas');
  expect(lines).toHaveLength(66);
  expect(lines.slice(1).every((line) => line.includes(',trust,current,'))).toBe(true);
});

test('and to XLSX, which a spreadsheet library reads back', async () => {
  const reply = await vaka.app.inject({
    url: '/api/v1/register/organisations/export?format=xlsx',
    headers: { cookie: coordinator.cookie()! },
  });
  expect(reply.statusCode).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(reply.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Register')!;
  expect(sheet.rowCount).toBe(131);
  expect(sheet.getRow(2).getCell(2).value).toBe('Club 001');
});

test('on a slow link the CSV streams gzip and reads the same; the XLSX, a zip already, goes as it is', async () => {
  const url = '/api/v1/register/organisations/export?kind=trust';
  const plain = await vaka.app.inject({
    url: `${url}&format=csv`,
    headers: { cookie: coordinator.cookie()! },
  });
  const gzip = await vaka.app.inject({
    url: `${url}&format=csv`,
    headers: { cookie: coordinator.cookie()!, 'accept-encoding': 'gzip' },
  });
  expect(gzip.statusCode).toBe(200);
  expect(gzip.headers['content-encoding']).toBe('gzip');
  expect(gzip.headers['content-disposition']).toMatch(/^attachment; filename="register-/);
  expect(gunzipSync(gzip.rawPayload).toString('utf8')).toBe(plain.body);

  const xlsx = await vaka.app.inject({
    url: `${url}&format=xlsx`,
    headers: { cookie: coordinator.cookie()!, 'accept-encoding': 'br, gzip' },
  });
  expect(xlsx.statusCode).toBe(200);
  expect(xlsx.headers['content-encoding']).toBeUndefined();
  expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
});

test('an export needs a signed-in reader and a known format', async () => {
  expect((await vaka.app.inject({ url: '/api/v1/register/organisations/export' })).statusCode).toBe(401);
  const bad = await vaka.app.inject({
    url: '/api/v1/register/organisations/export?format=pdf',
    headers: { cookie: coordinator.cookie()! },
  });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().errors[0].field).toBe('querystring.format');
});

test('names that would be formulas come out as text in the CSV and the XLSX (issue 18)', async () => {
  const names = ['=HYPERLINK("http://evil","x")', '@SUM(1)', '-Youth wing'];
  for (const legalName of names) {
    const created = await coordinator.post('/api/v1/register/organisations', {
      legalName,
      kind: 'trust',
      focusAreas: ['youth'],
      acknowledgeDuplicates: true,
    });
    expect(created.status).toBe(201);
  }
  const url = '/api/v1/register/organisations/export?focusArea=youth&sort=name';
  const inert = [`'-Youth wing`, `'=HYPERLINK("http://evil","x")`, `'@SUM(1)`];

  const csv = await vaka.app.inject({ url: `${url}&format=csv`, headers: { cookie: coordinator.cookie()! } });
  const rows: string[][] = parse(csv.body.replace(/^\uFEFF/, ''));
  expect(
    rows
      .slice(1)
      .map((row) => row[1])
      .sort(),
  ).toEqual(inert);

  const xlsx = await vaka.app.inject({
    url: `${url}&format=xlsx`,
    headers: { cookie: coordinator.cookie()! },
  });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  const cells = [2, 3, 4].map((row) => workbook.getWorksheet('Register')!.getRow(row).getCell(2));
  expect(cells.map((cell) => cell.type)).toEqual(Array(3).fill(ExcelJS.ValueType.String));
  expect(cells.map((cell) => cell.value).sort()).toEqual(inert);
});
