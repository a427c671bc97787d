import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { notFound, Problem, staleVersion, type FieldError } from '../../../platform/http/problems.ts';
import { authorize, scopeOf, type UserActor } from '../../../platform/policy/index.ts';
import type { TemplateSection } from '../contracts.ts';
import { templateOf, templatesOf } from '../due-diligence.ts';
import { fieldProblems } from '../partnerships.ts';
import { dueDiligenceTemplates } from '../tables.ts';

type TemplateInput = {
  name: string;
  direction: 'agency-assesses-organisation' | 'organisation-assesses-agency';
  sections: TemplateSection[];
  thresholds: { low: number; moderate: number; significant: number };
  validityMonths: number;
};

/** A question id is how answers find their question: one per template. */
function checkQuestionIds(sections: TemplateSection[]) {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  sections.forEach((section, s) =>
    section.questions.forEach((question, q) => {
      if (seen.has(question.id))
        errors.push({ field: `sections.${s}.questions.${q}.id`, message: 'The same question id twice.' });
      seen.add(question.id);
    }),
  );
  if (errors.length) throw fieldProblems(errors);
}

/** One template per name in an agency (decision 0008): a clash is the user's to fix, not a 500. */
async function checkNameFree(platform: Platform, agencyId: string, name: string, id?: string) {
  const existing = await templatesOf(platform.db, agencyId);
  if (existing.some((t) => t.name === name && t.id !== id))
    throw new Problem('invalid-request', 'name: Another template has this name.', {
      errors: [{ field: 'name', message: 'Another template has this name.' }],
    });
}

export const presentTemplate = (row: typeof dueDiligenceTemplates.$inferSelect) => ({
  id: row.id,
  name: row.name,
  direction: row.direction as TemplateInput['direction'],
  sections: row.sections,
  thresholds: row.thresholds,
  validityMonths: row.validityMonths,
  active: row.active,
  version: row.version,
});

export async function createTemplate(
  platform: Platform,
  { actor, input }: { actor: UserActor; input: TemplateInput },
) {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  checkQuestionIds(input.sections);
  await checkNameFree(platform, scope.agencyId, input.name);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(dueDiligenceTemplates)
      .values({ ...input, agencyId: scope.agencyId, createdAt: now, updatedAt: now })
      .returning();
    const after = presentTemplate(row!);
    await recordAudit(tx, actor, now, {
      action: 'due-diligence-template.created',
      entity: 'due-diligence-template',
      entityId: row!.id,
      agencyId: scope.agencyId,
      after,
    });
    return after;
  });
}

/** Assessments already started keep the questions they started with; new ones take these. */
export async function changeTemplate(
  platform: Platform,
  { actor, id, input, version }: { actor: UserActor; id: string; input: TemplateInput; version: number },
) {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  checkQuestionIds(input.sections);
  const current = await templateOf(platform.db, scope.agencyId, id);
  if (!current) throw notFound('This template');
  const before = presentTemplate(current);
  if (before.version !== version) throw staleVersion(before);
  await checkNameFree(platform, scope.agencyId, input.name, id);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .update(dueDiligenceTemplates)
      .set({ ...input, version: version + 1, updatedAt: now })
      .where(
        and(
          eq(dueDiligenceTemplates.id, id),
          eq(dueDiligenceTemplates.agencyId, scope.agencyId),
          eq(dueDiligenceTemplates.version, version),
        ),
      )
      .returning();
    if (!row) throw staleVersion(presentTemplate((await templateOf(tx, scope.agencyId, id))!));
    const after = presentTemplate(row);
    await recordAudit(tx, actor, now, {
      action: 'due-diligence-template.changed',
      entity: 'due-diligence-template',
      entityId: id,
      agencyId: scope.agencyId,
      before,
      after,
    });
    return after;
  });
}
