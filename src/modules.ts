import type { ModulePlugin } from './platform/http/app.ts';
import type { DemonstrationStep } from './platform/setup/demonstration.ts';
import { dialogueDemonstration, dialogueModule } from './modules/dialogue/index.ts';
import { partnershipsDemonstration, partnershipsModule } from './modules/partnerships/index.ts';
import { registerDemonstration, registerModule } from './modules/register/index.ts';

// The domain modules Vaka runs, each through its index.ts.
export const modules: ModulePlugin[] = [...registerModule, ...partnershipsModule, ...dialogueModule];
export const demonstrationSteps: DemonstrationStep[] = [
  ...registerDemonstration,
  ...partnershipsDemonstration,
  ...dialogueDemonstration,
];
