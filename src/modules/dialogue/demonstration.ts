import { dayOf } from '../../platform/clock.ts';
import { and, eq, inArray } from 'drizzle-orm';
import { units, users } from '../../platform/accounts/tables.ts';
import type { Platform } from '../../platform/context.ts';
import type { DemonstrationStep } from '../../platform/setup/demonstration.ts';
import { organisationsMatching } from '../register/index.ts';
import { describeAudience } from './announcements.ts';
import { addMonths } from './review-schedule.ts';
import {
  advisoryBodies,
  agendaItems,
  announcementOrganisations,
  announcements,
  disclosures,
  publishedContacts,
  bodyMembers,
  consultations,
  consultationSubmissions,
  meetingInvitations,
  meetingOutcomes,
  meetings,
  policies,
  policyReviews,
} from './tables.ts';

// The ministry's social policies (000 §6), dated from today so that some reviews are overdue and
// some fall due soon; a past meeting with its minutes and a forum still to come. Loading twice adds
// nothing: the step stops if the youth policy is there.
const YOUTH_POLICY = 'National Youth Policy 2024–2029';
const dayMs = 86_400_000;

export const dialogueDemonstration: DemonstrationStep[] = [
  {
    name: 'dialogue',
    async load(platform: Platform, agencyId: string) {
      const [existing] = await platform.db
        .select({ id: policies.id })
        .from(policies)
        .where(and(eq(policies.agencyId, agencyId), eq(policies.title, YOUTH_POLICY)));
      if (existing) return;
      const staff = await platform.db
        .select({ id: users.id, email: users.email, name: users.name })
        .from(users)
        .where(
          inArray(users.email, [
            'coordinator@demo.vaka.test',
            'programme@demo.vaka.test',
            'viewer@demo.vaka.test',
          ]),
        );
      const person = (email: string) => staff.find((row) => row.email === email);
      const coordinator = person('coordinator@demo.vaka.test');
      const programme = person('programme@demo.vaka.test') ?? coordinator;
      if (!coordinator || !programme) return;
      const agencyUnits = await platform.db.select().from(units).where(eq(units.agencyId, agencyId));
      const unit = (kind: string) => agencyUnits.find((row) => row.kind === kind)?.id ?? null;
      const now = platform.clock.now();
      const today = dayOf(now);
      const monthsAgo = (months: number) => addMonths(today, -months);

      await platform.db.transaction(async (tx) => {
        const rows = await tx
          .insert(policies)
          .values(
            [
              {
                title: YOUTH_POLICY,
                kind: 'policy',
                summary:
                  'Young people thriving in every island community, with a voice in the decisions that shape them.',
                ownerUnitId: unit('strategy'),
                contactUserId: coordinator.id,
                implementationDate: monthsAgo(23),
                strategicObjectives: [
                  'Youth voices in decisions',
                  'Safe places to learn, play and work',
                  'Skills for island livelihoods',
                ],
                focusAreas: ['youth', 'education'],
                status: 'in-force',
              },
              {
                title: 'Gender Equality and Women’s Empowerment Policy',
                kind: 'policy',
                summary: 'Equal rights, opportunities and safety for women and girls.',
                ownerUnitId: unit('strategy'),
                contactUserId: programme.id,
                implementationDate: monthsAgo(27),
                strategicObjectives: ['Women in leadership', 'An end to gender-based violence'],
                focusAreas: ['gender-equality'],
                status: 'in-force',
              },
              {
                title: 'Disability Inclusive Development Plan',
                kind: 'plan',
                summary: 'Services, buildings and information that every person can use.',
                ownerUnitId: unit('programme'),
                contactUserId: programme.id,
                implementationDate: monthsAgo(60),
                strategicObjectives: ['Accessible public buildings', 'Inclusive schooling'],
                focusAreas: ['disability', 'health'],
                status: 'in-force',
                lastReviewedOn: monthsAgo(34),
              },
              {
                title: 'National Policy on Ageing',
                kind: 'policy',
                summary: 'Elders living well and valued, at home and in their communities.',
                ownerUnitId: unit('programme'),
                contactUserId: coordinator.id,
                implementationDate: monthsAgo(10),
                strategicObjectives: ['Income security in old age', 'Care close to home'],
                focusAreas: ['elderly', 'welfare'],
                status: 'in-force',
              },
            ].map((policy) => ({ ...policy, agencyId, createdAt: now, updatedAt: now })),
          )
          .returning({ id: policies.id, title: policies.title });
        const youth = rows.find((row) => row.title === YOUTH_POLICY)!;
        const disability = rows.find((row) => row.title.startsWith('Disability'))!;
        await tx.insert(policyReviews).values({
          agencyId,
          policyId: disability.id,
          reviewedOn: monthsAgo(34),
          summary: 'Reviewed with the disability reference group; two objectives added.',
          recordedBy: programme.id,
          createdAt: now,
        });

        // A national reference group whose chair's term ends within two months (a reminder is due).
        const [group] = await tx
          .insert(advisoryBodies)
          .values({
            agencyId,
            name: 'Disability reference group',
            kind: 'reference-group',
            level: 'national',
            termsOfReference:
              'Advises the ministry on the Disability Inclusive Development Plan, its consultations and its review. Meets quarterly.',
            contactUserId: programme.id,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: advisoryBodies.id });
        await tx.insert(bodyMembers).values(
          [
            {
              personName: 'Vaine Williams',
              role: 'chair',
              startsOn: monthsAgo(34),
              endsOn: addMonths(today, 1),
            },
            {
              personName: 'Rangi Heather',
              email: 'rangi@example.org',
              role: 'member',
              startsOn: monthsAgo(20),
              endsOn: addMonths(today, 16),
            },
            {
              personName: 'Tere Tangaroa',
              role: 'member',
              startsOn: monthsAgo(20),
              endsOn: addMonths(today, 16),
            },
            {
              personName: programme.name,
              email: programme.email,
              role: 'secretary',
              startsOn: monthsAgo(34),
              endsOn: null,
            },
            { personName: 'Mata Pureariki', role: 'member', startsOn: monthsAgo(48), endsOn: monthsAgo(12) },
          ].map((member) => ({ ...member, agencyId, bodyId: group!.id, createdAt: now })),
        );

        // A past meeting with its outcomes, and a forum on the youth policy still to come.
        const at = (daysFromNow: number, hourUtc: number) => {
          const day = new Date(now.getTime() + daysFromNow * dayMs);
          day.setUTCHours(hourUtc, 0, 0, 0);
          return day;
        };
        const [past, future] = await tx
          .insert(meetings)
          .values([
            {
              agencyId,
              policyId: disability.id,
              bodyId: group!.id,
              title: 'Disability reference group, quarterly meeting',
              startsAt: at(-14, 20),
              endsAt: at(-14, 22),
              timeZone: 'Pacific/Rarotonga',
              place: 'Ministry of Internal Affairs, Avarua',
              minutes:
                'Members reported on access to the new clinic. The ramp at the hospital is still too steep.',
              createdAt: now,
              updatedAt: now,
            },
            {
              agencyId,
              policyId: youth.id,
              title: 'Youth policy review forum',
              description: 'How the youth policy is working, island by island, before its review.',
              startsAt: at(21, 20),
              endsAt: at(21, 23),
              timeZone: 'Pacific/Rarotonga',
              place: 'Punanga Nui meeting room, Avarua',
              onlineLink: 'https://meet.example.org/youth-forum',
              createdAt: now,
              updatedAt: now,
            },
          ])
          .returning({ id: meetings.id });
        await tx.insert(agendaItems).values([
          { agencyId, meetingId: past!.id, position: 0, title: 'Access to health services' },
          { agencyId, meetingId: past!.id, position: 1, title: 'Inclusive schooling: progress' },
          { agencyId, meetingId: future!.id, position: 0, title: 'Welcome and prayer' },
          { agencyId, meetingId: future!.id, position: 1, title: 'What we heard from the islands' },
          { agencyId, meetingId: future!.id, position: 2, title: 'Priorities for the next five years' },
        ]);
        const invited = now;
        await tx.insert(meetingInvitations).values([
          {
            agencyId,
            meetingId: past!.id,
            name: programme.name,
            email: programme.email,
            userId: programme.id,
            reply: 'attending',
            attended: true,
            invitedAt: invited,
          },
          {
            agencyId,
            meetingId: past!.id,
            name: 'Vaine Williams',
            email: 'vaine@disability-network.example',
            reply: 'attending',
            attended: true,
            invitedAt: invited,
          },
          {
            agencyId,
            meetingId: past!.id,
            name: 'Rangi Heather',
            email: 'rangi@example.org',
            reply: 'maybe',
            attended: false,
            invitedAt: invited,
          },
          {
            agencyId,
            meetingId: future!.id,
            name: coordinator.name,
            email: coordinator.email,
            userId: coordinator.id,
            reply: 'attending',
            invitedAt: invited,
          },
          {
            agencyId,
            meetingId: future!.id,
            name: 'Tangi Pureariki',
            email: 'tangi@youth-council.example',
            reply: 'attending',
            note: 'Bringing two youth leaders from Mangaia.',
            invitedAt: invited,
          },
          {
            agencyId,
            meetingId: future!.id,
            name: 'Moana Marsters',
            email: 'moana@example.org',
            invitedAt: invited,
          },
        ]);
        // The youth policy's review consultation is open for another fortnight.
        const [open] = await tx
          .insert(consultations)
          .values({
            agencyId,
            policyId: youth.id,
            title: 'Youth policy review: have your say',
            description:
              'The youth policy is due for review. Tell us what is working for young people and what is not.',
            questions: [
              'What in the youth policy works well where you live?',
              'What should change in the next five years?',
            ],
            opensAt: new Date(now.getTime() - 14 * dayMs),
            closesAt: new Date(now.getTime() + 14 * dayMs),
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: consultations.id });
        await tx.insert(consultationSubmissions).values([
          {
            agencyId,
            consultationId: open!.id,
            name: 'Tangi Pureariki',
            email: 'tangi@youth-council.example',
            answers: ['The sports grants reach every island.', 'Apprenticeships on the outer islands.'],
            themes: ['outer-island jobs'],
            submittedAt: new Date(now.getTime() - 10 * dayMs),
          },
          {
            agencyId,
            consultationId: open!.id,
            answers: ['', 'Cheaper inter-island travel for students.'],
            themes: ['transport'],
            submittedAt: new Date(now.getTime() - 6 * dayMs),
          },
        ]);

        await tx.insert(meetingOutcomes).values([
          {
            agencyId,
            meetingId: past!.id,
            kind: 'decision',
            text: 'The hospital ramp goes to the infrastructure committee.',
            createdAt: now,
          },
          {
            agencyId,
            meetingId: past!.id,
            kind: 'action',
            text: 'Write to the hospital about the ramp and report back.',
            ownerName: programme.name,
            dueOn: dayOf(new Date(now.getTime() + 14 * dayMs)),
            createdAt: new Date(now.getTime() + 1000),
          },
        ]);

        // Open door contacts the agency chose to publish, and what it told partners (001 §16c): an
        // announcement to the youth organisations of the register (shown in their portal; the
        // demonstration sends no e-mail) and two things told outside Vaka.
        await tx.insert(publishedContacts).values([
          {
            agencyId,
            policyId: youth.id,
            name: 'Youth policy officer',
            unitId: unit('strategy'),
            email: 'youth@demo.vaka.test',
            phone: '+682 29 370',
          },
          { agencyId, focusArea: 'disability', name: 'Disability desk', email: 'disability@demo.vaka.test' },
        ]);
        const youthOrganisations = await organisationsMatching(tx, {
          focusAreas: ['youth'],
          placeIds: [],
          kinds: [],
        });
        const audience = { focusAreas: ['youth'], placeIds: [], kinds: [], everyone: false };
        const [announcement] = await tx
          .insert(announcements)
          .values({
            agencyId,
            title: 'Youth policy review forum: save the date',
            body: 'Kia orana,\n\nthe youth policy review forum meets in three weeks at Punanga Nui, and online. Tell us before then what works for young people where you live: the consultation is open for another fortnight.',
            audience,
            organisationCount: youthOrganisations.length,
            sentAt: new Date(now.getTime() - 2 * dayMs),
            sentBy: coordinator.id,
          })
          .returning({ id: announcements.id });
        if (youthOrganisations.length > 0)
          await tx.insert(announcementOrganisations).values(
            youthOrganisations.map((organisationId) => ({
              announcementId: announcement!.id,
              organisationId,
            })),
          );
        await tx.insert(disclosures).values([
          {
            agencyId,
            kind: 'announcement',
            subject: 'Youth policy review forum: save the date',
            toWhom: describeAudience(audience, youthOrganisations.length),
            recipientCount: youthOrganisations.length,
            disclosedOn: dayOf(new Date(now.getTime() - 2 * dayMs)),
            entity: 'announcement',
            entityId: announcement!.id,
            recordedBy: coordinator.id,
            createdAt: now,
          },
          {
            agencyId,
            kind: 'meeting-minutes',
            subject: 'Minutes of the disability reference group, quarterly meeting',
            toWhom: 'Members of the Disability reference group',
            recipientCount: 4,
            disclosedOn: dayOf(new Date(now.getTime() - 10 * dayMs)),
            entity: 'meeting',
            entityId: past!.id,
            recordedBy: programme.id,
            createdAt: now,
          },
          {
            agencyId,
            kind: 'letter',
            subject: 'Funding for the youth sports grants cut by a fifth next year',
            toWhom: 'Sports clubs with a youth grant',
            recipientCount: 12,
            disclosedOn: monthsAgo(1),
            recordedBy: coordinator.id,
            createdAt: now,
          },
        ]);
      });
    },
  },
];
