import { fileTypeFromBuffer } from 'file-type';

// What may be stored: documents, spreadsheets and pictures. The type is read from the bytes, never
// from the name or the header the browser sent.
export const allowedTypes = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'text/csv',
  'text/plain',
]);

/** Text files have no magic number: accept them only when they decode as UTF-8 without control bytes. */
function looksLikeText(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  if (sample.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return true;
  } catch {
    return false;
  }
}

export async function sniffContentType(bytes: Buffer, name: string): Promise<string> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) return detected.mime;
  if (looksLikeText(bytes)) return name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'text/plain';
  return 'application/octet-stream';
}
