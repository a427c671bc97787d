import { and, eq, isNotNull, like } from 'drizzle-orm';
import type { Platform } from '../context.ts';
import type { Progress } from '../jobs/index.ts';
import { memberships, units, users } from '../accounts/tables.ts';
import { hashPassword, verifyPassword } from '../accounts/secrets.ts';
import { endCredentialsAfterNewPassword } from '../accounts/sessions.ts';
import { recordAudit } from '../audit/record.ts';
import { loadDeployment } from '../deployment/deployment.ts';
import { Problem } from '../http/problems.ts';
import type { Role, SystemActor } from '../policy/index.ts';

// A fictional Pacific island ministry's staff, one per role; modules add their own demonstration steps.
export const DEMONSTRATION_PASSWORD = 'Kia-orana-demo-2026';
// Every demonstration account, of the platform's staff and of the modules' steps, is at this domain.
const DEMONSTRATION_DOMAIN = '@demo.vaka.test';

export const demonstrationStaff: { name: string; email: string; role: Role; unit: string }[] = [
  {
    name: 'Mere Tangaroa',
    email: 'coordinator@demo.vaka.test',
    role: 'partnership-coordinator',
    unit: 'strategy',
  },
  { name: 'Teina Marsters', email: 'programme@demo.vaka.test', role: 'programme-officer', unit: 'programme' },
  { name: 'Ngā Pureariki', email: 'finance@demo.vaka.test', role: 'finance-officer', unit: 'finance' },
  { name: 'Tuaine Heather', email: 'committee@demo.vaka.test', role: 'committee-member', unit: 'strategy' },
  { name: 'Ana Williams', email: 'viewer@demo.vaka.test', role: 'viewer', unit: 'programme' },
];

export type DemonstrationStep = {
  name: string;
  load(platform: Platform, agencyId: string): Promise<void>;
};

const staffStep: DemonstrationStep = {
  name: 'staff',
  async load(platform, agencyId) {
    const passwordHash = await hashPassword(DEMONSTRATION_PASSWORD);
    const now = platform.clock.now();
    const agencyUnits = await platform.db.select().from(units).where(eq(units.agencyId, agencyId));
    for (const person of demonstrationStaff) {
      // Loading twice changes nothing: people are matched by e-mail.
      let [user] = await platform.db.select().from(users).where(eq(users.email, person.email));
      if (!user) {
        [user] = await platform.db
          .insert(users)
          .values({ email: person.email, name: person.name, passwordHash, createdAt: now, updatedAt: now })
          .returning();
      }
      const unitId = agencyUnits.find((unit) => unit.kind === person.unit)?.id ?? null;
      const [existing] = await platform.db
        .select()
        .from(memberships)
        .where(and(eq(memberships.agencyId, agencyId), eq(memberships.userId, user!.id)));
      if (!existing) {
        await platform.db
          .insert(memberships)
          .values({ agencyId, userId: user!.id, role: person.role, unitId, createdAt: now });
      }
    }
  },
};

export async function loadDemonstrationData(
  platform: Platform,
  agencyId: string,
  steps: DemonstrationStep[],
  progress?: Progress,
): Promise<{ steps: string[] }> {
  // Checked here too, so no path (a job queued before an upgrade, a script) adds a published password to a real Vaka.
  if (!(await loadDeployment(platform.db)).demonstration)
    throw new Problem('demonstration-only', 'This Vaka is not a demonstration one.');
  const all = [staffStep, ...steps];
  for (const [index, step] of all.entries()) {
    await progress?.report(index, all.length, `Loading ${step.name}`);
    await step.load(platform, agencyId);
  }
  await progress?.report(all.length, all.length, 'Done');
  return { steps: all.map((step) => step.name) };
}

/**
 * In a real Vaka, demonstration accounts loaded before it refused them (issue 18 item 11) lose the
 * published password, their sessions and their API tokens, at each start-up. They stay, as records
 * point at them; a password reset gives one back to whoever owns the address.
 */
export async function removeDemonstrationPasswords(platform: Platform): Promise<number> {
  if ((await loadDeployment(platform.db)).demonstration) return 0;
  const candidates = await platform.db
    .select({ id: users.id, email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(and(like(users.email, `%${DEMONSTRATION_DOMAIN}`), isNotNull(users.passwordHash)));
  const actor: SystemActor = { kind: 'system', label: 'start-up', requestId: 'start-up' };
  let removed = 0;
  for (const user of candidates) {
    if (!(await verifyPassword(user.passwordHash, DEMONSTRATION_PASSWORD))) continue;
    const now = platform.clock.now();
    await platform.db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash: null, updatedAt: now }).where(eq(users.id, user.id));
      const ended = await endCredentialsAfterNewPassword(tx, now, {
        userId: user.id,
        keepSessionId: null,
        because: 'demonstration-password-removed',
      });
      for (const event of [
        {
          action: 'user.demonstration-password-removed',
          entity: 'user',
          entityId: user.id,
          agencyId: null,
          after: { email: user.email, sessionsEnded: ended.sessionsEnded },
        },
        ...ended.tokenEvents,
      ])
        await recordAudit(tx, actor, now, event);
    });
    removed += 1;
  }
  if (removed > 0)
    platform.logger.warn(
      `removed the published demonstration password from ${removed} accounts of this real Vaka`,
    );
  return removed;
}
