import type { SettingsService } from '../settings/settings-service';
import type { BusinessCalendar } from './business-time';

export function shopCalendar(settings: SettingsService): BusinessCalendar {
  return {
    days: settings.get('business.days'),
    open: settings.get('business.open'),
    close: settings.get('business.close'),
    holidays: settings.get('business.holidays'),
  };
}
