// What other modules and main.ts may use of the dialogue module.
import type { ModulePlugin } from '../../platform/http/app.ts';
import { dialogueRoutes } from './routes.ts';

export const dialogueModule: ModulePlugin[] = [{ prefix: '/dialogue', plugin: dialogueRoutes }];
export { dialogueDemonstration } from './demonstration.ts';
export { missingPolicies, policySummaries, type PolicySummary } from './lookups.ts';
