import { Alert, Stack } from '@mantine/core';
import '@mantine/core/styles/Card.css';
import '@mantine/core/styles/Badge.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/page-heading.tsx';
import { Invitations } from './invitations.tsx';
import { InviteForm } from './invite-form.tsx';
import { Members } from './members.tsx';

/** People and roles: who is in the agency, as what, and who is invited. */
export default function UsersPage() {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<string>();
  return (
    <Stack maw={900}>
      <PageHeading>{t('users.title')}</PageHeading>
      {notice && (
        <Alert
          color="teal"
          variant="outline"
          role="status"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setNotice(undefined)}
        >
          {notice}
        </Alert>
      )}
      <InviteForm onInvited={(email) => setNotice(t('users.inviteSent', { email }))} />
      <Invitations />
      <Members onNotice={setNotice} />
    </Stack>
  );
}
