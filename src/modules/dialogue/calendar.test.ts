import { afterAll, beforeAll, expect, test } from 'vitest';
import { client, type Client } from '../../platform/testing/api.ts';
import type { TestVaka } from '../../platform/testing/start-vaka.ts';
import { escapeText, foldLine } from './ical.ts';
import { ministryAndNeighbour } from './test-agencies.ts';

// A strict reader of RFC 5545's rules (CRLF endings, lines of at most 75 octets, unfolding,
// components nested, TEXT unescaped) checks the raw text; ical-parse.test.ts reads the same feeds
// with ical.js, a real parser, as calendar programs do.
type Component = {
  name: string;
  properties: { name: string; params: Record<string, string>; value: string }[];
  children: Component[];
};

function parseCalendar(text: string): Component {
  expect(text.endsWith('\r\n')).toBe(true);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) {
    expect(line.includes('\n') || line.includes('\r'), 'bare line break').toBe(false);
    expect(Buffer.byteLength(line, 'utf8'), `line over 75 octets: ${line}`).toBeLessThanOrEqual(75);
  }
  const logical: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ')) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  const stack: Component[] = [{ name: 'ROOT', properties: [], children: [] }];
  for (const line of logical) {
    const match = /^([A-Z-]+)((?:;[A-Z-]+=[^;:]*)*):(.*)$/.exec(line);
    expect(match, `not a content line: ${line}`).not.toBeNull();
    const [, name, rawParams, value] = match!;
    if (name === 'BEGIN') {
      const component = { name: value!, properties: [], children: [] };
      stack[stack.length - 1]!.children.push(component);
      stack.push(component);
    } else if (name === 'END') {
      expect(stack.pop()!.name).toBe(value);
    } else {
      const params = Object.fromEntries(
        rawParams!
          .split(';')
          .filter(Boolean)
          .map((pair) => pair.split('=') as [string, string]),
      );
      stack[stack.length - 1]!.properties.push({ name: name!, params, value: value! });
    }
  }
  expect(stack).toHaveLength(1);
  return stack[0]!.children[0]!;
}
const unescape = (value: string) =>
  value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
const property = (component: Component, name: string) => component.properties.find((p) => p.name === name);

let vaka: TestVaka;
let coordinator: Client;
let otherAgency: Client;
let bodyId: string;

beforeAll(async () => {
  let coordinatorId: string;
  ({ vaka, coordinator, otherAgency, coordinatorId } = await ministryAndNeighbour());
  const me = { id: coordinatorId };
  await coordinator.post('/api/v1/dialogue/policies', {
    title: 'National Youth Policy; Te Mapu, 2025',
    kind: 'policy',
    contactUserId: me.id,
    implementationDate: '2025-03-01',
  });
  bodyId = (
    await coordinator.post('/api/v1/dialogue/bodies', {
      name: 'Youth reference group',
      kind: 'reference-group',
      level: 'national',
      contactUserId: me.id,
    })
  ).body.id;
  await coordinator.post('/api/v1/dialogue/meetings', {
    title:
      'Youth forum: what we heard, island by island — Rarotonga, Aitutaki, Mangaia, ʻAtiu and the Northern Group',
    bodyId,
    startsAt: '2026-12-08T10:00:00-10:00',
    endsAt: '2026-12-08T12:00:00-10:00',
    timeZone: 'Pacific/Rarotonga',
    place: 'Punanga Nui, Avarua; upstairs room',
  });
  await coordinator.post('/api/v1/dialogue/meetings', {
    title: 'Finance and grants briefing',
    startsAt: '2027-01-20T09:00:00-10:00',
    endsAt: '2027-01-20T10:00:00-10:00',
    timeZone: 'Pacific/Rarotonga',
    onlineLink: 'https://meet.example.org/briefing',
  });
});
afterAll(() => vaka.close());

test('text is escaped and long lines are folded without splitting a character', () => {
  expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
  const folded = foldLine(`SUMMARY:${'ʻĀ'.repeat(60)}`);
  for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  expect(
    folded
      .split('\r\n')
      .map((line, i) => (i === 0 ? line : line.slice(1)))
      .join(''),
  ).toBe(`SUMMARY:${'ʻĀ'.repeat(60)}`);
});

