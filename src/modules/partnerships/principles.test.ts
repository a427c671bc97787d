import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { agencyWithAdministrator, memberWithRole } from '../../platform/testing/agencies.ts';
import type { Client } from '../../platform/testing/api.ts';
import { startVaka, type TestVaka } from '../../platform/testing/start-vaka.ts';
import { registerModule } from '../register/index.ts';
import { partnershipsModule } from './index.ts';

let vaka: TestVaka;
let admin: Client;
let coordinator: Client;
let officer: Client;
let viewer: Client;
let otherAgency: Client;

beforeAll(async () => {
  vaka = await startVaka({ modules: [...registerModule, ...partnershipsModule] });
  ({ admin } = await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test'));
  coordinator = await memberWithRole(vaka, admin, 'mere@mia.test', 'partnership-coordinator');
  officer = await memberWithRole(vaka, admin, 'tane@mia.test', 'programme-officer');
  viewer = await memberWithRole(vaka, admin, 'ana@mia.test', 'viewer');
  otherAgency = (await agencyWithAdministrator(vaka, 'Ministry of Health', 'admin@moh.test')).admin;
});
afterAll(() => vaka.close());

type Principle = { id: string; name: string; source: string | null; retired: boolean; version: number };
const principles = async (as: Client = coordinator) =>
  (await as.get('/api/v1/partnerships/principles')).body.items as Principle[];

describe('partnership principles', () => {
  test('an agency starts with the principles of 000 §5 and 003, in their words', async () => {
    const items = await principles();
    expect(items.map((p) => p.name)).toEqual([
      'Mutual respect and reciprocated trust',
      'Independence of the organisation',
      'Open and ongoing dialogue',
      'Simple processes and requirements',
      'Equity, integrity and dedication to agreed outcomes',
      'Realistic expectations',
      'A medium- to long-term perspective',
      'Mutual accountability and mutual benefit',
    ]);
    expect(new Set(items.map((p) => p.source))).toEqual(new Set(['000 §5', '003']));
    expect(items.every((p) => !p.retired && p.version === 1)).toBe(true);
  });

  test('a coordinator adds, renames and retires a principle, each audited, with version checks', async () => {
    const added = await coordinator.post('/api/v1/partnerships/principles', {
      name: 'Shared learning',
      description: 'Both sides learn from what works and what does not.',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: 'Shared learning', source: null, retired: false, version: 1 });
    const id = added.body.id;
    expect((await principles()).at(-1)!.name).toBe('Shared learning');

    const renamed = await coordinator.put(`/api/v1/partnerships/principles/${id}`, {
      name: 'Learning together',
      description: null,
      version: 1,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Learning together', retired: false, version: 2 });

    const stale = await coordinator.put(`/api/v1/partnerships/principles/${id}`, {
      name: 'Something else',
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale-version');
    expect(stale.body.current.name).toBe('Learning together');

    const retired = await coordinator.put(`/api/v1/partnerships/principles/${id}`, {
      name: 'Learning together',
      retired: true,
      version: 2,
    });
    expect(retired.body).toMatchObject({ retired: true, version: 3 });

    const trail = await coordinator.get(`/api/v1/audit/partnership-principle/${id}`);
    // Newest first.
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual([
      'partnership-principle.retired',
      'partnership-principle.changed',
      'partnership-principle.added',
    ]);
  });

  test.each([
    ['an empty name', { name: '' }, 'name'],
    ['a name another principle has', { name: 'realistic expectations' }, 'name'],
    ['an unknown field', { name: 'Fine', weight: 3 }, ''],
  ])('%s is refused by field, and nothing is added', async (_, body, field) => {
    const before = (await principles()).length;
    const reply = await coordinator.post('/api/v1/partnerships/principles', body);
    expect(reply.status).toBe(400);
    if (field) expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await principles()).toHaveLength(before);
  });

  test('only coordinators and administrators change principles; other agencies do not see them', async () => {
    expect((await officer.post('/api/v1/partnerships/principles', { name: 'Officer idea' })).status).toBe(
      403,
    );
    expect((await viewer.post('/api/v1/partnerships/principles', { name: 'Viewer idea' })).status).toBe(403);
    expect((await admin.post('/api/v1/partnerships/principles', { name: 'Admin idea' })).status).toBe(201);
    const mine = (await principles())[0]!;
    const theirs = await principles(otherAgency);
    expect(theirs.map((p) => p.id)).not.toContain(mine.id);
    const reply = await otherAgency.put(`/api/v1/partnerships/principles/${mine.id}`, {
      name: 'Taken over',
      version: mine.version,
    });
    expect(reply.status).toBe(404);
    expect((await principles())[0]!.name).toBe(mine.name);
  });
});
