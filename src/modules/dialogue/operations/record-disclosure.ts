import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { invalid } from '../../../platform/http/problems.ts';
import { authorize, scopeOf, type UserActor } from '../../../platform/policy/index.ts';
import { logDisclosure } from '../disclosures.ts';
import type { DisclosureInput } from '../outreach-contracts.ts';

/**
 * What staff told partners outside Vaka (a letter, minutes shared at a forum, a report): added to
 * the disclosure log by hand (001 §16c). Not in the future; the log records what happened.
 */
export async function recordDisclosure(
  platform: Platform,
  { actor, input }: { actor: UserActor; input: DisclosureInput },
) {
  authorize(actor, 'dialogue:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  if (input.disclosedOn > now.toISOString().slice(0, 10))
    throw invalid('disclosedOn', 'The log records what was told: the date cannot be in the future.');
  return platform.db.transaction(async (tx) => {
    const id = await logDisclosure(tx, { ...input, agencyId: scope.agencyId, recordedBy: actor.userId }, now);
    await recordAudit(tx, actor, now, {
      action: 'disclosure.recorded',
      entity: 'disclosure',
      entityId: id,
      agencyId: scope.agencyId,
      after: input,
    });
    return id;
  });
}