test('the calendar page lists meetings and review dates in a range', async () => {
  const { events } = (await coordinator.get('/api/v1/dialogue/calendar?from=2026-11-01&to=2027-04-30')).body;
  expect(events.map((e: { kind: string; day: string }) => [e.kind, e.day])).toEqual([
    ['meeting', '2026-12-08'],
    ['meeting', '2027-01-20'],
    ['review', '2027-03-01'],
  ]);
  const bad = await coordinator.get('/api/v1/dialogue/calendar?from=2027-01-01&to=2026-01-01');
  expect(bad.status).toBe(400);
  expect(bad.body.errors[0].field).toBe('to');
  expect(
    (await otherAgency.get('/api/v1/dialogue/calendar?from=2026-11-01&to=2027-04-30')).body.events,
  ).toEqual([]);
});

test('a private feed per user and per body parses back as iCalendar; revoked, it answers nothing', async () => {
  const created = await coordinator.post('/api/v1/dialogue/calendar/feeds', {});
  expect(created.status).toBe(201);
  const path = new URL(created.body.url).pathname;
  const feed = await client(vaka.app).get(path);
  expect(feed.status).toBe(200);
  expect(feed.headers['content-type']).toContain('text/calendar');
  const calendar = parseCalendar(feed.body as string);
  expect(calendar.name).toBe('VCALENDAR');
  expect(property(calendar, 'VERSION')?.value).toBe('2.0');
  expect(property(calendar, 'PRODID')).toBeDefined();
  const events = calendar.children.filter((c) => c.name === 'VEVENT');
  expect(events).toHaveLength(3);
  for (const event of events) {
    expect(property(event, 'UID')?.value).toMatch(/@/);
    expect(property(event, 'DTSTAMP')?.value).toMatch(/^\d{8}T\d{6}Z$/);
  }
  const forum = events.find((e) => unescape(property(e, 'SUMMARY')!.value).startsWith('Youth forum'))!;
  expect(unescape(property(forum, 'SUMMARY')!.value)).toBe(
    'Youth forum: what we heard, island by island — Rarotonga, Aitutaki, Mangaia, ʻAtiu and the Northern Group',
  );
  expect(property(forum, 'DTSTART')!.value).toBe('20261208T200000Z');
  expect(property(forum, 'DTEND')!.value).toBe('20261208T220000Z');
  expect(unescape(property(forum, 'LOCATION')!.value)).toBe('Punanga Nui, Avarua; upstairs room');
  const review = events.find((e) => property(e, 'DTSTART')!.params.VALUE === 'DATE')!;
  expect(property(review, 'DTSTART')!.value).toBe('20270301');
  expect(property(review, 'DTEND')!.value).toBe('20270302');
  expect(unescape(property(review, 'SUMMARY')!.value)).toBe(
    'Review due: National Youth Policy; Te Mapu, 2025',
  );

  // A body's feed holds only its meetings.
  const ofBody = await coordinator.post('/api/v1/dialogue/calendar/feeds', { bodyId });
  const bodyCalendar = parseCalendar(
    (await client(vaka.app).get(new URL(ofBody.body.url).pathname)).body as string,
  );
  expect(unescape(property(bodyCalendar, 'X-WR-CALNAME')!.value)).toBe('Vaka: Youth reference group');
  expect(bodyCalendar.children.map((e) => unescape(property(e, 'SUMMARY')!.value))).toEqual([
    expect.stringMatching(/^Youth forum/),
  ]);

  const feeds = (await coordinator.get('/api/v1/dialogue/calendar/feeds')).body.feeds;
  expect(feeds).toHaveLength(2);
  expect(JSON.stringify(feeds)).not.toContain(new URL(created.body.url).pathname.split('/').pop());
  expect((await otherAgency.delete(`/api/v1/dialogue/calendar/feeds/${created.body.id}`)).status).toBe(404);
  expect((await coordinator.delete(`/api/v1/dialogue/calendar/feeds/${created.body.id}`)).status).toBe(204);
  const revoked = await client(vaka.app).get(path);
  expect(revoked.status).toBe(404);
  expect(revoked.body.code).toBe('invalid-link');
  expect((await client(vaka.app).get('/api/v1/dialogue/calendar/ics/guessed-token')).status).toBe(404);
  expect(
    (
      await coordinator.post('/api/v1/dialogue/calendar/feeds', {
        bodyId: '00000000-0000-4000-8000-000000000000',
      })
    ).status,
  ).toBe(400);
});
