import { createContext, useContext } from 'react';

// Messages comes last, so Ctrl+1…6 keep the screens people already know by number.
export const SCREENS = [
  'intake',
  'bench',
  'inventory',
  'pickup',
  'reports',
  'settings',
  'messages',
] as const;
export type Screen = (typeof SCREENS)[number];

export interface NavValue {
  screen: Screen;
  go(screen: Screen): void;
  openTicket(id: number): void;
  /** Opens the ticket's bench detail (board, scan-to-open). */
  openBench(id: number): void;
  /** Opens intake with this customer chosen (from Spotlight). */
  intakeForCustomer(id: number): void;
  /** The customer Spotlight asked intake to select; intake clears it once taken. */
  pendingCustomerId: number | null;
  takePendingCustomer(): number | null;
}

export const NavContext = createContext<NavValue | null>(null);

export function useNav(): NavValue {
  const v = useContext(NavContext);
  if (!v) throw new Error('useNav outside the shell');
  return v;
}
