import { asc, eq } from 'drizzle-orm';
import type { Platform } from '../context.ts';
import { together } from '../db/client.ts';
import { Problem } from '../http/problems.ts';
import { loadDeployment } from '../deployment/deployment.ts';
import { permissionsIn, type Role, type UserActor } from '../policy/index.ts';
import { confirmedOrganisations } from './authenticate.ts';
import type { MeView } from './contracts.ts';
import { agencies, memberships, users } from './tables.ts';

export async function loadMe(platform: Platform, actor: UserActor): Promise<MeView> {
  // Four reads that need only the caller's id go out together (decision 0022).
  const [[user], rows, organisations, deployment] = await together(platform.db, [
    () => platform.db.select().from(users).where(eq(users.id, actor.userId)).limit(1),
    () =>
      platform.db
        .select({
          id: agencies.id,
          name: agencies.name,
          requireSecondFactor: agencies.requireSecondFactor,
          role: memberships.role,
        })
        .from(memberships)
        .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
        .where(eq(memberships.userId, actor.userId))
        .orderBy(asc(agencies.name)),
    // from the table, not the actor: right after sign-in the actor is not loaded yet
    () => confirmedOrganisations(platform, actor.userId),
    () => loadDeployment(platform.db),
  ]);
  if (!user) throw new Problem('unauthenticated');
  const current = rows.find((row) => row.id === actor.agencyId) ?? null;
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      language: (user.language as MeView['user']['language']) ?? null,
      secondFactorEnabled: Boolean(user.totpEnabledAt),
      deploymentAdministrator: user.deploymentAdministrator,
    },
    agency: current
      ? { id: current.id, name: current.name, requireSecondFactor: current.requireSecondFactor }
      : null,
    role: (current?.role as Role | undefined) ?? null,
    agencies: rows.map((row) => ({ id: row.id, name: row.name, role: row.role as Role })),
    // the flag from the table too, for the same reason as the organisations above
    permissions: actor.secondFactorMissing
      ? []
      : permissionsIn({ ...actor, deploymentAdministrator: user.deploymentAdministrator }, deployment),
    deployment,
    mustSetUpSecondFactor: actor.secondFactorMissing,
    organisations,
  };
}

export function actorForUser(
  user: { id: string; email: string; name: string; deploymentAdministrator?: boolean },
  context: {
    agencyId: string | null;
    role: Role | null;
    requestId: string;
    ip: string;
    sessionId?: string | null;
  },
): UserActor {
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    name: user.name,
    agencyId: context.agencyId,
    role: context.role,
    deploymentAdministrator: user.deploymentAdministrator ?? false,
    sessionId: context.sessionId ?? null,
    tokenId: null,
    secondFactorMissing: false,
    organisations: [],
    requestId: context.requestId,
    ip: context.ip,
  };
}
