import { and, between, eq, inArray } from 'drizzle-orm';
import { appUrl } from '../../platform/accounts/links.ts';
import { users } from '../../platform/accounts/tables.ts';
import type { Platform } from '../../platform/context.ts';
import { dayAhead, dayOf, daysBetween } from '../../platform/clock.ts';
import { inDays, reminderDue, remindOnce } from '../../platform/mail/reminders.ts';
import {
  decisionConflicts,
  decisionDeadlineReminders,
  decisionRequests,
  decisionVotes,
  partnerships,
} from './tables.ts';

export const DECISION_REMINDER_JOB = 'partnerships.decision-reminders';
/** Days before a decision request's deadline when members who have not answered are reminded. */
export const DECISION_REMINDER_DAYS = [3, 1];

/** The members a request was put to who have neither voted nor declared a conflict. */
async function unanswered(platform: Platform, request: { id: string; memberIds: string[] }) {
  const [votes, conflicts] = await Promise.all([
    platform.db
      .select({ userId: decisionVotes.userId })
      .from(decisionVotes)
      .where(eq(decisionVotes.requestId, request.id)),
    platform.db
      .select({ userId: decisionConflicts.userId })
      .from(decisionConflicts)
      .where(eq(decisionConflicts.requestId, request.id)),
  ]);
  const answered = new Set([...votes, ...conflicts].map((row) => row.userId));
  const waiting = request.memberIds.filter((userId) => !answered.has(userId));
  if (waiting.length === 0) return [];
  return platform.db
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(inArray(users.id, waiting));
}

/**
 * 001 §18c: the committee decides in time. Before an open request's deadline, the members who have
 * not yet voted nor declared a conflict are e-mailed, once per offset. Not on the day the request
 * was raised: its invitation has just gone.
 */
export async function sendDecisionReminders(platform: Platform): Promise<{ reminded: number }> {
  const now = platform.clock.now();
  const today = dayOf(now);
  const open = await platform.db
    .select({ request: decisionRequests, title: partnerships.title })
    .from(decisionRequests)
    .innerJoin(partnerships, eq(partnerships.id, decisionRequests.partnershipId))
    .where(
      and(
        eq(decisionRequests.state, 'open'),
        between(decisionRequests.deadline, today, dayAhead(now, Math.max(...DECISION_REMINDER_DAYS))),
      ),
    );
  let reminded = 0;
  for (const { request, title } of open) {
    const daysLeft = daysBetween(today, request.deadline);
    const daysBefore = reminderDue(daysLeft, DECISION_REMINDER_DAYS);
    if (daysBefore === undefined || dayOf(request.raisedAt) === today) continue;
    const people = await unanswered(platform, request);
    if (people.length === 0) continue;
    const when = inDays(daysLeft);
    const sent = await remindOnce(
      platform,
      async (tx) =>
        (
          await tx
            .insert(decisionDeadlineReminders)
            .values({
              requestId: request.id,
              deadline: request.deadline,
              daysBefore,
              sentAt: now,
              recipients: people.length,
            })
            .onConflictDoNothing()
            .returning()
        ).length > 0,
      people.map((person) => ({
        to: person.email,
        subject: `Your decision is awaited by ${request.deadline}: ${title}`,
        text: [
          `Kia orana ${person.name},`,
          '',
          `The committee was asked to decide on the partnership "${title}" by ${request.deadline}, ${when}.`,
          '',
          request.question,
          '',
          'You have not yet voted nor declared a conflict of interest. Please do, so the decision can be made:',
          appUrl(platform, `/partnerships/${request.partnershipId}?tab=decisions`),
        ].join('\n'),
      })),
    );
    if (sent) reminded++;
  }
  return { reminded };
}
