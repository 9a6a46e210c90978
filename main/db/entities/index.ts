import { Approval, Completion, EstimateLine, QcCheck, WorkLog } from './bench';
import { Customer } from './customer';
import { Device, DeviceModel } from './device';
import { KbArticle, KbArticleModel } from './knowledge';
import { Staff } from './staff';
import { AuditEntry, PrintJob, Sequence, Setting } from './system';
import { Ticket, TicketEvent } from './ticket';

export { Approval, Completion, EstimateLine, QcCheck, WorkLog };
export { KbArticle, KbArticleModel };
export { AuditEntry, Customer, Device, DeviceModel, PrintJob, Sequence, Setting, Staff, Ticket, TicketEvent };

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
  KbArticle,
  KbArticleModel,
];
