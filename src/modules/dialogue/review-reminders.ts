import { and, eq, ne, sql } from 'drizzle-orm';
import { appUrl } from '../../platform/accounts/links.ts';
import { users } from '../../platform/accounts/tables.ts';
import { dayAhead, dayOf, daysBetween } from '../../platform/clock.ts';
import type { Platform } from '../../platform/context.ts';
import { inDays, reminderDue, remindOnce } from '../../platform/mail/reminders.ts';
import { nextReviewSql } from './policies.ts';
import { nextReviewOn } from './review-schedule.ts';
import { policies, policyReviewReminders } from './tables.ts';

export const REVIEW_REMINDER_JOB = 'dialogue.review-reminders';
/** Days before a review falls due when its point of contact is reminded, once each. */
export const REVIEW_REMINDER_DAYS = [90, 30, 7];

/**
 * 000 §8: policies are reviewed on a schedule. Before a review falls due, the policy's point of
 * contact is e-mailed at each offset, once per offset (remindOnce).
 */
export async function sendReviewReminders(platform: Platform): Promise<{ reminded: number }> {
  const now = platform.clock.now();
  const today = dayOf(now);
  const horizon = dayAhead(now, Math.max(...REVIEW_REMINDER_DAYS));
  const candidates = await platform.db
    .select({ policy: policies, contact: { name: users.name, email: users.email } })
    .from(policies)
    .innerJoin(users, eq(users.id, policies.contactUserId))
    .where(
      and(ne(policies.status, 'retired'), sql`${nextReviewSql} between ${today}::date and ${horizon}::date`),
    );
  let reminded = 0;
  for (const { policy, contact } of candidates) {
    const dueOn = nextReviewOn(policy);
    const daysLeft = daysBetween(today, dueOn);
    const daysBefore = reminderDue(daysLeft, REVIEW_REMINDER_DAYS);
    if (daysBefore === undefined) continue;
    const sent = await remindOnce(
      platform,
      async (tx) =>
        (
          await tx
            .insert(policyReviewReminders)
            .values({ policyId: policy.id, dueOn, daysBefore, sentAt: now })
            .onConflictDoNothing()
            .returning()
        ).length > 0,
      [
        {
          to: contact.email,
          subject: `${policy.title}: review due by ${dueOn}`,
          text: [
            `Kia orana ${contact.name},`,
            '',
            `You are the point of contact for ${policy.title}. Its review is due by ${dueOn} (${inDays(daysLeft)}).`,
            'The policy is to be reviewed in consultation with civil society; plan the consultation now.',
            '',
            appUrl(platform, `/dialogue/policies/${policy.id}`),
          ].join('\n'),
        },
      ],
    );
    if (sent) reminded++;
  }
  return { reminded };
}
