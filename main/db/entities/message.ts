import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One customer message in the outbox (migration 0017, main/domain/messages). */
@Index('message_due', ['state', 'nextAttemptAt', 'id'])
@Index('message_state_created', ['state', 'createdAt', 'id'])
@Index('message_created', ['createdAt', 'id'])
@Index('message_ticket', ['ticketId'])
@Index('message_sent', ['sentAt'])
@Entity('message')
export class Message {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @ForeignKey('Ticket') @Column({ type: 'integer', name: 'ticket_id', nullable: true }) ticketId:
    number | null;
  @ForeignKey('Customer') @Column({ type: 'integer', name: 'customer_id' }) customerId: number;
  @Column({ type: 'varchar', length: 24 }) event: string;
  @Column({ type: 'varchar', length: 24 }) template: string;
  @Column({ type: 'varchar', length: 12 }) channel: string;
  @Column({ type: 'varchar', length: 4 }) language: string;
  @Column({ type: 'varchar', length: 200 }) recipient: string;
  @Column({ type: 'varchar', length: 300, nullable: true }) subject: string | null;
  @Column({ type: 'text' }) body: string;
  /** queued | sending | sent | failed | cancelled | uncertain */
  @Column({ type: 'varchar', length: 12 }) state: string;
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @Column({ type: 'bigint', name: 'next_attempt_at', nullable: true }) nextAttemptAt: number | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) provider: string | null;
  @Column({ type: 'varchar', name: 'provider_id', length: 200, nullable: true }) providerId:
    string | null;
  @Column({ type: 'varchar', name: 'idempotency_key', length: 120, unique: true })
  idempotencyKey: string;
  @Column({ type: 'varchar', name: 'last_error_key', length: 120, nullable: true })
  lastErrorKey: string | null;
  /** JSON of the error's i18n parameters. */
  @Column({ type: 'text', name: 'last_error_params', nullable: true }) lastErrorParams:
    string | null;
  @Column({ type: 'varchar', name: 'cancel_reason', length: 300, nullable: true })
  cancelReason: string | null;
  @Column({ type: 'bigint', name: 'created_at' }) createdAt: number;
  @Column({ type: 'bigint', name: 'updated_at' }) updatedAt: number;
  @Column({ type: 'bigint', name: 'sent_at', nullable: true }) sentAt: number | null;
  @Column({ type: 'bigint', name: 'claimed_at', nullable: true }) claimedAt: number | null;
  @Column({ type: 'varchar', name: 'claimed_by', length: 80, nullable: true }) claimedBy:
    string | null;
}
