import { Button, Group, NativeSelect, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../../web/api/client.ts';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { formatDate } from './shared.tsx';
import type { CsoMember } from './types.ts';

/** One person asking to act for an organisation, decided by a coordinator or by its administrators (portal). */
export function PersonRequest({
  person,
  decidedAt,
  queryKey,
  suggestedRole,
}: {
  person: CsoMember;
  decidedAt: string;
  queryKey: string[];
  /** A coordinator confirms an organisation's first person, usually its administrator. */
  suggestedRole: string;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [role, setRole] = useState(suggestedRole);
  const [reason, setReason] = useState('');
  const { error, busy, run } = useAction();
  const decide = (path: string, body: unknown) =>
    void run(async () => {
      await post(`${decidedAt}/${path}`, body);
      await client.invalidateQueries({ queryKey });
    });
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Text fw={600}>
          {t('reviews.personAsks', { name: person.name, organisation: person.organisationName })}
        </Text>
        <Text size="sm">
          {person.email} · {formatDate(person.createdAt, i18n.language)}
        </Text>
        <ProblemAlert error={error} fields={['reason', 'role']} />
        <Group align="end" gap="sm" wrap="wrap">
          <NativeSelect
            label={t('common.role')}
            value={role}
            onChange={(e) => setRole(e.currentTarget.value)}
            data={['cso-administrator', 'cso-member'].map((value) => ({
              value,
              label: t(`portal.role.${value}`),
            }))}
          />
          <Button loading={busy} onClick={() => decide('confirmation', { role })}>
            {t('reviews.confirm')}
          </Button>
        </Group>
        <Textarea
          label={t('reviews.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldError(error, 'reason')}
          autosize
          minRows={1}
        />
        <Button
          variant="default"
          w="fit-content"
          loading={busy}
          onClick={() => decide('refusal', { reason })}
        >
          {t('reviews.refuse')}
        </Button>
      </Stack>
    </Paper>
  );
}
