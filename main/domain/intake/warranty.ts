import dayjs from 'dayjs';
import type { WarrantyStatus } from '../../api/contract';

export interface WarrantyInput {
  purchaseDate?: string | null;
  proof: string;
  exclusion: string;
  months: number;
  today: string;
}

/** DOMAIN step 3: covered within the product's warranty period from purchase with proof,
 * unless the damage is excluded (accident, liquid, unauthorised repair). */
export function decideWarranty(w: WarrantyInput): { warranty: WarrantyStatus; until: string | null } {
  const until = w.purchaseDate
    ? dayjs(w.purchaseDate).add(w.months, 'month').subtract(1, 'day').format('YYYY-MM-DD')
    : null;
  if (w.exclusion !== 'none') return { warranty: 'excluded', until };
  if (!until) return { warranty: 'unknown', until };
  if (w.today > until) return { warranty: 'expired', until };
  if (w.proof === 'none') return { warranty: 'no_proof', until };
  return { warranty: 'in_warranty', until };
}
