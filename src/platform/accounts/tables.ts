import { boolean, customType, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAt, id, updatedAt, version } from '../db/columns.ts';

const citext = customType<{ data: string }>({ dataType: () => 'citext' });

export const agencies = pgTable('agencies', {
  id: id(),
  name: text('name').notNull(),
  requireSecondFactor: boolean('require_second_factor').notNull().default(false),
  version: version(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

// 001 §18d: strategy, programme and finance units by default.
export const units = pgTable(
  'units',
  {
    id: id(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [index('units_agency_idx').on(t.agencyId)],
);

export const users = pgTable('users', {
  id: id(),
  email: citext('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash'),
  language: text('language'),
  totpSecret: text('totp_secret'),
  totpPendingSecret: text('totp_pending_secret'),
  totpEnabledAt: at('totp_enabled_at'),
  // The last accepted time step, so a code cannot be replayed.
  totpLastStep: integer('totp_last_step'),
  // Unused since decision 0039 (guessing is counted in sign_in_attempts); dropping them is left for
  // a migration of their own.
  failedSignIns: integer('failed_sign_ins').notNull().default(0),
  lockedUntil: at('locked_until'),
  lastSignInAt: at('last_sign_in_at'),
  // Above every agency: changes what the agencies share (the register's terms and renewal period).
  deploymentAdministrator: boolean('deployment_administrator').notNull().default(false),
  version: version(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const memberships = pgTable(
  'memberships',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

// CSO users belong to organisations of the register (issue 3 item 3). The organisation id is opaque
// here (the platform does not know the register); a sign-up stays 'pending' until a coordinator
// confirms it, and only 'confirmed' rows give rights.
export const organisationMembers = pgTable(
  'organisation_members',
  {
    organisationId: uuid('organisation_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    status: text('status').notNull().default('pending'),
    confirmedAt: at('confirmed_at'),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.userId] }),
    index('organisation_members_user_idx').on(t.userId),
  ],
);

// The cookie holds a random secret; only its SHA-256 is stored, so a database leak gives no sessions.
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    secretHash: text('secret_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    agencyId: uuid('agency_id').references(() => agencies.id),
    userAgent: text('user_agent'),
    ip: text('ip'),
    createdAt: createdAt(),
    lastSeenAt: at('last_seen_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    revokedAt: at('revoked_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull().unique(),
    createdAt: createdAt(),
    lastUsedAt: at('last_used_at'),
    expiresAt: at('expires_at'),
    revokedAt: at('revoked_at'),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

// One-time links: first-run setup, password reset and invitations. Used once, then spent.
export const oneTimeLinks = pgTable(
  'one_time_links',
  {
    id: id(),
    purpose: text('purpose').notNull(),
    secretHash: text('secret_hash').notNull().unique(),
    email: citext('email'),
    userId: uuid('user_id').references(() => users.id),
    agencyId: uuid('agency_id').references(() => agencies.id),
    // for a CSO user's sign-up or invitation: the organisation of the register it is for
    organisationId: uuid('organisation_id'),
    role: text('role'),
    name: text('name'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
  },
  (t) => [index('one_time_links_agency_idx').on(t.agencyId, t.purpose)],
);

// Kept to limit guessing (passwords and second-factor codes) per address, and per account and
// address, across every Vaka process (decision 0039). A success forgets the pair's failures.
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: id(),
    email: citext('email').notNull(),
    ip: text('ip').notNull(),
    succeeded: boolean('succeeded').notNull(),
    at: at('at').notNull(),
  },
  (t) => [
    index('sign_in_attempts_ip_idx').on(t.ip, t.at),
    index('sign_in_attempts_email_idx').on(t.email, t.at),
  ],
);
