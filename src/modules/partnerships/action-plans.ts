import { and, asc, eq, inArray, lt, notInArray } from 'drizzle-orm';
import { memberships, organisationMembers, users } from '../../platform/accounts/tables.ts';
import { appUrl } from '../../platform/accounts/links.ts';
import { dayOf, daysBetween } from '../../platform/clock.ts';
import type { Platform } from '../../platform/context.ts';
import { remindOnce } from '../../platform/mail/reminders.ts';
import { together, type Db } from '../../platform/db/client.ts';
import { invalid } from '../../platform/http/problems.ts';
import { organisationSummaries } from '../register/index.ts';
import {
  closedStatuses,
  issueQuestions,
  type ActionStatus,
  type ActionView,
  type OverdueAction,
  type PlanView,
} from './plan-contracts.ts';
import {
  actionPlans,
  partnershipParties,
  partnerships,
  planActionNotes,
  planActionOverdueNotices,
  planActions,
} from './tables.ts';

// Reading joint action plans (issue 4 item 9, 002 "Steps to guide the development of an Action
// Plan") and the daily notice of overdue actions to their owners.

type ActionRow = typeof planActions.$inferSelect;

/** Overdue: past its due date and neither done nor cancelled. */
export const isOverdue = (action: { dueOn: string; status: string }, today: string) =>
  action.dueOn < today && !closedStatuses.includes(action.status as ActionStatus);

/** Names of owners, staff and organisations, in two queries. */
async function ownerNames(db: Db, rows: ActionRow[]) {
  const userIds = rows.flatMap((row) => (row.ownerUserId ? [row.ownerUserId] : []));
  const staff = userIds.length
    ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))
    : [];
  const organisations = await organisationSummaries(
    db,
    rows.flatMap((row) => (row.ownerOrganisationId ? [row.ownerOrganisationId] : [])),
  );
  const names = new Map(staff.map((person) => [person.id, person.name]));
  return (row: ActionRow) =>
    row.ownerUserId
      ? (names.get(row.ownerUserId) ?? '—')
      : (organisations.get(row.ownerOrganisationId ?? '')?.legalName ?? '—');
}

export async function presentActions(db: Db, rows: ActionRow[], today: string): Promise<ActionView[]> {
  if (rows.length === 0) return [];
  const [nameOf, notes] = await together(db, [
    () => ownerNames(db, rows),
    () =>
      db
        .select()
        .from(planActionNotes)
        .where(
          inArray(
            planActionNotes.actionId,
            rows.map((row) => row.id),
          ),
        )
        .orderBy(asc(planActionNotes.writtenAt), asc(planActionNotes.id)),
  ]);
  return rows.map((row) => ({
    id: row.id,
    partnershipId: row.partnershipId,
    title: row.title,
    owner: { userId: row.ownerUserId, organisationId: row.ownerOrganisationId, name: nameOf(row) },
    dueOn: row.dueOn,
    status: row.status as ActionStatus,
    overdue: isOverdue(row, today),
    notes: notes
      .filter((note) => note.actionId === row.id)
      .map((note) => ({ note: note.note, status: note.status, at: note.writtenAt, by: note.writtenByName })),
    version: row.version,
  }));
}

/** The plan of a partnership, or an empty one (version 0) when none is written yet. */
export async function planOf(
  db: Db,
  agencyId: string,
  partnershipId: string,
  today: string,
): Promise<PlanView> {
  const [plan] = await db
    .select()
    .from(actionPlans)
    .where(and(eq(actionPlans.agencyId, agencyId), eq(actionPlans.partnershipId, partnershipId)));
  const empty = Object.fromEntries(issueQuestions.map((key) => [key, null]));
  if (!plan)
    return {
      id: null,
      partnershipId,
      issue: empty,
      vision: null,
      signsOfSuccess: null,
      actions: [],
      version: 0,
    };
  const rows = await db
    .select()
    .from(planActions)
    .where(eq(planActions.planId, plan.id))
    .orderBy(asc(planActions.dueOn), asc(planActions.createdAt));
  return {
    id: plan.id,
    partnershipId,
    issue: { ...empty, ...plan.issue },
    vision: plan.vision,
    signsOfSuccess: plan.signsOfSuccess,
    actions: await presentActions(db, rows, today),
    version: plan.version,
  };
}

