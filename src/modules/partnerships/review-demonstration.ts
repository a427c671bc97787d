import { and, asc, eq, inArray } from 'drizzle-orm';
import { memberships, users } from '../../platform/accounts/tables.ts';
import { dayOf, days } from '../../platform/clock.ts';
import type { Platform } from '../../platform/context.ts';
import type { DemonstrationStep } from '../../platform/setup/demonstration.ts';
import { principlesOf } from './principles.ts';

import {
  partnershipParties,
  partnershipReviewResponses,
  partnershipReviews,
  partnersMeetings,
  partnerships,
  principleRatings,
} from './tables.ts';

// Reviews with both sides' ratings over time (001 §16d), so each partnership's trend and the
// pool's show something: a review every three months since each running partnership started,
// ratings that mostly improve, the organisations a little more critical than the agency, one
// review left open for the organisation's side, and last year's annual partners' meeting.

const running = ['agreed', 'active', 'under-review', 'phasing-out'];

/** 1 to 5: better with each review, varied by principle, the organisation half a point harsher. */
const ratingFor = (round: number, principle: number, organisation: boolean) =>
  Math.max(
    1,
    Math.min(5, 2 + round + ((principle * 7) % 3) - 1 - (organisation && principle % 2 === 0 ? 1 : 0)),
  );

export const reviewsDemonstration: DemonstrationStep[] = [
  {
    name: 'partnership reviews',
    async load(platform: Platform, agencyId: string) {
      const [existing] = await platform.db
        .select({ id: partnershipReviews.id })
        .from(partnershipReviews)
        .where(eq(partnershipReviews.agencyId, agencyId))
        .limit(1);
      if (existing) return;
      const [reviewer] = await platform.db
        .select({ userId: users.id })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.agencyId, agencyId))
        .orderBy(users.email);
      if (!reviewer) return;
      const now = platform.clock.now();
      await platform.db.transaction(async (tx) => {
        const principles = (await principlesOf(tx, agencyId)).filter((p) => !p.retiredAt);
        const rows = await tx
          .select()
          .from(partnerships)
          .where(and(eq(partnerships.agencyId, agencyId), inArray(partnerships.state, running)))
          .orderBy(asc(partnerships.createdAt));
        if (rows.length === 0) return;
        const parties = await tx
          .select()
          .from(partnershipParties)
          .where(
            inArray(
              partnershipParties.partnershipId,
              rows.map((row) => row.id),
            ),
          );
        for (const [n, row] of rows.entries()) {
          await tx.update(partnerships).set({ reviewEveryMonths: 3 }).where(eq(partnerships.id, row.id));
          const mine = parties.filter((party) => party.partnershipId === row.id);
          // Every quarter from the start, up to now; the first running one also has an open review.
          for (let round = 0, at = row.createdAt.getTime() + days(91); at < now.getTime(); round++) {
            const on = new Date(at);
            const [review] = await tx
              .insert(partnershipReviews)
              .values({
                agencyId,
                partnershipId: row.id,
                state: 'complete',
                dueOn: dayOf(on),
                progress: 'Activities on track; one delayed by the cyclone season.',
                addedValue: 'The organisation reaches families the ministry does not.',
                expectationsMet: round === 0 ? 'Partly: reporting was late.' : 'Yes.',
                toImprove: 'Share plans earlier; simplify the reporting template.',
                institutionalDevelopment: 'Board meets quarterly; accounts now audited.',
                strategicPositioning: 'A trusted voice for its community.',
                recommendation: round === 0 ? 'continue' : 'move-level',
                recommendedLevel:
                  round === 0 ? null : row.level === 'collaborating' ? 'cooperating' : 'collaborating',
                completedOn: dayOf(on),
                completedBy: reviewer.userId,
                createdAt: new Date(at - days(14)),
                updatedAt: on,
              })
              .returning({ id: partnershipReviews.id });
            const ratings = principles.map((principle, p) => ({
              reviewId: review!.id,
              principleId: principle.id,
              rater: 'agency',
              rating: ratingFor(round, p + n, false),
            }));
            for (const party of mine) {
              await tx.insert(partnershipReviewResponses).values({
                reviewId: review!.id,
                organisationId: party.organisationId,
                addedValue: 'Access to the schools and the health centre.',
                expectationsMet: round === 0 ? 'Payments came late.' : 'Mostly.',
                toImprove: 'Decide faster; visit the outer islands.',
                submittedAt: new Date(at - days(3)),
                submittedBy: reviewer.userId,
              });
              ratings.push(
                ...principles.map((principle, p) => ({
                  reviewId: review!.id,
                  principleId: principle.id,
                  rater: party.organisationId,
                  rating: ratingFor(round, p + n, true),
                })),
              );
            }
            await tx.insert(principleRatings).values(ratings);
            at += days(91);
          }
          if (n === 0)
            await tx.insert(partnershipReviews).values({
              agencyId,
              partnershipId: row.id,
              state: 'open',
              dueOn: dayOf(now),
              progress: 'Draft: to discuss with the organisation.',
              createdAt: now,
              updatedAt: now,
            });
        }
        await tx.insert(partnersMeetings).values({
          agencyId,
          heldOn: dayOf(new Date(now.getTime() - days(300))),
          title: "Annual partners' meeting",
          organisationIds: [...new Set(parties.map((party) => party.organisationId))],
          attendees: '23 people from 11 organisations and three ministry units.',
          notes: 'Cross learning on youth work and disability access; the pool reviewed its principles.',
          decisions:
            'Simplify the due diligence questionnaire for small community groups; hold the next meeting on Aitutaki.',
        });
      });
    },
  },
];
