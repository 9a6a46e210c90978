import type { EstimateAmountsDto } from '../../api/contract';
import type { SettingsService } from '../settings/settings-service';
import { computeInvoice, type ChargeLine } from './money';

/**
 * What the customer will pay, computed one way for every place that names a price: the
 * estimate on the bench, the approval the customer gives, the approval message, the intake
 * receipt and the pickup invoice. All of them call `computeInvoice` with the shop's tax rule,
 * so the total approved is the total charged (issue 11 §6: approved 570.00, paid 644.10).
 */

/** The shop's tax rule (Settings → tax): a rate in basis points, prices with or without tax. */
export function taxRule(settings: SettingsService) {
  return { rateBp: settings.get('tax.rateBp'), inclusive: settings.get('tax.inclusive') };
}

/** In warranty, or a repeat repair the shop does for free: the customer owes none of the work. */
export function chargesFree(
  t: { warranty: string; repeatOfId: number | null },
  settings: SettingsService,
): boolean {
  return (
    t.warranty === 'in_warranty' || (t.repeatOfId !== null && settings.get('warranty.repeatFree'))
  );
}

/** Charge lines → amounts with tax, before any discount (a discount is only given at pickup). */
export function chargeAmounts(
  lines: readonly ChargeLine[],
  t: { warranty: string; repeatOfId: number | null; depositCents: number },
  settings: SettingsService,
): EstimateAmountsDto {
  const rule = taxRule(settings);
  const amounts = computeInvoice({
    lines,
    discountCents: 0,
    free: chargesFree(t, settings),
    rateBp: rule.rateBp,
    inclusive: rule.inclusive,
    depositCents: t.depositCents,
  });
  return { ...amounts, taxRateBp: rule.rateBp, taxInclusive: rule.inclusive };
}
