import { Anchor, Badge, Button, Container, Group, NativeSelect, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, ProblemError } from '../../../web/api/client.ts';
import { LanguageSelect } from '../../../web/components/language-select.tsx';
import { localeDate } from '../../../web/i18n/index.ts';
import type { DialogueOptions, FileSummary, Place, Term } from './types.ts';

// What the dialogue pages share; kept small, the public reply page loads it too.

/** The locale for dates: Vaka's English is British (23 Nov 2026). */
export const localeOf = (language: string) => (language === 'en' ? 'en-GB' : language);

/** A calendar date (YYYY-MM-DD) in the reader's language, read as UTC so it never shifts a day. */
export function formatDay(iso: string | null | undefined, language: string) {
  if (!iso) return '—';
  return localeDate(new Date(`${iso.slice(0, 10)}T00:00:00Z`), localeOf(language), {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
}

/** A meeting's time in its own zone, named: "Tue 8 Dec 2026, 10:00–12:00 (Pacific/Rarotonga)". */
export function formatMeetingTime(
  meeting: { startsAt: string; endsAt: string; timeZone: string },
  language: string,
) {
  const locale = localeOf(language);
  const zone = meeting.timeZone;
  const day = new Date(meeting.startsAt).toLocaleDateString(locale, {
    timeZone: zone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
  const time = (at: string) =>
    new Date(at).toLocaleTimeString(locale, { timeZone: zone, hour: '2-digit', minute: '2-digit' });
  return `${day}, ${time(meeting.startsAt)}–${time(meeting.endsAt)} (${zone})`;
}

/** Units and staff for the forms, fetched once a visit. */
export function useDialogueOptions() {
  return useQuery({
    queryKey: ['dialogue', 'options'],
    queryFn: () => get<DialogueOptions>('/dialogue/options'),
    staleTime: 10 * 60_000,
  });
}

/** Focus areas and places come from the register's lists (the public directory's copy needs no sign-in). */
function useRegisterLists() {
  return useQuery({
    queryKey: ['directory', 'taxonomies'],
    queryFn: () => get<{ focusAreas: Term[]; places: Place[] }>('/directory/taxonomies'),
    staleTime: 30 * 60_000,
  });
}
export function useFocusAreas() {
  const lists = useRegisterLists();
  return { ...lists, data: lists.data?.focusAreas };
}
export function usePlaces() {
  const lists = useRegisterLists();
  return { ...lists, data: lists.data?.places };
}

export const labelOf = (terms: Term[] | undefined, code: string) =>
  terms?.find((term) => term.code === code)?.label ?? code;

/** Overdue or not: the words say it, the colour only repeats it. */
export function ReviewBadge({ overdue }: { overdue: boolean }) {
  const { t } = useTranslation();
  return overdue ? (
    <Badge color="red.9" radius="sm">
      {t('dialogue.review.overdue')}
    </Badge>
  ) : null;
}

export function FileLink({ file }: { file: FileSummary }) {
  const size =
    file.size < 1024 * 1024 ? `${Math.ceil(file.size / 1024)} KB` : `${(file.size / 1048576).toFixed(1)} MB`;
  return (
    <Anchor href={`/api/v1/files/${file.id}`} size="sm">
      {file.name} ({size})
    </Anchor>
  );
}

/** Multi-line text typed into a textarea: one entry a line, blanks dropped. */
export const linesOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Uploads one file to the agency's files (multipart, which the JSON client does not send). */
export async function uploadFile(file: File): Promise<FileSummary> {
  const body = new FormData();
  body.append('file', file);
  const failed = (status: number, problem?: unknown) =>
    new ProblemError(
      problem && typeof problem === 'object' && 'code' in problem
        ? (problem as ConstructorParameters<typeof ProblemError>[0])
        : {
            type: 'about:blank',
            title: 'Upload failed',
            status,
            detail: '',
            code: status ? 'unknown' : 'offline',
          },
    );
  let response: Response;
  try {
    response = await fetch('/api/v1/files', { method: 'POST', credentials: 'same-origin', body });
  } catch {
    throw failed(0);
  }
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw failed(response.status, data);
  return data as FileSummary;
}

/** Minutes between UTC and the wall clock of a zone at an instant (Rarotonga: −600). */
function zoneOffsetMinutes(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return Math.round((wall - at) / 60_000);
}

/** A wall-clock time typed for a zone ("2026-12-08T10:00" in Pacific/Rarotonga) as an ISO instant. */
export function zonedToIso(local: string, timeZone: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local)) return local;
  const wall = Date.parse(`${local.slice(0, 16)}:00Z`);
  let at = wall - zoneOffsetMinutes(wall, timeZone) * 60_000;
  // Once more, in case the first guess fell on the other side of a daylight-saving change.
  at = wall - zoneOffsetMinutes(at, timeZone) * 60_000;
  return new Date(at).toISOString();
}

/** An instant as the wall-clock time of a zone, for a datetime-local input. */
export function isoToZoned(iso: string, timeZone: string): string {
  const at = Date.parse(iso);
  return new Date(at + zoneOffsetMinutes(at, timeZone) * 60_000).toISOString().slice(0, 16);
}

/** The zones a form offers: the browser's own first, then every IANA zone it knows. */
export function timeZones(): string[] {
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['Pacific/Rarotonga', own, ...all])];
}

