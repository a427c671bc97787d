import { and, asc, eq, inArray } from 'drizzle-orm';
import { together, type Db } from '../../platform/db/client.ts';
import { storedFiles } from '../../platform/files/tables.ts';
import { notFound, type FieldError } from '../../platform/http/problems.ts';
import { organisationSummaries } from '../register/index.ts';
import type { AgreementDetails, AgreementDetailView } from './agreement-contracts.ts';
import { fromMinorUnits, minorUnits, toMinorUnits } from './currencies.ts';
import { agreementLifecycle } from './lifecycle.ts';
import { fieldProblems } from './partnerships.ts';
import {
  agreementAmendments,
  agreementBudgetLines,
  agreementFiles,
  agreementMilestones,
  agreementParties,
  partnershipAgreements,
  partnershipParties,
} from './tables.ts';

// Reading an agreement whole (parties, milestones, budget, signed files, amendments) and checking
// what Zod cannot: parties belong to the partnership, currencies are ISO 4217, dates are in order.

type AgreementRow = typeof partnershipAgreements.$inferSelect;

/** The agreement rows of one partnership of one agency (tenancy), all or the ones named. */
export async function agreementRows(db: Db, agencyId: string, partnershipId: string, ids?: string[]) {
  return db
    .select()
    .from(partnershipAgreements)
    .where(
      and(
        eq(partnershipAgreements.agencyId, agencyId),
        eq(partnershipAgreements.partnershipId, partnershipId),
        ...(ids ? [inArray(partnershipAgreements.id, ids)] : []),
      ),
    )
    .orderBy(asc(partnershipAgreements.createdAt));
}

export async function agreementRow(db: Db, agencyId: string, partnershipId: string, id: string) {
  const [row] = await agreementRows(db, agencyId, partnershipId, [id]);
  if (!row) throw notFound('This agreement');
  return row;
}

/** Agreements with everything that hangs from them, in four queries whatever their number. */
export async function presentAgreementDetails(db: Db, rows: AgreementRow[]): Promise<AgreementDetailView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [parties, milestones, lines, files, amendments] = await together(db, [
    () => db.select().from(agreementParties).where(inArray(agreementParties.agreementId, ids)),
    () =>
      db
        .select()
        .from(agreementMilestones)
        .where(inArray(agreementMilestones.agreementId, ids))
        .orderBy(asc(agreementMilestones.position)),
    () =>
      db
        .select()
        .from(agreementBudgetLines)
        .where(inArray(agreementBudgetLines.agreementId, ids))
        .orderBy(asc(agreementBudgetLines.position)),
    () =>
      db
        .select({ file: agreementFiles, name: storedFiles.name, size: storedFiles.size })
        .from(agreementFiles)
        .innerJoin(storedFiles, eq(storedFiles.id, agreementFiles.fileId))
        .where(inArray(agreementFiles.agreementId, ids))
        .orderBy(asc(agreementFiles.version)),
    () =>
      db
        .select()
        .from(agreementAmendments)
        .where(inArray(agreementAmendments.agreementId, ids))
        .orderBy(asc(agreementAmendments.id)),
  ]);
  const names = await organisationSummaries(
    db,
    parties.map((party) => party.organisationId),
  );
  return rows.map((row) => {
    const own = <T extends { agreementId: string }>(list: T[]) =>
      list.filter((item) => item.agreementId === row.id);
    const budget = own(lines);
    const totals = new Map<string, number>();
    for (const line of budget) totals.set(line.currency, (totals.get(line.currency) ?? 0) + line.amountMinor);
    return {
      id: row.id,
      partnershipId: row.partnershipId,
      kind: row.kind,
      title: row.title,
      state: row.state,
      signedOn: row.signedOn,
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      conditions: row.conditions,
      conductTerms: row.conductTerms,
      parties: own(parties).map((party) => ({
        organisationId: party.organisationId,
        legalName: names.get(party.organisationId)?.legalName ?? '—',
        responsibilities: party.responsibilities,
        acknowledgement:
          party.acknowledgedAt && party.acknowledgedByName
            ? { at: party.acknowledgedAt, by: party.acknowledgedByName }
            : null,
      })),
      milestones: own(milestones).map(({ id, title, dueOn, done }) => ({ id, title, dueOn, done })),
      budgetLines: budget.map((line) => ({
        id: line.id,
        category: line.category,
        amount: fromMinorUnits(line.amountMinor, line.currency),
        amountMinor: line.amountMinor,
        currency: line.currency,
        funder: line.funder,
      })),
      budgetTotals: [...totals]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, minor]) => ({ currency, amount: fromMinorUnits(minor, currency) })),
      files: files
        .filter(({ file }) => file.agreementId === row.id)
        .map(({ file, name, size }) => ({
          version: file.version,
          fileId: file.fileId,
          name,
          size,
          uploadedAt: file.uploadedAt,
          uploadedBy: file.uploadedByName,
        })),
      amendments: own(amendments).map((amendment) => ({
        version: amendment.version,
        reason: amendment.reason,
        changes: amendment.changes,
        at: amendment.amendedAt,
        by: amendment.amendedByName,
      })),
      allowedMoves: agreementLifecycle[row.state],
      version: row.version,
      updatedAt: row.updatedAt,
    };
  });
}

