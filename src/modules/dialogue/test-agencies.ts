// For the dialogue tests: a Vaka with the register and dialogue, a ministry with a coordinator and
// a viewer signed in, and a second agency that must see none of the first one's records.
import { agencyWithAdministrator, memberWithRole } from '../../platform/testing/agencies.ts';
import { startVaka } from '../../platform/testing/start-vaka.ts';
import { registerModule } from '../register/index.ts';
import { dialogueModule } from './index.ts';

export async function ministryAndNeighbour() {
  const vaka = await startVaka({ modules: [...registerModule, ...dialogueModule] });
  const { admin, agencyId } = await agencyWithAdministrator(
    vaka,
    'Ministry of Internal Affairs',
    'admin@mia.test',
  );
  const coordinator = await memberWithRole(vaka, admin, 'mere@mia.test', 'partnership-coordinator');
  const viewer = await memberWithRole(vaka, admin, 'ana@mia.test', 'viewer');
  const otherAgency = (await agencyWithAdministrator(vaka, 'Ministry of Health', 'admin@moh.test')).admin;
  const options = (await coordinator.get('/api/v1/dialogue/options')).body;
  const staffId = (email: string): string =>
    options.staff.find((person: { email: string }) => person.email === email).id;
  return {
    vaka,
    admin,
    agencyId,
    coordinator,
    viewer,
    otherAgency,
    coordinatorId: staffId('mere@mia.test'),
    viewerId: staffId('ana@mia.test'),
    unitId: options.units[0].id as string,
  };
}
