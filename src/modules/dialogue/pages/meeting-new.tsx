import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { PageHeading } from '../../../web/components/page-heading.tsx';
import { can, useMe } from '../../../web/session.ts';
import { MeetingForm } from './meeting-form.tsx';

export default function NewMeetingPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  return (
    <Stack maw={760}>
      <Anchor component={Link} href="/dialogue/meetings" size="sm" w="fit-content">
        {t('dialogue.meetings.back')}
      </Anchor>
      <PageHeading>{t('dialogue.meetings.new')}</PageHeading>
      {can(me, 'dialogue:edit') ? <MeetingForm /> : <Text>{t('dialogue.cannotEdit')}</Text>}
    </Stack>
  );
}
