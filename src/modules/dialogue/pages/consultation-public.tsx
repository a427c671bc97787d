import { Alert, Box, Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'wouter';
import { get, post } from '../../../web/api/client.ts';
import { useDraft } from '../../../web/components/draft.ts';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { formatDay, PublicFrame } from './shared.tsx';
import type { PublicConsultation } from './types.ts';

/** A public consultation: read it, answer its questions without signing in, read what came of it. */
export default function PublicConsultationPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams<{ id: string }>();
  const consultation = useQuery({
    queryKey: ['dialogue', 'public-consultation', id],
    queryFn: () => get<PublicConsultation>(`/dialogue/public/consultations/${id}`),
  });
  const data = consultation.data;
  return (
    <>
      <PublicFrame size={720}>
        <Stack>
          <PageHeading>{data?.title ?? t('dialogue.consult.title')}</PageHeading>
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
              {data.open && <SubmissionForm consultation={data} />}
              {data.responses.length > 0 && (
                <Stack gap="sm" component="section">
                  <Title order={2} size="h3">
                    {t('dialogue.consult.responses')}
                  </Title>
                  {data.responses.map((response) => (
                    <Paper key={response.theme} withBorder p="md">
                      <Title order={3} size="h5">
                        {response.theme}
                      </Title>
                      <Text size="sm">
                        <strong>{t('dialogue.consult.youSaid')}</strong> {response.youSaid}
                      </Text>
                      <Text size="sm">
                        <strong>{t('dialogue.consult.weDid')}</strong> {response.weDid}
                      </Text>
                    </Paper>
                  ))}
                </Stack>
              )}
            </>
          )}
        </Stack>
      </PublicFrame>
    </>
  );
}

function SubmissionForm({ consultation }: { consultation: PublicConsultation }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const blank = { name: '', email: '', answers: consultation.questions.map(() => '') };
  const [form, update, clearDraft] = useDraft(`dialogue.consult.${consultation.id}`, blank, {
    session: true,
  });
  const [website, setWebsite] = useState('');
  const [sent, setSent] = useState(false);
  const action = useAction();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const done = await action.run(async () => {
      await post(`/dialogue/public/consultations/${consultation.id}/submissions`, {
        name: form.name.trim() || null,
        email: form.email.trim() || null,
        answers: form.answers,
        ...(website ? { website } : {}),
      });
      clearDraft();
      update(blank);
      await client.invalidateQueries({ queryKey: ['dialogue', 'public-consultation', consultation.id] });
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
    <Paper withBorder p="md" component="form" onSubmit={(event: FormEvent) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('dialogue.consult.yourSay')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('dialogue.consult.privacy')}
        </Text>
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
        <Group grow align="flex-start">
          <TextInput
            label={t('dialogue.consult.name')}
            value={form.name}
            onChange={(e) => update({ name: e.currentTarget.value })}
          />
          <TextInput
            type="email"
            label={t('dialogue.consult.email')}
            description={t('dialogue.consult.emailHelp')}
            value={form.email}
            error={fieldError(action.error, 'email')}
            onChange={(e) => update({ email: e.currentTarget.value })}
          />
        </Group>
        {/* The honeypot: hidden from people and screen readers, filled in only by bots. */}
        <Box
          aria-hidden="true"
          style={{ position: 'absolute', insetInlineStart: '-10000px', height: 1, overflow: 'hidden' }}
        >
          <label>
            Website
            <input
              tabIndex={-1}
              autoComplete="off"
              name="website"
              value={website}
              onChange={(e) => setWebsite(e.currentTarget.value)}
            />
          </label>
        </Box>
        <ProblemAlert error={action.error} fields={['answers', 'email']} />
        <Button type="submit" w="fit-content" loading={action.busy}>
          {t('dialogue.consult.send')}
        </Button>
      </Stack>
    </Paper>
  );
}
