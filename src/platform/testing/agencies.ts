import type { Platform } from '../context.ts';
import { createAgencyWithAdministrator } from '../accounts/operations/agency.ts';
import { hashPassword } from '../accounts/secrets.ts';
import { client, signedIn, type Client } from './api.ts';
import type { TestVaka } from './start-vaka.ts';

export const TEST_PASSWORD = 'Correct-Horse-Battery-9';

/** A new agency with its administrator, signed in. */
export async function agencyWithAdministrator(vaka: TestVaka, agencyName: string, email: string) {
  const platform: Platform = vaka.platform;
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const { agency, user } = await platform.db.transaction((tx) =>
    createAgencyWithAdministrator(
      platform,
      tx,
      { kind: 'system', label: 'test', requestId: 'test' },
      {
        agencyName,
        name: `Administrator of ${agencyName}`,
        email,
        passwordHash,
      },
    ),
  );
  const admin = await signedIn(vaka.app, email, TEST_PASSWORD);
  return { agencyId: agency.id, userId: user.id, admin, email };
}

/** Invites someone with a role and accepts through the e-mailed link, as a person would. */
export async function memberWithRole(
  vaka: TestVaka,
  admin: Client,
  email: string,
  role: string,
): Promise<Client> {
  const invited = await admin.post('/api/v1/invitations', { email, role });
  if (invited.status !== 201) throw new Error(`invitation failed: ${JSON.stringify(invited.body)}`);
  const mail = await vaka.mail.waitFor(email, /invited/);
  const token = /token=([\w-]+)/.exec(mail.text)?.[1];
  const person = client(vaka.app);
  const accepted = await person.post('/api/v1/invitations/accept', {
    token,
    name: email.split('@')[0],
    password: TEST_PASSWORD,
  });
  if (accepted.status !== 200) throw new Error(`acceptance failed: ${JSON.stringify(accepted.body)}`);
  return person;
}
