import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { can, useMe } from '../../../web/session.ts';
import { PolicyForm } from './policy-form.tsx';

export default function NewPolicyPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  return (
    <Stack maw={760}>
      <Anchor component={Link} href="/dialogue" size="sm" w="fit-content">
        {t('dialogue.back')}
      </Anchor>
      <PageHeading>{t('dialogue.policies.new')}</PageHeading>
      {can(me, 'dialogue:edit') ? <PolicyForm /> : <Text>{t('dialogue.cannotEdit')}</Text>}
    </Stack>
  );
}
