import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { modules } from '../src/modules.ts';
import { verifyAuditChain } from '../src/platform/audit/verify.ts';
import { startVaka, type TestVaka } from '../src/platform/testing/start-vaka.ts';
import { rowsOf } from '../src/platform/db/client.ts';
import { signedIn } from '../src/platform/testing/api.ts';
import {
  countsAt,
  fillLargeVolume,
  LARGE_VOLUME_PASSWORD,
  uuidOf,
  type VolumeProgress,
} from './large-volume.ts';

const silent: VolumeProgress = { start: () => {}, advance: () => {}, finish: () => {} };
const scale = 0.01;
let first: TestVaka;
let second: TestVaka;
beforeAll(async () => {
  first = await startVaka({ modules });
  second = await startVaka({ modules });
  await fillLargeVolume(first.platform, { seed: 7, scale }, silent);
  await fillLargeVolume(second.platform, { seed: 7, scale }, silent);
});
afterAll(async () => {
  await first?.close();
  await second?.close();
});

const one = async <T>(vaka: TestVaka, query: ReturnType<typeof sql>) =>
  rowsOf<T>(await vaka.platform.db.execute(query))[0]!;

// What must not depend on the run: every organisation and partnership, ids included.
const digest = sql`select
  (select md5(string_agg(id::text || legal_name || kind || last_confirmed_at::text, ',' order by id)) from organisations) organisations,
  (select md5(string_agg(id::text || state || level || title, ',' order by id)) from partnerships) partnerships,
  (select md5(string_agg(organisation_id::text || name || coalesce(email, ''), ',' order by organisation_id, email)) from contacts) contacts`;

describe('the large volume generator', () => {
  test('writes the counts asked for, with contacts, places, members and every lifecycle state', async () => {
    const counts = countsAt(scale);
    const row = await one<Record<string, number>>(
      first,
      sql`select (select count(*)::int from organisations) organisations,
        (select count(*)::int from organisation_places) places,
        (select count(distinct organisation_id)::int from contacts) with_contacts,
        (select count(*)::int from organisation_members) cso_users,
        (select count(*)::int from memberships) agency_users,
        (select count(*)::int from partnerships) partnerships,
        (select count(distinct state)::int from partnerships) states,
        (select count(*)::int from partnerships p where not exists
           (select 1 from partnership_parties pp where pp.partnership_id = p.id)) without_parties,
        (select count(*)::int from organisations o where o.term_codes is distinct from array(
           select t.taxonomy || ':' || t.code from organisation_terms t where t.organisation_id = o.id
           order by t.taxonomy, t.code) or cardinality(o.term_codes) = 0) wrong_term_codes`,
    );
    expect(row).toEqual({
      organisations: counts.organisations,
      places: counts.organisations,
      with_contacts: counts.organisations,
      cso_users: counts.csoUsers,
      agency_users: counts.agencyUsers,
      partnerships: counts.partnerships,
      states: 11,
      without_parties: 0,
      // The counts read term codes from the row (decision 0024): they must be the terms table's.
      wrong_term_codes: 0,
    });
  });

  test('the same seed gives the same rows, ids included, in another database', async () => {
    expect(await one(first, digest)).toEqual(await one(second, digest));
  });

  test('the audit trail holds the events asked for, its chain verifies, and organisation 1 is the busiest record', async () => {
    const busiest = await one<{ entity_id: string; events: number; total: number }>(
      first,
      sql`select entity_id, count(*)::int events, (select count(*)::int from audit_events) total
          from audit_events where entity = 'organisation' group by entity_id order by 2 desc limit 1`,
    );
    expect(busiest.entity_id).toBe(uuidOf(7, 'org', 1));
    expect(busiest.total).toBeGreaterThanOrEqual(countsAt(scale).auditEvents);
    expect(await verifyAuditChain(first.platform.db)).toMatchObject({ firstBroken: null });
  });

  test('past "agreed" a formal partnership has its agreement and every one its approval; past due diligence its assessments', async () => {
    const gaps = await one<{ unsigned: number; unassessed: number; undecided: number }>(
      first,
      sql`select
        (select count(*)::int from partnerships p where p.formality = 'formal'
           and p.state in ('agreed', 'active', 'under-review', 'phasing-out', 'closed')
           and not exists (select 1 from partnership_agreements a where a.partnership_id = p.id)) unsigned,
        (select count(*)::int from partnerships p join partnership_parties pp on pp.partnership_id = p.id
           where p.state in ('awaiting-decision', 'agreed', 'active', 'closed')
           and not exists (select 1 from partnership_assessments a where a.partnership_id = p.id
                           and a.organisation_id = pp.organisation_id and a.state = 'complete')) unassessed,
        (select count(*)::int from partnerships p where p.state in ('agreed', 'active', 'closed')
           and not exists (select 1 from decision_requests r join decision_votes v on v.request_id = r.id
                           where r.partnership_id = p.id and r.outcome = 'approved' and v.vote = 'approve')) undecided`,
    );
    expect(gaps).toEqual({ unsigned: 0, unassessed: 0, undecided: 0 });
  });

  // A word on most profiles is found by walking the search's order, one on fewer by sorting its
  // matches (decision 0027); either way the pages must be the order of sorting every match.
  test('a search for a common word pages in the order of sorting every match: names first, then by name', async () => {
    const admin = await signedIn(first.app, 'admin@agency-1.large.vaka.test', LARGE_VOLUME_PASSWORD);
    const pages = async (query: string, count: number) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < count; page++) {
        const after: string = cursor ? `&cursor=${cursor}` : '';
        const reply = await admin.get(`/api/v1/register/organisations?${query}&limit=50${after}`);
        expect(reply.status).toBe(200);
        ids.push(...reply.body.items.map((item: { id: string }) => item.id));
        cursor = reply.body.nextCursor;
        if (!cursor) break;
      }
      return ids;
    };
    const sorted = async (word: string, kind: string | null, count: number) =>
      rowsOf<{ id: string }>(
        await first.platform.db.execute(sql`select id from organisations
          where merged_into_id is null and search_text like '%' || ${word} || '%'
            and (${kind}::text is null or kind = ${kind})
          order by (name_text like '%' || ${word} || '%') desc, left(search_text, 40), id limit ${count}`),
      ).map((row) => row.id);
    const { total } = await one<{ total: number }>(first, sql`select count(*)::int total from organisations`);
    for (const word of ['serving', 'youth']) {
      const matches = await one<{ n: number }>(
        first,
        sql`select count(*)::int n from organisations where search_text like '%' || ${word} || '%'`,
      );
      // "serving" is in every mission, past what is sorted; "youth" in some names and fewer missions.
      if (word === 'serving') expect(matches.n).toBe(total);
      expect(await pages(`q=${word}`, 4)).toEqual(await sorted(word, null, 200));
      expect(await pages(`q=${word}&kind=community-group`, 3)).toEqual(
        await sorted(word, 'community-group', 150),
      );
    }
  });
});
