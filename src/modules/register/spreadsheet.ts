import { pipeline, Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { checkUnpackedSize } from '../../platform/files/unpacked-size.ts';
import { Problem, type FieldError } from '../../platform/http/problems.ts';

export type Sheet = { columns: string[]; rows: string[][] };
export const MAX_IMPORT_ROWS = 20_000;
// A 20,000-row sheet of 20 columns unpacks to some 40 MB; a zip bomb of a few KB to gigabytes.
export const MAX_UNPACKED_XLSX_BYTES = 200 * 1024 * 1024;
const MAX_PACKING_RATIO = 100;
// The file is handed to the parser this much at a time, with a turn of the event loop between.
const CHUNK_BYTES = 64 * 1024;

const refuse = (message: string, errors: FieldError[] = [{ field: 'file', message }]) =>
  new Problem('invalid-request', message, { errors });
const cannotOpen = () => refuse('The spreadsheet cannot be opened. Save it again as .xlsx or as CSV UTF-8.');
const count = (n: number) => n.toLocaleString('en');

/**
 * A CSV (UTF-8, with or without a byte-order mark) or the first sheet of an XLSX, as text cells.
 * Read as a stream a chunk at a time, giving the event loop back between chunks, so other requests
 * are answered while a large file is read; reading stops at the row limit (issue 18), or after
 * `sample` rows when only the first few are wanted.
 */
export async function readSpreadsheet(
  bytes: Buffer,
  contentType: string,
  options: { sample?: number } = {},
): Promise<Sheet> {
  const table = new Table(options.sample);
  if (contentType === 'text/csv' || contentType === 'text/plain') await readCsv(bytes, table);
  else await readXlsx(bytes, table);
  return table.sheet();
}

/** The rows as they are read: blank ones skipped, the first is the header, the rest counted against the limit. */
class Table {
  private header: string[] | undefined;
  private rows: string[][] = [];
  private readonly sample: number | undefined;
  constructor(sample?: number) {
    this.sample = sample;
  }

  /** Takes a row; false once the sample is complete. */
  add(row: string[]): boolean {
    if (!row.some((cell) => cell.trim() !== '')) return true;
    if (!this.header) {
      this.header = row;
      return true;
    }
    this.rows.push(row);
    if (this.rows.length > MAX_IMPORT_ROWS)
      throw refuse(
        `The file has more than ${count(MAX_IMPORT_ROWS)} rows; import at most ${count(MAX_IMPORT_ROWS)} at a time.`,
      );
    return this.sample === undefined || this.rows.length < this.sample;
  }

  sheet(): Sheet {
    if (!this.header) throw refuse('The file has no rows.');
    const columns = this.header.map((cell, index) => cell.trim() || `Column ${index + 1}`);
    return { columns, rows: this.rows.map((row) => columns.map((_, index) => (row[index] ?? '').trim())) };
  }
}

/** The bytes a chunk at a time, each after a turn of the event loop. */
async function* chunksOf(bytes: Buffer): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
    await nextTurn();
    yield bytes.subarray(at, at + CHUNK_BYTES);
  }
}

async function readCsv(bytes: Buffer, table: Table) {
  const notUtf8 = refuse(
    'The file is not in UTF-8. In your spreadsheet program, save it as "CSV UTF-8" and upload it again.',
  );
  async function* text() {
    // fatal: bytes that are not UTF-8 throw, also when a character is split between chunks
    const decoder = new TextDecoder('utf-8', { fatal: true });
    try {
      for await (const chunk of chunksOf(bytes)) yield decoder.decode(chunk, { stream: true });
      const rest = decoder.decode();
      if (rest) yield rest;
    } catch {
      throw notUtf8;
    }
  }
  const parser = parse({ relax_column_count: true, skip_empty_lines: true, bom: true });
  // The pipeline passes a decoding error on to the parser, which throws it to the loop below.
  pipeline(Readable.from(text()), parser, () => {});
  try {
    for await (const record of parser) if (!table.add(record as string[])) break;
  } catch (error) {
    if (error instanceof Problem) throw error;
    throw refuse(`The CSV cannot be read: ${(error as Error).message}`);
  }
}

/** Merged cells and formulas are refused by row and column: what a person sees is not what is stored. */
async function readXlsx(bytes: Buffer, table: Table) {
  const unpacked = await checkUnpackedSize(bytes, {
    maxBytes: MAX_UNPACKED_XLSX_BYTES,
    maxRatio: MAX_PACKING_RATIO,
  });
  if (unpacked === 'damaged') throw cannotOpen();
  if (unpacked === 'too-large')
    throw refuse(
      `The spreadsheet unpacks to too much (more than ${MAX_UNPACKED_XLSX_BYTES / 1024 / 1024} MB, or packed over ${MAX_PACKING_RATIO} times): save it as CSV UTF-8, or split it, and upload again.`,
    );
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(chunksOf(bytes)), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  const formulas: FieldError[] = [];
  const merges: string[] = [];
  let sheets = 0;
  try {
    // The first sheet in the file (spreadsheet programs write them in order); the rest are not read.
    for await (const sheet of workbook) {
      sheets++;
      // The streaming reader skips merged cells; they are listed in the sheet's XML after its rows.
      const reader = sheet as unknown as { iterator: AsyncIterable<Buffer | string> };
      reader.iterator = noticeMerges(reader.iterator, merges);
      for await (const row of sheet) {
        const values: string[] = [];
        row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
          if (cell.type === ExcelJS.ValueType.Formula)
            formulas.push({
              field: `file.${cell.address}`,
              message: `A formula in row ${row.number}, column ${columnNumber}`,
            });
          values[columnNumber - 1] = cell.text ?? '';
        });
        if (!table.add(Array.from(values, (value) => value ?? ''))) return;
      }
      break;
    }
  } catch (error) {
    if (error instanceof Problem) throw error;
    throw cannotOpen();
  }
  if (!sheets) throw refuse('The spreadsheet has no sheet.');
  if (merges.length) {
    throw refuse(
      `Merged cells (${merges.slice(0, 5).join(', ')}) cannot be imported. Unmerge them and upload again.`,
      merges.map((range) => ({ field: `file.${range}`, message: 'Merged cells' })),
    );
  }
  if (formulas.length) {
    throw refuse(
      `The sheet has formulas (first at ${formulas[0]!.field.slice(5)}). Copy the cells and paste them as values, then upload again.`,
      formulas.slice(0, 50),
    );
  }
}

/** Passes a sheet's XML on unchanged, noting the range of each <mergeCell ref="A3:B3"/> in it. */
async function* noticeMerges(xml: AsyncIterable<Buffer | string>, merges: string[]) {
  let tail = '';
  for await (const chunk of xml) {
    const text = tail + chunk.toString();
    let end = 0;
    for (const match of text.matchAll(/<mergeCell\b[^>]*\bref="([^"]+)"[^>]*>/g)) {
      merges.push(match[1]!);
      end = match.index + match[0].length;
    }
    // A tag cut between chunks is found with the next one.
    tail = text.slice(Math.max(end, text.length - 200));
    yield chunk;
  }
}
