import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.ts';
import { days } from '../../clock.ts';
import type { Platform } from '../../context.ts';
import { notFound, Problem } from '../../http/problems.ts';
import { authorize, scopeOf, type AnonymousActor, type Role, type UserActor } from '../../policy/index.ts';
import { actorForUser } from '../me.ts';
import { appUrl, createLink, findLink, spendLink } from '../links.ts';
import { hashPassword } from '../secrets.ts';
import { startSession } from '../sessions.ts';
import { agencies, memberships, oneTimeLinks, users } from '../tables.ts';

export const INVITATION_LIFETIME = days(7);

export async function inviteUser(
  platform: Platform,
  actor: UserActor,
  input: { email: string; role: Role; name?: string | undefined },
) {
  authorize(actor, 'users:manage');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  const [existing] = await platform.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.agencyId, scope.agencyId), eq(users.email, input.email)));
  if (existing) throw new Problem('conflict', `${input.email} is already a member of this agency.`);
  const { secret, row, agencyName } = await platform.db.transaction(async (tx) => {
    const [agency] = await tx
      .select({ name: agencies.name })
      .from(agencies)
      .where(eq(agencies.id, scope.agencyId));
    const link = await createLink(platform, tx, 'invitation', INVITATION_LIFETIME, {
      email: input.email,
      role: input.role,
      name: input.name ?? null,
      agencyId: scope.agencyId,
      createdBy: actor.userId,
    });
    await recordAudit(tx, actor, now, {
      action: 'invitation.sent',
      entity: 'invitation',
      entityId: link.row.id,
      agencyId: scope.agencyId,
      after: { email: input.email, role: input.role },
    });
    return { ...link, agencyName: agency?.name ?? 'an agency' };
  });
  await platform.jobs.send('mail.send', {
    to: input.email,
    subject: `You are invited to ${agencyName} on Vaka`,
    text: [
      `Kia orana${input.name ? ` ${input.name}` : ''},`,
      '',
      `${actor.name} invites you to work with ${agencyName} on Vaka as ${input.role.replace(/-/g, ' ')}.`,
      'Open this link within seven days to accept:',
      '',
      appUrl(platform, `/invitation?token=${secret}`),
    ].join('\n'),
  });
  return presentInvitation(row);
}

export async function listInvitations(platform: Platform, actor: UserActor) {
  authorize(actor, 'users:manage');
  const scope = scopeOf(actor);
  const rows = await platform.db
    .select()
    .from(oneTimeLinks)
    .where(
      and(
        eq(oneTimeLinks.agencyId, scope.agencyId),
        eq(oneTimeLinks.purpose, 'invitation'),
        isNull(oneTimeLinks.usedAt),
        gt(oneTimeLinks.expiresAt, platform.clock.now()),
      ),
    )
    .orderBy(desc(oneTimeLinks.createdAt));
  return rows.map(presentInvitation);
}

export async function withdrawInvitation(platform: Platform, actor: UserActor, id: string) {
  authorize(actor, 'users:manage');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  await platform.db.transaction(async (tx) => {
    const [row] = await tx
      .update(oneTimeLinks)
      .set({ usedAt: now })
      .where(
        and(
          eq(oneTimeLinks.id, id),
          eq(oneTimeLinks.agencyId, scope.agencyId),
          eq(oneTimeLinks.purpose, 'invitation'),
          isNull(oneTimeLinks.usedAt),
        ),
      )
      .returning();
    if (!row) throw notFound('This invitation');
    await recordAudit(tx, actor, now, {
      action: 'invitation.withdrawn',
      entity: 'invitation',
      entityId: id,
      agencyId: scope.agencyId,
    });
  });
}

export async function previewInvitation(platform: Platform, secret: string) {
  const link = await findLink(platform, 'invitation', secret);
  const [agency] = await platform.db
    .select({ name: agencies.name })
    .from(agencies)
    .where(eq(agencies.id, link.agencyId!));
  return { email: link.email!, agencyName: agency?.name ?? '', role: link.role as Role };
}

/** Accepting creates the account (or adds the agency to an existing one) and signs the person in. */
export async function acceptInvitation(
  platform: Platform,
  anonymous: AnonymousActor,
  input: { token: string; name: string; password: string; userAgent: string | undefined },
) {
  const passwordHash = await hashPassword(input.password);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const link = await spendLink(platform, tx, 'invitation', input.token);
    const agencyId = link.agencyId!;
    const role = link.role as Role;
    let [user] = await tx.select().from(users).where(eq(users.email, link.email!));
    if (!user) {
      [user] = await tx
        .insert(users)
        .values({ email: link.email!, name: input.name, passwordHash, createdAt: now, updatedAt: now })
        .returning();
    }
    const account = user!;
    await tx
      .insert(memberships)
      .values({ agencyId, userId: account.id, role, createdAt: now })
      .onConflictDoNothing();
    const actor = actorForUser(account, { agencyId, role, requestId: anonymous.requestId, ip: anonymous.ip });
    await recordAudit(tx, actor, now, {
      action: 'invitation.accepted',
      entity: 'membership',
      entityId: `${agencyId}:${account.id}`,
      agencyId,
      after: { userId: account.id, role },
    });
    return startSession(platform, tx, {
      userId: account.id,
      agencyId,
      ip: anonymous.ip,
      userAgent: input.userAgent,
    });
  });
}

function presentInvitation(row: typeof oneTimeLinks.$inferSelect) {
  return {
    id: row.id,
    email: row.email!,
    role: row.role as Role,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  };
}
