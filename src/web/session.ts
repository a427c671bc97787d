import { useQuery, useQueryClient } from '@tanstack/react-query';
import { get, ProblemError } from './api/client.ts';
import type { Me } from './api/types.ts';

export const meKey = ['me'];

/** Who is signed in: undefined while loading, null when nobody is. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async () => {
      try {
        return await get<Me>('/me');
      } catch (error) {
        if (error instanceof ProblemError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function useSetMe() {
  const client = useQueryClient();
  return (me: Me | null) => client.setQueryData(meKey, me);
}

export const can = (me: Me | null | undefined, permission: string) =>
  Boolean(me?.permissions.includes(permission));
