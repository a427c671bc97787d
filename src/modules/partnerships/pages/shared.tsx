// Each page loads the styles of the Mantine parts it uses (as src/web/main.tsx does for the shell).
import '@mantine/core/styles/Badge.css';
import '@mantine/core/styles/Blockquote.css';
import '@mantine/core/styles/Card.css';
import '@mantine/core/styles/Modal.css';
import '@mantine/core/styles/ModalBase.css';
import '@mantine/core/styles/Overlay.css';
import '@mantine/core/styles/SimpleGrid.css';
import { Badge, Blockquote, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../../web/api/client.ts';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { localeDate } from '../../../web/i18n/index.ts';
import type { ContinuumLevel, LifecycleState, Partnership, Place, Taxonomies, Term } from './types.ts';

// What the partnership pages share: the record, the register's lists, badges and the move dialog.

export function usePartnership(id: string) {
  return useQuery({
    queryKey: ['partnerships', 'partnership', id],
    queryFn: () => get<Partnership>(`/partnerships/${id}`),
  });
}

/** Focus areas and places come from the register's lists, fetched once a visit. */
export function useRegisterLists() {
  return useQuery({
    queryKey: ['register', 'taxonomies'],
    queryFn: () => get<Taxonomies>('/register/taxonomies'),
    staleTime: 30 * 60_000,
  });
}

export const termLabel = (terms: Term[] | undefined, code: string) =>
  terms?.find((term) => term.code === code)?.label ?? code;

/** Places for a select, each under its parent with its depth shown by indentation. */
export function placeChoices(places: Place[] = []) {
  const byParent = new Map<string | null, Place[]>();
  for (const place of places) byParent.set(place.parentId, [...(byParent.get(place.parentId) ?? []), place]);
  const known = new Set(places.map((place) => place.id));
  const out: { value: string; label: string }[] = [];
  const visit = (place: Place, depth: number) => {
    out.push({ value: place.id, label: `${'\u2003'.repeat(depth)}${place.name}` });
    for (const child of byParent.get(place.id) ?? []) visit(child, depth + 1);
  };
  for (const root of places.filter((place) => !place.parentId || !known.has(place.parentId))) visit(root, 0);
  return out;
}

export const localeOf = (language: string) => (language === 'en' ? 'en-GB' : language);
export const formatDate = (iso: string | null | undefined, language: string) =>
  iso
    ? localeDate(new Date(iso), localeOf(language), { year: 'numeric', month: 'short', day: 'numeric' })
    : '—';

// Ends in grey, going concerns in teal, the way in in blue, trouble in orange; the word says it all.
// Mantine's orange.9 gives white text only 4.3:1, so trouble uses a darker orange (5.9:1, WCAG AA).
const trouble = '#b33d0a';
const stateColours: Record<LifecycleState, string> = {
  identified: 'blue.8',
  scoping: 'blue.8',
  'due-diligence': 'blue.8',
  'awaiting-decision': 'indigo.8',
  agreed: 'teal.9',
  active: 'teal.9',
  'under-review': trouble,
  'phasing-out': trouble,
  closed: 'gray.8',
  declined: 'gray.8',
  withdrawn: 'gray.8',
};

export function StateBadge({ state }: { state: LifecycleState }) {
  const { t } = useTranslation();
  return (
    <Badge color={stateColours[state]} autoContrast radius="sm" style={{ flexShrink: 0 }}>
      {t(`partnerships.state.${state}`)}
    </Badge>
  );
}

export function LevelBadge({ level }: { level: ContinuumLevel }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color="dark" radius="sm" style={{ flexShrink: 0 }}>
      {t(`partnerships.level.${level}`)}
    </Badge>
  );
}

/** 000 §1, quoted where a level is chosen, so the choice follows the policy's words. */
export function LevelDefinition({ level }: { level: ContinuumLevel }) {
  const { t } = useTranslation();
  return (
    <Blockquote p="xs" color="teal" cite={t('partnerships.levelSource')}>
      <Text size="sm">{t(`partnerships.levelDefinition.${level}`)}</Text>
    </Blockquote>
  );
}

/**
 * Asks for the reason of a move (the lifecycle's, an agreement's) and makes it. A refused move
 * (forbidden, or a guard such as missing due diligence) shows the server's words in the dialog.
 */
export function ReasonDialog({
  title,
  description,
  onMove,
  onClose,
}: {
  /** null: closed */
  title: string | null;
  description: string;
  onMove: (reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const { error, setError, busy, run } = useAction();
  const close = () => {
    setReason('');
    setError(undefined);
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await onMove(reason);
      await client.invalidateQueries({ queryKey: ['partnerships'] });
      close();
    });
  };
  return (
    <Modal opened={title !== null} onClose={close} title={title ?? ''}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm">{description}</Text>
          <Textarea
            label={t('partnerships.reason')}
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={fieldError(error, 'reason')}
            data-autofocus
          />
          <ProblemAlert error={error} fields={['reason']} />
          <Group gap="xs">
            <Button type="submit" loading={busy}>
              {t('partnerships.move.submit')}
            </Button>
            <Button variant="subtle" onClick={close}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A lifecycle move of a partnership, with its reason. */
export function MoveDialog({
  partnership,
  to,
  onClose,
}: {
  partnership: { id: string; title: string; version: number; state: LifecycleState };
  to: LifecycleState | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ReasonDialog
      title={
        to && t('partnerships.move.title', { title: partnership.title, state: t(`partnerships.state.${to}`) })
      }
      description={
        to
          ? t('partnerships.move.fromTo', {
              from: t(`partnerships.state.${partnership.state}`),
              to: t(`partnerships.state.${to}`),
            })
          : ''
      }
      onMove={(reason) =>
        post<Partnership>(`/partnerships/${partnership.id}/state`, {
          state: to,
          reason,
          version: partnership.version,
        })
      }
      onClose={onClose}
    />
  );
}
