import { describe, expect, test } from 'vitest';
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
});
