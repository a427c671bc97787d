import { expect, test } from 'vitest';
import { spreadsheetCell, spreadsheetRow } from './spreadsheet-cell.ts';

test('text that a spreadsheet would run as a formula is marked as text, and only that', () => {
  for (const start of ['=', '+', '-', '@', '\t', '\r'])
    expect(spreadsheetCell(`${start}cmd|' /C calc'!A0`)).toBe(`'${start}cmd|' /C calc'!A0`);
  expect(spreadsheetCell('+682 31 042')).toBe(`'+682 31 042`);
  expect(spreadsheetCell('Aitutaki Youth Council')).toBe('Aitutaki Youth Council');
  expect(spreadsheetCell('a = b')).toBe('a = b');
  expect(spreadsheetCell('')).toBe('');
});

test('numbers stay numbers, and text that is only a number stays as written', () => {
  expect(spreadsheetCell(-1250.5)).toBe(-1250.5);
  expect(spreadsheetCell('-1250.50')).toBe('-1250.50');
  expect(spreadsheetCell('+3')).toBe('+3');
  expect(spreadsheetCell(null)).toBeNull();
  const day = new Date('2026-11-23T00:00:00Z');
  expect(spreadsheetRow({ name: '@SUM(1)', amount: -20, on: day })).toEqual({
    name: `'@SUM(1)`,
    amount: -20,
    on: day,
  });
});
