import '@mantine/core/styles/Fieldset.css';
import { Alert, Anchor, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { get, post, put } from '../../../web/api/client.ts';
import { Facts } from '../../../web/components/facts.tsx';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { PortalAgreements } from './portal-agreements.tsx';
import { PortalPlan } from './portal-plan.tsx';
import { AssessmentForm } from './assessment-form.tsx';
import { draftOf, RatingsInput, ratingsOf, type RatingDraft } from './review-parts.tsx';
import { reflectionFields, responseFields, type PortalReviews, type Review } from './review-types.ts';
import { formatDate, LevelBadge, StateBadge } from './shared.tsx';
import type { Partnership, PartnershipSummary } from './types.ts';

// In the portal, one partnership as its organisation sees it (issue 4 item 11): the overview, its
// due diligence of the agency (001 §15d: both ways) and its side of each review (001 §16d).

type Assessment = Partnership['assessments'][number];
type PortalPartnership = PartnershipSummary & { assessments: Assessment[] };

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

export default function PortalPartnershipPage() {
  const { t, i18n } = useTranslation();
  const { id = '', partnershipId = '' } = useParams<{ id: string; partnershipId: string }>();
  const base = `/partnerships/portal/${id}/${partnershipId}`;
  const partnership = useQuery({
    queryKey: ['portal', 'partnership', id, partnershipId],
    queryFn: () => get<PortalPartnership>(base),
  });
  const data = partnership.data;
  return (
    <Stack maw={760}>
      <Anchor component={Link} href={`/portal/${id}/partnerships`} size="sm" w="fit-content">
        {t('partnerships.portal.backToList')}
      </Anchor>
      <ProblemAlert error={partnership.error} onRetry={() => void partnership.refetch()} />
      {partnership.isLoading && <PageLoader />}
      {data && (
        <>
          <PageHeading>{data.title}</PageHeading>
          <Group gap="xs">
            <StateBadge state={data.state} />
            <LevelBadge level={data.level} />
          </Group>
          <Facts
            items={[
              [t('partnerships.formLabel'), t(`partnerships.formKind.${data.form}`)],
              [t('partnerships.formalityLabel'), t(`partnerships.formality.${data.formality}`)],
              [t('partnerships.parties'), data.parties.map((party) => party.legalName).join(', ')],
              [
                t('partnerships.dates'),
                `${formatDate(data.startsOn, i18n.language)} – ${formatDate(data.endsOn, i18n.language)}`,
              ],
            ]}
          />
          <DueDiligence base={base} assessments={data.assessments} />
          <Reviews base={base} />
          <Section title={t('partnerships.tab.agreements')}>
            <PortalAgreements organisationId={id} partnershipId={partnershipId} />
          </Section>
          <Section title={t('partnerships.tab.plan')}>
            <PortalPlan organisationId={id} partnershipId={partnershipId} />
          </Section>
        </>
      )}
    </Stack>
  );
}

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['portal'] });
}

function DueDiligence({ base, assessments }: { base: string; assessments: Assessment[] }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const { error, busy, run } = useAction();
  const open = assessments.find((a) => a.state === 'open');
  const done = assessments.filter((a) => a.state === 'complete');
  return (
    <Section title={t('partnerships.portal.dueDiligence')}>
      <Text size="sm">{t('partnerships.portal.dueDiligenceHelp')}</Text>
      {done.map((a) => (
        <Text key={a.id} size="sm">
          {t('partnerships.portal.score', {
            score: a.score,
            rating: a.riskRating ? t(`partnerships.risk.${a.riskRating}`) : '—',
          })}
        </Text>
      ))}
      {open ? (
        <AssessmentForm
          key={open.id}
          url={`${base}/assessments/${open.id}`}
          uploadUrl={`${base}/files`}
          assessment={open}
          saveLabel={t('partnerships.portal.saveAnswers')}
          completeLabel={t('partnerships.portal.completeAssessment')}
          onChanged={refresh}
        />
      ) : (
        <Button
          w="fit-content"
          variant={done.length ? 'default' : 'filled'}
          loading={busy}
          onClick={() =>
            void run(async () => {
              await post(`${base}/assessments`);
              await refresh();
            })
          }
        >
          {t('partnerships.portal.startAssessment')}
        </Button>
      )}
      <ProblemAlert error={error} />
    </Section>
  );
}

