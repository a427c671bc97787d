import { and, asc, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Platform } from '../context.ts';
import { Problem } from '../http/problems.ts';
import type { Actor, OrganisationMembership, Role } from '../policy/index.ts';
import { findLiveApiToken, findLiveSession, SESSION_COOKIE } from './sessions.ts';
import { agencies, memberships, organisationMembers, users } from './tables.ts';

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
    const row = await findLiveApiToken(platform, token);
    if (!row) throw new Problem('unauthenticated', 'This API token is not valid, expired or revoked.');
    const actor = await userActor(platform, {
      userId: row.userId,
      agencyId: row.agencyId,
      sessionId: null,
      tokenId: row.id,
      ...base,
    });
    if (!actor) throw new Problem('unauthenticated', 'This API token is not valid any more.');
    return { actor, via: 'token' };
  }
  const secret = request.cookies[SESSION_COOKIE];
  if (!secret) return { actor: { kind: 'anonymous', ...base }, via: null };
  const session = await findLiveSession(platform, secret);
  if (!session) return { actor: { kind: 'anonymous', ...base }, via: null };
  const actor = await userActor(platform, {
    userId: session.userId,
    agencyId: session.agencyId,
    sessionId: session.id,
    tokenId: null,
    ...base,
  });
  if (!actor) return { actor: { kind: 'anonymous', ...base }, via: null };
  return session.extended ? { actor, via: 'cookie', renewCookie: secret } : { actor, via: 'cookie' };
}

type ActorSource = {
  userId: string;
  agencyId: string | null;
  sessionId: string | null;
  tokenId: string | null;
  requestId: string;
  ip: string;
};

async function userActor(platform: Platform, source: ActorSource): Promise<Actor | undefined> {
  const [user] = await platform.db.select().from(users).where(eq(users.id, source.userId)).limit(1);
  if (!user) return undefined;
  const membership = await currentMembership(platform, source.userId, source.agencyId);
  // An API token carries the rights of its creator in its own agency, never another one.
  if (source.tokenId && membership?.agencyId !== source.agencyId) return undefined;
  // A token acts for an agency only; the portal is for people signed in.
  const organisations = source.tokenId ? [] : await confirmedOrganisations(platform, source.userId);
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    name: user.name,
    agencyId: membership?.agencyId ?? null,
    role: (membership?.role as Role | undefined) ?? null,
    sessionId: source.sessionId,
    tokenId: source.tokenId,
    secondFactorMissing: Boolean(membership?.requireSecondFactor && !user.totpEnabledAt),
    organisations,
    requestId: source.requestId,
    ip: source.ip,
  };
}

/** The membership in the chosen agency, or the first one if the user left it or never chose. */
async function currentMembership(platform: Platform, userId: string, agencyId: string | null) {
  const query = platform.db
    .select({
      agencyId: memberships.agencyId,
      role: memberships.role,
      requireSecondFactor: agencies.requireSecondFactor,
    })
    .from(memberships)
    .innerJoin(agencies, eq(agencies.id, memberships.agencyId));
  if (agencyId) {
    const [chosen] = await query
      .where(and(eq(memberships.userId, userId), eq(memberships.agencyId, agencyId)))
      .limit(1);
    if (chosen) return chosen;
  }
  const [first] = await platform.db
    .select({
      agencyId: memberships.agencyId,
      role: memberships.role,
      requireSecondFactor: agencies.requireSecondFactor,
    })
    .from(memberships)
    .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return first;
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
