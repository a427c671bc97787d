// CSO users (issue 3 item 3): invited by a coordinator or a CSO administrator, or signing up with
// a verified e-mail and then waiting for a coordinator to confirm them.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { accountForLink, takeAccount } from '../../../platform/accounts/operations/invitations.ts';
import {
  appUrl,
  createLink,
  findLink,
  spendLink,
  type LinkPurpose,
} from '../../../platform/accounts/links.ts';
import { startSession } from '../../../platform/accounts/sessions.ts';
import { memberships, organisationMembers, users } from '../../../platform/accounts/tables.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import { days } from '../../../platform/clock.ts';
import type { Platform } from '../../../platform/context.ts';
import { rowsOf, type Db } from '../../../platform/db/client.ts';
import { forbidden, invalid, notFound, Problem } from '../../../platform/http/problems.ts';
import {
  authorize,
  organisationPermissionsOf,
  roleCan,
  scopeOf,
  type AnonymousActor,
  type OrganisationRole,
  type UserActor,
} from '../../../platform/policy/index.ts';
import { organisationSummaries } from '../lookups.ts';
import { organisations } from '../tables.ts';
import { MAIL_JOB } from '../../../platform/mail/index.ts';

const SIGN_UP_LIFETIME = days(2);
const INVITATION_LIFETIME = days(7);

async function organisationName(platform: Platform, organisationId: string, field: string) {
  const found = await organisationSummaries(platform.db, [organisationId]);
  const organisation = found.get(organisationId);
  if (!organisation) throw invalid(field, 'No such organisation in the register.');
  return organisation.legalName;
}

/**
 * Issue 18 item 2: staff vouch for a CSO's people only where the CSO has no administrators of its
 * own, and only from an agency the CSO chose to see its private parts (or any agency, while it chose
 * none). Otherwise its administrators confirm who speaks for it: an agency must not be able to make
 * its own staff the CSO's administrators and so read, re-share or take over what the CSO keeps.
 */
const vouchable = (
  organisationId: SQL,
  agencyId: string,
) => sql`not exists (select 1 from organisation_members a
    where a.organisation_id = ${organisationId} and a.role = 'cso-administrator' and a.status = 'confirmed')
  and (exists (select 1 from private_access pa where pa.organisation_id = ${organisationId} and pa.agency_id = ${agencyId})
    or not exists (select 1 from private_access pa where pa.organisation_id = ${organisationId}))`;

async function agencyMayVouch(db: Db, organisationId: string, agencyId: string): Promise<boolean> {
  const rows = rowsOf<{ vouchable: boolean }>(
    await db.execute(sql`select ${vouchable(sql`${organisationId}::uuid`, agencyId)} as vouchable`),
  );
  return rows[0]?.vouchable === true;
}

async function refuseUnlessAgencyMayVouch(db: Db, organisationId: string, agencyId: string) {
  if (!(await agencyMayVouch(db, organisationId, agencyId)))
    throw forbidden(
      "This organisation's own administrators, or an agency it chose, confirm and remove its people.",
    );
}

/** A staff invitation confirms on acceptance only if its sender could confirm the person then. */
async function invitationVouched(
  db: Db,
  link: { organisationId: string | null; agencyId: string | null; createdBy: string | null },
): Promise<boolean> {
  if (!link.agencyId || !link.createdBy || !link.organisationId) return false;
  const [membership] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.agencyId, link.agencyId), eq(memberships.userId, link.createdBy)));
  if (!membership || !roleCan(membership.role, 'register:review')) return false;
  return agencyMayVouch(db, link.organisationId, link.agencyId);
}

/**
 * Anyone may ask to act for an organisation; the e-mailed link proves the address. The answer is
 * the same whether or not the address has an account, so it tells a stranger nothing.
 */
