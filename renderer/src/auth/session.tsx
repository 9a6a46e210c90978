import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { StaffDto } from '../../../main/api/contract';
import { ApiCallError, call, session as tokenStore, transport } from '../api/client';
import { queryClient } from '../Providers';

interface SessionValue {
  staff: StaffDto | null;
  permissions: string[];
  /** True until we know whether an earlier session is still valid. */
  restoring: boolean;
  signIn(name: string, pin: string): Promise<void>;
  signOut(): Promise<void>;
  can(permission: string): boolean;
}

const Ctx = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [staff, setStaff] = useState<StaffDto | null>(null);
  const [permissions, setPermissions] = useState<string[]>([]);
  const [restoring, setRestoring] = useState(true);

  const loadMe = useCallback(async () => {
    const me = await call('auth.me', {});
    setStaff(me.staff);
    setPermissions(me.permissions);
  }, []);

  useEffect(() => {
    // The harness keeps the token in sessionStorage; Electron keeps it in the main process.
    if (transport() === 'harness' && !tokenStore.token()) {
      setRestoring(false);
      return;
    }
    loadMe()
      .catch(() => tokenStore.setToken(null))
      .finally(() => setRestoring(false));
  }, [loadMe]);

  const value = useMemo<SessionValue>(
    () => ({
      staff,
      permissions,
      restoring,
      async signIn(name, pin) {
        await call('auth.login', { name, pin });
        await loadMe();
      },
      async signOut() {
        await call('auth.logout', {}).catch((e: unknown) => {
          if (!(e instanceof ApiCallError)) throw e;
        });
        tokenStore.setToken(null);
        queryClient.clear();
        setStaff(null);
        setPermissions([]);
      },
      can: (p) => permissions.includes(p),
    }),
    [staff, permissions, restoring, loadMe],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
