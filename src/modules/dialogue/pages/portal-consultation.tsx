import { Alert, Anchor, Button, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { get, post } from '../../../web/api/client.ts';
import { useDraft } from '../../../web/components/draft.ts';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { formatDay } from './shared.tsx';
import type { PublicConsultation } from './types.ts';

/** A consultation answered in the organisation's name by one of its CSO users. */
export default function PortalConsultationPage() {
  const { t, i18n } = useTranslation();
  const { id = '', consultationId = '' } = useParams<{ id: string; consultationId: string }>();
  const consultation = useQuery({
    queryKey: ['dialogue', 'public-consultation', consultationId],
    queryFn: () => get<PublicConsultation>(`/dialogue/public/consultations/${consultationId}`),
  });
  const data = consultation.data;
  return (
    <Stack maw={720}>
      <PageHeading>{data?.title ?? t('dialogue.consult.title')}</PageHeading>
      <Anchor component={Link} href={`/portal/${id}/dialogue`}>
        {t('dialogue.portal.title')}
      </Anchor>
      {consultation.isLoading && <PageLoader />}
      <ProblemAlert error={consultation.error} onRetry={() => void consultation.refetch()} />
      {data && (
        <>
          <Text size="sm">
            {t('dialogue.consult.on', { policy: data.policy.title })} ·{' '}
            {data.open
              ? t('dialogue.consult.closes', { date: formatDay(data.closesAt, i18n.language) })
              : t('dialogue.consult.closed', { date: formatDay(data.closesAt, i18n.language) })}
          </Text>
          {data.description && <Text>{data.description}</Text>}
          {data.open && <OrganisationSubmission organisationId={id} consultation={data} />}
        </>
      )}
    </Stack>
  );
}

function OrganisationSubmission({
  organisationId,
  consultation,
}: {
  organisationId: string;
  consultation: PublicConsultation;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const blank = { answers: consultation.questions.map(() => '') };
  const [form, update, clearDraft] = useDraft(`dialogue.portal.${organisationId}.${consultation.id}`, blank);
  const [sent, setSent] = useState(false);
  const action = useAction();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const done = await action.run(async () => {
      await post(`/dialogue/consultations/${consultation.id}/organisation-submissions`, {
        organisationId,
        answers: form.answers,
      });
      clearDraft();
      await client.invalidateQueries({ queryKey: ['portal', organisationId, 'consultations'] });
    });
    setSent(done);
  }
  if (sent)
    return (
      <Alert color="teal" variant="light" role="status">
        {t('dialogue.consult.thanks')}
      </Alert>
    );
  return (
    <Paper withBorder p="md">
      <form onSubmit={(event: FormEvent) => void submit(event)} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('dialogue.portal.forOrganisation')}
          </Title>
          {consultation.questions.map((question, index) => (
            <Textarea
              key={index}
              label={question}
              autosize
              minRows={3}
              value={form.answers[index] ?? ''}
              onChange={(e) =>
                update({ answers: form.answers.map((a, i) => (i === index ? e.currentTarget.value : a)) })
              }
            />
          ))}
          {fieldError(action.error, 'answers') && (
            <Text size="sm" c="red.9">
              {fieldError(action.error, 'answers')}
            </Text>
          )}
          {!fieldError(action.error, 'answers') && <ProblemAlert error={action.error} />}
          <Button type="submit" loading={action.busy}>
            {t('dialogue.consult.send')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
