import { and, eq } from 'drizzle-orm';
import type { Platform } from '../../../platform/context.ts';
import { scopeOf, type UserActor } from '../../../platform/policy/index.ts';
import type { PartnershipInput } from '../contracts.ts';
import { checkPartnershipInput, checkPolicies, inputColumns, writeParties } from '../partnerships.ts';
import { partnerships } from '../tables.ts';
import { changeWithVersion } from './change-with-version.ts';

/** The record's own fields and parties; level, state and the strategic test have their own moves. */
export async function changePartnership(
  platform: Platform,
  { actor, id, input, version }: { actor: UserActor; id: string; input: PartnershipInput; version: number },
) {
  return changeWithVersion(platform, {
    actor,
    id,
    version,
    action: 'partnership.changed',
    check: async () => {
      await checkPartnershipInput(platform.db, input);
      await checkPolicies(platform.db, scopeOf(actor), input.policyIds);
    },
    apply: async ({ tx, scope }) => {
      await tx
        .update(partnerships)
        .set(inputColumns(input))
        .where(and(eq(partnerships.id, id), eq(partnerships.agencyId, scope.agencyId)));
      await writeParties(tx, id, input);
    },
  });
}