export async function signUpForOrganisation(
  platform: Platform,
  anonymous: AnonymousActor,
  input: { email: string; name: string; organisationId: string },
) {
  const legalName = await organisationName(platform, input.organisationId, 'organisationId');
  const now = platform.clock.now();
  const { secret } = await platform.db.transaction(async (tx) => {
    const link = await createLink(platform, tx, 'cso-sign-up', SIGN_UP_LIFETIME, {
      email: input.email,
      name: input.name,
      organisationId: input.organisationId,
      role: 'cso-member',
    });
    await recordAudit(tx, anonymous, now, {
      action: 'cso-user.sign-up-requested',
      entity: 'organisation',
      entityId: input.organisationId,
      agencyId: null,
      after: { email: input.email, name: input.name },
    });
    return link;
  });
  await platform.jobs.send(MAIL_JOB, {
    to: input.email,
    subject: `Confirm your e-mail to act for ${legalName} on Vaka`,
    text: [
      `Kia orana ${input.name},`,
      '',
      `You asked to act for ${legalName} in the register of civil society organisations.`,
      'Open this link within two days to confirm your e-mail address and choose a password:',
      '',
      appUrl(platform, `/portal/join?token=${secret}`),
      '',
      'A coordinator then confirms that you speak for the organisation; we will write to you.',
      'If you did not ask for this, ignore this message.',
    ].join('\n'),
  });
}

/** Invited by a coordinator (any organisation) or by a CSO administrator (their own). */
export async function inviteCsoUser(
  platform: Platform,
  actor: UserActor,
  organisationId: string,
  input: { email: string; name?: string | undefined; role: OrganisationRole },
) {
  const asOrganisation = organisationPermissionsOf(actor, organisationId).includes('organisation:members');
  if (!asOrganisation) authorize(actor, 'register:edit');
  const agencyId = asOrganisation ? null : scopeOf(actor).agencyId;
  const legalName = await organisationName(platform, organisationId, 'organisationId');
  const now = platform.clock.now();
  const { secret } = await platform.db.transaction(async (tx) => {
    const link = await createLink(platform, tx, 'cso-invitation', INVITATION_LIFETIME, {
      email: input.email,
      name: input.name ?? null,
      organisationId,
      role: input.role,
      agencyId,
      createdBy: actor.userId,
    });
    await recordAudit(tx, actor, now, {
      action: 'cso-user.invited',
      entity: 'organisation',
      entityId: organisationId,
      agencyId,
      after: { email: input.email, role: input.role },
    });
    return link;
  });
  await platform.jobs.send(MAIL_JOB, {
    to: input.email,
    subject: `You are invited to act for ${legalName} on Vaka`,
    text: [
      `Kia orana${input.name ? ` ${input.name}` : ''},`,
      '',
      `${actor.name} invites you to keep the register entry of ${legalName} up to date on Vaka,`,
      `as ${input.role.replace(/-/g, ' ')}. Open this link within seven days to accept:`,
      '',
      appUrl(platform, `/portal/join?token=${secret}`),
    ].join('\n'),
  });
}

/** Which kind of link this is, for the page that opens it, without spending it. */
export async function previewCsoLink(platform: Platform, token: string) {
  const link = await findCsoLink(platform, token);
  const legalName = await organisationName(platform, link.organisationId!, 'token');
  const [account] = await platform.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, link.email!));
  return {
    kind: link.purpose === 'cso-invitation' ? ('invitation' as const) : ('sign-up' as const),
    email: link.email!,
    name: link.name,
    organisationName: legalName,
    existingAccount: Boolean(account),
  };
}

async function findCsoLink(platform: Platform, token: string) {
  try {
    return await findLink(platform, 'cso-invitation', token);
  } catch {
    return findLink(platform, 'cso-sign-up', token);
  }
}

/**
 * Spends the link, creates the account if needed and signs the person in. An invitation from the
 * organisation's administrators, or from staff who may vouch for its people, makes a confirmed
 * member at once; any other invitation and a sign-up make a pending one, for the organisation's
 * administrators (or, while it has none, a coordinator who may vouch) to confirm.
 */
