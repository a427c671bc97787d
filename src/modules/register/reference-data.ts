import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { places, taxonomyTerms } from './tables.ts';

// The lists an agency starts with; administrators add to them. Kinds from issue 3; focus areas and
// populations from 000 (MOIA's social policy outputs) and 001 §15a; schemes from the Org-ID lists in
// shared/standards/org-id.
const terms: Record<string, [string, string][]> = {
  kind: [
    ['village-or-kinship', 'Village or kinship structure'],
    ['community-group', 'Community group'],
    ['incorporated-society', 'Incorporated society'],
    ['trust', 'Trust'],
    ['national-ngo', 'National NGO'],
    ['international-ngo', 'International NGO'],
    ['faith-based', 'Faith-based organisation'],
    ['network-or-umbrella', 'Network or umbrella body'],
    ['academic', 'Academic'],
    ['media', 'Media'],
    ['social-enterprise', 'Social enterprise'],
    ['other', 'Other'],
  ],
  'focus-area': [
    ['youth', 'Youth'],
    ['gender-equality', "Gender equality and women's empowerment"],
    ['disability', 'Disability'],
    ['elderly', 'Elderly'],
    ['child-and-family', 'Child and family'],
    ['sport-and-recreation', 'Sport and recreation'],
    ['health', 'Health'],
    ['education', 'Education'],
    ['economic-empowerment', 'Economic empowerment'],
    ['governance', 'Governance'],
    ['humanitarian-response', 'Humanitarian response'],
    ['environment', 'Environment and climate'],
    ['culture-and-language', 'Culture and language'],
    ['welfare', 'Welfare'],
  ],
  population: [
    ['children', 'Children'],
    ['youth', 'Young people'],
    ['women-and-girls', 'Women and girls'],
    ['persons-with-disability', 'Persons with disability'],
    ['elderly', 'Elderly people'],
    ['families', 'Families'],
    ['survivors-of-violence', 'Survivors of violence'],
    ['minorities', 'Minority communities'],
    ['outer-islands', 'Outer-island communities'],
    ['general-public', 'General public'],
  ],
  'identifier-scheme': [
    ['CK-COA', 'Cook Islands incorporated societies register (CK-COA)'],
    ['NZ-CR', 'New Zealand Charities Register (NZ-CR)'],
    ['PK-VSWA', 'Pakistan Voluntary Social Welfare Agency (PK-VSWA)'],
    ['PK-PCP', 'Pakistan Centre for Philanthropy (PK-PCP)'],
    ['PK-SEC', 'Securities and Exchange Commission of Pakistan (PK-SEC)'],
    ['PK-NTN', 'Pakistan National Tax Number (PK-NTN)'],
    ['XI-IATI', 'IATI organisation identifier (XI-IATI)'],
    ['XM-DAC', 'OECD DAC (XM-DAC)'],
    ['tax-number', 'National tax number'],
  ],
};

type PlaceSeed = { code: string; name: string; level: string; children?: PlaceSeed[] };

