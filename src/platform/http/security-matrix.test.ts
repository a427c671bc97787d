import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { modules } from '../../modules.ts';
import { rowsOf } from '../db/client.ts';
import {
  agencyWithAdministrator,
  firstAgencyWithAdministrator,
  memberWithRole,
  TEST_PASSWORD,
} from '../testing/agencies.ts';
import { client, signedIn, type Client, type Reply } from '../testing/api.ts';
import { csoUserOf } from '../testing/cso-users.ts';
import { newAddress } from '../testing/sign-in-from.ts';
import { upload, uploadTo } from '../testing/multipart.ts';
import { validBody, type JsonSchema } from '../testing/request-bodies.ts';
import { startVaka, type TestVaka } from '../testing/start-vaka.ts';

// Issue 18: every API route (from the OpenAPI document, which lists them all) called by every kind
// of caller, against one table of who may do what, declared here by hand. The table is the
// specification: it is not read from the policy module, or the suite would only prove the policy
// agrees with itself.

const IDENTITIES = [
  'adminA',
  'coordinatorA',
  'officerA',
  'financeA',
  'committeeA',
  'viewerA',
  'adminB',
  'officerB',
  'csoX',
  'csoY',
  'anonymous',
  'tokenA',
] as const;
type Identity = (typeof IDENTITIES)[number];

// Who holds what, by role (PRODUCT.md and decision 0026): read is every staff role's, changing the
// register, partnerships and dialogue the coordinators', officers' and administrators'.
const readers: Identity[] = [
  'adminA',
  'coordinatorA',
  'officerA',
  'financeA',
  'committeeA',
  'viewerA',
  'adminB',
  'officerB',
  'tokenA',
];
const editors: Identity[] = ['adminA', 'coordinatorA', 'officerA', 'adminB', 'officerB', 'tokenA'];
const coordinators: Identity[] = ['adminA', 'coordinatorA', 'adminB', 'tokenA'];
const ofA = (who: Identity[]) => who.filter((identity) => !['adminB', 'officerB'].includes(identity));
const editorsOfA = ofA(editors);
const coordinatorsOfA = ofA(coordinators);
const administrators: Identity[] = ['adminA', 'adminB', 'tokenA'];
const signedInPeople = IDENTITIES.filter((who) => who !== 'anonymous');
// Signed in with a session: how one signs in is changed only so, never with an API token.
const people = signedInPeople.filter((who) => who !== 'tokenA');
// A's administrator set Vaka up, so administers the deployment too; B's does not.
const deploymentAdministrator: Identity[] = ['adminA', 'tokenA'];
const csoOfX: Identity[] = ['csoX'];

type Rule = {
  /** Matched against "METHOD /api/v1/path/{param}"; the first rule that matches decides. */
  route: RegExp;
  /** Everyone may (no identity is refused); the route is public. */
  public?: true;
  may?: Identity[];
  /** Answers 409 to those who may, while the record is not in the state the route needs. */
  conflictUntilReady?: true;
  /** Changes or shows how one signs in: an API token never may (issue 18). */
  accountSecurity?: true;
};

