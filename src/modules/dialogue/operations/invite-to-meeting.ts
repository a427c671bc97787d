import { and, eq } from 'drizzle-orm';
import { memberships, users } from '../../../platform/accounts/tables.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { invalid, Problem } from '../../../platform/http/problems.ts';
import { authorize, scopeOf, type AgencyScope, type UserActor } from '../../../platform/policy/index.ts';
import { contactsToWrite, missingOrganisations } from '../../register/index.ts';
import type { z } from 'zod';
import type { Invitee } from '../contracts.ts';
import { loadMeeting, localTime } from '../meetings.ts';
import { replyUrl } from '../reply-links.ts';
import { meetingInvitations } from '../tables.ts';
import type { Db } from '../../../platform/db/client.ts';
import { MAIL_JOB } from '../../../platform/mail/index.ts';

type Person = { name: string | null; email: string; userId: string | null; organisationId: string | null };

/** Staff by account, organisations through their contacts who agreed to be written to, anyone by address. */
async function resolve(db: Db, scope: AgencyScope, people: z.infer<typeof Invitee>[]): Promise<Person[]> {
  const resolved: Person[] = [];
  for (const [index, person] of people.entries()) {
    if ('userId' in person) {
      const [member] = await db
        .select({ name: users.name, email: users.email })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.agencyId, scope.agencyId), eq(memberships.userId, person.userId)));
      if (!member) throw invalid(`people.${index}.userId`, 'This person is not a member of your agency.');
      resolved.push({ ...member, userId: person.userId, organisationId: null });
    } else if ('organisationId' in person) {
      if ((await missingOrganisations(db, [person.organisationId])).length > 0)
        throw invalid(`people.${index}.organisationId`, 'This organisation is not in the register.');
      const contacts = await contactsToWrite(db, [person.organisationId]);
      if (contacts.length === 0)
        throw invalid(
          `people.${index}.organisationId`,
          'This organisation has no contact who agreed to be written to.',
        );
      for (const contact of contacts)
        resolved.push({
          name: contact.name,
          email: contact.email!,
          userId: null,
          organisationId: person.organisationId,
        });
    } else {
      resolved.push({ name: person.name ?? null, email: person.email, userId: null, organisationId: null });
    }
  }
  return resolved;
}

/**
 * Invitations by e-mail, each with a reply link that needs no sign-in (issue 5 item 4). Someone
 * already invited is not invited twice; the e-mails go only after the invitations are saved.
 */
export async function inviteToMeeting(
  platform: Platform,
  { actor, id, people }: { actor: UserActor; id: string; people: z.infer<typeof Invitee>[] },
) {
  authorize(actor, 'dialogue:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  const before = await loadMeeting(platform.db, scope, id, now);
  if (before.startsAt <= now)
    throw new Problem('conflict', 'This meeting has already started; invitations can no longer be sent.');
  const already = new Set(before.invitations.map((invitation) => invitation.email.toLowerCase()));
  const fresh = new Map<string, Person>();
  for (const person of await resolve(platform.db, scope, people)) {
    const key = person.email.toLowerCase();
    if (!already.has(key) && !fresh.has(key)) fresh.set(key, person);
  }
  const { invited, after } = await platform.db.transaction(async (tx) => {
    const invited =
      fresh.size === 0
        ? []
        : await tx
            .insert(meetingInvitations)
            .values(
              [...fresh.values()].map((person) => ({
                ...person,
                agencyId: scope.agencyId,
                meetingId: id,
                invitedAt: now,
              })),
            )
            .returning();
    const after = await loadMeeting(tx, scope, id, now);
    if (invited.length > 0)
      await recordAudit(tx, actor, now, {
        action: 'meeting.invitations-sent',
        entity: 'meeting',
        entityId: id,
        agencyId: scope.agencyId,
        after: { invited: invited.map((row) => ({ email: row.email, name: row.name })) },
      });
    return { invited, after };
  });
  const when = localTime(after);
  for (const invitation of invited) {
    await platform.jobs.send(MAIL_JOB, {
      to: invitation.email,
      subject: `Invitation: ${after.title}, ${when}`,
      text: [
        `Kia orana${invitation.name ? ` ${invitation.name}` : ''},`,
        '',
        `You are invited to ${after.title}.`,
        `When: ${when}`,
        ...(after.place ? [`Where: ${after.place}`] : []),
        ...(after.onlineLink ? [`Online: ${after.onlineLink}`] : []),
        ...(after.agenda.length > 0
          ? ['', 'Agenda:', ...after.agenda.map((item, i) => `${i + 1}. ${item.title}`)]
          : []),
        '',
        'Please tell us whether you will come (no sign-in needed; the link works until the meeting starts):',
        await replyUrl(platform, invitation.id, after.startsAt),
      ].join('\n'),
    });
  }
  return { invited: invited.length, meeting: after };
}
