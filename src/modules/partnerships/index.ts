// What other modules and main.ts may use of the partnerships module.
import type { ModulePlugin } from '../../platform/http/app.ts';
import { agreementRoutes } from './agreement-routes.ts';
import { decisionRoutes } from './decision-routes.ts';
import { partnershipsDemonstration as partnershipRecords } from './demonstration.ts';
import { planRoutes } from './plan-routes.ts';
import { reviewsDemonstration } from './review-demonstration.ts';
import { reviewRoutes } from './review-routes.ts';
import { partnershipRoutes } from './routes.ts';

export const partnershipsModule: ModulePlugin[] = [
  { prefix: '/partnerships', plugin: partnershipRoutes },
  { prefix: '/partnerships', plugin: decisionRoutes },
  { prefix: '/partnerships', plugin: reviewRoutes },
  { prefix: '/partnerships', plugin: agreementRoutes },
  { prefix: '/partnerships', plugin: planRoutes },
];
export const partnershipsDemonstration = [...partnershipRecords, ...reviewsDemonstration];
// The due diligence templates of an agency, seeded on first use (for the volume generator).
export { templatesOf as partnershipTemplatesOf } from './due-diligence.ts';
