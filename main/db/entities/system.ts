import { bigintNumber } from '../bigint-number';
import { Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity('setting')
export class Setting {
  @PrimaryColumn({ type: 'varchar', length: 80 }) key: string;
  /** JSON-encoded value, validated by the setting's schema on read and write. */
  @Column({ type: 'text' }) value: string;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'updated_at' }) updatedAt: number;
  @ForeignKey('Staff') @Column({ type: 'integer', name: 'updated_by', nullable: true }) updatedBy:
    number | null;
}

@Entity('sequence')
export class Sequence {
  @PrimaryColumn({ type: 'varchar', length: 40 }) name: string;
  @Column({ type: 'integer' }) value: number;
}

@Entity('audit_entry')
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'bigint', transformer: bigintNumber }) at: number;
  @Column({ type: 'integer', name: 'staff_id', nullable: true }) staffId: number | null;
  @Column({ type: 'varchar', name: 'staff_name', length: 80, nullable: true })
  staffName: string | null;
  @Column({ type: 'varchar', length: 60 }) action: string;
  @Column({ type: 'varchar', length: 40, nullable: true }) entity: string | null;
  @Column({ type: 'varchar', name: 'entity_id', length: 40, nullable: true })
  entityId: string | null;
  @Column({ type: 'varchar', length: 20 }) outcome: string;
  @Column({ type: 'varchar', length: 80 }) origin: string;
  @Column({ type: 'text', nullable: true }) details: string | null;
  @Column({ type: 'varchar', name: 'prev_hash', length: 64 }) prevHash: string;
  @Column({ type: 'varchar', length: 64 }) hash: string;
}

@Index('print_job_device', ['deviceId', 'status'])
@Index('print_job_queue_head', ['status', 'deviceId', 'kind', 'id'])
@Index('print_job_status', ['status', 'createdAt'])
@Index('print_job_status_id', ['status', 'id'])
@Index('print_job_ticket', ['ticketId'])
@Index('print_job_station', ['stationId', 'status', 'id'])
@Entity('print_job')
export class PrintJob {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'varchar', length: 24 }) kind: string;
  @ForeignKey('Ticket') @Column({ type: 'integer', name: 'ticket_id', nullable: true }) ticketId:
    number | null;
  @Column({ type: 'text' }) payload: string;
  @Column({ type: 'varchar', length: 16 }) status: string;
  @Column({ type: 'varchar', name: 'idempotency_key', length: 80, unique: true })
  idempotencyKey: string;
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @Column({ type: 'text', name: 'last_error', nullable: true }) lastError: string | null;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'created_at' }) createdAt: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'updated_at' }) updatedAt: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'printed_at', nullable: true })
  printedAt: number | null;
  /** The printer that took (or is pinned to) the job; null = routed by kind when printed. */
  @ForeignKey('Peripheral')
  @Column({ type: 'integer', name: 'device_id', nullable: true })
  deviceId: number | null;
  @ForeignKey('PrintJob')
  @Column({ type: 'integer', name: 'reprint_of', nullable: true })
  reprintOf: number | null;
  /** The station whose print worker prints it (migration 0018). */
  @ForeignKey('Station')
  @Column({ type: 'varchar', length: 40, name: 'station_id', nullable: true })
  stationId: string | null;
}
