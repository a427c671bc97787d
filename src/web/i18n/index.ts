import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../api/types.ts';
import { en } from './en.ts';

export type { Language };
export const languages: readonly Language[] = ['en', 'ur', 'rar'];
const STORAGE_KEY = 'vaka.language';

export const direction = (language: Language) => (language === 'ur' ? 'rtl' : 'ltr');
const isLanguage = (value: unknown): value is Language => languages.includes(value as Language);

/** The language this browser chose in Vaka before, if any. */
export function chosenLanguage(): Language | undefined {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : undefined;
  } catch {
    return undefined; // storage refused (private mode on some phones)
  }
}

/** The stored choice, else the browser's first language Vaka speaks, else English. */
export function initialLanguage(): Language {
  const chosen = chosenLanguage();
  if (chosen) return chosen;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

// Urdu and Māori load only when needed, so the sign-in page carries English alone.
const loaders: Record<Exclude<Language, 'en'>, () => Promise<Record<string, string>>> = {
  ur: () => import('./ur.ts').then((module) => module.ur),
  rar: () => import('./rar.ts').then((module) => module.rar),
};

function applyToDocument(language: Language) {
  document.documentElement.lang = language;
  // Mantine's DirectionProvider watches this attribute, so components flip at the same moment.
  document.documentElement.dir = direction(language);
}

/** Loads the language if needed and switches to it at once; `remember` keeps it for this browser. */
export async function switchLanguage(language: Language, { remember = true } = {}) {
  if (language !== 'en' && !i18next.hasResourceBundle(language, 'translation')) {
    i18next.addResourceBundle(language, 'translation', await loaders[language]());
  }
  await i18next.changeLanguage(language);
  applyToDocument(language);
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // not kept; the browser's language decides next time
    }
  }
}

export async function startI18n(): Promise<Language> {
  const language = initialLanguage();
  // Direction is set before React renders anything, so a browser in Urdu never sees a left-to-right page.
  applyToDocument(language);
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en } },
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...languages],
    interpolation: { escapeValue: false }, // React escapes
    react: { useSuspense: false },
  });
  await switchLanguage(language, { remember: false });
  return language;
}

/**
 * A module's English words, added when the first of its pages loads: they stay out of the first
 * load, which the sign-in page and the public directory share (decision 0005).
 */
export function addEnglish(words: Record<string, string>) {
  i18next.addResourceBundle('en', 'translation', words, true, false);
}

/** A page loaded together with its module's English words. */
export function withWords<T>(words: Promise<unknown>, page: Promise<T>): Promise<T> {
  return Promise.all([words, page]).then(([, loaded]) => loaded);
}

/** Each language in its own words, so everyone can find theirs whatever the page is in now. */
export const languageNames: Record<Language, string> = {
  en: 'English',
  ur: 'اردو',
  rar: 'Māori Kūki ʻĀirani',
};

// Dates and numbers follow the language: day before month in English as written in the Pacific.
const formatLocales: Record<Language, string> = { en: 'en-GB', ur: 'ur-PK', rar: 'en-CK' };

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * `date.toLocaleDateString(locale, options)` with the format made once per locale and options:
 * `toLocaleDateString` builds a new one on every call (about 3 ms each), and a list of 20 dates
 * held a slow phone's main thread for 300 ms. The options must name what to show (a format with
 * none shows the date alone, unlike `toLocaleString`).
 */
export function localeDate(date: Date, locale: string, options: Intl.DateTimeFormatOptions): string {
  if (Number.isNaN(date.getTime())) return 'Invalid Date'; // as toLocaleDateString says; format() throws
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format.format(date);
}

/**
 * Makes this language's first date format in a task of its own, soon after the app starts: the
 * first one in a page loads the browser's locale and time-zone data (20 to 40 ms here, four times
 * that on a slow phone), which otherwise came inside the first list's render, one long task that
 * held the main thread (decision 0031). Called while the app waits for the page's code.
 */
export function prepareDateFormats(language: Language) {
  setTimeout(() => formatDate(new Date().toISOString(), language));
}

/** A date, or a date and time, as people reading this language write it. */
export function formatDate(iso: string, language: string, withTime = false): string {
  const locale = formatLocales[language as Language] ?? 'en-GB';
  return localeDate(
    new Date(iso),
    locale,
    withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' },
  );
}