export async function acceptCsoLink(
  platform: Platform,
  anonymous: AnonymousActor,
  input: {
    token: string;
    name?: string | undefined;
    password?: string | undefined;
    code?: string | undefined;
    userAgent: string | undefined;
  },
) {
  const link = await findCsoLink(platform, input.token);
  const purpose = link.purpose as LinkPurpose;
  const checked = await accountForLink(platform, link.email!, {
    ...input,
    name: input.name ?? link.name ?? undefined,
  });
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const spent = await spendLink(platform, tx, purpose, input.token);
    const organisationId = spent.organisationId!;
    const account = await takeAccount(tx, now, spent.email!, checked, input.name ?? spent.name ?? undefined);
    const invited = purpose === 'cso-invitation';
    const vouched = invited && (spent.agencyId === null || (await invitationVouched(tx, spent)));
    const [existing] = await tx
      .select()
      .from(organisationMembers)
      .where(
        and(
          eq(organisationMembers.organisationId, organisationId),
          eq(organisationMembers.userId, account.id),
        ),
      );
    const status = vouched || existing?.status === 'confirmed' ? 'confirmed' : 'pending';
    await tx
      .insert(organisationMembers)
      .values({
        organisationId,
        userId: account.id,
        role: spent.role ?? 'cso-member',
        status,
        confirmedAt: status === 'confirmed' ? now : null,
        confirmedBy: vouched ? spent.createdBy : null,
        createdAt: now,
      })
      .onConflictDoUpdate({
        target: [organisationMembers.organisationId, organisationMembers.userId],
        // A confirmed member keeps their role unless the invitation could confirm the new one.
        set: vouched
          ? { role: spent.role ?? 'cso-member', status, confirmedAt: now, confirmedBy: spent.createdBy }
          : existing?.status === 'confirmed'
            ? { createdAt: existing.createdAt }
            : { role: spent.role ?? 'cso-member', createdAt: now },
      });
    const actor = {
      kind: 'system' as const,
      label: `link of ${spent.email}`,
      requestId: anonymous.requestId,
    };
    await recordAudit(tx, actor, now, {
      action: invited ? 'cso-user.invitation-accepted' : 'cso-user.sign-up-verified',
      entity: 'organisation',
      entityId: organisationId,
      agencyId: spent.agencyId,
      after: {
        userId: account.id,
        role: spent.role,
        status,
        vouched,
        existingAccount: Boolean(checked.existing),
      },
    });
    const session = await startSession(platform, tx, {
      userId: account.id,
      agencyId: null,
      ip: anonymous.ip,
      userAgent: input.userAgent,
    });
    return { session, status };
  });
}

/** CSO users of the register for staff: by default those waiting for confirmation, oldest first. */
export async function listCsoUsers(
  platform: Platform,
  actor: UserActor,
  filter: { status: 'pending' | 'confirmed'; organisationId?: string | undefined },
) {
  const ownOrganisation =
    filter.organisationId !== undefined &&
    organisationPermissionsOf(actor, filter.organisationId).includes(
      filter.status === 'pending' ? 'organisation:members' : 'organisation:read',
    );
  if (!ownOrganisation) authorize(actor, 'register:read');
  const conditions = [eq(organisationMembers.status, filter.status)];
  if (filter.organisationId) conditions.push(eq(organisationMembers.organisationId, filter.organisationId));
  // Staff are shown the requests their agency may decide; the rest wait for the CSO's administrators.
  if (!ownOrganisation && filter.status === 'pending')
    conditions.push(vouchable(sql`${organisationMembers.organisationId}`, scopeOf(actor).agencyId));
  return platform.db
    .select({
      organisationId: organisationMembers.organisationId,
      organisationName: organisations.legalName,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: organisationMembers.role,
      status: organisationMembers.status,
      createdAt: organisationMembers.createdAt,
    })
    .from(organisationMembers)
    .innerJoin(users, eq(users.id, organisationMembers.userId))
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(and(...conditions))
    .orderBy(asc(organisationMembers.createdAt))
    .limit(500);
}

async function pendingMember(platform: Platform, organisationId: string, userId: string) {
  const [row] = await platform.db
    .select({ email: users.email, name: users.name, legalName: organisations.legalName })
    .from(organisationMembers)
    .innerJoin(users, eq(users.id, organisationMembers.userId))
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(
      and(
        eq(organisationMembers.organisationId, organisationId),
        eq(organisationMembers.userId, userId),
        eq(organisationMembers.status, 'pending'),
      ),
    );
  if (!row) throw notFound('This request to join');
  return row;
}

/**
 * Who decides on the organisation's people, and the agency the audit names (none when the CSO
 * acts): its administrators, or staff of an agency that may vouch for it.
 */
