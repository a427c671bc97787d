import { z } from 'zod';
import { CalendarDate } from '../../platform/http/dates.ts';

// The joint action plan (issue 4 item 9), after 002 "Steps to guide the development of an Action
// Plan": 1 analyse the issue, 2 vision for change, 3 develop a plan (actions: who, by when),
// 4 monitor (signs of success, progress).

/** 002 step 1, its six questions in order. */
export const issueQuestions = [
  'practicalProblems',
  'individualOrSystemic',
  'trainingNeed',
  'attitudeOrBelief',
  'referrals',
  'levelOfAuthority',
] as const;
export const actionStatuses = ['planned', 'in-progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
/** Statuses that end an action: it is never overdue in them. */
export const closedStatuses: ActionStatus[] = ['done', 'cancelled'];

const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const IssueAnalysis = z.strictObject(
  Object.fromEntries(issueQuestions.map((key) => [key, OptionalText(4000)])) as Record<
    (typeof issueQuestions)[number],
    ReturnType<typeof OptionalText>
  >,
);

export const PlanInput = z.strictObject({
  issue: IssueAnalysis.default({}),
  vision: OptionalText(4000),
  signsOfSuccess: OptionalText(4000),
  // Absent when the plan is first written; the version it started from after that.
  version: z.number().int().min(1).optional(),
});

/** Either side may own an action: a staff user of the agency or an organisation of the partnership. */
export const ActionOwner = z.union([
  z.strictObject({ userId: z.uuid() }),
  z.strictObject({ organisationId: z.uuid() }),
]);

export const NewAction = z.strictObject({
  title: Text(500),
  owner: ActionOwner,
  dueOn: CalendarDate,
  status: z.enum(actionStatuses).default('planned'),
});
export const ActionChange = NewAction.extend({ version: z.number().int().min(1) });
export const ProgressNote = z.strictObject({
  note: Text(4000),
  status: z.enum(actionStatuses).optional(),
});

const Note = z.object({ note: z.string(), status: z.string().nullable(), at: z.date(), by: z.string() });
export const ActionView = z.object({
  id: z.uuid(),
  partnershipId: z.uuid(),
  title: z.string(),
  owner: z.object({
    userId: z.uuid().nullable(),
    organisationId: z.uuid().nullable(),
    name: z.string(),
  }),
  dueOn: z.string(),
  status: z.enum(actionStatuses),
  overdue: z.boolean(),
  notes: z.array(Note),
  version: z.number(),
});
export type ActionView = z.infer<typeof ActionView>;

export const PlanView = z.object({
  id: z.uuid().nullable(),
  partnershipId: z.uuid(),
  issue: z.record(z.string(), z.string().nullable()),
  vision: z.string().nullable(),
  signsOfSuccess: z.string().nullable(),
  actions: z.array(ActionView),
  version: z.number(),
});
export type PlanView = z.infer<typeof PlanView>;

export const OverdueAction = ActionView.omit({ notes: true }).extend({
  partnershipTitle: z.string(),
  daysOverdue: z.number(),
});
export const OverdueList = z.object({ items: z.array(OverdueAction) });
export type OverdueAction = z.infer<typeof OverdueAction>;

export type IssueAnswers = Partial<Record<(typeof issueQuestions)[number], string | null>>;
