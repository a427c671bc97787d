import { Anchor, Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { get, put } from '../../../web/api/client.ts';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { formatDay, formatMeetingTime } from './shared.tsx';

// The CSO portal's dialogue (issue 5 item 8): invitations to answer, consultations to answer,
// announcements received and "you said, we did" of consultations answered.

type Invitation = {
  id: string;
  meeting: {
    title: string;
    startsAt: string;
    endsAt: string;
    timeZone: string;
    place: string | null;
    onlineLink: string | null;
  };
  agency: string;
  reply: string | null;
  note: string | null;
  canReply: boolean;
};
type Consultation = {
  id: string;
  title: string;
  agency: string;
  policy: string;
  closesAt: string;
  open: boolean;
  submittedAt: string | null;
};
type Announcement = { id: string; title: string; body: string; agency: string; sentAt: string };
type Response = {
  consultationId: string;
  consultation: string;
  agency: string;
  theme: string;
  youSaid: string;
  weDid: string;
  publishedAt: string;
};

const replies = ['attending', 'maybe', 'not-attending'] as const;

export default function PortalDialoguePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams<{ id: string }>();
  const base = `/dialogue/portal/${id}`;
  const invitations = useQuery({
    queryKey: ['portal', id, 'invitations'],
    queryFn: () => get<{ items: Invitation[] }>(`${base}/invitations`),
  });
  const consultations = useQuery({
    queryKey: ['portal', id, 'consultations'],
    queryFn: () => get<{ items: Consultation[] }>(`${base}/consultations`),
  });
  const announcements = useQuery({
    queryKey: ['portal', id, 'announcements'],
    queryFn: () => get<{ items: Announcement[] }>(`${base}/announcements`),
  });
  const responses = useQuery({
    queryKey: ['portal', id, 'responses'],
    queryFn: () => get<{ items: Response[] }>(`${base}/responses`),
  });
  return (
    <Stack maw={820}>
      <PageHeading>{t('dialogue.portal.title')}</PageHeading>
      <Anchor component={Link} href={`/portal/${id}`}>
        {t('dialogue.portal.back')}
      </Anchor>

      <Section
        title={t('dialogue.portal.invitations')}
        query={invitations}
        empty={t('dialogue.portal.noInvitations')}
      >
        {invitations.data?.items.map((invitation) => (
          <InvitationCard key={invitation.id} organisationId={id} invitation={invitation} />
        ))}
      </Section>

      <Section
        title={t('dialogue.portal.consultations')}
        query={consultations}
        empty={t('dialogue.portal.noConsultations')}
      >
        {consultations.data?.items.map((consultation) => (
          <ConsultationCard key={consultation.id} organisationId={id} consultation={consultation} />
        ))}
      </Section>

      <Section
        title={t('dialogue.portal.announcements')}
        query={announcements}
        empty={t('dialogue.portal.noAnnouncements')}
      >
        {announcements.data?.items.map((announcement) => (
          <AnnouncementCard key={announcement.id} announcement={announcement} />
        ))}
      </Section>

      <Section
        title={t('dialogue.consult.responses')}
        query={responses}
        empty={t('dialogue.portal.noResponses')}
      >
        {responses.data?.items.map((response) => (
          <ResponseCard key={`${response.consultationId}-${response.theme}`} response={response} />
        ))}
      </Section>
    </Stack>
  );
}

function Section({
  title,
  query,
  empty,
  children,
}: {
  title: string;
  query: {
    isLoading: boolean;
    error: unknown;
    data?: { items: unknown[] } | undefined;
    refetch: () => unknown;
  };
  empty: string;
  children: ReactNode;
}) {
  return (
    <Stack gap="xs" component="section">
      <Title order={2} size="h4">
        {title}
      </Title>
      {query.isLoading && <PageLoader />}
      <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      {query.data?.items.length === 0 && <Text size="sm">{empty}</Text>}
      {children}
    </Stack>
  );
}

