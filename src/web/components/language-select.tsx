import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { languages, switchLanguage, type Language } from '../i18n/index.ts';

/** The language switcher, on the sign-in page and in the header. Changes apply at once. */
export function LanguageSelect({ onChange }: { onChange?: (language: Language) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      aria-label={t('language.label')}
      size="xs"
      value={i18n.language}
      data={languages.map((language) => ({ value: language, label: t(`language.${language}`) }))}
      onChange={(event) => {
        const language = event.currentTarget.value as Language;
        void switchLanguage(language).then(() => onChange?.(language));
      }}
    />
  );
}
