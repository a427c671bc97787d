import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { Problem, type FieldError } from '../../platform/http/problems.ts';

export type Sheet = { columns: string[]; rows: string[][] };
export const MAX_IMPORT_ROWS = 20_000;

const refuse = (message: string, errors: FieldError[] = [{ field: 'file', message }]) =>
  new Problem('invalid-request', message, { errors });

/** A CSV (UTF-8, with or without a byte-order mark) or the first sheet of an XLSX, as text cells. */
export async function readSpreadsheet(bytes: Buffer, contentType: string): Promise<Sheet> {
  const table =
    contentType === 'text/csv' || contentType === 'text/plain' ? readCsv(bytes) : await readXlsx(bytes);
  const [header, ...rows] = table.filter((row) => row.some((cell) => cell.trim() !== ''));
  if (!header) throw refuse('The file has no rows.');
  const columns = header.map((cell, index) => cell.trim() || `Column ${index + 1}`);
  if (rows.length > MAX_IMPORT_ROWS) {
    throw refuse(
      `The file has ${rows.length.toLocaleString('en')} rows; import at most ${MAX_IMPORT_ROWS.toLocaleString('en')} at a time.`,
    );
  }
  return { columns, rows: rows.map((row) => columns.map((_, index) => (row[index] ?? '').trim())) };
}

function readCsv(bytes: Buffer): string[][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw refuse(
      'The file is not in UTF-8. In your spreadsheet program, save it as "CSV UTF-8" and upload it again.',
    );
  }
  try {
    return parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    throw refuse(`The CSV cannot be read: ${(error as Error).message}`);
  }
}

/** Merged cells and formulas are refused by row and column: what a person sees is not what is stored. */
async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw refuse('The spreadsheet cannot be opened. Save it again as .xlsx or as CSV UTF-8.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw refuse('The spreadsheet has no sheet.');
  const merges = (sheet.model as { merges?: string[] }).merges ?? [];
  if (merges.length) {
    throw refuse(
      `Merged cells (${merges.slice(0, 5).join(', ')}) cannot be imported. Unmerge them and upload again.`,
      merges.map((range) => ({ field: `file.${range}`, message: 'Merged cells' })),
    );
  }
  const rows: string[][] = [];
  const formulas: FieldError[] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
      if (cell.type === ExcelJS.ValueType.Formula)
        formulas.push({
          field: `file.${cell.address}`,
          message: `A formula in row ${rowNumber}, column ${columnNumber}`,
        });
      values[columnNumber - 1] = cell.text ?? '';
    });
    rows[rowNumber - 1] = Array.from(values, (value) => value ?? '');
  });
  if (formulas.length) {
    throw refuse(
      `The sheet has formulas (first at ${formulas[0]!.field.slice(5)}). Copy the cells and paste them as values, then upload again.`,
      formulas.slice(0, 50),
    );
  }
  return Array.from(rows, (row) => row ?? []);
}
