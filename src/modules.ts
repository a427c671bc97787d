import type { ModulePlugin } from './platform/http/app.ts';
import type { DemonstrationStep } from './platform/setup/demonstration.ts';

// The domain modules Vaka runs, each through its index.ts. The register, partnerships and dialogue
// modules join here as they land.
export const modules: ModulePlugin[] = [];
export const demonstrationSteps: DemonstrationStep[] = [];
