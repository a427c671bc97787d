// What other modules and main.ts may use of the partnerships module.
import type { ModulePlugin } from '../../platform/http/app.ts';
import { partnershipRoutes } from './routes.ts';

export const partnershipsModule: ModulePlugin[] = [{ prefix: '/partnerships', plugin: partnershipRoutes }];
export { partnershipsDemonstration } from './demonstration.ts';
