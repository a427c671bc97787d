import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { notFound, Problem, staleVersion } from '../../../platform/http/problems.ts';
import { authorize, type UserActor } from '../../../platform/policy/index.ts';
import { loadSettings } from '../register-status.ts';
import { registerSettings, taxonomyTerms } from '../tables.ts';

type SettingsChange = {
  renewalMonths?: number | undefined;
  dueDaysBefore?: number | undefined;
  graceDays?: number | undefined;
  reminderDaysBefore?: number[] | undefined;
  version: number;
};

function present(row: typeof registerSettings.$inferSelect) {
  const { id: _id, ...view } = row;
  return view;
}

export async function showSettings(platform: Platform, actor: UserActor) {
  authorize(actor, 'register:read');
  return present(await loadSettings(platform.db));
}

/**
 * The renewal period and reminder offsets hold for every agency's register, so they belong to the
 * deployment: its administrator changes them, not an agency's (issue 18 item 15).
 */
export async function changeSettings(platform: Platform, actor: UserActor, change: SettingsChange) {
  authorize(actor, 'deployment:settings');
  // The acting agency, if any, for its audit trail; the change itself is the deployment's.
  const agencyId = actor.agencyId;
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const before = await loadSettings(tx);
    if (before.version !== change.version) throw staleVersion(present(before));
    const { version, ...values } = change;
    const [after] = await tx
      .update(registerSettings)
      .set({ ...values, version: version + 1 })
      // Only from the version read above: a change that committed meanwhile matches nothing.
      .where(and(eq(registerSettings.id, before.id), eq(registerSettings.version, version)))
      .returning();
    if (!after) throw staleVersion(present(await loadSettings(tx)));
    await recordAudit(tx, actor, now, {
      action: 'register.settings-changed',
      entity: 'register-settings',
      entityId: '1',
      agencyId,
      before: present(before),
      after: present(after!),
    });
    return present(after!);
  });
}

/** The register's terms are shared by every agency too: the deployment administrator's. */
export async function addTerm(
  platform: Platform,
  actor: UserActor,
  taxonomy: string,
  term: { code: string; label: string },
) {
  authorize(actor, 'deployment:settings');
  // The acting agency, if any, for its audit trail; the change itself is the deployment's.
  const agencyId = actor.agencyId;
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(taxonomyTerms)
      .values({ taxonomy, ...term, position: 1000 })
      .onConflictDoNothing()
      .returning();
    if (!created) throw new Problem('conflict', `The ${taxonomy} list already has the code ${term.code}.`);
    await recordAudit(tx, actor, now, {
      action: 'register.term-added',
      entity: 'taxonomy-term',
      entityId: `${taxonomy}:${term.code}`,
      agencyId,
      after: created,
    });
    return { code: created.code, label: created.label, active: created.active };
  });
}

/** Terms are retired, never deleted: profiles that use one keep it. */
export async function changeTerm(
  platform: Platform,
  actor: UserActor,
  taxonomy: string,
  code: string,
  change: { label?: string | undefined; active?: boolean | undefined },
) {
  authorize(actor, 'deployment:settings');
  // The acting agency, if any, for its audit trail; the change itself is the deployment's.
  const agencyId = actor.agencyId;
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const where = and(eq(taxonomyTerms.taxonomy, taxonomy), eq(taxonomyTerms.code, code));
    const [before] = await tx.select().from(taxonomyTerms).where(where);
    if (!before) throw notFound('This term');
    const [after] = await tx
      .update(taxonomyTerms)
      .set({
        ...(change.label === undefined ? {} : { label: change.label }),
        ...(change.active === undefined ? {} : { active: change.active }),
      })
      .where(where)
      .returning();
    await recordAudit(tx, actor, now, {
      action: 'register.term-changed',
      entity: 'taxonomy-term',
      entityId: `${taxonomy}:${code}`,
      agencyId,
      before,
      after,
    });
    return { code: after!.code, label: after!.label, active: after!.active };
  });
}
