import { Anchor, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, put, remove } from '../../../web/api/client.ts';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { can, useMe } from '../../../web/session.ts';
import { DialogueLinks, useDialogueOptions, useFocusAreas } from './shared.tsx';
import type { PolicyPage } from './types.ts';

type PublishedContact = {
  id: string;
  policyId: string | null;
  focusArea: string | null;
  name: string;
  unit: { id: string; name: string } | null;
  email: string | null;
  phone: string | null;
  version: number;
};
type Target = { policyId: string | null; focusArea: string | null; label: string };

const contactsKey = ['dialogue', 'published-contacts'];

/** Whom the open door page names for each policy and focus area: what staff choose to publish. */
export default function PublishedContactsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const contacts = useQuery({
    queryKey: contactsKey,
    queryFn: () => get<{ contacts: PublishedContact[] }>('/dialogue/published-contacts'),
  });
  const policies = useQuery({
    queryKey: ['dialogue', 'policies', 'all'],
    queryFn: () => get<PolicyPage>('/dialogue/policies?limit=200'),
  });
  const focusAreas = useFocusAreas();
  const targets: Target[] = [
    ...(policies.data?.items ?? [])
      .filter((policy) => policy.status !== 'retired')
      .map((policy) => ({ policyId: policy.id, focusArea: null, label: policy.title })),
    ...(focusAreas.data ?? []).map((area) => ({ policyId: null, focusArea: area.code, label: area.label })),
  ];
  const published = (target: Target) =>
    contacts.data?.contacts.find((c) =>
      target.policyId ? c.policyId === target.policyId : c.focusArea === target.focusArea,
    );
  const editable = can(me, 'dialogue:edit');
  return (
    <Stack maw={900}>
      <PageHeading>{t('dialogue.publishedContacts.title')}</PageHeading>
      <DialogueLinks />
      <Text>{t('dialogue.publishedContacts.help')}</Text>
      <Anchor href="/open-door" target="_blank">
        {t('dialogue.publishedContacts.see')}
      </Anchor>
      <ProblemAlert error={contacts.error ?? policies.error} onRetry={() => void contacts.refetch()} />
      {(contacts.isLoading || policies.isLoading) && <PageLoader />}
      {contacts.isSuccess &&
        targets.map((target) => (
          <ContactRow
            key={target.policyId ?? target.focusArea}
            target={target}
            contact={published(target)}
            editable={editable}
          />
        ))}
    </Stack>
  );
}

function ContactRow({
  target,
  contact,
  editable,
}: {
  target: Target;
  contact: PublishedContact | undefined;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const options = useDialogueOptions();
  const [editing, setEditing] = useState(false);
  const blank = {
    name: contact?.name ?? '',
    unitId: contact?.unit?.id ?? '',
    email: contact?.email ?? '',
    phone: contact?.phone ?? '',
  };
  const [form, setForm] = useState(blank);
  const action = useAction();
  const error = (field: string) => fieldError(action.error, field);
  async function save(event: FormEvent) {
    event.preventDefault();
    await action.run(async () => {
      await put('/dialogue/published-contacts', {
        policyId: target.policyId,
        focusArea: target.focusArea,
        name: form.name,
        unitId: form.unitId || null,
        email: form.email.trim() || null,
        phone: form.phone.trim() || null,
        ...(contact ? { version: contact.version } : {}),
      });
      await client.invalidateQueries({ queryKey: contactsKey });
      setEditing(false);
    });
  }
  async function withdraw() {
    if (!contact) return;
    await action.run(async () => {
      await remove(`/dialogue/published-contacts/${contact.id}`);
      await client.invalidateQueries({ queryKey: contactsKey });
    });
  }
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} size="h5">
            {target.label}
          </Title>
          <Text size="sm">
            {contact
              ? [contact.name, contact.unit?.name, contact.email, contact.phone].filter(Boolean).join(' · ')
              : t('dialogue.publishedContacts.none')}
          </Text>
        </div>
        {editable && !editing && (
          <Group gap="xs">
            <Button
              variant="default"
              size="xs"
              onClick={() => {
                setForm(blank);
                setEditing(true);
              }}
            >
              {contact ? t('dialogue.edit') : t('dialogue.publishedContacts.publish')}
            </Button>
            {contact && (
              <Button variant="subtle" size="xs" onClick={() => void withdraw()} loading={action.busy}>
                {t('dialogue.publishedContacts.withdraw')}
              </Button>
            )}
          </Group>
        )}
      </Group>
      {!editing && <ProblemAlert error={action.error} />}
      {editing && (
        <form onSubmit={(event: FormEvent) => void save(event)} noValidate>
          <Stack gap="xs" mt="sm">
            <ProblemAlert error={action.error} />
            <TextInput
              label={t('dialogue.publishedContacts.name')}
              description={t('dialogue.publishedContacts.nameHelp')}
              required
              value={form.name}
              error={error('name')}
              onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            />
            <NativeSelect
              label={t('dialogue.publishedContacts.unit')}
              value={form.unitId}
              error={error('unitId')}
              onChange={(e) => setForm({ ...form, unitId: e.currentTarget.value })}
              data={[
                { value: '', label: t('dialogue.none') },
                ...(options.data?.units ?? []).map((unit) => ({ value: unit.id, label: unit.name })),
              ]}
            />
            <Group grow align="flex-start">
              <TextInput
                type="email"
                label={t('dialogue.publishedContacts.email')}
                value={form.email}
                error={error('email')}
                onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
              />
              <TextInput
                type="tel"
                label={t('dialogue.publishedContacts.phone')}
                value={form.phone}
                error={error('phone')}
                onChange={(e) => setForm({ ...form, phone: e.currentTarget.value })}
              />
            </Group>
            <Group>
              <Button type="submit" loading={action.busy}>
                {t('dialogue.publishedContacts.publish')}
              </Button>
              <Button variant="default" onClick={() => setEditing(false)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}
