import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { get } from '../../../web/api/client.ts';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { formatDay, PublicFrame } from './shared.tsx';

// "Open and right door" (000 §6 Focus area 1): a public page, no sign-in, plain text and links
// only, so it stays small on a slow connection.

type Contact = { name: string; unit: string | null; email: string | null; phone: string | null };
type OpenDoor = {
  agency: { id: string; name: string };
  policies: {
    id: string;
    title: string;
    kind: string;
    summary: string | null;
    focusAreas: string[];
    unit: string | null;
    contact: Contact | null;
    consultations: { id: string; title: string; closesAt: string }[];
  }[];
  focusAreas: { code: string; label: string; contact: Contact | null; policyIds: string[] }[];
};

export default function OpenDoorPage() {
  const { t } = useTranslation();
  const { agencyId } = useParams<{ agencyId?: string }>();
  const agencies = useQuery({
    queryKey: ['dialogue', 'open-door'],
    queryFn: () => get<{ agencies: { id: string; name: string }[] }>('/dialogue/public/open-door'),
    enabled: !agencyId,
  });
  // One agency (the usual case): straight to its page.
  const only = agencies.data?.agencies.length === 1 ? agencies.data.agencies[0]!.id : undefined;
  const chosen = agencyId ?? only;
  return (
    <PublicFrame size={820}>
      <Stack>
        {chosen ? (
          <AgencyDoor agencyId={chosen} />
        ) : (
          <>
            <PageHeading>{t('dialogue.openDoor.title')}</PageHeading>
            {agencies.isLoading && <PageLoader />}
            <ProblemAlert error={agencies.error} onRetry={() => void agencies.refetch()} />
            {agencies.data?.agencies.length === 0 && <Text>{t('dialogue.openDoor.nothing')}</Text>}
            <Stack gap="xs" component="ul">
              {(agencies.data?.agencies ?? []).map((agency) => (
                <li key={agency.id}>
                  <Anchor component={Link} href={`/open-door/${agency.id}`}>
                    {agency.name}
                  </Anchor>
                </li>
              ))}
            </Stack>
          </>
        )}
      </Stack>
    </PublicFrame>
  );
}

function AgencyDoor({ agencyId }: { agencyId: string }) {
  const { t, i18n } = useTranslation();
  const door = useQuery({
    queryKey: ['dialogue', 'open-door', agencyId],
    queryFn: () => get<OpenDoor>(`/dialogue/public/open-door/${agencyId}`),
  });
  const data = door.data;
  const open = data?.policies.flatMap((policy) =>
    policy.consultations.map((consultation) => ({ ...consultation, policy: policy.title })),
  );
  return (
    <>
      <PageHeading>
        {data ? t('dialogue.openDoor.of', { agency: data.agency.name }) : t('dialogue.openDoor.title')}
      </PageHeading>
      {door.isLoading && <PageLoader />}
      <ProblemAlert error={door.error} onRetry={() => void door.refetch()} />
      {data && (
        <>
          <Text>{t('dialogue.openDoor.intro')}</Text>
          <Stack gap="xs" component="section" aria-labelledby="open-consultations">
            <Title order={2} size="h3" id="open-consultations">
              {t('dialogue.openDoor.consultations')}
            </Title>
            {open?.length === 0 && <Text>{t('dialogue.openDoor.noConsultations')}</Text>}
            {open?.map((consultation) => (
              <Text key={consultation.id}>
                <Anchor component={Link} href={`/consultations/${consultation.id}`}>
                  {consultation.title}
                </Anchor>{' '}
                ({consultation.policy}) ·{' '}
                {t('dialogue.consult.closes', { date: formatDay(consultation.closesAt, i18n.language) })}
              </Text>
            ))}
          </Stack>
          <Stack gap="sm" component="section" aria-labelledby="by-policy">
            <Title order={2} size="h3" id="by-policy">
              {t('dialogue.openDoor.policies')}
            </Title>
            {data.policies.map((policy) => (
              <Paper key={policy.id} withBorder p="sm" component="article">
                <Title order={3} size="h5">
                  {policy.title}
                </Title>
                {policy.summary && <Text size="sm">{policy.summary}</Text>}
                <ContactLines contact={policy.contact} unit={policy.unit} />
              </Paper>
            ))}
          </Stack>
          <Stack gap="sm" component="section" aria-labelledby="by-focus-area">
            <Title order={2} size="h3" id="by-focus-area">
              {t('dialogue.openDoor.focusAreas')}
            </Title>
            {data.focusAreas.map((area) => (
              <Paper key={area.code} withBorder p="sm" component="article">
                <Title order={3} size="h5">
                  {area.label}
                </Title>
                {area.policyIds.length > 0 && (
                  <Text size="sm">
                    {t('dialogue.openDoor.policiesHere')}{' '}
                    {area.policyIds
                      .map((id) => data.policies.find((policy) => policy.id === id)?.title)
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                )}
                <ContactLines contact={area.contact} unit={null} />
              </Paper>
            ))}
          </Stack>
        </>
      )}
    </>
  );
}

function ContactLines({ contact, unit }: { contact: Contact | null; unit: string | null }) {
  const { t } = useTranslation();
  if (!contact)
    return (
      <Text size="sm">
        {unit ? t('dialogue.openDoor.unitOnly', { unit }) : t('dialogue.openDoor.noContact')}
      </Text>
    );
  return (
    <Text size="sm">
      {t('dialogue.openDoor.contact')} <strong>{contact.name}</strong>
      {contact.unit || unit ? `, ${contact.unit ?? unit}` : ''}
      {contact.email && (
        <>
          {' · '}
          <Anchor href={`mailto:${contact.email}`}>{contact.email}</Anchor>
        </>
      )}
      {contact.phone && (
        <>
          {' · '}
          <Anchor href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</Anchor>
        </>
      )}
    </Text>
  );
}
