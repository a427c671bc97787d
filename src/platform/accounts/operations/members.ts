import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.ts';
import type { Platform } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { invalid, notFound, Problem, staleVersion } from '../../http/problems.ts';
import {
  authorize,
  requireSignedInPerson,
  scopeOf,
  type AgencyScope,
  type Role,
  type UserActor,
} from '../../policy/index.ts';
import { appUrl } from '../links.ts';
import { memberships, units, users } from '../tables.ts';
import { MAIL_JOB } from '../../mail/index.ts';

const memberColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: memberships.role,
  unitId: memberships.unitId,
  totpEnabledAt: users.totpEnabledAt,
  lastSignInAt: users.lastSignInAt,
  version: memberships.version,
};

type MemberRow = Awaited<ReturnType<typeof membersOf>>[number];

function presentMember(row: MemberRow) {
  return {
    id: row.id!,
    email: row.email!,
    name: row.name!,
    role: row.role as Role,
    unitId: row.unitId,
    secondFactorEnabled: Boolean(row.totpEnabledAt),
    lastSignInAt: row.lastSignInAt,
    version: row.version!,
  };
}

function membersOf(db: Db, scope: AgencyScope) {
  return db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.agencyId, scope.agencyId));
}

export async function listMembers(platform: Platform, actor: UserActor) {
  authorize(actor, 'users:read');
  const rows = await membersOf(platform.db, scopeOf(actor)).orderBy(asc(users.name));
  return rows.map(presentMember);
}

async function findMember(db: Db, scope: AgencyScope, userId: string) {
  const [row] = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.agencyId, scope.agencyId), eq(memberships.userId, userId)));
  if (!row) throw notFound('This member');
  return row;
}

// The administrators' rows stay locked until the change commits, so two administrators demoting each
// other at once cannot both pass this check and leave the agency with none.
async function refuseLastAdministrator(db: Db, scope: AgencyScope, userId: string) {
  const admins = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.agencyId, scope.agencyId), eq(memberships.role, 'administrator')))
    .orderBy(asc(memberships.userId))
    .for('update');
  if (admins.length === 1 && admins[0]!.userId === userId) {
    throw new Problem('conflict', 'An agency keeps at least one administrator.');
  }
}

export async function changeMember(
  platform: Platform,
  actor: UserActor,
  userId: string,
  change: { role?: Role | undefined; unitId?: string | null | undefined; version: number },
) {
  authorize(actor, 'users:manage');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const before = await findMember(tx, scope, userId);
    if (before.version !== change.version) throw staleVersion(presentMember(before));
    if (change.role && change.role !== 'administrator' && before.role === 'administrator') {
      await refuseLastAdministrator(tx, scope, userId);
    }
    if (change.unitId) {
      const [unit] = await tx
        .select()
        .from(units)
        .where(and(eq(units.id, change.unitId), eq(units.agencyId, scope.agencyId)));
      if (!unit) throw invalid('unitId', 'No such unit in this agency.');
    }
    const values: Partial<typeof memberships.$inferInsert> = { version: before.version + 1 };
    if (change.role) values.role = change.role;
    if (change.unitId !== undefined) values.unitId = change.unitId;
    // Only from the version read above: a change that committed meanwhile makes this update match nothing.
    const updated = await tx
      .update(memberships)
      .set(values)
      .where(
        and(
          eq(memberships.agencyId, scope.agencyId),
          eq(memberships.userId, userId),
          eq(memberships.version, before.version),
        ),
      )
      .returning({ userId: memberships.userId });
    if (updated.length === 0) throw staleVersion(presentMember(await findMember(tx, scope, userId)));
    const after = await findMember(tx, scope, userId);
    await recordAudit(tx, actor, now, {
      action: 'membership.changed',
      entity: 'membership',
      entityId: `${scope.agencyId}:${userId}`,
      agencyId: scope.agencyId,
      before: { role: before.role, unitId: before.unitId },
      after: { role: after.role, unitId: after.unitId },
    });
    return presentMember(after);
  });
}

export async function removeMember(platform: Platform, actor: UserActor, userId: string) {
  authorize(actor, 'users:manage');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  await platform.db.transaction(async (tx) => {
    const before = await findMember(tx, scope, userId);
    await refuseLastAdministrator(tx, scope, userId);
    await tx
      .delete(memberships)
      .where(and(eq(memberships.agencyId, scope.agencyId), eq(memberships.userId, userId)));
    await recordAudit(tx, actor, now, {
      action: 'membership.removed',
      entity: 'membership',
      entityId: `${scope.agencyId}:${userId}`,
      agencyId: scope.agencyId,
      before: { role: before.role, email: before.email },
    });
  });
}

/**
 * An administrator turns off a member's second factor, for someone who lost their phone or who was
 * locked out by one they never set up. Audited in the agency's trail and e-mailed to the member, so
 * a reset they did not ask for does not pass unseen. One's own goes through the profile, with a code.
 */
export async function resetMemberSecondFactor(platform: Platform, actor: UserActor, userId: string) {
  authorize(actor, 'users:manage');
  requireSignedInPerson(actor, "reset a member's second factor");
  if (userId === actor.userId)
    throw new Problem(
      'forbidden',
      'Turn off your own second factor in your profile, with a code from your app.',
    );
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  const member = await platform.db.transaction(async (tx) => {
    const member = await findMember(tx, scope, userId);
    const [reset] = await tx
      .update(users)
      .set({
        totpSecret: null,
        totpPendingSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        updatedAt: now,
        version: sql`${users.version} + 1`,
      })
      .where(and(eq(users.id, userId), isNotNull(users.totpEnabledAt)))
      .returning({ id: users.id });
    if (!reset) throw new Problem('conflict', `${member.name} has no second factor on.`);
    await recordAudit(tx, actor, now, {
      action: 'user.second-factor-reset',
      entity: 'user',
      entityId: userId,
      agencyId: scope.agencyId,
      before: { secondFactorEnabled: true },
      after: { secondFactorEnabled: false },
    });
    return member;
  });
  await platform.jobs.send(MAIL_JOB, {
    to: member.email,
    subject: 'Your Vaka second factor was turned off',
    text: [
      `Kia orana ${member.name},`,
      '',
      `${actor.name} (${actor.email}), an administrator of your agency, turned off the second factor on your Vaka account.`,
      'You now sign in with your password alone. Set up a new second factor in your profile:',
      '',
      appUrl(platform, '/profile'),
      '',
      'If you did not ask for this, tell your administrator at once and change your password.',
    ].join('\n'),
  });
}
