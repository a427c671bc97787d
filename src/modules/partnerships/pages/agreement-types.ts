// The shapes of agreements and action plans as the pages see them (types only: no Zod in the bundle).
import type { z } from 'zod';
import type { AgreementDetailView, AgreementDetails, CurrencyList } from '../agreement-contracts.ts';
import type {
  actionStatuses as actionStatusList,
  issueQuestions as issueQuestionList,
  OverdueList,
  PlanView,
} from '../plan-contracts.ts';
import type { Wire } from './types.ts';

export type Agreement = Wire<z.output<typeof AgreementDetailView>>;
export type AgreementBody = z.input<typeof AgreementDetails>;
export type Currency = z.output<typeof CurrencyList>['items'][number];
export type Plan = Wire<z.output<typeof PlanView>>;
export type Action = Plan['actions'][number];
export type OverdueAction = Wire<z.output<typeof OverdueList>>['items'][number];
export type ActionStatus = (typeof actionStatusList)[number];

export const issueQuestions: typeof issueQuestionList = [
  'practicalProblems',
  'individualOrSystemic',
  'trainingNeed',
  'attitudeOrBelief',
  'referrals',
  'levelOfAuthority',
];
export const actionStatuses: typeof actionStatusList = ['planned', 'in-progress', 'done', 'cancelled'];
