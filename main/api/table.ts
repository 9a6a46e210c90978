import { benchDetailMethods } from '../domain/bench/bench-detail';
import { benchMethods } from '../domain/bench/bench-methods';
import { benchQueueMethods } from '../domain/bench/bench-queue';
import { qcMethods } from '../domain/bench/qc-methods';
import { workLogMethods } from '../domain/bench/work-log-methods';
import { customerMethods } from '../domain/customers/customer-methods';
import { intakeMethods } from '../domain/intake/intake-methods';
import { deviceMethods } from '../domain/printing/device-methods';
import { photoMethods } from '../domain/photos/photo-methods';
import { inventoryMethods } from '../domain/inventory/inventory-methods';
import { followupMethods } from '../domain/pickup/followup-methods';
import { pickupMethods } from '../domain/pickup/pickup-methods';
import { kbMethods } from '../domain/knowledge/kb-methods';
import { outboxMethods } from '../domain/messages/message-methods';
import { printMethods } from '../domain/printing/print-methods';
import { printJobActions } from '../domain/printing/print-job-actions';
import { dayCloseMethods } from '../domain/reports/day-close-methods';
import { messageChannelMethods } from '../domain/messages/channels/channel-methods';
import { reportMethods } from '../domain/reports/report-methods';
import { searchMethods } from '../domain/search/global-search';
import { settingsMethods } from '../domain/settings/settings-methods';
import { authMethods } from '../domain/staff/auth-methods';
import { staffMethods } from '../domain/staff/staff-methods';
import { ticketMethods } from '../domain/tickets/ticket-methods';
import { safetyMethods } from '../safety/safety-methods';
import { databaseMethods } from '../domain/system/database-methods';
import { stationMethods } from '../domain/stations/station-methods';
import { shopKeyMethods } from '../domain/privacy/shop-key-methods';
import { stationMoveMethods } from '../domain/stations/station-move';
import { liveMethods } from '../live/live-methods';
import type { MethodDef } from './method';

/** Every API method. The dispatcher refuses duplicates at start-up. */
export const apiMethods: readonly MethodDef[] = [
  ...authMethods,
  ...staffMethods,
  ...customerMethods,
  ...intakeMethods,
  ...ticketMethods,
  ...searchMethods,
  ...printMethods,
  ...printJobActions,
  ...deviceMethods,
  ...settingsMethods,
  ...benchMethods,
  ...benchQueueMethods,
  ...benchDetailMethods,
  ...workLogMethods,
  ...qcMethods,
  ...photoMethods,
  ...inventoryMethods,
  ...pickupMethods,
  ...followupMethods,
  ...safetyMethods,
  ...kbMethods,
  ...reportMethods,
  ...dayCloseMethods,
  ...databaseMethods,
  ...liveMethods,
  ...outboxMethods,
  ...messageChannelMethods,
  ...stationMethods,
  ...shopKeyMethods,
  ...stationMoveMethods,
] as MethodDef[];
