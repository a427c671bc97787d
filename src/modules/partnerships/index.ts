// What other modules and main.ts may use of the partnerships module.
import type { ModulePlugin } from '../../platform/http/app.ts';
import { agreementRoutes } from './agreement-routes.ts';
import { planRoutes } from './plan-routes.ts';
import { partnershipRoutes } from './routes.ts';

export const partnershipsModule: ModulePlugin[] = [
  { prefix: '/partnerships', plugin: partnershipRoutes },
  { prefix: '/partnerships', plugin: agreementRoutes },
  { prefix: '/partnerships', plugin: planRoutes },
];
export { partnershipsDemonstration } from './demonstration.ts';
