import {
  Anchor,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Paper,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post, uploadFile } from '../../../web/api/client.ts';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { votes, type DecisionRequest, type Outcome, type Vote } from './decision-types.ts';
import { formatDate } from './shared.tsx';
import type { Partnership } from './types.ts';

// The Decisions tab (issue 4 item 7; 001 §18c): the committee's requests on this partnership, their
// papers, votes, conflicts and outcome; the vote form for members; raising a request for coordinators.

const outcomeColour: Record<Outcome, string> = {
  approved: 'teal.9',
  declined: 'red.9',
  'no-quorum': 'gray.8',
};

export function OutcomeBadge({ request }: { request: DecisionRequest }) {
  const { t } = useTranslation();
  if (!request.outcome) return <Badge color="indigo.8">{t('partnerships.decisions.stateOpen')}</Badge>;
  return (
    <Badge color={outcomeColour[request.outcome]}>
      {t(`partnerships.decisions.outcome.${request.outcome}`)}
    </Badge>
  );
}

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['partnerships'] });
}

export function DecisionsTab({ partnership, canEdit }: { partnership: Partnership; canEdit: boolean }) {
  const { t } = useTranslation();
  const requests = useQuery({
    queryKey: ['partnerships', partnership.id, 'decisions'],
    queryFn: () => get<{ items: DecisionRequest[] }>(`/partnerships/${partnership.id}/decisions`),
  });
  if (requests.isLoading) return <PageLoader />;
  const items = requests.data?.items ?? [];
  const awaiting = partnership.state === 'awaiting-decision';
  return (
    <Stack gap="sm">
      <ProblemAlert error={requests.error} />
      {canEdit && awaiting && !items.some((r) => r.state === 'open') && (
        <RaiseForm partnershipId={partnership.id} />
      )}
      {items.length === 0 && (
        <Text>{awaiting ? t('partnerships.decisions.none') : t('partnerships.decisions.notAwaiting')}</Text>
      )}
      {items.map((request) => (
        <RequestCard key={request.id} request={request} canEdit={canEdit} />
      ))}
    </Stack>
  );
}

