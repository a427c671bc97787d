import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { notPrivate } from './profile-access.ts';

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

/** Likely duplicates of one profile: a similar name in any language, the same identifier, e-mail or phone. */
export async function findDuplicates(db: Db, probe: DuplicateProbe): Promise<DuplicateCandidate[]> {
  const [candidates] = await findDuplicatesForMany(db, [probe], probe.excludeId);
  return candidates ?? [];
}

// Names probed per statement: each is its own index scan, but one round trip for the lot.
const NAMES_PER_STATEMENT = 250;
const asJson = (values: string[]) => JSON.stringify(values);

/**
 * The same probe as findDuplicates for many records at once (an import check of thousands of rows):
 * each distinct name is probed once, all of a chunk's names in one statement through a lateral
 * join, and identifiers, e-mails and phones in one statement each, instead of four per row.
 * Answers in the order of the probes. `excludeId` leaves one profile out (the one being edited);
 * imported rows have no id yet.
 */
export async function findDuplicatesForMany(
  db: Db,
  probes: DuplicateProbe[],
  excludeId = '00000000-0000-0000-0000-000000000000',
): Promise<DuplicateCandidate[][]> {
  type Match = { id: string; legalName: string; score: number };
  const byName = new Map<string, Match[]>();
  const names = [...new Set(probes.flatMap((p) => p.names.filter((n) => n.trim().length >= 3)))];
  for (let from = 0; from < names.length; from += NAMES_PER_STATEMENT) {
    const chunk = names.slice(from, from + NAMES_PER_STATEMENT);
    // The planner prices the trigram index high for a name it cannot see (one per lateral row) and
    // scans every organisation per name instead: 250 ms a name at 10,000 organisations against
    // 13 ms through the index. Within this statement's transaction it is told to use the index.
    // Names are looked for in name_text (all of a profile's names), not the whole search text: its
    // index and rechecks are a fraction of the size: 15 to 46 ms a name at 100,000 became 4 to
    // 21 ms (decision 0037).
    const result = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return tx.execute(sql`
      select p.name, m.id, m.legal_name, m.score
      from jsonb_array_elements_text(${asJson(chunk)}::jsonb) with ordinality as p(name, n)
      cross join lateral (
        select o.id, o.legal_name, greatest(similarity(lower(unaccent(o.legal_name)), lower(unaccent(p.name))),
          coalesce((select max(similarity(lower(unaccent(n.name)), lower(unaccent(p.name)))) from organisation_names n where n.organisation_id = o.id), 0)) as score
        from organisations o
        where o.merged_into_id is null and o.id <> ${excludeId} and lower(unaccent(p.name)) <% o.name_text
        order by score desc limit 10) m
      order by p.n, m.score desc`);
    });
    for (const row of rowsOf<{ name: string; id: string; legal_name: string; score: number }>(result)) {
      if (Number(row.score) < NAME_SIMILARITY) continue;
      const matches = byName.get(row.name) ?? [];
      matches.push({ id: row.id, legalName: row.legal_name, score: Number(row.score) });
      byName.set(row.name, matches);
    }
  }

  const byIdentifier = new Map<string, Match[]>();
  const values = [...new Set(probes.flatMap((p) => p.identifiers.map((i) => i.value)))];
  for (let from = 0; from < values.length; from += NAMES_PER_STATEMENT * 20) {
    const result = await db.execute(sql`
      select i.scheme, i.value, o.id, o.legal_name from organisation_identifiers i join organisations o on o.id = i.organisation_id
      where o.id <> ${excludeId} and i.value in (select jsonb_array_elements_text(${asJson(values.slice(from, from + NAMES_PER_STATEMENT * 20))}::jsonb))`);
    for (const row of rowsOf<{ scheme: string; value: string; id: string; legal_name: string }>(result)) {
      const key = `${row.scheme}|${row.value}`;
      byIdentifier.set(key, [
        ...(byIdentifier.get(key) ?? []),
        { id: row.id, legalName: row.legal_name, score: 1 },
      ]);
    }
  }

  // A private contact confirms nothing: "same e-mail" would tell a stranger the CSO's address (issue 18).
  const contactsBy = async (column: 'email' | 'phone', wanted: string[]) => {
    const found = new Map<string, Match[]>();
    const match = column === 'email' ? sql`c.email` : sql`regexp_replace(c.phone, '\\D', '', 'g')`;
    for (let from = 0; from < wanted.length; from += NAMES_PER_STATEMENT * 20) {
      const result = await db.execute(sql`
        select ${match} as key, o.id, o.legal_name from contacts c join organisations o on o.id = c.organisation_id
        where ${match} in (select jsonb_array_elements_text(${asJson(wanted.slice(from, from + NAMES_PER_STATEMENT * 20))}::jsonb))
          and o.merged_into_id is null and o.id <> ${excludeId} and ${notPrivate('contacts')}`);
      for (const row of rowsOf<{ key: string; id: string; legal_name: string }>(result))
        found.set(row.key, [
          ...(found.get(row.key) ?? []),
          { id: row.id, legalName: row.legal_name, score: 1 },
        ]);
    }
    return found;
  };
  const byEmail = await contactsBy('email', [
    ...new Set(probes.flatMap((p) => p.emails.filter(Boolean).map((e) => e.toLowerCase()))),
  ]);
  const byPhone = await contactsBy('phone', [
    ...new Set(probes.flatMap((p) => p.phones.map(digits).filter((p) => p.length >= 5))),
  ]);

  // Each probe's candidates built in the same order and with the same reasons as findDuplicates.
  return probes.map((probe) => {
    const found = new Map<string, DuplicateCandidate>();
    const note = (matches: Match[] | undefined, reason: string) => {
      for (const { id, legalName, score } of matches ?? []) {
        const candidate = found.get(id) ?? { id, legalName, reasons: [], similarity: 0 };
        if (!candidate.reasons.includes(reason)) candidate.reasons.push(reason);
        candidate.similarity = Math.max(candidate.similarity, score);
        found.set(id, candidate);
      }
    };
    for (const name of probe.names.filter((n) => n.trim().length >= 3))
      note(byName.get(name), `similar name to "${name}"`);
    for (const identifier of probe.identifiers)
      note(
        byIdentifier.get(`${identifier.scheme}|${identifier.value}`),
        `same identifier ${identifier.scheme} ${identifier.value}`,
      );
    for (const email of probe.emails.filter(Boolean))
      note(byEmail.get(email.toLowerCase()), `same e-mail ${email}`);
    for (const phone of probe.phones.map(digits).filter((p) => p.length >= 5))
      note(byPhone.get(phone), `same phone ${phone}`);
    return [...found.values()].sort((a, b) => b.similarity - a.similarity);
  });
}
