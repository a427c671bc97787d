import { z } from 'zod';
import { CalendarDate } from '../../platform/http/dates.ts';

// Committee decisions (issue 4 item 7; 001 §18c): request and response shapes, shared with the pages.

export const votes = ['approve', 'decline', 'abstain'] as const;
export const outcomes = ['approved', 'declined', 'no-quorum'] as const;
export type Vote = (typeof votes)[number];
export type Outcome = (typeof outcomes)[number];

const Text = (max: number) => z.string().trim().min(1).max(max);

export const CommitteeMember = z.object({ userId: z.uuid(), name: z.string(), email: z.string() });

export const CommitteeView = z.object({
  /** null until the committee is first set up */
  id: z.uuid().nullable(),
  name: z.string(),
  members: z.array(CommitteeMember),
  /** null: a majority of the members */
  quorum: z.number().int().nullable(),
  /** the number of votes the rule asks for with today's members */
  quorumNeeded: z.number().int(),
  chairId: z.uuid().nullable(),
  /** 0 until the committee is first set up */
  version: z.number().int(),
});
export type CommitteeView = z.infer<typeof CommitteeView>;

export const CommitteeChange = z
  .strictObject({
    name: Text(200),
    memberIds: z.array(z.uuid()).min(1).max(12),
    quorum: z.number().int().min(1).nullable(),
    chairId: z.uuid().nullable().default(null),
    version: z.number().int().min(0),
  })
  .superRefine((value, context) => {
    if (new Set(value.memberIds).size !== value.memberIds.length)
      context.addIssue({ code: 'custom', path: ['memberIds'], message: 'A person is listed twice.' });
    if (value.quorum !== null && value.quorum > value.memberIds.length)
      context.addIssue({
        code: 'custom',
        path: ['quorum'],
        message: 'The quorum cannot be larger than the committee.',
      });
    if (value.chairId !== null && !value.memberIds.includes(value.chairId))
      context.addIssue({ code: 'custom', path: ['chairId'], message: 'The chair must be a member.' });
  });

export const NewDecisionRequest = z.strictObject({
  question: Text(500),
  summary: z.string().trim().max(8000).nullable().default(null),
  deadline: CalendarDate,
});

export const VoteInput = z.strictObject({
  vote: z.enum(votes),
  comment: z.string().trim().max(4000).nullable().default(null),
});

export const ConflictInput = z.strictObject({ note: Text(2000) });

export const DecisionRequestView = z.object({
  id: z.uuid(),
  partnershipId: z.uuid(),
  partnershipTitle: z.string(),
  question: z.string(),
  summary: z.string().nullable(),
  deadline: z.string(),
  state: z.enum(['open', 'closed']),
  outcome: z.enum(outcomes).nullable(),
  quorum: z.number().int(),
  members: z.array(CommitteeMember),
  papers: z.array(z.object({ id: z.uuid(), name: z.string(), contentType: z.string(), size: z.number() })),
  votes: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string(),
      vote: z.enum(votes),
      comment: z.string().nullable(),
      castAt: z.date(),
    }),
  ),
  conflicts: z.array(
    z.object({ userId: z.uuid(), name: z.string(), note: z.string(), declaredAt: z.date() }),
  ),
  tally: z.object({ approve: z.number(), decline: z.number(), abstain: z.number() }),
  raisedBy: z.string(),
  raisedAt: z.date(),
  closedAt: z.date().nullable(),
  /** what the signed-in person may still do on it */
  mine: z.object({
    member: z.boolean(),
    voted: z.boolean(),
    conflicted: z.boolean(),
    mayClose: z.boolean(),
  }),
  version: z.number().int(),
});
export type DecisionRequestView = z.infer<typeof DecisionRequestView>;

export const DecisionRequestList = z.object({ items: z.array(DecisionRequestView) });