/** Uploads evidence through the platform's file store; the answer keeps the file's id. */
function Reviews({ base }: { base: string }) {
  const { t, i18n } = useTranslation();
  const reviews = useQuery({
    queryKey: ['portal', 'reviews', base],
    queryFn: () => get<PortalReviews>(`${base}/reviews`),
  });
  const data = reviews.data;
  const open = data?.reviews.find((review) => review.state === 'open');
  const done = data?.reviews.filter((review) => review.state === 'complete') ?? [];
  const nameOf = (id: string) => data?.principles.find((p) => p.id === id)?.name ?? id;
  return (
    <Section title={t('partnerships.portal.reviews')}>
      <ProblemAlert error={reviews.error} />
      {reviews.isLoading && <PageLoader />}
      {data &&
        (open ? (
          <ResponseForm key={open.id} base={base} review={open} principles={data.principles} />
        ) : (
          <Text size="sm">{t('partnerships.portal.noOpenReview')}</Text>
        ))}
      {done.map((review) => (
        <Paper key={review.id} withBorder p="sm">
          <Text fw={600}>
            {t('partnerships.reviews.completedOn', { date: formatDate(review.completedOn, i18n.language) })}
          </Text>
          <Facts
            items={[
              ...reflectionFields.map(
                (field) => [t(`partnerships.reviews.field.${field}`), review[field]] as [string, ReactNode],
              ),
              [
                t('partnerships.reviews.recommendation'),
                review.recommendation ? t(`partnerships.reviews.recommend.${review.recommendation}`) : null,
              ],
              [
                `${t('partnerships.reviews.ratings')} (${t('partnerships.reviews.agencySide')})`,
                review.agencyRatings.map((r) => `${nameOf(r.principleId)}: ${r.rating}`).join('\n'),
              ],
              [
                `${t('partnerships.reviews.ratings')} (${t('partnerships.portal.yourSide')})`,
                review.responses[0]?.ratings.map((r) => `${nameOf(r.principleId)}: ${r.rating}`).join('\n'),
              ],
            ]}
          />
        </Paper>
      ))}
    </Section>
  );
}

function ResponseForm({
  base,
  review,
  principles,
}: {
  base: string;
  review: Review;
  principles: PortalReviews['principles'];
}) {
  const { t, i18n } = useTranslation();
  const refresh = useRefresh();
  const mine = review.responses[0];
  const [text, setText] = useState<Record<(typeof responseFields)[number], string>>({
    addedValue: mine?.addedValue ?? '',
    expectationsMet: mine?.expectationsMet ?? '',
    toImprove: mine?.toImprove ?? '',
  });
  const [ratings, setRatings] = useState<RatingDraft>(() => draftOf(mine?.ratings ?? []));
  const [sent, setSent] = useState(false);
  const { error, busy, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSent(false);
    void run(async () => {
      await put(`${base}/reviews/${review.id}/response`, {
        addedValue: text.addedValue.trim() || null,
        expectationsMet: text.expectationsMet.trim() || null,
        toImprove: text.toImprove.trim() || null,
        ratings: ratingsOf(ratings),
      });
      setSent(true);
      await refresh();
    });
  };
  return (
    <Stack component="form" onSubmit={submit} gap="sm">
      <Text fw={600}>
        {t('partnerships.portal.yourSide')} ·{' '}
        {t('partnerships.reviews.open', { date: formatDate(review.dueOn, i18n.language) })}
      </Text>
      {responseFields.map((field) => (
        <Textarea
          key={field}
          label={t(`partnerships.reviews.field.${field}`)}
          autosize
          minRows={2}
          value={text[field]}
          onChange={(event) => setText({ ...text, [field]: event.currentTarget.value })}
          error={fieldError(error, field)}
        />
      ))}
      <RatingsInput
        principles={principles}
        value={ratings}
        onChange={setRatings}
        error={fieldError(error, 'ratings')}
      />
      <ProblemAlert error={error} />
      {sent && (
        <Alert color="green" variant="light" role="status">
          {t('partnerships.portal.sent')}
        </Alert>
      )}
      <Button type="submit" w="fit-content" loading={busy}>
        {t('partnerships.portal.sendSide')}
      </Button>
    </Stack>
  );
}
