import { and, eq } from 'drizzle-orm';
import { memberships, users } from '../../platform/accounts/tables.ts';
import { days } from '../../platform/clock.ts';
import type { Platform } from '../../platform/context.ts';
import type { DemonstrationStep } from '../../platform/setup/demonstration.ts';
import { organisationsMatching } from '../register/index.ts';
import {
  lifecycleStates,
  type ContinuumLevel,
  type LifecycleState,
  type PartnershipInput,
} from './contracts.ts';
import { demonstrationCommittee, demonstrationDecision } from './decision-demonstration.ts';
import { agreementsDemonstration } from './demonstration-agreements.ts';
import { questionsFor, ratingOf, scoreOf, templatesOf } from './due-diligence.ts';
import { lifecycle } from './lifecycle.ts';
import { classify, inputColumns, recordMove, unanswered, writeParties } from './partnerships.ts';
import { partnershipAgreements, partnershipAssessments, partnerships } from './tables.ts';

// One partnership in every lifecycle state, with the demonstration register's organisations as
// parties and a history spread over the past year, so the board, the timeline and the pool chart
// have something to show. Every record keeps the guards' promises (due diligence before a
// decision, a signed agreement for formal active ones, a phase-out plan before phasing out).

type Demo = {
  title: string;
  focus: string;
  path: LifecycleState[];
  levels: ContinuumLevel[];
  formality: 'formal' | 'informal';
  form: PartnershipInput['form'];
  strategic: boolean;
};

/** The lifecycle's usual way up to a state (lifecycleStates is in that order), then any ends. */
const along = (to: LifecycleState, ...then: LifecycleState[]) => [
  ...lifecycleStates.slice(0, lifecycleStates.indexOf(to) + 1),
  ...then,
];

const demos: Demo[] = [
  {
    title: 'Youth voices network',
    focus: 'youth',
    path: along('identified'),
    levels: ['networking'],
    formality: 'informal',
    form: 'network',
    strategic: false,
  },
  {
    title: 'Elders day programme',
    focus: 'elderly',
    path: along('scoping'),
    levels: ['networking'],
    formality: 'informal',
    form: 'forum',
    strategic: false,
  },
  {
    title: 'Disability access audit',
    focus: 'disability',
    path: along('due-diligence'),
    levels: ['coordinating'],
    formality: 'formal',
    form: 'contract',
    strategic: false,
  },
  {
    title: 'Family violence prevention',
    focus: 'child-and-family',
    path: along('awaiting-decision'),
    levels: ['coordinating'],
    formality: 'formal',
    form: 'mou',
    strategic: true,
  },
  {
    title: "Women's economic empowerment",
    focus: 'economic-empowerment',
    path: along('agreed'),
    levels: ['coordinating', 'cooperating'],
    formality: 'formal',
    form: 'mou',
    strategic: true,
  },
  {
    title: 'Outer islands climate resilience',
    focus: 'environment',
    path: along('active'),
    levels: ['cooperating', 'collaborating'],
    formality: 'formal',
    form: 'consortium',
    strategic: true,
  },
  {
    title: 'Sport for health',
    focus: 'sport-and-recreation',
    path: along('under-review'),
    levels: ['networking', 'coordinating'],
    formality: 'informal',
    form: 'alliance',
    strategic: true,
  },
  {
    title: 'Gender equality lobbying platform',
    focus: 'gender-equality',
    path: along('phasing-out'),
    levels: ['cooperating'],
    formality: 'formal',
    form: 'lobbying-platform',
    strategic: false,
  },
  {
    title: 'Cyclone relief 2025',
    focus: 'humanitarian-response',
    path: along('closed'),
    levels: ['coordinating'],
    formality: 'formal',
    form: 'contract',
    strategic: false,
  },
  {
    title: 'Language nests',
    focus: 'culture-and-language',
    path: along('awaiting-decision', 'declined'),
    levels: ['networking'],
    formality: 'informal',
    form: 'topical-group',
    strategic: false,
  },
  {
    title: 'Health outreach vans',
    focus: 'health',
    path: along('scoping', 'withdrawn'),
    levels: ['networking'],
    formality: 'informal',
    form: 'network',
    strategic: false,
  },
];

