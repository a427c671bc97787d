import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { agencyWithAdministrator, memberWithRole } from '../testing/agencies.ts';
import { client, type Client } from '../testing/api.ts';
import { upload } from '../testing/multipart.ts';
import { storedFiles } from './tables.ts';
import { startVaka, type TestVaka } from '../testing/start-vaka.ts';

let vaka: TestVaka;
let officer: Client;

const MB = 1024 * 1024;

beforeAll(async () => {
  vaka = await startVaka({ env: { MAX_UPLOAD_MB: '1' } });
  ({ admin: officer } = await agencyWithAdministrator(vaka, 'Ministry of Health', 'admin@health.test'));
});
afterAll(() => vaka.close());

const pdf = (body = '') =>
  Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n${body}trailer\n<< /Root 1 0 R >>\n%%EOF\n`);

/** How many files Vaka keeps on disk, to prove a refused upload left nothing behind. */
async function storedOnDisk(): Promise<number> {
  const root = path.join(vaka.platform.config.dataDir, 'files');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).length;
}

async function download(id: string, session: Client = officer) {
  return vaka.app.inject({ url: `/api/v1/files/${id}`, headers: { cookie: session.cookie() ?? '' } });
}

describe('uploading and downloading files', () => {
  test('a PDF is stored, and downloads byte for byte as an attachment that browsers will not sniff', async () => {
    const bytes = pdf('% a funding agreement\n');
    const uploaded = await upload(vaka.app, officer, { name: 'funding agreement.pdf', bytes });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      name: 'funding agreement.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
    });

    const downloaded = await download(uploaded.body.id);
    expect(downloaded.statusCode).toBe(200);
    expect(downloaded.rawPayload.equals(bytes)).toBe(true);
    expect(downloaded.headers['content-type']).toBe('application/pdf');
    expect(downloaded.headers['content-disposition']).toBe(
      "attachment; filename*=UTF-8''funding%20agreement.pdf",
    );
    expect(downloaded.headers['x-content-type-options']).toBe('nosniff');
  });

  test('the type comes from the bytes, not from the name or what the browser claimed', async () => {
    const text = await upload(vaka.app, officer, {
      name: 'minutes.pdf',
      bytes: 'Minutes of the committee meeting, 3 March.\n',
      contentType: 'application/pdf',
    });
    expect(text.status).toBe(201);
    expect(text.body.contentType).toBe('text/plain');
    expect((await download(text.body.id)).headers['content-type']).toMatch(/^text\/plain/);
  });

  test('programs and archives are refused whatever they are called, and nothing is kept', async () => {
    const before = await storedOnDisk();
    const disguised = [
      {
        name: 'report.pdf',
        bytes: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(256)]),
      },
      { name: 'budget.pdf', bytes: Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(256)]) },
      { name: 'setup.exe', bytes: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(256)]) },
      { name: 'photo.png', bytes: Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02, 0x80, 0x90, 0x00]) },
    ];
    for (const file of disguised) {
      const refused = await upload(vaka.app, officer, { ...file, contentType: 'application/pdf' });
      expect(refused.status, file.name).toBe(415);
      expect(refused.body.code).toBe('unsupported-media-type');
    }
    expect(await storedOnDisk()).toBe(before);
    const audit = (await officer.get('/api/v1/audit?action=file.uploaded')).body.items as {
      after: { name: string };
    }[];
    expect(audit.map((event) => event.after.name)).not.toContain('budget.pdf');
  });

  test('a file over the configured limit is refused with 413 and nothing is kept; one just under it is fine', async () => {
    const before = await storedOnDisk();
    const tooLarge = await upload(vaka.app, officer, { name: 'scan.pdf', bytes: pdf('%'.repeat(MB)) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.code).toBe('payload-too-large');
    expect(await storedOnDisk()).toBe(before);

    const justUnder = await upload(vaka.app, officer, {
      name: 'scan.pdf',
      bytes: pdf('%'.repeat(MB - 4096)),
    });
    expect(justUnder.status).toBe(201);
    expect(await storedOnDisk()).toBe(before + 1);
  });

  test('an empty file, a missing file and a body that is not multipart are refused', async () => {
    const empty = await upload(vaka.app, officer, { name: 'empty.pdf', bytes: Buffer.alloc(0) });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toContainEqual(expect.objectContaining({ field: 'file' }));

    const json = await officer.post('/api/v1/files', { name: 'not a file' });
    expect(json.status).toBe(415);
  });

  test('a malformed multipart body is a 400 naming the file, and nothing is kept', async () => {
    const before = await storedOnDisk();
    const send = (contentType: string, payload: string) =>
      vaka.app.inject({
        method: 'POST',
        url: '/api/v1/files',
        payload,
        headers: {
          'content-type': contentType,
          origin: 'http://localhost:80',
          cookie: officer.cookie() ?? '',
        },
      });
    const bodies: [string, string][] = [
      ['multipart/form-data', 'no boundary given'],
      [`multipart/form-data; boundary=${'b'.repeat(300)}`, 'a boundary longer than the parser takes'],
      [
        'multipart/form-data; boundary=cut',
        '--cut\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF',
      ],
      ['multipart/form-data; boundary=cut', 'not multipart at all'],
    ];
    for (const [contentType, payload] of bodies) {
      const reply = await send(contentType, payload);
      expect(reply.statusCode, `${contentType}: ${payload}`).toBe(400);
      expect(reply.json().errors).toEqual([{ field: 'file', message: expect.any(String) }]);
    }
    expect(await storedOnDisk()).toBe(before);
  });

  test('a name with path separators cannot reach outside, and comes back flattened', async () => {
    const uploaded = await upload(vaka.app, officer, { name: '../../etc/passwd.txt', bytes: 'harmless\n' });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.name).not.toContain('/');
    const downloaded = await download(uploaded.body.id);
    expect(downloaded.body).toBe('harmless\n');
    expect(downloaded.headers['content-disposition']).not.toContain('/');
  });

  test('a read-only role cannot store files, and nothing is kept; a coordinator can', async () => {
    const before = await storedOnDisk();
    for (const role of ['viewer', 'committee-member']) {
      const reader = await memberWithRole(vaka, officer, `${role}@health.test`, role);
      const refused = await upload(vaka.app, reader, { name: `${role} notes.pdf`, bytes: pdf() });
      expect(refused.status, role).toBe(403);
      expect(refused.body.code).toBe('forbidden');
    }
    expect(await storedOnDisk()).toBe(before);
    const rows = await vaka.platform.db
      .select()
      .from(storedFiles)
      .where(like(storedFiles.name, '%notes.pdf'));
    expect(rows).toEqual([]);
    const audit = (await officer.get('/api/v1/audit?action=file.uploaded')).body.items as {
      after: { name: string };
    }[];
    expect(audit.map((event) => event.after.name)).not.toContain('viewer notes.pdf');

    const coordinator = await memberWithRole(
      vaka,
      officer,
      'coordinator@health.test',
      'partnership-coordinator',
    );
    const stored = await upload(vaka.app, coordinator, { name: 'partner visit.pdf', bytes: pdf() });
    expect(stored.status).toBe(201);
    expect((await download(stored.body.id, coordinator)).statusCode).toBe(200);
    expect(await storedOnDisk()).toBe(before + 1);
  });

  test('uploading and downloading need a signed-in person', async () => {
    const stranger = client(vaka.app);
    expect((await upload(vaka.app, stranger, { name: 'a.pdf', bytes: pdf() })).status).toBe(401);
    const mine = await upload(vaka.app, officer, { name: 'b.pdf', bytes: pdf() });
    expect((await download(mine.body.id, stranger)).statusCode).toBe(401);
    expect((await download('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});
