import type { ModulePlugin } from './platform/http/app.ts';
import type { DemonstrationStep } from './platform/setup/demonstration.ts';
import { dialogueDemonstration, dialogueModule } from './modules/dialogue/index.ts';
import { registerDemonstration, registerModule } from './modules/register/index.ts';

// The domain modules Vaka runs, each through its index.ts; partnerships and dialogue join here.
export const modules: ModulePlugin[] = [...registerModule, ...dialogueModule];
export const demonstrationSteps: DemonstrationStep[] = [...registerDemonstration, ...dialogueDemonstration];
