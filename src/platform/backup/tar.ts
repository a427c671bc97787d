import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';

// A backup is a plain ustar archive, gzipped, so any `tar -xzf` can open it too. Only regular files
// are written or read; the format is small enough to keep here rather than add a dependency
// (decision 0014).

const BLOCK = 512;
const MAX_SIZE = 8 ** 11 - 1; // what an 11-digit octal size field holds (8 GiB)

export class CorruptArchive extends Error {}

export type TarEntry = { name: string; source: string };

/** Writes the given files, under their archive names, into one .tar.gz, streaming each file. */
export async function writeTarGz(out: string, entries: TarEntry[]): Promise<void> {
  async function* blocks() {
    for (const entry of entries) {
      const { size } = await stat(entry.source);
      yield header(entry.name, size);
      let written = 0;
      for await (const chunk of createReadStream(entry.source)) {
        written += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
      if (written !== size) throw new Error(`${entry.source} changed while it was being archived`);
      yield Buffer.alloc(padding(size));
    }
    yield Buffer.alloc(BLOCK * 2);
  }
  await pipeline(Readable.from(blocks()), createGzip(), createWriteStream(out, { flags: 'wx' }));
}

function header(name: string, size: number): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`archive name too long: ${name}`);
  if (size > MAX_SIZE) throw new Error(`${name} is larger than a tar entry may be`);
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'utf8');
  block.write('0000644\0', 100, 'ascii');
  block.write('0000000\0', 108, 'ascii');
  block.write('0000000\0', 116, 'ascii');
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  block.write('00000000000\0', 136, 'ascii');
  block.write('        ', 148, 'ascii');
  block.write('0', 156, 'ascii');
  block.write('ustar\x0000', 257, 'ascii');
  block.write(`${checksum(block).toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

function checksum(block: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
  return sum;
}

const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

const text = (block: Buffer, start: number, length: number) => {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
};

/**
 * Unpacks a .tar.gz into a folder, refusing names that would leave it. Throws CorruptArchive on a
 * bad header, a checksum mismatch, or an archive cut short (gzip's own check, or no end marker).
 */
export async function extractTarGz(archive: string, into: string): Promise<string[]> {
  const names: string[] = [];
  let pending: Buffer = Buffer.alloc(0);
  let file: { handle: Awaited<ReturnType<typeof open>>; left: number; skip: number } | undefined;
  let skip = 0;
  let ended = false;

  async function consume(source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (!ended) {
        if (file) {
          if (pending.length === 0) break;
          const part = pending.subarray(0, Math.min(file.left, pending.length));
          await file.handle.write(part);
          pending = pending.subarray(part.length);
          file.left -= part.length;
          if (file.left > 0) break;
          await file.handle.close();
          skip = file.skip;
          file = undefined;
          continue;
        }
        if (skip > 0) {
          const dropped = Math.min(skip, pending.length);
          pending = pending.subarray(dropped);
          skip -= dropped;
          if (skip > 0) break;
          continue;
        }
        if (pending.length < BLOCK) break;
        const block = pending.subarray(0, BLOCK);
        pending = pending.subarray(BLOCK);
        if (block.every((byte) => byte === 0)) {
          ended = true;
          break;
        }
        const stored = Number.parseInt(text(block, 148, 8).trim(), 8);
        if (stored !== checksum(block)) throw new CorruptArchive('a header does not match its checksum');
        const size = Number.parseInt(text(block, 124, 12).trim() || '0', 8);
        if (!Number.isSafeInteger(size) || size < 0) throw new CorruptArchive('a header has no valid size');
        const prefix = text(block, 345, 155);
        const name = prefix ? `${prefix}/${text(block, 0, 100)}` : text(block, 0, 100);
        const type = text(block, 156, 1) || '0';
        if (type !== '0') {
          skip = size + padding(size);
          continue;
        }
        const target = path.resolve(into, name);
        if (!target.startsWith(path.resolve(into) + path.sep))
          throw new CorruptArchive(`the archive names a path outside itself: ${name}`);
        await mkdir(path.dirname(target), { recursive: true });
        names.push(name);
        file = { handle: await open(target, 'wx'), left: size, skip: padding(size) };
        if (size === 0) {
          await file.handle.close();
          skip = 0;
          file = undefined;
        }
      }
    }
  }

  try {
    await pipeline(createReadStream(archive), createGunzip(), consume);
  } catch (error) {
    await file?.handle.close();
    if (error instanceof CorruptArchive) throw error;
    const code = (error as { code?: string }).code;
    if (code?.startsWith('Z_') || code === 'ERR_STREAM_PREMATURE_CLOSE')
      throw new CorruptArchive(`the archive is damaged or cut short (${(error as Error).message})`);
    throw error;
  }
  if (!ended || file) throw new CorruptArchive('the archive is cut short: it has no end marker');
  return names;
}
