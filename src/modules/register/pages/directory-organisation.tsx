import { Anchor, Group, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { get } from '../../../web/api/client.ts';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { PublicFrame } from './public-frame.tsx';
import { labelOf, safeWebsite, StatusBadge, useTaxonomies } from './shared.tsx';
import type { PublicOrganisation } from './types.ts';

/** One organisation's public profile: only the field groups it chose to publish, never its contacts. */
export default function DirectoryOrganisationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams<{ id: string }>();
  const taxonomies = useTaxonomies('directory');
  const organisation = useQuery({
    queryKey: ['directory', 'organisation', id],
    queryFn: () => get<PublicOrganisation>(`/directory/organisations/${id}`),
  });
  const data = organisation.data;

  const section = (title: string, items: string[]) =>
    items.length > 0 && (
      <Stack gap={4}>
        <Title order={2} size="h4">
          {title}
        </Title>
        <List spacing={2}>
          {items.map((item) => (
            <List.Item key={item}>{item}</List.Item>
          ))}
        </List>
      </Stack>
    );

  return (
    <PublicFrame>
      <Stack>
        <Anchor component={Link} href="/directory" size="sm" w="fit-content">
          {t('directory.back')}
        </Anchor>
        {organisation.isLoading && <PageLoader />}
        <ProblemAlert error={organisation.error} />
        {data && (
          <>
            <Stack gap={4}>
              <Title order={1} style={{ overflowWrap: 'anywhere' }}>
                {data.legalName}
                {data.acronym ? ` (${data.acronym})` : ''}
              </Title>
              {data.otherNames.length > 0 && (
                <Text c="dimmed">{data.otherNames.map((row) => row.name).join(' · ')}</Text>
              )}
              <Group gap="xs">
                <StatusBadge status={data.registerStatus} />
                <Text size="sm">{labelOf(taxonomies.data?.kinds, data.kind)}</Text>
              </Group>
            </Stack>
            {data.mission && (
              <Stack gap={4}>
                <Title order={2} size="h4">
                  {t('register.mission')}
                </Title>
                <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{data.mission}</Text>
              </Stack>
            )}
            {section(
              t('register.focusAreas'),
              data.focusAreas.map((code) => labelOf(taxonomies.data?.focusAreas, code)),
            )}
            {section(
              t('register.populations'),
              data.populations.map((code) => labelOf(taxonomies.data?.populations, code)),
            )}
            {section(t('register.places'), data.places)}
            {data.website && (
              <Stack gap={4}>
                <Title order={2} size="h4">
                  {t('register.website')}
                </Title>
                {safeWebsite(data.website) ? (
                  <Anchor
                    href={safeWebsite(data.website)}
                    target="_blank"
                    rel="noopener noreferrer"
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    {data.website}
                  </Anchor>
                ) : (
                  <Text style={{ overflowWrap: 'anywhere' }}>{data.website}</Text>
                )}
              </Stack>
            )}
          </>
        )}
      </Stack>
    </PublicFrame>
  );
}
