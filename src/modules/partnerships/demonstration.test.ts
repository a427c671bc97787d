import { afterAll, beforeAll, expect, test } from 'vitest';
import { agencyWithAdministrator } from '../../platform/testing/agencies.ts';
import type { Client } from '../../platform/testing/api.ts';
import { startVaka, type TestVaka } from '../../platform/testing/start-vaka.ts';
import { registerDemonstration, registerModule } from '../register/index.ts';
import { lifecycleStates } from './contracts.ts';
import { partnershipsDemonstration, partnershipsModule } from './index.ts';

let vaka: TestVaka;
let admin: Client;
beforeAll(async () => {
  vaka = await startVaka({
    modules: [...registerModule, ...partnershipsModule],
    demonstrationSteps: [...registerDemonstration, ...partnershipsDemonstration],
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

test('the demonstration has a partnership in every state, each keeping the guards, once', async () => {
  expect((await loadDemonstration()).state).toBe('completed');
  const board = (await admin.get('/api/v1/partnerships/board')).body;
  for (const state of lifecycleStates) {
    const column = board.columns.find((c: { state: string }) => c.state === state);
    expect(column.items.length, state).toBeGreaterThan(0);
  }
  const all = board.columns.flatMap((c: { items: { id: string }[] }) => c.items);
  for (const { id } of all) {
    const p = (await admin.get(`/api/v1/partnerships/${id}`)).body;
    const reached = (state: string) => p.stateHistory.some((m: { to: string }) => m.to === state);
    if (reached('awaiting-decision'))
      expect(p.assessments.filter((a: { state: string }) => a.state === 'complete')).toHaveLength(
        p.parties.length,
      );
    if (reached('active') && p.formality === 'formal') expect(p.agreements.length).toBe(1);
    if (reached('phasing-out')) expect(p.phaseOutPlan).toBeTruthy();
    // Issue 4 item 7: agreed only with the committee's approval; awaiting ones have a request open.
    const decisions = (await admin.get(`/api/v1/partnerships/${id}/decisions`)).body.items;
    if (reached('agreed')) expect(decisions.map((d: { outcome: string }) => d.outcome)).toEqual(['approved']);
    if (p.state === 'awaiting-decision') expect(decisions[0].state).toBe('open');
    expect(p.stateHistory.at(-1).to).toBe(p.state);
    expect(p.levelHistory.at(-1).to).toBe(p.level);
  }
  const pool = (await admin.get('/api/v1/partnerships/pool?months=12')).body.points;
  const total = (point: Record<string, number>) =>
    point.networking! + point.coordinating! + point.cooperating! + point.collaborating!;
  // Today the pool is every partnership not closed, declined or withdrawn; half a year ago it was growing.
  expect(total(pool.at(-1))).toBe(all.length - 3);
  expect(total(pool[6])).toBeGreaterThan(0);
  expect(pool.at(-1).collaborating).toBeGreaterThan(0);

  const committee = (await admin.get('/api/v1/partnerships/committee')).body;
  expect(committee.members.length).toBeGreaterThan(0);

  expect((await loadDemonstration()).state).toBe('completed');
  const again = (await admin.get('/api/v1/partnerships?limit=200')).body.items;
  expect(again).toHaveLength(all.length);
});

test("the demonstration has reviews rated by both sides over time, and a partners' meeting", async () => {
  expect((await loadDemonstration()).state).toBe('completed');
  const due = (await admin.get('/api/v1/partnerships/reviews/due?withinDays=366')).body.items;
  expect(due.length).toBeGreaterThan(0);
  const withReviews = await Promise.all(
    due.map(
      async (d: { partnershipId: string }) =>
        (await admin.get(`/api/v1/partnerships/${d.partnershipId}/reviews`)).body,
    ),
  );
  expect(
    withReviews.some((r) => r.reviews.some((review: { state: string }) => review.state === 'open')),
  ).toBe(true);
  const trend = withReviews.flatMap((r) => r.trends).find((t) => t.points.length > 1);
  expect(trend.points[0].agency).not.toBeNull();
  expect(trend.points[0].organisations).not.toBeNull();
  const pool = (await admin.get('/api/v1/partnerships/principles/trends?years=2')).body;
  expect(
    pool.trends[0].points.filter((p: { agency: number | null }) => p.agency !== null).length,
  ).toBeGreaterThan(1);
  expect((await admin.get('/api/v1/partnerships/partners-meetings')).body.items).toHaveLength(1);
});

test('the demonstration agreements have budgets and milestones, and a plan has an overdue action', async () => {
  expect((await loadDemonstration()).state).toBe('completed');
  const overdue = (await admin.get('/api/v1/partnerships/overdue-actions')).body.items;
  expect(overdue).toHaveLength(1);
  const { partnershipId } = overdue[0];
  const agreements = (await admin.get(`/api/v1/partnerships/${partnershipId}/agreements`)).body.items;
  const signed = agreements.find((a: { state: string }) => a.state === 'active');
  expect(signed.budgetLines.length).toBeGreaterThan(0);
  expect(signed.budgetTotals[0].currency).toBe('NZD');
  expect(signed.milestones).toHaveLength(2);
  const board = (await admin.get('/api/v1/partnerships/board')).body;
  const agreed = board.columns.find((c: { state: string }) => c.state === 'agreed').items[0];
  const waiting = (await admin.get(`/api/v1/partnerships/${agreed.id}/agreements`)).body.items;
  expect(waiting[0]).toMatchObject({ state: 'negotiating', parties: [{ acknowledgement: null }] });
  const plan = (await admin.get(`/api/v1/partnerships/${partnershipId}/plan`)).body;
  expect(plan.vision).toBeTruthy();
  expect(plan.actions).toHaveLength(3);
});
