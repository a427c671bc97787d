// The dialogue API's shapes as the pages see them (JSON: dates are strings). Mirrors contracts.ts.
export type PolicyKind = 'policy' | 'plan';
export type PolicyStatus = 'draft' | 'in-force' | 'under-review' | 'retired';
export type Reply = 'attending' | 'not-attending' | 'maybe';
export type Person = { id: string; name: string; email: string };
export type FileSummary = { id: string; name: string; size: number; contentType: string };

export type Policy = {
  id: string;
  title: string;
  kind: PolicyKind;
  summary: string | null;
  ownerUnit: { id: string; name: string } | null;
  contact: Person;
  implementationDate: string;
  strategicObjectives: string[];
  focusAreas: string[];
  status: PolicyStatus;
  documents: FileSummary[];
  firstReviewMonths: number;
  reviewEveryMonths: number;
  lastReviewedOn: string | null;
  nextReviewOn: string;
  reviewOverdue: boolean;
  reviews: { id: string; reviewedOn: string; summary: string; recordedBy: string | null }[];
  version: number;
};
export type PolicyListItem = Pick<
  Policy,
  'id' | 'title' | 'kind' | 'status' | 'focusAreas' | 'contact' | 'nextReviewOn' | 'reviewOverdue'
>;
export type PolicyPage = { items: PolicyListItem[]; nextCursor: string | null };
export type DialogueOptions = { units: { id: string; name: string }[]; staff: Person[] };
export type Term = { code: string; label: string };

export type Invitation = {
  id: string;
  name: string | null;
  email: string;
  organisationId: string | null;
  reply: Reply | null;
  note: string | null;
  repliedAt: string | null;
  attended: boolean | null;
};
export type Outcome = {
  id: string;
  kind: 'decision' | 'action';
  text: string;
  ownerName: string | null;
  dueOn: string | null;
};
export type Meeting = {
  id: string;
  title: string;
  description: string | null;
  policy: { id: string; title: string } | null;
  body: { id: string; name: string } | null;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  place: string | null;
  onlineLink: string | null;
  agenda: { title: string; papers: FileSummary[] }[];
  minutes: string | null;
  started: boolean;
  invitations: Invitation[];
  outcomes: Outcome[];
  version: number;
};
export type MeetingListItem = Pick<Meeting, 'id' | 'title' | 'startsAt' | 'endsAt' | 'timeZone' | 'place'>;
export type MeetingPage = { items: MeetingListItem[]; nextCursor: string | null };
export type ReplyPage = {
  meeting: Pick<
    Meeting,
    'title' | 'description' | 'startsAt' | 'endsAt' | 'timeZone' | 'place' | 'onlineLink'
  > & { agenda: string[] };
  name: string | null;
  reply: Reply | null;
  note: string | null;
};

export type BodyKind = 'board' | 'reference-group' | 'expert-panel' | 'working-group' | 'forum';
export type MemberRole = 'chair' | 'deputy-chair' | 'member' | 'secretary' | 'observer';
export type Member = {
  id: string;
  personName: string | null;
  email: string | null;
  organisation: { id: string; name: string } | null;
  role: MemberRole;
  startsOn: string;
  endsOn: string | null;
  current: boolean;
};
export type Body = {
  id: string;
  name: string;
  kind: BodyKind;
  level: 'local' | 'national';
  placeId: string | null;
  termsOfReference: string | null;
  contact: Person;
  members: Member[];
  version: number;
};
export type BodyPage = {
  items: (Pick<Body, 'id' | 'name' | 'kind' | 'level' | 'placeId'> & { currentMembers: number })[];
  nextCursor: string | null;
};
export type Place = { id: string; name: string; parentId: string | null; level: string };

export type ConsultationResponse = { theme: string; youSaid: string; weDid: string; publishedAt: string };
export type PublicConsultation = {
  id: string;
  title: string;
  description: string | null;
  policy: { id: string; title: string };
  questions: string[];
  opensAt: string;
  closesAt: string;
  open: boolean;
  responses: ConsultationResponse[];
};
export type Consultation = PublicConsultation & {
  submissions: {
    id: string;
    organisation: { id: string; name: string } | null;
    name: string | null;
    email: string | null;
    answers: string[];
    themes: string[];
    submittedAt: string;
  }[];
};
export type ConsultationList = {
  items: {
    id: string;
    title: string;
    opensAt: string;
    closesAt: string;
    open: boolean;
    submissions: number;
  }[];
};
