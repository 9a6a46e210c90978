import { bigintNumber } from '../bigint-number';
import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

@Entity('staff')
export class Staff {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'varchar', length: 80, unique: true }) name: string;
  @Column({ type: 'varchar', length: 20 }) role: string;
  @Column({ type: 'varchar', name: 'pin_hash', length: 128 }) pinHash: string;
  @Column({ type: 'varchar', name: 'pin_salt', length: 64 }) pinSalt: string;
  @Column({ type: 'integer', default: 1 }) active: number;
  @Column({ type: 'integer', name: 'failed_pins', default: 0 }) failedPins: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'locked_until', nullable: true })
  lockedUntil: number | null;
  @Column({ type: 'integer', name: 'must_change_pin', default: 0 }) mustChangePin: number;
  @Column({ type: 'varchar', name: 'prev_pin_hash', length: 128, nullable: true })
  prevPinHash: string | null;
  @Column({ type: 'varchar', name: 'prev_pin_salt', length: 64, nullable: true })
  prevPinSalt: string | null;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'last_sign_in_at', nullable: true })
  lastSignInAt: number | null;
  @Column({ type: 'text', name: 'status_reason', nullable: true }) statusReason: string | null;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'status_changed_at', nullable: true })
  statusChangedAt: number | null;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'created_at' }) createdAt: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'updated_at' }) updatedAt: number;
  @VersionColumn({ type: 'integer', default: 1 }) version: number;
}
