import '@mantine/core/styles.css';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { startI18n } from './i18n/index.ts';

const language = await startI18n();
createRoot(document.getElementById('root')!).render(<App initialLanguage={language} />);

// The service worker keeps the shell for weak connections; only in a built app, where assets are hashed.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
