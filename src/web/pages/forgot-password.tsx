import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { post } from '../api/client.ts';
import { CentredCard } from '../components/centred-card.tsx';
import { fieldError, ProblemAlert } from '../components/problem-alert.tsx';
import { useAction } from '../components/use-action.ts';

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const { error, busy, run } = useAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await post('/password-reset', { email });
      setSent(true);
    });
  }

  return (
    <CentredCard title={t('forgot.title')}>
      {sent ? (
        <Alert color="teal" variant="outline" role="status">
          {t('forgot.sent')}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text size="sm">{t('forgot.help')}</Text>
            <ProblemAlert error={error} fields={['email']} />
            <TextInput
              label={t('common.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldError(error, 'email')}
            />
            <Button type="submit" loading={busy}>
              {t('forgot.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} href="/sign-in" size="sm">
        {t('forgot.back')}
      </Anchor>
    </CentredCard>
  );
}
