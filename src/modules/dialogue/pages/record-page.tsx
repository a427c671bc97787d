import { Anchor, Button, Group, Stack } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { PageLoader } from '../../../web/components/page-loader.tsx';
import { ProblemAlert } from '../../../web/components/problem-alert.tsx';

/**
 * The frame of a dialogue record (a policy, a body, a meeting): the way back, its loading and its
 * problem, the heading with an edit button, and either the record's summary or its form. What
 * follows the summary (members, papers, invitations) shows in both.
 */
export function RecordPage<Record>({
  query,
  back,
  maw,
  title,
  canEdit,
  editLabel,
  form,
  summary,
  children,
}: {
  query: UseQueryResult<Record>;
  back: { href: string; label: string };
  maw: number;
  title: (record: Record) => string;
  canEdit: boolean;
  editLabel?: ((record: Record) => string) | undefined;
  form: (record: Record, done: () => void) => ReactNode;
  summary: (record: Record) => ReactNode;
  children?: ((record: Record) => ReactNode) | undefined;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const record = query.data;
  return (
    <Stack maw={maw}>
      <Anchor component={Link} href={back.href} size="sm" w="fit-content">
        {back.label}
      </Anchor>
      <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      {query.isLoading && <PageLoader />}
      {record && (
        <>
          <Group justify="space-between" align="flex-start">
            <PageHeading>{title(record)}</PageHeading>
            {canEdit && !editing && (
              <Button variant="default" onClick={() => setEditing(true)}>
                {editLabel ? editLabel(record) : t('dialogue.edit')}
              </Button>
            )}
          </Group>
          {editing ? form(record, () => setEditing(false)) : summary(record)}
          {children?.(record)}
        </>
      )}
    </Stack>
  );
}
