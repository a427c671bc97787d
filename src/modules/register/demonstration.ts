import { and, asc, count, eq, inArray, like } from 'drizzle-orm';
import { hashPassword } from '../../platform/accounts/secrets.ts';
import { memberships, organisationMembers, users } from '../../platform/accounts/tables.ts';
import type { Platform } from '../../platform/context.ts';
import { DEMONSTRATION_PASSWORD, type DemonstrationStep } from '../../platform/setup/demonstration.ts';
import type { OrganisationInput } from './contracts.ts';
import { writeRelations } from './organisations.ts';
import {
  organisationIdentifiers,
  organisations,
  organisationVerifications,
  places,
  profileChanges,
  renewals,
} from './tables.ts';

// About 300 fictional organisations of an island nation, with names in English and Cook Islands
// Māori, spread over the islands as people are (most on Rarotonga), and a realistic mix of renewal
// states. Deterministic: the same 300 every time, and loading twice adds nothing.
export const DEMONSTRATION_ORGANISATIONS = 300;

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const islands: [string, number][] = [
  ['CK-RAR-TAOT', 30],
  ['CK-RAR-PUAI', 18],
  ['CK-RAR-TAKI', 22],
  ['CK-AIT', 10],
  ['CK-ATI', 4],
  ['CK-MGA', 4],
  ['CK-MAU', 3],
  ['CK-MIT', 2],
  ['CK-MHX', 2],
  ['CK-RAK', 1],
  ['CK-PEN', 2],
  ['CK-PUK', 2],
];
const themes: [string, string, string[], string[]][] = [
  ['Youth', 'Mapu', ['youth', 'sport-and-recreation'], ['youth']],
  ["Women's", 'Vainetini', ['gender-equality', 'economic-empowerment'], ['women-and-girls']],
  ['Disability', 'Turuturu', ['disability', 'health'], ['persons-with-disability']],
  ['Elders', 'Metua', ['elderly', 'welfare'], ['elderly']],
  ['Family Support', 'Kopu Tangata', ['child-and-family', 'welfare'], ['families', 'children']],
  ['Sports', 'Tākaro', ['sport-and-recreation', 'health'], ['youth', 'general-public']],
  ['Health', 'Ora', ['health'], ['general-public']],
  ['Growers', 'Tanutanu', ['economic-empowerment', 'environment'], ['outer-islands']],
  ['Culture', 'Peu Tupuna', ['culture-and-language', 'education'], ['general-public']],
  ['Climate Action', 'Natura', ['environment', 'humanitarian-response'], ['outer-islands']],
];
const forms: [string, string][] = [
  ['Council', 'community-group'],
  ['Association', 'incorporated-society'],
  ['Trust', 'trust'],
  ['Network', 'network-or-umbrella'],
  ['Club', 'community-group'],
  ['Society', 'incorporated-society'],
  ['Ministry', 'faith-based'],
  ['Foundation', 'national-ngo'],
  ['Committee', 'village-or-kinship'],
];
const people = [
  'Mere',
  'Teina',
  'Tuaine',
  'Ngā',
  'Ana',
  'Tere',
  'Mata',
  'Pa',
  'Vaine',
  'Tangi',
  'Rangi',
  'Moana',
];
const families = [
  'Marsters',
  'Tangaroa',
  'Heather',
  'Williams',
  'Pureariki',
  'Tatuava',
  'Napa',
  'Browne',
  'Vakapora',
];

function pick<T>(next: () => number, items: T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

function weighted(next: () => number, items: [string, number][]): string {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = next() * total;
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll <= 0) return item;
  }
  return items[0]![0];
}

export function demonstrationOrganisations(placeIds: Record<string, string>, now: Date) {
  const next = random(2026);
  const list: { input: OrganisationInput; confirmedAt: Date }[] = [];
  const usedNames = new Set<string>();
  for (let n = 1; n <= DEMONSTRATION_ORGANISATIONS; n++) {
    const placeCode = weighted(next, islands);
    const placeName = placeCode.startsWith('CK-RAR')
      ? pick(next, ['Avarua', 'Arorangi', 'Titikaveka', 'Ngatangiia', 'Matavera', 'Nikao'])
      : placeCode;
    const islandName =
      {
        'CK-AIT': 'Aitutaki',
        'CK-ATI': 'Atiu',
        'CK-MGA': 'Mangaia',
        'CK-MAU': "Ma'uke",
        'CK-MIT': 'Mitiaro',
        'CK-MHX': 'Manihiki',
        'CK-RAK': 'Rakahanga',
        'CK-PEN': 'Tongareva',
        'CK-PUK': 'Pukapuka',
      }[placeCode] ?? placeName;
    const [theme, themeMaori, focusAreas, populations] = pick(next, themes);
    const [form, kind] = pick(next, forms);
    const person = `${pick(next, people)} ${pick(next, families)}`;
    const slug = `${islandName}${theme}${n}`.toLowerCase().replace(/[^a-z0-9]/g, '');
    // Most profiles are current; some fall due and some have lapsed, as on a real register.
    const age = next();
    const daysAgo =
      age < 0.7
        ? Math.floor(next() * 290)
        : age < 0.85
          ? 310 + Math.floor(next() * 60)
          : 460 + Math.floor(next() * 200);
    let legalName = `${islandName} ${theme} ${form}`;
    if (usedNames.has(legalName)) legalName = `${islandName} ${theme} ${form} No. ${n}`;
    usedNames.add(legalName);
    list.push({
      confirmedAt: new Date(now.getTime() - daysAgo * 86_400_000),
      input: {
        legalName,
        otherNames: [{ name: `Te ${themeMaori} o ${islandName}`, language: 'rar' }],
        acronym: null,
        kind,
        legalStatus:
          kind === 'incorporated-society' ? 'Incorporated under the Incorporated Societies Act 1994' : null,
        yearFounded: 1965 + Math.floor(next() * 58),
        mission: `${theme} work for the people of ${islandName}.`,
        focusAreas,
        populations,
        placeIds: [placeIds[placeCode]!],
        identifiers:
          kind === 'incorporated-society'
            ? [{ scheme: 'CK-COA', value: `DEMO-${String(n).padStart(4, '0')}` }]
            : [],
        contacts: [
          {
            name: person,
            role: 'Secretary',
            email: `${slug}@demo.vaka.test`,
            phone: `+682 ${20000 + n}`,
            language: next() < 0.5 ? 'rar' : 'en',
            consentToContact: true,
          },
        ],
        staffCount: Math.floor(next() * 8),
        volunteerCount: Math.floor(next() * 60),
        budgetBand: pick(next, ['under NZD 10,000', 'NZD 10,000–50,000', 'NZD 50,000–250,000']),
        website: null,
        visibility: {},
      },
    });
  }
  return list;
}

