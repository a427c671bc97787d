import './styles.ts';
import { Anchor, Button, Radio, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { get, post } from '../../../web/api/client.ts';
import { CentredCard } from '../../../web/components/centred-card.tsx';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import type { DirectoryPage } from './types.ts';

/** Anyone asks to act for an organisation of the register; the e-mail link and a coordinator follow. */
export default function PortalSignUpPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [settled] = useDebouncedValue(search.trim(), 400);
  const [organisationId, setOrganisationId] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [website, setWebsite] = useState(''); // a trap for bots; people never see it
  const [sent, setSent] = useState(false);
  const { error, busy, run } = useAction();
  const found = useQuery({
    queryKey: ['directory', 'sign-up', settled],
    queryFn: () =>
      get<DirectoryPage>(`/directory/organisations?${new URLSearchParams({ q: settled, limit: '8' })}`),
    enabled: settled.length >= 2,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await post('/portal/sign-up', { organisationId, name, email, ...(website ? { website } : {}) });
      setSent(true);
    });
  }

  if (sent)
    return (
      <CentredCard title={t('portal.signUp.sentTitle')}>
        <Text>{t('portal.signUp.sent', { email })}</Text>
      </CentredCard>
    );
  return (
    <CentredCard title={t('portal.signUp.title')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{t('portal.signUp.help')}</Text>
          <ProblemAlert error={error} fields={['organisationId', 'name', 'email']} />
          <TextInput
            label={t('portal.signUp.find')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            error={fieldError(error, 'organisationId')}
          />
          {found.data && (
            <Radio.Group
              value={organisationId}
              onChange={setOrganisationId}
              label={t('portal.signUp.choose')}
            >
              <Stack gap={6} mt={4}>
                {found.data.items.map((item) => (
                  <Radio key={item.id} value={item.id} label={item.legalName} />
                ))}
                {found.data.items.length === 0 && <Text size="sm">{t('portal.signUp.none')}</Text>}
              </Stack>
            </Radio.Group>
          )}
          <TextInput
            label={t('common.name')}
            required
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(error, 'name')}
          />
          <TextInput
            label={t('common.email')}
            type="email"
            required
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldError(error, 'email')}
          />
          <VisuallyHidden aria-hidden>
            <TextInput
              label="Website"
              tabIndex={-1}
              autoComplete="off"
              value={website}
              onChange={(e) => setWebsite(e.currentTarget.value)}
            />
          </VisuallyHidden>
          <Button type="submit" loading={busy} disabled={!organisationId}>
            {t('portal.signUp.submit')}
          </Button>
          <Anchor component={Link} href="/sign-in" size="sm">
            {t('forgot.back')}
          </Anchor>
        </Stack>
      </form>
    </CentredCard>
  );
}
