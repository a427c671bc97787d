// The "large" scale of PRODUCT.md as data (issue 6 item 1): organisations with contacts, places,
// affiliations and renewals; agencies with their staff; CSO users; partnerships in every lifecycle
// state with their moves, due diligence and agreements; and a long audit trail whose hash chain
// verifies. Everything derives from one seed number: the same seed gives the same rows, ids
// included, in either database mode. Rows are written set-wise by SQL (generate_series), the audit
// trail in batches of 5,000, so a national register fills in minutes.
import { createHash } from 'node:crypto';
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Platform } from '../src/platform/context.ts';
import { createAgencyWithAdministrator } from '../src/platform/accounts/operations/agency.ts';
import { setUpDeployment } from '../src/platform/setup/first-run.ts';
import { hashPassword } from '../src/platform/accounts/secrets.ts';
import { memberships, users } from '../src/platform/accounts/tables.ts';
import { auditEvents } from '../src/platform/audit/tables.ts';
import { GENESIS_HASH, hashOf, type HashedFields } from '../src/platform/audit/record.ts';
import { partnershipTemplatesOf } from '../src/modules/partnerships/index.ts';
import { forgetRegisterChanges, refreshSearchTextsWhere } from '../src/modules/register/index.ts';

export const LARGE_VOLUME_PASSWORD = 'Large-Volume-2026';

export type VolumeOptions = { seed: number; scale: number };
export type VolumeProgress = {
  start(step: string, total: number): void;
  advance(done: number): void;
  finish(): void;
};

/** What PRODUCT.md's large scale and issue 6 ask for, at scale 1. */
export const largeScale = {
  organisations: 100_000,
  agencies: 40,
  agencyUsers: 2_000,
  csoUsers: 50_000,
  partnerships: 20_000,
  auditEvents: 1_000_000,
};

export type VolumeCounts = typeof largeScale;

export function countsAt(scale: number): VolumeCounts {
  const at = (n: number, least: number) => Math.max(least, Math.round(n * scale));
  return {
    organisations: at(largeScale.organisations, 50),
    agencies: at(largeScale.agencies, 2),
    agencyUsers: at(largeScale.agencyUsers, 10),
    csoUsers: at(largeScale.csoUsers, 20),
    partnerships: at(largeScale.partnerships, 30),
    auditEvents: at(largeScale.auditEvents, 500),
  };
}

const BATCH = 10_000;
const AUDIT_BATCH = 5_000;
const DAY_MS = 86_400_000;

/**
 * A uuid from the seed and a key, the same in SQL and here: an md5 with the version 4 and variant
 * digits set, so it is a valid RFC 9562 uuid (the API's contracts check that).
 */
