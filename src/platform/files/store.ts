import { createReadStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** Where file bytes live. Local disk by default; an S3-compatible store can implement the same three calls. */
export type FileStore = {
  put(key: string, bytes: Buffer): Promise<void>;
  read(key: string): Readable;
  remove(key: string): Promise<void>;
};

/** Where the local store keeps a key's bytes (backup and restore read and write the same places). */
export function localFilePath(root: string, key: string): string {
  if (!/^[a-z0-9-]+$/i.test(key)) throw new Error('A storage key has only letters, digits and dashes');
  return path.join(root, key.slice(0, 2), key);
}

export function createLocalFileStore(root: string): FileStore {
  const locate = (key: string) => localFilePath(root, key);
  return {
    async put(key, bytes) {
      const file = locate(key);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, bytes, { flag: 'wx' });
    },
    read: (key) => createReadStream(locate(key)),
    remove: (key) => rm(locate(key), { force: true }),
  };
}
