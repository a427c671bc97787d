import type { Platform } from '../context.ts';
import { hashPassword } from '../accounts/secrets.ts';
import { organisationMembers, users } from '../accounts/tables.ts';
import type { OrganisationRole } from '../policy/index.ts';
import { signedIn, type Client } from './api.ts';
import { TEST_PASSWORD } from './agencies.ts';
import type { TestVaka } from './start-vaka.ts';

/**
 * A CSO user already confirmed in an organisation of the register, signed in. For tests of other
 * modules' portal pages; the sign-up and confirmation themselves are tested in the register.
 */
export async function csoUserOf(
  vaka: TestVaka,
  organisationId: string,
  email: string,
  role: OrganisationRole = 'cso-administrator',
): Promise<{ userId: string; cso: Client }> {
  const platform: Platform = vaka.platform;
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const [user] = await platform.db
    .insert(users)
    .values({ email, name: email.split('@')[0] ?? email, passwordHash })
    .returning({ id: users.id });
  if (!user) throw new Error('user not created');
  await platform.db
    .insert(organisationMembers)
    .values({ organisationId, userId: user.id, role, status: 'confirmed', confirmedAt: new Date() });
  return { userId: user.id, cso: await signedIn(vaka.app, email, TEST_PASSWORD) };
}
