/** DTOs and methods of pickup, invoices, follow-up, complaints, returns and messages.
 * Type-only; merged into ApiContract below so the one contract stays the source of truth. */
import type { z } from 'zod';
import type { PrintJobDto } from './contract';
import type * as p from './schemas/pickup';

export interface ChargeLineDto {
  kind: string;
  description: string;
  qty: number;
  unitCents: number;
  totalCents: number;
}

export interface InvoiceAmountsDto {
  labourCents: number;
  partsCents: number;
  otherCents: number;
  grossCents: number;
  coveredCents: number;
  discountCents: number;
  netCents: number;
  taxCents: number;
  totalCents: number;
  depositCents: number;
  dueCents: number;
}

export interface PaymentDto {
  id: number;
  method: string;
  amountCents: number;
  reference: string | null;
  at: number;
}

export interface InvoiceDto extends InvoiceAmountsDto {
  id: number;
  number: string;
  kind: 'invoice' | 'correction';
  ticketId: number;
  correctsId: number | null;
  lines: ChargeLineDto[];
  taxRateBp: number;
  taxInclusive: boolean;
  paidCents: number;
  changeCents: number;
  creditCents: number;
  returnCents: number;
  reason: string | null;
  approvedBy: string | null;
  createdBy: string;
  createdAt: number;
  payments: PaymentDto[];
}

export interface PartReplacedDto {
  description: string;
  qty: number;
  /** The fitted part's serial (serial-tracked stock parts). */
  serial: string | null;
  /** The removed part's serial, recorded when the part was fitted. */
  oldSerial: string | null;
}

export interface PickupDto {
  id: number;
  ticketId: number;
  kind: 'collected' | 'returned_unrepaired';
  invoiceId: number;
  signed: boolean;
  repairWarrantyUntil: string | null;
  passcodeEraseAt: number | null;
  passcodeErased: boolean;
  staffName: string;
  at: number;
}

export interface PickupView {
  ticket: {
    id: number;
    number: string;
    status: string;
    version: number;
    customerId: number;
    customerName: string;
    customerPhone: string;
    deviceLabel: string;
    problem: string;
    cause: string | null;
    plan: string[];
    approval: string;
    warranty: string;
    free: boolean;
    depositCents: number;
    completedAt: number | null;
    collectedAt: number | null;
    hasPasscode: boolean;
  };
  /** repair: a finished repair; unrepaired: declined or cancelled, handed back for the fee;
   * not_ready: still on the bench; done: already collected. */
  mode: 'repair' | 'unrepaired' | 'not_ready' | 'done';
  lines: ChargeLineDto[];
  partsReplaced: PartReplacedDto[];
  workNotes: string[];
  /** The repair warranty's last day if collected today (or as recorded at pickup). */
  repairWarrantyUntil: string | null;
  quote: InvoiceAmountsDto;
  rules: {
    discountLimitCents: number;
    signatureRequired: boolean;
    taxRateBp: number;
    taxInclusive: boolean;
  };
  pickup: PickupDto | null;
  invoices: InvoiceDto[];
}

export interface PickupResult {
  pickup: PickupDto;
  invoice: InvoiceDto;
  printJob: PrintJobDto;
  replayed: boolean;
}

export interface CallbackDto {
  id: number;
  ticketId: number;
  ticketNumber: string;
  customerName: string;
  customerPhone: string;
  deviceLabel: string;
  collectedAt: number | null;
  dueAt: number;
  overdue: boolean;
  status: 'due' | 'done';
  attempts: number;
  lastAttemptAt: number | null;
  satisfaction: string | null;
  attitude: number | null;
  speed: number | null;
  competence: number | null;
  nps: number | null;
  comments: string | null;
  leftover: string | null;
  followUpTicketId: number | null;
  doneAt: number | null;
  version: number;
}

export interface CallbackResult {
  callback: CallbackDto;
  managerTaskId: number | null;
  followUpTicket: { id: number; number: string } | null;
}

