import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.ts';
import type { Platform } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { notFound, staleVersion } from '../../http/problems.ts';
import { authorize, scopeOf, type Actor, type UserActor } from '../../policy/index.ts';
import { agencies, memberships, units, users } from '../tables.ts';

// 001 §18d: strategy, programme and finance units.
export const defaultUnits = [
  { name: 'Strategy', kind: 'strategy' },
  { name: 'Programme', kind: 'programme' },
  { name: 'Finance', kind: 'finance' },
];

async function loadAgency(db: Db, agencyId: string) {
  const [agency] = await db.select().from(agencies).where(eq(agencies.id, agencyId));
  if (!agency) throw notFound('This agency');
  const rows = await db
    .select({ id: units.id, name: units.name, kind: units.kind })
    .from(units)
    .where(eq(units.agencyId, agencyId))
    .orderBy(asc(units.name));
  return {
    id: agency.id,
    name: agency.name,
    requireSecondFactor: agency.requireSecondFactor,
    version: agency.version,
    units: rows,
  };
}

export async function showAgency(platform: Platform, actor: UserActor) {
  authorize(actor, 'agency:read');
  return loadAgency(platform.db, scopeOf(actor).agencyId);
}

export async function changeAgency(
  platform: Platform,
  actor: UserActor,
  change: { name?: string | undefined; requireSecondFactor?: boolean | undefined; version: number },
) {
  authorize(actor, 'agency:manage');
  const { agencyId } = scopeOf(actor);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const before = await loadAgency(tx, agencyId);
    if (before.version !== change.version) throw staleVersion(before);
    const values: Partial<typeof agencies.$inferInsert> = { version: before.version + 1, updatedAt: now };
    if (change.name !== undefined) values.name = change.name;
    if (change.requireSecondFactor !== undefined) values.requireSecondFactor = change.requireSecondFactor;
    // Only from the version read above: a change that committed meanwhile makes this update match nothing.
    const updated = await tx
      .update(agencies)
      .set(values)
      .where(and(eq(agencies.id, agencyId), eq(agencies.version, before.version)))
      .returning({ id: agencies.id });
    if (updated.length === 0) throw staleVersion(await loadAgency(tx, agencyId));
    const after = await loadAgency(tx, agencyId);
    await recordAudit(tx, actor, now, {
      action: 'agency.changed',
      entity: 'agency',
      entityId: agencyId,
      agencyId,
      before,
      after,
    });
    return after;
  });
}

/** A new agency with its default units and its first administrator, in the caller's transaction. */
export async function createAgencyWithAdministrator(
  platform: Platform,
  tx: Db,
  actor: Actor,
  input: { agencyName: string; name: string; email: string; passwordHash: string },
) {
  const now = platform.clock.now();
  const [agency] = await tx
    .insert(agencies)
    .values({ name: input.agencyName, createdAt: now, updatedAt: now })
    .returning();
  await tx
    .insert(units)
    .values(defaultUnits.map((unit) => ({ ...unit, agencyId: agency!.id, createdAt: now })));
  let [user] = await tx.select().from(users).where(eq(users.email, input.email));
  if (!user) {
    [user] = await tx
      .insert(users)
      .values({
        email: input.email,
        name: input.name,
        passwordHash: input.passwordHash,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
  }
  await tx
    .insert(memberships)
    .values({ agencyId: agency!.id, userId: user!.id, role: 'administrator', createdAt: now });
  await recordAudit(tx, actor, now, {
    action: 'agency.created',
    entity: 'agency',
    entityId: agency!.id,
    agencyId: agency!.id,
    after: { name: agency!.name, administrator: input.email },
  });
  return { agency: agency!, user: user! };
}
