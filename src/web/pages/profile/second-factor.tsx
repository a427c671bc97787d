import { Button, Code, Image, Stack, Text } from '@mantine/core';
import '@mantine/core/styles/Code.css';
import '@mantine/core/styles/Image.css';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post, remove } from '../../api/client.ts';
import type { Me, SecondFactorSetup } from '../../api/types.ts';
import { CodeInput } from '../../components/code-input.tsx';
import { fieldError, ProblemAlert } from '../../components/problem-alert.tsx';
import { useAction } from '../../components/use-action.ts';
import { useSetMe } from '../../session.ts';
import { Section } from './section.tsx';

/** The secret in groups of four, easier to type into a phone than 32 letters in a row. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

export function SecondFactor({ me }: { me: Me }) {
  const { t } = useTranslation();
  const setMe = useSetMe();
  const [setup, setSetup] = useState<SecondFactorSetup>();
  const [code, setCode] = useState('');
  const { error, busy, run } = useAction();

  const start = () => void run(async () => setSetup(await post<SecondFactorSetup>('/me/second-factor')));
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      setMe(await post<Me>('/me/second-factor/confirm', { code }));
      setSetup(undefined);
      setCode('');
    });
  };
  const turnOff = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      setMe(await remove<Me>('/me/second-factor', { code }));
      setCode('');
    });
  };

  const codeInput = <CodeInput w={200} value={code} onChange={setCode} error={fieldError(error, 'code')} />;

  return (
    <Section title={t('profile.security')} id="security">
      <ProblemAlert error={error} fields={['code']} />
      {me.user.secondFactorEnabled ? (
        <form onSubmit={turnOff} noValidate>
          <Stack gap="sm">
            <Text>{t('profile.securityOn')}</Text>
            {codeInput}
            <Button type="submit" color="red" variant="outline" loading={busy} w="fit-content">
              {t('profile.securityTurnOff')}
            </Button>
          </Stack>
        </form>
      ) : setup ? (
        <form onSubmit={confirm} noValidate>
          <Stack gap="sm">
            <Text size="sm">{t('profile.securityScan')}</Text>
            <Image
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qrCodeSvg)}`}
              alt={t('profile.securityQr')}
              w={200}
              h={200}
              fit="contain"
            />
            <Text size="sm">
              {t('profile.securityKey')}:{' '}
              <Code dir="ltr" style={{ overflowWrap: 'anywhere' }}>
                {grouped(setup.secret)}
              </Code>
            </Text>
            {codeInput}
            <Button type="submit" loading={busy} w="fit-content">
              {t('profile.securityConfirm')}
            </Button>
          </Stack>
        </form>
      ) : (
        <Stack gap="sm">
          <Text>{t('profile.securityOff')}</Text>
          <Button onClick={start} loading={busy} w="fit-content">
            {t('profile.securityStart')}
          </Button>
        </Stack>
      )}
    </Section>
  );
}
