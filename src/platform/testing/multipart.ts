import { randomBytes } from 'node:crypto';
import type { VakaApp } from '../http/app.ts';
import type { Client, Reply } from './api.ts';

/** A multipart/form-data body with one file field, built by hand as a browser would send it. */
export function multipartFile(
  file: { name: string; bytes: Buffer | string; contentType?: string },
  field = 'file',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----vaka-test-${randomBytes(8).toString('hex')}`;
  const head =
    `--${boundary}\r\n` +
    `Content-Disposition: form-data; name="${field}"; filename="${file.name}"\r\n` +
    `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`;
  const payload = Buffer.concat([
    Buffer.from(head),
    Buffer.isBuffer(file.bytes) ? file.bytes : Buffer.from(file.bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Uploads a file through POST /api/v1/files as a signed-in person, from Vaka's own origin. */
export function upload(
  app: VakaApp,
  session: Client,
  file: { name: string; bytes: Buffer | string; contentType?: string },
): Promise<Reply> {
  return uploadTo(app, session, '/api/v1/files', file);
}

/** Uploads a file as the one field of a multipart POST to any upload route. */
export async function uploadTo(
  app: VakaApp,
  session: Client,
  url: string,
  file: { name: string; bytes: Buffer | string; contentType?: string },
): Promise<Reply> {
  const { payload, headers } = multipartFile(file);
  const response = await app.inject({
    method: 'POST',
    url,
    payload,
    headers: { ...headers, origin: 'http://localhost:80', cookie: session.cookie() ?? '' },
  });
  const text = response.body;
  return {
    status: response.statusCode,
    body: text ? JSON.parse(text) : undefined,
    headers: response.headers,
  };
}
