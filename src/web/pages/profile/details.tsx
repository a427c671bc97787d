import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { patch } from '../../api/client.ts';
import type { Me } from '../../api/types.ts';
import { useDraft } from '../../components/draft.ts';
import { fieldError, ProblemAlert } from '../../components/problem-alert.tsx';
import { useAction } from '../../components/use-action.ts';
import { languageNames, languages, switchLanguage, type Language } from '../../i18n/index.ts';
import { useSetMe } from '../../session.ts';
import { Section } from './section.tsx';

export function Details({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const setMe = useSetMe();
  // A draft for this tab only: the profile may be edited on a shared computer.
  const [draft, update, clearDraft] = useDraft(
    `profile.${me.user.id}`,
    { name: me.user.name, language: me.user.language ?? (i18n.language as Language) },
    { session: true },
  );
  const { error, busy, run } = useAction();
  const [saved, setSaved] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    void run(async () => {
      const fresh = await patch<Me>('/me', draft);
      setMe(fresh);
      await switchLanguage(draft.language);
      clearDraft();
      setSaved(true);
    });
  }

  return (
    <Section title={t('profile.details')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ProblemAlert error={error} fields={['name', 'language']} />
          <TextInput
            label={t('common.name')}
            required
            autoComplete="name"
            value={draft.name}
            onChange={(e) => update({ name: e.currentTarget.value })}
            error={fieldError(error, 'name')}
          />
          <NativeSelect
            label={t('profile.language')}
            value={draft.language}
            data={languages.map((value) => ({ value, label: languageNames[value] }))}
            onChange={(e) => update({ language: e.currentTarget.value as Language })}
          />
          <Group>
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
            {saved && <Text role="status">{t('common.saved')}</Text>}
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
