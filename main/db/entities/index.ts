import { Approval, Completion, EstimateLine, QcCheck, WorkLog } from './bench';
import { Customer } from './customer';
import { inventoryEntities } from './inventory';
import { Device, DeviceModel } from './device';
import { TicketPhoto } from './photo';
import { KbArticle, KbArticleModel } from './knowledge';
import { Staff } from './staff';
import { Peripheral } from './devices';
import { AuditEntry, PrintJob, Sequence, Setting } from './system';
import { Ticket, TicketEvent } from './ticket';
import { pickupEntities } from './pickup';
import { Message } from './message';
import { Station } from './station';

export * from './pickup';

export * from './inventory';
export { Approval, Completion, EstimateLine, QcCheck, WorkLog };
export { Peripheral };
export { TicketPhoto };
export {
  AuditEntry,
  Customer,
  Device,
  DeviceModel,
  PrintJob,
  Sequence,
  Setting,
  Staff,
  Ticket,
  TicketEvent,
};
export { KbArticle, KbArticleModel };
export { Message };
export { Station };

/** Explicit list: no glob loading, so bundlers and tests see the same set. */
export const entities = [
  Staff,
  Customer,
  Device,
  DeviceModel,
  Ticket,
  TicketEvent,
  Setting,
  Sequence,
  AuditEntry,
  PrintJob,
  EstimateLine,
  Approval,
  WorkLog,
  QcCheck,
  Completion,
  Peripheral,
  TicketPhoto,
  ...inventoryEntities,
  ...pickupEntities,
  KbArticle,
  KbArticleModel,
  Message,
  Station,
];
