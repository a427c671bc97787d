import { QueryClient } from '@tanstack/react-query';
import { describe, expect, test, vi } from 'vitest';
import { countsQuery, organisationsQuery, taxonomiesQuery } from '../modules/register/pages/list-queries.ts';
import { matchesPath } from './lazy-page.ts';
import { administration, modules, profile, signedInPageAt } from './navigation.ts';

// What startLoading asks for early must be the page the shell will show at that address.
describe('the page at an address', () => {
  test('a pattern matches its own address, a named part any one segment, a trailing slash too', () => {
    expect(matchesPath('/register', '/register')).toBe(true);
    expect(matchesPath('/register', '/register/')).toBe(true);
    expect(matchesPath('/register/:id', '/register/3f2c')).toBe(true);
    expect(matchesPath('/register/:id', '/register')).toBe(false);
    expect(matchesPath('/register/:id', '/register/3f2c/edit')).toBe(false);
    expect(matchesPath('/', '/')).toBe(true);
    expect(matchesPath('/', '/register')).toBe(false);
  });

  test("a module's own pages come before its list, as in the shell, each with the module's permission", () => {
    const register = modules.find((destination) => destination.path === '/register')!;
    const pageAt = (path: string) => register.pages!.find((page) => page.path === path)!.page;
    expect(signedInPageAt('/register')?.page).toBe(register.page);
    expect(signedInPageAt('/register')?.permission).toBe('register:read');
    expect(signedInPageAt('/register/new')?.page).toBe(pageAt('/register/new'));
    expect(signedInPageAt('/register/3f2c')?.page).toBe(pageAt('/register/:id'));
    expect(signedInPageAt('/register/3f2c/edit')?.page).toBe(pageAt('/register/:id/edit'));
    expect(signedInPageAt('/register/3f2c/edit')?.permission).toBe('register:read');
    expect(signedInPageAt('/admin/users')?.permission).toBe(administration[0]!.permission);
    expect(signedInPageAt('/profile')?.page).toBe(profile.page);
    expect(signedInPageAt('/no/such/page')).toBeUndefined();
  });

  // Under other keys the page would ask again, and the early requests would only cost bandwidth.
  test("the register list's route asks for the data under the keys the page reads, its other pages not", async () => {
    const fetch = vi.fn(() => new Promise<Response>(() => undefined)); // never answers
    vi.stubGlobal('fetch', fetch);
    try {
      const client = new QueryClient();
      const params = new URLSearchParams('kind=ngo&q=water&unknown=1');
      signedInPageAt('/register')?.prefetch?.(client, params);
      const keys = [organisationsQuery(params), countsQuery(params), taxonomiesQuery('register')].map(
        (query) => query.queryKey,
      );
      for (const key of keys)
        expect(client.getQueryCache().find({ queryKey: key, exact: true })).toBeDefined();
      expect(client.getQueryCache().getAll()).toHaveLength(3);
      await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(3));
      expect(signedInPageAt('/register/new')?.prefetch).toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
