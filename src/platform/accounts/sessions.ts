import { eq } from 'drizzle-orm';
import { days, hours } from '../clock.ts';
import type { FastifyReply } from 'fastify';
import type { Platform } from '../context.ts';
import type { Db } from '../db/client.ts';
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

export function setSessionCookie(reply: FastifyReply, secret: string) {
  reply.setCookie(SESSION_COOKIE, secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.request.protocol === 'https',
    maxAge: SESSION_IDLE_LIMIT / 1000,
  });
}
