import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.ts';
import { days } from '../../clock.ts';
import type { Platform } from '../../context.ts';
import { invalid, notFound, Problem } from '../../http/problems.ts';
import { authorize, scopeOf, type AnonymousActor, type Role, type UserActor } from '../../policy/index.ts';
import { actorForUser } from '../me.ts';
import { appUrl, createLink, findLink, spendLink } from '../links.ts';
import { hashPassword, verifyPassword } from '../secrets.ts';
import { checkSecondFactorCode } from '../second-factor-codes.ts';
import { NewPassword } from '../contracts.ts';
import { startSession } from '../sessions.ts';
import type { Db } from '../../db/client.ts';
import { agencies, memberships, oneTimeLinks, users } from '../tables.ts';
import { MAIL_JOB } from '../../mail/index.ts';

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
  await platform.jobs.send(MAIL_JOB, {
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
  const [account] = await platform.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, link.email!));
  return {
    email: link.email!,
    agencyName: agency?.name ?? '',
    role: link.role as Role,
    existingAccount: Boolean(account),
  };
}

/**
 * Accepting creates the account and signs the person in. For an address that already has an account
 * the link alone is not enough: its password (and second factor) must be given, as at sign-in, or
 * whoever held the link would become that person in every agency they belong to.
 */
export async function acceptInvitation(
  platform: Platform,
  anonymous: AnonymousActor,
  input: {
    token: string;
    name?: string | undefined;
    password: string;
    code?: string | undefined;
    userAgent: string | undefined;
  },
) {
  const link = await findLink(platform, 'invitation', input.token);
  const checked = await accountForLink(platform, link.email!, input);
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const spent = await spendLink(platform, tx, 'invitation', input.token);
    const agencyId = spent.agencyId!;
    const role = spent.role as Role;
    const account = await takeAccount(tx, now, spent.email!, checked, input.name);
    await tx
      .insert(memberships)
      .values({ agencyId, userId: account.id, role, createdAt: now })
      .onConflictDoNothing();
    const actor = actorForUser(account, {
      agencyId,
      role,
      requestId: anonymous.requestId,
      ip: anonymous.ip,
    });
    await recordAudit(tx, actor, now, {
      action: 'invitation.accepted',
      entity: 'membership',
      entityId: `${agencyId}:${account.id}`,
      agencyId,
      after: { userId: account.id, role, existingAccount: Boolean(checked.existing) },
    });
    return startSession(platform, tx, {
      userId: account.id,
      agencyId,
      ip: anonymous.ip,
      userAgent: input.userAgent,
    });
  });
}

/**
 * Who a link's e-mail address becomes. For an address that already has an account the link alone
 * is not enough: its password (and second factor) must be given, as at sign-in, or whoever held the
 * link would become that person everywhere they belong. A new account needs a name and a strong
 * password. Used by agency invitations and by CSO users' sign-up and invitation links.
 */
export async function accountForLink(
  platform: Platform,
  email: string,
  input: { name?: string | undefined; password?: string | undefined; code?: string | undefined },
) {
  const password = input.password ?? '';
  const [existing] = await platform.db.select().from(users).where(eq(users.email, email));
  let acceptedStep: number | null = null;
  if (existing) {
    if (!(await verifyPassword(existing.passwordHash, password))) {
      throw new Problem(
        'invalid-credentials',
        'This address already has a Vaka account: enter its password to accept.',
      );
    }
    if (existing.totpEnabledAt && existing.totpSecret) {
      if (!input.code)
        throw new Problem('second-factor-required', 'Enter the six-digit code from your authenticator app.');
      const step = await checkSecondFactorCode(
        platform.clock,
        existing.totpSecret,
        input.code,
        existing.totpLastStep,
      );
      if (step === undefined) throw new Problem('invalid-credentials', 'The code is wrong or already used.');
      acceptedStep = step;
    }
    return { existing, acceptedStep, passwordHash: null };
  }
  if (!input.name) throw invalid('name', 'Your name is needed to create the account.');
  const strong = NewPassword.safeParse(password);
  if (!strong.success)
    throw invalid('password', strong.error.issues[0]?.message ?? 'Choose a longer password.');
  return { existing, acceptedStep, passwordHash: await hashPassword(password) };
}

/** The account the link's address names, created with the checked name and password if new. */
export async function takeAccount(
  tx: Db,
  now: Date,
  email: string,
  checked: Awaited<ReturnType<typeof accountForLink>>,
  name: string | undefined,
) {
  if (checked.existing) {
    if (checked.acceptedStep !== null)
      await tx
        .update(users)
        .set({ totpLastStep: checked.acceptedStep })
        .where(eq(users.id, checked.existing.id));
    return checked.existing;
  }
  const [created] = await tx
    .insert(users)
    .values({ email, name: name!, passwordHash: checked.passwordHash, createdAt: now, updatedAt: now })
    .returning();
  return created!;
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
