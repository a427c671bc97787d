import { and, asc, eq, inArray } from 'drizzle-orm';
import { memberships, users } from '../../platform/accounts/tables.ts';
import { days } from '../../platform/clock.ts';
import type { Platform } from '../../platform/context.ts';
import type { DemonstrationStep } from '../../platform/setup/demonstration.ts';
import {
  actionPlans,
  agreementBudgetLines,
  agreementMilestones,
  agreementParties,
  partnershipAgreements,
  partnershipParties,
  partnerships,
  planActionNotes,
  planActions,
} from './tables.ts';

// After the partnerships step: the demonstration's agreements get parties, dates, milestones and
// a budget (NZD, in cents), one agreement waits in negotiation for the parties to acknowledge its
// code of conduct, and the first active partnership has a joint action plan with one overdue action.

const day = (at: Date) => at.toISOString().slice(0, 10);

export const agreementsDemonstration: DemonstrationStep = {
  name: 'partnership agreements and plans',
  async load(platform: Platform, agencyId: string) {
    const [already] = await platform.db
      .select({ id: actionPlans.id })
      .from(actionPlans)
      .where(eq(actionPlans.agencyId, agencyId))
      .limit(1);
    if (already) return;
    const [staff] = await platform.db
      .select({ userId: users.id, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.agencyId, agencyId))
      .orderBy(users.email);
    if (!staff) return;
    const now = platform.clock.now();
    await platform.db.transaction(async (tx) => {
      const agreements = await tx
        .select()
        .from(partnershipAgreements)
        .where(eq(partnershipAgreements.agencyId, agencyId))
        .orderBy(asc(partnershipAgreements.createdAt));
      const parties = await tx
        .select()
        .from(partnershipParties)
        .where(
          inArray(
            partnershipParties.partnershipId,
            agreements.map((a) => a.partnershipId),
          ),
        );
      for (const [n, agreement] of agreements.entries()) {
        const signed = new Date(agreement.signedOn ?? day(now));
        const endsOn = new Date(signed.getTime() + days(agreement.state === 'expired' ? 180 : 730));
        await tx
          .update(partnershipAgreements)
          .set({
            startsOn: day(signed),
            endsOn: day(endsOn),
            conditions:
              'Funds are spent only on the activities in the budget; changes are agreed in writing.',
          })
          .where(eq(partnershipAgreements.id, agreement.id));
        const own = parties.filter((p) => p.partnershipId === agreement.partnershipId);
        if (own.length)
          await tx.insert(agreementParties).values(
            own.map((p, i) => ({
              agreementId: agreement.id,
              organisationId: p.organisationId,
              responsibilities:
                i === 0
                  ? 'Runs the activities in the villages and reports each quarter.'
                  : 'Provides volunteers and venues.',
            })),
          );
        await tx.insert(agreementMilestones).values([
          {
            agreementId: agreement.id,
            position: 0,
            title: 'Inception meeting held',
            dueOn: day(new Date(signed.getTime() + days(30))),
            done: true,
          },
          {
            agreementId: agreement.id,
            position: 1,
            title: 'Mid-term joint review',
            dueOn: day(new Date(signed.getTime() + days(365))),
            done: false,
          },
        ]);
        await tx.insert(agreementBudgetLines).values([
          {
            agreementId: agreement.id,
            position: 0,
            category: 'Activities',
            amountMinor: 1_850_000 + n * 100_000,
            currency: 'NZD',
            funder: 'Ministry of Internal Affairs',
          },
          {
            agreementId: agreement.id,
            position: 1,
            category: 'Transport between islands',
            amountMinor: 412_550,
            currency: 'NZD',
            funder: null,
          },
        ]);
      }

      const [active] = await tx
        .select()
        .from(partnerships)
        .where(and(eq(partnerships.agencyId, agencyId), eq(partnerships.state, 'active')))
        .orderBy(asc(partnerships.createdAt))
        .limit(1);
      if (!active) return;
      const [party] = await tx
        .select()
        .from(partnershipParties)
        .where(eq(partnershipParties.partnershipId, active.id));
      // An agreed partnership's code of conduct waits for its party to acknowledge it in the portal.
      const [agreed] = await tx
        .select()
        .from(partnerships)
        .where(and(eq(partnerships.agencyId, agencyId), eq(partnerships.state, 'agreed')))
        .orderBy(asc(partnerships.createdAt))
        .limit(1);
      if (agreed) {
        const [agreedParty] = await tx
          .select()
          .from(partnershipParties)
          .where(eq(partnershipParties.partnershipId, agreed.id));
        const [conduct] = await tx
          .insert(partnershipAgreements)
          .values({
            agencyId,
            partnershipId: agreed.id,
            kind: 'code-of-conduct',
            title: `${agreed.title}: code of conduct`,
            state: 'negotiating',
            startsOn: day(now),
            endsOn: day(new Date(now.getTime() + days(365))),
            conductTerms:
              'We do no harm; we keep the information of the people we serve confidential; we have zero tolerance of abuse and report any concern within 24 hours.',
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (agreedParty)
          await tx
            .insert(agreementParties)
            .values({ agreementId: conduct!.id, organisationId: agreedParty.organisationId });
      }
      const [plan] = await tx
        .insert(actionPlans)
        .values({
          agencyId,
          partnershipId: active.id,
          issue: {
            practicalProblems: 'Families on the outer islands wait weeks for help after a referral.',
            individualOrSystemic: 'Systemic: most referrals from the outer islands this year.',
            levelOfAuthority: 'Local action first; flights and funding need the Ministry.',
          },
          vision: 'Every family referred is visited within a week, wherever they live.',
          signsOfSuccess: 'Nine referrals in ten visited within seven days, counted each quarter.',
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const action = (title: string, dueInDays: number, status: string, owner: 'staff' | 'party') => ({
        agencyId,
        planId: plan!.id,
        partnershipId: active.id,
        title,
        ownerUserId: owner === 'staff' || !party ? staff.userId : null,
        ownerOrganisationId: owner === 'party' && party ? party.organisationId : null,
        dueOn: day(new Date(now.getTime() + days(dueInDays))),
        status,
        createdAt: now,
        updatedAt: now,
      });
      const rows = await tx
        .insert(planActions)
        .values([
          action('Agree a referral form with the island councils', -40, 'done', 'staff'),
          action('Train two volunteers on each outer island', -10, 'in-progress', 'party'),
          action('Report visit times to the steering group', 45, 'planned', 'staff'),
        ])
        .returning();
      await tx.insert(planActionNotes).values([
        {
          actionId: rows[0]!.id,
          note: 'Form agreed with all councils.',
          status: 'done',
          writtenAt: new Date(now.getTime() - days(42)),
          writtenBy: staff.userId,
          writtenByName: staff.name,
        },
        {
          actionId: rows[1]!.id,
          note: 'Volunteers chosen on three islands; flights booked.',
          status: 'in-progress',
          writtenAt: new Date(now.getTime() - days(20)),
          writtenBy: staff.userId,
          writtenByName: staff.name,
        },
      ]);
    });
  },
};
