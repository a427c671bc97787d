import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type {
  AssessmentQuestion,
  PartnershipView,
  TemplateSection,
  Thresholds,
  riskRatings,
} from './contracts.ts';
import { dueDiligenceTemplates } from './tables.ts';

type Answer = boolean | number | string;
type Subject = Pick<PartnershipView, 'form' | 'formality' | 'focusAreas' | 'involvesFunding'>;

/**
 * 001 §15d: "the due diligence process, informational requirements and capacities to be assessed
 * will be shaped by the purpose and type of partnership, and whether it involves funding". A
 * question with conditions is required when the partnership matches any of them.
 */
export function requiredFor(required: TemplateSection['questions'][number]['required'], p: Subject) {
  if (typeof required === 'boolean') return required;
  return Boolean(
    required.forms?.includes(p.form) ||
    required.formalities?.includes(p.formality) ||
    required.focusAreas?.some((code) => p.focusAreas.includes(code)) ||
    (required.funding !== undefined && required.funding === p.involvesFunding),
  );
}

/** The template's questions as they apply to this partnership, fixed when an assessment starts. */
export function questionsFor(sections: TemplateSection[], p: Subject): AssessmentQuestion[] {
  return sections.flatMap((section) =>
    section.questions.map((q) => ({
      id: q.id,
      section: section.title,
      text: q.text,
      kind: q.kind,
      weight: q.weight,
      required: requiredFor(q.required, p),
    })),
  );
}

/** What one answer is worth, from 0 to 1: yes, the top of the scale, any text or file count fully. */
function worth(question: AssessmentQuestion, answer: Answer | undefined): number | null {
  if (answer === undefined) return null;
  if (question.kind === 'yes-no') return answer === true ? 1 : 0;
  if (question.kind === 'scale') return (Number(answer) - 1) / 4;
  return 1;
}

/** The weighted score in % over the questions answered; unanswered optional ones do not count. */
export function scoreOf(questions: AssessmentQuestion[], answers: Record<string, Answer>): number {
  let total = 0;
  let got = 0;
  for (const question of questions) {
    const value = worth(question, answers[question.id]);
    if (value === null || question.weight === 0) continue;
    total += question.weight;
    got += question.weight * value;
  }
  return total === 0 ? 100 : Math.round((got / total) * 100);
}

export function ratingOf(score: number, thresholds: Thresholds): (typeof riskRatings)[number] {
  if (score >= thresholds.low) return 'low';
  if (score >= thresholds.moderate) return 'moderate';
  if (score >= thresholds.significant) return 'significant';
  return 'high';
}

/** Whether a value fits the question's kind; a message naming what is expected if not. */
export function checkAnswer(question: AssessmentQuestion, value: Answer): string | null {
  if (question.kind === 'yes-no') return typeof value === 'boolean' ? null : 'Answer yes or no.';
  if (question.kind === 'scale')
    return Number.isInteger(value) && Number(value) >= 1 && Number(value) <= 5 ? null : 'Answer 1 to 5.';
  if (question.kind === 'text')
    return typeof value === 'string' && value.trim() !== '' ? null : 'Write an answer.';
  return typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value) ? null : 'Attach a file.';
}

const yes = (
  id: string,
  text: string,
  weight: number,
  required: TemplateSection['questions'][number]['required'],
) => ({ id, text, kind: 'yes-no', weight, required }) as const;

