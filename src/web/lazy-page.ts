import type { QueryClient } from '@tanstack/react-query';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** Starts a page's first requests (as its hooks will make them) before it renders. */
export type Prefetch = (client: QueryClient, params: URLSearchParams) => void;

/** A page's module: the page, and what data it will ask for first, if it says. */
export type PageModule = {
  default: ComponentType;
  prefetch?: Prefetch;
};

/** A page whose code is fetched when first shown, or sooner when asked with `preload`. */
export type LazyPage = LazyExoticComponent<ComponentType> & {
  preload: () => Promise<PageModule | undefined>;
};

/**
 * React.lazy that can start early: the app asks for the page at the address as soon as it starts,
 * beside the language and /me, instead of one after the other (decision 0023). Both share one
 * request, so a page asked for early is not fetched again when shown.
 */
export function lazyPage(load: () => Promise<PageModule>): LazyPage {
  let loading: Promise<PageModule> | undefined;
  const once = () => (loading ??= load());
  // A failure shows when the page renders (the error boundary offers a reload), not twice.
  return Object.assign(lazy(once), { preload: () => once().catch(() => undefined) });
}

/** Whether a route pattern such as '/register/:id' matches a path, as wouter's Switch would. */
export function matchesPath(pattern: string, path: string): boolean {
  const wanted = pattern.split('/');
  const given = path.replace(/(.)\/$/, '$1').split('/');
  return (
    wanted.length === given.length &&
    wanted.every((part, index) => (part.startsWith(':') ? given[index] !== '' : part === given[index]))
  );
}
