import { createContext, useContext } from 'react';
import type { CurrentUser } from '../types.ts';

export interface Session {
  /** null while a forced password change blocks /auth/me. */
  user: CurrentUser | null;
  refresh: () => Promise<CurrentUser | null>;
}

export const SessionContext = createContext<Session>({
  user: null,
  refresh: async () => null,
});

export function useSession(): Session {
  return useContext(SessionContext);
}

export function hasPermission(user: CurrentUser | null, permission: string | undefined): boolean {
  if (!permission) return true;
  if (!user) return false;
  if (permission === 'authenticated') return true;
  return user.permissions.includes(permission) || user.permissions.includes('*');
}
