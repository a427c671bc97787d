import { NativeSelect } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { put } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { meKey } from '../session.ts';
import { ProblemAlert } from './problem-alert.tsx';

/** For people in several agencies: which one they work in now. Shown only when there is a choice. */
export function AgencySwitcher({ me }: { me: Me }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [, navigate] = useLocation();
  const [error, setError] = useState<unknown>();
  if (me.agencies.length < 2) return null;

  async function choose(agencyId: string) {
    setError(undefined);
    try {
      const fresh = await put<Me>('/me/agency', { agencyId });
      // Nothing fetched for the other agency may show in this one.
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
      client.setQueryData(meKey, fresh);
      navigate('/');
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <>
      <NativeSelect
        aria-label={t('nav.agencySwitch')}
        size="xs"
        maw={200}
        value={me.agency?.id ?? ''}
        data={me.agencies.map((agency) => ({ value: agency.id, label: agency.name }))}
        onChange={(event) => void choose(event.currentTarget.value)}
      />
      <ProblemAlert error={error} />
    </>
  );
}
