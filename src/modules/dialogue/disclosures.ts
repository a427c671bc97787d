// The disclosure log (001 §16c, proactive disclosure: the agency "will proactively provide all
// such information to partners that have an impact on the partnership"). One row per thing told,
// with when and to whom; what Vaka sends itself is logged in the same transaction that sends it.
import { and, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import { users } from '../../platform/accounts/tables.ts';
import type { Db } from '../../platform/db/client.ts';
import { spreadsheetCell } from '../../platform/files/spreadsheet-cell.ts';
import type { AgencyScope } from '../../platform/policy/index.ts';
import type { z } from 'zod';
import type { DisclosureQuery } from './outreach-contracts.ts';
import { disclosures } from './tables.ts';

export type DisclosureEntry = {
  agencyId: string;
  kind: string;
  subject: string;
  toWhom: string;
  recipientCount: number | null;
  disclosedOn: string;
  entity?: string | null;
  entityId?: string | null;
  recordedBy: string | null;
};

/** Logs one disclosure; call it inside the transaction of what was disclosed. */
export async function logDisclosure(tx: Db, entry: DisclosureEntry, now: Date) {
  const [row] = await tx
    .insert(disclosures)
    .values({ ...entry, entity: entry.entity ?? null, entityId: entry.entityId ?? null, createdAt: now })
    .returning({ id: disclosures.id });
  return row!.id;
}

// The log is read whole for a period: a year of an agency's disclosures is a few hundred rows.
const logLimit = 5000;

export async function listDisclosures(db: Db, scope: AgencyScope, query: z.infer<typeof DisclosureQuery>) {
  const conditions: SQL[] = [eq(disclosures.agencyId, scope.agencyId)];
  if (query.from) conditions.push(gte(disclosures.disclosedOn, query.from));
  if (query.to) conditions.push(lte(disclosures.disclosedOn, query.to));
  if (query.kind) conditions.push(eq(disclosures.kind, query.kind));
  const rows = await db
    .select({ disclosure: disclosures, recordedBy: users.name })
    .from(disclosures)
    .leftJoin(users, eq(users.id, disclosures.recordedBy))
    .where(and(...conditions))
    .orderBy(desc(disclosures.disclosedOn), desc(disclosures.createdAt))
    .limit(logLimit);
  return rows.map(({ disclosure, recordedBy }) => ({
    id: disclosure.id,
    kind: disclosure.kind,
    subject: disclosure.subject,
    toWhom: disclosure.toWhom,
    recipientCount: disclosure.recipientCount,
    disclosedOn: disclosure.disclosedOn,
    entity: disclosure.entity,
    entityId: disclosure.entityId,
    recordedBy,
    createdAt: disclosure.createdAt,
  }));
}

/**
 * RFC 4180 CSV, with a byte order mark so spreadsheet programs read Māori and Urdu as UTF-8; no cell
 * starts a formula (spreadsheetCell).
 */
export function disclosuresCsv(rows: Awaited<ReturnType<typeof listDisclosures>>): string {
  const cell = (value: string | number | null) => {
    const text = value === null ? '' : String(spreadsheetCell(value));
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const header = ['Disclosed on', 'Kind', 'Subject', 'To whom', 'Recipients', 'Recorded by'];
  const lines = rows.map((row) =>
    [row.disclosedOn, row.kind, row.subject, row.toWhom, row.recipientCount, row.recordedBy]
      .map(cell)
      .join(','),
  );
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
