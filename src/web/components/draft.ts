import { useEffect, useState } from 'react';

/**
 * Form state kept in this device's storage until the form is saved, so a dropped connection or a
 * closed tab loses nothing (ARCHITECTURE.md "Web app"). Never pass secrets: passwords and codes
 * stay in memory only. `session` keeps the draft for this tab only (shared computers).
 */
export function useDraft<T extends object>(key: string, initial: T, { session = false } = {}) {
  const storageKey = `vaka.draft.${key}`;
  const store = session ? 'sessionStorage' : 'localStorage';
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = window[store].getItem(storageKey);
      return stored ? { ...initial, ...(JSON.parse(stored) as Partial<T>) } : initial;
    } catch {
      return initial;
    }
  });
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (!touched) return;
    try {
      window[store].setItem(storageKey, JSON.stringify(value));
    } catch {
      // storage full or refused: the form still works, only without a kept draft
    }
  }, [storageKey, store, value, touched]);
  const update = (changes: Partial<T>) => {
    setTouched(true);
    setValue((current) => ({ ...current, ...changes }));
  };
  const clear = () => {
    setTouched(false);
    try {
      window[store].removeItem(storageKey);
    } catch {
      // nothing kept
    }
  };
  return [value, update, clear] as const;
}
