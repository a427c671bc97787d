import { and, eq, sql } from 'drizzle-orm';
import { appUrl } from '../../platform/accounts/links.ts';
import { users } from '../../platform/accounts/tables.ts';
import { dayAhead, dayOf, daysBetween } from '../../platform/clock.ts';
import type { Platform } from '../../platform/context.ts';
import { inDays, reminderDue, remindOnce } from '../../platform/mail/reminders.ts';
import { organisationSummaries } from '../register/index.ts';
import { advisoryBodies, bodyMembers, bodyTermReminders } from './tables.ts';

export const TERM_REMINDER_JOB = 'dialogue.term-reminders';
/** Days before a member's term ends when the body's point of contact is reminded, once each. */
export const TERM_REMINDER_DAYS = [60, 14];

/** Seats ending soon: the body's point of contact hears in time to renew or replace the member. */
export async function sendTermReminders(platform: Platform): Promise<{ reminded: number }> {
  const now = platform.clock.now();
  const today = dayOf(now);
  const horizon = dayAhead(now, Math.max(...TERM_REMINDER_DAYS));
  const ending = await platform.db
    .select({
      member: bodyMembers,
      body: { id: advisoryBodies.id, name: advisoryBodies.name },
      contact: { name: users.name, email: users.email },
    })
    .from(bodyMembers)
    .innerJoin(advisoryBodies, eq(advisoryBodies.id, bodyMembers.bodyId))
    .innerJoin(users, eq(users.id, advisoryBodies.contactUserId))
    .where(and(sql`${bodyMembers.endsOn} between ${today}::date and ${horizon}::date`));
  const names = await organisationSummaries(
    platform.db,
    ending.flatMap(({ member }) => (member.organisationId ? [member.organisationId] : [])),
  );
  let reminded = 0;
  for (const { member, body, contact } of ending) {
    const endsOn = member.endsOn!;
    const daysLeft = daysBetween(today, endsOn);
    const daysBefore = reminderDue(daysLeft, TERM_REMINDER_DAYS);
    if (daysBefore === undefined) continue;
    const organisation = member.organisationId ? names.get(member.organisationId)?.legalName : undefined;
    const who = [member.personName, organisation].filter(Boolean).join(', ');
    const sent = await remindOnce(
      platform,
      async (tx) =>
        (
          await tx
            .insert(bodyTermReminders)
            .values({ memberId: member.id, endsOn, daysBefore, sentAt: now })
            .onConflictDoNothing()
            .returning()
        ).length > 0,
      [
        {
          to: contact.email,
          subject: `${body.name}: the term of ${who} ends on ${endsOn}`,
          text: [
            `Kia orana ${contact.name},`,
            '',
            `The term of ${who} (${member.role}) on ${body.name} ends on ${endsOn}, ${inDays(daysLeft)}.`,
            'Renew the appointment or plan who takes the seat, so the body keeps its members.',
            '',
            appUrl(platform, `/dialogue/bodies/${body.id}`),
          ].join('\n'),
        },
      ],
    );
    if (sent) reminded++;
  }
  return { reminded };
}
