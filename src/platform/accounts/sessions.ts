import { and, eq, gt, isNull, ne, or } from 'drizzle-orm';
import type { AuditEvent } from '../audit/record.ts';
import { days, hours } from '../clock.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Platform } from '../context.ts';
import type { Db } from '../db/client.ts';
import { endLinksOf } from './links.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { apiTokens, sessions } from './tables.ts';

export const SESSION_COOKIE = 'vaka_session';
export const SESSION_IDLE_LIMIT = days(30);
export const API_TOKEN_PREFIX = 'vaka_';

export async function startSession(
  platform: Platform,
  tx: Db,
  values: { userId: string; agencyId: string | null; ip: string; userAgent: string | undefined },
): Promise<{ secret: string; sessionId: string }> {
  const secret = newSecret();
  const now = platform.clock.now();
  const [session] = await tx
    .insert(sessions)
    .values({
      secretHash: hashSecret(secret),
      userId: values.userId,
      agencyId: values.agencyId,
      ip: values.ip,
      userAgent: values.userAgent?.slice(0, 300) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_IDLE_LIMIT),
    })
    .returning({ id: sessions.id });
  return { secret, sessionId: session!.id };
}

/**
 * Sliding expiry, written at most hourly so reads stay reads; when it is, the cookie is sent again so
 * the browser keeps it as long as the server does.
 */
export async function slideSessionExpiry(platform: Platform, session: { id: string; lastSeenAt: Date }) {
  const now = platform.clock.now();
  if (now.getTime() - session.lastSeenAt.getTime() <= hours(1)) return false;
  await platform.db
    .update(sessions)
    .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_IDLE_LIMIT) })
    .where(eq(sessions.id, session.id));
  return true;
}

/** When a token was last used, to the hour, so its owner sees a forgotten one. */
export async function markApiTokenUsed(platform: Platform, token: { id: string; lastUsedAt: Date | null }) {
  const now = platform.clock.now();
  if (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() <= hours(1)) return;
  await platform.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, token.id));
}

/**
 * A new password ends what anyone holding the old one could have started (decision 0026): every
 * session of the user but the one kept, every live API token, since a token is made from a
 * session, and every password-reset link not yet used (one sitting in a mailbox the owner no longer
 * controls would undo the new password). In the caller's transaction; returns the audit events of
 * the tokens revoked.
 */
export async function endCredentialsAfterNewPassword(
  tx: Db,
  now: Date,
  values: { userId: string; keepSessionId: string | null; because: string },
): Promise<{ sessionsEnded: number; tokenEvents: AuditEvent[] }> {
  const live = and(
    eq(sessions.userId, values.userId),
    isNull(sessions.revokedAt),
    gt(sessions.expiresAt, now),
  );
  const ended = await tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(values.keepSessionId ? and(live, ne(sessions.id, values.keepSessionId)) : live)
    .returning({ id: sessions.id });
  await endLinksOf(tx, now, 'password-reset', values.userId);
  const tokens = await tx
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(
      and(
        eq(apiTokens.userId, values.userId),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    )
    .returning({ id: apiTokens.id, agencyId: apiTokens.agencyId, name: apiTokens.name });
  return {
    sessionsEnded: ended.length,
    tokenEvents: tokens.map((token) => ({
      action: 'api-token.revoked',
      entity: 'api-token',
      entityId: token.id,
      agencyId: token.agencyId,
      after: { name: token.name, because: values.because },
    })),
  };
}

/**
 * Beside the session, a cookie the web app can read (the session's is HttpOnly) saying only that a
 * session cookie was given: without it nobody is signed in here, and the sign-in page opens without
 * waiting for a 401 from /me, a round trip on a slow link (decision 0038). It grants nothing.
 */
export const SIGNED_IN_HINT_COOKIE = 'vaka_signed_in';

/**
 * Secure comes from the public address when it is https, so a cookie is Secure behind a TLS proxy
 * even when TRUST_PROXY is off and the request reaches Vaka as http; otherwise it follows the
 * request's protocol. The default of every cookie Vaka sets (the cookie plugin's options, app.ts).
 */
export function cookieSecurity(config: Pick<Config, 'publicUrl'>): true | 'auto' {
  return config.publicUrl?.startsWith('https://') ? true : 'auto';
}

const cookieOptions = {
  path: '/',
  sameSite: 'lax' as const,
  maxAge: SESSION_IDLE_LIMIT / 1000,
};

export function setSessionCookie(reply: FastifyReply, secret: string) {
  reply.setCookie(SESSION_COOKIE, secret, { ...cookieOptions, httpOnly: true });
  reply.setCookie(SIGNED_IN_HINT_COOKIE, '1', cookieOptions);
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(SIGNED_IN_HINT_COOKIE, { path: '/' });
}

/**
 * The app's page says, in the hint, whether a session cookie came with it: sessions begun before the
 * hint existed get it, and a browser that lost its session cookie loses the hint too. Set on every
 * page load with a session, since a cookie sent by a tool (Lighthouse's headers) is not in the
 * browser's own jar, where the app reads it.
 */
export function mirrorSignedInHint(request: FastifyRequest, reply: FastifyReply) {
  if (request.cookies[SESSION_COOKIE]) reply.setCookie(SIGNED_IN_HINT_COOKIE, '1', cookieOptions);
  else if (request.cookies[SIGNED_IN_HINT_COOKIE] !== undefined)
    reply.clearCookie(SIGNED_IN_HINT_COOKIE, { path: '/' });
}
