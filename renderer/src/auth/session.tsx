import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { MeDto, SessionEndReason, StaffDto } from '../../../main/api/contract';
import { ApiCallError, call, onSessionLost, session as tokenStore, transport } from '../api/client';
import { queryClient } from '../Providers';

/** Why this window is back at sign-in without its user signing out ('lost': refused by the
 * backend for another reason, such as a restart). */
export type EndedReason = SessionEndReason | 'lost';

interface SessionValue {
  staff: StaffDto | null;
  permissions: string[];
  /** True until we know whether an earlier session is still valid. */
  restoring: boolean;
  /** A one-time PIN: the person sets their own before anything else. */
  mustChangePin: boolean;
  /** The bootstrap Admin/0000 of a new shop. */
  firstRun: boolean;
  /** Locked over the work (idle): the same person's PIN opens it. */
  locked: boolean;
  idleLockMinutes: number;
  pinRules: MeDto['pinRules'];
  /** Shown on the sign-in screen after a session was ended for this window. */
  endedReason: EndedReason | null;
  signIn(name: string, pin: string): Promise<void>;
  signOut(): Promise<void>;
  changePin(oldPin: string, newPin: string): Promise<void>;
  lock(): Promise<void>;
  unlock(pin: string): Promise<void>;
  /** The backend ended this session (event or refused call): back to sign-in, saying why. */
  ended(reason: EndedReason): void;
  can(permission: string): boolean;
}

const Ctx = createContext<SessionValue | null>(null);
const NO_RULES = { minLength: 4, maxLength: 8 };

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MeDto | null>(null);
  const [restoring, setRestoring] = useState(true);
  const [endedReason, setEndedReason] = useState<EndedReason | null>(null);

  const loadMe = useCallback(async () => {
    setMe(await call('auth.me', {}));
  }, []);

  const meRef = useRef(me);
  meRef.current = me;
  const ended = useCallback((reason: EndedReason) => {
    tokenStore.setToken(null);
    // Only a window that was signed in has something to explain or clear. A refused call that
    // lands after a sign-out must not clear the cache again: that would orphan the sign-in
    // screen's staff list while it loads, leaving the picker empty.
    if (!meRef.current) return;
    setEndedReason(reason);
    queryClient.clear();
    setMe(null);
  }, []);

  useEffect(
    () =>
      onSessionLost((err) => {
        const reason = err.body.details?.reason;
        ended(typeof reason === 'string' ? (reason as SessionEndReason) : 'lost');
      }),
    [ended],
  );

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
      staff: me?.staff ?? null,
      permissions: me?.permissions ?? [],
      restoring,
      mustChangePin: me?.mustChangePin ?? false,
      firstRun: me?.firstRun ?? false,
      locked: me?.locked ?? false,
      idleLockMinutes: me?.idleLockMinutes ?? 0,
      pinRules: me?.pinRules ?? NO_RULES,
      endedReason,
      async signIn(name, pin) {
        await call('auth.login', { name, pin });
        setEndedReason(null);
        await loadMe();
      },
      async signOut() {
        await call('auth.logout', {}).catch((e: unknown) => {
          if (!(e instanceof ApiCallError)) throw e;
        });
        tokenStore.setToken(null);
        queryClient.clear();
        setEndedReason(null);
        setMe(null);
      },
      async changePin(oldPin, newPin) {
        await call('auth.changePin', { oldPin, newPin });
        await loadMe();
      },
      async lock() {
        await call('auth.lock', {});
        setMe((m) => (m ? { ...m, locked: true } : m));
      },
      async unlock(pin) {
        await call('auth.unlock', { pin });
        setMe((m) => (m ? { ...m, locked: false } : m));
        // Whatever was refused while locked is fetched again.
        void queryClient.invalidateQueries();
      },
      ended,
      can: (p) => (me?.permissions ?? []).includes(p),
    }),
    [me, restoring, endedReason, loadMe, ended],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
