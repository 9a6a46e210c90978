import { bigintNumber } from '../bigint-number';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

/** An issued invoice or a correction (credit note). Never updated: triggers refuse it. */
@Index('invoice_created', ['createdAt'])
@Index('invoice_ticket', ['ticketId'])
@Entity('invoice')
export class Invoice {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'varchar', length: 20, unique: true }) number: string;
  /** invoice | correction */
  @Column({ type: 'varchar', length: 12 }) kind: string;
  @ForeignKey('Ticket') @Column({ type: 'integer', name: 'ticket_id' }) ticketId: number;
  @ForeignKey('Customer') @Column({ type: 'integer', name: 'customer_id' }) customerId: number;
  @ForeignKey('Invoice')
  @Column({ type: 'integer', name: 'corrects_id', nullable: true })
  correctsId: number | null;
  /** JSON array of the charged lines as printed. */
  @Column({ type: 'text' }) lines: string;
  @Column({ type: 'integer', name: 'labour_cents' }) labourCents: number;
  @Column({ type: 'integer', name: 'parts_cents' }) partsCents: number;
  @Column({ type: 'integer', name: 'other_cents' }) otherCents: number;
  @Column({ type: 'integer', name: 'covered_cents' }) coveredCents: number;
  @Column({ type: 'integer', name: 'discount_cents' }) discountCents: number;
  @Column({ type: 'integer', name: 'net_cents' }) netCents: number;
  @Column({ type: 'integer', name: 'tax_rate_bp' }) taxRateBp: number;
  @Column({ type: 'integer', name: 'tax_inclusive' }) taxInclusive: number;
  @Column({ type: 'integer', name: 'tax_cents' }) taxCents: number;
  @Column({ type: 'integer', name: 'total_cents' }) totalCents: number;
  @Column({ type: 'integer', name: 'deposit_cents' }) depositCents: number;
  @Column({ type: 'integer', name: 'due_cents' }) dueCents: number;
  @Column({ type: 'integer', name: 'paid_cents' }) paidCents: number;
  @Column({ type: 'integer', name: 'change_cents' }) changeCents: number;
  @Column({ type: 'integer', name: 'credit_cents' }) creditCents: number;
  @Column({ type: 'integer', name: 'return_cents' }) returnCents: number;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @ForeignKey('Staff')
  @Column({ type: 'integer', name: 'approved_by', nullable: true })
  approvedBy: number | null;
  @ForeignKey('Staff') @Column({ type: 'integer', name: 'created_by' }) createdBy: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'created_at' }) createdAt: number;
}

/** Money in (positive) or out (negative: change is not a payment, refunds are). */
@Index('payment_at', ['at'])
@Index('payment_invoice', ['invoiceId'])
@Entity('payment')
export class Payment {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @ForeignKey('Invoice') @Column({ type: 'integer', name: 'invoice_id' }) invoiceId: number;
  @Column({ type: 'varchar', length: 16 }) method: string;
  @Column({ type: 'integer', name: 'amount_cents' }) amountCents: number;
  @Column({ type: 'varchar', length: 80, nullable: true }) reference: string | null;
  @ForeignKey('Staff') @Column({ type: 'integer', name: 'staff_id' }) staffId: number;
  @Column({ type: 'bigint', transformer: bigintNumber }) at: number;
}

@Entity('customer_credit')
export class CustomerCredit {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @ForeignKey('Customer') @Column({ type: 'integer', name: 'customer_id' }) customerId: number;
  @ForeignKey('Invoice')
  @Column({ type: 'integer', name: 'invoice_id', nullable: true })
  invoiceId: number | null;
  @Column({ type: 'integer', name: 'amount_cents' }) amountCents: number;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'bigint', transformer: bigintNumber }) at: number;
}

