import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { staleVersion } from '../../../platform/http/problems.ts';
import { authorize, scopeOf, type UserActor } from '../../../platform/policy/index.ts';
import type { OrganisationInput } from '../contracts.ts';
import { loadOrganisation, profileColumns, writeRelations } from '../organisations.ts';
import { asSeenByAgency, inputOf, keepHiddenGroups } from '../profile-access.ts';
import { loadSettings } from '../register-status.ts';
import { organisations } from '../tables.ts';
import { checkAgainstRegister } from '../validation.ts';

/** An edit carries the version it started from; a stale one gets 409 with the current profile. */
export async function changeOrganisation(
  platform: Platform,
  { actor, id, input, version }: { actor: UserActor; id: string; input: OrganisationInput; version: number },
) {
  authorize(actor, 'register:edit');
  const { agencyId } = scopeOf(actor);
  const now = platform.clock.now();
  const settings = await loadSettings(platform.db);
  const current = await loadOrganisation(platform.db, id, settings, now);
  const seen = await asSeenByAgency(platform.db, current, agencyId);
  if (current.version !== version) throw staleVersion(seen);
  input = keepHiddenGroups(input, inputOf(current), seen.hiddenGroups);
  await checkAgainstRegister(platform.db, input, id);
  return platform.db.transaction(async (tx) => {
    // Checked again inside the transaction: the version moves only if nobody moved it first.
    const [updated] = await tx
      .update(organisations)
      .set({ ...profileColumns(input), version: version + 1, updatedAt: now })
      .where(and(eq(organisations.id, id), eq(organisations.version, version)))
      .returning({ version: organisations.version });
    if (!updated)
      throw staleVersion(await asSeenByAgency(tx, await loadOrganisation(tx, id, settings, now), agencyId));
    await writeRelations(tx, id, input);
    const after = await asSeenByAgency(tx, await loadOrganisation(tx, id, settings, now), agencyId);
    await recordAudit(tx, actor, now, {
      action: 'organisation.changed',
      entity: 'organisation',
      entityId: id,
      agencyId,
      // The agency's audit trail holds what the agency may see, never the parts kept from it.
      before: seen,
      after,
    });
    return after;
  });
}
