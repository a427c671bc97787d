import { and, asc, desc, eq, gt, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { FastifyRequest } from 'fastify';
import type { Platform } from '../context.ts';
import { Problem } from '../http/problems.ts';
import type { Actor, OrganisationMembership, Role } from '../policy/index.ts';
import { hashSecret } from './secrets.ts';
import { API_TOKEN_PREFIX, markApiTokenUsed, SESSION_COOKIE, slideSessionExpiry } from './sessions.ts';
import { agencies, apiTokens, memberships, organisationMembers, sessions, users } from './tables.ts';

export type Authentication = {
  actor: Actor;
  via: 'cookie' | 'token' | null;
  /** The session was extended: send its cookie again with a fresh lifetime. */
  renewCookie?: string;
};

/**
 * Who is calling: a bearer API token, a session cookie, or nobody. A presented but dead credential is
 * a 401, not a silent fall back to anonymous, so a client learns its token expired.
 */
export async function authenticate(platform: Platform, request: FastifyRequest): Promise<Authentication> {
  const base = { requestId: request.id, ip: request.ip };
  const header = request.headers.authorization;
  if (header) {
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token)
      throw new Problem('unauthenticated', 'Use "Authorization: Bearer <token>".');
    const caller = await tokenCaller(platform, token);
    if (!caller) throw new Problem('unauthenticated', 'This API token is not valid, expired or revoked.');
    // An API token carries the rights of its creator in its own agency, never another one.
    if (!caller.membership?.agencyId)
      throw new Problem('unauthenticated', 'This API token is not valid any more.');
    const actor = userActor(caller, { sessionId: null, tokenId: caller.token.id, ...base });
    return { actor, via: 'token' };
  }
  const secret = request.cookies[SESSION_COOKIE];
  if (!secret) return { actor: { kind: 'anonymous', ...base }, via: null };
  const caller = await sessionCaller(platform, secret);
  if (!caller) return { actor: { kind: 'anonymous', ...base }, via: null };
  const extended = await slideSessionExpiry(platform, caller.session);
  const actor = userActor(caller, { sessionId: caller.session.id, tokenId: null, ...base });
  return extended ? { actor, via: 'cookie', renewCookie: secret } : { actor, via: 'cookie' };
}

type Caller = {
  user: {
    id: string;
    email: string;
    name: string;
    totpEnabledAt: Date | null;
    deploymentAdministrator: boolean;
  };
  /** Left joined: every field null when the user belongs to no agency (a CSO user). */
  membership: { agencyId: string | null; role: string | null; requireSecondFactor: boolean | null } | null;
  organisations: OrganisationMembership[];
};

function userActor(
  caller: Caller,
  source: { sessionId: string | null; tokenId: string | null; requestId: string; ip: string },
): Actor {
  const { user, membership } = caller;
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    name: user.name,
    agencyId: membership?.agencyId ?? null,
    role: (membership?.role as Role | undefined) ?? null,
    deploymentAdministrator: user.deploymentAdministrator,
    sessionId: source.sessionId,
    tokenId: source.tokenId,
    secondFactorMissing: Boolean(membership?.requireSecondFactor && !user.totpEnabledAt),
    organisations: caller.organisations,
    requestId: source.requestId,
    ip: source.ip,
  };
}

// Every request pays for this lookup, so each credential is read with its user, membership and
// organisations in one round trip (they were four reads for a session, three for a token).
const userFields = {
  id: users.id,
  email: users.email,
  name: users.name,
  totpEnabledAt: users.totpEnabledAt,
  deploymentAdministrator: users.deploymentAdministrator,
};

/** A live session, its user, the membership it acts in and the user's confirmed organisations. */
async function sessionCaller(platform: Platform, secret: string) {
  // The agency chosen, or the first one joined if the user left it or never chose.
  const current = platform.db
    .select({
      agencyId: memberships.agencyId,
      role: memberships.role,
      requireSecondFactor: agencies.requireSecondFactor,
    })
    .from(memberships)
    .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
    .where(eq(memberships.userId, sessions.userId))
    .orderBy(
      desc(sql`${memberships.agencyId} is not distinct from ${sessions.agencyId}`),
      asc(memberships.createdAt),
    )
    .limit(1)
    .as('current_membership');
  const [row] = await platform.db
    .select({
      session: { id: sessions.id, lastSeenAt: sessions.lastSeenAt },
      user: userFields,
      membership: {
        agencyId: current.agencyId,
        role: current.role,
        requireSecondFactor: current.requireSecondFactor,
      },
      organisations: confirmedOrganisationsOf(users.id),
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoinLateral(current, sql`true`)
    .where(
      and(
        eq(sessions.secretHash, hashSecret(secret)),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, platform.clock.now()),
      ),
    )
    .limit(1);
  return row;
}

/** A live API token, its creator and the creator's membership in the token's agency (none if they left). */
async function tokenCaller(platform: Platform, token: string) {
  if (!token.startsWith(API_TOKEN_PREFIX)) return undefined;
  const now = platform.clock.now();
  const [row] = await platform.db
    .select({
      token: { id: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt },
      user: userFields,
      membership: {
        agencyId: memberships.agencyId,
        role: memberships.role,
        requireSecondFactor: agencies.requireSecondFactor,
      },
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(
      memberships,
      and(eq(memberships.userId, apiTokens.userId), eq(memberships.agencyId, apiTokens.agencyId)),
    )
    .leftJoin(agencies, eq(agencies.id, memberships.agencyId))
    .where(
      and(
        eq(apiTokens.secretHash, hashSecret(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    )
    .limit(1);
  if (!row) return undefined;
  await markApiTokenUsed(platform, row.token);
  // A token acts for an agency only; the portal is for people signed in.
  return { ...row, organisations: [] };
}

/** The user's confirmed organisations as one JSON array, read inside the caller's query. */
function confirmedOrganisationsOf(userId: PgColumn): SQL<OrganisationMembership[]> {
  return sql<OrganisationMembership[]>`coalesce((
    select json_agg(json_build_object('organisationId', ${organisationMembers.organisationId}, 'role', ${organisationMembers.role}))
    from ${organisationMembers}
    where ${organisationMembers.userId} = ${userId} and ${organisationMembers.status} = 'confirmed'
  ), '[]'::json)`;
}

export async function confirmedOrganisations(
  platform: Platform,
  userId: string,
): Promise<OrganisationMembership[]> {
  const rows = await platform.db
    .select({ organisationId: organisationMembers.organisationId, role: organisationMembers.role })
    .from(organisationMembers)
    .where(and(eq(organisationMembers.userId, userId), eq(organisationMembers.status, 'confirmed')));
  return rows.map((row) => ({
    organisationId: row.organisationId,
    role: row.role as OrganisationMembership['role'],
  }));
}
