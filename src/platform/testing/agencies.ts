import type { Platform } from '../context.ts';
import type { Db } from '../db/client.ts';
import { createAgencyWithAdministrator } from '../accounts/operations/agency.ts';
import { hashPassword } from '../accounts/secrets.ts';
import { setUpDeployment } from '../setup/first-run.ts';
import { client, signedIn, type Client } from './api.ts';
import type { TestVaka } from './start-vaka.ts';

export const TEST_PASSWORD = 'Correct-Horse-Battery-9';

type Person = { agencyName: string; name: string; email: string; passwordHash: string };
const testActor = { kind: 'system', label: 'test', requestId: 'test' } as const;

async function withAdministrator(
  vaka: TestVaka,
  agencyName: string,
  email: string,
  create: (
    platform: Platform,
    tx: Db,
    person: Person,
  ) => Promise<{ agency: { id: string }; user: { id: string } }>,
) {
  const platform: Platform = vaka.platform;
  const person = {
    agencyName,
    name: `Administrator of ${agencyName}`,
    email,
    passwordHash: await hashPassword(TEST_PASSWORD),
  };
  const { agency, user } = await platform.db.transaction((tx) => create(platform, tx, person));
  const admin = await signedIn(vaka.app, email, TEST_PASSWORD);
  return { agencyId: agency.id, userId: user.id, admin, email };
}

/** A new agency with its administrator, signed in: an agency's administrator, not the deployment's. */
export const agencyWithAdministrator = (vaka: TestVaka, agencyName: string, email: string) =>
  withAdministrator(vaka, agencyName, email, (platform, tx, person) =>
    createAgencyWithAdministrator(platform, tx, testActor, person),
  );

/**
 * The first agency, set up as at first run: its administrator is also the deployment administrator.
 * A real deployment unless `demonstration`.
 */
export const firstAgencyWithAdministrator = (
  vaka: TestVaka,
  agencyName: string,
  email: string,
  options: { demonstration?: boolean } = {},
) =>
  withAdministrator(vaka, agencyName, email, (platform, tx, person) =>
    setUpDeployment(platform, tx, testActor, { ...person, demonstration: options.demonstration ?? false }),
  );

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
