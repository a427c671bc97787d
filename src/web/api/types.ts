// The API's shapes as the web app sees them (dates arrive as ISO strings). They mirror the Zod
// contracts of src/platform, which the browser bundle must not import.
export type Role =
  | 'administrator'
  | 'partnership-coordinator'
  | 'programme-officer'
  | 'finance-officer'
  | 'committee-member'
  | 'viewer';
export const roles: Role[] = [
  'administrator',
  'partnership-coordinator',
  'programme-officer',
  'finance-officer',
  'committee-member',
  'viewer',
];

export type Me = {
  user: {
    id: string;
    email: string;
    name: string;
    language: Language | null;
    secondFactorEnabled: boolean;
    /** Administers what every agency shares (permission deployment:settings). */
    deploymentAdministrator: boolean;
  };
  agency: { id: string; name: string; requireSecondFactor: boolean } | null;
  role: Role | null;
  agencies: { id: string; name: string; role: Role }[];
  permissions: string[];
  mustSetUpSecondFactor: boolean;
  organisations: { organisationId: string; role: string }[];
  /** Chosen at setup: only a demonstration Vaka takes demonstration data. */
  deployment: { demonstration: boolean };
};

export type Language = 'en' | 'ur' | 'rar';

/** RFC 9457 problem details; `code` is stable, `detail` is for people (in English). */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
  /** On 409 stale-version: the record as it is now. */
  current?: unknown;
  retryAfterSeconds?: number;
};

export type Items<T> = { items: T[] };
export type Page<T> = { items: T[]; nextCursor: string | null };

export type Member = {
  id: string;
  email: string;
  name: string;
  role: Role;
  unitId: string | null;
  secondFactorEnabled: boolean;
  lastSignInAt: string | null;
  version: number;
};
export type Invitation = { id: string; email: string; role: Role; createdAt: string; expiresAt: string };
export type Agency = {
  id: string;
  name: string;
  requireSecondFactor: boolean;
  version: number;
  units: { id: string; name: string; kind: string }[];
};
export type SessionInfo = {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
};
export type ApiToken = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
};
export type AuditEvent = {
  id: number;
  at: string;
  agencyId: string | null;
  actor: { id: string | null; name: string } | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
};
export type Job = {
  id: string;
  name: string;
  state: 'queued' | 'running' | 'completed' | 'failed';
  done: number;
  total: number;
  message: string | null;
  result?: unknown;
};
export type SecondFactorSetup = { secret: string; otpauthUrl: string; qrCodeSvg: string };
export type CreatedApiToken = ApiToken & { token: string };
/** `existingAccount`: the address already has a Vaka account, which joins one more agency. */
export type InvitationPreview = { email: string; agencyName: string; role: Role; existingAccount?: boolean };
