import { useEffect, useState } from 'react';

/**
 * Form state kept in this device's storage until the form is saved, so a dropped connection or a
 * closed tab loses nothing (ARCHITECTURE.md "Web app"). Secrets are never kept: pass only safe fields.
 */
export function useDraft<T extends object>(key: string, initial: T) {
  const storageKey = `vaka.draft.${key}`;
  const [value, setValue] = useState<T>(() => {
    const stored = localStorage.getItem(storageKey);
    if (!stored) return initial;
    try {
      return { ...initial, ...(JSON.parse(stored) as Partial<T>) };
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    localStorage.setItem(storageKey, JSON.stringify(value));
  }, [storageKey, value]);
  const clear = () => localStorage.removeItem(storageKey);
  return [value, setValue, clear] as const;
}
