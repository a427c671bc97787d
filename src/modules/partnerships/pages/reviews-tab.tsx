import { Badge, Button, Group, NativeSelect, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post, put } from '../../../web/api/client.ts';
import { Facts } from '../../../web/components/facts.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { draftOf, RatingsInput, ratingsOf, TrendTable, type RatingDraft } from './review-parts.tsx';
import {
  recommendations,
  reflectionFields,
  responseFields,
  reviewCadences,
  type PartnershipReviews,
  type Principle,
  type Recommendation,
  type Review,
} from './review-types.ts';
import { formatDate } from './shared.tsx';
import { continuumLevels, type ContinuumLevel, type Partnership } from './types.ts';

// 001 §16d: periodic reviews of each partnership, both sides reflecting and rating the principles.

const ended = ['closed', 'declined', 'withdrawn'];

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section">
      <Title order={2} size="h4">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

export function ReviewsTab({ partnership, canEdit }: { partnership: Partnership; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const reviews = useQuery({
    queryKey: ['partnerships', partnership.id, 'reviews'],
    queryFn: () => get<PartnershipReviews>(`/partnerships/${partnership.id}/reviews`),
  });
  if (reviews.isLoading) return <PageLoader />;
  const data = reviews.data;
  if (!data) return <ProblemAlert error={reviews.error} onRetry={() => void reviews.refetch()} />;
  const open = data.reviews.find((review) => review.state === 'open');
  const done = data.reviews.filter((review) => review.state === 'complete');
  return (
    <Stack gap="xl">
      <Cadence partnership={partnership} data={data} canEdit={canEdit} />
      {open ? (
        <OpenReview partnership={partnership} review={open} principles={data.principles} canEdit={canEdit} />
      ) : (
        canEdit && !ended.includes(partnership.state) && <StartReview partnershipId={partnership.id} />
      )}
      <Section title={t('partnerships.reviews.trends')}>
        <TrendTable trends={data.trends} periodLabel={(at) => formatDate(at, i18n.language)} />
      </Section>
      <Section title={t('partnerships.reviews.past')}>
        {done.length === 0 && <Text size="sm">{t('partnerships.reviews.none')}</Text>}
        {done.map((review) => (
          <CompleteReview key={review.id} review={review} principles={data.principles} />
        ))}
      </Section>
    </Stack>
  );
}

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['partnerships'] });
}

function Cadence({
  partnership,
  data,
  canEdit,
}: {
  partnership: Partnership;
  data: PartnershipReviews;
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation();
  const refresh = useRefresh();
  const [months, setMonths] = useState(String(data.cadenceMonths ?? ''));
  const { error, busy, run } = useAction();
  const today = new Date().toISOString().slice(0, 10);
  const overdue = data.nextReviewOn !== null && data.nextReviewOn < today;
  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await put(`/partnerships/${partnership.id}/review-cadence`, {
        months: months === '' ? null : Number(months),
        version: data.version,
      });
      await refresh();
    });
  };
  return (
    <Section title={t('partnerships.reviews.cadence')}>
      <Group gap="xs">
        <Text size="sm">
          {t('partnerships.reviews.next')}: {formatDate(data.nextReviewOn, i18n.language)}
        </Text>
        {overdue && <Badge color="red">{t('partnerships.reviews.overdue')}</Badge>}
      </Group>
      {canEdit && (
        <Group component="form" onSubmit={save} align="end" gap="xs">
          <NativeSelect
            label={t('partnerships.reviews.every')}
            value={months}
            data={[
              { value: '', label: t('partnerships.reviews.noCadence') },
              ...reviewCadences.map((m) => ({
                value: String(m),
                label: t('partnerships.reviews.months', { n: m }),
              })),
            ]}
            onChange={(event) => setMonths(event.currentTarget.value)}
            error={fieldError(error, 'months')}
          />
          <Button type="submit" variant="default" loading={busy}>
            {t('partnerships.reviews.saveCadence')}
          </Button>
        </Group>
      )}
      <ProblemAlert error={error} />
    </Section>
  );
}

function StartReview({ partnershipId }: { partnershipId: string }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const { error, busy, run } = useAction();
  return (
    <Stack gap="xs">
      <Button
        w="fit-content"
        loading={busy}
        onClick={() =>
          void run(async () => {
            await post(`/partnerships/${partnershipId}/reviews`, {});
            await refresh();
          })
        }
      >
        {t('partnerships.reviews.start')}
      </Button>
      <ProblemAlert error={error} />
    </Stack>
  );
}

type Draft = Record<(typeof reflectionFields)[number], string> & {
  recommendation: string;
  recommendedLevel: string;
};

