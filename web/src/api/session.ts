/** The signed-in admin: read once, refreshed on sign-in, cleared on sign-out or a 401. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from './client';
import type { SessionInfo } from './types';

export const SESSION_KEY = ['session'] as const;

async function fetchSession(): Promise<SessionInfo | null> {
  try {
    const session = await api<SessionInfo>('/api/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 5 * 60 * 1000 });
}

// The session last seen. When it ends, RequireSession swaps the page for the sign-in page, but
// the page's own components may render once more first: they get this instead of nothing.
let lastSession: SessionInfo | null = null;

/** The session of a page behind RequireSession, which only renders once it exists. */
export function useSignedIn(): SessionInfo {
  const { data } = useSession();
  if (data) lastSession = data;
  if (!lastSession) throw new Error('useSignedIn outside a signed-in page');
  return lastSession;
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string; tenant?: string }) =>
      api<SessionInfo>('/api/session', { method: 'POST', body: input }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      client.clear();
      client.setQueryData(SESSION_KEY, session);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<undefined>('/api/session', { method: 'DELETE' }),
    onSettled: () => {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(SESSION_KEY, null);
    },
  });
}
