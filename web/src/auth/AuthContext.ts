import { createContext, useContext } from 'react';
import type { SessionInfo } from '@shared/api.ts';

export interface AuthState {
  user: SessionInfo['user'];
  signOut: () => Promise<void>;
}

export const AuthContext = createContext<AuthState | null>(null);

/** The signed-in user; only usable inside the signed-in app. */
export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth must be used inside <AuthGate>.');
  return state;
}
