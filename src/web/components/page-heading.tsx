import { Title } from '@mantine/core';
import { useEffect } from 'react';

/** The page's one h1, which also names the browser tab (what a screen reader announces first). */
export function PageHeading({ children }: { children: string }) {
  useEffect(() => {
    document.title = `${children} · Vaka`;
  }, [children]);
  return (
    <Title order={1} size="h2">
      {children}
    </Title>
  );
}
