import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { days } from '../clock.ts';
import { agencyWithAdministrator } from '../testing/agencies.ts';
import { startVaka, type TestVaka } from '../testing/start-vaka.ts';

let vaka: TestVaka;
beforeAll(async () => {
  vaka = await startVaka();
});
afterAll(() => vaka.close());

test('a Vaka set up before deployment administrators makes its first administrator one (migration 0027)', async () => {
  // Agencies made as before the migration: nobody administers the deployment.
  const first = await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'first@mia.test');
  vaka.clock.advance(days(1));
  const later = await agencyWithAdministrator(vaka, 'Ministry of Health', 'later@moh.test');
  expect((await first.admin.get('/api/v1/me')).body.user.deploymentAdministrator).toBe(false);

  // The migration's own statement, after its generated ones (which already ran at start-up).
  const migration = await readFile(
    path.resolve(import.meta.dirname, '../../../drizzle/0027_deployment-administrator.sql'),
    'utf8',
  );
  await vaka.platform.db.execute(sql.raw(migration.split('--> statement-breakpoint').at(-1)!));

  const firstMe = (await first.admin.get('/api/v1/me')).body;
  expect(firstMe.user.deploymentAdministrator).toBe(true);
  expect(firstMe.permissions).toContain('deployment:settings');
  expect((await later.admin.get('/api/v1/me')).body.user.deploymentAdministrator).toBe(false);
});
