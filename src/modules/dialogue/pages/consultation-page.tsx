import {
  Anchor,
  Button,
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
import { Link, useParams } from 'wouter';
import { get, post, put } from '../../../web/api/client.ts';
import { useDraft } from '../../../web/components/draft.ts';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { can, useMe } from '../../../web/session.ts';
import { formatDay } from './shared.tsx';
import type { Consultation } from './types.ts';

const key = (id: string) => ['dialogue', 'consultation', id];

/** A consultation's submissions, tagged by theme, and the "you said, we did" published per theme. */
export default function ConsultationPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams<{ id: string }>();
  const { data: me } = useMe();
  const consultation = useQuery({
    queryKey: key(id),
    queryFn: () => get<Consultation>(`/dialogue/consultations/${id}`),
  });
  const data = consultation.data;
  const editor = can(me, 'dialogue:edit');
  const themes = [...new Set(data?.submissions.flatMap((s) => s.themes) ?? [])].sort();
  return (
    <Stack maw={900}>
      <Anchor component={Link} href="/dialogue/consultations" size="sm" w="fit-content">
        {t('dialogue.consultations.back')}
      </Anchor>
      <ProblemAlert error={consultation.error} onRetry={() => void consultation.refetch()} />
      {consultation.isLoading && <PageLoader />}
      {data && (
        <>
          <PageHeading>{data.title}</PageHeading>
          <Text size="sm">
            {data.policy.title} · {formatDay(data.opensAt, i18n.language)} –{' '}
            {formatDay(data.closesAt, i18n.language)} ·{' '}
            {data.open ? t('dialogue.consultations.open') : t('dialogue.consultations.notOpen')}
          </Text>
          <Text size="sm">
            {t('dialogue.consultations.publicPage')}{' '}
            <Anchor href={`/consultations/${data.id}`}>{`/consultations/${data.id}`}</Anchor>
          </Text>
          <Stack gap="sm" component="section">
            <Title order={2} size="h4">
              {t('dialogue.consultations.submissions', { count: data.submissions.length })}
            </Title>
            {data.submissions.map((submission, index) => (
              <Paper key={submission.id} withBorder p="sm">
                <Stack gap={4}>
                  <Text size="sm" fw={600}>
                    {[submission.organisation?.name, submission.name].filter(Boolean).join(' · ') ||
                      t('dialogue.consultations.anonymous', { number: index + 1 })}
                  </Text>
                  {submission.answers.map((answer, i) =>
                    answer ? (
                      <Text key={i} size="sm">
                        <strong>{data.questions[i]}</strong> {answer}
                      </Text>
                    ) : null,
                  )}
                  {editor ? (
                    <ThemeTags
                      consultationId={data.id}
                      submission={submission}
                      label={t('dialogue.consultations.themesOf', { number: index + 1 })}
                    />
                  ) : (
                    <Text size="xs">{submission.themes.join(', ')}</Text>
                  )}
                </Stack>
              </Paper>
            ))}
          </Stack>
          <Stack gap="sm" component="section">
            <Title order={2} size="h4">
              {t('dialogue.consult.responses')}
            </Title>
            {data.responses.map((response) => (
              <Paper key={response.theme} withBorder p="sm">
                <Text fw={600} size="sm">
                  {response.theme}
                </Text>
                <Text size="sm">
                  <strong>{t('dialogue.consult.youSaid')}</strong> {response.youSaid}
                </Text>
                <Text size="sm">
                  <strong>{t('dialogue.consult.weDid')}</strong> {response.weDid}
                </Text>
              </Paper>
            ))}
            {editor && !data.open && themes.length > 0 && (
              <PublishForm
                consultation={data}
                themes={themes.filter((theme) => !data.responses.some((r) => r.theme === theme))}
              />
            )}
          </Stack>
        </>
      )}
    </Stack>
  );
}

function ThemeTags({
  consultationId,
  submission,
  label,
}: {
  consultationId: string;
  submission: Consultation['submissions'][number];
  label: string;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [text, setText] = useState(submission.themes.join(', '));
  const action = useAction();
  const save = () =>
    action.run(async () => {
      const saved = await put<Consultation>(
        `/dialogue/consultations/${consultationId}/submissions/${submission.id}/themes`,
        {
          themes: text
            .split(',')
            .map((theme) => theme.trim())
            .filter(Boolean),
        },
      );
      client.setQueryData(key(consultationId), saved);
    });
  return (
    <Group align="flex-end" gap="xs">
      <TextInput
        size="xs"
        label={label}
        description={t('dialogue.consultations.themesHelp')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        style={{ flex: 1 }}
      />
      <Button size="xs" variant="default" loading={action.busy} onClick={() => void save()}>
        {t('dialogue.consultations.tag')}
      </Button>
      <ProblemAlert error={action.error} />
    </Group>
  );
}

function PublishForm({ consultation, themes }: { consultation: Consultation; themes: string[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, update, clearDraft] = useDraft(`dialogue.response.${consultation.id}`, {
    theme: '',
    youSaid: '',
    weDid: '',
  });
  const action = useAction();
  const theme = form.theme || themes[0] || '';
  async function submit(event: FormEvent) {
    event.preventDefault();
    await action.run(async () => {
      const saved = await post<Consultation>(`/dialogue/consultations/${consultation.id}/responses`, {
        ...form,
        theme,
      });
      clearDraft();
      update({ theme: '', youSaid: '', weDid: '' });
      client.setQueryData(key(consultation.id), saved);
    });
  }
  if (themes.length === 0) return null;
  return (
    <Paper withBorder p="md" component="form" onSubmit={(event: FormEvent) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('dialogue.consultations.publish')}
        </Title>
        <NativeSelect
          label={t('dialogue.consultations.theme')}
          value={theme}
          onChange={(e) => update({ theme: e.currentTarget.value })}
          data={themes}
        />
        <Textarea
          label={t('dialogue.consult.youSaid')}
          required
          autosize
          value={form.youSaid}
          error={fieldError(action.error, 'youSaid')}
          onChange={(e) => update({ youSaid: e.currentTarget.value })}
        />
        <Textarea
          label={t('dialogue.consult.weDid')}
          required
          autosize
          value={form.weDid}
          error={fieldError(action.error, 'weDid')}
          onChange={(e) => update({ weDid: e.currentTarget.value })}
        />
        <ProblemAlert error={action.error} fields={['youSaid', 'weDid']} />
        <Button type="submit" w="fit-content" loading={action.busy}>
          {t('dialogue.consultations.publishButton')}
        </Button>
      </Stack>
    </Paper>
  );
}