function InvitationCard({ organisationId, invitation }: { organisationId: string; invitation: Invitation }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [note, setNote] = useState(invitation.note ?? '');
  const action = useAction();
  async function answer(reply: (typeof replies)[number]) {
    await action.run(async () => {
      await put(`/dialogue/portal/${organisationId}/invitations/${invitation.id}/reply`, {
        reply,
        note: note.trim() || null,
      });
      await client.invalidateQueries({ queryKey: ['portal', organisationId, 'invitations'] });
    });
  }
  const { meeting } = invitation;
  return (
    <Paper withBorder p="sm">
      <Text fw={600}>{meeting.title}</Text>
      <Text size="sm">
        {formatMeetingTime(meeting, i18n.language)} · {invitation.agency}
      </Text>
      {meeting.place && <Text size="sm">{meeting.place}</Text>}
      {meeting.onlineLink && (
        <Anchor href={meeting.onlineLink} size="sm" rel="noopener noreferrer" target="_blank">
          {meeting.onlineLink}
        </Anchor>
      )}
      <Text size="sm" mt={4}>
        {t('dialogue.portal.yourReply')}{' '}
        <strong>
          {invitation.reply ? t(`dialogue.reply.${invitation.reply}`) : t('dialogue.reply.none')}
        </strong>
      </Text>
      {invitation.canReply && (
        <Stack gap={4} mt="xs">
          <TextInput
            label={t('dialogue.portal.note')}
            size="xs"
            value={note}
            maxLength={1000}
            error={fieldError(action.error, 'note')}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Group gap="xs">
            {replies.map((reply) => (
              <Button
                key={reply}
                size="xs"
                variant={invitation.reply === reply ? 'filled' : 'default'}
                aria-pressed={invitation.reply === reply}
                loading={action.busy}
                onClick={() => void answer(reply)}
              >
                {t(`dialogue.reply.${reply}`)}
              </Button>
            ))}
          </Group>
          <ProblemAlert error={action.error} />
        </Stack>
      )}
    </Paper>
  );
}

function ConsultationCard({
  organisationId,
  consultation,
}: {
  organisationId: string;
  consultation: Consultation;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" wrap="wrap">
        {consultation.open ? (
          <Anchor
            component={Link}
            href={`/portal/${organisationId}/consultations/${consultation.id}`}
            fw={600}
          >
            {consultation.title}
          </Anchor>
        ) : (
          <Text fw={600}>{consultation.title}</Text>
        )}
        {consultation.submittedAt && (
          <Badge color="teal.9" radius="sm">
            {t('dialogue.portal.answered', { date: formatDay(consultation.submittedAt, i18n.language) })}
          </Badge>
        )}
      </Group>
      <Text size="sm">
        {consultation.agency} · {consultation.policy} ·{' '}
        {consultation.open
          ? t('dialogue.consult.closes', { date: formatDay(consultation.closesAt, i18n.language) })
          : t('dialogue.consult.closed', { date: formatDay(consultation.closesAt, i18n.language) })}
      </Text>
    </Paper>
  );
}

function AnnouncementCard({ announcement }: { announcement: Announcement }) {
  const { i18n } = useTranslation();
  return (
    <Paper withBorder p="sm" component="article">
      <Title order={3} size="h5">
        {announcement.title}
      </Title>
      <Text size="sm" c="dimmed">
        {announcement.agency} · {formatDay(announcement.sentAt, i18n.language)}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
        {announcement.body}
      </Text>
    </Paper>
  );
}

function ResponseCard({ response }: { response: Response }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" component="article">
      <Title order={3} size="h5">
        {response.consultation}: {response.theme}
      </Title>
      <Text size="sm" c="dimmed">
        {response.agency}
      </Text>
      <Text size="sm">
        <strong>{t('dialogue.consult.youSaid')}</strong> {response.youSaid}
      </Text>
      <Text size="sm">
        <strong>{t('dialogue.consult.weDid')}</strong> {response.weDid}
      </Text>
    </Paper>
  );
}
