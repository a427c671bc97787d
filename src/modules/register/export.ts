import { PassThrough } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Db } from '../../platform/db/client.ts';
import { spreadsheetRow } from '../../platform/files/spreadsheet-cell.ts';
import type { RegisterQuery } from './contracts.ts';
import type { RegisterSettings } from './register-status.ts';
import { searchOrganisations } from './search.ts';

export const exportColumns = [
  { key: 'id', header: 'Vaka id' },
  { key: 'legalName', header: 'Legal name' },
  { key: 'acronym', header: 'Acronym' },
  { key: 'kind', header: 'Kind' },
  { key: 'registerStatus', header: 'Register status' },
  { key: 'lastConfirmedAt', header: 'Last confirmed' },
  { key: 'places', header: 'Places' },
  { key: 'focusAreas', header: 'Focus areas' },
] as const;

type Row = Record<(typeof exportColumns)[number]['key'], string>;

/**
 * Every organisation the search matches, a page at a time, so memory stays flat on a large register;
 * names and the rest are written by CSOs themselves, so no cell may start a formula (issue 18).
 */
async function* matchingRows(
  db: Db,
  query: RegisterQuery,
  settings: RegisterSettings,
  now: Date,
): AsyncGenerator<Row> {
  let cursor: string | undefined;
  do {
    const page = await searchOrganisations(db, { ...query, cursor, limit: 100 }, settings, now);
    for (const item of page.items) {
      yield spreadsheetRow({
        id: item.id,
        legalName: item.legalName,
        acronym: item.acronym ?? '',
        kind: item.kind,
        registerStatus: item.registerStatus,
        lastConfirmedAt: item.lastConfirmedAt.toISOString().slice(0, 10),
        places: item.places.join('; '),
        focusAreas: item.focusAreas.join('; '),
      });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export function exportCsv(db: Db, query: RegisterQuery, settings: RegisterSettings, now: Date) {
  const csv = stringify({
    header: true,
    columns: exportColumns.map((c) => ({ key: c.key, header: c.header })),
    bom: true,
  });
  void (async () => {
    try {
      for await (const row of matchingRows(db, query, settings, now)) {
        if (!csv.write(row)) await new Promise((resolve) => csv.once('drain', resolve));
      }
      csv.end();
    } catch (error) {
      csv.destroy(error as Error);
    }
  })();
  return csv;
}

export function exportXlsx(db: Db, query: RegisterQuery, settings: RegisterSettings, now: Date) {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Register');
  sheet.columns = exportColumns.map((c) => ({
    key: c.key,
    header: c.header,
    width: c.key === 'legalName' ? 40 : 18,
  }));
  void (async () => {
    try {
      for await (const row of matchingRows(db, query, settings, now)) sheet.addRow(row).commit();
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      stream.destroy(error as Error);
    }
  })();
  return stream;
}
