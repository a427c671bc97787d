import {
  Anchor,
  Button,
  Card,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { get, post } from '../../../web/api/client.ts';
import { useDraft } from '../../../web/components/draft.ts';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { can, useMe } from '../../../web/session.ts';
import { DialogueLinks, formatDay, linesOf } from './shared.tsx';
import type { Consultation, ConsultationList, PolicyPage } from './types.ts';

/** The agency's consultations, open ones first by closing date; and a form to open one. */
export default function ConsultationListPage() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const [adding, setAdding] = useState(false);
  const list = useQuery({
    queryKey: ['dialogue', 'consultations'],
    queryFn: () => get<ConsultationList>('/dialogue/consultations'),
  });
  return (
    <Stack maw={900}>
      <Group justify="space-between" align="flex-end">
        <PageHeading>{t('dialogue.consultations.title')}</PageHeading>
        {can(me, 'dialogue:edit') && !adding && (
          <Button onClick={() => setAdding(true)}>{t('dialogue.consultations.new')}</Button>
        )}
      </Group>
      <DialogueLinks />
      {adding && <ConsultationForm onDone={() => setAdding(false)} />}
      <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.isLoading && <PageLoader />}
      {list.isSuccess && list.data.items.length === 0 && <Text>{t('dialogue.consultations.none')}</Text>}
      <Stack gap="sm" component="ul" p={0} style={{ listStyle: 'none' }}>
        {(list.data?.items ?? []).map((item) => (
          <Card key={item.id} withBorder component="li" padding="sm">
            <Anchor component={Link} href={`/dialogue/consultations/${item.id}`} fw={600}>
              {item.title}
            </Anchor>
            <Text size="sm">
              {item.open ? t('dialogue.consultations.open') : t('dialogue.consultations.notOpen')} ·{' '}
              {formatDay(item.opensAt, i18n.language)} – {formatDay(item.closesAt, i18n.language)} ·{' '}
              {t('dialogue.consultations.submissions', { count: item.submissions })}
            </Text>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}

function ConsultationForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [, navigate] = useLocation();
  const policies = useQuery({
    queryKey: ['dialogue', 'policies', 'all'],
    queryFn: () => get<PolicyPage>('/dialogue/policies?limit=200'),
  });
  const [form, update, clearDraft] = useDraft('dialogue.consultation.new', {
    policyId: '',
    title: '',
    description: '',
    questions: '',
    opensOn: '',
    closesOn: '',
  });
  const action = useAction();
  const error = (field: string) => fieldError(action.error, field);
  async function submit(event: FormEvent) {
    event.preventDefault();
    await action.run(async () => {
      // Dates are whole days: open from the start of the first, closed at the end of the last (UTC).
      const created = await post<Consultation>('/dialogue/consultations', {
        policyId: form.policyId,
        title: form.title,
        description: form.description.trim() || null,
        questions: linesOf(form.questions),
        opensAt: form.opensOn ? `${form.opensOn}T00:00:00Z` : '',
        closesAt: form.closesOn ? `${form.closesOn}T23:59:59Z` : '',
      });
      clearDraft();
      await client.invalidateQueries({ queryKey: ['dialogue', 'consultations'] });
      onDone();
      navigate(`/dialogue/consultations/${created.id}`);
    });
  }
  return (
    <Paper withBorder p="md" component="form" onSubmit={(event: FormEvent) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('dialogue.consultations.new')}
        </Title>
        <NativeSelect
          label={t('dialogue.meeting.policy')}
          required
          value={form.policyId}
          error={error('policyId')}
          onChange={(e) => update({ policyId: e.currentTarget.value })}
          data={[
            { value: '', label: t('dialogue.choose') },
            ...(policies.data?.items ?? []).map((p) => ({ value: p.id, label: p.title })),
          ]}
        />
        <TextInput
          label={t('dialogue.meeting.title')}
          required
          value={form.title}
          error={error('title')}
          onChange={(e) => update({ title: e.currentTarget.value })}
        />
        <Textarea
          label={t('dialogue.meeting.description')}
          autosize
          value={form.description}
          onChange={(e) => update({ description: e.currentTarget.value })}
        />
        <Textarea
          label={t('dialogue.consultations.questions')}
          description={t('dialogue.onePerLine')}
          required
          autosize
          minRows={3}
          value={form.questions}
          error={error('questions')}
          onChange={(e) => update({ questions: e.currentTarget.value })}
        />
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label={t('dialogue.consultations.opensOn')}
            required
            value={form.opensOn}
            error={error('opensAt')}
            onChange={(e) => update({ opensOn: e.currentTarget.value })}
          />
          <TextInput
            type="date"
            label={t('dialogue.consultations.closesOn')}
            required
            value={form.closesOn}
            error={error('closesAt')}
            onChange={(e) => update({ closesOn: e.currentTarget.value })}
          />
        </Group>
        <ProblemAlert
          error={action.error}
          fields={['policyId', 'title', 'questions', 'opensAt', 'closesAt']}
        />
        <Group>
          <Button type="submit" loading={action.busy}>
            {t('common.save')}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              clearDraft();
              onDone();
            }}
          >
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
