import { expect } from 'vitest';
import type { Client } from '../../../platform/testing/api.ts';

/** A community group in the register, to be a party to partnerships in tests. */
export async function registerOrganisation(coordinator: Client, name: string): Promise<string> {
  const reply = await coordinator.post('/api/v1/register/organisations', {
    legalName: name,
    kind: 'community-group',
    acknowledgeDuplicates: true,
  });
  expect(reply.status).toBe(201);
  return reply.body.id as string;
}
