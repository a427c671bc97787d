import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { appUrl } from '../../platform/accounts/links.ts';
import type { Platform } from '../../platform/context.ts';
import { Problem } from '../../platform/http/problems.ts';
import { dialogueSecrets } from './tables.ts';

// Reply links need no sign-in and no stored secret per invitation: the invitation id and the expiry
// are signed with a key only the server knows (HMAC-SHA256). The platform's one-time links
// (accounts/links.ts) are spent on first use, but a reply may be changed until the meeting starts,
// so the link is signed instead of stored. The key lives in the database so every Vaka process
// behind a load balancer checks links alike.

async function linkKey(platform: Platform): Promise<Buffer> {
  const [row] = await platform.db.select().from(dialogueSecrets).where(eq(dialogueSecrets.id, 1));
  if (row) return Buffer.from(row.linkKey, 'base64url');
  await platform.db
    .insert(dialogueSecrets)
    .values({ id: 1, linkKey: randomBytes(32).toString('base64url'), createdAt: platform.clock.now() })
    .onConflictDoNothing();
  return linkKey(platform);
}

const sign = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

export async function replyToken(platform: Platform, invitationId: string, expiresAt: Date): Promise<string> {
  const payload = `${invitationId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${sign(await linkKey(platform), payload)}`;
}

export async function replyUrl(platform: Platform, invitationId: string, expiresAt: Date) {
  return appUrl(platform, `/meeting-reply?token=${await replyToken(platform, invitationId, expiresAt)}`);
}

/** The invitation a reply link stands for; a forged, altered or expired link is refused. */
export async function verifyReplyToken(platform: Platform, token: string): Promise<string> {
  const match = /^([0-9a-f-]{36})\.(\d{1,12})\.([\w-]{43})$/.exec(token);
  const forged = new Problem(
    'invalid-link',
    'This reply link is not valid. Use the link in your invitation e-mail.',
  );
  if (!match) throw forged;
  const [, invitationId, expires, mac] = match as unknown as [string, string, string, string];
  const expected = Buffer.from(sign(await linkKey(platform), `${invitationId}.${expires}`));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw forged;
  if (Number(expires) * 1000 <= platform.clock.now().getTime())
    throw new Problem(
      'invalid-link',
      'This reply link has expired: replies close when the meeting starts. Contact the organiser instead.',
      { extra: { reason: 'expired' } },
    );
  return invitationId;
}