@Index('pickup_erase', ['passcodeErasedAt', 'passcodeEraseAt'])
@Entity('pickup')
export class Pickup {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @ForeignKey('Ticket')
  @Column({ type: 'integer', name: 'ticket_id', unique: true })
  ticketId: number;
  @ForeignKey('Invoice') @Column({ type: 'integer', name: 'invoice_id' }) invoiceId: number;
  /** collected | returned_unrepaired */
  @Column({ type: 'varchar', length: 20 }) kind: string;
  @Column({ type: 'varchar', name: 'signature_file', length: 200, nullable: true })
  signatureFile: string | null;
  @Column({ type: 'varchar', name: 'repair_warranty_until', length: 10, nullable: true })
  repairWarrantyUntil: string | null;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'passcode_erase_at', nullable: true })
  passcodeEraseAt: number | null;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'passcode_erased_at', nullable: true })
  passcodeErasedAt: number | null;
  @Column({ type: 'varchar', name: 'idempotency_key', length: 80, unique: true })
  idempotencyKey: string;
  @ForeignKey('Staff') @Column({ type: 'integer', name: 'staff_id' }) staffId: number;
  @Column({ type: 'bigint', transformer: bigintNumber }) at: number;
}

@Index('callback_all_page', ['dueAt', 'id'])
@Index('callback_done', ['doneAt'])
@Index('callback_done_page', ['status', 'doneAt', 'id'])
@Index('callback_due', ['status', 'dueAt'])
@Entity('callback')
export class Callback {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @ForeignKey('Ticket')
  @Column({ type: 'integer', name: 'ticket_id', unique: true })
  ticketId: number;
  @ForeignKey('Customer') @Column({ type: 'integer', name: 'customer_id' }) customerId: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'due_at' }) dueAt: number;
  /** due | done */
  @Column({ type: 'varchar', length: 12 }) status: string;
  @Column({ type: 'integer' }) attempts: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'last_attempt_at', nullable: true })
  lastAttemptAt: number | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) satisfaction: string | null;
  @Column({ type: 'integer', nullable: true }) attitude: number | null;
  @Column({ type: 'integer', nullable: true }) speed: number | null;
  @Column({ type: 'integer', nullable: true }) competence: number | null;
  @Column({ type: 'integer', nullable: true }) nps: number | null;
  @Column({ type: 'text', nullable: true }) comments: string | null;
  @Column({ type: 'text', nullable: true }) leftover: string | null;
  @ForeignKey('Ticket')
  @Column({ type: 'integer', name: 'follow_up_ticket_id', nullable: true })
  followUpTicketId: number | null;
  @ForeignKey('Staff') @Column({ type: 'integer', name: 'staff_id', nullable: true }) staffId:
    number | null;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'done_at', nullable: true }) doneAt:
    number | null;
  @VersionColumn({ type: 'integer' }) version: number;
}

@Index('manager_task_done_page', ['status', 'doneAt', 'id'])
@Index('manager_task_open', ['status', 'dueAt'])
@Entity('manager_task')
export class ManagerTask {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  /** callback | complaint */
  @Column({ type: 'varchar', length: 16 }) kind: string;
  @ForeignKey('Callback')
  @Column({ type: 'integer', name: 'callback_id', nullable: true })
  callbackId: number | null;
  @Column({ type: 'integer', name: 'complaint_id', nullable: true }) complaintId: number | null;
  @ForeignKey('Ticket') @Column({ type: 'integer', name: 'ticket_id', nullable: true }) ticketId:
    number | null;
  @ForeignKey('Customer') @Column({ type: 'integer', name: 'customer_id' }) customerId: number;
  @Column({ type: 'text' }) summary: string;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'due_at' }) dueAt: number;
  /** open | done */
  @Column({ type: 'varchar', length: 12 }) status: string;
  @Column({ type: 'text', nullable: true }) plan: string | null;
  @Column({ type: 'text', nullable: true }) outcome: string | null;
  @ForeignKey('Staff') @Column({ type: 'integer', name: 'done_by', nullable: true }) doneBy:
    number | null;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'done_at', nullable: true }) doneAt:
    number | null;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'created_at' }) createdAt: number;
  @VersionColumn({ type: 'integer' }) version: number;
}

