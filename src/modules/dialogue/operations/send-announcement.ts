import { count, eq } from 'drizzle-orm';
import { appUrl } from '../../../platform/accounts/links.ts';
import { agencies } from '../../../platform/accounts/tables.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { invalid } from '../../../platform/http/problems.ts';
import type { Progress } from '../../../platform/jobs/index.ts';
import { MAIL_JOB, type Mail } from '../../../platform/mail/index.ts';
import { authorize, scopeOf, systemScope, type UserActor } from '../../../platform/policy/index.ts';
import { organisationsMatching } from '../../register/index.ts';
import { addressesOf, checkAudience, describeAudience, loadAnnouncement } from '../announcements.ts';
import { logDisclosure } from '../disclosures.ts';
import type { AnnouncementInput } from '../outreach-contracts.ts';
import { announcementDeliveries, announcementOrganisations, announcements } from '../tables.ts';

export const ANNOUNCEMENT_MAIL_JOB = 'dialogue.announcement-mail';
// Rows per insert of who it went to: well under PostgreSQL's 65535 parameters.
const chunk = 1000;

/**
 * Sends an announcement: the organisations matching the audience now are kept (so each reads it
 * in the portal), the disclosure log records it, all in one transaction; the e-mails go out after
 * commit through a tracked job, since an audience may be thousands of addresses.
 */
export async function sendAnnouncement(
  platform: Platform,
  { actor, input }: { actor: UserActor; input: AnnouncementInput },
) {
  authorize(actor, 'dialogue:edit');
  const scope = scopeOf(actor);
  await checkAudience(platform.db, input.audience);
  const organisationIds = await organisationsMatching(platform.db, input.audience);
  if (organisationIds.length === 0)
    throw invalid('audience', 'No organisation of the register matches this choice; nothing was sent.');
  const now = platform.clock.now();
  const id = await platform.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(announcements)
      .values({
        agencyId: scope.agencyId,
        title: input.title,
        body: input.body,
        audience: input.audience,
        organisationCount: organisationIds.length,
        sentAt: now,
        sentBy: actor.userId,
      })
      .returning({ id: announcements.id });
    const announcementId = row!.id;
    for (let start = 0; start < organisationIds.length; start += chunk)
      await tx
        .insert(announcementOrganisations)
        .values(
          organisationIds
            .slice(start, start + chunk)
            .map((organisationId) => ({ announcementId, organisationId })),
        );
    await logDisclosure(
      tx,
      {
        agencyId: scope.agencyId,
        kind: 'announcement',
        subject: input.title,
        toWhom: describeAudience(input.audience, organisationIds.length),
        recipientCount: organisationIds.length,
        disclosedOn: now.toISOString().slice(0, 10),
        entity: 'announcement',
        entityId: announcementId,
        recordedBy: actor.userId,
      },
      now,
    );
    await recordAudit(tx, actor, now, {
      action: 'announcement.sent',
      entity: 'announcement',
      entityId: announcementId,
      agencyId: scope.agencyId,
      after: { title: input.title, audience: input.audience, organisations: organisationIds.length },
    });
    return announcementId;
  });
  const jobId = await platform.jobs.send(
    ANNOUNCEMENT_MAIL_JOB,
    { announcementId: id, agencyId: scope.agencyId },
    { tracked: { agencyId: scope.agencyId, userId: actor.userId } },
  );
  await platform.db.update(announcements).set({ jobId }).where(eq(announcements.id, id));
  return loadAnnouncement(platform.db, scope, id);
}

/** Addresses queued per transaction: one insert of deliveries and one of mail jobs each. */
export const DELIVERY_BATCH = 250;

/**
 * The job: one e-mail per address of the organisations it went to, in batches, progress reported
 * after each. Each batch claims its addresses in `announcement_deliveries` and queues their e-mails
 * in one transaction, so a retry after a failure part-way queues only what was not queued (0025).
 */
export async function mailAnnouncement(
  platform: Platform,
  { announcementId, agencyId }: { announcementId: string; agencyId: string },
  progress: Progress,
) {
  const announcement = await loadAnnouncement(platform.db, systemScope(agencyId), announcementId);
  const [agency] = await platform.db
    .select({ name: agencies.name })
    .from(agencies)
    .where(eq(agencies.id, agencyId));
  const organisationIds = (
    await platform.db
      .select({ id: announcementOrganisations.organisationId })
      .from(announcementOrganisations)
      .where(eq(announcementOrganisations.announcementId, announcementId))
  ).map((row) => row.id);
  const addresses = await addressesOf(platform.db, organisationIds);
  const portal = appUrl(platform, '/portal');
  const subject = `${agency?.name ?? 'Vaka'}: ${announcement.title}`;
  const mailTo = (address: { name: string; email: string }): Mail => ({
    to: address.email,
    subject,
    text: [
      `Kia orana ${address.name},`,
      '',
      announcement.body,
      '',
      `You receive this as a contact of an organisation in the register. Read it in the portal: ${portal}`,
    ].join('\n'),
  });
  for (let start = 0; start < addresses.length; start += DELIVERY_BATCH) {
    const batch = addresses.slice(start, start + DELIVERY_BATCH);
    const queuedAt = platform.clock.now();
    await platform.db.transaction(async (tx) => {
      const claimed = await tx
        .insert(announcementDeliveries)
        .values(
          batch.map((address) => ({
            announcementId,
            email: address.email.toLowerCase(),
            organisationId: address.organisationId,
            queuedAt,
          })),
        )
        .onConflictDoNothing()
        .returning({ email: announcementDeliveries.email });
      const fresh = new Set(claimed.map((row) => row.email));
      const mails = batch.filter((address) => fresh.has(address.email.toLowerCase())).map(mailTo);
      await platform.jobs.insert(MAIL_JOB, mails, { db: tx });
    });
    await progress.report(start + batch.length, addresses.length, 'Queueing e-mails');
  }
  // Counted from the deliveries: right after a retry, and after a change of contacts between tries.
  const [delivered] = await platform.db
    .select({ emails: count() })
    .from(announcementDeliveries)
    .where(eq(announcementDeliveries.announcementId, announcementId));
  const emails = delivered?.emails ?? 0;
  await platform.db
    .update(announcements)
    .set({ emailCount: emails })
    .where(eq(announcements.id, announcementId));
  return { emails };
}
