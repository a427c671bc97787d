import { and, eq, ne, sql } from 'drizzle-orm';
import { appUrl } from '../../platform/accounts/links.ts';
import { users } from '../../platform/accounts/tables.ts';
import type { Platform } from '../../platform/context.ts';
import { nextReviewSql } from './policies.ts';
import { dayOf, daysBetween, nextReviewOn } from './review-schedule.ts';
import { policies, policyReviewReminders } from './tables.ts';

export const REVIEW_REMINDER_JOB = 'dialogue.review-reminders';
/** Days before a review falls due when its point of contact is reminded, once each. */
export const REVIEW_REMINDER_DAYS = [90, 30, 7];

/**
 * 000 §8: policies are reviewed on a schedule. Before a review falls due, the policy's point of
 * contact is e-mailed at each offset, once per offset (a claimed row stops a second process).
 */
export async function sendReviewReminders(platform: Platform): Promise<{ reminded: number }> {
  const now = platform.clock.now();
  const today = dayOf(now);
  const offsets = [...REVIEW_REMINDER_DAYS].sort((a, b) => a - b);
  const horizon = dayOf(new Date(now.getTime() + Math.max(...offsets) * 86_400_000));
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
    const offset = offsets.find((days) => daysLeft <= days);
    if (offset === undefined) continue;
    const claimed = await platform.db
      .insert(policyReviewReminders)
      .values({ policyId: policy.id, dueOn, daysBefore: offset, sentAt: now })
      .onConflictDoNothing()
      .returning();
    if (claimed.length === 0) continue;
    await platform.jobs.send('mail.send', {
      to: contact.email,
      subject: `${policy.title}: review due by ${dueOn}`,
      text: [
        `Kia orana ${contact.name},`,
        '',
        `You are the point of contact for ${policy.title}. Its review is due by ${dueOn} (in ${daysLeft} days).`,
        'The policy is to be reviewed in consultation with civil society; plan the consultation now.',
        '',
        appUrl(platform, `/dialogue/policies/${policy.id}`),
      ].join('\n'),
    });
    reminded++;
  }
  return { reminded };
}