export const registerDemonstration: DemonstrationStep[] = [
  {
    name: 'register',
    async load(platform: Platform) {
      const [existing] = await platform.db
        .select({ n: count() })
        .from(organisationIdentifiers)
        .where(like(organisationIdentifiers.value, 'DEMO-%'));
      if ((existing?.n ?? 0) > 0) return;
      const placeRows = await platform.db.select({ id: places.id, code: places.code }).from(places);
      const placeIds = Object.fromEntries(placeRows.map((p) => [p.code, p.id]));
      const now = platform.clock.now();
      await platform.db.transaction(async (tx) => {
        for (const { input, confirmedAt } of demonstrationOrganisations(placeIds, now)) {
          const [row] = await tx
            .insert(organisations)
            .values({
              legalName: input.legalName,
              kind: input.kind,
              legalStatus: input.legalStatus,
              yearFounded: input.yearFounded,
              mission: input.mission,
              staffCount: input.staffCount,
              volunteerCount: input.volunteerCount,
              budgetBand: input.budgetBand,
              lastConfirmedAt: confirmedAt,
              createdAt: confirmedAt,
              updatedAt: confirmedAt,
            })
            .returning({ id: organisations.id });
          await writeRelations(tx, row!.id, input);
          await tx
            .insert(renewals)
            .values({ organisationId: row!.id, confirmedAt, note: 'Demonstration data' });
        }
      });
    },
  },
  {
    // A CSO user for the portal, someone waiting to be confirmed, and a change waiting for review.
    name: 'CSO users',
    async load(platform: Platform, agencyId: string) {
      const demo = await platform.db
        .select({ id: organisationIdentifiers.organisationId })
        .from(organisationIdentifiers)
        .where(like(organisationIdentifiers.value, 'DEMO-%'))
        .orderBy(organisationIdentifiers.value)
        .limit(2);
      const [first, second] = demo;
      if (!first || !second) return;
      const [already] = await platform.db.select().from(users).where(eq(users.email, 'cso@demo.vaka.test'));
      if (already) return;
      // A field is checked by the agency's staff, never by the CSO: the agency's first coordinator
      // or administrator did it.
      const [checker] = await platform.db
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(
          and(
            eq(memberships.agencyId, agencyId),
            inArray(memberships.role, ['partnership-coordinator', 'administrator']),
          ),
        )
        .orderBy(asc(memberships.createdAt))
        .limit(1);
      const passwordHash = await hashPassword(DEMONSTRATION_PASSWORD);
      const now = platform.clock.now();
      await platform.db.transaction(async (tx) => {
        const [cso, newcomer] = await tx
          .insert(users)
          .values([
            {
              email: 'cso@demo.vaka.test',
              name: 'Mata Tangaroa',
              passwordHash,
              createdAt: now,
              updatedAt: now,
            },
            {
              email: 'newcomer@demo.vaka.test',
              name: 'Teina Marsters',
              passwordHash,
              createdAt: now,
              updatedAt: now,
            },
          ])
          .returning();
        await tx.insert(organisationMembers).values([
          {
            organisationId: first.id,
            userId: cso!.id,
            role: 'cso-administrator',
            status: 'confirmed',
            confirmedAt: now,
            createdAt: now,
          },
          {
            organisationId: second.id,
            userId: newcomer!.id,
            role: 'cso-member',
            status: 'pending',
            createdAt: now,
          },
        ]);
        const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, first.id));
        if (checker)
          await tx.insert(organisationVerifications).values({
            organisationId: first.id,
            field: 'legalName',
            agencyId,
            verifiedBy: checker.userId,
            verifiedAt: now,
          });
        await tx.insert(profileChanges).values({
          organisationId: first.id,
          field: 'legalName',
          currentValue: organisation!.legalName,
          proposedValue: `${organisation!.legalName} Incorporated`,
          proposedBy: cso!.id,
          proposedAt: now,
        });
      });
    },
  },
];
