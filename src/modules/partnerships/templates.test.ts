import { afterAll, beforeAll, expect, test } from 'vitest';
import { agencyWithAdministrator, memberWithRole } from '../../platform/testing/agencies.ts';
import type { Client } from '../../platform/testing/api.ts';
import { startVaka, type TestVaka } from '../../platform/testing/start-vaka.ts';
import { registerModule } from '../register/index.ts';
import { partnershipsModule } from './index.ts';

// Decision 0008: templates are read and replaced whole, one per name in an agency. The template
// page (issue 4 item 6) renames templates and sends weights as typed, so these rules meet users.
let vaka: TestVaka;
let coordinator: Client;
type Template = { id: string; name: string; version: number; [key: string]: unknown };
let templates: Template[];
const url = '/api/v1/partnerships/due-diligence/templates';

beforeAll(async () => {
  vaka = await startVaka({ modules: [...registerModule, ...partnershipsModule] });
  const { admin } = await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test');
  coordinator = await memberWithRole(vaka, admin, 'mere@mia.test', 'partnership-coordinator');
  templates = (await coordinator.get(url)).body.items;
});
afterAll(() => vaka.close());

const changeOf = ({ id: _id, active: _active, ...rest }: Template) => rest;

test('a template cannot take the name of another; nothing changes', async () => {
  const [first, second] = templates as [Template, Template];
  const clash = await coordinator.put(`${url}/${first.id}`, { ...changeOf(first), name: second.name });
  expect(clash.status).toBe(400);
  expect(clash.body.errors).toEqual([{ field: 'name', message: 'Another template has this name.' }]);
  // Keeping its own name is no clash.
  const kept = await coordinator.put(`${url}/${first.id}`, changeOf(first));
  expect(kept.status).toBe(200);
  expect(kept.body.version).toBe(first.version + 1);
  const trail = (await coordinator.get(`/api/v1/audit/due-diligence-template/${first.id}`)).body.items;
  expect(trail).toHaveLength(1);
});

test('a weight outside 0-10 is named by its place in the template; nothing changes', async () => {
  const template = (await coordinator.get(url)).body.items[1] as Template;
  const sections = template.sections as { title: string; questions: { weight: number }[] }[];
  const bad = structuredClone(sections);
  bad[0]!.questions[1]!.weight = 11;
  const reply = await coordinator.put(`${url}/${template.id}`, { ...changeOf(template), sections: bad });
  expect(reply.status).toBe(400);
  expect(reply.body.errors.map((e: { field: string }) => e.field)).toEqual(['sections.0.questions.1.weight']);
  const after = (await coordinator.get(url)).body.items[1] as Template;
  expect(after.version).toBe(template.version);
});

test('templates created at once under one name: one is made, the others are a 409 naming the name', async () => {
  const [model] = templates as [Template];
  const { id: _id, active: _active, version: _version, ...body } = model;
  const replies = await Promise.all(
    Array.from({ length: 4 }, () => coordinator.post(url, { ...body, name: 'Checked at the same moment' })),
  );
  // On a PostgreSQL server the four pass the name check together and three meet the unique index;
  // the embedded database runs them one after another, so there the check answers.
  const statuses = replies.map((reply) => reply.status);
  expect(statuses.filter((status) => status === 201)).toHaveLength(1);
  for (const reply of replies.filter((r) => r.status !== 201)) {
    // The operation's own check answers 400 when it sees the first; a race past it meets the index.
    expect([400, 409]).toContain(reply.status);
    expect(reply.body.errors).toEqual([{ field: 'name', message: expect.any(String) }]);
  }
  const named = (await coordinator.get(url)).body.items.filter(
    (t: Template) => t.name === 'Checked at the same moment',
  );
  expect(named).toHaveLength(1);
});
