import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { authorize, scopeOf, type UserActor } from '../../../platform/policy/index.ts';
import { checkConsultationInput, loadConsultation } from '../consultations.ts';
import type { ConsultationInput } from '../contracts.ts';
import { consultations } from '../tables.ts';

/** A consultation on a policy, with its questions and the dates it opens and closes. */
export async function openConsultation(
  platform: Platform,
  { actor, input }: { actor: UserActor; input: ConsultationInput },
) {
  authorize(actor, 'dialogue:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  await checkConsultationInput(platform.db, scope, input);
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(consultations)
      .values({
        agencyId: scope.agencyId,
        policyId: input.policyId,
        title: input.title,
        description: input.description ?? null,
        questions: input.questions,
        opensAt: new Date(input.opensAt),
        closesAt: new Date(input.closesAt),
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: consultations.id });
    const after = await loadConsultation(tx, scope, row!.id, now);
    await recordAudit(tx, actor, now, {
      action: 'consultation.opened',
      entity: 'consultation',
      entityId: row!.id,
      agencyId: scope.agencyId,
      after,
    });
    return after;
  });
}
