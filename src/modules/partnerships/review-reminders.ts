import { and, eq, isNotNull, max, notInArray } from 'drizzle-orm';
import { appUrl } from '../../platform/accounts/links.ts';
import { users } from '../../platform/accounts/tables.ts';
import type { Platform } from '../../platform/context.ts';
import { dayAhead, dayOf, daysBetween } from '../../platform/clock.ts';
import { inDays, reminderDue, remindOnce } from '../../platform/mail/reminders.ts';
import { endedStates, nextReviewOn } from './reviews.ts';
import { partnershipReviews, partnerships, reviewDueReminders } from './tables.ts';

export const REVIEW_DUE_REMINDER_JOB = 'partnerships.review-reminders';
/** Days before a partnership's review falls due when its coordinator is reminded, once each. */
export const REVIEW_DUE_REMINDER_DAYS = [30, 7];

/**
 * 001 §16d: partnerships are reviewed on their cadence. Before the next review falls due, the
 * partnership's coordinator (who recorded it, as for agreement reminders) is e-mailed at each offset.
 */
export async function sendReviewDueReminders(platform: Platform): Promise<{ reminded: number }> {
  const now = platform.clock.now();
  const today = dayOf(now);
  const horizon = dayAhead(now, Math.max(...REVIEW_DUE_REMINDER_DAYS));
  // Every reviewed partnership with its last complete review: the next date is computed per row,
  // as the due list does (reviews.ts), since it depends on the cadence.
  const rows = await platform.db
    .select({
      partnership: {
        id: partnerships.id,
        title: partnerships.title,
        reviewEveryMonths: partnerships.reviewEveryMonths,
        startsOn: partnerships.startsOn,
        createdAt: partnerships.createdAt,
      },
      lastCompletedOn: max(partnershipReviews.completedOn),
      coordinator: { name: users.name, email: users.email },
    })
    .from(partnerships)
    .innerJoin(users, eq(users.id, partnerships.createdBy))
    .leftJoin(
      partnershipReviews,
      and(eq(partnershipReviews.partnershipId, partnerships.id), eq(partnershipReviews.state, 'complete')),
    )
    .where(and(isNotNull(partnerships.reviewEveryMonths), notInArray(partnerships.state, endedStates)))
    .groupBy(partnerships.id, users.id);
  let reminded = 0;
  for (const { partnership, lastCompletedOn, coordinator } of rows) {
    const dueOn = nextReviewOn(partnership, lastCompletedOn);
    if (!dueOn || dueOn < today || dueOn > horizon) continue;
    const daysLeft = daysBetween(today, dueOn);
    const daysBefore = reminderDue(daysLeft, REVIEW_DUE_REMINDER_DAYS);
    if (daysBefore === undefined) continue;
    const sent = await remindOnce(
      platform,
      async (tx) =>
        (
          await tx
            .insert(reviewDueReminders)
            .values({ partnershipId: partnership.id, dueOn, daysBefore, sentAt: now })
            .onConflictDoNothing()
            .returning()
        ).length > 0,
      [
        {
          to: coordinator.email,
          subject: `${partnership.title}: review due by ${dueOn}`,
          text: [
            `Kia orana ${coordinator.name},`,
            '',
            `The review of the partnership "${partnership.title}" is due by ${dueOn}, ${inDays(daysLeft)}.`,
            'Open it on the Reviews tab and ask each party to write its side in the portal.',
            '',
            appUrl(platform, `/partnerships/${partnership.id}?tab=reviews`),
          ].join('\n'),
        },
      ],
    );
    if (sent) reminded++;
  }
  return { reminded };
}
