import { Button, Group, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client.ts';
import type { Items, Member } from '../../api/types.ts';

export const filterNames = ['action', 'entity', 'entityId', 'actorId', 'from', 'to'] as const;
export type Filters = Record<(typeof filterNames)[number], string>;

/** The filters as the API wants them: dates become the start of `from` and the end of `to`, local time. */
export function toQuery(filters: Filters, cursor: string | null): string {
  const params = new URLSearchParams();
  for (const name of filterNames) {
    const value = filters[name].trim();
    if (!value) continue;
    if (name === 'from') params.set(name, new Date(`${value}T00:00:00`).toISOString());
    else if (name === 'to') params.set(name, new Date(`${value}T23:59:59.999`).toISOString());
    else params.set(name, value);
  }
  if (cursor) params.set('cursor', cursor);
  params.set('limit', '25');
  return params.toString();
}

export function AuditFilters({ value, onChange }: { value: Filters; onChange: (filters: Filters) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  const members = useQuery({ queryKey: ['members'], queryFn: () => get<Items<Member>>('/users') });
  const set = (name: keyof Filters) => (event: { currentTarget: { value: string } }) =>
    setDraft({ ...draft, [name]: event.currentTarget.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange(draft);
  };
  const clear = () => {
    const empty = Object.fromEntries(filterNames.map((name) => [name, ''])) as Filters;
    setDraft(empty);
    onChange(empty);
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('audit.filters')}>
      <SimpleGrid cols={{ base: 2, md: 3 }} spacing="xs" verticalSpacing="xs">
        <TextInput
          label={t('audit.action')}
          placeholder="user.invited"
          value={draft.action}
          onChange={set('action')}
        />
        <TextInput
          label={t('audit.entity')}
          placeholder="user"
          value={draft.entity}
          onChange={set('entity')}
        />
        <TextInput label={t('audit.entityId')} value={draft.entityId} onChange={set('entityId')} />
        <NativeSelect
          label={t('audit.who')}
          value={draft.actorId}
          onChange={set('actorId')}
          data={[
            { value: '', label: t('audit.anyone') },
            ...(members.data?.items.map((member) => ({ value: member.id, label: member.name })) ?? []),
          ]}
        />
        <TextInput label={t('audit.from')} type="date" value={draft.from} onChange={set('from')} />
        <TextInput label={t('audit.to')} type="date" value={draft.to} onChange={set('to')} />
      </SimpleGrid>
      <Group gap="xs" mt="sm">
        <Button type="submit">{t('audit.filter')}</Button>
        <Button variant="outline" onClick={clear}>
          {t('audit.clear')}
        </Button>
      </Group>
    </form>
  );
}