async function peopleDecider(
  platform: Platform,
  actor: UserActor,
  organisationId: string,
): Promise<{ agencyId: string | null }> {
  if (organisationPermissionsOf(actor, organisationId).includes('organisation:members'))
    return { agencyId: null };
  authorize(actor, 'register:review');
  const { agencyId } = scopeOf(actor);
  await refuseUnlessAgencyMayVouch(platform.db, organisationId, agencyId);
  return { agencyId };
}

/** The organisation's administrators or a coordinator confirm that the person speaks for it, with the role they get. */
export async function confirmCsoUser(
  platform: Platform,
  actor: UserActor,
  organisationId: string,
  userId: string,
  role: OrganisationRole,
) {
  const { agencyId } = await peopleDecider(platform, actor, organisationId);
  const person = await pendingMember(platform, organisationId, userId);
  const now = platform.clock.now();
  await platform.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(organisationMembers)
      .set({ status: 'confirmed', role, confirmedAt: now, confirmedBy: actor.userId })
      .where(
        and(
          eq(organisationMembers.organisationId, organisationId),
          eq(organisationMembers.userId, userId),
          eq(organisationMembers.status, 'pending'),
        ),
      )
      .returning();
    if (!updated) throw new Problem('conflict', 'Someone decided on this request already.');
    await recordAudit(tx, actor, now, {
      action: 'cso-user.confirmed',
      entity: 'organisation',
      entityId: organisationId,
      agencyId,
      after: { userId, role },
    });
  });
  await platform.jobs.send(MAIL_JOB, {
    to: person.email,
    subject: `You can now act for ${person.legalName} on Vaka`,
    text: [
      `Kia orana ${person.name},`,
      '',
      `${actor.name} confirmed that you act for ${person.legalName}, as ${role.replace(/-/g, ' ')}.`,
      `Sign in to see its register entry: ${appUrl(platform, '/portal')}`,
    ].join('\n'),
  });
}

/** A refusal says why, to the person, and leaves no membership behind. */
export async function refuseCsoUser(
  platform: Platform,
  actor: UserActor,
  organisationId: string,
  userId: string,
  reason: string,
) {
  const { agencyId } = await peopleDecider(platform, actor, organisationId);
  const person = await pendingMember(platform, organisationId, userId);
  const now = platform.clock.now();
  await platform.db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(organisationMembers)
      .where(
        and(
          eq(organisationMembers.organisationId, organisationId),
          eq(organisationMembers.userId, userId),
          eq(organisationMembers.status, 'pending'),
        ),
      )
      .returning();
    if (!removed) throw new Problem('conflict', 'Someone decided on this request already.');
    await recordAudit(tx, actor, now, {
      action: 'cso-user.refused',
      entity: 'organisation',
      entityId: organisationId,
      agencyId,
      after: { userId, reason },
    });
  });
  await platform.jobs.send(MAIL_JOB, {
    to: person.email,
    subject: `Your request to act for ${person.legalName} on Vaka`,
    text: [
      `Kia orana ${person.name},`,
      '',
      `Your request to act for ${person.legalName} was not confirmed. The reason given:`,
      '',
      reason,
    ].join('\n'),
  });
}

/** The organisation's own administrators, or staff who may vouch for it, remove a CSO user. */
export async function removeCsoUser(
  platform: Platform,
  actor: UserActor,
  organisationId: string,
  userId: string,
) {
  const { agencyId } = await peopleDecider(platform, actor, organisationId);
  const asOrganisation = agencyId === null;
  const now = platform.clock.now();
  await platform.db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(organisationMembers)
      .where(
        and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)),
      )
      .returning();
    if (!removed) throw notFound('This member');
    const administrators = await tx
      .select({ userId: organisationMembers.userId })
      .from(organisationMembers)
      .where(
        and(
          eq(organisationMembers.organisationId, organisationId),
          eq(organisationMembers.role, 'cso-administrator'),
          eq(organisationMembers.status, 'confirmed'),
        ),
      );
    // An organisation that manages itself keeps one administrator; staff may remove the last.
    if (asOrganisation && administrators.length === 0)
      throw new Problem('conflict', 'The organisation needs at least one administrator.');
    await recordAudit(tx, actor, now, {
      action: 'cso-user.removed',
      entity: 'organisation',
      entityId: organisationId,
      agencyId,
      before: { userId, role: removed.role, status: removed.status },
    });
  });
}
