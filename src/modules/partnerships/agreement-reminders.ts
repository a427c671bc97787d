import { and, eq, inArray, isNotNull, lt } from 'drizzle-orm';
import { appUrl } from '../../platform/accounts/links.ts';
import { organisationMembers, users } from '../../platform/accounts/tables.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { dayOf, daysBetween } from '../../platform/clock.ts';
import type { Platform } from '../../platform/context.ts';
import { inDays, reminderDue, remindOnce } from '../../platform/mail/reminders.ts';
import { agreementExpiryReminders, agreementParties, partnershipAgreements, partnerships } from './tables.ts';

export const AGREEMENT_REMINDER_JOB = 'partnerships.agreement-reminders';
/** Days before an agreement ends when its people are reminded, once each (issue 4 item 8). */
export const AGREEMENT_REMINDER_DAYS = [90, 30, 7];

/** Who hears of an agreement ending: the partnership's coordinator and the parties' CSO administrators. */
async function recipientsOf(platform: Platform, agreementId: string, coordinatorId: string) {
  const coordinator = await platform.db
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, coordinatorId));
  const administrators = await platform.db
    .select({ name: users.name, email: users.email })
    .from(agreementParties)
    .innerJoin(organisationMembers, eq(organisationMembers.organisationId, agreementParties.organisationId))
    .innerJoin(users, eq(users.id, organisationMembers.userId))
    .where(
      and(
        eq(agreementParties.agreementId, agreementId),
        eq(organisationMembers.role, 'cso-administrator'),
        eq(organisationMembers.status, 'confirmed'),
      ),
    );
  const seen = new Set<string>();
  return [...coordinator, ...administrators].filter(
    (person) => !seen.has(person.email) && seen.add(person.email),
  );
}

/**
 * The daily agreements job: agreements past their end date expire; the others are reminded of at
 * 90, 30 and 7 days before the end, once per offset (remindOnce: the claim and the e-mails commit together).
 */
export async function sendAgreementReminders(
  platform: Platform,
): Promise<{ reminded: number; expired: number }> {
  const now = platform.clock.now();
  const today = dayOf(now);
  const expired = await expireAgreements(platform, now, today);
  const candidates = await platform.db
    .select({ agreement: partnershipAgreements, coordinatorId: partnerships.createdBy })
    .from(partnershipAgreements)
    .innerJoin(partnerships, eq(partnerships.id, partnershipAgreements.partnershipId))
    .where(
      and(
        inArray(partnershipAgreements.state, ['signed', 'active']),
        isNotNull(partnershipAgreements.endsOn),
      ),
    );
  let reminded = 0;
  for (const { agreement, coordinatorId } of candidates) {
    const endsOn = agreement.endsOn!;
    const daysLeft = daysBetween(today, endsOn);
    const daysBefore = reminderDue(daysLeft, AGREEMENT_REMINDER_DAYS);
    if (daysBefore === undefined) continue;
    const people = await recipientsOf(platform, agreement.id, coordinatorId);
    const sent = await remindOnce(
      platform,
      async (tx) =>
        (
          await tx
            .insert(agreementExpiryReminders)
            .values({ agreementId: agreement.id, endsOn, daysBefore, sentAt: now })
            .onConflictDoNothing()
            .returning()
        ).length > 0,
      people.map((person) => ({
        to: person.email,
        subject: `${agreement.title}: the agreement ends on ${endsOn}, ${inDays(daysLeft)}`,
        text: [
          `Kia orana ${person.name},`,
          '',
          `The agreement "${agreement.title}" ends on ${endsOn}, ${inDays(daysLeft)}.`,
          'Agree together whether to renew it, amend it, or carry out the phase-out plan.',
          '',
          appUrl(platform, `/partnerships/${agreement.partnershipId}?tab=agreements`),
        ].join('\n'),
      })),
    );
    if (sent) reminded++;
  }
  return { reminded, expired };
}

/** Signed or active agreements whose end date has passed move to expired, each with its audit row. */
async function expireAgreements(platform: Platform, now: Date, today: string) {
  const due = await platform.db
    .select()
    .from(partnershipAgreements)
    .where(
      and(
        inArray(partnershipAgreements.state, ['signed', 'active']),
        lt(partnershipAgreements.endsOn, today),
      ),
    );
  const actor = { kind: 'system', label: AGREEMENT_REMINDER_JOB, requestId: AGREEMENT_REMINDER_JOB } as const;
  for (const before of due) {
    await platform.db.transaction(async (tx) => {
      const [after] = await tx
        .update(partnershipAgreements)
        .set({ state: 'expired', version: before.version + 1, updatedAt: now })
        .where(
          and(eq(partnershipAgreements.id, before.id), eq(partnershipAgreements.version, before.version)),
        )
        .returning();
      if (!after) return;
      await recordAudit(tx, actor, now, {
        action: 'partnership.agreement-state-changed',
        entity: 'partnership',
        entityId: before.partnershipId,
        agencyId: before.agencyId,
        before,
        after: { ...after, reason: `The end date ${before.endsOn} has passed.` },
      });
    });
  }
  return due.length;
}
