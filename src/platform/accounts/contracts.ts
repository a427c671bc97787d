import { z } from 'zod';
import { roles } from '../policy/index.ts';

// Request and response shapes of the accounts API, shared with the web app.
export const languages = ['en', 'ur', 'rar'] as const;
export const Language = z.enum(languages);
export const RoleName = z.enum(roles);

export const Email = z
  .email()
  .max(254)
  .transform((value) => value.trim().toLowerCase());
// Long enough to resist guessing, short enough that argon2 cannot be made to hash megabytes.
export const NewPassword = z.string().min(12, 'Use at least 12 characters').max(256);
const AnyPassword = z.string().min(1).max(256);
const OneTimeSecret = z.string().min(20).max(200);
export const SecondFactorCode = z.string().regex(/^\d{6}$/, 'Six digits');

export const SignIn = z.strictObject({
  email: Email,
  password: AnyPassword,
  code: SecondFactorCode.optional(),
});

export const MeView = z.object({
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    language: Language.nullable(),
    secondFactorEnabled: z.boolean(),
    /** Administers what every agency shares (permission deployment:settings). */
    deploymentAdministrator: z.boolean(),
  }),
  agency: z.object({ id: z.uuid(), name: z.string(), requireSecondFactor: z.boolean() }).nullable(),
  role: RoleName.nullable(),
  agencies: z.array(z.object({ id: z.uuid(), name: z.string(), role: RoleName })),
  permissions: z.array(z.string()),
  mustSetUpSecondFactor: z.boolean(),
  /** Organisations this person acts for in the portal (CSO users), with their role there. */
  organisations: z.array(z.object({ organisationId: z.string().uuid(), role: z.string() })),
  /** Chosen at first-run setup: a demonstration Vaka takes demonstration data, a real one never does. */
  deployment: z.object({ demonstration: z.boolean() }),
});
export type MeView = z.infer<typeof MeView>;

export const UpdateMe = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  language: Language.optional(),
});
export const SwitchAgency = z.strictObject({ agencyId: z.uuid() });
export const ChangePassword = z.strictObject({ currentPassword: AnyPassword, newPassword: NewPassword });

export const SessionView = z.object({
  id: z.uuid(),
  createdAt: z.date(),
  lastSeenAt: z.date(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  current: z.boolean(),
});

export const SecondFactorSetup = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrCodeSvg: z.string(),
});
export const SecondFactorConfirmation = z.strictObject({ code: SecondFactorCode });

export const NewApiToken = z.strictObject({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(730).optional(),
});
export const ApiTokenView = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
});
export const CreatedApiToken = ApiTokenView.extend({ token: z.string() });

export const PasswordResetRequest = z.strictObject({ email: Email });
export const PasswordResetCompletion = z.strictObject({ token: OneTimeSecret, password: NewPassword });

export const NewInvitation = z.strictObject({
  email: Email,
  role: RoleName,
  name: z.string().trim().min(1).max(200).optional(),
});
export const InvitationView = z.object({
  id: z.uuid(),
  email: z.string(),
  role: RoleName,
  createdAt: z.date(),
  expiresAt: z.date(),
});
export const InvitationPreview = z.object({
  email: z.string(),
  agencyName: z.string(),
  role: RoleName,
  /** The address already has a Vaka account: accepting then takes its password, not a new one. */
  existingAccount: z.boolean(),
});
export const InvitationAcceptance = z.strictObject({
  token: OneTimeSecret,
  name: z.string().trim().min(1).max(200).optional(),
  password: z.string().min(1).max(256),
  code: SecondFactorCode.optional(),
});

export const MemberView = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: RoleName,
  unitId: z.uuid().nullable(),
  secondFactorEnabled: z.boolean(),
  lastSignInAt: z.date().nullable(),
  version: z.number().int(),
});
export const MemberChange = z.strictObject({
  role: RoleName.optional(),
  unitId: z.uuid().nullable().optional(),
  version: z.number().int().min(1),
});

export const UnitView = z.object({ id: z.uuid(), name: z.string(), kind: z.string() });
export const AgencyView = z.object({
  id: z.uuid(),
  name: z.string(),
  requireSecondFactor: z.boolean(),
  version: z.number().int(),
  units: z.array(UnitView),
});
export const AgencyChange = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  requireSecondFactor: z.boolean().optional(),
  version: z.number().int().min(1),
});

export const SetupStatus = z.object({ needed: z.boolean() });
export const Setup = z.strictObject({
  token: OneTimeSecret,
  agencyName: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(200),
  email: Email,
  password: NewPassword,
  /** A demonstration Vaka, loaded with fictional data whose staff share a published password; fixed once set up. */
  demonstration: z.boolean().default(false),
});

export const IdParams = z.strictObject({ id: z.uuid() });
export const TokenParams = z.strictObject({ token: OneTimeSecret });
