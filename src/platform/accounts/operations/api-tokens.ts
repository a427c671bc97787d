import { and, desc, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.ts';
import { days } from '../../clock.ts';
import type { Platform } from '../../context.ts';
import { notFound } from '../../http/problems.ts';
import { requireSignedInPerson, scopeOf, type UserActor } from '../../policy/index.ts';
import { hashSecret, newSecret } from '../secrets.ts';
import { API_TOKEN_PREFIX } from '../sessions.ts';
import { apiTokens } from '../tables.ts';

function present(row: typeof apiTokens.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
  };
}

export async function listApiTokens(platform: Platform, actor: UserActor) {
  const rows = await platform.db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(present);
}

/** The token is shown once; only its hash is kept. It acts with its creator's role in this agency. */
export async function createApiToken(
  platform: Platform,
  actor: UserActor,
  input: { name: string; expiresInDays?: number | undefined },
) {
  requireSignedInPerson(actor, 'make more tokens');
  const scope = scopeOf(actor);
  const token = `${API_TOKEN_PREFIX}${newSecret()}`;
  const now = platform.clock.now();
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        userId: actor.userId,
        agencyId: scope.agencyId,
        name: input.name,
        prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
        secretHash: hashSecret(token),
        createdAt: now,
        expiresAt: input.expiresInDays ? new Date(now.getTime() + days(input.expiresInDays)) : null,
      })
      .returning();
    await recordAudit(tx, actor, now, {
      action: 'api-token.created',
      entity: 'api-token',
      entityId: row!.id,
      agencyId: scope.agencyId,
      after: { name: input.name },
    });
    return { ...present(row!), token };
  });
}

export async function revokeApiToken(platform: Platform, actor: UserActor, id: string) {
  requireSignedInPerson(actor, 'revoke tokens');
  const now = platform.clock.now();
  await platform.db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)))
      .returning();
    if (!row) throw notFound('This API token');
    await recordAudit(tx, actor, now, {
      action: 'api-token.revoked',
      entity: 'api-token',
      entityId: id,
      agencyId: row.agencyId,
    });
  });
}
