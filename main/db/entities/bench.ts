import { bigintNumber } from '../bigint-number';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

@Index('estimate_line_ticket', ['ticketId'])
@Entity('estimate_line')
export class EstimateLine {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @ForeignKey('Ticket') @Column({ type: 'integer', name: 'ticket_id' }) ticketId: number;
  @Column({ type: 'varchar', length: 12 }) kind: string;
  @Column({ type: 'varchar', length: 200 }) description: string;
  @Column({ type: 'integer' }) qty: number;
  @Column({ type: 'integer', name: 'unit_cents' }) unitCents: number;
  @ForeignKey('Staff') @Column({ type: 'integer', name: 'staff_id' }) staffId: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'created_at' }) createdAt: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'removed_at', nullable: true })
  removedAt: number | null;
}

@Index('approval_ticket', ['ticketId'])
@Entity('approval')
export class Approval {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @ForeignKey('Ticket') @Column({ type: 'integer', name: 'ticket_id' }) ticketId: number;
  @Column({ type: 'varchar', length: 12 }) decision: string;
  @Column({ type: 'varchar', length: 12 }) channel: string;
  /** What the customer agreed to pay: the estimate after warranty cover, with tax. */
  @Column({ type: 'integer', name: 'total_cents' }) totalCents: number;
  @Column({ type: 'integer', name: 'tax_cents', default: 0 }) taxCents: number;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @ForeignKey('Staff') @Column({ type: 'integer', name: 'recorded_by' }) recordedBy: number;
  @Column({ type: 'bigint', transformer: bigintNumber }) at: number;
}

@Index('work_log_ended', ['endedAt'])
@Index('work_log_running', ['staffId', 'endedAt'])
@Index('work_log_ticket', ['ticketId'])
@Entity('work_log')
export class WorkLog {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @ForeignKey('Ticket') @Column({ type: 'integer', name: 'ticket_id' }) ticketId: number;
  @ForeignKey('Staff') @Column({ type: 'integer', name: 'staff_id' }) staffId: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'started_at' }) startedAt: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'ended_at', nullable: true }) endedAt:
    number | null;
  @Column({ type: 'integer', nullable: true }) minutes: number | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'integer', default: 0 }) manual: number;
}

@Index('qc_check_at', ['at'])
@Index('qc_check_ticket', ['ticketId'])
@Entity('qc_check')
export class QcCheck {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @ForeignKey('Ticket') @Column({ type: 'integer', name: 'ticket_id' }) ticketId: number;
  @ForeignKey('Staff') @Column({ type: 'integer', name: 'inspector_id' }) inspectorId: number;
  @Column({ type: 'integer', name: 'procedure_score' }) procedureScore: number;
  @Column({ type: 'integer', name: 'effectiveness_score' }) effectivenessScore: number;
  @Column({ type: 'integer', name: 'communication_score' }) communicationScore: number;
  @Column({ type: 'integer' }) total: number;
  @Column({ type: 'varchar', length: 12 }) band: string;
  @Column({ type: 'text', nullable: true }) feedback: string | null;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'rework_due_at', nullable: true })
  reworkDueAt: number | null;
  @Column({ type: 'bigint', transformer: bigintNumber }) at: number;
}

@Entity('completion')
export class Completion {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @ForeignKey('Ticket') @Column({ type: 'integer', name: 'ticket_id' }) ticketId: number;
  /** routine | complaint | repeat: the last two are always checked. */
  @Column({ type: 'varchar', length: 12 }) reason: string;
  @Column({ type: 'integer' }) sampled: number;
  @Column({ type: 'bigint', transformer: bigintNumber }) at: number;
}
