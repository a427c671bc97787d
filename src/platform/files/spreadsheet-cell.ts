/** What a cell of a CSV or XLSX export may hold. */
export type CellValue = string | number | Date | null | undefined;

// OWASP's CSV injection rule: a spreadsheet reads a cell starting with one of these as a formula
// (=HYPERLINK to exfiltrate, -cmd|... to run a program), in a CSV and when an XLSX cell is edited.
const formulaStart = /^[=+\-@\t\r]/;
// Text that is only a number (a negative amount) is read as that number, never as a formula.
const plainNumber = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A value made safe to write into a CSV or XLSX export: text that would start a formula gets a
 * leading apostrophe, the spreadsheet's own mark for "this is text", and is otherwise kept as
 * written, so "-Youth wing" reads "'-Youth wing". Numbers and dates pass as they are, so an XLSX
 * keeps them as number and date cells; so does text that is only a number ("-12.50").
 */
export function spreadsheetCell<T extends CellValue>(value: T): T | string {
  if (typeof value !== 'string' || !formulaStart.test(value) || plainNumber.test(value)) return value;
  return `'${value}`;
}

/** Every value of an export's row through spreadsheetCell. */
export function spreadsheetRow<Row extends Record<string, CellValue>>(row: Row): Row {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, spreadsheetCell(value)])) as Row;
}
