import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/InlineInput.css';
import '@mantine/core/styles/Fieldset.css';
import {
  Anchor,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { z } from 'zod';
import { get, post, ProblemError, put } from '../../../web/api/client.ts';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { fieldError, ProblemAlert, useProblemMessage } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { can, useMe } from '../../../web/session.ts';
import type {
  assessmentDirections as directionList,
  questionKinds as questionKindList,
  TemplateView,
} from '../contracts.ts';
import { useRegisterLists } from './shared.tsx';
import { formalities, partnershipForms } from './types.ts';

// Due diligence templates (001 §15d, issue 4 item 6, decision 0008): sections of weighted
// questions, conditions that make a question required, risk thresholds and a validity period.
type Template = z.output<typeof TemplateView>;
type Direction = (typeof directionList)[number];
const directions: typeof directionList = ['agency-assesses-organisation', 'organisation-assesses-agency'];
const questionKinds: typeof questionKindList = ['yes-no', 'scale', 'text', 'evidence'];
const templatesKey = ['partnerships', 'due-diligence-templates'];

type QuestionForm = {
  id: string;
  text: string;
  kind: string;
  /** kept as typed: the server names a bad weight beside its field */
  weight: string;
  required: 'always' | 'optional' | 'when';
  forms: string[];
  formalities: string[];
  focusAreas: string[];
  funding: '' | 'yes' | 'no';
};
type SectionForm = { key: string; title: string; questions: QuestionForm[] };
type TemplateForm = {
  name: string;
  direction: Direction;
  validityMonths: string;
  low: string;
  moderate: string;
  significant: string;
  sections: SectionForm[];
};

let counter = 0;
/** Answers find their question by id (decision 0008), so an id is made once and never reused. */
const freshId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

const blankQuestion = (): QuestionForm => ({
  id: freshId('q'),
  text: '',
  kind: 'yes-no',
  weight: '1',
  required: 'always',
  forms: [],
  formalities: [],
  focusAreas: [],
  funding: '',
});
const blankSection = (): SectionForm => ({ key: freshId('s'), title: '', questions: [blankQuestion()] });
const blankTemplate: TemplateForm = {
  name: '',
  direction: 'agency-assesses-organisation',
  validityMonths: '24',
  low: '75',
  moderate: '50',
  significant: '25',
  sections: [blankSection()],
};

function formOf(template: Template): TemplateForm {
  return {
    name: template.name,
    direction: template.direction,
    validityMonths: String(template.validityMonths),
    low: String(template.thresholds.low),
    moderate: String(template.thresholds.moderate),
    significant: String(template.thresholds.significant),
    sections: template.sections.map((section) => ({
      key: freshId('s'),
      title: section.title,
      questions: section.questions.map((q) => {
        const when = typeof q.required === 'object' ? q.required : {};
        return {
          id: q.id,
          text: q.text,
          kind: q.kind,
          weight: String(q.weight),
          required: q.required === true ? 'always' : q.required === false ? 'optional' : 'when',
          forms: when.forms ?? [],
          formalities: when.formalities ?? [],
          focusAreas: when.focusAreas ?? [],
          funding: when.funding === undefined ? '' : when.funding ? 'yes' : 'no',
        };
      }),
    })),
  };
}

/** An empty or unreadable number goes as null, so the server names the field that needs one. */
const numberOf = (value: string) =>
  value.trim() === '' || Number.isNaN(Number(value)) ? null : Number(value);

function requiredOf(q: QuestionForm) {
  if (q.required !== 'when') return q.required === 'always';
  return {
    ...(q.forms.length ? { forms: q.forms } : {}),
    ...(q.formalities.length ? { formalities: q.formalities } : {}),
    ...(q.focusAreas.length ? { focusAreas: q.focusAreas } : {}),
    ...(q.funding ? { funding: q.funding === 'yes' } : {}),
  };
}

const bodyOf = (form: TemplateForm) => ({
  name: form.name,
  direction: form.direction,
  validityMonths: numberOf(form.validityMonths),
  thresholds: {
    low: numberOf(form.low),
    moderate: numberOf(form.moderate),
    significant: numberOf(form.significant),
  },
  sections: form.sections.map((section) => ({
    title: section.title,
    questions: section.questions.map((q) => ({
      id: q.id,
      text: q.text,
      kind: q.kind,
      weight: numberOf(q.weight),
      required: requiredOf(q),
    })),
  })),
});

/** Every field the form shows a problem beside; the alert speaks only for the others. */
function fieldsOf(form: TemplateForm) {
  const fields = ['name', 'direction', 'validityMonths', 'thresholds', 'sections'];
  for (const part of ['low', 'moderate', 'significant']) fields.push(`thresholds.${part}`);
  form.sections.forEach((section, s) => {
    fields.push(`sections.${s}`, `sections.${s}.title`, `sections.${s}.questions`);
    section.questions.forEach((_, q) => {
      for (const part of ['id', 'text', 'kind', 'weight', 'required'])
        fields.push(`sections.${s}.questions.${q}.${part}`);
    });
  });
  return fields;
}

const moved = <T,>(list: T[], from: number, to: number) => {
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item!);
  return copy;
};

export default function DueDiligenceTemplatesPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const mayChange = can(me, 'partnerships:edit');
  const templates = useQuery({
    queryKey: templatesKey,
    queryFn: () => get<{ items: Template[] }>('/partnerships/due-diligence/templates'),
  });
  // 'new' for a template being added; otherwise the id of the one open.
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string>();
  const chosen = templates.data?.items.find((template) => template.id === open);
  const choose = (id: string) => {
    setNotice(undefined);
    setOpen(id);
  };
  return (
    <Stack maw={880}>
      <Anchor component={Link} href="/partnerships" size="sm" w="fit-content">
        {t('partnerships.back')}
      </Anchor>
      <PageHeading>{t('partnerships.templates.title')}</PageHeading>
      <Text size="sm">{t('partnerships.templates.help')}</Text>
      <ProblemAlert error={templates.error} />
      {templates.isLoading && <PageLoader />}
      {templates.data && (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {templates.data.items.map((template) => (
            <Paper key={template.id} component="li" withBorder p="xs">
              <Group justify="space-between" gap="xs">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {template.name}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t(`partnerships.templates.direction.${template.direction}`)}
                  </Text>
                </Stack>
                {mayChange && (
                  <Button
                    size="xs"
                    variant={open === template.id ? 'filled' : 'outline'}
                    aria-label={t('partnerships.templates.openThis', { name: template.name })}
                    onClick={() => choose(template.id)}
                  >
                    {t('partnerships.templates.open')}
                  </Button>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {mayChange && open !== 'new' && (
        <Button variant="outline" w="fit-content" onClick={() => choose('new')}>
          {t('partnerships.templates.add')}
        </Button>
      )}
      {notice && (
        <Text c="teal.9" role="status">
          {notice}
        </Text>
      )}
      {open === 'new' && (
        <TemplateEditor
          key="new"
          onSaved={(saved) => {
            setOpen(saved.id);
            setNotice(t('common.saved'));
          }}
          onNotice={setNotice}
        />
      )}
      {chosen && (
        <TemplateEditor
          key={`${chosen.id}.${chosen.version}`}
          template={chosen}
          onSaved={() => setNotice(t('common.saved'))}
          onNotice={setNotice}
        />
      )}
    </Stack>
  );
}

function TemplateEditor({
  template,
  onSaved,
  onNotice,
}: {
  template?: Template;
  onSaved: (saved: Template) => void;
  onNotice: (notice: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const problemMessage = useProblemMessage();
  const [form, setForm] = useState<TemplateForm>(() => (template ? formOf(template) : blankTemplate));
  const { error, setError, busy, run } = useAction();
  const error_ = (field: string) => fieldError(error, field);
  const update = (change: Partial<TemplateForm>) => setForm((current) => ({ ...current, ...change }));
  const setSections = (change: (sections: SectionForm[]) => SectionForm[]) =>
    setForm((current) => ({ ...current, sections: change(current.sections) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onNotice(undefined);
    void run(async () => {
      try {
        const saved = template
          ? await put<Template>(`/partnerships/due-diligence/templates/${template.id}`, {
              ...bodyOf(form),
              version: template.version,
            })
          : await post<Template>('/partnerships/due-diligence/templates', bodyOf(form));
        await client.invalidateQueries({ queryKey: templatesKey });
        onSaved(saved);
      } catch (caught) {
        if (caught instanceof ProblemError && caught.code === 'stale-version') {
          // Someone saved meanwhile: the form restarts from theirs, and the problem says so.
          onNotice(problemMessage(caught));
          setError(undefined);
          await client.invalidateQueries({ queryKey: templatesKey });
          return;
        }
        throw caught;
      }
    });
  };

  return (
    <Paper withBorder p="sm">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text component="h2" fw={700} size="lg">
            {template ? template.name : t('partnerships.templates.add')}
          </Text>
          <TextInput
            label={t('partnerships.templates.name')}
            required
            value={form.name}
            onChange={(event) => update({ name: event.currentTarget.value })}
            error={error_('name')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('partnerships.templates.directionLabel')}
              value={form.direction}
              data={directions.map((value) => ({
                value,
                label: t(`partnerships.templates.direction.${value}`),
              }))}
              onChange={(event) => update({ direction: event.currentTarget.value as Direction })}
              error={error_('direction')}
            />
            <TextInput
              type="number"
              min={1}
              max={120}
              label={t('partnerships.templates.validity')}
              value={form.validityMonths}
              onChange={(event) => update({ validityMonths: event.currentTarget.value })}
              error={error_('validityMonths')}
            />
          </SimpleGrid>
          <Fieldset legend={t('partnerships.templates.thresholds')}>
            <Stack gap="xs">
              <Text size="sm">{t('partnerships.templates.thresholdsHelp')}</Text>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                {(['low', 'moderate', 'significant'] as const).map((rating) => (
                  <TextInput
                    key={rating}
                    type="number"
                    min={0}
                    max={100}
                    label={t('partnerships.templates.threshold', {
                      rating: t(`partnerships.risk.${rating}`),
                    })}
                    value={form[rating]}
                    onChange={(event) => update({ [rating]: event.currentTarget.value })}
                    error={error_(`thresholds.${rating}`)}
                  />
                ))}
              </SimpleGrid>
              <Text size="sm">
                {t('partnerships.templates.highBelow', {
                  rating: t('partnerships.risk.high'),
                  value: form.significant,
                })}
              </Text>
              {error_('thresholds') && (
                <Text c="red.8" size="sm" role="alert">
                  {error_('thresholds')}
                </Text>
              )}
            </Stack>
          </Fieldset>
          {form.sections.map((section, s) => (
            <SectionEditor
              key={section.key}
              section={section}
              index={s}
              count={form.sections.length}
              error={error}
              onChange={(changed) => setSections((all) => all.map((x, i) => (i === s ? changed : x)))}
              onMove={(to) => setSections((all) => moved(all, s, to))}
              onRemove={() => setSections((all) => all.filter((_, i) => i !== s))}
            />
          ))}
          {error_('sections') && (
            <Text c="red.8" size="sm" role="alert">
              {error_('sections')}
            </Text>
          )}
          <Button
            variant="outline"
            w="fit-content"
            onClick={() => setSections((all) => [...all, blankSection()])}
          >
            {t('partnerships.templates.addSection')}
          </Button>
          <ProblemAlert error={error} fields={fieldsOf(form)} />
          <Button type="submit" loading={busy} w="fit-content">
            {t('partnerships.templates.save')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

function SectionEditor({
  section,
  index,
  count,
  error,
  onChange,
  onMove,
  onRemove,
}: {
  section: SectionForm;
  index: number;
  count: number;
  error: unknown;
  onChange: (section: SectionForm) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const at = `sections.${index}`;
  const n = index + 1;
  const setQuestions = (questions: QuestionForm[]) => onChange({ ...section, questions });
  return (
    <Fieldset legend={t('partnerships.templates.section', { n })}>
      <Stack gap="sm">
        <TextInput
          label={t('partnerships.templates.sectionTitle')}
          required
          value={section.title}
          onChange={(event) => onChange({ ...section, title: event.currentTarget.value })}
          error={fieldError(error, `${at}.title`)}
        />
        <MoveButtons
          what={t('partnerships.templates.section', { n })}
          index={index}
          count={count}
          onMove={onMove}
          onRemove={onRemove}
        />
        {section.questions.map((question, q) => (
          <QuestionEditor
            key={question.id}
            question={question}
            at={`${at}.questions.${q}`}
            label={t('partnerships.templates.question', { n: `${n}.${q + 1}` })}
            index={q}
            count={section.questions.length}
            error={error}
            onChange={(changed) => setQuestions(section.questions.map((x, i) => (i === q ? changed : x)))}
            onMove={(to) => setQuestions(moved(section.questions, q, to))}
            onRemove={() => setQuestions(section.questions.filter((_, i) => i !== q))}
          />
        ))}
        {fieldError(error, `${at}.questions`) && (
          <Text c="red.8" size="sm" role="alert">
            {fieldError(error, `${at}.questions`)}
          </Text>
        )}
        <Button
          variant="subtle"
          w="fit-content"
          onClick={() => setQuestions([...section.questions, blankQuestion()])}
        >
          {t('partnerships.templates.addQuestionTo', { n })}
        </Button>
      </Stack>
    </Fieldset>
  );
}

function QuestionEditor({
  question,
  at,
  label,
  index,
  count,
  error,
  onChange,
  onMove,
  onRemove,
}: {
  question: QuestionForm;
  at: string;
  label: string;
  index: number;
  count: number;
  error: unknown;
  onChange: (question: QuestionForm) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const lists = useRegisterLists();
  const update = (change: Partial<QuestionForm>) => onChange({ ...question, ...change });
  const idError = fieldError(error, `${at}.id`);
  return (
    <Paper withBorder p="xs" role="group" aria-label={label}>
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {label}
        </Text>
        <Textarea
          label={t('partnerships.templates.questionText')}
          required
          autosize
          minRows={1}
          value={question.text}
          onChange={(event) => update({ text: event.currentTarget.value })}
          error={fieldError(error, `${at}.text`)}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect
            label={t('partnerships.templates.kind')}
            value={question.kind}
            data={questionKinds.map((value) => ({
              value,
              label: t(`partnerships.templates.kindOf.${value}`),
            }))}
            onChange={(event) => update({ kind: event.currentTarget.value })}
            error={fieldError(error, `${at}.kind`)}
          />
          <TextInput
            type="number"
            min={0}
            max={10}
            label={t('partnerships.templates.weight')}
            description={t('partnerships.templates.weightHelp')}
            value={question.weight}
            onChange={(event) => update({ weight: event.currentTarget.value })}
            error={fieldError(error, `${at}.weight`)}
          />
          <NativeSelect
            label={t('partnerships.templates.required')}
            value={question.required}
            data={(['always', 'optional', 'when'] as const).map((value) => ({
              value,
              label: t(`partnerships.templates.requiredOf.${value}`),
            }))}
            onChange={(event) => update({ required: event.currentTarget.value as QuestionForm['required'] })}
            error={fieldError(error, `${at}.required`)}
          />
        </SimpleGrid>
        {question.required === 'when' && (
          <Stack gap="xs">
            <Text size="sm">{t('partnerships.templates.whenHelp')}</Text>
            <Checkbox.Group
              label={t('partnerships.templates.whenForm')}
              value={question.forms}
              onChange={(forms) => update({ forms })}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} mt={4} spacing={4}>
                {partnershipForms.map((form) => (
                  <Checkbox key={form} value={form} label={t(`partnerships.formKind.${form}`)} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Checkbox.Group
              label={t('partnerships.templates.whenFormality')}
              value={question.formalities}
              onChange={(chosen) => update({ formalities: chosen })}
            >
              <Group mt={4} gap="md">
                {formalities.map((formality) => (
                  <Checkbox
                    key={formality}
                    value={formality}
                    label={t(`partnerships.formality.${formality}`)}
                  />
                ))}
              </Group>
            </Checkbox.Group>
            <Checkbox.Group
              label={t('partnerships.templates.whenPurpose')}
              value={question.focusAreas}
              onChange={(focusAreas) => update({ focusAreas })}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} mt={4} spacing={4}>
                {(lists.data?.focusAreas ?? []).map((term) => (
                  <Checkbox key={term.code} value={term.code} label={term.label} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <NativeSelect
              label={t('partnerships.templates.whenFunding')}
              value={question.funding}
              data={(['', 'yes', 'no'] as const).map((value) => ({
                value,
                label: t(`partnerships.templates.fundingOf.${value || 'any'}`),
              }))}
              onChange={(event) => update({ funding: event.currentTarget.value as QuestionForm['funding'] })}
            />
          </Stack>
        )}
        {idError && (
          <Text c="red.8" size="sm" role="alert">
            {idError}
          </Text>
        )}
        <MoveButtons what={label} index={index} count={count} onMove={onMove} onRemove={onRemove} />
      </Stack>
    </Paper>
  );
}

/** Up, down and remove, each naming what it moves so a screen reader tells them apart. */
function MoveButtons({
  what,
  index,
  count,
  onMove,
  onRemove,
}: {
  what: string;
  index: number;
  count: number;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      <Button
        size="xs"
        variant="subtle"
        disabled={index === 0}
        aria-label={t('partnerships.templates.moveUp', { what })}
        onClick={() => onMove(index - 1)}
      >
        {t('partnerships.templates.up')}
      </Button>
      <Button
        size="xs"
        variant="subtle"
        disabled={index === count - 1}
        aria-label={t('partnerships.templates.moveDown', { what })}
        onClick={() => onMove(index + 1)}
      >
        {t('partnerships.templates.down')}
      </Button>
      <Button
        size="xs"
        variant="subtle"
        disabled={count === 1}
        aria-label={t('partnerships.templates.removeThis', { what })}
        onClick={onRemove}
      >
        {t('common.remove')}
      </Button>
    </Group>
  );
}
