import { describe, expect, it } from 'vitest';
import { formatDate, localeDate } from './index.ts';

// The cached formats must read exactly as the browser's own toLocale… calls did.
describe('localeDate', () => {
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };
  it('writes a date as toLocaleDateString does, in every language', () => {
    const date = new Date('2026-11-23T10:00:00Z');
    for (const locale of ['en-GB', 'ur', 'rar'])
      expect(localeDate(date, locale, options)).toBe(date.toLocaleDateString(locale, options));
  });
  it('says an unreadable date is invalid instead of throwing', () => {
    expect(localeDate(new Date('not a date'), 'en-GB', options)).toBe('Invalid Date');
  });
  it('keeps formatDate as it was, with and without the time', () => {
    const iso = '2026-11-23T10:00:00Z';
    expect(formatDate(iso, 'en')).toBe(new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium' }));
    expect(formatDate(iso, 'ur', true)).toBe(
      new Date(iso).toLocaleString('ur-PK', { dateStyle: 'medium', timeStyle: 'short' }),
    );
  });
});
