import { and, eq } from 'drizzle-orm';
import type { Platform } from '../context.ts';
import type { Progress } from '../jobs/index.ts';
import { memberships, units, users } from '../accounts/tables.ts';
import { hashPassword } from '../accounts/secrets.ts';
import { loadDeployment } from '../deployment/deployment.ts';
import { Problem } from '../http/problems.ts';
import type { Role } from '../policy/index.ts';

// A fictional Pacific island ministry's staff, one per role; modules add their own demonstration steps.
export const DEMONSTRATION_PASSWORD = 'Kia-orana-demo-2026';
// Every demonstration account, of the platform's staff and of the modules' steps, is at this domain.
export const DEMONSTRATION_DOMAIN = '@demo.vaka.test';

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
