import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';

export const languages = ['en', 'ur', 'rar'] as const;
export type Language = (typeof languages)[number];
const STORAGE_KEY = 'vaka.language';

export const direction = (language: Language) => (language === 'ur' ? 'rtl' : 'ltr');

/** The stored choice, else the browser's first language Vaka speaks, else English. */
export function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored && (languages as readonly string[]).includes(stored)) return stored as Language;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (base && (languages as readonly string[]).includes(base)) return base as Language;
  }
  return 'en';
}

// Urdu and Māori load only when chosen, so the sign-in page carries English alone.
const loaders: Record<Exclude<Language, 'en'>, () => Promise<Record<string, string>>> = {
  ur: () => import('./ur.ts').then((m) => m.ur as Record<string, string>),
  rar: () => import('./rar.ts').then((m) => m.rar as Record<string, string>),
};

export function applyDocumentLanguage(language: Language) {
  document.documentElement.lang = language;
  document.documentElement.dir = direction(language);
}

export async function switchLanguage(language: Language, remember = true) {
  if (language !== 'en' && !i18next.hasResourceBundle(language, 'translation')) {
    i18next.addResourceBundle(language, 'translation', await loaders[language]());
  }
  await i18next.changeLanguage(language);
  applyDocumentLanguage(language);
  if (remember) localStorage.setItem(STORAGE_KEY, language);
}

export async function startI18n(): Promise<Language> {
  const language = initialLanguage();
  // Direction is set before React renders anything, so a browser in Urdu never sees a left-to-right page.
  applyDocumentLanguage(language);
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en } },
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  await switchLanguage(language, false);
  return language;
}
