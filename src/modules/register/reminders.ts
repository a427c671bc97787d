import { and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { appUrl } from '../../platform/accounts/links.ts';
import { agencies, memberships, users } from '../../platform/accounts/tables.ts';
import type { Platform } from '../../platform/context.ts';
import { remindOnce } from '../../platform/mail/reminders.ts';
import { loadSettings, renewalDueAt, statusThresholds } from './register-status.ts';
import { contacts, organisations, renewalReminders } from './tables.ts';
import { MAIL_JOB } from '../../platform/mail/index.ts';

export const RENEWAL_REMINDER_JOB = 'register.renewal-reminders';
const dayMs = 86_400_000;

/**
 * 000 Focus area 1: each profile is renewed yearly. Before a confirmation runs out, its contacts who
 * agreed to be contacted get a reminder at each configured offset (60, 30, 7 days by default), once
 * per offset; the coordinators of every agency get one digest of what went out.
 */
export async function sendRenewalReminders(
  platform: Platform,
): Promise<{ reminded: number; digests: number }> {
  const now = platform.clock.now();
  const settings = await loadSettings(platform.db);
  const offsets = [...settings.reminderDaysBefore].sort((a, b) => a - b);
  if (offsets.length === 0) return { reminded: 0, digests: 0 };
  const earliest = Math.max(...offsets);
  const { lapsedIfConfirmedBefore } = statusThresholds(settings, now);
  // Confirmed long enough ago that the first reminder is due, and not yet lapsed.
  const windowStart = new Date(now.getTime() + earliest * dayMs);
  windowStart.setUTCMonth(windowStart.getUTCMonth() - settings.renewalMonths);
  const candidates = await platform.db
    .select({
      id: organisations.id,
      legalName: organisations.legalName,
      lastConfirmedAt: organisations.lastConfirmedAt,
    })
    .from(organisations)
    .where(
      and(
        isNull(organisations.mergedIntoId),
        lte(organisations.lastConfirmedAt, windowStart),
        sql`${organisations.lastConfirmedAt} > ${lapsedIfConfirmedBefore.toISOString()}`,
      ),
    );

  const reminded: { legalName: string; dueAt: Date }[] = [];
  for (const organisation of candidates) {
    const dueAt = renewalDueAt(organisation.lastConfirmedAt, settings);
    const daysLeft = (dueAt.getTime() - now.getTime()) / dayMs;
    const offset = offsets.find((days) => daysLeft <= days);
    if (offset === undefined) continue;
    const sent = await remind(platform, organisation, dueAt, offset, now);
    if (sent) reminded.push({ legalName: organisation.legalName, dueAt });
  }
  const digests = reminded.length ? await sendDigests(platform, reminded) : 0;
  return { reminded: reminded.length, digests };
}

async function remind(
  platform: Platform,
  organisation: { id: string; legalName: string; lastConfirmedAt: Date },
  dueAt: Date,
  daysBefore: number,
  now: Date,
): Promise<boolean> {
  const recipients = await platform.db
    .select({ name: contacts.name, email: contacts.email })
    .from(contacts)
    .where(and(eq(contacts.organisationId, organisation.id), eq(contacts.consentToContact, true)));
  const addressed = recipients.filter((r): r is { name: string; email: string } => Boolean(r.email));
  const due = dueAt.toISOString().slice(0, 10);
  // The claim and the e-mails commit together: another process finds the claim and sends nothing.
  return remindOnce(
    platform,
    async (tx) =>
      (
        await tx
          .insert(renewalReminders)
          .values({
            organisationId: organisation.id,
            cycleConfirmedAt: organisation.lastConfirmedAt,
            daysBefore,
            sentAt: now,
            recipients: addressed.length,
          })
          .onConflictDoNothing()
          .returning()
      ).length > 0,
    addressed.map((person) => ({
      to: person.email,
      subject: `Please confirm ${organisation.legalName} in the register by ${due}`,
      text: [
        `Kia orana ${person.name},`,
        '',
        `The register entry of ${organisation.legalName} needs its yearly confirmation by ${due}.`,
        'Please check that its details are still right and confirm them, or change what is out of date:',
        '',
        appUrl(platform, `/portal/${organisation.id}`),
        '',
        'No account yet? Ask to act for the organisation here, and a coordinator will confirm you:',
        appUrl(platform, '/portal/sign-up'),
      ].join('\n'),
    })),
  );
}

async function sendDigests(
  platform: Platform,
  reminded: { legalName: string; dueAt: Date }[],
): Promise<number> {
  const coordinators = await platform.db
    .select({ email: users.email, name: users.name, agency: agencies.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
    .where(inArray(memberships.role, ['partnership-coordinator']));
  const lines = reminded.map((r) => `- ${r.legalName}, due ${r.dueAt.toISOString().slice(0, 10)}`);
  for (const coordinator of coordinators) {
    await platform.jobs.send(MAIL_JOB, {
      to: coordinator.email,
      subject: `Register renewals: ${reminded.length} reminder(s) sent today`,
      text: [
        `Kia orana ${coordinator.name},`,
        '',
        'These organisations were reminded to confirm their register entry:',
        ...lines,
        '',
        appUrl(platform, '/register/renewals'),
      ].join('\n'),
    });
  }
  return coordinators.length;
}
