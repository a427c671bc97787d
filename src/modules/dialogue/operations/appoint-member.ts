import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Platform } from '../../../platform/context.ts';
import { notFound } from '../../../platform/http/problems.ts';
import { authorize, scopeOf, type UserActor } from '../../../platform/policy/index.ts';
import { checkMemberInput, loadBody, memberColumns } from '../bodies.ts';
import type { MemberInput } from '../contracts.ts';
import { bodyMembers } from '../tables.ts';

/** A seat on a body with its role and term (000 Focus area 4). */
export async function appointMember(
  platform: Platform,
  { actor, bodyId, input }: { actor: UserActor; bodyId: string; input: MemberInput },
) {
  authorize(actor, 'dialogue:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  const before = await loadBody(platform.db, scope, bodyId, now);
  await checkMemberInput(platform.db, input);
  return platform.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(bodyMembers)
      .values({ ...memberColumns(input), agencyId: scope.agencyId, bodyId, createdAt: now })
      .returning();
    await recordAudit(tx, actor, now, {
      action: 'advisory-body.member-appointed',
      entity: 'advisory-body',
      entityId: bodyId,
      agencyId: scope.agencyId,
      before: { members: before.members.length },
      after: row,
    });
    return loadBody(tx, scope, bodyId, now);
  });
}

/** A term extended, ended early or corrected. */
export async function changeMember(
  platform: Platform,
  {
    actor,
    bodyId,
    memberId,
    input,
  }: { actor: UserActor; bodyId: string; memberId: string; input: MemberInput },
) {
  authorize(actor, 'dialogue:edit');
  const scope = scopeOf(actor);
  const now = platform.clock.now();
  const body = await loadBody(platform.db, scope, bodyId, now);
  const before = body.members.find((member) => member.id === memberId);
  if (!before) throw notFound('This member');
  await checkMemberInput(platform.db, input);
  return platform.db.transaction(async (tx) => {
    const [after] = await tx
      .update(bodyMembers)
      .set(memberColumns(input))
      .where(and(eq(bodyMembers.id, memberId), eq(bodyMembers.bodyId, bodyId)))
      .returning();
    await recordAudit(tx, actor, now, {
      action: 'advisory-body.member-changed',
      entity: 'advisory-body',
      entityId: bodyId,
      agencyId: scope.agencyId,
      before,
      after,
    });
    return loadBody(tx, scope, bodyId, now);
  });
}
