import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Fieldset,
  Group,
  List,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { get, patch, post, ProblemError } from '../../../web/api/client.ts';
import { useDraft } from '../../../web/components/draft.ts';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { labelOf, placeOptions, placePath, useTaxonomies } from './shared.tsx';
import type {
  DuplicateCandidate,
  NewOrganisationBody,
  Organisation,
  OrganisationChangeBody,
  Place,
  Taxonomies,
} from './types.ts';

type NameRow = { name: string; language: string };
type IdentifierRow = { scheme: string; value: string };
type ContactRow = {
  name: string;
  role: string;
  email: string;
  phone: string;
  language: string;
  consentToContact: boolean;
};

/** The form as typed: every field a string or list, so a half-typed value is kept as it is. */
export type FormState = {
  legalName: string;
  otherNames: NameRow[];
  acronym: string;
  kind: string;
  legalStatus: string;
  yearFounded: string;
  mission: string;
  focusAreas: string[];
  populations: string[];
  placeIds: string[];
  identifiers: IdentifierRow[];
  contacts: ContactRow[];
  staffCount: string;
  volunteerCount: string;
  budgetBand: string;
  website: string;
  /** Who sees each group of fields: public, agencies, or private (the CSO and agencies it chose). */
  visibility: Record<string, string>;
};
type Field = keyof FormState;
const visibilityGroups = ['overview', 'contacts', 'places', 'finances'] as const;

const emptyContact: ContactRow = {
  name: '',
  role: '',
  email: '',
  phone: '',
  language: '',
  consentToContact: false,
};

export const emptyForm: FormState = {
  legalName: '',
  otherNames: [],
  acronym: '',
  kind: '',
  legalStatus: '',
  yearFounded: '',
  mission: '',
  focusAreas: [],
  populations: [],
  placeIds: [],
  identifiers: [],
  contacts: [emptyContact],
  staffCount: '',
  volunteerCount: '',
  budgetBand: '',
  website: '',
  visibility: {},
};

const text = (value: string | number | null | undefined) => (value == null ? '' : String(value));

export function fromOrganisation(organisation: Organisation): FormState {
  return {
    legalName: organisation.legalName,
    otherNames: organisation.otherNames.map((row) => ({ name: row.name, language: row.language })),
    acronym: text(organisation.acronym),
    kind: organisation.kind,
    legalStatus: text(organisation.legalStatus),
    yearFounded: text(organisation.yearFounded),
    mission: text(organisation.mission),
    focusAreas: organisation.focusAreas,
    populations: organisation.populations,
    placeIds: organisation.places.map((place) => place.id),
    identifiers: organisation.identifiers.map((row) => ({ scheme: row.scheme, value: row.value })),
    contacts: organisation.contacts.map((row) => ({
      name: row.name,
      role: text(row.role),
      email: text(row.email),
      phone: text(row.phone),
      language: text(row.language),
      consentToContact: row.consentToContact,
    })),
    staffCount: text(organisation.staffCount),
    volunteerCount: text(organisation.volunteerCount),
    budgetBand: text(organisation.budgetBand),
    website: text(organisation.website),
    visibility: organisation.visibility,
  };
}

const orNull = (value: string) => value.trim() || null;
/** A number, or the typed text as it is so the server names the field that is wrong. */
const count = (value: string) => {
  const trimmed = value.trim();
  if (!trimmed) return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : (trimmed as unknown as number);
};
const withScheme = (url: string) => {
  const trimmed = url.trim();
  if (!trimmed) return null;
  return /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
};

/** Rows left wholly blank are not sent; where each kept row went, to put the server's errors back. */
function keep<T>(rows: T[], blank: (row: T) => boolean) {
  const sent: T[] = [];
  const position = rows.map((row) => {
    if (blank(row)) return -1;
    sent.push(row);
    return sent.length - 1;
  });
  return { sent, position };
}