/** Every field error at once: parties of the partnership, known currencies, amounts, date order. */
export async function checkAgreementDetails(db: Db, partnershipId: string, input: AgreementDetails) {
  const errors: FieldError[] = [];
  const members = new Set(
    (
      await db
        .select({ organisationId: partnershipParties.organisationId })
        .from(partnershipParties)
        .where(eq(partnershipParties.partnershipId, partnershipId))
    ).map((row) => row.organisationId),
  );
  const ids = input.parties.map((party) => party.organisationId);
  input.parties.forEach((party, index) => {
    if (!members.has(party.organisationId))
      errors.push({
        field: `parties.${index}.organisationId`,
        message: 'This organisation is not a party of the partnership.',
      });
    else if (ids.indexOf(party.organisationId) !== index)
      errors.push({ field: `parties.${index}.organisationId`, message: 'The same organisation twice.' });
  });
  input.budgetLines.forEach((line, index) => {
    const decimals = minorUnits.get(line.currency);
    if (decimals === undefined)
      errors.push({
        field: `budgetLines.${index}.currency`,
        message: `"${line.currency}" is not an ISO 4217 currency code.`,
      });
    else if (toMinorUnits(line.amount, line.currency) === null)
      errors.push({
        field: `budgetLines.${index}.amount`,
        message: `${line.currency} amounts have ${decimals} decimal${decimals === 1 ? '' : 's'} at most.`,
      });
  });
  if (input.startsOn && input.endsOn && input.endsOn < input.startsOn)
    errors.push({ field: 'endsOn', message: 'The end date is before the start date.' });
  if (errors.length) throw fieldProblems(errors);
}

/** The comparable content of an agreement, for amendments: which fields changed, before and after. */
export function comparable(view: AgreementDetails | AgreementDetailView) {
  return {
    kind: view.kind,
    title: view.title,
    startsOn: view.startsOn ?? null,
    endsOn: view.endsOn ?? null,
    conditions: view.conditions ?? null,
    conductTerms: view.conductTerms ?? null,
    parties: view.parties.map((p) => ({
      organisationId: p.organisationId,
      responsibilities: p.responsibilities ?? null,
    })),
    milestones: view.milestones.map(({ title, dueOn, done }) => ({ title, dueOn, done })),
    budgetLines: view.budgetLines.map((line) => ({
      category: line.category,
      amount: fromMinorUnits(toMinorUnits(line.amount, line.currency) ?? 0, line.currency),
      currency: line.currency,
      funder: line.funder ?? null,
    })),
  };
}

export function changesBetween(before: ReturnType<typeof comparable>, after: ReturnType<typeof comparable>) {
  return (Object.keys(after) as (keyof typeof after)[])
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: before[field], after: after[field] }));
}
