import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { agencyWithAdministrator } from '../testing/agencies.ts';
import type { Client } from '../testing/api.ts';
import { upload } from '../testing/multipart.ts';
import { startVaka, type TestVaka } from '../testing/start-vaka.ts';
import { buildApp } from './app.ts';

let vaka: TestVaka;
let admin: Client;

beforeAll(async () => {
  vaka = await startVaka();
  ({ admin } = await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test'));
  // Enough audit events that the trail's first page is well over the 1 KB threshold.
  for (let n = 1; n <= 12; n++) {
    const invited = await admin.post('/api/v1/invitations', {
      email: `officer${n}@mia.test`,
      role: 'viewer',
    });
    expect(invited.status).toBe(201);
  }
});
afterAll(() => vaka.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  vaka.app.inject({ url, headers: { cookie: admin.cookie() ?? '', ...headers } });

describe('answers compressed for slow links', () => {
  test('a long JSON list comes br or gzip as the browser asks, and decodes to the same list', async () => {
    const plain = await get('/api/v1/audit?limit=100');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(4096);
    const list = plain.json();
    expect(list.items.length).toBeGreaterThan(12);

    const br = await get('/api/v1/audit?limit=100', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(list);

    const gzip = await get('/api/v1/audit?limit=100', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString('utf8'))).toEqual(list);
  });

  test('a short answer and a problem stay plain JSON whatever the browser accepts', async () => {
    const me = await get('/api/v1/me', { 'accept-encoding': 'br, gzip' });
    expect(me.statusCode).toBe(200);
    expect(me.rawPayload.length).toBeLessThan(1024);
    expect(me.headers['content-encoding']).toBeUndefined();

    const missing = await get('/api/v1/files/00000000-0000-4000-8000-000000000000', {
      'accept-encoding': 'br, gzip',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.json().code).toBe('not-found');
  });

  test('a stored PDF downloads byte for byte, never encoded again', async () => {
    // Text inside makes it compressible, so only its type keeps it from being encoded.
    const bytes = Buffer.from(
      `%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n${'% funding agreement, clause text\n'.repeat(200)}trailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    );
    const uploaded = await upload(vaka.app, admin, { name: 'agreement.pdf', bytes });
    expect(uploaded.status).toBe(201);

    const downloaded = await get(`/api/v1/files/${uploaded.body.id}`, { 'accept-encoding': 'br, gzip' });
    expect(downloaded.statusCode).toBe(200);
    expect(downloaded.headers['content-type']).toBe('application/pdf');
    expect(downloaded.headers['content-encoding']).toBeUndefined();
    expect(downloaded.rawPayload.equals(bytes)).toBe(true);
  });

  test("the web app's files, stored compressed by the build, are sent once compressed, not twice", async () => {
    const webRoot = await mkdtemp(path.join(tmpdir(), 'vaka-web-'));
    const script = Buffer.from(`export const words = ${JSON.stringify('kia orana '.repeat(400))};\n`);
    const page = Buffer.from(`<!doctype html><title>Vaka</title>${'<!-- padding -->'.repeat(100)}`);
    await mkdir(path.join(webRoot, 'assets'));
    await writeFile(path.join(webRoot, 'assets/start.js'), script);
    await writeFile(path.join(webRoot, 'assets/start.js.br'), brotliCompressSync(script));
    await writeFile(path.join(webRoot, 'assets/start.js.gz'), gzipSync(script));
    await writeFile(path.join(webRoot, 'index.html'), page);
    await writeFile(path.join(webRoot, 'index.html.br'), brotliCompressSync(page));
    const web = await buildApp({ ...vaka.platform, config: { ...vaka.platform.config, webRoot } });
    try {
      const br = await web.inject({ url: '/assets/start.js', headers: { 'accept-encoding': 'br, gzip' } });
      expect(br.statusCode).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.rawPayload).equals(script)).toBe(true);

      const gzip = await web.inject({ url: '/assets/start.js', headers: { 'accept-encoding': 'gzip' } });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.rawPayload).equals(script)).toBe(true);

      const plain = await web.inject({ url: '/assets/start.js' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.rawPayload.equals(script)).toBe(true);

      // The app's page at any of its addresses, from the build's .br copy.
      const register = await web.inject({ url: '/register', headers: { 'accept-encoding': 'br' } });
      expect(register.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(register.rawPayload).equals(page)).toBe(true);
    } finally {
      await web.close();
      await rm(webRoot, { recursive: true, force: true });
    }
  });
});
