import { Button, Group, MultiSelect, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { post, put } from '../../../web/api/client.ts';
import { useDraft } from '../../../web/components/draft.ts';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import {
  FileLink,
  linesOf,
  uploadFile,
  useDialogueOptions,
  useFocusAreas,
  StaffSelect,
  FormButtons,
} from './shared.tsx';
import type { FileSummary, Policy } from './types.ts';

type FormState = {
  title: string;
  kind: string;
  summary: string;
  ownerUnitId: string;
  contactUserId: string;
  implementationDate: string;
  objectives: string;
  focusAreas: string[];
  status: string;
  documents: FileSummary[];
  firstReviewMonths: string;
  reviewEveryMonths: string;
};

const empty: FormState = {
  title: '',
  kind: 'policy',
  summary: '',
  ownerUnitId: '',
  contactUserId: '',
  implementationDate: '',
  objectives: '',
  focusAreas: [],
  status: 'in-force',
  documents: [],
  firstReviewMonths: '24',
  reviewEveryMonths: '36',
};

const fromPolicy = (policy: Policy): FormState => ({
  title: policy.title,
  kind: policy.kind,
  summary: policy.summary ?? '',
  ownerUnitId: policy.ownerUnit?.id ?? '',
  contactUserId: policy.contact.id,
  implementationDate: policy.implementationDate,
  objectives: policy.strategicObjectives.join('\n'),
  focusAreas: policy.focusAreas,
  status: policy.status,
  documents: policy.documents,
  firstReviewMonths: String(policy.firstReviewMonths),
  reviewEveryMonths: String(policy.reviewEveryMonths),
});

const fields = [
  'title',
  'kind',
  'summary',
  'ownerUnitId',
  'contactUserId',
  'implementationDate',
  'strategicObjectives',
  'focusAreas',
  'status',
  'documentIds',
  'firstReviewMonths',
  'reviewEveryMonths',
];

/** Adding a policy and changing one: one form, kept as a draft on this device until saved. */
export function PolicyForm({ policy, onDone }: { policy?: Policy; onDone?: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [, navigate] = useLocation();
  const options = useDialogueOptions();
  const focusAreas = useFocusAreas();
  const [form, update, clearDraft] = useDraft(
    policy ? `dialogue.policy.${policy.id}.${policy.version}` : 'dialogue.policy.new',
    policy ? fromPolicy(policy) : empty,
  );
  const save = useAction();
  const attach = useAction();
  const error = (field: string) => fieldError(save.error, field);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = {
      title: form.title,
      kind: form.kind,
      summary: form.summary.trim() || null,
      ownerUnitId: form.ownerUnitId || null,
      contactUserId: form.contactUserId,
      implementationDate: form.implementationDate,
      strategicObjectives: linesOf(form.objectives),
      focusAreas: form.focusAreas,
      status: form.status,
      documentIds: form.documents.map((file) => file.id),
      firstReviewMonths: Number(form.firstReviewMonths),
      reviewEveryMonths: Number(form.reviewEveryMonths),
    };
    await save.run(async () => {
      const saved = policy
        ? await put<Policy>(`/dialogue/policies/${policy.id}`, { ...body, version: policy.version })
        : await post<Policy>('/dialogue/policies', body);
      clearDraft();
      client.setQueryData(['dialogue', 'policy', saved.id], saved);
      await client.invalidateQueries({ queryKey: ['dialogue', 'policies'] });
      if (onDone) onDone();
      else navigate(`/dialogue/policies/${saved.id}`);
    });
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('common.draftKept')}
        </Text>
        <TextInput
          label={t('dialogue.policy.title')}
          required
          value={form.title}
          error={error('title')}
          onChange={(e) => update({ title: e.currentTarget.value })}
        />
        <Group grow align="flex-start">
          <NativeSelect
            label={t('dialogue.policy.kind')}
            value={form.kind}
            onChange={(e) => update({ kind: e.currentTarget.value })}
            data={[
              { value: 'policy', label: t('dialogue.kind.policy') },
              { value: 'plan', label: t('dialogue.kind.plan') },
            ]}
          />
          <NativeSelect
            label={t('dialogue.policy.status')}
            value={form.status}
            error={error('status')}
            onChange={(e) => update({ status: e.currentTarget.value })}
            data={['draft', 'in-force', 'under-review', 'retired'].map((s) => ({
              value: s,
              label: t(`dialogue.status.${s}`),
            }))}
          />
        </Group>
        <Textarea
          label={t('dialogue.policy.summary')}
          autosize
          minRows={2}
          value={form.summary}
          error={error('summary')}
          onChange={(e) => update({ summary: e.currentTarget.value })}
        />
        <Group grow align="flex-start">
          <StaffSelect
            value={form.contactUserId}
            error={error('contactUserId')}
            onChange={(contactUserId) => update({ contactUserId })}
          />
          <NativeSelect
            label={t('dialogue.policy.ownerUnit')}
            value={form.ownerUnitId}
            error={error('ownerUnitId')}
            onChange={(e) => update({ ownerUnitId: e.currentTarget.value })}
            data={[
              { value: '', label: t('dialogue.none') },
              ...(options.data?.units ?? []).map((unit) => ({ value: unit.id, label: unit.name })),
            ]}
          />
        </Group>
        <TextInput
          type="date"
          label={t('dialogue.policy.implementationDate')}
          required
          value={form.implementationDate}
          error={error('implementationDate')}
          onChange={(e) => update({ implementationDate: e.currentTarget.value })}
        />
        <Textarea
          label={t('dialogue.policy.objectives')}
          description={t('dialogue.onePerLine')}
          autosize
          minRows={2}
          value={form.objectives}
          error={error('strategicObjectives')}
          onChange={(e) => update({ objectives: e.currentTarget.value })}
        />
        <MultiSelect
          label={t('dialogue.policy.focusAreas')}
          searchable
          value={form.focusAreas}
          error={error('focusAreas')}
          onChange={(value) => update({ focusAreas: value })}
          data={(focusAreas.data ?? []).map((term) => ({ value: term.code, label: term.label }))}
        />
        <Group grow align="flex-start">
          <TextInput
            type="number"
            min={1}
            max={120}
            label={t('dialogue.policy.firstReviewMonths')}
            value={form.firstReviewMonths}
            error={error('firstReviewMonths')}
            onChange={(e) => update({ firstReviewMonths: e.currentTarget.value })}
          />
          <TextInput
            type="number"
            min={1}
            max={120}
            label={t('dialogue.policy.reviewEveryMonths')}
            value={form.reviewEveryMonths}
            error={error('reviewEveryMonths')}
            onChange={(e) => update({ reviewEveryMonths: e.currentTarget.value })}
          />
        </Group>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('dialogue.policy.documents')}
          </Text>
          {form.documents.map((file) => (
            <Group key={file.id} gap="xs">
              <FileLink file={file} />
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => update({ documents: form.documents.filter((d) => d.id !== file.id) })}
              >
                {t('common.remove')}
              </Button>
            </Group>
          ))}
          <input
            type="file"
            aria-label={t('dialogue.policy.addDocument')}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file)
                void attach.run(async () =>
                  update({ documents: [...form.documents, await uploadFile(file)] }),
                );
            }}
          />
          <ProblemAlert error={attach.error} />
          {error('documentIds') && (
            <Text size="sm" c="red.9">
              {error('documentIds')}
            </Text>
          )}
        </Stack>
        <ProblemAlert error={save.error} fields={fields} />
        <FormButtons
          busy={save.busy || attach.busy}
          onCancel={() => {
            clearDraft();
            if (onDone) onDone();
            else navigate('/dialogue');
          }}
        />
      </Stack>
    </form>
  );
}
