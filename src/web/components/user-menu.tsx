import { useEffect, useRef, useState, type ComponentType } from 'react';
import type { Me } from '../api/types.ts';
import { AccountButton } from './account.tsx';

type Dropdown = ComponentType<{ me: Me; opened: boolean; focused: boolean }>;

// The menu's Popover, floating-ui and focus trap (about 23 KB gzip) are needed only once someone
// opens it, so they stay out of the shell and load after the page has painted (issue 6 item 3).
let loading: Promise<Dropdown> | undefined;
const loadDropdown = () =>
  (loading ??= import('./user-menu-dropdown.tsx')
    .then((module) => module.UserMenuDropdown)
    .catch((error) => {
      loading = undefined; // a lost connection may come back: try again on the next click
      throw error;
    }));

/** Runs `task` once the browser has nothing else to do, after the page's load. */
function whenIdle(task: () => void): () => void {
  let cancel = () => {};
  const start = () => {
    if ('requestIdleCallback' in window) {
      const id = requestIdleCallback(task, { timeout: 5000 });
      cancel = () => cancelIdleCallback(id);
    } else {
      const id = setTimeout(task, 1000); // Safari has no requestIdleCallback
      cancel = () => clearTimeout(id);
    }
  };
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
  return () => {
    window.removeEventListener('load', start);
    cancel();
  };
}

/**
 * The header's account menu. Its button shows at once, with the same name and popup state as the
 * menu's own; the menu's code comes when the browser is idle after the load (only if the button
 * shows: on a phone the menu lives in the drawer), or as soon as someone points at, focuses or
 * clicks the button. A click before the code has come opens the menu once it is there.
 */
export function UserMenu({ me }: { me: Me }) {
  // The menu once its code is there, and whether its button had the keyboard's focus then.
  const [loaded, setLoaded] = useState<{ Menu: Dropdown; focused: boolean }>();
  const [asked, setAsked] = useState(false);
  const button = useRef<HTMLButtonElement>(null);

  const load = () => {
    loadDropdown()
      .then((Menu) => setLoaded({ Menu, focused: document.activeElement === button.current }))
      .catch(() => setAsked(false));
  };
  useEffect(
    () =>
      whenIdle(() => {
        if (button.current?.checkVisibility?.() ?? true) load();
      }),
    [],
  );

  if (loaded) return <loaded.Menu me={me} opened={asked} focused={loaded.focused} />;
  return (
    <AccountButton
      me={me}
      ref={button}
      aria-haspopup="dialog"
      aria-expanded={false}
      onPointerEnter={load}
      onFocus={load}
      onClick={() => {
        setAsked(true);
        load();
      }}
    />
  );
}
