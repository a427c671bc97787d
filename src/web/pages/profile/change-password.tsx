import { Button, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { put } from '../../api/client.ts';
import { MIN_PASSWORD_LENGTH, PasswordField } from '../../components/password-field.tsx';
import { fieldError, ProblemAlert } from '../../components/problem-alert.tsx';
import { useAction } from '../../components/use-action.ts';
import { Section } from './section.tsx';

/** `email` goes in a hidden username field, so password managers know whose password changes. */
export function ChangePassword({ email }: { email: string }) {
  const { t } = useTranslation();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const [saved, setSaved] = useState(false);
  const { error, busy, run } = useAction();
  const client = useQueryClient();

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    setTooShort(newPassword.length < MIN_PASSWORD_LENGTH);
    if (newPassword.length < MIN_PASSWORD_LENGTH) return;
    void run(async () => {
      await put('/me/password', { currentPassword, newPassword });
      setCurrent('');
      setNew('');
      setSaved(true);
      // The other sessions and the API tokens ended with the old password (decision 0026).
      await client.invalidateQueries({ queryKey: ['sessions'] });
      await client.invalidateQueries({ queryKey: ['tokens'] });
    });
  }

  return (
    <Section title={t('profile.password')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
          <ProblemAlert error={error} fields={['currentPassword', 'newPassword']} />
          <PasswordField
            label={t('profile.currentPassword')}
            autoComplete="current-password"
            required
            value={currentPassword}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={fieldError(error, 'currentPassword')}
          />
          <PasswordField
            label={t('profile.newPassword')}
            description={t('reset.passwordHelp')}
            autoComplete="new-password"
            required
            value={newPassword}
            onChange={(e) => setNew(e.currentTarget.value)}
            error={(tooShort && t('reset.tooShort')) || fieldError(error, 'newPassword')}
          />
          <Group>
            <Button type="submit" loading={busy}>
              {t('profile.passwordSubmit')}
            </Button>
            {saved && <Text role="status">{t('profile.passwordChanged')}</Text>}
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
