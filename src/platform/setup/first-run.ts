import { count } from 'drizzle-orm';
import { days } from '../clock.ts';
import type { Platform } from '../context.ts';
import type { Db } from '../db/client.ts';
import { agencies } from '../accounts/tables.ts';
import { createAgencyWithAdministrator } from '../accounts/operations/agency.ts';
import { appUrl, createLink } from '../accounts/links.ts';
import { hashPassword } from '../accounts/secrets.ts';
import { recordAudit } from '../audit/record.ts';
import { makeDeploymentAdministrator, recordDeployment } from '../deployment/deployment.ts';
import type { Actor, SystemActor } from '../policy/index.ts';
import { removeDemonstrationPasswords } from './demonstration-passwords.ts';

export const SETUP_LOCK = 7_240_003;

export async function setupNeeded(platform: Platform): Promise<boolean> {
  const [row] = await platform.db.select({ agencies: count() }).from(agencies);
  return (row?.agencies ?? 0) === 0;
}

/**
 * The first agency and its administrator, who becomes the deployment administrator, and the kind of
 * deployment chosen (demonstration or real), in the caller's transaction: the setup page, ADMIN_EMAIL
 * and `npm run demo` all set up through here.
 */
export async function setUpDeployment(
  platform: Platform,
  tx: Db,
  actor: Actor,
  input: { agencyName: string; name: string; email: string; passwordHash: string; demonstration: boolean },
) {
  const { agency, user } = await createAgencyWithAdministrator(platform, tx, actor, input);
  await makeDeploymentAdministrator(tx, user.id);
  const now = platform.clock.now();
  await recordDeployment(tx, now, { demonstration: input.demonstration });
  await recordAudit(tx, actor, now, {
    action: 'deployment.set-up',
    entity: 'deployment',
    entityId: '1',
    agencyId: agency.id,
    after: { demonstration: input.demonstration, deploymentAdministrator: user.email },
  });
  return { agency, user: { ...user, deploymentAdministrator: true } };
}

export type FirstRun =
  { kind: 'ready' } | { kind: 'bootstrapped'; email: string } | { kind: 'setup-link'; url: string };

/**
 * On an empty database: with ADMIN_EMAIL and ADMIN_PASSWORD, create the first agency unattended
 * (a real deployment unless `demonstration`, which only `npm run demo` passes); otherwise make a
 * one-time setup link for whoever runs Vaka to open.
 */
export async function prepareFirstRun(
  platform: Platform,
  options: { demonstration?: boolean } = {},
): Promise<FirstRun> {
  return platform.database.withLock(SETUP_LOCK, async () => {
    if (!(await setupNeeded(platform))) {
      await removeDemonstrationPasswords(platform);
      return { kind: 'ready' };
    }
    const actor: SystemActor = { kind: 'system', label: 'first-run', requestId: 'start-up' };
    const bootstrap = platform.config.bootstrap;
    if (bootstrap) {
      const passwordHash = await hashPassword(bootstrap.password);
      await platform.db.transaction((tx) =>
        setUpDeployment(platform, tx, actor, {
          agencyName: bootstrap.agencyName,
          name: 'Administrator',
          email: bootstrap.email.toLowerCase(),
          passwordHash,
          // Only `npm run demo` asks for one; ADMIN_EMAIL alone sets up a real deployment.
          demonstration: options.demonstration ?? false,
        }),
      );
      return { kind: 'bootstrapped', email: bootstrap.email };
    }
    const link = await platform.db.transaction((tx) => createLink(platform, tx, 'setup', days(7), {}));
    return { kind: 'setup-link', url: appUrl(platform, `/setup?token=${link.secret}`) };
  });
}
