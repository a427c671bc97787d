import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import {
  authorize,
  organisationPermissionsOf,
  scopeOf,
  type UserActor,
} from '../../../platform/policy/index.ts';
import { loadOrganisation } from '../organisations.ts';
import { asSeenBy } from '../profile-access.ts';
import { loadSettings } from '../register-status.ts';
import { organisations, renewals } from '../tables.ts';

/** 000 Focus area 1: confirming a profile renews it for another period, and the renewal is kept. */
export async function renewOrganisation(
  platform: Platform,
  { actor, id, note }: { actor: UserActor; id: string; note?: string | undefined },
) {
  // Staff renew any profile; a CSO administrator confirms its own (000 Focus area 1).
  const asOrganisation = organisationPermissionsOf(actor, id).includes('organisation:edit');
  if (!asOrganisation) authorize(actor, 'register:edit');
  const agencyId = asOrganisation ? null : scopeOf(actor).agencyId;
  const now = platform.clock.now();
  const settings = await loadSettings(platform.db);
  const before = await loadOrganisation(platform.db, id, settings, now);
  return platform.db.transaction(async (tx) => {
    await tx
      .update(organisations)
      .set({ lastConfirmedAt: now, version: sql`${organisations.version} + 1`, updatedAt: now })
      .where(eq(organisations.id, id));
    await tx
      .insert(renewals)
      .values({ organisationId: id, confirmedAt: now, confirmedBy: actor.userId, note: note ?? null });
    const after = await loadOrganisation(tx, id, settings, now);
    await recordAudit(tx, actor, now, {
      action: 'organisation.renewed',
      entity: 'organisation',
      entityId: id,
      agencyId,
      before: { registerStatus: before.registerStatus, lastConfirmedAt: before.lastConfirmedAt },
      after: {
        registerStatus: after.registerStatus,
        lastConfirmedAt: after.lastConfirmedAt,
        note: note ?? null,
      },
    });
    return asSeenBy(tx, after, actor);
  });
}
