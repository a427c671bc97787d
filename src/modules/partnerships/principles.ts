import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { notFound } from '../../platform/http/problems.ts';
import type { PrincipleView } from './review-contracts.ts';
import { partnershipPrinciples } from './tables.ts';

type PrincipleRow = typeof partnershipPrinciples.$inferSelect;

/**
 * The principles every agency starts with, in the seeds' words: 000 §5 (the overarching principle
 * of partnership and its supporting principles) and 003 "Partnership principles". An agency renames,
 * adds and retires them as it likes.
 */
export const seededPrinciples: { name: string; description: string; source: string }[] = [
  {
    name: 'Mutual respect and reciprocated trust',
    description:
      'Founded on appreciation of the constraints under which all sides operate, mutual respect, reciprocated trust, authentic consultation, genuine negotiation and a shared recognition of common purpose.',
    source: '000 §5',
  },
  {
    name: 'Independence of the organisation',
    description:
      'Recognition of the independence of CSOs irrespective of any funding relationship that might exist.',
    source: '000 §5',
  },
  {
    name: 'Open and ongoing dialogue',
    description: 'Commitment to open and ongoing dialogue on policy and practice.',
    source: '000 §5',
  },
  {
    name: 'Simple processes and requirements',
    description:
      'Commitment to simplification of processes and requirements in meeting transparency and accountability obligations.',
    source: '000 §5',
  },
  {
    name: 'Equity, integrity and dedication to agreed outcomes',
    description:
      'Particularly important where an organisation has unequal bargaining power and different capacity assets.',
    source: '003',
  },
  {
    name: 'Realistic expectations',
    description: 'Realistic expectations, underlying institutional interests and organisational values.',
    source: '003',
  },
  {
    name: 'A medium- to long-term perspective',
    description: 'A medium- to long-term perspective.',
    source: '003',
  },
  {
    name: 'Mutual accountability and mutual benefit',
    description: 'Mutual accountability and mutual benefit.',
    source: '003',
  },
];

export const presentPrinciple = (row: PrincipleRow): PrincipleView => ({
  id: row.id,
  name: row.name,
  description: row.description,
  source: row.source,
  retired: row.retiredAt !== null,
  version: row.version,
});

const ofAgency = (db: Db, agencyId: string) =>
  db
    .select()
    .from(partnershipPrinciples)
    .where(eq(partnershipPrinciples.agencyId, agencyId))
    .orderBy(asc(partnershipPrinciples.position), asc(partnershipPrinciples.name));

/** The agency's principles, retired ones included, seeded the first time they are needed. */
export async function principlesOf(db: Db, agencyId: string): Promise<PrincipleRow[]> {
  const rows = await ofAgency(db, agencyId);
  if (rows.length > 0) return rows;
  // Reference data like the due diligence templates: written once per agency, so no audit row.
  await db
    .insert(partnershipPrinciples)
    .values(seededPrinciples.map((p, position) => ({ ...p, agencyId, position })))
    .onConflictDoNothing();
  return ofAgency(db, agencyId);
}

export async function principleOf(db: Db, agencyId: string, id: string): Promise<PrincipleRow> {
  await principlesOf(db, agencyId);
  const [row] = await db
    .select()
    .from(partnershipPrinciples)
    .where(and(eq(partnershipPrinciples.id, id), eq(partnershipPrinciples.agencyId, agencyId)));
  if (!row) throw notFound('This principle');
  return row;
}
