import { sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
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

/** Registers a profile; likely duplicates stop it unless acknowledged (refuseDuplicates). */
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
  const now = platform.clock.now();
  const settings = await loadSettings(platform.db);
  return platform.db.transaction(async (tx) => {
    // Checked inside the transaction, under a lock on the name held until commit: three identical
    // creates at once all passed a check made before any of them had inserted (issue 18).
    await lockName(tx, input.legalName);
    if (!acknowledgeDuplicates) await refuseDuplicates(tx, input);
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

// The first key of the two-key advisory lock, so a name's hash never meets the single-key locks.
const ORGANISATION_NAME_LOCK = 7_240_004;

/** Until the transaction ends, another create of the same name (any case, accents, spacing) waits. */
async function lockName(tx: Db, name: string) {
  await tx.execute(
    sql`select pg_advisory_xact_lock(${ORGANISATION_NAME_LOCK}, hashtext(lower(unaccent(regexp_replace(btrim(${name}), '\s+', ' ', 'g')))))`,
  );
}

/**
 * Issue 3 §5: likely duplicates are shown before saving. Unless the person has seen them and says
 * this is a different organisation, the create stops with 409 and the candidates.
 */
async function refuseDuplicates(tx: Db, input: OrganisationInput) {
  const candidates = await findDuplicates(tx, duplicateProbe(input));
  if (!candidates.length) return;
  throw new Problem(
    'possible-duplicate',
    `${candidates.length} organisation(s) in the register look like this one.`,
    {
      extra: { candidates },
    },
  );
}
