// What other modules and main.ts may use of the partnerships module.
import type { ModulePlugin } from '../../platform/http/app.ts';
import { reviewRoutes } from './review-routes.ts';
import { partnershipRoutes } from './routes.ts';

export const partnershipsModule: ModulePlugin[] = [
  { prefix: '/partnerships', plugin: partnershipRoutes },
  { prefix: '/partnerships', plugin: reviewRoutes },
];
import { partnershipsDemonstration as partnershipRecords } from './demonstration.ts';
import { reviewsDemonstration } from './review-demonstration.ts';

export const partnershipsDemonstration = [...partnershipRecords, ...reviewsDemonstration];
