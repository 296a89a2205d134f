import type { AppAbility } from '@cxs/authz';
import type { UserDto } from '@cxs/contracts';
import { createContext, useContext } from 'react';

export interface Session {
  user: UserDto;
  ability: AppAbility;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in user; only valid under the session gate. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used under the session gate');
  return session;
}
