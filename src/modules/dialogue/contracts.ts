import { z } from 'zod';
import { CalendarDate, Instant } from '../../platform/http/dates.ts';
import { PageQuery } from '../../platform/http/pagination.ts';

// Request and response shapes of the dialogue API, shared with its pages through pages/types.ts.
export const policyKinds = ['policy', 'plan'] as const;
export const policyStatuses = ['draft', 'in-force', 'under-review', 'retired'] as const;
export const replies = ['attending', 'not-attending', 'maybe'] as const;
export const outcomeKinds = ['decision', 'action'] as const;

const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const Code = z.string().trim().min(1).max(60);
// Only web addresses: a javascript: link shown to invitees would run in their browsers.
const WebLink = z.url({ protocol: /^https?$/ }).max(500);

export const PolicyInput = z.strictObject({
  title: Text(300),
  kind: z.enum(policyKinds),
  summary: OptionalText(4000),
  ownerUnitId: z.uuid().nullable().optional(),
  contactUserId: z.uuid(),
  implementationDate: CalendarDate,
  strategicObjectives: z.array(Text(500)).max(30).default([]),
  focusAreas: z.array(Code).max(30).default([]),
  status: z.enum(policyStatuses).default('in-force'),
  documentIds: z.array(z.uuid()).max(30).default([]),
  firstReviewMonths: z.number().int().min(1).max(120).default(24),
  reviewEveryMonths: z.number().int().min(1).max(120).default(36),
});
export type PolicyInput = z.infer<typeof PolicyInput>;
export const PolicyChange = PolicyInput.extend({ version: z.number().int().min(1) });

export const ReviewInput = z.strictObject({ reviewedOn: CalendarDate, summary: Text(4000) });

const Person = z.object({ id: z.uuid(), name: z.string(), email: z.string() });
const FileSummary = z.object({ id: z.uuid(), name: z.string(), size: z.number(), contentType: z.string() });

export const PolicyView = z.object({
  id: z.uuid(),
  title: z.string(),
  kind: z.enum(policyKinds),
  summary: z.string().nullable(),
  ownerUnit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  contact: Person,
  implementationDate: z.string(),
  strategicObjectives: z.array(z.string()),
  focusAreas: z.array(z.string()),
  status: z.enum(policyStatuses),
  documents: z.array(FileSummary),
  firstReviewMonths: z.number(),
  reviewEveryMonths: z.number(),
  lastReviewedOn: z.string().nullable(),
  nextReviewOn: z.string(),
  reviewOverdue: z.boolean(),
  reviews: z.array(
    z.object({
      id: z.uuid(),
      reviewedOn: z.string(),
      summary: z.string(),
      recordedBy: z.string().nullable(),
    }),
  ),
  version: z.number(),
});
export type PolicyView = z.infer<typeof PolicyView>;

export const PolicyListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  focusArea: Code.optional(),
  status: z.enum(policyStatuses).optional(),
  // Reviews falling due within this many days (or already overdue).
  reviewWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
});
export const PolicyListItem = PolicyView.pick({
  id: true,
  title: true,
  kind: true,
  status: true,
  focusAreas: true,
  contact: true,
  nextReviewOn: true,
  reviewOverdue: true,
});
export const PolicyPage = z.object({ items: z.array(PolicyListItem), nextCursor: z.string().nullable() });

export const DialogueOptions = z.object({
  units: z.array(z.object({ id: z.uuid(), name: z.string() })),
  staff: z.array(Person),
});

// Meetings
const TimeZone = z
  .string()
  .max(60)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return zone.includes('/') || zone === 'UTC';
    } catch {
      return false;
    }
  }, 'Give an IANA time zone such as Pacific/Rarotonga');

export const AgendaItemInput = z.strictObject({
  title: Text(500),
  paperIds: z.array(z.uuid()).max(10).default([]),
});

export const MeetingInput = z.strictObject({
  title: Text(300),
  description: OptionalText(4000),
  policyId: z.uuid().nullable().optional(),
  bodyId: z.uuid().nullable().optional(),
  startsAt: Instant,
  endsAt: Instant,
  timeZone: TimeZone,
  place: OptionalText(300),
  onlineLink: WebLink.nullable().optional(),
  agenda: z.array(AgendaItemInput).max(50).default([]),
  minutes: OptionalText(50_000),
});
export type MeetingInput = z.infer<typeof MeetingInput>;
export const MeetingChange = MeetingInput.extend({ version: z.number().int().min(1) });

export const Invitee = z.union([
  z.strictObject({ userId: z.uuid() }),
  z.strictObject({ organisationId: z.uuid() }),
  z.strictObject({ email: z.email().max(254), name: OptionalText(200) }),
]);
export const InvitationRequest = z.strictObject({ people: z.array(Invitee).min(1).max(200) });

export const ReplyInput = z.strictObject({ reply: z.enum(replies), note: OptionalText(2000) });
export const AttendanceInput = z.strictObject({
  attendance: z
    .array(z.strictObject({ invitationId: z.uuid(), attended: z.boolean() }))
    .min(1)
    .max(500),
});
export const OutcomeInput = z.strictObject({
  kind: z.enum(outcomeKinds),
  text: Text(4000),
  ownerName: OptionalText(200),
  dueOn: CalendarDate.nullable().optional(),
});