// The seeded questionnaires: 001 §15d (organisational depth, skills, past performance, gaps; shaped
// by type, purpose and funding), 002 "appropriateness as partners", and the 004 checklist themes.
export const seededTemplates = (): {
  name: string;
  direction: 'agency-assesses-organisation' | 'organisation-assesses-agency';
  sections: TemplateSection[];
}[] => [
  {
    name: 'Due diligence of a partner organisation',
    direction: 'agency-assesses-organisation',
    sections: [
      {
        title: 'Organisational depth (001 §15d)',
        questions: [
          yes(
            'governance',
            'Does the organisation have a functioning board or committee that meets?',
            3,
            true,
          ),
          {
            id: 'skills',
            text: 'How strong are its skills and expertise for this partnership?',
            kind: 'scale',
            weight: 3,
            required: true,
          },
          {
            id: 'past-performance',
            text: 'How has it performed in past work with the agency or others?',
            kind: 'scale',
            weight: 2,
            required: false,
          },
          {
            id: 'gaps',
            text: 'Which gaps could either partner help the other to fill?',
            kind: 'text',
            weight: 1,
            required: false,
          },
        ],
      },
      {
        title: 'Appropriateness as a partner (002)',
        questions: [
          yes('trusted', 'Does it have the trust of the people the partnership serves?', 3, true),
          yes(
            'respected',
            'Is it well connected and respected by organisations working in the field?',
            2,
            false,
          ),
          yes(
            'no-particular-risks',
            'Is it free of particular risks (a negative reputation, no experience of the issue)?',
            2,
            false,
          ),
          yes('advocates', 'Is it in a position to advocate for change?', 1, {
            forms: ['lobbying-platform', 'alliance', 'network'],
          }),
        ],
      },
      {
        title: 'Money and formal commitments (001 §15d-e)',
        questions: [
          yes('audited-accounts', 'Are its accounts kept and audited each year?', 3, { funding: true }),
          {
            id: 'financial-statement',
            text: 'Latest financial statement',
            kind: 'evidence',
            weight: 2,
            required: { funding: true },
          },
          yes('legal-status', 'Is it a legal entity that can sign a contract?', 2, {
            forms: ['contract', 'consortium'],
            formalities: ['formal'],
          }),
          yes('conflict-of-interest', 'Has it declared any conflict of interest?', 1, {
            formalities: ['formal'],
          }),
        ],
      },
      {
        title: 'Safeguarding and coordination (004)',
        questions: [
          yes(
            'safeguarding-policy',
            'Does it have a child and vulnerable adult safeguarding policy it follows?',
            3,
            { focusAreas: ['child-and-family', 'youth', 'disability', 'elderly'] },
          ),
          yes(
            'coordination',
            'Does it take part in the government coordination structures of its field?',
            1,
            false,
          ),
        ],
      },
    ],
  },
  {
    name: 'Due diligence of the agency, by the organisation',
    direction: 'organisation-assesses-agency',
    sections: [
      {
        title: 'Working with the agency (001 §15d: two-way)',
        questions: [
          yes('independence', 'Does the agency respect your independence, whatever the funding?', 3, true),
          {
            id: 'clarity',
            text: 'How clear are the agency’s expectations and processes?',
            kind: 'scale',
            weight: 2,
            required: true,
          },
          yes('pays-on-time', 'Does the agency pay what it owes on time?', 2, { funding: true }),
          {
            id: 'comments',
            text: 'What should the agency do differently?',
            kind: 'text',
            weight: 0,
            required: false,
          },
        ],
      },
    ],
  },
];

export const defaultThresholds: Thresholds = { low: 75, moderate: 50, significant: 25 };

/** The agency's templates, seeded from the seeds the first time they are needed. */
export async function templatesOf(db: Db, agencyId: string) {
  const rows = await db
    .select()
    .from(dueDiligenceTemplates)
    .where(eq(dueDiligenceTemplates.agencyId, agencyId))
    .orderBy(asc(dueDiligenceTemplates.createdAt), asc(dueDiligenceTemplates.name));
  if (rows.length > 0) return rows;
  // Reference data like the register's lists: written once per agency, so no audit row.
  await db
    .insert(dueDiligenceTemplates)
    .values(
      seededTemplates().map((t) => ({ ...t, agencyId, thresholds: defaultThresholds, validityMonths: 24 })),
    )
    .onConflictDoNothing();
  return db
    .select()
    .from(dueDiligenceTemplates)
    .where(eq(dueDiligenceTemplates.agencyId, agencyId))
    .orderBy(asc(dueDiligenceTemplates.createdAt), asc(dueDiligenceTemplates.name));
}

export async function templateOf(db: Db, agencyId: string, id: string) {
  await templatesOf(db, agencyId);
  const [row] = await db
    .select()
    .from(dueDiligenceTemplates)
    .where(and(eq(dueDiligenceTemplates.id, id), eq(dueDiligenceTemplates.agencyId, agencyId)));
  return row;
}
