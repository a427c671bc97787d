import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
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
import { get, post } from '../../../web/api/client.ts';
import { useDraft } from '../../../web/components/draft.ts';
import { JobProgress } from '../../../web/components/job-progress.tsx';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { can, useMe } from '../../../web/session.ts';
import { DialogueLinks, formatDay } from './shared.tsx';
import type { Place, Term } from './types.ts';

type Announcement = {
  id: string;
  title: string;
  body: string;
  organisationCount: number;
  emailCount: number;
  jobId: string | null;
  sentAt: string;
  sentBy: string | null;
};
type Audience = { focusAreas: string[]; placeIds: string[]; kinds: string[]; everyone: boolean };

const listKey = ['dialogue', 'announcements'];

/** Announcements to organisations of the register, and the form to write one (issue 5 item 7). */
export default function AnnouncementsPage() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const [writing, setWriting] = useState(false);
  const [sending, setSending] = useState<string | null>(null);
  const list = useQuery({
    queryKey: listKey,
    queryFn: () => get<{ items: Announcement[] }>('/dialogue/announcements'),
  });
  return (
    <Stack maw={900}>
      <Group justify="space-between" align="flex-end">
        <PageHeading>{t('dialogue.announcements.title')}</PageHeading>
        {can(me, 'dialogue:edit') && !writing && (
          <Button onClick={() => setWriting(true)}>{t('dialogue.announcements.new')}</Button>
        )}
      </Group>
      <DialogueLinks />
      {writing && (
        <AnnouncementForm
          onSent={(jobId) => {
            setWriting(false);
            setSending(jobId);
          }}
          onCancel={() => setWriting(false)}
        />
      )}
      {sending && (
        <Paper withBorder p="sm">
          <Text size="sm">{t('dialogue.announcements.sending')}</Text>
          <JobProgress jobId={sending} />
        </Paper>
      )}
      <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.isLoading && <PageLoader />}
      {list.isSuccess && list.data.items.length === 0 && <Text>{t('dialogue.announcements.none')}</Text>}
      <Stack gap="sm" component="ul" p={0} style={{ listStyle: 'none' }}>
        {(list.data?.items ?? []).map((item) => (
          <Card key={item.id} withBorder component="li" padding="sm">
            <Text fw={600}>{item.title}</Text>
            <Text size="sm">
              {formatDay(item.sentAt, i18n.language)} ·{' '}
              {t('dialogue.announcements.reach', {
                organisations: item.organisationCount,
                emails: item.emailCount,
              })}
              {item.sentBy ? ` · ${item.sentBy}` : ''}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-line' }} lineClamp={3}>
              {item.body}
            </Text>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}

function AnnouncementForm({ onSent, onCancel }: { onSent: (jobId: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const lists = useQuery({
    queryKey: ['register', 'taxonomies'],
    queryFn: () => get<{ kinds: Term[]; focusAreas: Term[]; places: Place[] }>('/register/taxonomies'),
    staleTime: 30 * 60_000,
  });
  const blank = {
    title: '',
    body: '',
    focusAreas: [] as string[],
    placeIds: [] as string[],
    kinds: [] as string[],
    everyone: false,
  };
  const [form, update, clearDraft] = useDraft('dialogue.announcement.new', blank);
  const audience: Audience = {
    focusAreas: form.focusAreas,
    placeIds: form.placeIds,
    kinds: form.kinds,
    everyone: form.everyone,
  };
  const [preview, setPreview] = useState<{ organisations: number; emails: number } | null>(null);
  const action = useAction();
  const error = (field: string) => fieldError(action.error, field);
  const change = (values: Partial<typeof blank>) => {
    setPreview(null);
    update(values);
  };
  async function count() {
    await action.run(async () => {
      setPreview(await post('/dialogue/announcements/preview', audience));
    });
  }
  async function send(event: FormEvent) {
    event.preventDefault();
    await action.run(async () => {
      const sent = await post<Announcement>('/dialogue/announcements', {
        title: form.title,
        body: form.body,
        audience,
      });
      clearDraft();
      await client.invalidateQueries({ queryKey: listKey });
      await client.invalidateQueries({ queryKey: ['dialogue', 'disclosures'] });
      if (sent.jobId) onSent(sent.jobId);
    });
  }
  const audienceError =
    error('audience') ??
    error('audience.everyone') ??
    error('audience.focusAreas') ??
    error('audience.kinds') ??
    error('audience.placeIds');
  return (
    <Paper withBorder p="md">
      <form onSubmit={(event: FormEvent) => void send(event)} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('dialogue.announcements.new')}
          </Title>
          <TextInput
            label={t('dialogue.announcements.subject')}
            required
            value={form.title}
            error={error('title')}
            onChange={(e) => change({ title: e.currentTarget.value })}
          />
          <Textarea
            label={t('dialogue.announcements.body')}
            required
            autosize
            minRows={5}
            maxLength={10_000}
            value={form.body}
            error={error('body')}
            onChange={(e) => change({ body: e.currentTarget.value })}
          />
          <Title order={3} size="h5">
            {t('dialogue.announcements.to')}
          </Title>
          <Checkbox
            label={t('dialogue.announcements.everyone')}
            checked={form.everyone}
            onChange={(e) =>
              change({ everyone: e.currentTarget.checked, focusAreas: [], placeIds: [], kinds: [] })
            }
          />
          {!form.everyone && (
            <>
              <MultiSelect
                label={t('dialogue.policy.focusAreas')}
                searchable
                value={form.focusAreas}
                onChange={(value) => change({ focusAreas: value })}
                data={(lists.data?.focusAreas ?? []).map((term) => ({ value: term.code, label: term.label }))}
              />
              <MultiSelect
                label={t('dialogue.announcements.places')}
                description={t('dialogue.announcements.placesHelp')}
                searchable
                value={form.placeIds}
                onChange={(value) => change({ placeIds: value })}
                data={(lists.data?.places ?? []).map((place) => ({ value: place.id, label: place.name }))}
              />
              <MultiSelect
                label={t('dialogue.announcements.kinds')}
                searchable
                value={form.kinds}
                onChange={(value) => change({ kinds: value })}
                data={(lists.data?.kinds ?? []).map((term) => ({ value: term.code, label: term.label }))}
              />
            </>
          )}
          {audienceError && (
            <Alert color="red.9" role="alert">
              {audienceError}
            </Alert>
          )}
          {!audienceError && <ProblemAlert error={action.error} />}
          {preview && (
            <Text fw={600} role="status">
              {t('dialogue.announcements.reach', preview)}
            </Text>
          )}
          <Group>
            <Button variant="default" onClick={() => void count()} loading={action.busy}>
              {t('dialogue.announcements.preview')}
            </Button>
            <Button type="submit" loading={action.busy} disabled={!preview || preview.organisations === 0}>
              {t('dialogue.announcements.send')}
            </Button>
            <Button variant="subtle" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
