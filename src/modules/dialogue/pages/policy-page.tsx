import { Anchor, Button, Group, List, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { get, post } from '../../../web/api/client.ts';
import { useDraft } from '../../../web/components/draft.ts';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { can, useMe } from '../../../web/session.ts';
import { RecordPage } from './record-page.tsx';
import { PolicyForm } from './policy-form.tsx';
import { ServingPartnerships } from './serving-partnerships.tsx';
import { FileLink, formatDay, labelOf, ReviewBadge, useFocusAreas } from './shared.tsx';
import type { ConsultationList, MeetingPage, Policy } from './types.ts';

/** One policy: whom to contact, its objectives, documents, review schedule and reviews so far. */
export default function PolicyPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams<{ id: string }>();
  const { data: me } = useMe();
  const focusAreas = useFocusAreas();
  const policy = useQuery({
    queryKey: ['dialogue', 'policy', id],
    queryFn: () => get<Policy>(`/dialogue/policies/${id}`),
  });
  const meetings = useQuery({
    queryKey: ['dialogue', 'meetings', 'policy', id],
    queryFn: () => get<MeetingPage>(`/dialogue/meetings?policyId=${id}&limit=20`),
  });
  const consultations = useQuery({
    queryKey: ['dialogue', 'consultations', 'policy', id],
    queryFn: () => get<ConsultationList>(`/dialogue/consultations?policyId=${id}`),
  });
  const editor = can(me, 'dialogue:edit');

  return (
    <RecordPage
      query={policy}
      back={{ href: '/dialogue', label: t('dialogue.back') }}
      maw={820}
      title={(data) => data.title}
      canEdit={editor}
      form={(data, done) => <PolicyForm policy={data} onDone={done} />}
      summary={(data) => (
        <>
          <Text>
            {t(`dialogue.kind.${data.kind}`)} · {t(`dialogue.status.${data.status}`)}
            {data.ownerUnit ? ` · ${data.ownerUnit.name}` : ''}
          </Text>
          {data.summary && <Text>{data.summary}</Text>}
          <Paper withBorder p="md">
            <Stack gap={4}>
              <Text>
                {t('dialogue.policy.contact')}: <strong>{data.contact.name}</strong> ·{' '}
                <Anchor href={`mailto:${data.contact.email}`}>{data.contact.email}</Anchor>
              </Text>
              <Text>
                {t('dialogue.policy.implementationDate')}: {formatDay(data.implementationDate, i18n.language)}
              </Text>
              <Group gap="xs">
                <Text>
                  {t('dialogue.policy.nextReview')}:{' '}
                  <strong>{formatDay(data.nextReviewOn, i18n.language)}</strong>
                </Text>
                <ReviewBadge overdue={data.reviewOverdue} />
              </Group>
              <Text size="sm">
                {t('dialogue.policy.rule', {
                  first: data.firstReviewMonths,
                  every: data.reviewEveryMonths,
                })}
              </Text>
              {data.focusAreas.length > 0 && (
                <Text size="sm">
                  {t('dialogue.policy.focusAreas')}:{' '}
                  {data.focusAreas.map((code) => labelOf(focusAreas.data, code)).join(', ')}
                </Text>
              )}
            </Stack>
          </Paper>
          {data.strategicObjectives.length > 0 && (
            <Stack gap={4} component="section">
              <Title order={2} size="h4">
                {t('dialogue.policy.objectives')}
              </Title>
              <List>
                {data.strategicObjectives.map((objective) => (
                  <List.Item key={objective}>{objective}</List.Item>
                ))}
              </List>
            </Stack>
          )}
          {data.documents.length > 0 && (
            <Stack gap={4} component="section">
              <Title order={2} size="h4">
                {t('dialogue.policy.documents')}
              </Title>
              {data.documents.map((file) => (
                <FileLink key={file.id} file={file} />
              ))}
            </Stack>
          )}
          <Stack gap={4} component="section">
            <Title order={2} size="h4">
              {t('dialogue.policy.schedule')}
            </Title>
            {meetings.data?.items.length ? (
              meetings.data.items.map((meeting) => (
                <Anchor key={meeting.id} component={Link} href={`/dialogue/meetings/${meeting.id}`}>
                  {meeting.title} · {formatDay(meeting.startsAt, i18n.language)}
                </Anchor>
              ))
            ) : (
              <Text size="sm">{t('dialogue.policy.noMeetings')}</Text>
            )}
            {consultations.data?.items.map((consultation) => (
              <Anchor
                key={consultation.id}
                component={Link}
                href={`/dialogue/consultations/${consultation.id}`}
              >
                {t('dialogue.calendar.deadline', { title: consultation.title })} ·{' '}
                {formatDay(consultation.closesAt, i18n.language)}
              </Anchor>
            ))}
          </Stack>
          {can(me, 'partnerships:read') && <ServingPartnerships policyId={data.id} />}
          <Stack gap="xs" component="section">
            <Title order={2} size="h4">
              {t('dialogue.review.title')}
            </Title>
            {data.reviews.length === 0 && <Text size="sm">{t('dialogue.review.none')}</Text>}
            {data.reviews.map((review) => (
              <Paper key={review.id} withBorder p="sm">
                <Text size="sm" fw={600}>
                  {formatDay(review.reviewedOn, i18n.language)}
                  {review.recordedBy ? ` · ${review.recordedBy}` : ''}
                </Text>
                <Text size="sm">{review.summary}</Text>
              </Paper>
            ))}
            {editor && <ReviewForm policy={data} />}
          </Stack>
        </>
      )}
    />
  );
}

function ReviewForm({ policy }: { policy: Policy }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, update, clearDraft] = useDraft(`dialogue.review.${policy.id}`, {
    reviewedOn: '',
    summary: '',
  });
  const action = useAction();
  async function submit(event: FormEvent) {
    event.preventDefault();
    await action.run(async () => {
      const saved = await post<Policy>(`/dialogue/policies/${policy.id}/reviews`, form);
      clearDraft();
      update({ reviewedOn: '', summary: '' });
      client.setQueryData(['dialogue', 'policy', policy.id], saved);
      await client.invalidateQueries({ queryKey: ['dialogue', 'policies'] });
    });
  }
  return (
    <Paper withBorder p="md" component="form" onSubmit={(event: FormEvent) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('dialogue.review.record')}
        </Title>
        <TextInput
          type="date"
          label={t('dialogue.review.reviewedOn')}
          required
          value={form.reviewedOn}
          error={fieldError(action.error, 'reviewedOn')}
          onChange={(e) => update({ reviewedOn: e.currentTarget.value })}
        />
        <Textarea
          label={t('dialogue.review.summary')}
          required
          autosize
          minRows={2}
          value={form.summary}
          error={fieldError(action.error, 'summary')}
          onChange={(e) => update({ summary: e.currentTarget.value })}
        />
        <ProblemAlert error={action.error} fields={['reviewedOn', 'summary']} />
        <Button type="submit" loading={action.busy} w="fit-content">
          {t('dialogue.review.save')}
        </Button>
      </Stack>
    </Paper>
  );
}
