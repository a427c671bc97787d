import { Anchor, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldLabels } from './organisation-form.tsx';
import { Link } from 'wouter';
import { get, post } from '../../../web/api/client.ts';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { showValue } from './portal-organisation.tsx';
import { formatDate } from './shared.tsx';
import { PersonRequest } from './person-request.tsx';
import type { CsoMember, ProfileChange } from './types.ts';

/** For coordinators: people asking to act for an organisation, and CSOs' changes to verified fields. */
export default function ReviewsPage() {
  const { t } = useTranslation();
  const people = useQuery({
    queryKey: ['register', 'cso-users', 'pending'],
    queryFn: () => get<{ items: CsoMember[] }>('/register/cso-users'),
  });
  const changes = useQuery({
    queryKey: ['register', 'profile-changes', 'pending'],
    queryFn: () => get<{ items: ProfileChange[] }>('/register/profile-changes'),
  });
  return (
    <Stack maw={760}>
      <Anchor component={Link} href="/register" size="sm" w="fit-content">
        {t('register.back')}
      </Anchor>
      <PageHeading>{t('reviews.title')}</PageHeading>
      <Title order={2} size="h3">
        {t('reviews.people', { count: people.data?.items.length ?? 0 })}
      </Title>
      <ProblemAlert error={people.error} onRetry={() => void people.refetch()} />
      {people.isLoading && <PageLoader />}
      {people.data?.items.length === 0 && <Text c="dimmed">{t('reviews.noPeople')}</Text>}
      {people.data?.items.map((person) => (
        <PersonRequest
          key={`${person.organisationId}:${person.userId}`}
          person={person}
          decidedAt={`/register/organisations/${person.organisationId}/cso-users/${person.userId}`}
          queryKey={['register', 'cso-users']}
          suggestedRole="cso-administrator"
        />
      ))}
      <Title order={2} size="h3">
        {t('reviews.changes', { count: changes.data?.items.length ?? 0 })}
      </Title>
      <ProblemAlert error={changes.error} onRetry={() => void changes.refetch()} />
      {changes.isLoading && <PageLoader />}
      {changes.data?.items.length === 0 && <Text c="dimmed">{t('reviews.noChanges')}</Text>}
      {changes.data?.items.map((change) => (
        <ChangeDecision key={change.id} change={change} />
      ))}
    </Stack>
  );
}

function ChangeDecision({ change }: { change: ProfileChange }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const { error, busy, run } = useAction();
  const decide = (accept: boolean) =>
    void run(async () => {
      await post(`/register/profile-changes/${change.id}/decision`, { accept, reason });
      await client.invalidateQueries({ queryKey: ['register'] });
    });
  return (
    <Paper
      withBorder
      p="md"
      component="article"
      aria-label={`${change.organisationName}: ${t(fieldLabels[change.field as keyof typeof fieldLabels] ?? change.field)}`}
    >
      <Stack gap="xs">
        <Anchor component={Link} href={`/register/${change.organisationId}`} fw={600}>
          {change.organisationName}
        </Anchor>
        <Text size="sm">
          {t('reviews.proposedBy', {
            name: change.proposedBy,
            date: formatDate(change.proposedAt, i18n.language),
          })}
        </Text>
        <Text fw={600}>{t(fieldLabels[change.field as keyof typeof fieldLabels] ?? change.field)}</Text>
        <Text size="sm">
          {t('reviews.from')}: {showValue(change.currentValue)}
        </Text>
        <Text size="sm">
          {t('reviews.to')}: {showValue(change.proposedValue)}
        </Text>
        <ProblemAlert error={error} fields={['reason']} />
        <Textarea
          label={t('reviews.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldError(error, 'reason')}
          autosize
          minRows={1}
        />
        <Group gap="sm">
          <Button loading={busy} onClick={() => decide(true)}>
            {t('reviews.accept')}
          </Button>
          <Button variant="default" loading={busy} onClick={() => decide(false)}>
            {t('reviews.reject')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
