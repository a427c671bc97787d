import { z } from 'zod';
import { CalendarDate } from '../../platform/http/dates.ts';

// Shapes of what the agency tells the public and partners: the open door page, announcements, the
// disclosure log and the portal's dialogue views (issue 5 items 2, 7 and 8).

const Text = (max: number) => z.string().trim().min(1).max(max);
const Code = z.string().trim().min(1).max(60);

// --- Open door, right door (000 §6 Focus area 1) ---

export const PublishedContactInput = z
  .strictObject({
    policyId: z.uuid().nullable().default(null),
    focusArea: Code.nullable().default(null),
    // A person or a role ("Youth policy officer"): what the agency chooses to show.
    name: Text(200),
    unitId: z.uuid().nullable().default(null),
    email: z.email().max(254).nullable().default(null),
    phone: z
      .string()
      .trim()
      .regex(/^[+\d][\d\s()-]{3,30}$/, 'Write a telephone number: digits, spaces, + ( ) -')
      .nullable()
      .default(null),
    // Replacing a published contact carries the version seen.
    version: z.number().int().min(1).optional(),
  })
  .superRefine((input, context) => {
    if (Boolean(input.policyId) === Boolean(input.focusArea))
      context.addIssue({
        code: 'custom',
        path: ['policyId'],
        message: 'Choose a policy or a focus area, not both.',
      });
    if (!input.email && !input.phone)
      context.addIssue({
        code: 'custom',
        path: ['email'],
        message: 'Give an e-mail address or a phone number.',
      });
  });
export type PublishedContactInput = z.infer<typeof PublishedContactInput>;

export const PublishedContactView = z.object({
  id: z.uuid(),
  policyId: z.uuid().nullable(),
  focusArea: z.string().nullable(),
  name: z.string(),
  unit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  version: z.number(),
});

const PublicContact = z.object({
  name: z.string(),
  unit: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});
const OpenConsultation = z.object({ id: z.uuid(), title: z.string(), closesAt: z.date() });

export const OpenDoorView = z.object({
  agency: z.object({ id: z.uuid(), name: z.string() }),
  policies: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      kind: z.string(),
      summary: z.string().nullable(),
      focusAreas: z.array(z.string()),
      // The owning unit is public; a person only when the agency published one.
      unit: z.string().nullable(),
      contact: PublicContact.nullable(),
      consultations: z.array(OpenConsultation),
    }),
  ),
  focusAreas: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      contact: PublicContact.nullable(),
      policyIds: z.array(z.uuid()),
    }),
  ),
});
export const OpenDoorAgencies = z.object({ agencies: z.array(z.object({ id: z.uuid(), name: z.string() })) });

// --- Announcements (issue 5 item 7) ---

export const Audience = z.strictObject({
  focusAreas: z.array(Code).max(50).default([]),
  placeIds: z.array(z.uuid()).max(50).default([]),
  kinds: z.array(Code).max(30).default([]),
  // Every organisation of the register: said out loud, so an empty choice never mails everyone.
  everyone: z.boolean().default(false),
});
export type Audience = z.infer<typeof Audience>;

export const AnnouncementInput = z.strictObject({
  title: Text(200),
  // Ten thousand characters: a long notice, not a document (attach those elsewhere).
  body: Text(10_000),
  audience: Audience,
});
export type AnnouncementInput = z.infer<typeof AnnouncementInput>;

export const AudiencePreview = z.object({ organisations: z.number(), emails: z.number() });

export const AnnouncementView = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  audience: z.object({
    focusAreas: z.array(z.string()),
    placeIds: z.array(z.uuid()),
    kinds: z.array(z.string()),
  }),
  organisationCount: z.number(),
  emailCount: z.number(),
  jobId: z.string().nullable(),
  sentAt: z.date(),
  sentBy: z.string().nullable(),
});

// --- Disclosure log (001 §16c) ---

export const disclosureKinds = [
  'announcement',
  'consultation-response',
  'meeting-minutes',
  'letter',
  'report',
  'other',
] as const;

export const DisclosureInput = z.strictObject({
  kind: z.enum(disclosureKinds),
  subject: Text(500),
  toWhom: Text(500),
  recipientCount: z.number().int().min(0).max(1_000_000).nullable().default(null),
  disclosedOn: CalendarDate,
});
export type DisclosureInput = z.infer<typeof DisclosureInput>;

export const DisclosureView = z.object({
  id: z.uuid(),
  kind: z.string(),
  subject: z.string(),
  toWhom: z.string(),
  recipientCount: z.number().nullable(),
  disclosedOn: z.string(),
  entity: z.string().nullable(),
  entityId: z.uuid().nullable(),
  recordedBy: z.string().nullable(),
  createdAt: z.date(),
});

export const DisclosureQuery = z.strictObject({
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
  kind: z.enum(disclosureKinds).optional(),
});

// --- The portal's dialogue views (issue 5 item 8) ---

export const PortalInvitation = z.object({
  id: z.uuid(),
  meeting: z.object({
    title: z.string(),
    startsAt: z.date(),
    endsAt: z.date(),
    timeZone: z.string(),
    place: z.string().nullable(),
    onlineLink: z.string().nullable(),
  }),
  agency: z.string(),
  name: z.string().nullable(),
  email: z.string(),
  reply: z.string().nullable(),
  note: z.string().nullable(),
  canReply: z.boolean(),
});

export const PortalReplyInput = z.strictObject({
  reply: z.enum(['attending', 'not-attending', 'maybe']),
  note: z.string().trim().max(1000).nullable().optional(),
});

export const PortalConsultation = z.object({
  id: z.uuid(),
  title: z.string(),
  agency: z.string(),
  policy: z.string(),
  closesAt: z.date(),
  open: z.boolean(),
  submittedAt: z.date().nullable(),
});

export const PortalAnnouncement = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  agency: z.string(),
  sentAt: z.date(),
});

export const PortalResponse = z.object({
  consultationId: z.uuid(),
  consultation: z.string(),
  agency: z.string(),
  theme: z.string(),
  youSaid: z.string(),
  weDid: z.string(),
  publishedAt: z.date(),
});
