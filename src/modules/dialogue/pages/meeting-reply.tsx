import { Alert, Anchor, Button, List, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearch } from 'wouter';
import { get, post } from '../../../web/api/client.ts';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { formatMeetingTime, PublicFrame } from './shared.tsx';
import type { Reply, ReplyPage } from './types.ts';

/**
 * The page an invitation e-mail links to: no sign-in, little to load. The signed token in the
 * address says who is answering; a forged or expired one gets the server's words.
 */
export default function MeetingReplyPage() {
  const { t, i18n } = useTranslation();
  const token = new URLSearchParams(useSearch()).get('token') ?? '';
  const client = useQueryClient();
  const key = ['dialogue', 'reply', token];
  const invitation = useQuery({
    queryKey: key,
    queryFn: () => get<ReplyPage>(`/dialogue/replies/${encodeURIComponent(token)}`),
    retry: false,
  });
  const [choice, setChoice] = useState<Reply | ''>('');
  const [note, setNote] = useState<string>();
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const data = invitation.data;
  const reply = choice || data?.reply || '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reply) return;
    setSaved(false);
    const done = await action.run(async () => {
      const answered = await post<ReplyPage>(`/dialogue/replies/${encodeURIComponent(token)}`, {
        reply,
        note: (note ?? data?.note ?? '').trim() || null,
      });
      client.setQueryData(key, answered);
    });
    setSaved(done);
  }

  return (
    <>
      <PublicFrame size={640}>
        <Stack>
          <PageHeading>{data ? data.meeting.title : t('dialogue.replyPage.title')}</PageHeading>
          {invitation.isLoading && <PageLoader />}
          <ProblemAlert error={invitation.error} />
          {data && (
            <>
              {data.name && <Text>{t('dialogue.replyPage.greeting', { name: data.name })}</Text>}
              <Paper withBorder p="md">
                <Stack gap={4}>
                  <Text fw={600}>{formatMeetingTime(data.meeting, i18n.language)}</Text>
                  {data.meeting.place && <Text>{data.meeting.place}</Text>}
                  {data.meeting.onlineLink && (
                    <Anchor href={data.meeting.onlineLink} target="_blank" rel="noreferrer">
                      {data.meeting.onlineLink}
                    </Anchor>
                  )}
                </Stack>
              </Paper>
              {data.meeting.description && <Text>{data.meeting.description}</Text>}
              {data.meeting.agenda.length > 0 && (
                <Stack gap={4}>
                  <Title order={2} size="h4">
                    {t('dialogue.meeting.agenda')}
                  </Title>
                  <List type="ordered">
                    {data.meeting.agenda.map((item, index) => (
                      <List.Item key={index}>{item}</List.Item>
                    ))}
                  </List>
                </Stack>
              )}
              <form onSubmit={(event) => void submit(event)} noValidate>
                <Stack gap="sm">
                  <Radio.Group
                    label={t('dialogue.replyPage.question')}
                    value={reply}
                    onChange={(value) => setChoice(value as Reply)}
                  >
                    <Stack gap="xs" mt="xs">
                      <Radio value="attending" label={t('dialogue.reply.attending')} />
                      <Radio value="not-attending" label={t('dialogue.reply.not-attending')} />
                      <Radio value="maybe" label={t('dialogue.reply.maybe')} />
                    </Stack>
                  </Radio.Group>
                  <Textarea
                    label={t('dialogue.replyPage.note')}
                    autosize
                    minRows={2}
                    value={note ?? data.note ?? ''}
                    onChange={(e) => setNote(e.currentTarget.value)}
                  />
                  <ProblemAlert error={action.error} />
                  {saved && (
                    <Alert color="teal" role="status" variant="light">
                      {t('dialogue.replyPage.thanks')}
                    </Alert>
                  )}
                  <Button type="submit" w="fit-content" disabled={!reply} loading={action.busy}>
                    {t('dialogue.replyPage.send')}
                  </Button>
                </Stack>
              </form>
            </>
          )}
        </Stack>
      </PublicFrame>
    </>
  );
}
