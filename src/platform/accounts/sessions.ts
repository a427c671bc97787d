import { and, eq, gt, isNull } from 'drizzle-orm';
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

export async function findLiveSession(platform: Platform, secret: string) {
  const now = platform.clock.now();
  const [session] = await platform.db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.secretHash, hashSecret(secret)),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
      ),
    )
    .limit(1);
  if (!session) return undefined;
  // Sliding expiry, written at most hourly so reads stay reads; the cookie is then sent again so the
  // browser keeps it as long as the server does.
  const extended = now.getTime() - session.lastSeenAt.getTime() > hours(1);
  if (extended) {
    await platform.db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_IDLE_LIMIT) })
      .where(eq(sessions.id, session.id));
  }
  return { ...session, extended };
}

export async function findLiveApiToken(platform: Platform, token: string) {
  if (!token.startsWith(API_TOKEN_PREFIX)) return undefined;
  const now = platform.clock.now();
  const [row] = await platform.db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.secretHash, hashSecret(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row || (row.expiresAt && row.expiresAt <= now)) return undefined;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > hours(1)) {
    await platform.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return row;
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
