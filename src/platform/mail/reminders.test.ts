import { expect, test } from 'vitest';
import { inDays, reminderDue } from './reminders.ts';

test('a reminder says how far off in words that agree with the number', () => {
  expect([0, 1, 2, 30].map(inDays)).toEqual(['today', 'in 1 day', 'in 2 days', 'in 30 days']);
});

test('the nearest offset a date has reached is the reminder due; none before the first or after the date', () => {
  const offsets = [30, 7, 1];
  expect([31, 30, 8, 7, 2, 1, 0, -1].map((days) => reminderDue(days, offsets))).toEqual([
    undefined,
    30,
    30,
    7,
    7,
    1,
    1,
    undefined,
  ]);
});