/** The owner named exists on its side: a staff user of this agency, or a party of the partnership. */
export async function checkOwner(
  db: Db,
  agencyId: string,
  partnershipId: string,
  owner: { userId: string } | { organisationId: string },
) {
  if ('userId' in owner) {
    const [member] = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.agencyId, agencyId), eq(memberships.userId, owner.userId)));
    if (!member) throw invalid('owner.userId', 'This person is not on the agency staff.');
    return { ownerUserId: owner.userId, ownerOrganisationId: null };
  }
  const [party] = await db
    .select({ organisationId: partnershipParties.organisationId })
    .from(partnershipParties)
    .where(
      and(
        eq(partnershipParties.partnershipId, partnershipId),
        eq(partnershipParties.organisationId, owner.organisationId),
      ),
    );
  if (!party) throw invalid('owner.organisationId', 'This organisation is not a party of the partnership.');
  return { ownerUserId: null, ownerOrganisationId: owner.organisationId };
}

/** The agency's overdue actions, oldest due first, for its dashboards and the overdue list. */
export async function overdueActions(db: Db, agencyId: string, today: string): Promise<OverdueAction[]> {
  const rows = await db
    .select({ action: planActions, partnershipTitle: partnerships.title })
    .from(planActions)
    .innerJoin(partnerships, eq(partnerships.id, planActions.partnershipId))
    .where(
      and(
        eq(planActions.agencyId, agencyId),
        lt(planActions.dueOn, today),
        notInArray(planActions.status, closedStatuses),
      ),
    )
    .orderBy(asc(planActions.dueOn))
    .limit(500);
  const nameOf = await ownerNames(
    db,
    rows.map((row) => row.action),
  );
  return rows.map(({ action, partnershipTitle }) => ({
    id: action.id,
    partnershipId: action.partnershipId,
    partnershipTitle,
    title: action.title,
    owner: { userId: action.ownerUserId, organisationId: action.ownerOrganisationId, name: nameOf(action) },
    dueOn: action.dueOn,
    status: action.status as ActionStatus,
    overdue: true,
    daysOverdue: daysBetween(action.dueOn, today),
    version: action.version,
  }));
}

export const OVERDUE_ACTIONS_JOB = 'partnerships.overdue-actions';

/**
 * Daily: each overdue action's owner is told once per due date (a staff owner by e-mail; an
 * organisation through its CSO administrators). A new due date earns a new notice.
 */
export async function sendOverdueNotices(platform: Platform): Promise<{ notified: number }> {
  const now = platform.clock.now();
  const today = dayOf(now);
  const rows = await platform.db
    .select({ action: planActions, partnershipTitle: partnerships.title })
    .from(planActions)
    .innerJoin(partnerships, eq(partnerships.id, planActions.partnershipId))
    .where(and(lt(planActions.dueOn, today), notInArray(planActions.status, closedStatuses)));
  let notified = 0;
  for (const { action, partnershipTitle } of rows) {
    const people = action.ownerUserId
      ? await platform.db
          .select({ name: users.name, email: users.email })
          .from(users)
          .where(eq(users.id, action.ownerUserId))
      : await platform.db
          .select({ name: users.name, email: users.email })
          .from(organisationMembers)
          .innerJoin(users, eq(users.id, organisationMembers.userId))
          .where(
            and(
              eq(organisationMembers.organisationId, action.ownerOrganisationId ?? ''),
              eq(organisationMembers.role, 'cso-administrator'),
              eq(organisationMembers.status, 'confirmed'),
            ),
          );
    const link = action.ownerUserId
      ? appUrl(platform, `/partnerships/${action.partnershipId}?tab=plan`)
      : appUrl(platform, '/portal');
    const sent = await remindOnce(
      platform,
      async (tx) =>
        (
          await tx
            .insert(planActionOverdueNotices)
            .values({ actionId: action.id, dueOn: action.dueOn, sentAt: now })
            .onConflictDoNothing()
            .returning()
        ).length > 0,
      people.map((person) => ({
        to: person.email,
        subject: `Overdue: ${action.title}`,
        text: [
          `Kia orana ${person.name},`,
          '',
          `The action "${action.title}" in the joint action plan of ${partnershipTitle} was due on ${action.dueOn}.`,
          'Add a progress note, or mark it done, so both sides know where it stands.',
          '',
          link,
        ].join('\n'),
      })),
    );
    if (sent) notified++;
  }
  return { notified };
}
