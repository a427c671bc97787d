import { NativeSelect } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { patch } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { languageNames, languages, switchLanguage, type Language } from '../i18n/index.ts';
import { meKey } from '../session.ts';

/**
 * The language switcher, on the sign-in page and in the header. The page changes at once; the
 * choice is kept in this browser and, when someone is signed in, in their profile.
 */
export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  async function choose(language: Language) {
    await switchLanguage(language);
    if (!client.getQueryData<Me | null>(meKey)) return;
    // Saving to the profile can wait for a better connection; the page has switched already.
    const me = await patch<Me>('/me', { language }).catch(() => undefined);
    if (me) client.setQueryData(meKey, me);
  }
  return (
    <NativeSelect
      aria-label={t('language.label')}
      size="xs"
      value={i18n.language}
      data={languages.map((language) => ({ value: language, label: languageNames[language] }))}
      onChange={(event) => void choose(event.currentTarget.value as Language)}
    />
  );
}
