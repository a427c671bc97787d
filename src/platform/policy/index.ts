import { Problem } from '../http/problems.ts';

// The roles of an agency's staff (issue 2 item 3); CSO users arrive with the register module.
export const roles = [
  'administrator',
  'partnership-coordinator',
  'programme-officer',
  'finance-officer',
  'committee-member',
  'viewer',
] as const;
export type Role = (typeof roles)[number];

// Typed permission strings, shared with the web app through GET /api/v1/me (STYLE.md, from Epic Stack).
export const permissions = [
  'agency:read',
  'agency:manage',
  'users:read',
  'users:manage',
  'audit:read',
  'jobs:run',
  'demonstration-data:load',
  // The CSO register (issue 3): shared by every agency on the deployment.
  'register:read',
  'register:edit',
  // accept or reject CSOs' changes to verified fields, verify fields, confirm CSO users
  'register:review',
  // Partnerships (issue 4): agency-owned; reading is for every role, changing for those who run them.
  'partnerships:read',
  'partnerships:edit',
  // the agency's partnership principles (issue 4 item 4): coordinators and administrators
  'partnerships:settings',
  // Dialogue (issue 5): the policy register, meetings and their invitations; agency-owned.
  'dialogue:read',
  'dialogue:edit',
  // Committee decisions (issue 4 item 7): who sits on the committee and its quorum. Voting is not a
  // role's permission: it belongs to the committee's members, checked by the partnerships module.
  'partnerships:committee',
  // Storing a file in the agency's files (POST /files): the roles that edit what files attach to
  // (policy documents, meeting papers, due diligence evidence), never a read-only one (decision 0026).
  'files:upload',
  // What every agency shares (the register's terms and renewal period): the deployment
  // administrator's, never an agency role's (issue 18 item 15).
  'deployment:settings',
] as const;
export type Permission = (typeof permissions)[number];

// Held through the user's deployment administrator flag, whatever their role in an agency.
const deploymentPermissions: Permission[] = ['deployment:settings'];
const agencyPermissions = permissions.filter((permission) => !deploymentPermissions.includes(permission));

const everyone: Permission[] = [
  'agency:read',
  'users:read',
  'register:read',
  'partnerships:read',
  'dialogue:read',
];

// Deny by default: a role holds only what is listed here.
const granted: Record<Role, Permission[]> = {
  administrator: agencyPermissions,
  'partnership-coordinator': [
    ...everyone,
    'audit:read',
    'jobs:run',
    'register:edit',
    'register:review',
    'partnerships:edit',
    'dialogue:edit',
    'partnerships:committee',
    'partnerships:settings',
    'files:upload',
  ],
  'programme-officer': [
    ...everyone,
    'jobs:run',
    'register:edit',
    'partnerships:edit',
    'dialogue:edit',
    'files:upload',
  ],
  'finance-officer': [...everyone, 'jobs:run'],
  'committee-member': [...everyone],
  viewer: [...everyone],
};

export type UserActor = {
  kind: 'user';
  userId: string;
  email: string;
  name: string;
  agencyId: string | null;
  role: Role | null;
  /** Administers the whole deployment, above the agencies' administrators. */
  deploymentAdministrator: boolean;
  sessionId: string | null;
  tokenId: string | null;
  /** The agency demands a second factor this user has not set up: only that setup is allowed. */
  secondFactorMissing: boolean;
  /** Confirmed memberships of civil society organisations (CSO users; issue 3 item 3). */
  organisations: OrganisationMembership[];
  requestId: string;
  ip: string;
};
export type AnonymousActor = { kind: 'anonymous'; requestId: string; ip: string };
export type SystemActor = { kind: 'system'; label: string; requestId: string };
export type Actor = UserActor | AnonymousActor | SystemActor;

export function permissionsOf(actor: Actor): Permission[] {
  if (actor.kind === 'system') return [...permissions];
  if (actor.kind !== 'user') return [];
  const ofRole = actor.role ? granted[actor.role] : [];
  return actor.deploymentAdministrator ? [...ofRole, ...deploymentPermissions] : ofRole;
}

/** What a role holds, for a check about someone who is not the caller (who sent an invitation). */
export function roleCan(role: string, permission: Permission): boolean {
  return (roles as readonly string[]).includes(role) && granted[role as Role].includes(permission);
}

export function can(actor: Actor, permission: Permission): boolean {
  return permissionsOf(actor).includes(permission);
}

/** Every route asks here. Anonymous callers get 401, signed-in ones without the right get 403. */
export function authorize(actor: Actor, permission: Permission): void {
  if (actor.kind === 'anonymous') throw new Problem('unauthenticated');
  if (actor.kind === 'user' && actor.secondFactorMissing) throw new Problem('second-factor-setup-required');
  if (!can(actor, permission)) throw new Problem('forbidden', `Your role does not allow ${permission}.`);
}

