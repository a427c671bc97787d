import { Group, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { post, put } from '../../../web/api/client.ts';
import { useDraft } from '../../../web/components/draft.ts';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { FormButtons, StaffSelect, usePlaces } from './shared.tsx';
import type { Body } from './types.ts';

export const bodyKinds = ['board', 'reference-group', 'expert-panel', 'working-group', 'forum'] as const;
const fields = ['name', 'kind', 'level', 'placeId', 'termsOfReference', 'contactUserId'];

/** Establishing an advisory body and changing it: kept as a draft until saved. */
export function BodyForm({ body, onDone }: { body?: Body; onDone?: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [, navigate] = useLocation();
  const places = usePlaces();
  const [form, update, clearDraft] = useDraft(
    body ? `dialogue.body.${body.id}.${body.version}` : 'dialogue.body.new',
    {
      name: body?.name ?? '',
      kind: body?.kind ?? 'reference-group',
      level: body?.level ?? 'national',
      placeId: body?.placeId ?? '',
      termsOfReference: body?.termsOfReference ?? '',
      contactUserId: body?.contact.id ?? '',
    },
  );
  const action = useAction();
  const error = (field: string) => fieldError(action.error, field);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = {
      ...form,
      placeId: form.placeId || null,
      termsOfReference: form.termsOfReference.trim() || null,
    };
    await action.run(async () => {
      const saved = body
        ? await put<Body>(`/dialogue/bodies/${body.id}`, { ...input, version: body.version })
        : await post<Body>('/dialogue/bodies', input);
      clearDraft();
      client.setQueryData(['dialogue', 'body', saved.id], saved);
      await client.invalidateQueries({ queryKey: ['dialogue', 'bodies'] });
      if (onDone) onDone();
      else navigate(`/dialogue/bodies/${saved.id}`);
    });
  }
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('common.draftKept')}
        </Text>
        <TextInput
          label={t('dialogue.body.name')}
          required
          value={form.name}
          error={error('name')}
          onChange={(e) => update({ name: e.currentTarget.value })}
        />
        <Group grow align="flex-start">
          <NativeSelect
            label={t('dialogue.body.kind')}
            value={form.kind}
            onChange={(e) => update({ kind: e.currentTarget.value as Body['kind'] })}
            data={bodyKinds.map((kind) => ({ value: kind, label: t(`dialogue.bodyKind.${kind}`) }))}
          />
          <NativeSelect
            label={t('dialogue.body.level')}
            value={form.level}
            onChange={(e) => update({ level: e.currentTarget.value as Body['level'] })}
            data={[
              { value: 'national', label: t('dialogue.level.national') },
              { value: 'local', label: t('dialogue.level.local') },
            ]}
          />
        </Group>
        <NativeSelect
          label={t('dialogue.body.place')}
          value={form.placeId}
          error={error('placeId')}
          onChange={(e) => update({ placeId: e.currentTarget.value })}
          data={[
            { value: '', label: t('dialogue.none') },
            ...(places.data ?? []).map((place) => ({ value: place.id, label: place.name })),
          ]}
        />
        <StaffSelect
          value={form.contactUserId}
          error={error('contactUserId')}
          onChange={(contactUserId) => update({ contactUserId })}
        />
        <Textarea
          label={t('dialogue.body.terms')}
          autosize
          minRows={3}
          value={form.termsOfReference}
          error={error('termsOfReference')}
          onChange={(e) => update({ termsOfReference: e.currentTarget.value })}
        />
        <ProblemAlert error={action.error} fields={fields} />
        <FormButtons
          busy={action.busy}
          onCancel={() => {
            clearDraft();
            if (onDone) onDone();
            else navigate('/dialogue/bodies');
          }}
        />
      </Stack>
    </form>
  );
}
