import { useState } from 'react';

/** Runs what a button or form does, with a busy flag and the failure kept for display. */
export function useAction() {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { error, setError, busy, run };
}
