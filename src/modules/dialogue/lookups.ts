// What the partnerships module asks of the policy register, through index.ts.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { AgencyScope } from '../../platform/policy/index.ts';
import { policies } from './tables.ts';

export type PolicySummary = { id: string; title: string; kind: string; status: string; focusAreas: string[] };

/** The agency's policies by id; ids of other agencies or of nothing are left out. */
export async function policySummaries(
  db: Db,
  scope: AgencyScope,
  ids: string[],
): Promise<Map<string, PolicySummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: policies.id,
      title: policies.title,
      kind: policies.kind,
      status: policies.status,
      focusAreas: policies.focusAreas,
    })
    .from(policies)
    .where(and(eq(policies.agencyId, scope.agencyId), inArray(policies.id, [...new Set(ids)])));
  return new Map(rows.map((row) => [row.id, row]));
}

/** The ids of this list that are not policies of the agency, to refuse a link to them. */
export async function missingPolicies(db: Db, scope: AgencyScope, ids: string[]): Promise<string[]> {
  const found = await policySummaries(db, scope, ids);
  return ids.filter((id) => !found.has(id));
}
