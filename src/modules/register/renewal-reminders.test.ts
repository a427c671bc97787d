import { afterAll, beforeAll, expect, test } from 'vitest';
import { days } from '../../platform/clock.ts';
import { agencyWithAdministrator, memberWithRole } from '../../platform/testing/agencies.ts';
import type { Client } from '../../platform/testing/api.ts';
import { startVaka, type TestVaka } from '../../platform/testing/start-vaka.ts';
import { registerModule } from './index.ts';
import { sendRenewalReminders } from './reminders.ts';
import { allMailSent } from '../../platform/testing/mail-links.ts';

let vaka: TestVaka;
let coordinator: Client;
beforeAll(async () => {
  vaka = await startVaka({ modules: registerModule });
  const { admin } = await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test');
  coordinator = await memberWithRole(vaka, admin, 'mere@mia.test', 'partnership-coordinator');
});
afterAll(() => vaka.close());

test('contacts who agreed are reminded before the confirmation runs out, once per offset, and coordinators get a digest', async () => {
  const created = await coordinator.post('/api/v1/register/organisations', {
    legalName: 'Mitiaro Elders Council',
    kind: 'community-group',
    contacts: [
      { name: 'Tuaine Heather', email: 'tuaine@mitiaro.test', consentToContact: true },
      { name: 'Pa Napa', email: 'pa@mitiaro.test', consentToContact: false },
    ],
  });
  expect(created.status).toBe(201);

  vaka.clock.advance(days(200));
  expect(await sendRenewalReminders(vaka.platform)).toEqual({ reminded: 0, digests: 0 });

  vaka.clock.advance(days(110)); // 55 days left: the 60-day reminder
  expect(await sendRenewalReminders(vaka.platform)).toEqual({ reminded: 1, digests: 1 });
  const reminder = await vaka.mail.waitFor('tuaine@mitiaro.test', /Please confirm Mitiaro Elders Council/);
  expect(reminder.text).toContain('Kia orana Tuaine Heather');
  const digest = await vaka.mail.waitFor('mere@mia.test', /1 reminder\(s\) sent today/);
  expect(digest.text).toContain('Mitiaro Elders Council');

  // Run again the same day: nothing new.
  expect(await sendRenewalReminders(vaka.platform)).toEqual({ reminded: 0, digests: 0 });

  vaka.clock.advance(days(30)); // 25 days left: the 30-day reminder
  expect((await sendRenewalReminders(vaka.platform)).reminded).toBe(1);
  await allMailSent(vaka.platform);
  const toTuaine = vaka.mail.received.filter((m) => m.to.includes('tuaine@mitiaro.test'));
  expect(toTuaine).toHaveLength(2);
  // Pa did not agree to be contacted and hears nothing.
  expect(vaka.mail.received.filter((m) => m.to.includes('pa@mitiaro.test'))).toEqual([]);
});
