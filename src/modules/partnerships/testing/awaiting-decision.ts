import { expect } from 'vitest';
import type { Client } from '../../../platform/testing/api.ts';

/** A partnership walked to "awaiting decision", its one party assessed; returns its id and a mover. */
export async function awaitingDecision(coordinator: Client, organisationId: string, title: string) {
  const created = await coordinator.post('/api/v1/partnerships', {
    title,
    parties: [{ organisationId }],
    formality: 'informal',
    form: 'network',
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  let version = 1;
  const move = async (state: string, reason = `to ${state}`) => {
    const reply = await coordinator.post(`/api/v1/partnerships/${id}/state`, { state, reason, version });
    if (reply.status === 200) version = reply.body.version;
    return reply;
  };
  expect((await move('scoping')).status).toBe(200);
  expect((await move('due-diligence')).status).toBe(200);
  const base = `/api/v1/partnerships/${id}/assessments`;
  const started = await coordinator.post(base, { organisationId });
  type Question = { id: string; kind: string; required: boolean };
  const answers = Object.fromEntries(
    started.body.questions
      .filter((q: Question) => q.required)
      .map((q: Question) => [q.id, q.kind === 'yes-no' ? true : q.kind === 'scale' ? 5 : 'Seen']),
  );
  await coordinator.patch(`${base}/${started.body.id}`, { answers });
  expect((await coordinator.post(`${base}/${started.body.id}/complete`)).status).toBe(200);
  expect((await move('awaiting-decision')).status).toBe(200);
  return { id, move };
}
