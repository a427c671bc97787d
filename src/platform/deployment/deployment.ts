import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Deployment } from '../policy/index.ts';
import { users } from '../accounts/tables.ts';
import { deployment } from './tables.ts';

/** The deployment as set up; a Vaka set up before the choice existed is a real one. */
export async function loadDeployment(db: Db): Promise<Deployment> {
  const [row] = await db.select({ demonstration: deployment.demonstration }).from(deployment).limit(1);
  return { demonstration: row?.demonstration ?? false };
}

/** Written once, at first-run setup, in its transaction. */
export async function recordDeployment(db: Db, now: Date, chosen: Deployment): Promise<void> {
  await db
    .insert(deployment)
    .values({ id: 1, demonstration: chosen.demonstration, createdAt: now })
    .onConflictDoUpdate({ target: deployment.id, set: { demonstration: chosen.demonstration } });
}

export async function makeDeploymentAdministrator(db: Db, userId: string): Promise<void> {
  await db.update(users).set({ deploymentAdministrator: true }).where(eq(users.id, userId));
}
