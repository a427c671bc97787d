import { daysBetween } from '../../platform/clock.ts';
import { expect, test } from 'vitest';
import { addMonths, nextReviewOn } from './review-schedule.ts';

test('months are added on the calendar, the 31st falling back to the last day of a short month', () => {
  expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
  expect(addMonths('2024-02-29', 24)).toBe('2026-02-28');
  expect(addMonths('2025-11-15', 2)).toBe('2026-01-15');
  expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
});

test('the first review is 24 months after implementation, then every 36 months after the last (000 §8)', () => {
  const rule = { firstReviewMonths: 24, reviewEveryMonths: 36 };
  expect(nextReviewOn({ ...rule, implementationDate: '2024-07-01', lastReviewedOn: null })).toBe(
    '2026-07-01',
  );
  expect(nextReviewOn({ ...rule, implementationDate: '2024-07-01', lastReviewedOn: '2026-06-20' })).toBe(
    '2029-06-20',
  );
  expect(
    nextReviewOn({
      firstReviewMonths: 12,
      reviewEveryMonths: 24,
      implementationDate: '2025-01-10',
      lastReviewedOn: null,
    }),
  ).toBe('2026-01-10');
});

test('days between calendar dates', () => {
  expect(daysBetween('2026-11-23', '2026-12-23')).toBe(30);
  expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
});
