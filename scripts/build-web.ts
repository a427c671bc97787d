// Builds the web app into dist/web. With --if-stale it builds only when a source is newer than the
// build, so `npm start` on a fresh clone builds once and then starts at once.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'dist/web/index.html');
const sources = [path.join(root, 'src/web'), path.join(root, 'src/modules')];

function newestSource(folder: string): number {
  let newest = 0;
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(folder, entry);
    const stat = statSync(full);
    if (stat.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (!entry.endsWith('.test.ts')) newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

function builtAt(): number {
  try {
    return statSync(built).mtimeMs;
  } catch {
    return 0;
  }
}

if (process.argv.includes('--if-stale') && builtAt() > Math.max(...sources.map(newestSource))) {
  process.exit(0);
}

console.log('Building the web app ...');
await build({ configFile: path.join(root, 'src/web/vite.config.ts'), logLevel: 'warn' });

// What the sign-in page loads first: the entry script and its static imports, gzipped.
const html = readFileSync(built, 'utf8');
const firstLoad = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
let total = 0;
for (const asset of firstLoad) total += gzipSync(readFileSync(path.join(root, 'dist/web', asset))).length;
console.log(
  `Built. First load of the sign-in page: ${(total / 1024).toFixed(1)} KB gzip in ${firstLoad.length} files`,
);
