// iCalendar (RFC 5545) written by hand: no maintained generator is installed (ical-generator is
// in the registry; see the report). What matters for calendar programs: CRLF line ends (§3.1),
// lines folded at 75 octets without splitting a character (§3.1), text escaped (§3.3.11), times in
// UTC (§3.3.5 form 2) and dates for all-day events (§3.3.4), a UID and a DTSTAMP on every event.

export type CalendarEntry =
  | {
      uid: string;
      summary: string;
      start: Date;
      end: Date;
      location?: string | null;
      description?: string | null;
      url?: string | null;
    }
  | { uid: string; summary: string; day: string; description?: string | null; url?: string | null };

/** TEXT value escaping: backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds one content line into lines of at most 75 octets, continuation lines starting with a space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character, 'utf8');
    // The first line may hold 75 octets; each continuation holds 74 after its leading space.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const utc = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const date = (day: string) => day.replace(/-/g, '');
const nextDay = (day: string) => {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
};

export function writeCalendar(name: string, entries: CalendarEntry[], stamp: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Vaka//Dialogue calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
  ];
  for (const entry of entries) {
    lines.push('BEGIN:VEVENT', `UID:${entry.uid}`, `DTSTAMP:${utc(stamp)}`);
    if ('day' in entry) {
      lines.push(`DTSTART;VALUE=DATE:${date(entry.day)}`, `DTEND;VALUE=DATE:${date(nextDay(entry.day))}`);
    } else {
      lines.push(`DTSTART:${utc(entry.start)}`, `DTEND:${utc(entry.end)}`);
      if (entry.location) lines.push(`LOCATION:${escapeText(entry.location)}`);
    }
    lines.push(`SUMMARY:${escapeText(entry.summary)}`);
    if (entry.description) lines.push(`DESCRIPTION:${escapeText(entry.description)}`);
    if (entry.url) lines.push(`URL:${entry.url}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