// Chosen once at first-run setup (src/platform/deployment).
export type Deployment = { demonstration: boolean };

/** What the actor may do in this deployment: demonstration data only ever enters a demonstration Vaka. */
export function permissionsIn(actor: Actor, deployment: Deployment): Permission[] {
  const held = permissionsOf(actor);
  return deployment.demonstration ? held : held.filter((p) => p !== 'demonstration-data:load');
}

/** Loading demonstration data: the role's right, and a demonstration Vaka (its staff share a published password). */
export function authorizeDemonstrationData(actor: Actor, deployment: Deployment): void {
  authorize(actor, 'demonstration-data:load');
  if (!deployment.demonstration)
    throw new Problem(
      'demonstration-only',
      'This Vaka is for real work: demonstration data, whose staff share a published password, is only loaded into a demonstration Vaka (npm run demo, or chosen at setup).',
    );
}

export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw new Problem('unauthenticated');
  return actor;
}

/**
 * The account's own security (password, second factor, sessions, API tokens) is for the person
 * signed in, never for an API token: a leaked token must not lock its owner out by turning on a
 * second factor, end their sessions or outlive a new password (decisions 0004, 0026).
 */
export function requireSignedInPerson(actor: Actor, what: string): UserActor {
  const user = requireUser(actor);
  if (!user.sessionId)
    throw new Problem('session-required', `An API token cannot ${what}; sign in to do that.`);
  return user;
}

// CSO users act for an organisation of the register, not for an agency. Their rights come from
// their role in that organisation, checked here like the staff roles above.
export const organisationRoles = ['cso-administrator', 'cso-member'] as const;
export type OrganisationRole = (typeof organisationRoles)[number];
export type OrganisationMembership = { organisationId: string; role: OrganisationRole };

export const organisationPermissions = [
  'organisation:read',
  // edit the profile, choose which agencies see its private parts
  'organisation:edit',
  // confirm and remove the organisation's users
  'organisation:members',
  // answer for the organisation: due diligence, acknowledgements, replies, submissions, actions
  'organisation:respond',
] as const;
export type OrganisationPermission = (typeof organisationPermissions)[number];

const grantedInOrganisation: Record<OrganisationRole, OrganisationPermission[]> = {
  'cso-administrator': [...organisationPermissions],
  'cso-member': ['organisation:read', 'organisation:respond'],
};

/** What the actor may do for this organisation; staff and strangers get nothing here. */
export function organisationPermissionsOf(actor: Actor, organisationId: string): OrganisationPermission[] {
  if (actor.kind !== 'user') return [];
  const membership = actor.organisations.find((m) => m.organisationId === organisationId);
  return membership ? grantedInOrganisation[membership.role] : [];
}

// Portal queries take an OrganisationScope, made only here, as agency queries take an AgencyScope.
export type OrganisationScope = { readonly organisationId: string; readonly brand: 'organisation-scope' };

/** Every portal route asks here: 401 for strangers, 403 for users outside the organisation. */
export function authorizeForOrganisation(
  actor: Actor,
  organisationId: string,
  permission: OrganisationPermission,
): OrganisationScope {
  if (actor.kind === 'anonymous') throw new Problem('unauthenticated');
  if (!organisationPermissionsOf(actor, organisationId).includes(permission))
    throw new Problem('forbidden', `You may not do this for that organisation (${permission}).`);
  return { organisationId, brand: 'organisation-scope' };
}

// Tenancy (ARCHITECTURE.md "Server"): agency-owned queries take an AgencyScope, which only this
// function makes, from a signed-in actor's current agency. A query cannot run without one.
export type AgencyScope = { readonly agencyId: string; readonly brand: 'agency-scope' };

/** The signed-in user allowed to do this, and the agency they act in: how most routes begin. */
export function permittedUser(actor: Actor, permission: Permission): { user: UserActor; scope: AgencyScope } {
  const user = requireUser(actor);
  authorize(user, permission);
  return { user, scope: scopeOf(user) };
}

export function scopeOf(actor: Actor): AgencyScope {
  if (actor.kind === 'anonymous') throw new Problem('unauthenticated');
  if (actor.kind === 'system') throw new Problem('forbidden', 'System work must name its agency.');
  if (!actor.agencyId) throw new Problem('forbidden', 'You do not belong to an agency.');
  return { agencyId: actor.agencyId, brand: 'agency-scope' };
}

export function systemScope(agencyId: string): AgencyScope {
  return { agencyId, brand: 'agency-scope' };
}