const RULES: Rule[] = [
  // Public: first run, signing in and its links, the directory, reply links, feeds, open door.
  { route: /^(GET|POST) \/api\/v1\/setup$/, public: true },
  { route: /^POST \/api\/v1\/session$/, public: true },
  { route: /^POST \/api\/v1\/password-reset(\/complete)?$/, public: true },
  { route: /^GET \/api\/v1\/invitations\/\{token\}$/, public: true },
  { route: /^POST \/api\/v1\/invitations\/accept$/, public: true },
  { route: /^POST \/api\/v1\/portal\/sign-up$/, public: true },
  { route: /^GET \/api\/v1\/portal\/links\/\{token\}$/, public: true },
  { route: /^POST \/api\/v1\/portal\/links\/accept$/, public: true },
  { route: /^GET \/api\/v1\/directory\//, public: true },
  { route: /^(GET|POST) \/api\/v1\/dialogue\/replies\/\{token\}$/, public: true },
  { route: /^GET \/api\/v1\/dialogue\/calendar\/ics\/\{token\}$/, public: true },
  { route: /^GET \/api\/v1\/dialogue\/public\//, public: true },
  { route: /^POST \/api\/v1\/dialogue\/public\/consultations\/\{id\}\/submissions$/, public: true },

  // One's own account.
  { route: /^POST \/api\/v1\/demonstration-data$/, may: [] }, // a real Vaka refuses everyone
  { route: /^(POST|DELETE) \/api\/v1\/me\/second-factor/, may: people, accountSecurity: true },
  { route: /^DELETE \/api\/v1\/me\/(sessions|tokens)\/\{id\}$/, may: people, accountSecurity: true },
  { route: /^POST \/api\/v1\/me\/tokens$/, may: people, accountSecurity: true },
  { route: /^PUT \/api\/v1\/me\/password$/, may: people, accountSecurity: true },
  { route: /^(GET|PATCH|PUT|DELETE) \/api\/v1\/(me|session)(\/|$)/, may: signedInPeople },

  // The agency and its people.
  { route: /^GET \/api\/v1\/(users|agency)$/, may: readers },
  // Pending invitations hold the addresses of people not yet in: the administrators' to see.
  { route: /^GET \/api\/v1\/invitations$/, may: administrators },
  { route: /^(POST|PATCH|DELETE) \/api\/v1\/(invitations|users|agency)/, may: administrators },
  { route: /^GET \/api\/v1\/audit/, may: coordinators },
  { route: /^GET \/api\/v1\/(jobs|files)\/\{id\}$/, may: readers },
  { route: /^POST \/api\/v1\/files$/, may: editors },

  // The register, which every agency shares; private groups are the CSO's to share (decision 0047).
  // An import's report exists once its file is checked; the one here never is.
  { route: /^GET \/api\/v1\/register\/imports\/\{id\}\/report$/, may: editors, conflictUntilReady: true },
  // Imports are how an editor fills the register, and stay with the agency that made them.
  { route: /^(GET|POST|PUT) \/api\/v1\/register\/imports/, may: editors },
  // X keeps its documents private from every agency but A.
  {
    route: /^GET \/api\/v1\/register\/organisations\/\{id\}\/documents\/\{documentId\}\/file$/,
    may: ofA(readers),
  },
  // The duplicate probe reads the register (its body is the would-be organisation); it changes nothing.
  { route: /^POST \/api\/v1\/register\/organisations\/duplicates$/, may: readers },
  // An editor's invitation only asks, as a sign-up does; X has its own administrator, so only X
  // confirms, refuses or removes its people (decision 0048).
  {
    route: /^POST \/api\/v1\/register\/organisations\/\{id\}\/cso-users\/invitations$/,
    may: [...editors, ...csoOfX],
  },
  { route: /^(POST|DELETE) \/api\/v1\/register\/organisations\/\{id\}\/cso-users\/\{userId\}/, may: csoOfX },
  { route: /^POST \/api\/v1\/register\/organisations\/\{id\}\/verifications$/, may: coordinators },
  // The pending change is to X's private mission: only an agency X chose decides it (decision 0047).
  { route: /^POST \/api\/v1\/register\/profile-changes\/\{id\}\/decision$/, may: coordinatorsOfA },
  // An agency merges, and adds or removes documents, only where it sees the whole organisation.
  {
    route: /^(POST|DELETE) \/api\/v1\/register\/organisations\/\{id\}\/(merge|documents)/,
    may: editorsOfA,
  },
  { route: /^POST \/api\/v1\/register\/organisations\/\{id\}\/renewal$/, may: [...editors, ...csoOfX] },
  { route: /^(PATCH|POST) \/api\/v1\/register\/(settings|taxonomies\/)/, may: deploymentAdministrator },
  { route: /^GET \/api\/v1\/register\//, may: readers },
  { route: /^(POST|PUT|PATCH|DELETE) \/api\/v1\/register\//, may: editors },

  // The portal: a CSO's own people only.
  { route: /^GET \/api\/v1\/portal\/organisations$/, may: signedInPeople },
  { route: /^(GET|POST|PUT|PATCH|DELETE) \/api\/v1\/portal\/organisations\/\{id\}/, may: csoOfX },
  {
    route: /^(GET|POST|PUT|PATCH) \/api\/v1\/(partnerships|dialogue)\/portal\/\{organisationId\}/,
    may: csoOfX,
  },

  // Partnerships, owned by an agency.
  { route: /^(POST|PUT) \/api\/v1\/partnerships\/principles/, may: coordinators },
  { route: /^PUT \/api\/v1\/partnerships\/committee$/, may: coordinators },
  { route: /^GET \/api\/v1\/partnerships\//, may: readers },
  { route: /^(POST|PUT|PATCH|DELETE) \/api\/v1\/partnerships\//, may: editors },

  // Dialogue, owned by an agency; a CSO answers a consultation for its own organisation.
  { route: /^POST \/api\/v1\/dialogue\/consultations\/\{id\}\/organisation-submissions$/, may: csoOfX },
  { route: /^GET \/api\/v1\/dialogue\//, may: readers },
  { route: /^POST \/api\/v1\/dialogue\/calendar\/feeds$/, may: readers },
  { route: /^DELETE \/api\/v1\/dialogue\/calendar\/feeds\/\{id\}$/, may: readers },
  { route: /^(POST|PUT|PATCH|DELETE) \/api\/v1\/dialogue\//, may: editors },
];

// Callers who may not see X's private groups: every answer they get is searched for its values.
const outsiders: Identity[] = ['adminB', 'officerB', 'csoY', 'anonymous'];

// ---------------------------------------------------------------------------------------------
// The Vaka and its people

let vaka: TestVaka;
const as = {} as Record<Identity, Client>;
const ids: Record<string, string | undefined> = {};
let today: string;
let tokenA: string;
type Operation = {
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
};
let paths: Record<string, Record<string, Operation>>;

// Values only the CSO and agency A may see (as in register/privacy.test.ts).
const secrets = {
  mission: 'Quietly sheltering zygomorphic survivors',
  missionWord: 'zygomorphic',
  email: 'matrix-refuge@hidden.test',
  phone: '+682 55 4321',
  website: 'https://matrix-refuge.test',
  staffCount: 73,
};
const allPrivate = {
  overview: 'private',
  contacts: 'private',
  places: 'private',
  finances: 'private',
  documents: 'private',
};

/** Which of X's private values a text holds (as in register/privacy.test.ts). */
function privateValuesIn(text: string, { placeNames = true } = {}): string[] {
  const lower = text.toLowerCase();
  const values = [secrets.missionWord, secrets.email, secrets.phone, secrets.website];
  const found = (placeNames ? [...values, 'Aitutaki'] : values).filter((secret) =>
    lower.includes(secret.toLowerCase()),
  );
  return /"staffCount":\s*73\b/.test(text) ? [...found, 'staff count'] : found;
}

async function made(reply: Reply | Promise<Reply>, what: string): Promise<Reply> {
  const answer = await reply;
  if (answer.status >= 300)
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 400)}`);
  return answer;
}

/** A request body for a route from its OpenAPI schema, with real ids; `extra` overrides. */
function bodyFor(method: string, url: string, extra: Record<string, unknown> = {}) {
  const path = templateOf(url);
  const schema = paths[path]?.[method.toLowerCase()]?.requestBody?.content['application/json']?.schema;
  const hints = { values: { ...bodyValues(), ...extra }, today };
  return schema ? validBody(schema, hints) : undefined;
}

/** The OpenAPI path a URL was made from: itself, or the one whose parameters its ids fill. */
function templateOf(url: string): string {
  if (paths[url]) return url;
  const found = Object.keys(paths).find((path) =>
    new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`).test(url),
  );
  return found ?? url;
}

function bodyValues(): Record<string, unknown> {
  const values: Record<string, unknown> = {
    organisationId: ids.organisationX,
    organisationIds: [ids.organisationX],
    partnershipId: ids.partnership,
    agencyId: ids.agencyA,
    agencyIds: [ids.agencyA],
    memberIds: [ids.coordinatorA],
    policyId: ids.policy,
    bodyId: ids.body,
    templateId: ids.template,
    fileId: ids.file,
    fileIds: [ids.file],
    paperIds: [ids.file],
    placeIds: [ids.place],
    placeId: ids.place,
    version: 1,
    timeZone: 'Pacific/Rarotonga',
    currency: 'NZD',
    email: 'matrix@example.org',
    months: 12,
    duplicateId: ids.organisationY,
    contactUserId: ids.coordinatorA,
    place: 'Avarua',
    audience: { everyone: true },
    opensAt: `${today}T09:00:00.000Z`,
    closesAt: `${today.slice(0, 4)}-12-24T09:00:00.000Z`,
    owner: { userId: ids.coordinatorA },
    // A term change must change something (a refinement the OpenAPI schema cannot show).
    active: true,
  };
  // A record not made leaves its property to the generator (a random id).
  for (const [key, value] of Object.entries(values))
    if (value === undefined || (Array.isArray(value) && value.includes(undefined))) delete values[key];
  return values;
}

async function loginAgain(email: string) {
  return signedIn(vaka.app, email, TEST_PASSWORD);
}

beforeAll(async () => {
  vaka = await startVaka({ modules, env: { REQUESTS_PER_MINUTE: '1000000' } });
  today = vaka.clock.now().toISOString().slice(0, 10);
  paths = (await vaka.app.inject({ url: '/api/openapi.json' })).json().paths;

  const a = await firstAgencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test');
  ids.agencyA = a.agencyId;
  as.adminA = a.admin;
  as.coordinatorA = await memberWithRole(vaka, a.admin, 'coord@mia.test', 'partnership-coordinator');
  as.officerA = await memberWithRole(vaka, a.admin, 'officer@mia.test', 'programme-officer');
  as.financeA = await memberWithRole(vaka, a.admin, 'finance@mia.test', 'finance-officer');
  as.committeeA = await memberWithRole(vaka, a.admin, 'committee@mia.test', 'committee-member');
  as.viewerA = await memberWithRole(vaka, a.admin, 'viewer@mia.test', 'viewer');
  const b = await agencyWithAdministrator(vaka, 'Ministry of Works', 'admin@mow.test');
  as.adminB = b.admin;
  as.officerB = await memberWithRole(vaka, b.admin, 'officer@mow.test', 'programme-officer');
  as.anonymous = client(vaka.app);
  const coordinator = as.coordinatorA;

  const staff = (await coordinator.get('/api/v1/users')).body.items as { id: string; email: string }[];
  ids.coordinatorA = staff.find((u) => u.email === 'coord@mia.test')!.id;
  ids.user = staff.find((u) => u.email === 'viewer@mia.test')!.id;
  ids.invitation = (
    await made(a.admin.post('/api/v1/invitations', { email: 'later@mia.test', role: 'viewer' }), 'invitation')
  ).body.id;
  tokenA = (await made(a.admin.post('/api/v1/me/tokens', { name: 'matrix' }), 'token')).body.token;
  as.tokenA = client(vaka.app, { token: tokenA });
  ids.spareToken = (await made(a.admin.post('/api/v1/me/tokens', { name: 'spare' }), 'spare token')).body.id;
  const spare = await loginAgain('admin@mia.test');
  const sessions = (await spare.get('/api/v1/me/sessions')).body.items as { id: string; current: boolean }[];
  ids.spareSession = sessions.find((s) => s.current)!.id;

  // Organisation X: every group private, shared only with agency A (register/privacy.test.ts).
  const taxonomies = (await coordinator.get('/api/v1/register/taxonomies')).body;
  ids.place = taxonomies.places.find((p: { code: string }) => p.code === 'CK-AIT').id;
  const x = await made(
    coordinator.post('/api/v1/register/organisations', {
      legalName: 'Te Matrix Refuge',
      kind: 'community-group',
      focusAreas: ['youth'],
      placeIds: [ids.place],
      mission: secrets.mission,
      website: secrets.website,
      staffCount: secrets.staffCount,
      contacts: [{ name: 'Refuge Lead', email: secrets.email, phone: secrets.phone, consentToContact: true }],
      acknowledgeDuplicates: true,
    }),
    'organisation X',
  );
  ids.organisationX = x.body.id;
  const csoX = await csoUserOf(vaka, x.body.id, 'chair@refuge.test');
  as.csoX = csoX.cso;
  ids.csoUserX = csoX.userId;
  const own = (await as.csoX.get(`/api/v1/portal/organisations/${ids.organisationX}`)).body;
  await made(
    as.csoX.patch(`/api/v1/portal/organisations/${ids.organisationX}`, {
      legalName: own.legalName,
      kind: own.kind,
      focusAreas: own.focusAreas,
      placeIds: [ids.place],
      mission: secrets.mission,
      website: secrets.website,
      staffCount: secrets.staffCount,
      contacts: own.contacts,
      visibility: allPrivate,
      version: own.version,
    }),
    'X made private',
  );
  await made(
    as.csoX.put(`/api/v1/portal/organisations/${ids.organisationX}/private-access`, {
      agencyIds: [ids.agencyA],
    }),
    'X shared with A',
  );
  ids.document = (
    await made(
      uploadTo(
        vaka.app,
        as.csoX,
        `/api/v1/portal/organisations/${ids.organisationX}/documents?kind=constitution&title=Constitution`,
        { name: 'constitution.pdf', bytes: '%PDF-1.4\n% refuge\n%%EOF\n', contentType: 'application/pdf' },
      ),
      'document',
    )
  ).body.id;
  // A pending change to a field A has checked: the review queue's record.
  await made(
    coordinator.post(`/api/v1/register/organisations/${ids.organisationX}/verifications`, {
      fields: ['mission'],
    }),
    'verification',
  );
  const checked = (await as.csoX.get(`/api/v1/portal/organisations/${ids.organisationX}`)).body;
  const proposed = await made(
    as.csoX.patch(`/api/v1/portal/organisations/${ids.organisationX}`, {
      legalName: checked.legalName,
      kind: checked.kind,
      focusAreas: checked.focusAreas,
      placeIds: [ids.place],
      mission: `${secrets.mission} and their families`,
      website: secrets.website,
      staffCount: secrets.staffCount,
      contacts: checked.contacts,
      visibility: allPrivate,
      version: checked.version,
    }),
    'proposed change',
  );
  ids.profileChange = proposed.body.waitingForReview[0].id;

  // Organisation Y, with its own CSO user.
  ids.organisationY = (
    await made(
      coordinator.post('/api/v1/register/organisations', {
        legalName: 'Aorangi Youth Network',
        kind: 'community-group',
        acknowledgeDuplicates: true,
      }),
      'organisation Y',
    )
  ).body.id;
  as.csoY = (await csoUserOf(vaka, ids.organisationY!, 'chair@aorangi.test')).cso;

  await setUpAgencyRecords(coordinator);
  // Each caller from its own address, so the routes' own rate limits count each one apart.
  for (const identity of IDENTITIES)
    as[identity] = client(vaka.app, {
      cookie: as[identity].cookie(),
      ...(identity === 'tokenA' ? { token: tokenA } : {}),
      address: newAddress(),
    });
}, 240_000);
afterAll(() => vaka?.close());

/** One record of each kind A owns, made the cheapest way, so id-taking routes reach their handlers. */
async function setUpAgencyRecords(coordinator: Client) {
  const idOf = async (what: string, reply: Promise<Reply>) => {
    const answer = await reply;
    if (answer.status >= 300) {
      missing.push(`${what} (${answer.status} ${JSON.stringify(answer.body).slice(0, 300)})`);
      return;
    }
    return answer.body.id as string;
  };
  const post = (path: string, extra: Record<string, unknown> = {}) =>
    coordinator.post(`/api/v1${path}`, bodyFor('POST', `/api/v1${path}`, extra));

  ids.file = (
    await made(upload(vaka.app, coordinator, { name: 'notes.csv', bytes: 'a,b\n1,2\n' }), 'file')
  ).body.id;
  const imported = await made(
    uploadTo(vaka.app, coordinator, '/api/v1/register/imports', {
      name: 'organisations.csv',
      bytes: 'name,kind\nTe Import Group,community-group\n',
    }),
    'import',
  );
  ids.import = imported.body.id;
  if (imported.body.jobId) ids.job = imported.body.jobId;

  // A partnership with X, in due diligence, with an agreement, a decision, a plan and a review.
  ids.partnership = (await idOf(
    'partnership',
    coordinator.post('/api/v1/partnerships', {
      title: 'Matrix partnership',
      parties: [{ organisationId: ids.organisationX }],
      formality: 'formal',
      form: 'mou',
    }),
  ))!;
  let version = 1;
  for (const state of ['scoping', 'due-diligence']) {
    const moved = await coordinator.post(`/api/v1/partnerships/${ids.partnership}/state`, {
      state,
      reason: `to ${state}`,
      version,
    });
    if (moved.status === 200) version = moved.body.version;
  }
  ids.template = await idOf('template', post('/partnerships/due-diligence/templates'));
  const started = await coordinator.post(`/api/v1/partnerships/${ids.partnership}/assessments`, {
    organisationId: ids.organisationX,
  });
  ids.assessment = started.body.id;
  if (started.status !== 201) missing.push(`assessment (${started.status})`);
  else {
    type Question = { id: string; kind: string; required: boolean };
    const answers = Object.fromEntries(
      (started.body.questions as Question[])
        .filter((q) => q.required)
        .map((q) => [q.id, q.kind === 'yes-no' ? true : q.kind === 'scale' ? 5 : 'Seen']),
    );
    const base = `/api/v1/partnerships/${ids.partnership}/assessments/${started.body.id}`;
    await coordinator.patch(base, { answers });
    await coordinator.post(`${base}/complete`);
  }
  const awaiting = await coordinator.post(`/api/v1/partnerships/${ids.partnership}/state`, {
    state: 'awaiting-decision',
    reason: 'assessed',
    version,
  });
  if (awaiting.status !== 200) missing.push(`awaiting decision (${awaiting.status})`);
  ids.agreement = await idOf(
    'agreement',
    coordinator.post(`/api/v1/partnerships/${ids.partnership}/agreements`, {
      kind: 'mou',
      title: 'Memorandum',
    }),
  );
  const agreementFile = await uploadTo(
    vaka.app,
    coordinator,
    `/api/v1/partnerships/${ids.partnership}/agreements/${ids.agreement}/files`,
    { name: 'mou.pdf', bytes: '%PDF-1.4\n% mou\n%%EOF\n', contentType: 'application/pdf' },
  );
  for (const [state, at] of [
    ['negotiating', 1],
    ['signed', 2],
  ] as const)
    await coordinator.post(`/api/v1/partnerships/${ids.partnership}/agreements/${ids.agreement}/state`, {
      state,
      reason: `to ${state}`,
      version: at,
    });
  if (agreementFile.status < 300) ids.agreementVersion = String(agreementFile.body.version ?? 1);
  else missing.push(`agreement file (${agreementFile.status})`);
  await made(
    coordinator.put('/api/v1/partnerships/committee', {
      name: 'Committee',
      memberIds: [ids.coordinatorA],
      quorum: null,
      version: 0,
    }),
    'committee',
  );
  ids.decision = await idOf(
    'decision',
    coordinator.post(`/api/v1/partnerships/${ids.partnership}/decisions`, {
      question: 'Enter?',
      deadline: today,
    }),
  );
  const paper = await uploadTo(
    vaka.app,
    coordinator,
    `/api/v1/partnerships/${ids.partnership}/decisions/${ids.decision}/papers`,
    { name: 'paper.pdf', bytes: '%PDF-1.4\n% paper\n%%EOF\n', contentType: 'application/pdf' },
  );
  if (paper.status < 300) ids.paper = paper.body.papers[0].id;
  else missing.push(`paper (${paper.status} ${JSON.stringify(paper.body).slice(0, 200)})`);
  const plan = await coordinator.put(
    `/api/v1/partnerships/${ids.partnership}/plan`,
    bodyFor('PUT', '/api/v1/partnerships/{id}/plan', {
      version: undefined,
      vision: 'Every family sheltered',
      issue: { practicalProblems: 'Too few safe houses' },
    }),
  );
  if (plan.status >= 300) missing.push(`plan (${plan.status} ${JSON.stringify(plan.body).slice(0, 300)})`);
  ids.action = await idOf('plan action', post(`/partnerships/${ids.partnership}/plan/actions`));
  ids.review = await idOf('review', coordinator.post(`/api/v1/partnerships/${ids.partnership}/reviews`, {}));
  ids.principle = await idOf(
    'principle',
    coordinator.post('/api/v1/partnerships/principles', { name: 'Matrix' }),
  );
  ids.partnersMeeting = await idOf('partners meeting', post('/partnerships/partners-meetings'));

  // Dialogue.
  ids.policy = await idOf('policy', post('/dialogue/policies'));
  ids.body = await idOf('body', post('/dialogue/bodies'));
  ids.bodyMember = await idOf('body member', post(`/dialogue/bodies/${ids.body}/members`));
  ids.meeting = await idOf(
    'meeting',
    post('/dialogue/meetings', {
      startsAt: `${today}T21:00:00.000Z`,
      endsAt: `${today}T22:00:00.000Z`,
    }),
  );
  await coordinator.post(
    `/api/v1/dialogue/meetings/${ids.meeting}/invitations`,
    bodyFor('POST', '/api/v1/dialogue/meetings/{id}/invitations'),
  );
  ids.consultation = await idOf('consultation', post('/dialogue/consultations'));
  ids.feed = await idOf('calendar feed', post('/dialogue/calendar/feeds'));
  ids.announcement = await idOf('announcement', post('/dialogue/announcements'));
  const contact = await coordinator.put(
    '/api/v1/dialogue/published-contacts',
    bodyFor('PUT', '/api/v1/dialogue/published-contacts'),
  );
  if (contact.status < 300) ids.publishedContact = contact.body.id ?? contact.body.items?.[0]?.id;
  else missing.push(`published contact (${contact.status} ${JSON.stringify(contact.body).slice(0, 300)})`);
  const invitations = (await as.csoX.get(`/api/v1/dialogue/portal/${ids.organisationX}/invitations`)).body;
  ids.meetingInvitation = invitations.items?.[0]?.id;
  const submitted = await as.csoX.post(
    `/api/v1/dialogue/consultations/${ids.consultation}/organisation-submissions`,
    bodyFor('POST', '/api/v1/dialogue/consultations/{id}/organisation-submissions'),
  );
  if (submitted.status < 300) ids.submission = submitted.body.id;
  else missing.push(`submission (${submitted.status} ${JSON.stringify(submitted.body).slice(0, 300)})`);
}
const missing: string[] = [];

// ---------------------------------------------------------------------------------------------
// Filling a route's path with real ids

/** Which record each path parameter names, by the words before it; undefined: no real one. */
function idFor(path: string, name: string): string | undefined {
  const before = path.slice(0, path.indexOf(`{${name}}`));
  const in_ = (prefix: string) => before.startsWith(`/api/v1/${prefix}`);
  const last = (segment: string) => before.endsWith(`/${segment}/`);
  switch (name) {
    case 'organisationId':
      return ids.organisationX;
    case 'partnershipId':
      return ids.partnership;
    case 'assessmentId':
      return ids.assessment;
    case 'agreementId':
      return ids.agreement;
    case 'version':
      return ids.agreementVersion;
    case 'requestId':
      return ids.decision;
    case 'fileId':
      return ids.paper;
    case 'reviewId':
      return ids.review;
    case 'actionId':
      return ids.action;
    case 'memberId':
      return ids.bodyMember;
    case 'submissionId':
      return ids.submission;
    case 'invitationId':
      return ids.meetingInvitation;
    case 'documentId':
      return ids.document;
    case 'userId':
      return ids.csoUserX;
    case 'agencyId':
      return ids.agencyA;
    case 'entity':
      return 'organisation';
    case 'entityId':
      return ids.organisationX;
    case 'taxonomy':
      return 'focus-area';
    case 'code':
      return 'youth';
    case 'umbrellaId':
    case 'token':
      return undefined;
  }
  if (in_('me/sessions')) return ids.spareSession;
  if (in_('me/tokens')) return ids.spareToken;
  if (in_('invitations')) return ids.invitation;
  if (in_('users')) return ids.user;
  if (in_('jobs')) return ids.job;
  if (in_('files')) return ids.file;
  if (in_('register/imports')) return ids.import;
  if (in_('register/profile-changes')) return ids.profileChange;
  if (in_('register/organisations') || in_('directory/organisations') || in_('portal/organisations'))
    return ids.organisationX;
  if (last('templates')) return ids.template;
  if (last('principles')) return ids.principle;
  if (last('partners-meetings')) return ids.partnersMeeting;
  if (in_('partnerships')) return ids.partnership;
  if (in_('dialogue/meetings')) return ids.meeting;
  if (in_('dialogue/bodies')) return ids.body;
  if (in_('dialogue/calendar/feeds')) return ids.feed;
  if (in_('dialogue/consultations') || in_('dialogue/public/consultations')) return ids.consultation;
  if (in_('dialogue/published-contacts')) return ids.publishedContact;
  if (in_('dialogue/announcements')) return ids.announcement;
  if (in_('dialogue/policies')) return ids.policy;
  return undefined;
}

/** Records of the register are shared by every agency; the rest of what a route names is A's own. */
function takesAgencyRecord(path: string) {
  if (path.startsWith('/api/v1/register/imports/')) return true;
  if (/^\/api\/v1\/(register|directory|portal|me|audit|invitations\/\{token\})/.test(path)) return false;
  if (/\/portal\/\{organisationId\}/.test(path)) return false;
  if (/^\/api\/v1\/dialogue\/(replies|calendar\/ics|public)\//.test(path)) return false;
  return /\{/.test(path);
}

function fill(path: string, operation: Operation): { url: string; real: boolean } {
  let real = true;
  const url = path.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const id = idFor(path, name);
    if (!id) real = false;
    return id ?? '00000000-0000-4000-8000-000000000000';
  });
  const query = (operation.parameters ?? [])
    .filter((p) => p.in === 'query' && p.required)
    .map(
      (p) =>
        `${p.name}=${encodeURIComponent(String(validBody(p.schema, { values: bodyValues(), today }, p.name)))}`,
    );
  return { url: query.length ? `${url}?${query.join('&')}` : url, real };
}

// ---------------------------------------------------------------------------------------------
// The matrix

type Call = { identity: Identity; method: string; path: string; url: string; real: boolean; status: number };

const excerpt = (body: unknown) => String(JSON.stringify(body)).slice(0, 200);
const isTwoHundred = (status: number) => status >= 200 && status < 300;

function ruleFor(method: string, path: string): Rule {
  const key = `${method} ${path}`;
  const rule = RULES.find((r) => r.route.test(key));
  if (!rule) throw new Error(`${key} has no line in the table: say who may call it`);
  return rule;
}

async function auditCount(): Promise<number> {
  const [row] = rowsOf<{ count: number }>(
    await vaka.platform.db.execute(sql`select count(*)::int as count from audit_events`),
  );
  return row!.count;
}

function send(identity: Identity, method: string, url: string, body: unknown): Promise<Reply> {
  const session = as[identity];
  switch (method) {
    case 'GET':
      return session.get(url);
    case 'POST':
      return session.post(url, body ?? {});
    case 'PUT':
      return session.put(url, body ?? {});
    case 'PATCH':
      return session.patch(url, body ?? {});
    default:
      return session.delete(url, body);
  }
}

/** What a refused caller must hear: the expected class of answer for someone the table does not list. */
function expectedRefusal(identity: Identity, rule: Rule, path: string): number[] {
  if (identity === 'anonymous') return [401];
  if (identity === 'csoX' || identity === 'csoY') return path.includes('portal') ? [403, 404] : [403];
  if ((identity === 'adminB' || identity === 'officerB') && takesAgencyRecord(path)) return [403, 404];
  if (identity === 'tokenA' && rule.accountSecurity) return [401, 403];
  return [403];
}

const calls: Call[] = [];
const failures: string[] = [];

function check(call: Call, rule: Rule, allowed: boolean, reply: Reply) {
  const where = `${call.identity} ${call.method} ${call.url}`;
  if (reply.status >= 500) failures.push(`${where}: ${reply.status}`);
  if (outsiders.includes(call.identity)) {
    // The list of places names every place: X's is private only as X's.
    const placeNames = !call.path.endsWith('/taxonomies');
    const leaked = privateValuesIn(JSON.stringify(reply.body) ?? '', { placeNames });
    if (leaked.length) failures.push(`${where}: the answer holds X's private ${leaked.join(', ')}`);
  }
  if (rule.public) return;
  if (allowed) {
    const b = call.identity === 'adminB' || call.identity === 'officerB';
    if (b && takesAgencyRecord(call.path)) {
      if (reply.status !== 404) failures.push(`${where}: ${reply.status}, expected 404 (A's record)`);
    } else if (rule.conflictUntilReady && reply.status === 409) return;
    else if (call.method === 'GET' && call.real && !isTwoHundred(reply.status))
      failures.push(`${where}: ${reply.status} ${excerpt(reply.body)}, expected 2xx`);
    else if (call.method === 'GET' && !call.real && reply.status !== 404)
      failures.push(`${where}: ${reply.status} ${excerpt(reply.body)}, expected 404 (no such record)`);
    return;
  }
  const expected = expectedRefusal(call.identity, rule, call.path);
  if (!expected.includes(reply.status))
    failures.push(`${where}: ${reply.status} ${excerpt(reply.body)}, expected ${expected.join('/')}`);
}

test('every route answers every caller as the table says, and refused writes change nothing', async () => {
  const routes = Object.entries(paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      operation,
    })),
  );
  // Account security last: a token that may still end sessions before the fix must not end ours.
  routes.sort(
    (r, s) =>
      Number(Boolean(ruleFor(r.method, r.path).accountSecurity)) -
      Number(Boolean(ruleFor(s.method, s.path).accountSecurity)),
  );
  for (const { method, path, operation } of routes) {
    const rule = ruleFor(method, path);
    const { url, real } = fill(path, operation);
    for (const identity of IDENTITIES) {
      const allowed = Boolean(rule.public) || (rule.may ?? []).includes(identity);
      if (method !== 'GET' && allowed) continue;
      const body = method === 'GET' ? undefined : bodyFor(method, path);
      const before = method === 'GET' ? 0 : await auditCount();
      const reply = await send(identity, method, url, body);
      const call = { identity, method, path, url, real, status: reply.status };
      calls.push(call);
      check(call, rule, allowed, reply);
      if (method !== 'GET' && (await auditCount()) !== before)
        failures.push(`${identity} ${method} ${url}: refused with ${reply.status} yet the audit trail grew`);
    }
  }
  // What B's people did (and tried) is in B's audit trail: none of X's private values may be there.
  // Two writes B may make to X, cheap and safe, so the trail holds X's record as B sees it.
  const renewed = await as.adminB.post(`/api/v1/register/organisations/${ids.organisationX}/renewal`, {});
  const verified = await as.adminB.post(`/api/v1/register/organisations/${ids.organisationX}/verifications`, {
    fields: ['legalName'],
  });
  for (const [what, answer] of [
    ['renewal', renewed],
    ['verification', verified],
  ] as const) {
    if (answer.status !== 200) failures.push(`adminB's ${what} of X: ${answer.status}, expected 200`);
    const leaked = privateValuesIn(JSON.stringify(answer.body));
    if (leaked.length) failures.push(`adminB's ${what} of X answers X's private ${leaked.join(', ')}`);
  }
  const trail = await as.adminB.get('/api/v1/audit?limit=200');
  expect(trail.status).toBe(200);
  expect(trail.body.items.length).toBeGreaterThan(0);
  const aboutX = await as.adminB.get(`/api/v1/audit/organisation/${ids.organisationX}`);
  for (const [what, answer] of [
    ["B's audit trail", trail],
    ["B's audit of X", aboutX],
  ] as const) {
    const leaked = privateValuesIn(JSON.stringify(answer.body));
    if (leaked.length) failures.push(`${what} holds X's private ${leaked.join(', ')}`);
  }

  const routesWithRealIds = routes.filter((r) => /\{/.test(r.path) && fill(r.path, r.operation).real).length;
  const withIds = routes.filter((r) => /\{/.test(r.path)).length;
  const fake = routes.filter((r) => /\{/.test(r.path) && !fill(r.path, r.operation).real);
  process.stdout.write(
    `security matrix: ${routes.length} routes, ${calls.length} calls (${calls.filter((c) => c.method === 'GET').length} reads, ${calls.filter((c) => c.method !== 'GET').length} refused writes); ${routesWithRealIds} of ${withIds} id-taking routes with real ids; without: ${fake.map((r) => `${r.method} ${r.path}`).join(', ')}; records not made: ${missing.join('; ') || 'none'}\n`,
  );
  expect(failures).toEqual([]);
}, 600_000);
