import '@mantine/core/styles/Fieldset.css';
import { Button, Fieldset, FileInput, Group, NativeSelect, Stack, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { patch, post, uploadFile } from '../../../web/api/client.ts';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import type { Partnership } from './types.ts';

type Assessment = Partnership['assessments'][number];
type AnswerValue = boolean | number | string;

/**
 * An open due diligence (001 §15d), either side's: its questions by section, saved as often as
 * needed, then completed. The agency's tab and the CSO's portal page differ only in the address
 * and the words on the buttons.
 */
export function AssessmentForm({
  url,
  uploadUrl,
  assessment,
  canEdit = true,
  saveLabel,
  completeLabel,
  onChanged,
}: {
  url: string;
  /** Where evidence files go: the agency's store for staff, the portal's own address for a CSO. */
  uploadUrl: string;
  assessment: Assessment;
  canEdit?: boolean;
  saveLabel: string;
  completeLabel: string;
  onChanged: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>(assessment.answers);
  const { error, busy, run } = useAction();
  const set = (id: string, value: AnswerValue | undefined) =>
    setAnswers((current) => {
      const next = { ...current };
      if (value === undefined) delete next[id];
      else next[id] = value;
      return next;
    });
  // An answer taken back is sent as null, so the server forgets it too.
  const changes = () => {
    const out: Record<string, AnswerValue | null> = { ...answers };
    for (const id of Object.keys(assessment.answers)) if (!(id in answers)) out[id] = null;
    return out;
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await patch(url, { answers: changes() });
      await onChanged();
    });
  };
  const complete = () =>
    void run(async () => {
      await patch(url, { answers: changes() });
      await post(`${url}/complete`);
      await onChanged();
    });
  const sections = [...new Set(assessment.questions.map((q) => q.section))];
  return (
    <Stack component="form" onSubmit={save} gap="sm">
      {sections.map((section) => (
        <Fieldset key={section} legend={section} disabled={!canEdit}>
          <Stack gap="sm">
            {assessment.questions
              .filter((q) => q.section === section)
              .map((q) => {
                const label = q.required ? `${q.text} (${t('partnerships.assessment.required')})` : q.text;
                const problem = fieldError(error, `answers.${q.id}`);
                const value = answers[q.id];
                if (q.kind === 'text')
                  return (
                    <Textarea
                      key={q.id}
                      label={label}
                      error={problem}
                      autosize
                      value={typeof value === 'string' ? value : ''}
                      onChange={(event) => set(q.id, event.currentTarget.value || undefined)}
                    />
                  );
                if (q.kind === 'evidence')
                  return (
                    <FileInput
                      key={q.id}
                      label={label}
                      error={problem}
                      description={value ? t('partnerships.assessment.fileAttached') : undefined}
                      onChange={(file) => {
                        if (file)
                          void run(async () =>
                            set(q.id, (await uploadFile<{ id: string }>(uploadUrl, file)).id),
                          );
                      }}
                    />
                  );
                return (
                  <NativeSelect
                    key={q.id}
                    label={label}
                    error={problem}
                    value={value === undefined ? '' : String(value)}
                    data={[
                      { value: '', label: t('partnerships.answer.unknown') },
                      ...(q.kind === 'yes-no'
                        ? [
                            { value: 'true', label: t('partnerships.answer.yes') },
                            { value: 'false', label: t('partnerships.answer.no') },
                          ]
                        : [1, 2, 3, 4, 5].map((n) => ({
                            value: String(n),
                            label: t(`partnerships.assessment.scale${n}`),
                          }))),
                    ]}
                    onChange={(event) => {
                      const raw = event.currentTarget.value;
                      set(q.id, raw === '' ? undefined : q.kind === 'scale' ? Number(raw) : raw === 'true');
                    }}
                  />
                );
              })}
          </Stack>
        </Fieldset>
      ))}
      <ProblemAlert error={error} fields={assessment.questions.map((q) => `answers.${q.id}`)} />
      {canEdit && (
        <Group gap="xs">
          <Button type="submit" variant="default" loading={busy}>
            {saveLabel}
          </Button>
          <Button loading={busy} onClick={complete}>
            {completeLabel}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
