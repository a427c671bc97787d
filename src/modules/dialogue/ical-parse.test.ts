import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { client, type Client } from '../../platform/testing/api.ts';
import type { TestVaka } from '../../platform/testing/start-vaka.ts';
import { ministryAndNeighbour } from './test-agencies.ts';

// The feeds are written by hand (ical.ts); here a real iCalendar parser, ical.js (the one Mozilla
// Thunderbird uses), reads them back, so what a calendar program sees is checked, not our own idea
// of RFC 5545 (issue 5 "Done when": the feed validated by parsing it back).

let vaka: TestVaka;
let coordinator: Client;

const forumTitle =
  'فورم برائے نوجوان: ہر جزیرے کی بات — Te ʻuipaanga a te mapu, Rarotonga, ʻAtiu, Mangaia; “what we heard”';
const place = 'Punanga Nui, Avarua; upstairs room\nBring your own cup';

beforeAll(async () => {
  let coordinatorId: string;
  ({ vaka, coordinator, coordinatorId } = await ministryAndNeighbour());
  const policy = await coordinator.post('/api/v1/dialogue/policies', {
    title: 'Kōrero Māori policy, 2025',
    kind: 'policy',
    contactUserId: coordinatorId,
    implementationDate: '2025-03-01',
  });
  await coordinator.post('/api/v1/dialogue/meetings', {
    title: forumTitle,
    startsAt: '2026-12-08T10:00:00-10:00',
    endsAt: '2026-12-08T12:00:00-10:00',
    timeZone: 'Pacific/Rarotonga',
    place,
  });
  const opened = await coordinator.post('/api/v1/dialogue/consultations', {
    policyId: policy.body.id,
    title: 'Te reo in schools, a question to families',
    questions: ['What should change?'],
    opensAt: '2026-11-01T00:00:00-10:00',
    closesAt: '2026-12-15T17:00:00-10:00',
  });
  expect(opened.status).toBe(201);
});
afterAll(() => vaka.close());

async function feedText(): Promise<string> {
  const created = await coordinator.post('/api/v1/dialogue/calendar/feeds', {});
  const feed = await client(vaka.app).get(new URL(created.body.url).pathname);
  expect(feed.status).toBe(200);
  return feed.body as string;
}

test('ical.js reads the feed back: events, instants, escaped text and folded non-ASCII lines', async () => {
  const text = await feedText();
  // Folding: every physical line at most 75 octets, and some lines did need folding.
  const physical = text.split('\r\n');
  for (const line of physical) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  expect(physical.some((line) => line.startsWith(' '))).toBe(true);

  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe('vcalendar');
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
  expect(events.map((event) => event.summary).sort()).toEqual(
    [
      forumTitle,
      'Consultation closes: Te reo in schools, a question to families',
      'Review due: Kōrero Māori policy, 2025',
    ].sort(),
  );

  // The Urdu and Māori title, with its commas, semicolon and quotes, comes back whole after
  // unfolding (no character split across lines) and unescaping.
  const forum = events.find((event) => event.summary === forumTitle)!;
  expect(forum.location).toBe(place);
  // Times: written in UTC (form 2), they are the same instants as 10:00 to 12:00 in Rarotonga.
  expect(forum.startDate.zone).toBe(ICAL.Timezone.utcTimezone);
  expect(forum.startDate.toJSDate().toISOString()).toBe('2026-12-08T20:00:00.000Z');
  expect(forum.endDate.toJSDate().toISOString()).toBe('2026-12-08T22:00:00.000Z');
  const inRarotonga = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Pacific/Rarotonga',
    hour: '2-digit',
    minute: '2-digit',
  }).format(forum.startDate.toJSDate());
  expect(inRarotonga).toBe('10:00');
  expect(forum.description).toBe('Local time zone: Pacific/Rarotonga');

  // A consultation deadline ends at the closing moment.
  const deadline = events.find((event) => event.summary.startsWith('Consultation closes'))!;
  expect(deadline.endDate.toJSDate().toISOString()).toBe('2026-12-16T03:00:00.000Z');
  expect(deadline.uid).toMatch(/^consultation-.+-closes@/);
  expect(deadline.description).toContain('/consultations/');

  // A review is an all-day date, no time and no zone.
  const review = events.find((event) => event.summary.startsWith('Review due'))!;
  expect(review.startDate.isDate).toBe(true);
  expect(review.startDate.toString()).toBe('2027-03-01');
  expect(review.endDate.toString()).toBe('2027-03-02');

  for (const event of events) {
    expect(event.uid).toMatch(/@/);
    expect(event.component.getFirstPropertyValue('dtstamp')).toBeTruthy();
  }
});

test('the calendar page shows consultation closing dates', async () => {
  const { events } = (await coordinator.get('/api/v1/dialogue/calendar?from=2026-12-01&to=2026-12-31')).body;
  expect(events.map((e: { kind: string; day: string }) => [e.kind, e.day])).toEqual([
    ['meeting', '2026-12-08'],
    ['deadline', '2026-12-16'],
  ]);
});
