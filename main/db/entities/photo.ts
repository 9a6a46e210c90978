import { bigintNumber } from '../bigint-number';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

@Index('ticket_photo_ticket', ['ticketId', 'createdAt'])
@Entity('ticket_photo')
export class TicketPhoto {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @ForeignKey('Ticket') @Column({ type: 'integer', name: 'ticket_id' }) ticketId: number;
  @Column({ type: 'varchar', length: 64 }) sha256: string;
  @Column({ type: 'varchar', length: 20 }) mime: string;
  @Column({ type: 'integer', name: 'size_bytes' }) sizeBytes: number;
  @Column({ type: 'integer' }) width: number;
  @Column({ type: 'integer' }) height: number;
  @Column({ type: 'varchar', length: 200, name: 'original_name' }) originalName: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) caption: string | null;
  @ForeignKey('Staff') @Column({ type: 'integer', name: 'staff_id' }) staffId: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'created_at' }) createdAt: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'removed_at', nullable: true })
  removedAt: number | null;
  @ForeignKey('Staff') @Column({ type: 'integer', name: 'removed_by', nullable: true }) removedBy:
    number | null;
  @Column({ type: 'varchar', length: 500, name: 'removed_reason', nullable: true })
  removedReason: string | null;
}
