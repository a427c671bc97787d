import { afterAll, beforeAll, expect, test } from 'vitest';
import { dialogueModule } from '../src/modules/dialogue/index.ts';
import { registerModule } from '../src/modules/register/index.ts';
import { agencyWithAdministrator, memberWithRole } from '../src/platform/testing/agencies.ts';
import { expectAccessible, newPage, startJourney, type Journey, signIn } from './browser.ts';
import type { Client } from '../src/platform/testing/api.ts';

// Issue 5 journeys: a policy added with its review date; an invitation answered from the e-mail link.
let journey: Journey;
let coordinator: Client;
beforeAll(async () => {
  journey = await startJourney({ modules: [...registerModule, ...dialogueModule] });
  const { admin } = await agencyWithAdministrator(
    journey.vaka,
    'Ministry of Internal Affairs',
    'admin@mia.test',
  );
  coordinator = await memberWithRole(journey.vaka, admin, 'mere@mia.test', 'partnership-coordinator');
});
afterAll(() => journey?.close());

test('a coordinator adds a policy and sees when it is next reviewed, sets up a body and subscribes to the calendar', async () => {
  const { page, errors } = await newPage(journey, { width: 360, height: 740 });
  await signIn(page);
  await page.goto('/dialogue');
  await expect.poll(() => page.getByRole('heading', { name: 'Policy register' }).isVisible()).toBe(true);
  await page.getByRole('link', { name: 'Add a policy or plan' }).click();
  await expect.poll(() => page.getByRole('textbox', { name: 'Title' }).isVisible()).toBe(true);
  await expectAccessible(page, 'new policy');
  await page.getByRole('textbox', { name: 'Title' }).fill('National Youth Policy');
  await expect.poll(() => page.getByLabel('Point of contact').locator('option').count()).toBeGreaterThan(1);
  await page.getByLabel('Point of contact').selectOption({ label: 'mere' });
  await page.getByLabel('Implementation date').fill('2025-07-01');
  await page.getByLabel('Strategic objectives').fill('Youth voices in decisions\nSafe places to play');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect
    .poll(() => page.getByRole('heading', { name: 'National Youth Policy' }).isVisible())
    .toBe(true);
  // 24 months after 1 July 2025
  await expect.poll(() => page.getByText('1 Jul 2027').isVisible()).toBe(true);
  await expectAccessible(page, 'policy page');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // Edited in place: the form replaces the summary, and saving brings the summary back.
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByRole('textbox', { name: 'Title' }).fill('National Youth Policy 2025-2030');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect
    .poll(() => page.getByRole('heading', { name: 'National Youth Policy 2025-2030' }).isVisible())
    .toBe(true);
  await expect.poll(() => page.getByRole('button', { name: 'Edit' }).isVisible()).toBe(true);

  // An advisory body, and the calendar with a private subscription address.
  await page.goto('/dialogue/bodies/new');
  await page.getByRole('textbox', { name: 'Name' }).fill('Youth reference group');
  await expect.poll(() => page.getByLabel('Point of contact').locator('option').count()).toBeGreaterThan(1);
  await page.getByLabel('Point of contact').selectOption({ label: 'mere' });
  await page.getByRole('button', { name: 'Save' }).click();
  await expect
    .poll(() => page.getByRole('heading', { name: 'Youth reference group' }).isVisible())
    .toBe(true);
  await page.getByRole('textbox', { name: 'Name' }).fill('Tangi Pureariki');
  await page.getByLabel('Role').selectOption('chair');
  await page.getByLabel('Term starts').fill('2026-01-01');
  await page.getByLabel('Term ends').fill('2025-12-31');
  await page.getByRole('button', { name: 'Appoint' }).click();
  await expect.poll(() => page.getByText('A term must end after it starts.').isVisible()).toBe(true);
  await page.getByLabel('Term ends').fill('2028-12-31');
  await page.getByRole('button', { name: 'Appoint' }).click();
  await expect.poll(() => page.getByRole('cell', { name: 'Tangi Pureariki' }).isVisible()).toBe(true);
  await expectAccessible(page, 'advisory body page');
  await page.goto('/dialogue/calendar');
  await expect.poll(() => page.getByRole('heading', { name: 'Calendar', level: 1 }).isVisible()).toBe(true);
  await page.getByRole('button', { name: 'Make an address' }).click();
  await expect
    .poll(() => page.getByLabel('Subscription address').inputValue())
    .toContain('/api/v1/dialogue/calendar/ics/');
  await expectAccessible(page, 'calendar');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(errors).toEqual([]);
  await page.context().close();
});

