import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Client } from '../../platform/testing/api.ts';
import type { TestVaka } from '../../platform/testing/start-vaka.ts';
import { DELIVERY_BATCH } from './operations/send-announcement.ts';
import { ministryAndNeighbour } from './test-agencies.ts';

// Decision 0025: an announcement reaches each address once, even when its job fails part-way and
// pg-boss runs it again.

let vaka: TestVaka;
let coordinator: Client;
const organisations = 18;
const contactsEach = 30; // the most a profile holds
const addresses = organisations * contactsEach;

beforeAll(async () => {
  ({ vaka, coordinator } = await ministryAndNeighbour());
  for (let o = 0; o < organisations; o++) {
    const created = await coordinator.post('/api/v1/register/organisations', {
      legalName: `Manihiki Pearl Growers ${o}`,
      kind: 'community-group',
      focusAreas: ['economic-empowerment'],
      acknowledgeDuplicates: true,
      contacts: Array.from({ length: contactsEach }, (_, c) => ({
        name: `Grower ${o}-${c}`,
        email: `grower-${o}-${c}@pearls.test`,
        consentToContact: true,
      })),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }
});
afterAll(() => vaka.close());

async function jobOf(jobId: string) {
  return (await coordinator.get(`/api/v1/jobs/${jobId}`)).body;
}

/** How many mail.send jobs are still to run: the queue is drained when none is. */
async function mailsWaiting() {
  const result = await vaka.platform.database.executeSql(
    "select count(*)::int as waiting from pgboss.job where name = 'mail.send' and state in ('created', 'retry', 'active')",
  );
  const rows = Array.isArray(result) ? result[0]!.rows : result.rows;
  return (rows[0] as { waiting: number }).waiting;
}

test('a job that fails after its first batch is retried and mails each address exactly once', async () => {
  expect(addresses).toBeGreaterThan(2 * DELIVERY_BATCH);
  // The database refuses the second batch's statement, once: a blip between batches. A sequence,
  // not a table, counts the statements, since the failing transaction's writes are rolled back
  // and a sequence's are not.
  await vaka.platform.database.executeSql(`
    create sequence delivery_statements;
    create function refuse_second_batch() returns trigger language plpgsql as $$
    begin
      if nextval('delivery_statements') = 2 then
        raise exception 'connection to the database was lost';
      end if;
      return null;
    end $$;
    create trigger refuse_second_batch before insert on announcement_deliveries
      for each statement execute function refuse_second_batch();
  `);

  const sent = await coordinator.post('/api/v1/dialogue/announcements', {
    title: 'Pearl market day',
    body: 'The buyers come to Tauhunu on 4 December.',
    audience: { focusAreas: ['economic-empowerment'] },
  });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);

  let job = await jobOf(sent.body.jobId);
  for (let tries = 0; job.state !== 'completed' && tries < 600; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    job = await jobOf(sent.body.jobId);
  }
  expect(job).toMatchObject({ state: 'completed', done: addresses, total: addresses });
  // It did fail once: the sequence was read by the first try's two statements and the retry's three.
  const statements = await vaka.platform.database.executeSql(
    'select last_value::int as n from delivery_statements',
  );
  const statementRows = Array.isArray(statements) ? statements[0]!.rows : statements.rows;
  expect((statementRows[0] as { n: number }).n).toBe(5);

  for (let tries = 0; (await mailsWaiting()) > 0 && tries < 600; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(await mailsWaiting()).toBe(0);
  const received = vaka.mail.received.filter((mail) => mail.subject.includes('Pearl market day'));
  const perAddress = Map.groupBy(received, (mail) => mail.to);
  expect(perAddress.size).toBe(addresses);
  expect([...perAddress.values()].filter((mails) => mails.length > 1)).toEqual([]);
  expect(received).toHaveLength(addresses);

  const announcement = (await coordinator.get(`/api/v1/dialogue/announcements/${sent.body.id}`)).body;
  expect(announcement).toMatchObject({ organisationCount: organisations, emailCount: addresses });
});
