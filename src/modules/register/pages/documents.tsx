import { Anchor, Badge, Button, FileInput, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { remove, uploadFile } from '../../../web/api/client.ts';
import { fieldError, ProblemAlert } from '../../../web/components/problem-alert.tsx';
import { useAction } from '../../../web/components/use-action.ts';
import { formatDate } from './shared.tsx';
import type { Organisation } from './types.ts';

const kinds = [
  'constitution',
  'certificate-of-incorporation',
  'annual-report',
  'financial-statement',
  'audit-report',
  'policy',
  'other',
];

/**
 * An organisation's governance documents with their expiry, for staff ('/register') and for the
 * CSO itself ('/portal'); those who may edit add and remove them.
 */
export function DocumentsPanel({
  organisation,
  side,
  canEdit,
  onChanged,
}: {
  organisation: Organisation;
  side: 'register' | 'portal';
  canEdit: boolean;
  onChanged: () => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation();
  const base = `/${side}/organisations/${organisation.id}/documents`;
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState('constitution');
  const [expiresOn, setExpiresOn] = useState('');
  const { error, busy, run } = useAction();

  function add(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    const query = new URLSearchParams({ title, kind, ...(expiresOn ? { expiresOn } : {}) });
    void run(async () => {
      await uploadFile(`${base}?${query}`, file);
      setFile(null);
      setTitle('');
      setExpiresOn('');
      await onChanged();
    });
  }

  return (
    <Stack gap="sm">
      {organisation.documents.length === 0 && <Text c="dimmed">{t('documents.none')}</Text>}
      <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {organisation.documents.map((document) => (
          <li key={document.id}>
            <Group gap="xs" wrap="wrap">
              <Anchor href={`/api/v1${base}/${document.id}/file`} style={{ overflowWrap: 'anywhere' }}>
                {document.title}
              </Anchor>
              <Text size="sm" c="dimmed">
                {t(`documents.kind.${document.kind}`)}
              </Text>
              {document.expiresOn && (
                <Badge color={document.expired ? 'red' : 'gray'} variant="light">
                  {t(document.expired ? 'documents.expired' : 'documents.expires', {
                    date: formatDate(document.expiresOn, i18n.language),
                  })}
                </Badge>
              )}
              {canEdit && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  onClick={() =>
                    void run(async () => {
                      await remove(`${base}/${document.id}`);
                      await onChanged();
                    })
                  }
                >
                  {t('common.remove')}
                </Button>
              )}
            </Group>
          </li>
        ))}
      </Stack>
      <ProblemAlert error={error} fields={['querystring.title', 'querystring.expiresOn', 'file']} />
      {canEdit && (
        <form onSubmit={add} noValidate>
          <Stack gap="xs">
            <FileInput label={t('documents.file')} value={file} onChange={setFile} clearable />
            <TextInput
              label={t('documents.title')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={fieldError(error, 'querystring.title')}
            />
            <Group gap="sm" wrap="wrap" align="end">
              <NativeSelect
                label={t('documents.kindLabel')}
                value={kind}
                onChange={(e) => setKind(e.currentTarget.value)}
                data={kinds.map((value) => ({ value, label: t(`documents.kind.${value}`) }))}
              />
              <TextInput
                type="date"
                label={t('documents.expiresOn')}
                value={expiresOn}
                onChange={(e) => setExpiresOn(e.currentTarget.value)}
                error={fieldError(error, 'querystring.expiresOn')}
              />
            </Group>
            <Button type="submit" w="fit-content" loading={busy} disabled={!file}>
              {t('documents.add')}
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