test('an invitation is answered from the link in the e-mail, without signing in', async () => {
  const { page, errors } = await newPage(journey);
  await signIn(page);
  await page.goto('/dialogue/meetings/new');
  await expect.poll(() => page.getByRole('textbox', { name: 'Title' }).isVisible()).toBe(true);
  await expectAccessible(page, 'new meeting');
  await page.getByRole('textbox', { name: 'Title' }).fill('Youth policy consultation forum');
  await page.getByLabel('Time zone').selectOption('Pacific/Rarotonga');
  await page.getByLabel('Starts').fill('2027-03-09T10:00');
  await page.getByLabel('Ends').fill('2027-03-09T12:00');
  await page.getByLabel('Place').fill('Punanga Nui meeting room, Avarua');
  await page.getByRole('textbox', { name: 'Item 1', exact: true }).fill('What we heard from the islands');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect
    .poll(() => page.getByRole('heading', { name: 'Youth policy consultation forum' }).isVisible())
    .toBe(true);
  await expect.poll(() => page.getByText('10:00–12:00 (Pacific/Rarotonga)').isVisible()).toBe(true);

  await page.getByLabel('Other people by e-mail').fill('Tangi Pureariki <tangi@example.org>');
  await page.getByRole('button', { name: 'Send invitations' }).click();
  await expect.poll(() => page.getByText('1 invitation sent.').isVisible()).toBe(true);
  await expectAccessible(page, 'meeting page');

  const mail = await journey.vaka.mail.waitFor(
    'tangi@example.org',
    /Invitation: Youth policy consultation forum/,
  );
  const link = /https?:\/\/\S+\/meeting-reply\?token=[\w.-]+/.exec(mail.text)?.[0];
  expect(link).toBeDefined();

  // The invitee opens the link on a phone, not signed in.
  const invitee = await newPage(journey, { width: 360, height: 740 });
  await invitee.page.goto(link!);
  await expect
    .poll(() => invitee.page.getByRole('heading', { name: 'Youth policy consultation forum' }).isVisible())
    .toBe(true);
  await expect.poll(() => invitee.page.getByText('Kia orana Tangi Pureariki').isVisible()).toBe(true);
  await expectAccessible(invitee.page, 'reply page');
  await invitee.page.getByLabel('Attending', { exact: true }).check();
  await invitee.page.getByLabel('A note for the organiser (optional)').fill('Coming with two youth leaders.');
  await invitee.page.getByRole('button', { name: 'Send my reply' }).click();
  await expect
    .poll(() => invitee.page.getByText('Thank you: your reply is recorded.').isVisible())
    .toBe(true);
  expect(await invitee.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // A tampered link is refused in words.
  await invitee.page.goto(link!.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A')));
  await expect.poll(() => invitee.page.getByText('This reply link is not valid').isVisible()).toBe(true);
  expect(invitee.errors).toEqual([]);
  await invitee.context.close();

  await page.reload();
  await expect.poll(() => page.getByText('Coming with two youth leaders.').isVisible()).toBe(true);
  await expect
    .poll(() => page.getByText('Attending 1 · not attending 0 · maybe 0 · no reply 0').isVisible())
    .toBe(true);
  expect(errors).toEqual([]);
  await page.context().close();
});

test('a public submission to a consultation, then the published response reaches the submitter', async () => {
  const me = (await coordinator.get('/api/v1/dialogue/options')).body.staff.find(
    (p: { email: string }) => p.email === 'mere@mia.test',
  );
  const policy = await coordinator.post('/api/v1/dialogue/policies', {
    title: 'National Policy on Ageing',
    kind: 'policy',
    contactUserId: me.id,
    implementationDate: '2025-01-01',
  });
  const consultation = await coordinator.post('/api/v1/dialogue/consultations', {
    policyId: policy.body.id,
    title: 'Ageing well: have your say',
    questions: ['What helps elders live well at home?', 'What should change?'],
    opensAt: '2026-11-20T00:00:00Z',
    closesAt: '2026-11-30T23:59:59Z',
  });
  expect(consultation.status).toBe(201);
  const id = consultation.body.id;

  // A member of the public, on a phone, without signing in.
  const visitor = await newPage(journey, { width: 360, height: 740 });
  await visitor.page.goto(`/consultations/${id}`);
  await expect
    .poll(() => visitor.page.getByRole('heading', { name: 'Ageing well: have your say' }).isVisible())
    .toBe(true);
  await expectAccessible(visitor.page, 'public consultation');
  await visitor.page.getByLabel('What helps elders live well at home?').fill('Visits from the island nurse.');
  await visitor.page.getByLabel('What should change?').fill('Transport to the hospital on Rarotonga.');
  await visitor.page.getByLabel('Your name (optional)').fill('Mata Pureariki');
  await visitor.page.getByLabel('Your e-mail (optional)').fill('mata@example.org');
  await visitor.page.getByRole('button', { name: 'Send my submission' }).click();
  await expect
    .poll(() => visitor.page.getByText('Thank you: your submission is received.').isVisible())
    .toBe(true);
  expect(await visitor.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The consultation closes; the coordinator tags the submission and publishes the response.
  journey.vaka.clock.set(new Date('2026-12-02T09:00:00Z'));
  const { page, errors } = await newPage(journey);
  await signIn(page);
  await page.goto(`/dialogue/consultations/${id}`);
  await expect.poll(() => page.getByText('Visits from the island nurse.').isVisible()).toBe(true);
  await page.getByLabel('Themes of submission 1').fill('transport, health visits');
  await page.getByRole('button', { name: 'Tag' }).click();
  await expect
    .poll(() => page.getByRole('heading', { name: 'Publish a response to a theme' }).isVisible())
    .toBe(true);
  await page.getByLabel('Theme', { exact: true }).selectOption('transport');
  await page.getByLabel('You said:').fill('Getting to the hospital is hard and costly.');
  await page.getByLabel('We did:').fill('The policy now pays for the inter-island flight to hospital.');
  await page.getByRole('button', { name: 'Publish and tell the submitters' }).click();
  await expect
    .poll(() => page.getByText('The policy now pays for the inter-island flight').isVisible())
    .toBe(true);
  await expectAccessible(page, 'consultation page');
  expect(errors).toEqual([]);
  await page.context().close();

  const told = await journey.vaka.mail.waitFor('mata@example.org', /what we did about transport/);
  expect(told.text).toContain(`/consultations/${id}`);
  await visitor.page.goto(`/consultations/${id}`);
  await expect
    .poll(() => visitor.page.getByRole('heading', { name: 'You said, we did' }).isVisible())
    .toBe(true);
  await expect
    .poll(() => visitor.page.getByText('The policy now pays for the inter-island flight').isVisible())
    .toBe(true);
  await expect.poll(() => visitor.page.getByText('closed on').isVisible()).toBe(true);
  expect(visitor.errors).toEqual([]);
  await visitor.context.close();
});