// The Cook Islands by island and village (Rarotonga by its three vaka districts, then villages), and
// Pakistan by province (issue 3 item 1).
const placeTree: PlaceSeed[] = [
  {
    code: 'CK',
    name: 'Cook Islands',
    level: 'country',
    children: [
      {
        code: 'CK-RAR',
        name: 'Rarotonga',
        level: 'island',
        children: [
          {
            code: 'CK-RAR-TAOT',
            name: 'Te-Au-O-Tonga (Avarua)',
            level: 'district',
            children: [
              { code: 'CK-RAR-TAOT-AVARU', name: 'Avarua', level: 'village' },
              { code: 'CK-RAR-TAOT-NIKAO', name: 'Nikao', level: 'village' },
              { code: 'CK-RAR-TAOT-TUPAP', name: 'Tupapa', level: 'village' },
            ],
          },
          {
            code: 'CK-RAR-PUAI',
            name: 'Puaikura (Arorangi)',
            level: 'district',
            children: [{ code: 'CK-RAR-PUAI-ARORA', name: 'Arorangi', level: 'village' }],
          },
          {
            code: 'CK-RAR-TAKI',
            name: 'Takitumu',
            level: 'district',
            children: [
              { code: 'CK-RAR-TAKI-MATAV', name: 'Matavera', level: 'village' },
              { code: 'CK-RAR-TAKI-MURI', name: 'Muri', level: 'village' },
              { code: 'CK-RAR-TAKI-NGATA', name: 'Ngatangiia', level: 'village' },
              { code: 'CK-RAR-TAKI-TITIK', name: 'Titikaveka', level: 'village' },
            ],
          },
        ],
      },
      {
        code: 'CK-AIT',
        name: 'Aitutaki',
        level: 'island',
        children: [
          { code: 'CK-AIT-AMURI', name: 'Amuri', level: 'village' },
          { code: 'CK-AIT-ARUTA', name: 'Arutanga', level: 'village' },
          { code: 'CK-AIT-NIKAU', name: 'Nikaupara', level: 'village' },
          { code: 'CK-AIT-REURE', name: 'Reureu', level: 'village' },
          { code: 'CK-AIT-TAUTU', name: 'Tautu', level: 'village' },
          { code: 'CK-AIT-TEGOR', name: 'Tegoro', level: 'village' },
          { code: 'CK-AIT-UREIA', name: 'Ureia', level: 'village' },
          { code: 'CK-AIT-VAIPA', name: 'Vaipae', level: 'village' },
          { code: 'CK-AIT-VAIPE', name: 'Vaipeka', level: 'village' },
        ],
      },
      {
        code: 'CK-ATI',
        name: 'Atiu',
        level: 'island',
        children: [
          { code: 'CK-ATI-AREOR', name: 'Areora', level: 'village' },
          { code: 'CK-ATI-MAPUM', name: 'Mapumai', level: 'village' },
          { code: 'CK-ATI-NGATI', name: 'Ngatiarua', level: 'village' },
          { code: 'CK-ATI-TEENU', name: 'Teenui', level: 'village' },
          { code: 'CK-ATI-TENGA', name: 'Tengatangi', level: 'village' },
        ],
      },
      {
        code: 'CK-MGA',
        name: 'Mangaia',
        level: 'island',
        children: [
          { code: 'CK-MGA-IVIRU', name: 'Ivirua', level: 'village' },
          { code: 'CK-MGA-ONERO', name: 'Oneroa', level: 'village' },
          { code: 'CK-MGA-TAMAR', name: 'Tamarua', level: 'village' },
        ],
      },
      {
        code: 'CK-MAU',
        name: "Ma'uke",
        level: 'island',
        children: [
          { code: 'CK-MAU-AREOR', name: 'Areora', level: 'village' },
          { code: 'CK-MAU-KIMIA', name: 'Kimiangatau', level: 'village' },
          { code: 'CK-MAU-NGATI', name: 'Ngatiarua', level: 'village' },
        ],
      },
      {
        code: 'CK-MIT',
        name: 'Mitiaro',
        level: 'island',
        children: [
          { code: 'CK-MIT-ATAI', name: 'Atai', level: 'village' },
          { code: 'CK-MIT-AUTA', name: 'Auta', level: 'village' },
          { code: 'CK-MIT-MANGA', name: 'Mangarei', level: 'village' },
          { code: 'CK-MIT-TAKAU', name: 'Takaue', level: 'village' },
        ],
      },
      {
        code: 'CK-MHX',
        name: 'Manihiki',
        level: 'island',
        children: [
          { code: 'CK-MHX-TAUHU', name: 'Tauhunu', level: 'village' },
          { code: 'CK-MHX-TUKAO', name: 'Tukao', level: 'village' },
        ],
      },
      {
        code: 'CK-RAK',
        name: 'Rakahanga',
        level: 'island',
        children: [{ code: 'CK-RAK-NIVAN', name: 'Nivano', level: 'village' }],
      },
      {
        code: 'CK-PEN',
        name: 'Penrhyn (Tongareva)',
        level: 'island',
        children: [
          { code: 'CK-PEN-OMOKA', name: 'Omoka', level: 'village' },
          { code: 'CK-PEN-TETAU', name: 'Te Tautua', level: 'village' },
        ],
      },
      { code: 'CK-PUK', name: 'Pukapuka', level: 'island' },
      { code: 'CK-NAS', name: 'Nassau', level: 'island' },
      { code: 'CK-PAL', name: 'Palmerston', level: 'island' },
    ],
  },
  {
    code: 'PK',
    name: 'Pakistan',
    level: 'country',
    children: [
      { code: 'PK-PB', name: 'Punjab', level: 'province' },
      { code: 'PK-SD', name: 'Sindh', level: 'province' },
      { code: 'PK-KP', name: 'Khyber Pakhtunkhwa', level: 'province' },
      { code: 'PK-BA', name: 'Balochistan', level: 'province' },
      { code: 'PK-GB', name: 'Gilgit-Baltistan', level: 'province' },
      { code: 'PK-JK', name: 'Azad Jammu and Kashmir', level: 'province' },
      { code: 'PK-IS', name: 'Islamabad Capital Territory', level: 'province' },
    ],
  },
];

/** Adds what is missing; never changes or removes what an administrator has edited. */
export async function ensureReferenceData(db: Db): Promise<void> {
  const rows = Object.entries(terms).flatMap(([taxonomy, list]) =>
    list.map(([code, label], position) => ({ taxonomy, code, label, position })),
  );
  await db.insert(taxonomyTerms).values(rows).onConflictDoNothing();
  await insertPlaces(db, placeTree, null, '');
}

async function insertPlaces(db: Db, seeds: PlaceSeed[], parentId: string | null, parentPath: string) {
  for (const seed of seeds) {
    const path = parentPath ? `${parentPath}.${seed.code}` : seed.code;
    await db
      .insert(places)
      .values({ code: seed.code, name: seed.name, level: seed.level, parentId, path })
      .onConflictDoNothing();
    const [row] = await db
      .select({ id: places.id })
      .from(places)
      .where(sql`${places.code} = ${seed.code}`);
    if (seed.children) await insertPlaces(db, seed.children, row!.id, path);
  }
}
