// What other modules and main.ts may use of the register.
import type { ModulePlugin } from '../../platform/http/app.ts';
import { directoryRoutes } from './directory.ts';
import { portalRoutes } from './portal-routes.ts';
import { registerRoutes } from './routes.ts';

export const registerModule: ModulePlugin[] = [
  { prefix: '/register', plugin: registerRoutes },
  { prefix: '/directory', plugin: directoryRoutes },
  { prefix: '/portal', plugin: portalRoutes },
];
export { registerDemonstration } from './demonstration.ts';
export { refreshSearchTextsWhere } from './organisations.ts';
export { forgetRegisterChanges } from './remembered-counts.ts';
export {
  contactsToWrite,
  missingOrganisations,
  organisationsMatching,
  organisationSummaries,
  placesWithin,
  termLabels,
  unknownPlaces,
  unknownTerms,
  type OrganisationSummary,
} from './lookups.ts';
