import '@mantine/core/styles/Radio.css';
import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/InlineInput.css';
import '@mantine/core/styles/Fieldset.css';
import {
  Anchor,
  Button,
  Checkbox,
  CloseButton,
  Fieldset,
  Group,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { get, patch, post } from '../../../web/api/client.ts';
import { useDraft } from '../../../web/components/draft.ts';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { PolicyChoice } from './policy-choice.tsx';
import { LevelDefinition, placeChoices, useRegisterLists } from './shared.tsx';
import {
  agencyRoles,
  continuumLevels,
  formalities,
  partnershipForms,
  type ContinuumLevel,
  type OrganisationHit,
  type Partnership,
} from './types.ts';

type Party = { organisationId: string; legalName: string; lead: boolean };
type FormState = {
  title: string;
  purpose: string;
  sharedVision: string;
  parties: Party[];
  focusAreas: string[];
  placeIds: string[];
  formality: string;
  form: string;
  agencyRoles: string[];
  startsOn: string;
  endsOn: string;
  phaseOutPlan: string;
  level: ContinuumLevel;
  policyIds?: string[];
};

const empty: FormState = {
  title: '',
  purpose: '',
  sharedVision: '',
  parties: [],
  focusAreas: [],
  placeIds: [],
  formality: 'informal',
  form: 'network',
  agencyRoles: [],
  startsOn: '',
  endsOn: '',
  phaseOutPlan: '',
  level: 'networking',
};

const fromPartnership = (p: Partnership): FormState => ({
  title: p.title,
  purpose: p.purpose ?? '',
  sharedVision: p.sharedVision ?? '',
  parties: p.parties,
  focusAreas: p.focusAreas,
  placeIds: p.placeIds,
  formality: p.formality,
  form: p.form,
  agencyRoles: p.agencyRoles,
  startsOn: p.startsOn ?? '',
  endsOn: p.endsOn ?? '',
  phaseOutPlan: p.phaseOutPlan ?? '',
  level: p.level,
  policyIds: p.policies.map((policy) => policy.id),
});

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** New and edit share this form; a draft is kept on the device until it is saved. */
export function PartnershipForm({ partnership }: { partnership?: Partnership }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const client = useQueryClient();
  const lists = useRegisterLists();
  const [form, update, clearDraft] = useDraft<FormState>(
    partnership ? `partnership.${partnership.id}.${partnership.version}` : 'partnership.new',
    partnership ? fromPartnership(partnership) : empty,
  );
  const { error, busy, run } = useAction();
  const error_ = (field: string) => fieldError(error, field);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      title: form.title,
      purpose: orNull(form.purpose),
      sharedVision: orNull(form.sharedVision),
      parties: form.parties.map(({ organisationId, lead }) => ({ organisationId, lead })),
      focusAreas: form.focusAreas,
      placeIds: form.placeIds,
      formality: form.formality,
      form: form.form,
      agencyRoles: form.agencyRoles,
      startsOn: orNull(form.startsOn),
      endsOn: orNull(form.endsOn),
      phaseOutPlan: orNull(form.phaseOutPlan),
      policyIds: form.policyIds ?? [],
    };
    void run(async () => {
      const saved = partnership
        ? await patch<Partnership>(`/partnerships/${partnership.id}`, {
            ...body,
            version: partnership.version,
          })
        : await post<Partnership>('/partnerships', { ...body, level: form.level });
      clearDraft();
      await client.invalidateQueries({ queryKey: ['partnerships'] });
      navigate(`/partnerships/${saved.id}`);
    });
  };
  const toggle = (list: string[], value: string, on: boolean) =>
    on ? [...list, value] : list.filter((item) => item !== value);
  const partyError = form.parties.map((_, index) => error_(`parties.${index}.organisationId`)).find(Boolean);

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('common.draftKept')}
        </Text>
        <TextInput
          label={t('partnerships.titleLabel')}
          required
          value={form.title}
          onChange={(event) => update({ title: event.currentTarget.value })}
          error={error_('title')}
        />
        <Textarea
          label={t('partnerships.purpose')}
          autosize
          minRows={2}
          value={form.purpose}
          onChange={(event) => update({ purpose: event.currentTarget.value })}
          error={error_('purpose')}
        />
        <Textarea
          label={t('partnerships.sharedVision')}
          autosize
          minRows={2}
          value={form.sharedVision}
          onChange={(event) => update({ sharedVision: event.currentTarget.value })}
          error={error_('sharedVision')}
        />
        <Fieldset legend={t('partnerships.parties')}>
          <Stack gap="xs">
            {form.parties.length === 0 && <Text size="sm">{t('partnerships.form.noParties')}</Text>}
            {form.parties.map((party, index) => (
              <Group key={party.organisationId} justify="space-between" wrap="nowrap" gap="xs">
                <Text style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{party.legalName}</Text>
                <Group gap="xs" wrap="nowrap">
                  <Checkbox
                    label={t('partnerships.lead')}
                    checked={party.lead}
                    onChange={(event) => {
                      const lead = event.currentTarget.checked;
                      update({
                        parties: form.parties.map((p, i) => ({ ...p, lead: i === index ? lead : false })),
                      });
                    }}
                  />
                  <CloseButton
                    aria-label={t('partnerships.form.removeParty', { name: party.legalName })}
                    onClick={() => update({ parties: form.parties.filter((_, i) => i !== index) })}
                  />
                </Group>
              </Group>
            ))}
            {(error_('parties') || partyError) && (
              <Text c="red.8" size="sm" role="alert">
                {error_('parties') ?? partyError}
              </Text>
            )}
            <AddParty
              taken={form.parties.map((party) => party.organisationId)}
              onAdd={(hit) =>
                update({
                  parties: [
                    ...form.parties,
                    { organisationId: hit.id, legalName: hit.legalName, lead: false },
                  ],
                })
              }
            />
          </Stack>
        </Fieldset>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('partnerships.formalityLabel')}
            value={form.formality}
            data={formalities.map((value) => ({ value, label: t(`partnerships.formality.${value}`) }))}
            onChange={(event) => update({ formality: event.currentTarget.value })}
            error={error_('formality')}
          />
          <NativeSelect
            label={t('partnerships.formLabel')}
            value={form.form}
            data={partnershipForms.map((value) => ({ value, label: t(`partnerships.formKind.${value}`) }))}
            onChange={(event) => update({ form: event.currentTarget.value })}
            error={error_('form')}
          />
        </SimpleGrid>
        {!partnership && (
          <Radio.Group
            label={t('partnerships.levelLabel')}
            description={t('partnerships.levelHelp')}
            value={form.level}
            onChange={(value) => update({ level: value as ContinuumLevel })}
          >
            <Stack gap="xs" mt="xs">
              {continuumLevels.map((level) => (
                <Stack key={level} gap={2}>
                  <Radio value={level} label={t(`partnerships.level.${level}`)} />
                  <LevelDefinition level={level} />
                </Stack>
              ))}
            </Stack>
          </Radio.Group>
        )}
        <Checkbox.Group
          label={t('partnerships.agencyRoles')}
          value={form.agencyRoles}
          onChange={(value) => update({ agencyRoles: value })}
        >
          <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs" spacing="xs">
            {agencyRoles.map((role) => (
              <Checkbox key={role} value={role} label={t(`partnerships.role.${role}`)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <PolicyChoice
          value={form.policyIds ?? []}
          onChange={(policyIds) => update({ policyIds })}
          error={(form.policyIds ?? []).map((_, index) => error_(`policyIds.${index}`)).find(Boolean)}
        />
        <Checkbox.Group
          label={t('partnerships.focusAreas')}
          value={form.focusAreas}
          onChange={(value) => update({ focusAreas: value })}
          error={form.focusAreas.map((_, index) => error_(`focusAreas.${index}`)).find(Boolean)}
        >
          <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs" spacing="xs">
            {(lists.data?.focusAreas ?? []).map((term) => (
              <Checkbox key={term.code} value={term.code} label={term.label} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Fieldset legend={t('partnerships.places')}>
          <Stack gap="xs">
            {form.placeIds.map((placeId) => {
              const name = lists.data?.places.find((place) => place.id === placeId)?.name ?? placeId;
              return (
                <Group key={placeId} justify="space-between" wrap="nowrap">
                  <Text>{name}</Text>
                  <CloseButton
                    aria-label={t('partnerships.form.removePlace', { name })}
                    onClick={() => update({ placeIds: toggle(form.placeIds, placeId, false) })}
                  />
                </Group>
              );
            })}
            <NativeSelect
              label={t('partnerships.form.addPlace')}
              value=""
              data={[
                { value: '', label: t('partnerships.form.choose') },
                ...placeChoices(lists.data?.places).filter((choice) => !form.placeIds.includes(choice.value)),
              ]}
              onChange={(event) => {
                const value = event.currentTarget.value;
                if (value) update({ placeIds: [...form.placeIds, value] });
              }}
            />
          </Stack>
        </Fieldset>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="date"
            label={t('partnerships.startsOn')}
            value={form.startsOn}
            onChange={(event) => update({ startsOn: event.currentTarget.value })}
            error={error_('startsOn')}
          />
          <TextInput
            type="date"
            label={t('partnerships.endsOn')}
            value={form.endsOn}
            onChange={(event) => update({ endsOn: event.currentTarget.value })}
            error={error_('endsOn')}
          />
        </SimpleGrid>
        <Textarea
          label={t('partnerships.phaseOutPlan')}
          description={t('partnerships.phaseOutPlanHelp')}
          autosize
          minRows={2}
          value={form.phaseOutPlan}
          onChange={(event) => update({ phaseOutPlan: event.currentTarget.value })}
          error={error_('phaseOutPlan')}
        />
        <ProblemAlert
          error={error}
          fields={[
            'title',
            'purpose',
            'sharedVision',
            'parties',
            'formality',
            'form',
            'startsOn',
            'endsOn',
            'phaseOutPlan',
            ...form.parties.map((_, index) => `parties.${index}.organisationId`),
            ...form.focusAreas.map((_, index) => `focusAreas.${index}`),
          ]}
        />
        <Group gap="xs">
          <Button type="submit" loading={busy}>
            {partnership ? t('common.save') : t('partnerships.form.create')}
          </Button>
          <Anchor component={Link} href={partnership ? `/partnerships/${partnership.id}` : '/partnerships'}>
            {t('common.cancel')}
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}

/** Finds an organisation of the register by name to add as a party. */
function AddParty({ taken, onAdd }: { taken: string[]; onAdd: (hit: OrganisationHit) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const found = useQuery({
    queryKey: ['register', 'organisations', 'party-search', q],
    queryFn: () =>
      get<{ items: OrganisationHit[] }>(
        `/register/organisations?${new URLSearchParams({ q, limit: '8' }).toString()}`,
      ),
    enabled: q.length >= 2,
  });
  const choices = (found.data?.items ?? []).filter((item) => !taken.includes(item.id));
  return (
    <Paper withBorder p="xs">
      <Stack gap="xs">
        <TextInput
          type="search"
          label={t('partnerships.form.addParty')}
          description={t('partnerships.form.addPartyHelp')}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        <ProblemAlert error={found.error} />
        {q.length >= 2 && found.isSuccess && choices.length === 0 && (
          <Text size="sm">{t('partnerships.form.noneFound')}</Text>
        )}
        {choices.map((hit) => (
          <Group key={hit.id} justify="space-between" wrap="nowrap" gap="xs">
            <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
              {hit.legalName}
              {hit.acronym ? ` (${hit.acronym})` : ''}
            </Text>
            <Button
              size="xs"
              variant="outline"
              aria-label={t('partnerships.form.addThisParty', { name: hit.legalName })}
              onClick={() => {
                onAdd(hit);
                setText('');
              }}
            >
              {t('partnerships.form.add')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