function RaiseForm({ partnershipId }: { partnershipId: string }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const [question, setQuestion] = useState('');
  const [summary, setSummary] = useState('');
  const [deadline, setDeadline] = useState('');
  const raising = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void raising.run(async () => {
      await post(`/partnerships/${partnershipId}/decisions`, {
        question,
        summary: summary.trim() || null,
        deadline,
      });
      setQuestion('');
      setSummary('');
      await refresh();
    });
  };
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="raise-decision">
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Title order={2} size="h4" id="raise-decision">
            {t('partnerships.decisions.raiseTitle')}
          </Title>
          <Text size="sm">{t('partnerships.decisions.raiseHelp')}</Text>
          <TextInput
            label={t('partnerships.decisions.question')}
            value={question}
            onChange={(e) => setQuestion(e.currentTarget.value)}
            error={fieldError(raising.error, 'question')}
            required
          />
          <Textarea
            label={t('partnerships.decisions.summary')}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
            autosize
            minRows={3}
          />
          <TextInput
            type="date"
            label={t('partnerships.decisions.deadline')}
            value={deadline}
            onChange={(e) => setDeadline(e.currentTarget.value)}
            error={fieldError(raising.error, 'deadline')}
            required
            maw={220}
          />
          <ProblemAlert error={raising.error} fields={['question', 'deadline']} />
          <Button type="submit" loading={raising.busy} w="fit-content">
            {t('partnerships.decisions.raise')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

export function RequestCard({ request, canEdit }: { request: DecisionRequest; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefresh();
  const closing = useAction();
  const open = request.state === 'open';
  const base = `/partnerships/${request.partnershipId}/decisions/${request.id}`;
  const voteOf = (userId: string) => request.votes.find((v) => v.userId === userId);
  const conflictOf = (userId: string) => request.conflicts.find((c) => c.userId === userId);
  return (
    <Card withBorder padding="sm" component="article" aria-label={request.question}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs" align="start">
          <Text fw={600} style={{ overflowWrap: 'anywhere', flex: '1 1 14rem' }}>
            {request.question}
          </Text>
          <OutcomeBadge request={request} />
        </Group>
        <Text size="xs" c="dimmed">
          {t('partnerships.decisions.raised', {
            by: request.raisedBy,
            at: formatDate(request.raisedAt, i18n.language),
            deadline: formatDate(request.deadline, i18n.language),
          })}
        </Text>
        {request.summary && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {request.summary}
          </Text>
        )}
        <Title order={3} size="h5">
          {t('partnerships.decisions.papers')}
        </Title>
        {request.papers.length === 0 && <Text size="sm">{t('partnerships.decisions.noPapers')}</Text>}
        {request.papers.map((paper) => (
          <Anchor
            key={paper.id}
            href={`/api/v1${base}/papers/${paper.id}`}
            size="sm"
            style={{ overflowWrap: 'anywhere' }}
          >
            {paper.name} ({Math.ceil(paper.size / 1024)} KB)
          </Anchor>
        ))}
        {canEdit && open && <PaperUpload base={base} />}
        <Title order={3} size="h5">
          {t('partnerships.decisions.members')}
        </Title>
        <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {request.members.map((member) => {
            const vote = voteOf(member.userId);
            const conflict = conflictOf(member.userId);
            return (
              <Text key={member.userId} size="sm" component="li" style={{ overflowWrap: 'anywhere' }}>
                <strong>{member.name}</strong>:{' '}
                {vote
                  ? `${t(`partnerships.decisions.vote.${vote.vote}`)}${vote.comment ? ` — ${vote.comment}` : ''}`
                  : conflict
                    ? t('partnerships.decisions.conflicted', { note: conflict.note })
                    : t('partnerships.decisions.waiting')}
              </Text>
            );
          })}
        </Stack>
        <Text size="sm">
          {t('partnerships.decisions.tally', { ...request.tally, quorum: request.quorum })}
        </Text>
        {open && request.mine.member && !request.mine.voted && !request.mine.conflicted && (
          <VoteForms base={base} />
        )}
        {request.mine.mayClose && (
          <>
            <ProblemAlert error={closing.error} />
            <Button
              variant="outline"
              w="fit-content"
              loading={closing.busy}
              onClick={() =>
                void closing.run(async () => {
                  await post(`${base}/close`);
                  await refresh();
                })
              }
            >
              {t('partnerships.decisions.close')}
            </Button>
          </>
        )}
      </Stack>
    </Card>
  );
}

function PaperUpload({ base }: { base: string }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const uploading = useAction();
  const [file, setFile] = useState<File | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    void uploading.run(async () => {
      await uploadFile(`${base}/papers`, file);
      setFile(null);
      await refresh();
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Group gap="xs" align="end" wrap="wrap">
        <FileInput
          label={t('partnerships.decisions.addPaper')}
          value={file}
          onChange={setFile}
          clearable
          style={{ flex: '1 1 12rem', minWidth: 0 }}
        />
        <Button type="submit" size="sm" loading={uploading.busy} disabled={!file}>
          {t('partnerships.decisions.uploadPaper')}
        </Button>
      </Group>
      <ProblemAlert error={uploading.error} />
    </form>
  );
}

function VoteForms({ base }: { base: string }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const [vote, setVote] = useState<Vote | ''>('');
  const [comment, setComment] = useState('');
  const [note, setNote] = useState('');
  const voting = useAction();
  const declaring = useAction();
  const castVote = (event: FormEvent) => {
    event.preventDefault();
    void voting.run(async () => {
      await post(`${base}/votes`, { vote, comment: comment.trim() || null });
      await refresh();
    });
  };
  const declare = (event: FormEvent) => {
    event.preventDefault();
    void declaring.run(async () => {
      await post(`${base}/conflicts`, { note });
      await refresh();
    });
  };
  return (
    <Stack gap="sm">
      <Paper withBorder p="sm">
        <form onSubmit={castVote} noValidate>
          <Stack gap="xs">
            <Radio.Group
              label={t('partnerships.decisions.yourVote')}
              description={t('partnerships.decisions.voteFinal')}
              value={vote}
              onChange={(value) => setVote(value as Vote)}
              error={fieldError(voting.error, 'vote')}
            >
              <Group gap="md" mt={4}>
                {votes.map((value) => (
                  <Radio key={value} value={value} label={t(`partnerships.decisions.vote.${value}`)} />
                ))}
              </Group>
            </Radio.Group>
            <Textarea
              label={t('partnerships.decisions.comment')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              autosize
              minRows={2}
            />
            <ProblemAlert error={voting.error} fields={['vote']} />
            <Button type="submit" loading={voting.busy} w="fit-content">
              {t('partnerships.decisions.castVote')}
            </Button>
          </Stack>
        </form>
      </Paper>
      <Paper withBorder p="sm">
        <form onSubmit={declare} noValidate>
          <Stack gap="xs">
            <Text size="sm">{t('partnerships.decisions.conflictHelp')}</Text>
            <TextInput
              label={t('partnerships.decisions.conflictNote')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={fieldError(declaring.error, 'note')}
            />
            <ProblemAlert error={declaring.error} fields={['note']} />
            <Button type="submit" variant="outline" color="red.9" loading={declaring.busy} w="fit-content">
              {t('partnerships.decisions.declareConflict')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
