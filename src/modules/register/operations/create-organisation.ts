import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { Problem } from '../../../platform/http/problems.ts';
import { authorize, scopeOf, type UserActor } from '../../../platform/policy/index.ts';
import type { OrganisationInput } from '../contracts.ts';
import { findDuplicates } from '../duplicates.ts';
import { loadOrganisation, profileColumns, writeRelations } from '../organisations.ts';
import { loadSettings } from '../register-status.ts';
import { organisations, renewals } from '../tables.ts';
import { checkAgainstRegister } from '../validation.ts';

export function duplicateProbe(input: OrganisationInput, excludeId?: string) {
  return {
    names: [input.legalName, ...input.otherNames.map((n) => n.name)],
    identifiers: input.identifiers,
    emails: input.contacts.map((c) => c.email ?? '').filter(Boolean),
    phones: input.contacts.map((c) => c.phone ?? '').filter(Boolean),
    excludeId,
  };
}

/**
 * Issue 3 §5: likely duplicates are shown before saving. Unless the person has seen them and says
 * this is a different organisation, the create stops with 409 and the candidates.
 */
export async function createOrganisation(
  platform: Platform,
  {
    actor,
    input,
    acknowledgeDuplicates,
  }: { actor: UserActor; input: OrganisationInput; acknowledgeDuplicates: boolean },
) {
  authorize(actor, 'register:edit');
  const { agencyId } = scopeOf(actor);
  await checkAgainstRegister(platform.db, input);
  if (!acknowledgeDuplicates) {
    const candidates = await findDuplicates(platform.db, duplicateProbe(input));
    if (candidates.length) {
      throw new Problem(
        'possible-duplicate',
        `${candidates.length} organisation(s) in the register look like this one.`,
        {
          extra: { candidates },
        },
      );
    }
  }
  const now = platform.clock.now();
  const settings = await loadSettings(platform.db);
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(organisations)
      .values({ ...profileColumns(input), lastConfirmedAt: now, createdAt: now, updatedAt: now })
      .returning({ id: organisations.id });
    const id = row!.id;
    await writeRelations(tx, id, input);
    await tx
      .insert(renewals)
      .values({ organisationId: id, confirmedAt: now, confirmedBy: actor.userId, note: 'Registered' });
    const after = await loadOrganisation(tx, id, settings, now);
    await recordAudit(tx, actor, now, {
      action: 'organisation.registered',
      entity: 'organisation',
      entityId: id,
      agencyId,
      after,
    });
    return after;
  });
}
