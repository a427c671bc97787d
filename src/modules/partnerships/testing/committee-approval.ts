import { expect } from 'vitest';
import type { Client } from '../../../platform/testing/api.ts';
import type { TestVaka } from '../../../platform/testing/start-vaka.ts';

/**
 * For tests that pass through "agreed": the committee (the coordinator alone, made so on first use)
 * approves the partnership, as issue 4 item 7 requires.
 */
export async function approveByCommittee(
  vaka: TestVaka,
  coordinator: Client,
  coordinatorEmail: string,
  partnershipId: string,
) {
  const committee = (await coordinator.get('/api/v1/partnerships/committee')).body;
  if (committee.members.length === 0) {
    const users = (await coordinator.get('/api/v1/users')).body.items;
    const me = users.find((u: { email: string }) => u.email === coordinatorEmail);
    const set = await coordinator.put('/api/v1/partnerships/committee', {
      name: 'Committee',
      memberIds: [me.id],
      quorum: null,
      version: committee.version ?? 0,
    });
    expect(set.status).toBe(200);
  }
  const raised = await coordinator.post(`/api/v1/partnerships/${partnershipId}/decisions`, {
    question: 'Enter this partnership?',
    deadline: vaka.clock.now().toISOString().slice(0, 10),
  });
  expect(raised.status).toBe(201);
  const voted = await coordinator.post(
    `/api/v1/partnerships/${partnershipId}/decisions/${raised.body.id}/votes`,
    { vote: 'approve' },
  );
  expect(voted.body.outcome).toBe('approved');
}
