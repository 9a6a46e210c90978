import type { SettingsService } from '../settings/settings-service';
import type { BusinessCalendar } from './business-time';
import { resolveTimeZone } from './shop-zone';

export function shopCalendar(settings: SettingsService): BusinessCalendar {
  return {
    days: settings.get('business.days'),
    open: settings.get('business.open'),
    close: settings.get('business.close'),
    holidays: settings.get('business.holidays'),
  };
}

/** The shop's time zone, an IANA name: the setting, or this computer's zone while it is empty. */
export function shopTimeZone(settings: SettingsService): string {
  return resolveTimeZone(settings.get('shop.timeZone'));
}
