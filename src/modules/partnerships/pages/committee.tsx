import { Anchor, Button, Checkbox, NativeSelect, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { get, put } from '../../../web/api/client.ts';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { can, useMe } from '../../../web/session.ts';
import type { Committee } from './decision-types.ts';

type Member = { id: string; name: string; email: string };

/** The agency's decision committee (001 §18c): members, quorum rule and chair. */
export default function CommitteePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const mayChange = can(me, 'partnerships:committee');
  const committee = useQuery({
    queryKey: ['partnerships', 'committee'],
    queryFn: () => get<Committee>('/partnerships/committee'),
  });
  const staff = useQuery({
    queryKey: ['users'],
    queryFn: () => get<{ items: Member[] }>('/users'),
    enabled: mayChange,
  });
  return (
    <Stack maw={720}>
      <Anchor component={Link} href="/partnerships" size="sm" w="fit-content">
        {t('partnerships.back')}
      </Anchor>
      <PageHeading>{t('partnerships.decisions.committeeTitle')}</PageHeading>
      <Text size="sm">{t('partnerships.decisions.committeeHelp')}</Text>
      <ProblemAlert error={committee.error ?? staff.error} />
      {(committee.isLoading || staff.isLoading) && <PageLoader />}
      {committee.data && !mayChange && <CommitteeFacts committee={committee.data} />}
      {committee.data && mayChange && staff.data && (
        <CommitteeForm committee={committee.data} staff={staff.data.items} />
      )}
    </Stack>
  );
}

function CommitteeFacts({ committee }: { committee: Committee }) {
  const { t } = useTranslation();
  if (committee.members.length === 0) return <Text>{t('partnerships.decisions.noCommittee')}</Text>;
  return (
    <Stack gap="xs">
      <Text fw={600}>{committee.name}</Text>
      <Stack gap={2} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {committee.members.map((member) => (
          <Text key={member.userId} component="li" size="sm">
            {member.name}
            {member.userId === committee.chairId && ` (${t('partnerships.decisions.chair')})`}
          </Text>
        ))}
      </Stack>
      <Text size="sm">
        {t('partnerships.decisions.quorum')}: {committee.quorumNeeded}
      </Text>
    </Stack>
  );
}

function CommitteeForm({ committee, staff }: { committee: Committee; staff: Member[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState(committee.name);
  const [memberIds, setMemberIds] = useState(committee.members.map((m) => m.userId));
  const [quorum, setQuorum] = useState(committee.quorum === null ? '' : String(committee.quorum));
  const [chairId, setChairId] = useState(committee.chairId ?? '');
  const [saved, setSaved] = useState(false);
  const saving = useAction();
  // A chair who leaves the committee stops being its chair.
  const chooseMembers = (ids: string[]) => {
    setMemberIds(ids);
    if (chairId && !ids.includes(chairId)) setChairId('');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void saving.run(async () => {
      await put('/partnerships/committee', {
        name,
        memberIds,
        quorum: quorum.trim() === '' ? null : Number(quorum),
        chairId: chairId || null,
        version: committee.version,
      });
      await client.invalidateQueries({ queryKey: ['partnerships', 'committee'] });
      setSaved(true);
    });
  };
  const majority = Math.floor(memberIds.length / 2) + 1;
  return (
    <Paper withBorder p="sm">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('partnerships.decisions.committeeName')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(saving.error, 'name')}
          />
          <Checkbox.Group
            label={t('partnerships.decisions.members')}
            value={memberIds}
            onChange={chooseMembers}
            error={fieldError(saving.error, 'memberIds')}
          >
            <Stack gap={6} mt={6}>
              {staff.map((person) => (
                <Checkbox
                  key={person.id}
                  value={person.id}
                  label={`${person.name} (${person.email})`}
                  styles={{ label: { overflowWrap: 'anywhere' } }}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <TextInput
            type="number"
            min={1}
            label={t('partnerships.decisions.quorum')}
            description={t('partnerships.decisions.quorumHelp', { n: majority })}
            value={quorum}
            onChange={(e) => setQuorum(e.currentTarget.value)}
            error={fieldError(saving.error, 'quorum')}
            maw={260}
          />
          <NativeSelect
            label={t('partnerships.decisions.chair')}
            value={chairId}
            onChange={(e) => setChairId(e.currentTarget.value)}
            error={fieldError(saving.error, 'chairId')}
            data={[
              { value: '', label: t('partnerships.decisions.noChair') },
              ...staff
                .filter((person) => memberIds.includes(person.id))
                .map((person) => ({ value: person.id, label: person.name })),
            ]}
          />
          <ProblemAlert error={saving.error} fields={['name', 'memberIds', 'quorum', 'chairId']} />
          {saved && <Text c="teal.9">{t('partnerships.decisions.saved')}</Text>}
          <Button type="submit" loading={saving.busy} w="fit-content">
            {t('partnerships.decisions.save')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
