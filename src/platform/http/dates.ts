import { z } from 'zod';

// The years both PostgreSQL and JavaScript read the same way. PostgreSQL has no year 0000, JSON
// dates have four digits, and Date.UTC reads a year under 100 as 19xx; no record of Vaka needs
// a date before 1000.
const firstYear = 1000;
const lastYear = 9999;
const yearMessage = `A date between the years ${firstYear} and ${lastYear}.`;

const yearOf = (text: string) => Number(text.slice(0, 4));
const inRange = (year: number) => year >= firstYear && year <= lastYear;

/** A calendar day, `2026-11-23`. */
export const CalendarDate = z.iso.date().refine((text) => inRange(yearOf(text)), yearMessage);

/** A moment with its offset, `2026-11-23T09:00:00+13:00`. */
export const Instant = z.iso.datetime({ offset: true }).refine((text) => inRange(yearOf(text)), yearMessage);

/** A day or moment in a query string, read as a Date (the audit trail's `from` and `to`). */
export const QueryDate = z.coerce.date().refine((date) => inRange(date.getUTCFullYear()), yearMessage);
