// Fails when the Drizzle schema changed but no migration was generated (STYLE.md, from Twenty).
// drizzle-kit generates into a copy of the migrations, so the check never touches the real folder.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';

// drizzle-kit wants a path relative to the project, so the copy lives under node_modules/.cache.
mkdirSync('node_modules/.cache', { recursive: true });
const copy = path.join(path.relative('.', mkdtempSync('node_modules/.cache/vaka-migrations-')), 'drizzle');
cpSync('drizzle', copy, { recursive: true });
try {
  const output = execFileSync(
    'drizzle-kit',
    [
      'generate',
      '--dialect',
      'postgresql',
      '--schema',
      './src/**/tables.ts',
      '--out',
      copy,
      '--name',
      'check',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (!/No schema changes/i.test(output)) {
    console.error(
      'The schema has changes without a migration. Run `npm run migrations:generate -- --name <what>` and commit it.',
    );
    process.exitCode = 1;
  } else {
    console.log('migrations: the schema and the committed migrations agree');
  }
} finally {
  rmSync(path.dirname(copy), { recursive: true, force: true });
}
