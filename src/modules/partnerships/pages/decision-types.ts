// The committee decisions API as the pages see it; only types are imported (see types.ts).
import type { z } from 'zod';
import type {
  CommitteeView,
  DecisionRequestList,
  outcomes as outcomeList,
  votes as voteList,
} from '../decision-contracts.ts';
import type { Wire } from './types.ts';

export type Committee = Wire<z.output<typeof CommitteeView>>;
export type DecisionRequest = Wire<z.output<typeof DecisionRequestList>>['items'][number];
export type Vote = (typeof voteList)[number];
export type Outcome = (typeof outcomeList)[number];
export const votes: typeof voteList = ['approve', 'decline', 'abstain'];