function toBody(form: FormState) {
  const otherNames = keep(form.otherNames, (row) => !row.name.trim());
  const identifiers = keep(form.identifiers, (row) => !row.value.trim());
  const contacts = keep(
    form.contacts,
    (row) => !row.name.trim() && !row.role.trim() && !row.email.trim() && !row.phone.trim(),
  );
  const body: NewOrganisationBody = {
    legalName: form.legalName.trim(),
    otherNames: otherNames.sent.map((row) => ({ name: row.name.trim(), language: row.language })),
    acronym: orNull(form.acronym),
    kind: form.kind,
    legalStatus: orNull(form.legalStatus),
    yearFounded: count(form.yearFounded),
    mission: orNull(form.mission),
    focusAreas: form.focusAreas,
    populations: form.populations,
    placeIds: form.placeIds,
    identifiers: identifiers.sent.map((row) => ({ scheme: row.scheme, value: row.value.trim() })),
    contacts: contacts.sent.map((row) => ({
      name: row.name.trim(),
      role: orNull(row.role),
      email: orNull(row.email),
      phone: orNull(row.phone),
      language: orNull(row.language),
      consentToContact: row.consentToContact,
    })),
    staffCount: count(form.staffCount),
    volunteerCount: count(form.volunteerCount),
    budgetBand: orNull(form.budgetBand),
    website: withScheme(form.website),
    visibility: form.visibility,
  };
  const positions = {
    otherNames: otherNames.position,
    identifiers: identifiers.position,
    contacts: contacts.position,
  };
  return { body, positions };
}

/** What the duplicate check looks at: names, identifiers, e-mail addresses and phone numbers. */
function duplicateProbe(form: FormState) {
  const names = [form.legalName, form.acronym, ...form.otherNames.map((row) => row.name)]
    .map((name) => name.trim())
    .filter((name) => name.length >= 2);
  return {
    names,
    identifiers: form.identifiers
      .filter((row) => row.scheme && row.value.trim())
      .map((row) => ({ scheme: row.scheme, value: row.value.trim() })),
    emails: form.contacts.map((row) => row.email.trim()).filter(Boolean),
    phones: form.contacts.map((row) => row.phone.trim()).filter(Boolean),
  };
}
const checkDuplicates = (probe: ReturnType<typeof duplicateProbe>) =>
  post<{ candidates: DuplicateCandidate[] }>('/register/organisations/duplicates', probe);

// Languages a name or a contact is commonly in, across the Pacific and Pakistan; names from the browser.
const languageCodes = ['en', 'rar', 'mi', 'sm', 'to', 'fj', 'niu', 'tkl', 'fr', 'ur', 'pa', 'ps', 'sd', 'hi'];
function languageName(names: Intl.DisplayNames | undefined, code: string) {
  try {
    return names?.of(code) ?? code;
  } catch {
    return code;
  }
}
function languageOptions(language: string, current: string[]) {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([language, 'en'], { type: 'language' });
  } catch {
    names = undefined;
  }
  const codes = [...languageCodes, ...current.filter((code) => code && !languageCodes.includes(code))];
  return codes.map((code) => {
    const label = languageName(names, code);
    return { value: code, label: label === code ? code : `${label} (${code})` };
  });
}

type Props = {
  /** 'portal': a CSO user edits their own organisation; verified fields go to review. */
  mode: 'new' | 'edit' | 'portal';
  organisation?: Organisation;
};

