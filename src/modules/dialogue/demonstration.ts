import type { DemonstrationStep } from '../../platform/setup/demonstration.ts';

export const dialogueDemonstration: DemonstrationStep[] = [];
