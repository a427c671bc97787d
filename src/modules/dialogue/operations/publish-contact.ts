import { and, eq } from 'drizzle-orm';
import { units } from '../../../platform/accounts/tables.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { invalid, notFound, staleVersion } from '../../../platform/http/problems.ts';
import { authorize, scopeOf, type AgencyScope, type UserActor } from '../../../platform/policy/index.ts';
import { checkPublishedContact, presentContact } from '../open-door.ts';
import type { PublishedContactInput } from '../outreach-contracts.ts';
import { publishedContacts } from '../tables.ts';

async function findContact(db: Db, scope: AgencyScope, where: { id: string } | PublishedContactInput) {
  const condition =
    'id' in where
      ? eq(publishedContacts.id, where.id)
      : where.policyId
        ? eq(publishedContacts.policyId, where.policyId)
        : eq(publishedContacts.focusArea, where.focusArea!);
  const [row] = await db
    .select({ contact: publishedContacts, unitName: units.name })
    .from(publishedContacts)
    .leftJoin(units, eq(units.id, publishedContacts.unitId))
    .where(and(eq(publishedContacts.agencyId, scope.agencyId), condition));
  return row ? presentContact(row.contact, row.unitName) : null;
}

/**
 * Publishes whom the public should contact about a policy or focus area, replacing what was there
 * (carrying its version). What is written here is what the open door page shows, nothing more.
 */
export async function publishContact(
  platform: Platform,
  { actor, input }: { actor: UserActor; input: PublishedContactInput },
) {
  authorize(actor, 'dialogue:edit');
  const scope = scopeOf(actor);
  await checkPublishedContact(platform.db, scope, input);
  const now = platform.clock.now();
  const values = {
    name: input.name,
    unitId: input.unitId,
    email: input.email,
    phone: input.phone,
    updatedAt: now,
  };
  return platform.db.transaction(async (tx) => {
    const before = await findContact(tx, scope, input);
    if (before && input.version === undefined)
      throw invalid('version', 'A contact is already published here; send its version to replace it.');
    if (before && before.version !== input.version) throw staleVersion(before);
    if (before) {
      const [updated] = await tx
        .update(publishedContacts)
        .set({ ...values, version: before.version + 1 })
        .where(and(eq(publishedContacts.id, before.id), eq(publishedContacts.version, before.version)))
        .returning({ id: publishedContacts.id });
      if (!updated) throw staleVersion(await findContact(tx, scope, input));
    } else {
      await tx.insert(publishedContacts).values({
        ...values,
        agencyId: scope.agencyId,
        policyId: input.policyId,
        focusArea: input.focusArea,
        createdAt: now,
      });
    }
    const after = (await findContact(tx, scope, input))!;
    await recordAudit(tx, actor, now, {
      action: 'published-contact.published',
      entity: 'published-contact',
      entityId: after.id,
      agencyId: scope.agencyId,
      before,
      after,
    });
    return after;
  });
}

/** Takes a published contact off the open door page. */
export async function withdrawContact(platform: Platform, { actor, id }: { actor: UserActor; id: string }) {
  authorize(actor, 'dialogue:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  await platform.db.transaction(async (tx) => {
    const before = await findContact(tx, scope, { id });
    if (!before) throw notFound('This published contact');
    await tx
      .delete(publishedContacts)
      .where(and(eq(publishedContacts.id, id), eq(publishedContacts.agencyId, scope.agencyId)));
    await recordAudit(tx, actor, now, {
      action: 'published-contact.withdrawn',
      entity: 'published-contact',
      entityId: id,
      agencyId: scope.agencyId,
      before,
    });
  });
}