/** The dialogue's parts, one link each, the current one marked. */
export function DialogueLinks() {
  const { t } = useTranslation();
  const [location] = useLocation();
  const links = [
    { href: '/dialogue', label: t('dialogue.policies.title') },
    { href: '/dialogue/meetings', label: t('dialogue.meetings.title') },
    { href: '/dialogue/consultations', label: t('dialogue.consultations.title') },
    { href: '/dialogue/bodies', label: t('dialogue.bodies.title') },
    { href: '/dialogue/calendar', label: t('dialogue.calendar.title') },
    { href: '/dialogue/open-door', label: t('dialogue.publishedContacts.title') },
    { href: '/dialogue/announcements', label: t('dialogue.announcements.title') },
    { href: '/dialogue/disclosures', label: t('dialogue.disclosures.title') },
  ];
  return (
    <Group gap="md" component="nav" aria-label={t('dialogue.nav')}>
      {links.map((link) => (
        <Anchor
          key={link.href}
          component={Link}
          href={link.href}
          fw={location === link.href ? 700 : undefined}
          aria-current={location === link.href ? 'page' : undefined}
        >
          {link.label}
        </Anchor>
      ))}
    </Group>
  );
}

/** The frame of the public pages (reply, consultation): the name and the language, no app shell. */
export function PublicFrame({ size, children }: { size: number; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <Container size={size} px="sm" pt="md" pb="xs" component="header">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={700} size="lg" c="teal.9">
            {t('app.name')}
          </Text>
          <LanguageSelect />
        </Group>
      </Container>
      <Container size={size} px="sm" pb="xl" component="main">
        {children}
      </Container>
    </>
  );
}

/** A staff member of the agency, chosen by name (points of contact). */
export function StaffSelect({
  value,
  error,
  onChange,
}: {
  value: string;
  error?: string | undefined;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  const options = useDialogueOptions();
  return (
    <NativeSelect
      label={t('dialogue.policy.contact')}
      required
      value={value}
      error={error}
      onChange={(e) => onChange(e.currentTarget.value)}
      data={[
        { value: '', label: t('dialogue.choose') },
        ...(options.data?.staff ?? []).map((person) => ({ value: person.id, label: person.name })),
      ]}
    />
  );
}

/** Save and cancel under a form; cancelling drops the kept draft. */
export function FormButtons({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <Group>
      <Button type="submit" loading={busy}>
        {t('common.save')}
      </Button>
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
    </Group>
  );
}