@Index('complaint_status', ['status'])
@Index('complaint_ticket', ['ticketId'])
@Entity('complaint')
export class Complaint {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @ForeignKey('Ticket') @Column({ type: 'integer', name: 'ticket_id', nullable: true }) ticketId:
    number | null;
  @ForeignKey('Customer') @Column({ type: 'integer', name: 'customer_id' }) customerId: number;
  @Column({ type: 'varchar', length: 20 }) type: string;
  @Column({ type: 'varchar', length: 12 }) severity: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'text', nullable: true }) cause: string | null;
  @ForeignKey('Staff') @Column({ type: 'integer', name: 'owner_id', nullable: true }) ownerId:
    number | null;
  /** open | resolved | closed */
  @Column({ type: 'varchar', length: 12 }) status: string;
  @Column({ type: 'varchar', length: 20, nullable: true }) resolution: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) compensation: string | null;
  @Column({ type: 'text', name: 'resolution_note', nullable: true }) resolutionNote: string | null;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'confirmed_at', nullable: true })
  confirmedAt: number | null;
  @Column({ type: 'varchar', name: 'confirmation_channel', length: 12, nullable: true })
  confirmationChannel: string | null;
  @Column({ type: 'text', name: 'confirmation_note', nullable: true }) confirmationNote:
    string | null;
  @ForeignKey('Staff') @Column({ type: 'integer', name: 'created_by' }) createdBy: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'created_at' }) createdAt: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'closed_at', nullable: true })
  closedAt: number | null;
  @VersionColumn({ type: 'integer' }) version: number;
}

@Index('rma_status', ['status'])
@Entity('rma')
export class Rma {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'varchar', length: 24, nullable: true, unique: true }) code: string | null;
  @ForeignKey('Customer') @Column({ type: 'integer', name: 'customer_id' }) customerId: number;
  @ForeignKey('Ticket') @Column({ type: 'integer', name: 'ticket_id', nullable: true }) ticketId:
    number | null;
  @Column({ type: 'varchar', length: 200 }) product: string;
  @Column({ type: 'varchar', length: 60, nullable: true }) serial: string | null;
  @Column({ type: 'varchar', length: 20 }) proof: string;
  @Column({ type: 'varchar', name: 'proof_ref', length: 80, nullable: true }) proofRef:
    string | null;
  @Column({ type: 'varchar', name: 'purchase_date', length: 10, nullable: true })
  purchaseDate: string | null;
  @Column({ type: 'text' }) reason: string;
  /** requested | authorised | rejected | received | refunded | exchanged | closed */
  @Column({ type: 'varchar', length: 12 }) status: string;
  @Column({ type: 'text', nullable: true }) inspection: string | null;
  @Column({ type: 'integer', nullable: true }) sound: number | null;
  @Column({ type: 'varchar', length: 12, nullable: true }) outcome: string | null;
  @Column({ type: 'integer', name: 'refund_cents', nullable: true }) refundCents: number | null;
  @Column({ type: 'varchar', name: 'exchange_serial', length: 60, nullable: true })
  exchangeSerial: string | null;
  @Column({ type: 'varchar', name: 'told_channel', length: 12, nullable: true }) toldChannel:
    string | null;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'told_at', nullable: true }) toldAt:
    number | null;
  @ForeignKey('Staff') @Column({ type: 'integer', name: 'created_by' }) createdBy: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'created_at' }) createdAt: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'updated_at' }) updatedAt: number;
  @VersionColumn({ type: 'integer' }) version: number;
}

@Index('customer_message_ticket', ['ticketId'])
@Entity('customer_message')
export class CustomerMessage {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @ForeignKey('Ticket') @Column({ type: 'integer', name: 'ticket_id' }) ticketId: number;
  @ForeignKey('Customer') @Column({ type: 'integer', name: 'customer_id' }) customerId: number;
  @Column({ type: 'varchar', length: 24 }) template: string;
  @Column({ type: 'varchar', length: 4 }) lang: string;
  @Column({ type: 'text' }) text: string;
  @Column({ type: 'varchar', length: 12 }) channel: string;
  @ForeignKey('Staff') @Column({ type: 'integer', name: 'staff_id' }) staffId: number;
  @Column({ type: 'bigint', transformer: bigintNumber }) at: number;
}

export const pickupEntities = [
  Invoice,
  Payment,
  CustomerCredit,
  Pickup,
  Callback,
  ManagerTask,
  Complaint,
  Rma,
  CustomerMessage,
];
