import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** What shows while a page's code or data is on its way; screen readers hear "Loading…". */
export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center mih="40vh" role="status">
      <Loader aria-hidden />
      <span className="vaka-visually-hidden">{t('common.loading')}</span>
    </Center>
  );
}
