import { Approval, Completion, EstimateLine, QcCheck, WorkLog } from './bench';
import { Customer } from './customer';
import { Device, DeviceModel } from './device';
import { Staff } from './staff';
import { Peripheral } from './devices';
import { AuditEntry, PrintJob, Sequence, Setting } from './system';
import { Ticket, TicketEvent } from './ticket';

export { Approval, Completion, EstimateLine, QcCheck, WorkLog };
export { Peripheral };
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
  Peripheral,
];
