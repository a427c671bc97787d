import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { can, useMe } from '../../../web/session.ts';
import { BodyForm } from './body-form.tsx';

export default function NewBodyPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  return (
    <Stack maw={760}>
      <Anchor component={Link} href="/dialogue/bodies" size="sm" w="fit-content">
        {t('dialogue.bodies.back')}
      </Anchor>
      <PageHeading>{t('dialogue.bodies.new')}</PageHeading>
      {can(me, 'dialogue:edit') ? <BodyForm /> : <Text>{t('dialogue.cannotEdit')}</Text>}
    </Stack>
  );
}