export const partnershipsDemonstration: DemonstrationStep[] = [
  {
    name: 'partnerships',
    async load(platform: Platform, agencyId: string) {
      const [existing] = await platform.db
        .select({ id: partnerships.id })
        .from(partnerships)
        .where(eq(partnerships.agencyId, agencyId))
        .limit(1);
      if (existing) return;
      // The demonstration coordinator makes the moves; any member of the agency will do otherwise.
      const [mover] = await platform.db
        .select({ userId: users.id, name: users.name, email: users.email })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.agencyId, agencyId)))
        .orderBy(users.email);
      if (!mover) return;
      const scope = { agencyId, brand: 'agency-scope' } as const;
      const now = platform.clock.now();
      await platform.db.transaction(async (tx) => {
        const template = (await templatesOf(tx, agencyId)).find(
          (t) => t.direction === 'agency-assesses-organisation',
        )!;
        const committee = await demonstrationCommittee(tx, agencyId, mover.userId, now);
        for (const [n, demo] of demos.entries()) {
          const candidates = await organisationsMatching(tx, {
            focusAreas: [demo.focus],
            placeIds: [],
            kinds: [],
          });
          if (candidates.length === 0) continue;
          const parties = candidates.slice(0, demo.form === 'consortium' ? 3 : 1);
          const input: PartnershipInput = {
            title: demo.title,
            purpose: `${demo.title}: working together where each side is strongest.`,
            sharedVision: demo.strategic
              ? 'Communities on every island able to lead their own development.'
              : null,
            parties: parties.map((organisationId, index) => ({
              organisationId,
              lead: demo.form === 'consortium' && index === 0,
            })),
            focusAreas: [demo.focus],
            placeIds: [],
            formality: demo.formality,
            form: demo.form,
            agencyRoles: demo.strategic ? ['facilitator', 'capacity-builder'] : ['supporter'],
            startsOn: null,
            endsOn: null,
            phaseOutPlan: demo.path.includes('phasing-out')
              ? 'Hand the programme to the lead organisation over six months, with a final joint review.'
              : null,
            // Left false: funded partnerships would need a financial statement file as evidence.
            involvesFunding: false,
            policyIds: [],
          };
          const answers = demo.strategic
            ? { sharedVision: true, servesStrategy: true, beyondDeliverable: true, moreThanMoney: true }
            : n % 2 === 0
              ? { ...unanswered, sharedVision: true, moreThanMoney: false }
              : unanswered;
          // Spread the history over the past year: one move a month, ending about now.
          const start = new Date(now.getTime() - days(30 * (demo.path.length + demo.levels.length) + n));
          const [row] = await tx
            .insert(partnerships)
            .values({
              ...inputColumns(input),
              agencyId,
              level: demo.levels.at(-1)!,
              state: demo.path.at(-1)!,
              strategicAnswers: answers,
              strategic: classify(answers),
              createdBy: mover.userId,
              createdAt: start,
              updatedAt: now,
            })
            .returning({ id: partnerships.id });
          const id = row!.id;
          await writeParties(tx, id, input);
          let at = start;
          const next = () => (at = new Date(at.getTime() + days(30)));
          let state = null as LifecycleState | null;
          for (const to of demo.path) {
            // The demonstration walks only moves the lifecycle table allows.
            if (state !== null && !lifecycle[state].includes(to))
              throw new Error(`demonstration ${demo.title}: ${state} → ${to}`);
            if (to === 'awaiting-decision') {
              const subject = { ...input, focusAreas: input.focusAreas };
              for (const [p, organisationId] of parties.entries()) {
                const questions = questionsFor(template.sections, subject);
                // Mostly good answers; every third partnership's first party has doubts.
                const doubtful = n % 3 === 0 && p === 0;
                const answers = Object.fromEntries(
                  questions
                    .filter((q) => q.kind !== 'evidence')
                    .map((q) => [
                      q.id,
                      q.kind === 'yes-no'
                        ? !doubtful
                        : q.kind === 'scale'
                          ? doubtful
                            ? 2
                            : 4
                          : 'Seen on a visit.',
                    ]),
                );
                const score = scoreOf(questions, answers);
                await tx.insert(partnershipAssessments).values({
                  agencyId,
                  partnershipId: id,
                  organisationId,
                  direction: 'agency-assesses-organisation',
                  templateId: template.id,
                  questions,
                  answers,
                  score,
                  state: 'complete',
                  riskRating: ratingOf(score, template.thresholds),
                  completedAt: at,
                  validUntil: new Date(at.getTime() + days(730)).toISOString().slice(0, 10),
                  createdAt: at,
                });
              }
            }
            // Issue 4 item 7: the committee decided before the partnership was agreed or declined.
            if (state === 'awaiting-decision' && (to === 'agreed' || to === 'declined'))
              await demonstrationDecision(tx, {
                agencyId,
                partnershipId: id,
                title: demo.title,
                committee,
                raisedBy: mover.userId,
                raisedAt: new Date(at.getTime() - days(25)),
                outcome: to === 'agreed' ? 'approved' : 'declined',
              });
            if (to === 'active' && demo.formality === 'formal')
              await tx.insert(partnershipAgreements).values({
                agencyId,
                partnershipId: id,
                kind: demo.form === 'contract' ? 'contract' : 'mou',
                title: `${demo.title} agreement`,
                state: demo.path.includes('closed') ? 'expired' : 'active',
                signedOn: at.toISOString().slice(0, 10),
                createdAt: at,
                updatedAt: at,
              });
            await recordMove(tx, scope, {
              partnershipId: id,
              kind: 'state',
              from: state,
              to,
              reason: state ? `Demonstration: ${to.replace('-', ' ')}` : null,
              at,
              actor: mover,
            });
            if (to === 'identified') {
              let level: ContinuumLevel | null = null;
              for (const to of demo.levels) {
                await recordMove(tx, scope, {
                  partnershipId: id,
                  kind: 'level',
                  from: level,
                  to,
                  reason: level ? 'Demonstration: working more closely' : null,
                  at,
                  actor: mover,
                });
                level = to;
                next();
              }
            }
            state = to;
            next();
          }
          if (state === 'awaiting-decision')
            await demonstrationDecision(tx, {
              agencyId,
              partnershipId: id,
              title: demo.title,
              committee,
              raisedBy: mover.userId,
              raisedAt: new Date(at.getTime() - days(28)),
              outcome: null,
            });
        }
      });
    },
  },
  agreementsDemonstration,
];
