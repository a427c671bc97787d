import { and, desc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { notFound, staleVersion } from '../../../platform/http/problems.ts';
import { authorize, scopeOf, type AgencyScope, type UserActor } from '../../../platform/policy/index.ts';
import { missingOrganisations, organisationSummaries } from '../../register/index.ts';
import { fieldProblems } from '../partnerships.ts';
import { partnersMeetings } from '../tables.ts';

// 001 §16d: "collective annual partnership meetings may be arranged for review of partnership
// approach via networking, cross learning, analysis, strengthening programs".

type MeetingRow = typeof partnersMeetings.$inferSelect;
type MeetingInput = {
  heldOn: string;
  title: string;
  organisationIds: string[];
  attendees?: string | null | undefined;
  notes?: string | null | undefined;
  decisions?: string | null | undefined;
};

async function presentMeetings(db: Db, rows: MeetingRow[]) {
  const names = await organisationSummaries(
    db,
    rows.flatMap((row) => row.organisationIds),
  );
  return rows.map((row) => ({
    id: row.id,
    heldOn: row.heldOn,
    title: row.title,
    organisations: row.organisationIds.map((organisationId) => ({
      organisationId,
      legalName: names.get(organisationId)?.legalName ?? '—',
    })),
    attendees: row.attendees,
    notes: row.notes,
    decisions: row.decisions,
    version: row.version,
  }));
}

async function checkOrganisations(db: Db, ids: string[]) {
  const missing = new Set(await missingOrganisations(db, ids));
  const errors = ids.flatMap((id, index) =>
    missing.has(id)
      ? [{ field: `organisationIds.${index}`, message: 'This organisation is not in the register.' }]
      : [],
  );
  if (errors.length) throw fieldProblems(errors);
}

const columns = (input: MeetingInput) => ({
  heldOn: input.heldOn,
  title: input.title,
  organisationIds: [...new Set(input.organisationIds)],
  attendees: input.attendees ?? null,
  notes: input.notes ?? null,
  decisions: input.decisions ?? null,
});

async function meetingRow(db: Db, scope: AgencyScope, id: string) {
  const [row] = await db
    .select()
    .from(partnersMeetings)
    .where(and(eq(partnersMeetings.id, id), eq(partnersMeetings.agencyId, scope.agencyId)));
  if (!row) throw notFound("This partners' meeting");
  return row;
}

export async function listPartnersMeetings(db: Db, scope: AgencyScope) {
  const rows = await db
    .select()
    .from(partnersMeetings)
    .where(eq(partnersMeetings.agencyId, scope.agencyId))
    .orderBy(desc(partnersMeetings.heldOn))
    .limit(100);
  return { items: await presentMeetings(db, rows) };
}

export async function recordPartnersMeeting(
  platform: Platform,
  { actor, input }: { actor: UserActor; input: MeetingInput },
) {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  await checkOrganisations(platform.db, input.organisationIds);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(partnersMeetings)
      .values({ ...columns(input), agencyId: scope.agencyId, createdAt: now, updatedAt: now })
      .returning();
    const [after] = await presentMeetings(tx, [row!]);
    await recordAudit(tx, actor, now, {
      action: 'partners-meeting.recorded',
      entity: 'partners-meeting',
      entityId: row!.id,
      agencyId: scope.agencyId,
      after,
    });
    return after!;
  });
}

export async function changePartnersMeeting(
  platform: Platform,
  { actor, id, input, version }: { actor: UserActor; id: string; input: MeetingInput; version: number },
) {
  authorize(actor, 'partnerships:edit');
  const scope = scopeOf(actor);
  const [before] = await presentMeetings(platform.db, [await meetingRow(platform.db, scope, id)]);
  if (before!.version !== version) throw staleVersion(before);
  await checkOrganisations(platform.db, input.organisationIds);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .update(partnersMeetings)
      .set({ ...columns(input), version: version + 1, updatedAt: now })
      .where(
        and(
          eq(partnersMeetings.id, id),
          eq(partnersMeetings.agencyId, scope.agencyId),
          eq(partnersMeetings.version, version),
        ),
      )
      .returning();
    if (!row) throw staleVersion((await presentMeetings(tx, [await meetingRow(tx, scope, id)]))[0]);
    const [after] = await presentMeetings(tx, [row]);
    await recordAudit(tx, actor, now, {
      action: 'partners-meeting.changed',
      entity: 'partners-meeting',
      entityId: id,
      agencyId: scope.agencyId,
      before,
      after,
    });
    return after!;
  });
}
