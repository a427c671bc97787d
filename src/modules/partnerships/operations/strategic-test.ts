import { and, eq } from 'drizzle-orm';
import type { Platform } from '../../../platform/context.ts';
import type { UserActor } from '../../../platform/policy/index.ts';
import { classify } from '../partnerships.ts';
import { partnerships, type StrategicAnswers } from '../tables.ts';
import { changeWithVersion } from './change-with-version.ts';

/** 001 §12: the four answers classify the partnership, unless staff overrode the classification. */
export async function answerStrategicTest(
  platform: Platform,
  {
    actor,
    id,
    answers,
    version,
  }: { actor: UserActor; id: string; answers: StrategicAnswers; version: number },
) {
  return changeWithVersion(platform, {
    actor,
    id,
    version,
    action: 'partnership.strategic-test-answered',
    apply: async ({ tx, scope, before }) => {
      const override = before.strategicTest.override;
      await tx
        .update(partnerships)
        .set({ strategicAnswers: answers, strategic: override ? override.strategic : classify(answers) })
        .where(and(eq(partnerships.id, id), eq(partnerships.agencyId, scope.agencyId)));
    },
  });
}

/** Staff judgement over the four answers, always with a reason; null hands the decision back to them. */
export async function overrideStrategicTest(
  platform: Platform,
  {
    actor,
    id,
    strategic,
    reason,
    version,
  }: { actor: UserActor; id: string; strategic: boolean | null; reason: string; version: number },
) {
  return changeWithVersion(platform, {
    actor,
    id,
    version,
    action:
      strategic === null ? 'partnership.strategic-override-removed' : 'partnership.strategic-overridden',
    apply: async ({ tx, scope, now, before }) => {
      await tx
        .update(partnerships)
        .set(
          strategic === null
            ? { strategicOverride: null, strategic: classify(before.strategicTest.answers) }
            : {
                strategicOverride: { strategic, reason, at: now.toISOString(), by: actor.name },
                strategic,
              },
        )
        .where(and(eq(partnerships.id, id), eq(partnerships.agencyId, scope.agencyId)));
    },
  });
}
