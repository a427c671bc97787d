import { afterAll, beforeAll, expect, test } from 'vitest';
import { agencyWithAdministrator } from '../../platform/testing/agencies.ts';
import type { Client } from '../../platform/testing/api.ts';
import { startVaka, type TestVaka } from '../../platform/testing/start-vaka.ts';
import { registerDemonstration, registerModule } from '../register/index.ts';
import { dialogueDemonstration, dialogueModule } from './index.ts';

let vaka: TestVaka;
let admin: Client;
beforeAll(async () => {
  vaka = await startVaka({
    modules: [...registerModule, ...dialogueModule],
    demonstrationSteps: [...registerDemonstration, ...dialogueDemonstration],
    demonstration: true,
  });
  ({ admin } = await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test'));
});
afterAll(() => vaka.close());

async function loadDemonstration() {
  const { jobId } = (await admin.post('/api/v1/demonstration-data')).body;
  for (let i = 0; i < 300; i++) {
    const job = (await admin.get(`/api/v1/jobs/${jobId}`)).body;
    if (job.state === 'completed' || job.state === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the demonstration job did not finish');
}

test('the demonstration has policies with reviews overdue and due soon, a body with members, past and future meetings and an open consultation, once', async () => {
  expect((await loadDemonstration()).state).toBe('completed');
  const policies = (await admin.get('/api/v1/dialogue/policies')).body.items;
  expect(policies).toHaveLength(4);
  expect(policies.filter((p: { reviewOverdue: boolean }) => p.reviewOverdue)).toHaveLength(1);
  const dueSoon = (await admin.get('/api/v1/dialogue/policies?reviewWithinDays=90')).body.items;
  expect(dueSoon.length).toBe(3);
  const upcoming = (await admin.get('/api/v1/dialogue/meetings')).body.items;
  const past = (await admin.get('/api/v1/dialogue/meetings?when=past')).body.items;
  expect(upcoming.map((m: { title: string }) => m.title)).toEqual(['Youth policy review forum']);
  expect(past).toHaveLength(1);
  const held = (await admin.get(`/api/v1/dialogue/meetings/${past[0].id}`)).body;
  expect(held.outcomes.map((o: { kind: string }) => o.kind)).toEqual(['decision', 'action']);
  expect(held.invitations.filter((i: { attended: boolean }) => i.attended)).toHaveLength(2);

  const bodies = (await admin.get('/api/v1/dialogue/bodies')).body.items;
  expect(bodies).toEqual([
    expect.objectContaining({ name: 'Disability reference group', currentMembers: 4 }),
  ]);
  expect(held.body.name).toBe('Disability reference group');
  const consultations = (await admin.get('/api/v1/dialogue/consultations')).body.items;
  expect(consultations).toEqual([expect.objectContaining({ open: true, submissions: 2 })]);

  // What the agency told partners: an announcement to youth organisations, and two entries by hand.
  const announcements = (await admin.get('/api/v1/dialogue/announcements')).body.items;
  expect(announcements).toEqual([
    expect.objectContaining({
      title: 'Youth policy review forum: save the date',
      organisationCount: expect.any(Number),
    }),
  ]);
  expect(announcements[0].organisationCount).toBeGreaterThan(0);
  const log = (await admin.get('/api/v1/dialogue/disclosures')).body.items;
  expect(log.map((d: { kind: string }) => d.kind).sort()).toEqual([
    'announcement',
    'letter',
    'meeting-minutes',
  ]);
  expect((await admin.get('/api/v1/dialogue/published-contacts')).body.contacts).toHaveLength(2);

  expect((await loadDemonstration()).state).toBe('completed');
  expect((await admin.get('/api/v1/dialogue/policies')).body.items).toHaveLength(4);
  expect((await admin.get('/api/v1/dialogue/bodies')).body.items).toHaveLength(1);
});