export const InvitationView = z.object({
  id: z.uuid(),
  name: z.string().nullable(),
  email: z.string(),
  organisationId: z.uuid().nullable(),
  reply: z.enum(replies).nullable(),
  note: z.string().nullable(),
  repliedAt: z.date().nullable(),
  attended: z.boolean().nullable(),
});
export const OutcomeView = z.object({
  id: z.uuid(),
  kind: z.enum(outcomeKinds),
  text: z.string(),
  ownerName: z.string().nullable(),
  dueOn: z.string().nullable(),
});
export const MeetingView = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string().nullable(),
  policy: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  body: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  startsAt: z.date(),
  endsAt: z.date(),
  timeZone: z.string(),
  place: z.string().nullable(),
  onlineLink: z.string().nullable(),
  agenda: z.array(z.object({ title: z.string(), papers: z.array(FileSummary) })),
  minutes: z.string().nullable(),
  started: z.boolean(),
  invitations: z.array(InvitationView),
  outcomes: z.array(OutcomeView),
  version: z.number(),
});
export type MeetingView = z.infer<typeof MeetingView>;

export const MeetingListQuery = PageQuery.extend({
  when: z.enum(['upcoming', 'past']).default('upcoming'),
  policyId: z.uuid().optional(),
  bodyId: z.uuid().optional(),
});
export const MeetingPage = z.object({
  items: z.array(
    MeetingView.pick({ id: true, title: true, startsAt: true, endsAt: true, timeZone: true, place: true }),
  ),
  nextCursor: z.string().nullable(),
});

/** What the public reply page shows: the meeting and the invitee's own reply, nothing else. */
export const ReplyPageView = z.object({
  meeting: MeetingView.pick({
    title: true,
    description: true,
    startsAt: true,
    endsAt: true,
    timeZone: true,
    place: true,
    onlineLink: true,
  }).extend({ agenda: z.array(z.string()) }),
  name: z.string().nullable(),
  reply: z.enum(replies).nullable(),
  note: z.string().nullable(),
});

// Advisory bodies (000 Focus area 4: advisory boards, reference groups and expert panels; 003)
export const bodyKinds = ['board', 'reference-group', 'expert-panel', 'working-group', 'forum'] as const;
export const bodyLevels = ['local', 'national'] as const;
export const memberRoles = ['chair', 'deputy-chair', 'member', 'secretary', 'observer'] as const;

export const BodyInput = z.strictObject({
  name: Text(300),
  kind: z.enum(bodyKinds),
  level: z.enum(bodyLevels),
  placeId: z.uuid().nullable().optional(),
  termsOfReference: OptionalText(20_000),
  contactUserId: z.uuid(),
});
export type BodyInput = z.infer<typeof BodyInput>;
export const BodyChange = BodyInput.extend({ version: z.number().int().min(1) });

export const MemberInput = z.strictObject({
  personName: OptionalText(200),
  email: z.email().max(254).nullable().optional(),
  organisationId: z.uuid().nullable().optional(),
  role: z.enum(memberRoles),
  startsOn: CalendarDate,
  endsOn: CalendarDate.nullable().optional(),
});
export type MemberInput = z.infer<typeof MemberInput>;

export const MemberView = z.object({
  id: z.uuid(),
  personName: z.string().nullable(),
  email: z.string().nullable(),
  organisation: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  role: z.enum(memberRoles),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  current: z.boolean(),
});
export const BodyView = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(bodyKinds),
  level: z.enum(bodyLevels),
  placeId: z.uuid().nullable(),
  termsOfReference: z.string().nullable(),
  contact: Person,
  members: z.array(MemberView),
  version: z.number(),
});
export type BodyView = z.infer<typeof BodyView>;
export const BodyPage = z.object({
  items: z.array(
    BodyView.pick({ id: true, name: true, kind: true, level: true, placeId: true }).extend({
      currentMembers: z.number(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

// Consultations (000 Focus area 4; 001 §16b-c)
export const ConsultationInput = z.strictObject({
  policyId: z.uuid(),
  title: Text(300),
  description: OptionalText(4000),
  questions: z.array(Text(1000)).min(1).max(20),
  opensAt: Instant,
  closesAt: Instant,
});
export type ConsultationInput = z.infer<typeof ConsultationInput>;

const Answers = z.array(z.string().trim().max(10_000)).min(1).max(20);
export const PublicSubmissionInput = z.strictObject({
  name: OptionalText(200),
  email: z.email().max(254).nullable().optional(),
  answers: Answers,
  // A field people never see: a bot that fills it in is thanked and ignored.
  website: z.string().max(500).optional(),
});
export const OrganisationSubmissionInput = z.strictObject({ organisationId: z.uuid(), answers: Answers });
export const ThemesInput = z.strictObject({ themes: z.array(Text(100)).max(10) });
export const ResponseInput = z.strictObject({ theme: Text(100), youSaid: Text(4000), weDid: Text(4000) });

const ResponseView = z.object({
  theme: z.string(),
  youSaid: z.string(),
  weDid: z.string(),
  publishedAt: z.date(),
});
export const PublicConsultationView = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string().nullable(),
  policy: z.object({ id: z.uuid(), title: z.string() }),
  questions: z.array(z.string()),
  opensAt: z.date(),
  closesAt: z.date(),
  open: z.boolean(),
  responses: z.array(ResponseView),
});
export const ConsultationView = PublicConsultationView.extend({
  submissions: z.array(
    z.object({
      id: z.uuid(),
      organisation: z.object({ id: z.uuid(), name: z.string() }).nullable(),
      name: z.string().nullable(),
      email: z.string().nullable(),
      answers: z.array(z.string()),
      themes: z.array(z.string()),
      submittedAt: z.date(),
    }),
  ),
});
export type ConsultationView = z.infer<typeof ConsultationView>;
// The consultations list, for one policy's consultation schedule when policyId is given (issue 5 item 4).
export const ConsultationQuery = z.strictObject({ policyId: z.uuid().optional() });

export const ConsultationPage = z.object({
  items: z.array(
    PublicConsultationView.pick({ id: true, title: true, opensAt: true, closesAt: true, open: true }).extend({
      submissions: z.number(),
    }),
  ),
});
