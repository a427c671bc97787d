// The dialogue module's words in Cook Islands Māori (partial: a missing key falls back to English).
import type { en } from './i18n.ts';

// Only words a speaker has confirmed; the rest falls back to English until they are read over.
export const rar: Partial<Record<keyof typeof en, string>> = {
  'dialogue.meetings.title': 'Uipaanga',
};