export interface ManagerTaskDto {
  id: number;
  kind: 'callback' | 'complaint';
  ticketId: number | null;
  ticketNumber: string | null;
  customerName: string;
  customerPhone: string;
  summary: string;
  dueAt: number;
  overdue: boolean;
  status: 'open' | 'done';
  plan: string | null;
  outcome: string | null;
  doneBy: string | null;
  doneAt: number | null;
  createdAt: number;
  version: number;
}

export interface ComplaintDto {
  id: number;
  ticketId: number | null;
  ticketNumber: string | null;
  customerId: number;
  customerName: string;
  customerPhone: string;
  type: string;
  severity: string;
  description: string;
  cause: string | null;
  owner: { id: number; name: string } | null;
  status: 'open' | 'resolved' | 'closed';
  resolution: string | null;
  compensation: string | null;
  resolutionNote: string | null;
  confirmedAt: number | null;
  confirmationChannel: string | null;
  confirmationNote: string | null;
  createdAt: number;
  closedAt: number | null;
  version: number;
}

export interface RmaDto {
  id: number;
  code: string | null;
  customerId: number;
  customerName: string;
  customerPhone: string;
  ticketId: number | null;
  product: string;
  serial: string | null;
  proof: string;
  proofRef: string | null;
  purchaseDate: string | null;
  reason: string;
  status: string;
  inspection: string | null;
  sound: boolean | null;
  outcome: string | null;
  refundCents: number | null;
  exchangeSerial: string | null;
  toldChannel: string | null;
  toldAt: number | null;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export interface MessageDto {
  id: number;
  template: string;
  lang: string;
  text: string;
  channel: string;
  staffName: string;
  at: number;
}

type M<I, O> = { input: I; output: O };

declare module './contract' {
  interface ApiContract {
    'pickup.lookup': M<z.input<typeof p.pickupLookupSchema>, PickupView>;
    'pickup.quote': M<z.input<typeof p.pickupQuoteSchema>, InvoiceAmountsDto>;
    'pickup.complete': M<z.input<typeof p.pickupCompleteSchema>, PickupResult>;
    'invoices.correct': M<z.input<typeof p.invoiceCorrectSchema>, InvoiceDto>;
    'callbacks.queue': M<z.input<typeof p.callbackQueueSchema>, CallbackDto[]>;
    'callbacks.record': M<z.input<typeof p.callbackRecordSchema>, CallbackResult>;
    'managerTasks.list': M<z.input<typeof p.managerTaskListSchema>, ManagerTaskDto[]>;
    'managerTasks.resolve': M<z.input<typeof p.managerTaskResolveSchema>, ManagerTaskDto>;
    'complaints.list': M<z.input<typeof p.complaintListSchema>, ComplaintDto[]>;
    'complaints.create': M<z.input<typeof p.complaintCreateSchema>, ComplaintDto>;
    'complaints.resolve': M<z.input<typeof p.complaintResolveSchema>, ComplaintDto>;
    'complaints.confirm': M<z.input<typeof p.complaintConfirmSchema>, ComplaintDto>;
    'complaints.close': M<z.input<typeof p.complaintCloseSchema>, ComplaintDto>;
    'rma.list': M<z.input<typeof p.rmaListSchema>, RmaDto[]>;
    'rma.request': M<z.input<typeof p.rmaRequestSchema>, RmaDto>;
    'rma.verify': M<
      z.input<typeof p.rmaVerifySchema>,
      { rma: RmaDto; printJob: PrintJobDto | null }
    >;
    'rma.receive': M<z.input<typeof p.rmaReceiveSchema>, RmaDto>;
    'rma.resolve': M<z.input<typeof p.rmaResolveSchema>, RmaDto>;
    'rma.tell': M<z.input<typeof p.rmaTellSchema>, RmaDto>;
    'messages.compose': M<z.input<typeof p.messageComposeSchema>, { text: string }>;
    'messages.record': M<z.input<typeof p.messageRecordSchema>, MessageDto>;
    'messages.list': M<z.input<typeof p.ticketIdSchema>, MessageDto[]>;
  }
}