function OpenReview({
  partnership,
  review,
  principles,
  canEdit,
}: {
  partnership: Partnership;
  review: Review;
  principles: Principle[];
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation();
  const refresh = useRefresh();
  const [draft, setDraft] = useState<Draft>(() => ({
    ...(Object.fromEntries(reflectionFields.map((field) => [field, review[field] ?? ''])) as Record<
      (typeof reflectionFields)[number],
      string
    >),
    recommendation: review.recommendation ?? '',
    recommendedLevel: review.recommendedLevel ?? '',
  }));
  const [ratings, setRatings] = useState<RatingDraft>(() => draftOf(review.agencyRatings));
  const { error, busy, run } = useAction();
  const body = () => ({
    ...Object.fromEntries(reflectionFields.map((field) => [field, draft[field].trim() || null])),
    recommendation: (draft.recommendation || null) as Recommendation | null,
    recommendedLevel:
      draft.recommendation === 'move-level' ? (draft.recommendedLevel as ContinuumLevel) || null : null,
    ratings: ratingsOf(ratings),
    version: review.version,
  });
  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await put(`/partnerships/${partnership.id}/reviews/${review.id}`, body());
      await refresh();
    });
  };
  const complete = () =>
    void run(async () => {
      const saved = await put<Review>(`/partnerships/${partnership.id}/reviews/${review.id}`, body());
      await post(`/partnerships/${partnership.id}/reviews/${review.id}/complete`, {
        version: saved.version,
      });
      await refresh();
    });
  return (
    <Section title={t('partnerships.reviews.open', { date: formatDate(review.dueOn, i18n.language) })}>
      <Paper withBorder p="sm" component="form" onSubmit={save}>
        <Stack gap="sm">
          {reflectionFields.map((field) => (
            <Textarea
              key={field}
              label={t(`partnerships.reviews.field.${field}`)}
              autosize
              minRows={2}
              value={draft[field]}
              readOnly={!canEdit}
              onChange={(event) => setDraft({ ...draft, [field]: event.currentTarget.value })}
              error={fieldError(error, field)}
            />
          ))}
          <RatingsInput
            principles={principles}
            value={ratings}
            onChange={setRatings}
            error={fieldError(error, 'ratings')}
          />
          <NativeSelect
            label={t('partnerships.reviews.recommendation')}
            value={draft.recommendation}
            data={[
              { value: '', label: '—' },
              ...recommendations.map((value) => ({
                value,
                label: t(`partnerships.reviews.recommend.${value}`),
              })),
            ]}
            onChange={(event) => setDraft({ ...draft, recommendation: event.currentTarget.value })}
            error={fieldError(error, 'recommendation')}
          />
          {draft.recommendation === 'move-level' && (
            <NativeSelect
              label={t('partnerships.reviews.recommendedLevel')}
              value={draft.recommendedLevel}
              data={[
                { value: '', label: '—' },
                ...continuumLevels
                  .filter((level) => level !== partnership.level)
                  .map((value) => ({ value, label: t(`partnerships.level.${value}`) })),
              ]}
              onChange={(event) => setDraft({ ...draft, recommendedLevel: event.currentTarget.value })}
              error={fieldError(error, 'recommendedLevel')}
            />
          )}
          <ProblemAlert error={error} />
          {canEdit && (
            <Group gap="xs">
              <Button type="submit" variant="default" loading={busy}>
                {t('partnerships.reviews.save')}
              </Button>
              <Button onClick={complete} loading={busy}>
                {t('partnerships.reviews.complete')}
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>
      <Responses review={review} principles={principles} />
    </Section>
  );
}

/** What the organisations wrote on their side, with their ratings. */
export function Responses({ review, principles }: { review: Review; principles: Principle[] }) {
  const { t, i18n } = useTranslation();
  const nameOf = (id: string) => principles.find((p) => p.id === id)?.name ?? id;
  if (review.responses.length === 0) return <Text size="sm">{t('partnerships.reviews.noResponse')}</Text>;
  return (
    <Stack gap="xs">
      {review.responses.map((response) => (
        <Paper key={response.organisationId} withBorder p="sm">
          <Text fw={600}>
            {t('partnerships.reviews.responseOf', { name: response.legalName })} ·{' '}
            {formatDate(response.submittedAt, i18n.language)}
          </Text>
          <Facts
            items={[
              ...responseFields.map(
                (field) => [t(`partnerships.reviews.field.${field}`), response[field]] as [string, ReactNode],
              ),
              [
                t('partnerships.reviews.ratings'),
                response.ratings.map((r) => `${nameOf(r.principleId)}: ${r.rating}`).join('\n'),
              ],
            ]}
          />
        </Paper>
      ))}
    </Stack>
  );
}

function CompleteReview({ review, principles }: { review: Review; principles: Principle[] }) {
  const { t, i18n } = useTranslation();
  const nameOf = (id: string) => principles.find((p) => p.id === id)?.name ?? id;
  const recommendation = review.recommendation
    ? t(`partnerships.reviews.recommend.${review.recommendation}`) +
      (review.recommendedLevel ? `: ${t(`partnerships.level.${review.recommendedLevel}`)}` : '')
    : null;
  return (
    <Paper withBorder p="sm">
      <Stack gap="sm">
        <Text fw={600}>
          {t('partnerships.reviews.completedOn', { date: formatDate(review.completedOn, i18n.language) })}
        </Text>
        <Facts
          items={[
            ...reflectionFields.map(
              (field) => [t(`partnerships.reviews.field.${field}`), review[field]] as [string, ReactNode],
            ),
            [t('partnerships.reviews.recommendation'), recommendation],
            [
              t('partnerships.reviews.ratings'),
              review.agencyRatings.map((r) => `${nameOf(r.principleId)}: ${r.rating}`).join('\n'),
            ],
          ]}
        />
        <Responses review={review} principles={principles} />
      </Stack>
    </Paper>
  );
}
