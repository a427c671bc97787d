import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { get, patch, ProblemError, remove } from './api/client.ts';
import type { Me } from './api/types.ts';
import { chosenLanguage, switchLanguage } from './i18n/index.ts';

export const meKey = ['me'];

// The server's hint beside the HttpOnly session cookie (decision 0038): no hint, no session here.
const SIGNED_IN_HINT = 'vaka_signed_in';
const mayBeSignedIn = () =>
  typeof document === 'undefined' || document.cookie.split('; ').includes(`${SIGNED_IN_HINT}=1`);
const forgetSignedInHint = () => {
  if (typeof document !== 'undefined') document.cookie = `${SIGNED_IN_HINT}=; Max-Age=0; path=/`;
};

/**
 * Who is signed in: null when nobody is. Started by the app before it renders (app.tsx). Without
 * the hint it is null at once, so the sign-in page does not wait for /me to say 401.
 */
export const meQuery = queryOptions({
  queryKey: meKey,
  queryFn: async (): Promise<Me | null> => {
    if (!mayBeSignedIn()) return null;
    try {
      return await get<Me>('/me');
    } catch (error) {
      if (!(error instanceof ProblemError && error.status === 401)) throw error;
      forgetSignedInHint(); // the session ended here (expired, revoked): the next visit need not ask
      return null;
    }
  },
  staleTime: 60_000,
  retry: false,
});

/** Who is signed in: undefined while loading, null when nobody is. */
export function useMe() {
  return useQuery(meQuery);
}

export function useSetMe() {
  const client = useQueryClient();
  return (me: Me | null) => client.setQueryData(meKey, me);
}

/** Me.permissions holds strings such as 'users:manage', 'agency:manage', 'audit:read'. */
export const can = (me: Me | null | undefined, permission: string) =>
  Boolean(me?.permissions.includes(permission));

/** Ends the session here, and forgets everything fetched for this person. */
export async function signOut(client: QueryClient) {
  await remove('/session').catch(() => undefined); // signed out here even if the network is down
  forgetSignedInHint();
  client.clear();
  client.setQueryData(meKey, null);
}

/**
 * The language once someone is signed in: their profile's; else the one chosen in this browser,
 * which then goes to the profile so their other devices follow.
 */
export async function settleLanguage(me: Me): Promise<Me> {
  if (me.user.language) {
    await switchLanguage(me.user.language);
    return me;
  }
  const chosen = chosenLanguage();
  return chosen ? patch<Me>('/me', { language: chosen }).catch(() => me) : me;
}