/** Registering a new organisation and changing a profile: one form, kept as a draft until saved. */
export function OrganisationForm({ mode, organisation }: Props) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [, navigate] = useLocation();
  // CSO users read the public lists: the register's own are for agency staff.
  const taxonomies = useTaxonomies(mode === 'portal' ? 'directory' : 'register');
  const start = organisation ? fromOrganisation(organisation) : emptyForm;
  const fresh = { form: start, base: start, version: organisation?.version ?? 0 };
  const [stored, setDraft, clearDraft] = useDraft(
    mode === 'new' ? 'register.new' : `${mode === 'portal' ? 'portal' : 'register'}.edit.${organisation?.id}`,
    fresh,
  );
  // A draft left untouched on an older version is no draft: the profile as it is now replaces it.
  const untouched = JSON.stringify(stored.form) === JSON.stringify(stored.base);
  const draft = organisation && stored.version !== organisation.version && untouched ? fresh : stored;
  // A draft from an older Vaka may lack fields added since; the defaults fill them.
  const form: FormState = { ...emptyForm, ...draft.form };
  const setForm = (next: FormState) => setDraft({ ...draft, form: next });
  const set = <K extends Field>(key: K, value: FormState[K]) => setForm({ ...form, [key]: value });
  const changedFromStart = JSON.stringify(form) !== JSON.stringify(start);

  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [found, setFound] = useState<DuplicateCandidate[]>();
  const [acknowledged, setAcknowledged] = useState(false);
  const [mustCheck, setMustCheck] = useState(false);
  const [theirs, setTheirs] = useState<Organisation>();
  const [mine, setMine] = useState<FormState>();
  const duplicatesHeading = useRef<HTMLHeadingElement>(null);

  // Likely duplicates while typing: only names, identifiers, e-mails and phones start a check.
  const probe = duplicateProbe(form);
  const [settledProbe] = useDebouncedValue(JSON.stringify(probe), 600);
  const live = useQuery({
    queryKey: ['register', 'duplicates', settledProbe],
    queryFn: () => checkDuplicates(JSON.parse(settledProbe) as typeof probe),
    enabled: mode === 'new' && form.legalName.trim().length >= 3,
    staleTime: 60_000,
  });
  const candidates = found ?? live.data?.candidates ?? [];

  const { body, positions } = toBody(form);
  const errorAt = (field: string) => fieldError(error, field);
  /** An error on a list (focusAreas.2) shows beside the whole list. */
  const errorUnder = (field: string) =>
    error instanceof ProblemError
      ? error.problem.errors?.find((e) => e.field === field || e.field.startsWith(`${field}.`))?.message
      : undefined;
  const rowError = (list: keyof typeof positions, index: number, field: string) => {
    const sent = positions[list][index];
    return sent === undefined || sent < 0 ? undefined : errorAt(`${list}.${sent}.${field}`);
  };

  function showDuplicates(list: DuplicateCandidate[]) {
    setFound(list);
    setAcknowledged(false);
    setMustCheck(true);
    requestAnimationFrame(() => duplicatesHeading.current?.focus());
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      if (mode === 'new') {
        if (!acknowledged && probe.names.length > 0) {
          // The check before saving; if it cannot run, the server checks again anyway.
          const fresh = await checkDuplicates(probe).catch(() => undefined);
          if (fresh && fresh.candidates.length > 0) {
            showDuplicates(fresh.candidates);
            return;
          }
        }
        const created = await post<Organisation>('/register/organisations', {
          ...body,
          acknowledgeDuplicates: acknowledged,
        });
        clearDraft();
        client.setQueryData(['register', 'organisation', created.id], created);
        await client.invalidateQueries({ queryKey: ['register', 'organisations'] });
        navigate(`/register/${created.id}`);
      } else if (organisation && mode === 'portal') {
        const change: OrganisationChangeBody = { ...body, version: draft.version };
        const saved = await patch<{ organisation: Organisation; waitingForReview: unknown[] }>(
          `/portal/organisations/${organisation.id}`,
          change,
        );
        clearDraft();
        client.setQueryData(['portal', 'organisation', organisation.id], saved.organisation);
        await client.invalidateQueries({ queryKey: ['portal'] });
        navigate(`/portal/${organisation.id}?waiting=${saved.waitingForReview.length}`);
      } else if (organisation) {
        const change: OrganisationChangeBody = { ...body, version: draft.version };
        const saved = await patch<Organisation>(`/register/organisations/${organisation.id}`, change);
        clearDraft();
        client.setQueryData(['register', 'organisation', saved.id], saved);
        await client.invalidateQueries({ queryKey: ['register', 'organisations'] });
        navigate(`/register/${saved.id}`);
      }
    } catch (caught) {
      if (caught instanceof ProblemError && caught.problem.code === 'possible-duplicate') {
        const list = (caught.problem as { candidates?: DuplicateCandidate[] }).candidates ?? [];
        showDuplicates(list);
      } else if (caught instanceof ProblemError && caught.problem.code === 'stale-version' && organisation) {
        const current =
          (caught.problem.current as Organisation | undefined) ??
          (await get<Organisation>(
            `/${mode === 'portal' ? 'portal' : 'register'}/organisations/${organisation.id}`,
          ).catch(() => undefined));
        if (current) setTheirs(current);
        else setError(caught);
      } else {
        setError(caught);
      }
    } finally {
      setBusy(false);
    }
  }

  function loadTheirs() {
    if (!theirs) return;
    setMine(form);
    const current = fromOrganisation(theirs);
    setDraft({ form: current, base: current, version: theirs.version });
    client.setQueryData(['register', 'organisation', theirs.id], theirs);
    setTheirs(undefined);
  }
  function keepMine() {
    if (!theirs) return;
    setDraft({ ...draft, version: theirs.version });
    client.setQueryData(['register', 'organisation', theirs.id], theirs);
    setTheirs(undefined);
  }
  function startAgain() {
    setDraft(fresh);
    setMine(undefined);
    setError(undefined);
    setFound(undefined);
  }

  const tx = taxonomies.data;
  const languages = languageOptions(i18n.language, [
    ...form.otherNames.map((row) => row.language),
    ...form.contacts.map((row) => row.language),
  ]);
  const updateRow = <L extends 'otherNames' | 'identifiers' | 'contacts'>(
    list: L,
    index: number,
    patchRow: Partial<FormState[L][number]>,
  ) => set(list, form[list].map((row, i) => (i === index ? { ...row, ...patchRow } : row)) as FormState[L]);
  const removeRow = <L extends 'otherNames' | 'identifiers' | 'contacts'>(list: L, index: number) =>
    set(list, form[list].filter((_, i) => i !== index) as FormState[L]);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {mode === 'portal' && organisation && organisation.verifiedFields.length > 0 && (
          <Alert variant="light" color="blue" title={t('portal.verifiedTitle')}>
            {t('portal.verifiedHelp', {
              fields: organisation.verifiedFields.map((field) => t(fieldLabels[field as Field])).join(', '),
            })}
          </Alert>
        )}
        {changedFromStart && (
          <Group gap="xs" wrap="wrap">
            <Text size="sm" c="dimmed">
              {t('common.draftKept')}
            </Text>
            <Button size="xs" variant="subtle" onClick={startAgain}>
              {mode === 'new' ? t('register.form.startAgain') : t('register.form.discard')}
            </Button>
          </Group>
        )}
        {theirs && (
          <Alert variant="outline" color="blue" role="alert" title={t('register.form.staleTitle')}>
            <Stack gap="sm">
              <Text size="sm">{t('register.form.staleHelp')}</Text>
              <Differences mine={form} theirs={fromOrganisation(theirs)} taxonomies={tx} />
              <Group gap="xs">
                <Button size="sm" onClick={loadTheirs}>
                  {t('register.form.loadTheirs')}
                </Button>
                <Button size="sm" variant="outline" onClick={keepMine}>
                  {t('register.form.keepMine')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {mine && (
          <Paper withBorder p="sm" component="section" aria-labelledby="register-form-mine">
            <Stack gap="sm">
              <Title order={2} size="h5" id="register-form-mine">
                {t('register.form.mineTitle')}
              </Title>
              <Text size="sm">{t('register.form.mineHelp')}</Text>
              <Differences
                mine={mine}
                theirs={form}
                taxonomies={tx}
                onUseMine={(key) => set(key, mine[key])}
              />
              <Button size="xs" variant="subtle" w="fit-content" onClick={() => setMine(undefined)}>
                {t('register.form.mineDismiss')}
              </Button>
            </Stack>
          </Paper>
        )}
        {error instanceof ProblemError && (error.problem.errors?.length ?? 0) > 0 ? (
          <Alert variant="outline" color="red" role="alert">
            {t('register.form.checkFields')}
          </Alert>
        ) : (
          <ProblemAlert error={error} />
        )}

        <Fieldset legend={t('register.form.names')}>
          <Stack gap="sm">
            <TextInput
              label={t('register.legalName')}
              required
              value={form.legalName}
              onChange={(e) => set('legalName', e.currentTarget.value)}
              error={errorAt('legalName')}
              maxLength={300}
            />
            <TextInput
              label={t('register.acronym')}
              value={form.acronym}
              onChange={(e) => set('acronym', e.currentTarget.value)}
              error={errorAt('acronym')}
              maxLength={30}
            />
            {form.otherNames.map((row, index) => (
              <Group key={index} align="end" gap="xs" wrap="wrap">
                <TextInput
                  label={t('register.otherName')}
                  style={{ flex: '1 1 12rem' }}
                  value={row.name}
                  onChange={(e) => updateRow('otherNames', index, { name: e.currentTarget.value })}
                  error={rowError('otherNames', index, 'name')}
                />
                <NativeSelect
                  label={t('register.language')}
                  style={{ flex: '1 1 8rem' }}
                  value={row.language}
                  data={languages}
                  onChange={(e) => updateRow('otherNames', index, { language: e.currentTarget.value })}
                  error={rowError('otherNames', index, 'language')}
                />
                <Button
                  variant="subtle"
                  color="red"
                  onClick={() => removeRow('otherNames', index)}
                  aria-label={`${t('common.remove')}: ${t('register.otherName')} ${index + 1}`}
                >
                  {t('common.remove')}
                </Button>
              </Group>
            ))}
            <Button
              variant="outline"
              size="xs"
              w="fit-content"
              onClick={() => set('otherNames', [...form.otherNames, { name: '', language: i18n.language }])}
            >
              {t('register.form.addOtherName')}
            </Button>
          </Stack>
        </Fieldset>

        {mode === 'new' && (candidates.length > 0 || mustCheck) && (
          <Paper
            withBorder
            p="sm"
            component="section"
            aria-labelledby="register-duplicates"
            style={{ borderColor: 'var(--mantine-color-red-9)' }}
          >
            <Stack gap="xs">
              <Title order={2} size="h5" id="register-duplicates" ref={duplicatesHeading} tabIndex={-1}>
                {t('register.duplicates.title', { count: candidates.length })}
              </Title>
              <Text size="sm">{t('register.duplicates.help')}</Text>
              <List spacing={4}>
                {candidates.map((candidate) => (
                  <List.Item key={candidate.id}>
                    <Anchor component={Link} href={`/register/${candidate.id}`}>
                      {candidate.legalName}
                    </Anchor>
                    <Text size="sm" c="dimmed" span>
                      {' '}
                      — {candidate.reasons.join('; ')}
                    </Text>
                  </List.Item>
                ))}
              </List>
              {candidates.length > 0 && (
                <Checkbox
                  label={t('register.duplicates.different')}
                  checked={acknowledged}
                  onChange={(e) => setAcknowledged(e.currentTarget.checked)}
                />
              )}
            </Stack>
          </Paper>
        )}

        <Fieldset legend={t('register.form.about')}>
          <Stack gap="sm">
            <NativeSelect
              label={t('register.kind')}
              required
              value={form.kind}
              data={[
                { value: '', label: t('register.form.choose') },
                ...(tx?.kinds ?? []).map((term) => ({ value: term.code, label: term.label })),
              ]}
              onChange={(e) => set('kind', e.currentTarget.value)}
              error={errorAt('kind')}
            />
            <TextInput
              label={t('register.legalStatus')}
              value={form.legalStatus}
              onChange={(e) => set('legalStatus', e.currentTarget.value)}
              error={errorAt('legalStatus')}
              maxLength={200}
            />
            <Textarea
              label={t('register.mission')}
              autosize
              minRows={3}
              maxRows={10}
              value={form.mission}
              onChange={(e) => set('mission', e.currentTarget.value)}
              error={errorAt('mission')}
              maxLength={4000}
            />
            <Checkbox.Group
              label={t('register.focusAreas')}
              value={form.focusAreas}
              onChange={(value) => set('focusAreas', value)}
              error={errorUnder('focusAreas')}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs" mt={4}>
                {(tx?.focusAreas ?? []).map((term) => (
                  <Checkbox key={term.code} value={term.code} label={term.label} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Checkbox.Group
              label={t('register.populations')}
              value={form.populations}
              onChange={(value) => set('populations', value)}
              error={errorUnder('populations')}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs" mt={4}>
                {(tx?.populations ?? []).map((term) => (
                  <Checkbox key={term.code} value={term.code} label={term.label} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <PlacePicker
              places={tx?.places ?? []}
              value={form.placeIds}
              onChange={(value) => set('placeIds', value)}
              error={errorUnder('placeIds')}
            />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('register.identifiers')}>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('register.form.identifiersHelp')}
            </Text>
            {form.identifiers.map((row, index) => (
              <Group key={index} align="end" gap="xs" wrap="wrap">
                <NativeSelect
                  label={t('register.identifierScheme')}
                  style={{ flex: '1 1 12rem', minWidth: 0 }}
                  value={row.scheme}
                  data={[
                    { value: '', label: t('register.form.choose') },
                    ...(tx?.identifierSchemes ?? []).map((term) => ({ value: term.code, label: term.label })),
                  ]}
                  onChange={(e) => updateRow('identifiers', index, { scheme: e.currentTarget.value })}
                  error={rowError('identifiers', index, 'scheme')}
                />
                <TextInput
                  label={t('register.identifierValue')}
                  style={{ flex: '1 1 8rem' }}
                  value={row.value}
                  onChange={(e) => updateRow('identifiers', index, { value: e.currentTarget.value })}
                  error={rowError('identifiers', index, 'value')}
                />
                <Button
                  variant="subtle"
                  color="red"
                  onClick={() => removeRow('identifiers', index)}
                  aria-label={`${t('common.remove')}: ${t('register.identifierValue')} ${index + 1}`}
                >
                  {t('common.remove')}
                </Button>
              </Group>
            ))}
            <Button
              variant="outline"
              size="xs"
              w="fit-content"
              onClick={() => set('identifiers', [...form.identifiers, { scheme: '', value: '' }])}
            >
              {t('register.form.addIdentifier')}
            </Button>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('register.contacts')}>
          <Stack gap="sm">
            {form.contacts.map((row, index) => (
              <Paper key={index} withBorder p="sm">
                <Stack gap="xs">
                  <Text fw={600} size="sm">
                    {t('register.form.contactNumber', { number: index + 1 })}
                  </Text>
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs">
                    <TextInput
                      label={t('common.name')}
                      autoComplete="off"
                      value={row.name}
                      onChange={(e) => updateRow('contacts', index, { name: e.currentTarget.value })}
                      error={rowError('contacts', index, 'name')}
                    />
                    <TextInput
                      label={t('register.contactRole')}
                      value={row.role}
                      onChange={(e) => updateRow('contacts', index, { role: e.currentTarget.value })}
                      error={rowError('contacts', index, 'role')}
                    />
                    <TextInput
                      label={t('common.email')}
                      type="email"
                      autoComplete="off"
                      value={row.email}
                      onChange={(e) => updateRow('contacts', index, { email: e.currentTarget.value })}
                      error={rowError('contacts', index, 'email')}
                    />
                    <TextInput
                      label={t('register.phone')}
                      type="tel"
                      autoComplete="off"
                      value={row.phone}
                      onChange={(e) => updateRow('contacts', index, { phone: e.currentTarget.value })}
                      error={rowError('contacts', index, 'phone')}
                    />
                    <NativeSelect
                      label={t('register.contactLanguage')}
                      value={row.language}
                      data={[{ value: '', label: '—' }, ...languages]}
                      onChange={(e) => updateRow('contacts', index, { language: e.currentTarget.value })}
                      error={rowError('contacts', index, 'language')}
                    />
                  </SimpleGrid>
                  <Checkbox
                    label={t('register.consent')}
                    checked={row.consentToContact}
                    onChange={(e) =>
                      updateRow('contacts', index, { consentToContact: e.currentTarget.checked })
                    }
                  />
                  <Button
                    variant="subtle"
                    color="red"
                    size="xs"
                    w="fit-content"
                    onClick={() => removeRow('contacts', index)}
                    aria-label={`${t('common.remove')}: ${t('register.form.contactNumber', { number: index + 1 })}`}
                  >
                    {t('common.remove')}
                  </Button>
                </Stack>
              </Paper>
            ))}
            <Button
              variant="outline"
              size="xs"
              w="fit-content"
              onClick={() => set('contacts', [...form.contacts, emptyContact])}
            >
              {t('register.form.addContact')}
            </Button>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('register.form.numbers')}>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="sm">
            <TextInput
              label={t('register.yearFounded')}
              inputMode="numeric"
              maxLength={4}
              value={form.yearFounded}
              onChange={(e) => set('yearFounded', e.currentTarget.value)}
              error={errorAt('yearFounded')}
            />
            <TextInput
              label={t('register.staffCount')}
              inputMode="numeric"
              value={form.staffCount}
              onChange={(e) => set('staffCount', e.currentTarget.value)}
              error={errorAt('staffCount')}
            />
            <TextInput
              label={t('register.volunteerCount')}
              inputMode="numeric"
              value={form.volunteerCount}
              onChange={(e) => set('volunteerCount', e.currentTarget.value)}
              error={errorAt('volunteerCount')}
            />
            <TextInput
              label={t('register.budgetBand')}
              description={t('register.form.budgetHelp')}
              value={form.budgetBand}
              onChange={(e) => set('budgetBand', e.currentTarget.value)}
              error={errorAt('budgetBand')}
              maxLength={60}
            />
            <TextInput
              label={t('register.website')}
              type="url"
              inputMode="url"
              placeholder="https://"
              value={form.website}
              onChange={(e) => set('website', e.currentTarget.value)}
              error={errorAt('website')}
            />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('register.visibility.title')}>
          <Text size="sm" mb="xs">
            {t('register.visibility.help')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {visibilityGroups.map((group) => (
              <NativeSelect
                key={group}
                label={t(`register.visibility.group.${group}`)}
                value={form.visibility[group] ?? 'public'}
                onChange={(e) => set('visibility', { ...form.visibility, [group]: e.currentTarget.value })}
                data={['public', 'agencies', 'private'].map((level) => ({
                  value: level,
                  label: t(`register.visibility.level.${level}`),
                }))}
              />
            ))}
          </SimpleGrid>
        </Fieldset>

        {mode === 'new' && mustCheck && candidates.length > 0 && !acknowledged && (
          <Text size="sm" fw={600} role="status">
            {t('register.duplicates.confirmFirst')}
          </Text>
        )}
        <Group gap="sm">
          <Button type="submit" loading={busy} disabled={Boolean(theirs)}>
            {mode === 'new' ? t('register.form.create') : t('common.save')}
          </Button>
          <Button
            component={Link}
            href={
              organisation ? `/${mode === 'portal' ? 'portal' : 'register'}/${organisation.id}` : '/register'
            }
            variant="subtle"
          >
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The i18n key of each field's name; also names fields in the portal and the review queue. */
export const fieldLabels: Record<Field, string> = {
  legalName: 'register.legalName',
  otherNames: 'register.otherNames',
  acronym: 'register.acronym',
  kind: 'register.kind',
  legalStatus: 'register.legalStatus',
  yearFounded: 'register.yearFounded',
  mission: 'register.mission',
  focusAreas: 'register.focusAreas',
  populations: 'register.populations',
  placeIds: 'register.places',
  identifiers: 'register.identifiers',
  contacts: 'register.contacts',
  staffCount: 'register.staffCount',
  volunteerCount: 'register.volunteerCount',
  budgetBand: 'register.budgetBand',
  website: 'register.website',
  visibility: 'register.visibility.title',
};

function describe(form: FormState, key: Field, taxonomies: Taxonomies | undefined): string {
  switch (key) {
    case 'otherNames':
      return form.otherNames.map((row) => `${row.name} (${row.language})`).join('; ');
    case 'kind':
      return form.kind ? labelOf(taxonomies?.kinds, form.kind) : '';
    case 'focusAreas':
      return form.focusAreas.map((code) => labelOf(taxonomies?.focusAreas, code)).join('; ');
    case 'populations':
      return form.populations.map((code) => labelOf(taxonomies?.populations, code)).join('; ');
    case 'placeIds':
      return form.placeIds
        .map((id) => taxonomies?.places.find((place) => place.id === id)?.name ?? id)
        .join('; ');
    case 'identifiers':
      return form.identifiers.map((row) => `${row.scheme} ${row.value}`).join('; ');
    case 'contacts':
      return form.contacts
        .map((row) => [row.name, row.role, row.email, row.phone].filter(Boolean).join(', '))
        .filter(Boolean)
        .join('; ');
    case 'visibility':
      return Object.entries(form.visibility)
        .map(([group, level]) => `${group}: ${level}`)
        .join('; ');
    default:
      return form[key];
  }
}

/** The fields where two versions of the form differ, each version in words. */
function Differences({
  mine,
  theirs,
  taxonomies,
  onUseMine,
}: {
  mine: FormState;
  theirs: FormState;
  taxonomies: Taxonomies | undefined;
  onUseMine?: (key: Field) => void;
}) {
  const { t } = useTranslation();
  const keys = (Object.keys(fieldLabels) as Field[]).filter(
    (key) => JSON.stringify(mine[key]) !== JSON.stringify(theirs[key]),
  );
  if (keys.length === 0) return <Text size="sm">{t('register.form.noDifferences')}</Text>;
  const value = (words: string): ReactNode => words || '—';
  return (
    <Stack gap="xs" component="dl" m={0}>
      {keys.map((key) => (
        <div key={key}>
          <Text component="dt" fw={600} size="sm">
            {t(fieldLabels[key])}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
            {t('register.form.theirs')}: {value(describe(theirs, key, taxonomies))}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
            {t('register.form.yours')}: {value(describe(mine, key, taxonomies))}{' '}
            {onUseMine && (
              <Button size="compact-xs" variant="subtle" onClick={() => onUseMine(key)}>
                {t('register.form.useMine')}
              </Button>
            )}
          </Text>
        </div>
      ))}
    </Stack>
  );
}

/** Places chosen from a plain select (the phone's own picker), each then listed with a way to remove it. */
function PlacePicker({
  places,
  value,
  onChange,
  error,
}: {
  places: Place[];
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const options = placeOptions(places).map((group) => ({
    ...group,
    items: group.items.filter((item) => !value.includes(item.value)),
  }));
  return (
    <Stack gap="xs">
      <NativeSelect
        label={t('register.places')}
        description={t('register.form.placesHelp')}
        value=""
        data={[{ value: '', label: t('register.form.addPlace') }, ...options.filter((g) => g.items.length)]}
        onChange={(e) => e.currentTarget.value && onChange([...value, e.currentTarget.value])}
        error={error}
      />
      {value.length > 0 && (
        <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {value.map((id) => {
            const place = places.find((candidate) => candidate.id === id);
            const name = place ? placePath(places, place) : id;
            return (
              <Group key={id} component="li" gap="xs" wrap="nowrap" justify="space-between">
                <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                  {name}
                </Text>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  onClick={() => onChange(value.filter((other) => other !== id))}
                  aria-label={`${t('common.remove')}: ${name}`}
                >
                  {t('common.remove')}
                </Button>
              </Group>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
