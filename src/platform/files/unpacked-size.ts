import { createInflateRaw } from 'node:zlib';

export type UnpackedSize = 'within' | 'too-large' | 'damaged';
type Entry = {
  name: string;
  flags: number;
  method: number;
  packed: number;
  offset: number;
  dataStart: number;
};

// A part smaller than this may be packed as tightly as it likes (a sheet of one repeated value).
const GRACE_BYTES = 1024 * 1024;

/**
 * Whether a zip (an XLSX) unpacks within `maxBytes` in all, and no part past its first MB to more
 * than `maxRatio` times its packed size: a zip bomb of a few KB can unpack to gigabytes. The sizes
 * are counted by unpacking each part (on zlib's threads, stopping at the limit), not read from the
 * headers, which can lie. A zip whose parts do not follow one another exactly as its directory
 * lists them is 'damaged': a reader walking the parts in order must meet only the parts counted.
 */
export async function checkUnpackedSize(
  bytes: Buffer,
  { maxBytes, maxRatio }: { maxBytes: number; maxRatio: number },
): Promise<UnpackedSize> {
  const entries = readDirectory(bytes);
  if (!entries) return 'damaged';
  let total = 0;
  for (const entry of entries) {
    const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.packed);
    const over = (size: number) =>
      total + size > maxBytes || (size > GRACE_BYTES && size > maxRatio * entry.packed);
    const size =
      entry.method === 0 ? entry.packed : entry.method === 8 ? await unpack(data, over) : 'damaged';
    if (typeof size !== 'number') return size;
    if (over(size)) return 'too-large';
    total += size;
  }
  return 'within';
}

/** The parts a zip's central directory lists, checked against their local headers; null when damaged. */
function readDirectory(bytes: Buffer): Entry[] | null {
  let end = bytes.length - 22;
  const earliest = Math.max(0, end - 65_535);
  while (end >= earliest && bytes.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < earliest) return null;
  const count = bytes.readUInt16LE(end + 10);
  const directoryAt = bytes.readUInt32LE(end + 16);
  if (directoryAt >= end) return null; // also zip64, which no spreadsheet of this size needs
  const entries: Entry[] = [];
  for (let at = directoryAt, n = 0; n < count; n++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = bytes.readUInt16LE(at + 28);
    const name = bytes.toString('latin1', at + 46, at + 46 + nameLength);
    const offset = bytes.readUInt32LE(at + 42);
    if (offset + 30 > directoryAt || bytes.readUInt32LE(offset) !== 0x04034b50) return null;
    const localName = bytes.toString('latin1', offset + 30, offset + 30 + bytes.readUInt16LE(offset + 26));
    if (localName !== name) return null;
    entries.push({
      name,
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      packed: bytes.readUInt32LE(at + 20),
      offset,
      dataStart: offset + 30 + nameLength + bytes.readUInt16LE(offset + 28),
    });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  // The parts tile the file from its start to the directory, each followed at most by its data descriptor.
  entries.sort((a, b) => a.offset - b.offset);
  let expected = 0;
  for (const [index, entry] of entries.entries()) {
    const gap = entry.offset - expected;
    const previous = entries[index - 1];
    if (gap !== 0 && !(previous && previous.flags & 8 && (gap === 12 || gap === 16))) return null;
    expected = entry.dataStart + entry.packed;
  }
  const last = entries.at(-1);
  const tail = directoryAt - expected;
  if (tail !== 0 && !(last && last.flags & 8 && (tail === 12 || tail === 16))) return null;
  return entries;
}

/** The unpacked size of one deflated part, or 'too-large' as soon as `over` says so. */
function unpack(data: Buffer, over: (size: number) => boolean): Promise<number | UnpackedSize> {
  return new Promise((resolve) => {
    const inflater = createInflateRaw();
    let size = 0;
    inflater.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (!over(size)) return;
      inflater.destroy();
      resolve('too-large');
    });
    inflater.on('error', () => resolve('damaged'));
    // All of the packed bytes must be the one deflate stream: what is left over could hide a part.
    inflater.on('end', () => resolve(inflater.bytesWritten === data.length ? size : 'damaged'));
    inflater.end(data);
  });
}
