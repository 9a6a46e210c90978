import { bigintNumber } from '../bigint-number';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

@Index('ticket_assigned', ['assignedTo', 'status'])
@Index('ticket_collected', ['collectedAt'])
@Index('ticket_completed', [
  'completedAt',
  'receivedAt',
  'promisedAt',
  'pausedMs',
  'category',
  'assignedTo',
])
@Index('ticket_customer', ['customerId', 'receivedAt'])
@Index('ticket_device', ['deviceId', 'completedAt'])
/** PostgreSQL only, with INCLUDE columns (migration 0022); TypeORM cannot describe it. */
@Index('ticket_done_since', { synchronize: false })
@Index('ticket_open_due', ['status', 'promisedAt', 'pausedMs', 'pausedAt', 'receivedAt'])
@Index('ticket_received', ['receivedAt'])
@Index('ticket_received_mix', ['receivedAt', 'category', 'repeatOfId', 'deviceId'])
@Index('ticket_repeat_of', ['repeatOfId'])
@Index('ticket_status_due', ['status', 'promisedAt'])
@Index('ticket_status_received', ['status', 'receivedAt'])
@Index('ticket_tech_done', ['assignedTo', 'completedAt', 'receivedAt'])
@Entity('ticket')
export class Ticket {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'varchar', length: 20, unique: true }) number: string;
  /** The client's idempotency key for the intake form that created it. */
  @Column({ type: 'varchar', name: 'intake_key', length: 80, nullable: true, unique: true })
  intakeKey: string | null;
  @ForeignKey('Customer') @Column({ type: 'integer', name: 'customer_id' }) customerId: number;
  @ForeignKey('Device') @Column({ type: 'integer', name: 'device_id' }) deviceId: number;
  @Column({ type: 'varchar', length: 24 }) status: string;
  @Column({ type: 'varchar', length: 16 }) category: string;
  @Column({ type: 'varchar', length: 12 }) priority: string;
  @Column({ type: 'varchar', name: 'service_mode', length: 16 }) serviceMode: string;
  @Column({ type: 'text' }) problem: string;
  /** JSON array of accessory codes. */
  @Column({ type: 'text' }) accessories: string;
  @Column({ type: 'text', name: 'condition_notes' }) conditionNotes: string;
  @Column({ type: 'integer', name: 'backup_ack' }) backupAck: number;
  @Column({ type: 'text', name: 'passcode_enc', nullable: true }) passcodeEnc: string | null;
  @Column({ type: 'varchar', length: 20 }) warranty: string;
  @Column({ type: 'varchar', name: 'warranty_until', length: 10, nullable: true })
  warrantyUntil: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) exclusion: string | null;
  @ForeignKey('Ticket')
  @Column({ type: 'integer', name: 'repeat_of_id', nullable: true })
  repeatOfId: number | null;
  @Column({ type: 'integer', name: 'estimate_cents' }) estimateCents: number;
  @Column({ type: 'integer', name: 'deposit_cents' }) depositCents: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'promised_at' }) promisedAt: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'received_at' }) receivedAt: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'completed_at', nullable: true })
  completedAt: number | null;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'collected_at', nullable: true })
  collectedAt: number | null;
  @ForeignKey('Staff') @Column({ type: 'integer', name: 'created_by' }) createdBy: number;
  @ForeignKey('Staff')
  @Column({ type: 'integer', name: 'assigned_to', nullable: true })
  assignedTo: number | null;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'updated_at' }) updatedAt: number;
  @Column({ type: 'text', nullable: true }) cause: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) responsible: string | null;
  /** JSON array of plan measures. */
  @Column({ type: 'text', nullable: true }) plan: string | null;
  @Column({ type: 'varchar', length: 12, default: 'none' }) approval: string;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'first_response_at', nullable: true })
  firstResponseAt: number | null;
  @Column({ type: 'varchar', name: 'hold_from', length: 24, nullable: true }) holdFrom:
    string | null;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'paused_at', nullable: true })
  pausedAt: number | null;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'paused_ms', default: 0 })
  pausedMs: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'rework_due_at', nullable: true })
  reworkDueAt: number | null;
  @VersionColumn({ type: 'integer', default: 1 }) version: number;
}

@Index('ticket_event_ticket', ['ticketId', 'at'])
@Entity('ticket_event')
export class TicketEvent {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @ForeignKey('Ticket') @Column({ type: 'integer', name: 'ticket_id' }) ticketId: number;
  @Column({ type: 'varchar', length: 24 }) kind: string;
  @Column({ type: 'varchar', name: 'from_status', length: 24, nullable: true })
  fromStatus: string | null;
  @Column({ type: 'varchar', name: 'to_status', length: 24, nullable: true })
  toStatus: string | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @ForeignKey('Staff') @Column({ type: 'integer', name: 'staff_id', nullable: true }) staffId:
    number | null;
  @Column({ type: 'bigint', transformer: bigintNumber }) at: number;
}
