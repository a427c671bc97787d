// Builds the web app into dist/web and prints what it weighs on the wire (gzip).
// With --if-stale it builds only when a source is newer than the last build, so `npm start` on a
// fresh clone builds once and afterwards starts at once.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const builtIndex = path.join(root, 'dist/web/index.html');

/** The newest modification time of any file under `folder` (0 when it does not exist). */
function newestIn(folder: string): number {
  if (!existsSync(folder)) return 0;
  let newest = statSync(folder).mtimeMs; // a deleted file changes its folder's time
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** The web app's sources: src/web and every module's pages. */
function sourceFolders(): string[] {
  const modules = path.join(root, 'src/modules');
  const pages = existsSync(modules)
    ? readdirSync(modules, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => path.join(modules, entry.name, 'pages'))
    : [];
  return [path.join(root, 'src/web'), ...pages];
}

function isStale(): boolean {
  if (!existsSync(builtIndex)) return true;
  const builtAt = statSync(builtIndex).mtimeMs;
  // A change to this script (how the build is stored, e.g. compressed copies) also rebuilds.
  if (statSync(import.meta.filename).mtimeMs > builtAt) return true;
  return sourceFolders().some((folder) => newestIn(folder) > builtAt);
}

if (process.argv.includes('--if-stale') && !isStale()) {
  console.log('The web app is up to date (dist/web); not rebuilding.');
  process.exit(0);
}

console.log('Building the web app ...');
const started = performance.now();
const result = await build({ configFile: path.join(root, 'src/web/vite.config.ts'), logLevel: 'warn' });
const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
const files = outputs.flatMap((output) => output.output);
const byName = new Map(files.map((file) => [file.fileName, file]));
const gzipped = (file: Rollup.OutputChunk | Rollup.OutputAsset) =>
  gzipSync(file.type === 'chunk' ? file.code : file.source).length;

// What the sign-in page loads before it can be used: the files index.html names, and what those
// import statically. (A browser in Urdu or Māori also fetches that language's small chunk.)
function closure(start: string[], into = new Set<string>()): Set<string> {
  const visit = (fileName: string) => {
    const file = byName.get(fileName);
    if (!file || into.has(fileName)) return;
    into.add(fileName);
    if (file.type !== 'chunk') return;
    for (const css of file.viteMetadata?.importedCss ?? []) visit(css);
    file.imports.forEach(visit);
  };
  start.forEach(visit);
  return into;
}
const html = byName.get('index.html');
const htmlSource = html?.type === 'asset' ? String(html.source) : '';
const firstLoad = closure([...htmlSource.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!));

/** The chunk a lazily loaded page became, by its source file. */
const chunkOf = (source: string) =>
  files.find((file) => file.type === 'chunk' && file.facadeModuleId?.endsWith(source))?.fileName;
// What each main route loads before it shows: the first load, then the shell (signed-in routes)
// and the page's own chunk with what it imports, with its module's English words where they load apart.
const routes: [string, string[]][] = [
  ['/directory (public)', ['src/modules/register/pages/directory.tsx']],
  ['/register', ['src/web/shell.tsx', 'src/modules/register/pages/register-list.tsx']],
  ['/register/:id', ['src/web/shell.tsx', 'src/modules/register/pages/organisation-page.tsx']],
  ['/portal', ['src/web/shell.tsx', 'src/modules/register/pages/portal-home.tsx']],
  [
    '/partnerships',
    [
      'src/web/shell.tsx',
      'src/modules/partnerships/pages/words.ts',
      'src/modules/partnerships/pages/partnership-list.tsx',
    ],
  ],
  [
    '/dialogue',
    [
      'src/web/shell.tsx',
      'src/modules/dialogue/pages/words.ts',
      'src/modules/dialogue/pages/policy-list.tsx',
    ],
  ],
  [
    '/open-door (public)',
    ['src/modules/dialogue/pages/words.ts', 'src/modules/dialogue/pages/open-door.tsx'],
  ],
];
const BUDGET = 150 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const sum = (names: Iterable<string>, extension: string) =>
  [...names]
    .filter((name) => name.endsWith(extension))
    .reduce((total, name) => total + gzipped(byName.get(name)!), 0);
const assets = files.filter((file) => file.fileName.startsWith('assets/')).map((file) => file.fileName);

console.log(`Built dist/web in ${((performance.now() - started) / 1000).toFixed(1)} s. Sizes gzip:`);
console.log(
  `  sign-in first load: ${kb(sum(firstLoad, '.js'))} JavaScript + ${kb(sum(firstLoad, '.css'))} CSS in ${firstLoad.size} files`,
);
let overBudget = false;
for (const [route, sources] of routes) {
  const chunks = sources.map(chunkOf);
  if (chunks.some((chunk) => !chunk)) continue; // a module not built yet
  const loaded = closure(chunks as string[], new Set(firstLoad));
  const js = sum(loaded, '.js');
  console.log(`  ${route}: ${kb(js)} JavaScript + ${kb(sum(loaded, '.css'))} CSS in ${loaded.size} files`);
  if (route.includes('public') && js > BUDGET) overBudget = true;
}
if (sum(firstLoad, '.js') > BUDGET) overBudget = true;
console.log(
  `  whole app: ${kb(sum(assets, '.js'))} JavaScript + ${kb(sum(assets, '.css'))} CSS in ${assets.length} files`,
);
const largest = assets
  .map((name) => ({ name, size: gzipped(byName.get(name)!) }))
  .sort((a, b) => b.size - a.size)
  .slice(0, 8);
console.log(`  largest: ${largest.map((file) => `${path.basename(file.name)} ${kb(file.size)}`).join(', ')}`);

// Every text file is stored compressed beside itself (.br, .gz), once per build, and served as such
// to browsers that accept it (@fastify/static preCompressed): without it a phone downloaded the
// sign-in page's JavaScript at four times its gzip size, and compressing per request costs CPU.
function compressFolder(folder: string) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) compressFolder(full);
    else if (/\.(js|css|html|svg|json|webmanifest)$/.test(entry.name)) {
      const bytes = readFileSync(full);
      if (bytes.length < 1024) continue;
      writeFileSync(`${full}.gz`, gzipSync(bytes, { level: 9 }));
      writeFileSync(
        `${full}.br`,
        brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY } }),
      );
    }
  }
}
compressFolder(path.join(root, 'dist/web'));

// The sign-in page and the public directory must stay light on a phone on a weak connection.
if (overBudget) {
  console.log(
    `  OVER BUDGET: the sign-in page or the public directory loads more than ${kb(BUDGET)} of JavaScript.`,
  );
  process.exitCode = 1;
}
