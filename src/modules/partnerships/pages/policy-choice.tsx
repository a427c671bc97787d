import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/InlineInput.css';
import { Checkbox, SimpleGrid, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api/client.ts';

type PolicyItem = { id: string; title: string };

/**
 * The agency's policies (the dialogue module's register) a partnership serves (issue 4 item 1).
 * Read through the API, as pages of one module never import another module's pages.
 */
export function PolicyChoice({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (value: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const policies = useQuery({
    queryKey: ['dialogue', 'policies', 'choices'],
    queryFn: () => get<{ items: PolicyItem[] }>('/dialogue/policies?limit=200'),
    // Without the dialogue module (or the right to read it) the list is simply empty.
    retry: false,
  });
  const items = policies.data?.items ?? [];
  return (
    <Checkbox.Group label={t('partnerships.policies')} value={value} onChange={onChange} error={error}>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('partnerships.policiesNone')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
          {items.map((policy) => (
            <Checkbox key={policy.id} value={policy.id} label={policy.title} />
          ))}
        </SimpleGrid>
      )}
    </Checkbox.Group>
  );
}
