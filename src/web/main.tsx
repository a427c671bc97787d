// Mantine's styles, component by component: the first load carries only what the sign-in page
// shows; each page brings the styles of its other components with its code.
import '@mantine/core/styles/baseline.css';
import '@mantine/core/styles/default-css-variables.css';
import '@mantine/core/styles/global.css';
import '@mantine/core/styles/UnstyledButton.css';
import '@mantine/core/styles/Button.css';
import '@mantine/core/styles/ActionIcon.css';
import '@mantine/core/styles/CloseButton.css';
import '@mantine/core/styles/Input.css';
import '@mantine/core/styles/Combobox.css';
import '@mantine/core/styles/PasswordInput.css';
import '@mantine/core/styles/Loader.css';
import '@mantine/core/styles/Alert.css';
import '@mantine/core/styles/Anchor.css';
import '@mantine/core/styles/Text.css';
import '@mantine/core/styles/Title.css';
import '@mantine/core/styles/Paper.css';
import '@mantine/core/styles/Container.css';
import '@mantine/core/styles/Center.css';
import '@mantine/core/styles/Group.css';
import '@mantine/core/styles/Stack.css';
import './theme.css';
import { createRoot } from 'react-dom/client';
import { App, startLoading } from './app.tsx';
import { startI18n } from './i18n/index.ts';

// What the address needs is asked for at once, while the language loads (decision 0023).
startLoading(window.location.pathname, window.location.search);
// The language (and with it the page's direction) is settled before anything is drawn.
const language = await startI18n();
createRoot(document.getElementById('root')!).render(<App initialLanguage={language} />);

// The service worker keeps the shell for weak connections: only in a build, where files are hashed.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
