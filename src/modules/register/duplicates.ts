import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { rowsOf } from './search.ts';

export type DuplicateProbe = {
  names: string[];
  identifiers: { scheme: string; value: string }[];
  emails: string[];
  phones: string[];
  excludeId?: string | undefined;
};
export type DuplicateCandidate = { id: string; legalName: string; reasons: string[]; similarity: number };

// Names this close (trigram similarity, 0 to 1) are worth a second look before saving (issue 3 §5).
const NAME_SIMILARITY = 0.45;
const digits = (phone: string) => phone.replace(/\D/g, '');

/** Likely duplicates: a similar name in any language, the same identifier, e-mail or phone. */
export async function findDuplicates(db: Db, probe: DuplicateProbe): Promise<DuplicateCandidate[]> {
  const found = new Map<string, DuplicateCandidate>();
  const note = (id: string, legalName: string, reason: string, similarity: number) => {
    const candidate = found.get(id) ?? { id, legalName, reasons: [], similarity: 0 };
    if (!candidate.reasons.includes(reason)) candidate.reasons.push(reason);
    candidate.similarity = Math.max(candidate.similarity, similarity);
    found.set(id, candidate);
  };
  const exclude = probe.excludeId ?? '00000000-0000-0000-0000-000000000000';

  for (const name of probe.names.filter((n) => n.trim().length >= 3)) {
    const result = await db.execute(sql`
      select o.id, o.legal_name, greatest(similarity(lower(unaccent(o.legal_name)), lower(unaccent(${name}))),
        coalesce((select max(similarity(lower(unaccent(n.name)), lower(unaccent(${name})))) from organisation_names n where n.organisation_id = o.id), 0)) as score
      from organisations o
      where o.merged_into_id is null and o.id <> ${exclude}
        and lower(unaccent(${name})) <% o.search_text
      order by score desc limit 10`);
    for (const row of rowsOf<{ id: string; legal_name: string; score: number }>(result)) {
      if (Number(row.score) >= NAME_SIMILARITY)
        note(row.id, row.legal_name, `similar name to "${name}"`, Number(row.score));
    }
  }
  for (const identifier of probe.identifiers) {
    const result =
      await db.execute(sql`select o.id, o.legal_name from organisation_identifiers i join organisations o on o.id = i.organisation_id
      where i.scheme = ${identifier.scheme} and i.value = ${identifier.value} and o.id <> ${exclude}`);
    for (const row of rowsOf<{ id: string; legal_name: string }>(result))
      note(row.id, row.legal_name, `same identifier ${identifier.scheme} ${identifier.value}`, 1);
  }
  for (const email of probe.emails.filter(Boolean)) {
    const result =
      await db.execute(sql`select o.id, o.legal_name from contacts c join organisations o on o.id = c.organisation_id
      where c.email = ${email.toLowerCase()} and o.merged_into_id is null and o.id <> ${exclude}`);
    for (const row of rowsOf<{ id: string; legal_name: string }>(result))
      note(row.id, row.legal_name, `same e-mail ${email}`, 1);
  }
  for (const phone of probe.phones.map(digits).filter((p) => p.length >= 5)) {
    const result =
      await db.execute(sql`select o.id, o.legal_name from contacts c join organisations o on o.id = c.organisation_id
      where regexp_replace(c.phone, '\\D', '', 'g') = ${phone} and o.merged_into_id is null and o.id <> ${exclude}`);
    for (const row of rowsOf<{ id: string; legal_name: string }>(result))
      note(row.id, row.legal_name, `same phone ${phone}`, 1);
  }
  return [...found.values()].sort((a, b) => b.similarity - a.similarity);
}
