import { count } from 'drizzle-orm';
import { days } from '../clock.ts';
import type { Platform } from '../context.ts';
import { agencies } from '../accounts/tables.ts';
import { createAgencyWithAdministrator } from '../accounts/operations/agency.ts';
import { appUrl, createLink } from '../accounts/links.ts';
import { hashPassword } from '../accounts/secrets.ts';
import type { SystemActor } from '../policy/index.ts';

export const SETUP_LOCK = 7_240_003;

export async function setupNeeded(platform: Platform): Promise<boolean> {
  const [row] = await platform.db.select({ agencies: count() }).from(agencies);
  return (row?.agencies ?? 0) === 0;
}

export type FirstRun =
  { kind: 'ready' } | { kind: 'bootstrapped'; email: string } | { kind: 'setup-link'; url: string };

/**
 * On an empty database: with ADMIN_EMAIL and ADMIN_PASSWORD, create the first agency unattended;
 * otherwise make a one-time setup link for whoever runs Vaka to open.
 */
export async function prepareFirstRun(platform: Platform): Promise<FirstRun> {
  return platform.database.withLock(SETUP_LOCK, async () => {
    if (!(await setupNeeded(platform))) return { kind: 'ready' };
    const actor: SystemActor = { kind: 'system', label: 'first-run', requestId: 'start-up' };
    const bootstrap = platform.config.bootstrap;
    if (bootstrap) {
      const passwordHash = await hashPassword(bootstrap.password);
      await platform.db.transaction((tx) =>
        createAgencyWithAdministrator(platform, tx, actor, {
          agencyName: bootstrap.agencyName,
          name: 'Administrator',
          email: bootstrap.email.toLowerCase(),
          passwordHash,
        }),
      );
      return { kind: 'bootstrapped', email: bootstrap.email };
    }
    const link = await platform.db.transaction((tx) => createLink(platform, tx, 'setup', days(7), {}));
    return { kind: 'setup-link', url: appUrl(platform, `/setup?token=${link.secret}`) };
  });
}
