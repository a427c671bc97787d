import {
  Anchor,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { get, post } from '../../../web/api/client.ts';
import { useDraft } from '../../../web/components/draft.ts';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { can, useMe } from '../../../web/session.ts';
import { RecordPage } from './record-page.tsx';
import { BodyForm } from './body-form.tsx';
import { formatDay, formatMeetingTime, usePlaces } from './shared.tsx';
import type { Body, MeetingPage } from './types.ts';
import { OrganisationSearch, type OrganisationHit } from './organisation-search.tsx';

const roles = ['chair', 'deputy-chair', 'member', 'secretary', 'observer'] as const;

/** An advisory body: its terms of reference, members with their terms, and its meetings. */
export default function BodyPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams<{ id: string }>();
  const { data: me } = useMe();
  const places = usePlaces();
  const body = useQuery({
    queryKey: ['dialogue', 'body', id],
    queryFn: () => get<Body>(`/dialogue/bodies/${id}`),
  });
  const meetings = useQuery({
    queryKey: ['dialogue', 'meetings', 'body', id],
    queryFn: () => get<MeetingPage>(`/dialogue/meetings?bodyId=${id}&limit=20`),
  });
  const editor = can(me, 'dialogue:edit');
  return (
    <RecordPage
      query={body}
      back={{ href: '/dialogue/bodies', label: t('dialogue.bodies.back') }}
      maw={900}
      title={(data) => data.name}
      canEdit={editor}
      form={(data, done) => <BodyForm body={data} onDone={done} />}
      summary={(data) => (
        <>
          <Text>
            {t(`dialogue.bodyKind.${data.kind}`)} · {t(`dialogue.level.${data.level}`)}
            {data.placeId ? ` · ${places.data?.find((place) => place.id === data.placeId)?.name ?? ''}` : ''}
          </Text>
          <Text>
            {t('dialogue.policy.contact')}: {data.contact.name} ·{' '}
            <Anchor href={`mailto:${data.contact.email}`}>{data.contact.email}</Anchor>
          </Text>
          {data.termsOfReference && (
            <Stack gap={4} component="section">
              <Title order={2} size="h4">
                {t('dialogue.body.terms')}
              </Title>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{data.termsOfReference}</Text>
            </Stack>
          )}
        </>
      )}
    >
      {(data) => (
        <>
          <Stack gap="xs" component="section">
            <Title order={2} size="h4">
              {t('dialogue.body.members')}
            </Title>
            {data.members.length === 0 ? (
              <Text size="sm">{t('dialogue.body.noMembers')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={420}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('common.name')}</Table.Th>
                      <Table.Th scope="col">{t('common.role')}</Table.Th>
                      <Table.Th scope="col">{t('dialogue.member.term')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.members.map((member) => (
                      <Table.Tr key={member.id} c={member.current ? undefined : 'dimmed'}>
                        <Table.Td>
                          {[member.personName, member.organisation?.name].filter(Boolean).join(', ')}
                        </Table.Td>
                        <Table.Td>{t(`dialogue.role.${member.role}`)}</Table.Td>
                        <Table.Td>
                          {formatDay(member.startsOn, i18n.language)} –{' '}
                          {member.endsOn
                            ? formatDay(member.endsOn, i18n.language)
                            : t('dialogue.member.open')}
                          {!member.current && ` (${t('dialogue.member.notCurrent')})`}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {editor && <AppointForm body={data} />}
          </Stack>
          <Stack gap={4} component="section">
            <Title order={2} size="h4">
              {t('dialogue.meetings.title')}
            </Title>
            {meetings.data?.items.length ? (
              meetings.data.items.map((meeting) => (
                <Anchor key={meeting.id} component={Link} href={`/dialogue/meetings/${meeting.id}`}>
                  {meeting.title} · {formatMeetingTime(meeting, i18n.language)}
                </Anchor>
              ))
            ) : (
              <Text size="sm">{t('dialogue.meetings.none')}</Text>
            )}
          </Stack>
        </>
      )}
    </RecordPage>
  );
}

function AppointForm({ body }: { body: Body }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const blank = {
    personName: '',
    email: '',
    organisation: null as OrganisationHit | null,
    role: 'member',
    startsOn: '',
    endsOn: '',
  };
  const [form, update, clearDraft] = useDraft(`dialogue.member.${body.id}`, blank);
  const action = useAction();
  const error = (field: string) => fieldError(action.error, field);
  async function submit(event: FormEvent) {
    event.preventDefault();
    await action.run(async () => {
      const saved = await post<Body>(`/dialogue/bodies/${body.id}/members`, {
        personName: form.personName.trim() || null,
        email: form.email.trim() || null,
        organisationId: form.organisation?.id ?? null,
        role: form.role,
        startsOn: form.startsOn,
        endsOn: form.endsOn || null,
      });
      clearDraft();
      update(blank);
      client.setQueryData(['dialogue', 'body', body.id], saved);
      await client.invalidateQueries({ queryKey: ['dialogue', 'bodies'] });
    });
  }
  return (
    <Paper withBorder p="md" component="form" onSubmit={(event: FormEvent) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('dialogue.member.appoint')}
        </Title>
        <Group grow align="flex-start">
          <TextInput
            label={t('common.name')}
            value={form.personName}
            error={error('personName')}
            onChange={(e) => update({ personName: e.currentTarget.value })}
          />
          <TextInput
            type="email"
            label={t('common.email')}
            value={form.email}
            error={error('email')}
            onChange={(e) => update({ email: e.currentTarget.value })}
          />
        </Group>
        {form.organisation ? (
          <Group gap="xs">
            <Text size="sm">
              {t('dialogue.member.organisation')}: <strong>{form.organisation.legalName}</strong>
            </Text>
            <Button size="xs" variant="subtle" onClick={() => update({ organisation: null })}>
              {t('dialogue.organisationSearch.remove')}
            </Button>
          </Group>
        ) : (
          <OrganisationSearch
            label={t('dialogue.member.organisation')}
            taken={[]}
            onChoose={(organisation) => update({ organisation })}
          />
        )}
        <NativeSelect
          label={t('common.role')}
          value={form.role}
          onChange={(e) => update({ role: e.currentTarget.value })}
          data={roles.map((role) => ({ value: role, label: t(`dialogue.role.${role}`) }))}
        />
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label={t('dialogue.member.startsOn')}
            required
            value={form.startsOn}
            error={error('startsOn')}
            onChange={(e) => update({ startsOn: e.currentTarget.value })}
          />
          <TextInput
            type="date"
            label={t('dialogue.member.endsOn')}
            value={form.endsOn}
            error={error('endsOn')}
            onChange={(e) => update({ endsOn: e.currentTarget.value })}
          />
        </Group>
        <ProblemAlert
          error={action.error}
          fields={['personName', 'email', 'organisationId', 'startsOn', 'endsOn']}
        />
        <Button type="submit" w="fit-content" loading={action.busy}>
          {t('dialogue.member.save')}
        </Button>
      </Stack>
    </Paper>
  );
}
