import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Platform } from '../context.ts';
import type { Db } from '../db/client.ts';
import { Problem } from '../http/problems.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { oneTimeLinks } from './tables.ts';

export type LinkPurpose = 'setup' | 'password-reset' | 'invitation' | 'cso-sign-up' | 'cso-invitation';

type NewLink = Omit<typeof oneTimeLinks.$inferInsert, 'secretHash' | 'purpose' | 'expiresAt' | 'createdAt'>;

export async function createLink(
  platform: Platform,
  tx: Db,
  purpose: LinkPurpose,
  lifetime: number,
  values: NewLink,
): Promise<{ secret: string; row: typeof oneTimeLinks.$inferSelect }> {
  const secret = newSecret();
  const now = platform.clock.now();
  const [row] = await tx
    .insert(oneTimeLinks)
    .values({
      ...values,
      purpose,
      secretHash: hashSecret(secret),
      createdAt: now,
      expiresAt: new Date(now.getTime() + lifetime),
    })
    .returning();
  return { secret, row: row! };
}

export async function findLink(platform: Platform, purpose: LinkPurpose, secret: string) {
  const [row] = await platform.db
    .select()
    .from(oneTimeLinks)
    .where(liveLink(platform, purpose, secret))
    .limit(1);
  if (!row)
    throw new Problem('invalid-link', 'This link has expired or was already used. Ask for a new one.');
  return row;
}

/** Marks the link used in the caller's transaction; a second use (a replay) finds nothing and fails. */
export async function spendLink(platform: Platform, tx: Db, purpose: LinkPurpose, secret: string) {
  const [row] = await tx
    .update(oneTimeLinks)
    .set({ usedAt: platform.clock.now() })
    .where(liveLink(platform, purpose, secret))
    .returning();
  if (!row)
    throw new Problem('invalid-link', 'This link has expired or was already used. Ask for a new one.');
  return row;
}

/**
 * Ends the user's live links of this purpose in the caller's transaction: a newer password-reset link
 * or a new password leaves no older link able to set the password.
 */
export async function endLinksOf(tx: Db, now: Date, purpose: LinkPurpose, userId: string) {
  await tx
    .update(oneTimeLinks)
    .set({ expiresAt: now })
    .where(
      and(
        eq(oneTimeLinks.userId, userId),
        eq(oneTimeLinks.purpose, purpose),
        isNull(oneTimeLinks.usedAt),
        gt(oneTimeLinks.expiresAt, now),
      ),
    );
}

function liveLink(platform: Platform, purpose: LinkPurpose, secret: string) {
  return and(
    eq(oneTimeLinks.secretHash, hashSecret(secret)),
    eq(oneTimeLinks.purpose, purpose),
    isNull(oneTimeLinks.usedAt),
    gt(oneTimeLinks.expiresAt, platform.clock.now()),
  );
}

export function appUrl(platform: Platform, pathAndQuery: string): string {
  const base = platform.config.publicUrl ?? `http://localhost:${platform.config.port}`;
  return `${base}${pathAndQuery}`;
}
