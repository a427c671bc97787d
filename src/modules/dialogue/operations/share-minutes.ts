import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { Problem } from '../../../platform/http/problems.ts';
import { authorize, scopeOf, type UserActor } from '../../../platform/policy/index.ts';
import { logDisclosure } from '../disclosures.ts';
import { loadMeeting } from '../meetings.ts';
import { MAIL_JOB } from '../../../platform/mail/index.ts';

/**
 * E-mails a held meeting's minutes, decisions and actions to everyone invited, once per address,
 * and logs it as a disclosure (001 §16c: partners are told what was decided). Sharing again, after
 * the minutes changed, is allowed and logged again.
 */
export async function shareMinutes(platform: Platform, { actor, id }: { actor: UserActor; id: string }) {
  authorize(actor, 'dialogue:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  const meeting = await loadMeeting(platform.db, scope, id, now);
  if (meeting.startsAt > now)
    throw new Problem('conflict', 'Minutes are shared once the meeting has been held.');
  if (!meeting.minutes) throw new Problem('conflict', 'Write the minutes before sharing them.');
  const addresses = new Map<string, string | null>();
  for (const invitation of meeting.invitations)
    if (!addresses.has(invitation.email.toLowerCase()))
      addresses.set(invitation.email.toLowerCase(), invitation.name);
  if (addresses.size === 0)
    throw new Problem('conflict', 'No one was invited, so there is no one to share with.');
  await platform.db.transaction(async (tx) => {
    await logDisclosure(
      tx,
      {
        agencyId: scope.agencyId,
        kind: 'meeting-minutes',
        subject: `Minutes of ${meeting.title}`,
        toWhom: 'Everyone invited to the meeting',
        recipientCount: addresses.size,
        disclosedOn: now.toISOString().slice(0, 10),
        entity: 'meeting',
        entityId: id,
        recordedBy: actor.userId,
      },
      now,
    );
    await recordAudit(tx, actor, now, {
      action: 'meeting.minutes-shared',
      entity: 'meeting',
      entityId: id,
      agencyId: scope.agencyId,
      after: { recipients: addresses.size },
    });
  });
  const outcomes = meeting.outcomes.map((outcome) => {
    if (outcome.kind === 'decision') return `- Decision: ${outcome.text}`;
    const who = [outcome.ownerName, outcome.dueOn ? `by ${outcome.dueOn}` : null].filter(Boolean).join(', ');
    return `- Action: ${outcome.text}${who ? ` (${who})` : ''}`;
  });
  for (const [email, name] of addresses)
    await platform.jobs.send(MAIL_JOB, {
      to: email,
      subject: `Minutes: ${meeting.title}`,
      text: [
        `Kia orana${name ? ` ${name}` : ''},`,
        '',
        `The minutes of ${meeting.title}:`,
        '',
        meeting.minutes,
        ...(outcomes.length > 0 ? ['', 'Decisions and actions:', ...outcomes] : []),
      ].join('\n'),
    });
  return { shared: addresses.size };
}