export function uuidOf(seed: number, kind: string, n: number): string {
  const hex = createHash('md5').update(`${seed}:${kind}:${n}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** SQL text for the same uuid, for a row number expression such as `g`. */
const uuidSql = (seed: number, kind: string, n: string) =>
  `overlay(overlay(md5('${seed}:${kind}:' || ${n}) placing '4' from 13) placing 'a' from 17)::uuid`;

/** SQL text for a uniform number in [0, 1) drawn from the seed, a key and a row number expression. */
const uniformSql = (seed: number, key: string, n: string) =>
  `(('x' || substr(md5('${seed}:${key}:' || ${n}), 1, 8))::bit(32)::bigint / 4294967296.0)`;

/** SQL text that picks from a literal list, with a skew (1 is even; higher favours the first ones). */
function pickSql(seed: number, key: string, n: string, values: readonly string[], skew = 1): string {
  const list = `array[${values.map(literal).join(',')}]`;
  return `(${list})[1 + floor(power(${uniformSql(seed, key, n)}, ${skew}) * ${values.length})::int]`;
}

function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Repeats each value by its weight, so an even pick follows the weights. */
function weighted(pairs: [string, number][]): string[] {
  return pairs.flatMap(([value, weight]) => Array.from({ length: weight }, () => value));
}

// Distributions: most organisations are small community groups; a few national bodies hold many
// members and partnerships (the skew a register really has).
const kinds = weighted([
  ['community-group', 30],
  ['village-or-kinship', 14],
  ['incorporated-society', 16],
  ['faith-based', 10],
  ['trust', 8],
  ['national-ngo', 7],
  ['network-or-umbrella', 4],
  ['social-enterprise', 4],
  ['international-ngo', 2],
  ['academic', 2],
  ['media', 2],
  ['other', 1],
]);
const kindWords: Record<string, string[]> = {
  'community-group': ['Community Group', 'Club', 'Komiti', 'Action Group'],
  'village-or-kinship': ['Village Committee', 'Are Ariki Council', 'Kopu Tangata'],
  'incorporated-society': ['Society Inc.', 'Association Inc.', 'Welfare Society'],
  'faith-based': ['Church Fellowship', 'Mosque Committee', 'Mission'],
  trust: ['Trust', 'Foundation'],
  'national-ngo': ['National Council', 'Federation', 'Network'],
  'network-or-umbrella': ['Umbrella Network', 'Forum', 'Alliance'],
  'social-enterprise': ['Cooperative', 'Enterprise'],
  'international-ngo': ['International', 'Aid'],
  academic: ['Institute', 'Research Centre'],
  media: ['Media Collective', 'Radio'],
  other: ['Group'],
};
// Focus-area codes of the register's seeded taxonomy (reference-data.ts), with the word names use.
const focusAreas: [string, string][] = [
  ['youth', 'Youth'],
  ['gender-equality', "Women's"],
  ['disability', 'Disability'],
  ['elderly', 'Elders'],
  ['child-and-family', 'Family'],
  ['sport-and-recreation', 'Sports'],
  ['health', 'Health'],
  ['education', 'Education'],
  ['economic-empowerment', 'Growers'],
  ['governance', 'Governance'],
  ['humanitarian-response', 'Relief'],
  ['environment', 'Climate'],
  ['culture-and-language', 'Culture'],
  ['welfare', 'Welfare'],
];
const populations = [
  'children',
  'youth',
  'women-and-girls',
  'persons-with-disability',
  'elderly',
  'families',
];
const firstNames = [
  'Mere',
  'Teina',
  'Ngaire',
  'Tupou',
  'Vaine',
  'Rangi',
  'Tere',
  'Maara',
  'Tangaroa',
  'Ayesha',
  'Bilal',
  'Fatima',
  'Imran',
  'Sana',
  'Usman',
  'Zainab',
  'Hamza',
  'Nadia',
  'John',
  'Mary',
];
const lastNames = [
  'Tuara',
  'Marsters',
  'Pera',
  'Teariki',
  'Napa',
  'Tangianau',
  'Browne',
  'Khan',
  'Ahmed',
  'Malik',
  'Hussain',
  'Qureshi',
  'Siddiqui',
  'Baig',
  'Williams',
];
const agencyNames = [
  'Ministry of Internal Affairs',
  'Ministry of Health',
  'Ministry of Education',
  'Ministry of Agriculture',
  'Ministry of Marine Resources',
  'Office of the Prime Minister',
  'Social Welfare Department',
  'Women Development Department',
  'Youth Affairs Department',
  'Disaster Management Authority',
  'UN Women Country Office',
  'UNICEF Field Office',
  'UNDP Country Office',
  'Red Cross National Society',
  'Climate Change Office',
];
const staffRoles = weighted([
  ['programme-officer', 10],
  ['partnership-coordinator', 5],
  ['viewer', 5],
  ['finance-officer', 3],
  ['committee-member', 2],
]);
const lifecycleStates = weighted([
  ['identified', 6],
  ['scoping', 6],
  ['due-diligence', 7],
  ['awaiting-decision', 5],
  ['agreed', 5],
  ['active', 40],
  ['under-review', 8],
  ['phasing-out', 4],
  ['closed', 11],
  ['declined', 4],
  ['withdrawn', 4],
]);
// The way each state is reached (lifecycle.ts); the moves of a partnership follow its path.
const toDecision = ['identified', 'scoping', 'due-diligence', 'awaiting-decision'];
const toActive = [...toDecision, 'agreed', 'active'];
const pathTo: Record<string, string[]> = {
  identified: ['identified'],
  scoping: ['identified', 'scoping'],
  'due-diligence': toDecision.slice(0, 3),
  'awaiting-decision': toDecision,
  agreed: [...toDecision, 'agreed'],
  active: toActive,
  'under-review': [...toActive, 'under-review'],
  'phasing-out': [...toActive, 'phasing-out'],
  closed: [...toActive, 'phasing-out', 'closed'],
  declined: [...toDecision, 'declined'],
  withdrawn: ['identified', 'scoping', 'withdrawn'],
};
const levels = weighted([
  ['networking', 4],
  ['coordinating', 3],
  ['cooperating', 2],
  ['collaborating', 1],
]);
const formalForms = weighted([
  ['contract', 4],
  ['mou', 5],
  ['consortium', 1],
]);
const informalForms = ['alliance', 'network', 'forum', 'topical-group', 'lobbying-platform'];
const activities = ['Outreach', 'Services', 'Programme', 'Network', 'Forum', 'Support', 'Initiative'];

type Step = { name: string; total: number; run: (progress: VolumeProgress) => Promise<void> };

/**
 * Fills an empty Vaka database (migrated, without organisations) with the large volume at a scale.
 * Returns the counts it wrote.
 */
export async function fillLargeVolume(
  platform: Platform,
  options: VolumeOptions,
  progress: VolumeProgress,
): Promise<VolumeCounts> {
  const counts = countsAt(options.scale);
  const now = platform.clock.now();
  const context: Context = { platform, seed: options.seed, counts, now, agencies: [] };
  const steps: Step[] = [
    { name: 'agencies and staff', total: counts.agencyUsers, run: (p) => fillAgencies(context, p) },
    { name: 'organisations', total: counts.organisations, run: (p) => fillOrganisations(context, p) },
    { name: 'contacts and affiliations', total: 3, run: (p) => fillContacts(context, p) },
    { name: 'CSO users', total: counts.csoUsers, run: (p) => fillCsoUsers(context, p) },
    { name: 'partnerships', total: counts.partnerships, run: (p) => fillPartnerships(context, p) },
    { name: 'audit events', total: counts.auditEvents, run: (p) => fillAudit(context, p) },
    { name: 'statistics', total: 1, run: (p) => analyse(context, p) },
  ];
  for (const step of steps) {
    progress.start(step.name, step.total);
    await step.run(progress);
    progress.finish();
  }
  return counts;
}

type Agency = { id: string; adminId: string; adminEmail: string; name: string };
type Context = { platform: Platform; seed: number; counts: VolumeCounts; now: Date; agencies: Agency[] };

const run = (context: Context, text: string) => context.platform.database.executeSql(text);

/** Ranges of row numbers 1..total in batches. */
function* batches(total: number, size = BATCH): Generator<[number, number]> {
  for (let from = 1; from <= total; from += size) yield [from, Math.min(total, from + size - 1)];
}

async function fillAgencies(context: Context, progress: VolumeProgress) {
  const { platform, seed, counts } = context;
  const passwordHash = await hashPassword(LARGE_VOLUME_PASSWORD);
  const actor = { kind: 'system' as const, label: 'seed-large', requestId: 'seed-large' };
  for (let n = 1; n <= counts.agencies; n++) {
    const base = agencyNames[(n - 1) % agencyNames.length]!;
    const name = n <= agencyNames.length ? base : `${base} ${Math.ceil(n / agencyNames.length)}`;
    const adminEmail = `admin@agency-${n}.large.vaka.test`;
    const person = { agencyName: name, name: `Administrator ${n}`, email: adminEmail, passwordHash };
    // The first agency is set up as at first run: its administrator is the deployment's too.
    const { agency, user } = await platform.db.transaction((tx) =>
      n === 1
        ? setUpDeployment(platform, tx, actor, { ...person, demonstration: false })
        : createAgencyWithAdministrator(platform, tx, actor, person),
    );
    context.agencies.push({ id: agency.id, adminId: user.id, adminEmail, name });
    // Due diligence templates are seeded when an agency first needs them.
    await partnershipTemplatesOf(platform.db, agency.id);
  }
  progress.advance(counts.agencies);
  const staff = counts.agencyUsers - counts.agencies;
  const agencyIds = `array[${context.agencies.map((a) => literal(a.id)).join(',')}]::uuid[]`;
  // Staff spread over agencies with a skew: the first ministries are the big ones.
  const agencyIndex = `1 + floor(power(${uniformSql(seed, 'staff-agency', 'g')}, 1.6) * ${counts.agencies})::int`;
  for (const [from, to] of batches(staff)) {
    await run(
      context,
      `insert into users (id, email, name, password_hash, created_at, updated_at)
       select ${uuidSql(seed, 'staff', 'g')}, 'staff-' || g || '@agency-' || (${agencyIndex}) || '.large.vaka.test',
         ${pickSql(seed, 'staff-first', 'g', firstNames)} || ' ' || ${pickSql(seed, 'staff-last', 'g', lastNames)},
         ${literal(passwordHash)}, now(), now()
       from generate_series(${from}, ${to}) g`,
    );
    await run(
      context,
      `insert into memberships (agency_id, user_id, role, created_at)
       select (${agencyIds})[${agencyIndex}], ${uuidSql(seed, 'staff', 'g')}, ${pickSql(seed, 'staff-role', 'g', staffRoles)}, now()
       from generate_series(${from}, ${to}) g`,
    );
    progress.advance(counts.agencies + to);
  }
}

async function fillOrganisations(context: Context, progress: VolumeProgress) {
  const { seed, counts, now } = context;
  const kindWordCases = Object.entries(kindWords)
    .map(([kind, words]) => `when ${literal(kind)} then ${pickSql(seed, 'kind-word', 'g', words)}`)
    .join(' ');
  const focusCodes = focusAreas.map(([code]) => code);
  const focusWords = `array[${focusAreas.map(([, word]) => literal(word)).join(',')}]`;
  // Places shuffled by a hash, then picked with a skew: a few districts hold most organisations.
  const placeList = `(select array_agg(id order by md5('${seed}' || code)) ids, array_agg(name order by md5('${seed}' || code)) names
     from places where level <> 'country')`;
  const placeIndex = `1 + floor(power(${uniformSql(seed, 'place', 'g')}, 2) * cardinality(pl.ids))::int`;
  const focusIndex = `1 + floor(power(${uniformSql(seed, 'focus', 'g')}, 1.4) * ${focusCodes.length})::int`;
  const now_ = `timestamptz ${literal(now.toISOString())}`;
  // 000 Focus area 1: a profile is confirmed yearly; most are current, some due, some lapsed.
  const confirmedDaysAgo = `(power(${uniformSql(seed, 'confirmed', 'g')}, 1.8) * 700)`;
  for (const [from, to] of batches(counts.organisations)) {
    await run(
      context,
      `with pl as ${placeList},
       o as (select g, ${pickSql(seed, 'kind', 'g', kinds)} kind, ${placeIndex} pi, ${focusIndex} fi,
               1950 + floor(${uniformSql(seed, 'founded', 'g')} * 75)::int founded
             from generate_series(${from}, ${to}) g, pl)
       insert into organisations (id, legal_name, acronym, kind, year_founded, mission, staff_count, volunteer_count,
         last_confirmed_at, created_at, updated_at)
       select ${uuidSql(seed, 'org', 'g')},
         pl.names[pi] || ' ' || (${focusWords})[fi] || ' ' || (case kind ${kindWordCases} end),
         null, kind, founded,
         'Serving ' || ${pickSql(seed, 'population', 'g', populations)} || ' in ' || pl.names[pi] || ' since ' || founded,
         floor(power(${uniformSql(seed, 'staff-count', 'g')}, 4) * 200)::int,
         floor(power(${uniformSql(seed, 'volunteers', 'g')}, 2) * 120)::int,
         ${now_} - (${confirmedDaysAgo} || ' days')::interval,
         ${now_} - (${confirmedDaysAgo} + 30 || ' days')::interval, ${now_}
       from o, pl`,
    );
    // The acronym a third of organisations use: their initials.
    await run(
      context,
      `update organisations set acronym = regexp_replace(initcap(legal_name), '[^A-Z]', '', 'g')
       where id in (select ${uuidSql(seed, 'org', 'g')} from generate_series(${from}, ${to}) g
                    where ${uniformSql(seed, 'acronym', 'g')} < 0.33)`,
    );
    await run(
      context,
      `with pl as ${placeList}
       insert into organisation_places (organisation_id, place_id)
       select ${uuidSql(seed, 'org', 'g')}, pl.ids[${placeIndex}] from generate_series(${from}, ${to}) g, pl`,
    );
    const focusArray = `array[${focusCodes.map(literal).join(',')}]`;
    await run(
      context,
      `insert into organisation_terms (organisation_id, taxonomy, code)
       select ${uuidSql(seed, 'org', 'g')}, 'focus-area', (${focusArray})[${focusIndex}] from generate_series(${from}, ${to}) g
       union
       select ${uuidSql(seed, 'org', 'g')}, 'focus-area', ${pickSql(seed, 'second-focus', 'g', focusCodes)}
       from generate_series(${from}, ${to}) g where ${uniformSql(seed, 'has-second-focus', 'g')} < 0.4
       union
       select ${uuidSql(seed, 'org', 'g')}, 'population', ${pickSql(seed, 'population', 'g', populations)}
       from generate_series(${from}, ${to}) g`,
    );
    // Four in ten hold an identifier from the Org-ID lists (reference-data.ts).
    await run(
      context,
      `insert into organisation_identifiers (organisation_id, scheme, value)
       select ${uuidSql(seed, 'org', 'g')}, s.scheme, s.prefix || g
       from generate_series(${from}, ${to}) g,
         lateral (select (array['CK-COA','PK-VSWA','PK-SEC','NZ-CR'])[1 + floor(power(${uniformSql(seed, 'scheme', 'g')}, 1.5) * 4)::int] scheme) s0,
         lateral (select s0.scheme, case s0.scheme when 'CK-COA' then 'IS-' when 'PK-VSWA' then 'VSWA/' when 'PK-SEC' then '00' else 'CC' end prefix) s
       where ${uniformSql(seed, 'identified', 'g')} < 0.4`,
    );
    await run(
      context,
      `insert into renewals (organisation_id, confirmed_at, note)
       select id, last_confirmed_at, 'Details still right'
       from organisations where id in (select ${uuidSql(seed, 'org', 'g')} from generate_series(${from}, ${to}) g)`,
    );
    // What the search reads, written by the register itself.
    await refreshSearchTextsWhere(
      context.platform.db,
      sql.raw(`o.id in (select ${uuidSql(seed, 'org', 'g')} from generate_series(${from}, ${to}) g)`),
    );
    progress.advance(to);
  }
}

async function fillContacts(context: Context, progress: VolumeProgress) {
  const { seed, counts } = context;
  // One to three contacts each: most have one.
  await run(
    context,
    `insert into contacts (organisation_id, name, role, email, phone, language, consent_to_contact)
     select ${uuidSql(seed, 'org', 'g')},
       ${pickSql(seed, 'contact-first', "g || ':' || c", firstNames)} || ' ' || ${pickSql(seed, 'contact-last', "g || ':' || c", lastNames)},
       (array['Secretary','Chairperson','Treasurer'])[c],
       'contact-' || c || '@org-' || g || '.large.vaka.test',
       '+682 ' || (20000 + g % 80000),
       ${pickSql(seed, 'contact-language', 'g', ['en', 'en', 'rar', 'ur'])},
       ${uniformSql(seed, 'consent', "g || ':' || c")} < 0.7
     from generate_series(1, ${counts.organisations}) g,
       generate_series(1, 1 + floor(power(${uniformSql(seed, 'contacts', 'g')}, 2) * 3)::int) c`,
  );
  progress.advance(1);
  // Members join umbrella bodies; umbrellas never join, so the graph has no cycles.
  await run(
    context,
    `with um as (select array_agg(id order by id) ids from organisations where kind = 'network-or-umbrella')
     insert into affiliations (member_id, umbrella_id)
     select o.id, um.ids[1 + floor(power(${uniformSql(seed, 'umbrella', 'o.id::text')}, 2) * cardinality(um.ids))::int]
     from organisations o, um
     where o.kind <> 'network-or-umbrella' and cardinality(um.ids) > 0
       and ${uniformSql(seed, 'affiliated', 'o.id::text')} < 0.15`,
  );
  progress.advance(2);
  await run(context, `analyze organisations`);
  progress.advance(3);
}

async function fillCsoUsers(context: Context, progress: VolumeProgress) {
  const { seed, counts, now } = context;
  const passwordHash = await hashPassword(LARGE_VOLUME_PASSWORD);
  // Larger organisations have more people: a strong skew towards the first organisations.
  const orgIndex = `1 + floor(power(${uniformSql(seed, 'cso-org', 'g')}, 3) * ${counts.organisations})::int`;
  for (const [from, to] of batches(counts.csoUsers)) {
    await run(
      context,
      `insert into users (id, email, name, password_hash, language, created_at, updated_at)
       select ${uuidSql(seed, 'cso', 'g')}, 'cso-' || g || '@large.vaka.test',
         ${pickSql(seed, 'cso-first', 'g', firstNames)} || ' ' || ${pickSql(seed, 'cso-last', 'g', lastNames)},
         ${literal(passwordHash)}, ${pickSql(seed, 'cso-language', 'g', ['en', 'en', 'rar', 'ur'])}, now(), now()
       from generate_series(${from}, ${to}) g`,
    );
    await run(
      context,
      `insert into organisation_members (organisation_id, user_id, role, status, confirmed_at, created_at)
       select ${uuidSql(seed, 'org', orgIndex)}, ${uuidSql(seed, 'cso', 'g')},
         case when ${uniformSql(seed, 'cso-admin', 'g')} < 0.3 then 'cso-administrator' else 'cso-member' end,
         case when ${uniformSql(seed, 'cso-pending', 'g')} < 0.02 then 'pending' else 'confirmed' end,
         timestamptz ${literal(now.toISOString())}, now()
       from generate_series(${from}, ${to}) g`,
    );
    progress.advance(to);
  }
}

async function fillPartnerships(context: Context, progress: VolumeProgress) {
  const { seed, counts, now } = context;
  const agencyIds = `array[${context.agencies.map((a) => literal(a.id)).join(',')}]::uuid[]`;
  const adminIds = `array[${context.agencies.map((a) => literal(a.adminId)).join(',')}]::uuid[]`;
  const agencyIndex = `1 + floor(power(${uniformSql(seed, 'partnership-agency', 'g')}, 2) * ${counts.agencies})::int`;
  const focusCodes = focusAreas.map(([code]) => code);
  const focusWords = `array[${focusAreas.map(([, word]) => literal(word)).join(',')}]`;
  const focusIndex = `1 + floor(${uniformSql(seed, 'partnership-focus', 'g')} * ${focusCodes.length})::int`;
  const paths = Object.entries(pathTo)
    .map(([state, path]) => `when ${literal(state)} then array[${path.map(literal).join(',')}]`)
    .join(' ');
  const now_ = `timestamptz ${literal(now.toISOString())}`;
  for (const [from, to] of batches(counts.partnerships, 5_000)) {
    const rows = `generate_series(${from}, ${to}) g`;
    await run(
      context,
      `with p as (select g, ${pickSql(seed, 'state', 'g', lifecycleStates)} state,
                   ${uniformSql(seed, 'formal', 'g')} < 0.6 formal, ${focusIndex} fi,
                   ${uniformSql(seed, 'age', 'g')} * 1800 age_days
                 from ${rows})
       insert into partnerships (id, agency_id, title, purpose, focus_areas, formality, form, agency_roles, starts_on,
         ends_on, level, state, strategic_answers, strategic, phase_out_plan, involves_funding, created_by, created_at, updated_at)
       select ${uuidSql(seed, 'partnership', 'g')}, (${agencyIds})[${agencyIndex}],
         (${focusWords})[fi] || ' ' || ${pickSql(seed, 'activity', 'g', activities)} || ' ' || g,
         'Working together on ' || lower((${focusWords})[fi]) || ' needs',
         array[(array[${focusCodes.map(literal).join(',')}])[fi]],
         case when formal then 'formal' else 'informal' end,
         case when formal then ${pickSql(seed, 'form', 'g', formalForms)} else ${pickSql(seed, 'form', 'g', informalForms)} end,
         array[${pickSql(seed, 'role', 'g', ['facilitator', 'supporter', 'capacity-builder', 'linker', 'social-investor'])}],
         (${now_} - (age_days || ' days')::interval)::date,
         (${now_} - (age_days || ' days')::interval + ((1 + floor(${uniformSql(seed, 'years', 'g')} * 4)) || ' years')::interval)::date,
         ${pickSql(seed, 'level', 'g', levels)}, state,
         jsonb_build_object('sharedVision', ${uniformSql(seed, 'q1', 'g')} < 0.7, 'servesStrategy', ${uniformSql(seed, 'q2', 'g')} < 0.8,
           'beyondDeliverable', ${uniformSql(seed, 'q3', 'g')} < 0.6, 'moreThanMoney', ${uniformSql(seed, 'q4', 'g')} < 0.6),
         null,
         case when state in ('phasing-out', 'closed') then 'Hand the services over to the partner over six months.' end,
         ${uniformSql(seed, 'funding', 'g')} < 0.5,
         (${adminIds})[${agencyIndex}], ${now_} - (age_days || ' days')::interval, ${now_}
       from p`,
    );
    // The stored classification: strategic when all four answers are yes (001 §12).
    await run(
      context,
      `update partnerships set strategic = (strategic_answers->>'sharedVision')::boolean and (strategic_answers->>'servesStrategy')::boolean
         and (strategic_answers->>'beyondDeliverable')::boolean and (strategic_answers->>'moreThanMoney')::boolean
       where id in (select ${uuidSql(seed, 'partnership', 'g')} from ${rows})`,
    );
    // One party, or two or three for consortia (the first is the lead).
    await run(
      context,
      `insert into partnership_parties (partnership_id, organisation_id, lead)
       select p.id, ${uuidSql(seed, 'org', `1 + floor(power(${uniformSql(seed, 'party', "p.id::text || ':' || k")}, 1.5) * ${counts.organisations})::int`)},
         p.form = 'consortium' and k = 1
       from partnerships p, generate_series(1, 3) k
       where p.id in (select ${uuidSql(seed, 'partnership', 'g')} from ${rows})
         and (k = 1 or p.form = 'consortium')
       on conflict do nothing`,
    );
    await run(
      context,
      `insert into partnership_moves (agency_id, partnership_id, kind, from_value, to_value, reason, moved_at, moved_by, moved_by_name)
       select p.agency_id, p.id, 'level', null, p.level, null, p.created_at, p.created_by, 'Administrator'
       from partnerships p where p.id in (select ${uuidSql(seed, 'partnership', 'g')} from ${rows})
       union all
       select p.agency_id, p.id, 'state', (case p.state ${paths} end)[(m.n - 1)::int], m.state,
         case when m.n > 1 then 'Agreed at the coordination meeting' end,
         p.created_at + ((m.n - 1) * extract(epoch from (${now_} - p.created_at)) / (cardinality(case p.state ${paths} end) + 1) || ' seconds')::interval,
         p.created_by, 'Administrator'
       from partnerships p, unnest(case p.state ${paths} end) with ordinality m(state, n)
       where p.id in (select ${uuidSql(seed, 'partnership', 'g')} from ${rows})`,
    );
    // 001 §15d: every party of a partnership past due diligence has a complete assessment.
    await run(
      context,
      `insert into partnership_assessments (agency_id, partnership_id, organisation_id, direction, template_id, questions,
         answers, score, state, risk_rating, completed_at, valid_until, created_at)
       select p.agency_id, p.id, pp.organisation_id, 'agency-assesses-organisation',
         (select t.id from due_diligence_templates t where t.agency_id = p.agency_id and t.direction = 'agency-assesses-organisation' order by t.name limit 1),
         '[]'::jsonb, '{}'::jsonb, s.score, 'complete',
         case when s.score >= 75 then 'low' when s.score >= 55 then 'moderate' when s.score >= 35 then 'significant' else 'high' end,
         p.created_at + interval '30 days', (${now_} + interval '300 days')::date, p.created_at
       from partnerships p join partnership_parties pp on pp.partnership_id = p.id,
         lateral (select 20 + floor(power(${uniformSql(seed, 'score', 'pp.organisation_id::text || p.id::text')}, 0.6) * 80)::int score) s
       where p.id in (select ${uuidSql(seed, 'partnership', 'g')} from ${rows})
         and p.state not in ('identified', 'scoping', 'due-diligence', 'withdrawn')`,
    );
    // The committee decided every partnership past "awaiting decision" (issue 4 item 7): one closed
    // request, its member the agency's administrator, with the vote behind the outcome.
    await run(
      context,
      `insert into decision_requests (id, agency_id, partnership_id, question, deadline, member_ids, quorum, state,
         outcome, raised_by, raised_at, closed_by, closed_at)
       select ${uuidSql(seed, 'decision', 'g')}, p.agency_id, p.id, 'Enter into ' || p.title || '?',
         (p.created_at + interval '60 days')::date, array[p.created_by], 1, 'closed',
         case when p.state = 'declined' then 'declined' else 'approved' end,
         p.created_by, p.created_at + interval '45 days', p.created_by, p.created_at + interval '50 days'
       from generate_series(${from}, ${to}) g join partnerships p on p.id = ${uuidSql(seed, 'partnership', 'g')}
       where p.state not in ('identified', 'scoping', 'due-diligence', 'awaiting-decision', 'withdrawn')`,
    );
    await run(
      context,
      `insert into decision_votes (request_id, agency_id, user_id, vote, cast_at)
       select r.id, r.agency_id, r.raised_by, case r.outcome when 'approved' then 'approve' else 'decline' end, r.closed_at
       from generate_series(${from}, ${to}) g join decision_requests r on r.id = ${uuidSql(seed, 'decision', 'g')}`,
    );
    // A formal partnership that reached "agreed" has its agreement (lifecycle.ts guard).
    await run(
      context,
      `insert into partnership_agreements (agency_id, partnership_id, kind, title, state, signed_on, created_at, updated_at)
       select p.agency_id, p.id, case p.form when 'contract' then 'contract' else 'mou' end, 'Agreement for ' || p.title,
         case p.state when 'agreed' then 'signed' when 'closed' then 'expired' else 'active' end,
         p.starts_on, p.created_at, ${now_}
       from partnerships p
       where p.id in (select ${uuidSql(seed, 'partnership', 'g')} from ${rows})
         and p.formality = 'formal' and p.state in ('agreed', 'active', 'under-review', 'phasing-out', 'closed')`,
    );
    progress.advance(to);
  }
}

/** A small, seeded random number generator (mulberry32), so the audit trail is the same every time. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function fillAudit(context: Context, progress: VolumeProgress) {
  const { platform, seed, counts, now, agencies } = context;
  const random = randomFrom(seed);
  const pick = <T>(values: readonly T[], skew = 1) => values[Math.floor(random() ** skew * values.length)]!;
  const [last] = await platform.db
    .select({ hash: auditEvents.hash, at: auditEvents.at })
    .from(auditEvents)
    .orderBy(desc(auditEvents.id))
    .limit(1);
  let previousHash = last?.hash ?? GENESIS_HASH;
  // Three years of history up to a day ago, in order.
  const startMs = now.getTime() - 3 * 365 * DAY_MS;
  const stepMs = (3 * 365 * DAY_MS - DAY_MS) / counts.auditEvents;
  const staffOf = await staffByAgency(context);
  for (let from = 0; from < counts.auditEvents; from += AUDIT_BATCH) {
    const rows: (HashedFields & { hash: string })[] = [];
    for (let n = from; n < Math.min(counts.auditEvents, from + AUDIT_BATCH); n++) {
      const agency = pick(agencies, 1.6);
      const person = pick(staffOf.get(agency.id)!);
      const fields: HashedFields = {
        at: new Date(Math.floor(startMs + n * stepMs)),
        agencyId: agency.id,
        actorId: person.id,
        actorLabel: person.email,
        requestId: null,
        previousHash,
        ...eventBody(seed, counts, random, n),
      };
      const hash = hashOf(fields);
      rows.push({ ...fields, hash });
      previousHash = hash;
    }
    await insertAudit(context, rows);
    progress.advance(Math.min(counts.auditEvents, from + AUDIT_BATCH));
  }
}

/** Each agency's staff, administrator first, in a stable order. */
async function staffByAgency(context: Context) {
  const rows = await context.platform.db
    .select({ agencyId: memberships.agencyId, id: users.id, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .orderBy(asc(memberships.agencyId), asc(users.email));
  const staff = new Map<string, { id: string; email: string }[]>();
  for (const row of rows) {
    const list = staff.get(row.agencyId) ?? [];
    list.push({ id: row.id, email: row.email });
    staff.set(row.agencyId, list);
  }
  return staff;
}

/** What an event is about: mostly profile edits, with a few organisations edited very often. */
function eventBody(seed: number, counts: VolumeCounts, random: () => number, n: number) {
  const roll = random();
  if (roll < 0.5) {
    // A Zipf-like skew: organisation 1 is the busiest record of the register.
    const organisation = 1 + Math.floor(random() ** 4 * counts.organisations);
    return {
      action: 'organisation.changed',
      entity: 'organisation',
      entityId: uuidOf(seed, 'org', organisation),
      before: { staffCount: n % 50, version: n % 97 },
      after: { staffCount: (n % 50) + 1, version: (n % 97) + 1 },
    };
  }
  if (roll < 0.75) {
    const partnership = 1 + Math.floor(random() ** 2 * counts.partnerships);
    return {
      action: 'partnership.changed',
      entity: 'partnership',
      entityId: uuidOf(seed, 'partnership', partnership),
      before: { purpose: `Working together, draft ${n % 7}` },
      after: { purpose: `Working together, draft ${(n % 7) + 1}` },
    };
  }
  if (roll < 0.9) {
    const organisation = 1 + Math.floor(random() * counts.organisations);
    return {
      action: 'organisation.confirmed',
      entity: 'organisation',
      entityId: uuidOf(seed, 'org', organisation),
      before: null,
      after: { note: 'Details still right' },
    };
  }
  const user = 1 + Math.floor(random() * counts.csoUsers);
  return {
    action: 'session.started',
    entity: 'user',
    entityId: uuidOf(seed, 'cso', user),
    before: null,
    after: null,
  };
}

async function insertAudit(context: Context, rows: (HashedFields & { hash: string })[]) {
  const json = JSON.stringify(
    rows.map((row) => ({
      at: row.at.toISOString(),
      agency_id: row.agencyId,
      actor_id: row.actorId,
      actor_label: row.actorLabel,
      action: row.action,
      entity: row.entity,
      entity_id: row.entityId,
      before: row.before,
      after: row.after,
      request_id: row.requestId,
      previous_hash: row.previousHash,
      hash: row.hash,
    })),
  );
  // One parameter of JSON rows works the same in both drivers; "order by" keeps the chain's order.
  await context.platform.database.executeSql(
    `insert into audit_events (at, agency_id, actor_id, actor_label, action, entity, entity_id, before, after,
       request_id, previous_hash, hash)
     select at, agency_id, actor_id, actor_label, action, entity, entity_id, before, after, request_id, previous_hash, hash
     from rows from (jsonb_to_recordset($1::jsonb) as (at timestamptz, agency_id uuid, actor_id uuid,
       actor_label text, action text, entity text, entity_id text, before jsonb, after jsonb, request_id text,
       previous_hash text, hash text)) with ordinality as r(at, agency_id, actor_id, actor_label, action, entity,
       entity_id, before, after, request_id, previous_hash, hash, n)
     order by n`,
    [json],
  );
}

async function analyse(context: Context, progress: VolumeProgress) {
  // No kept count needs the fill's 100,000 new profiles as changes (decision 0033).
  await forgetRegisterChanges(context.platform.db);
  // Vacuum as well: a register that has been running has its visibility map set by autovacuum, which
  // index-only scans (the status counts, decision 0024) rely on; right after a bulk fill it is empty.
  await context.platform.db.execute(sql`vacuum analyze`);
  progress.advance(1);
}
