import { bigintNumber } from '../bigint-number';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A serial scanner or printer; `options` is JSON whose shape depends on `kind`. */
@Entity('peripheral')
export class Peripheral {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'varchar', length: 16 }) kind: string;
  @Column({ type: 'varchar', length: 80 }) name: string;
  @Column({ type: 'varchar', length: 200 }) path: string;
  @Column({ type: 'integer', name: 'baud_rate' }) baudRate: number;
  @Column({ type: 'integer', name: 'data_bits' }) dataBits: number;
  @Column({ type: 'varchar', length: 8 }) parity: string;
  @Column({ type: 'real', name: 'stop_bits' }) stopBits: number;
  @Column({ type: 'text' }) options: string;
  @Column({ type: 'integer', default: 1 }) enabled: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'created_at' }) createdAt: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'updated_at' }) updatedAt: number;
}
