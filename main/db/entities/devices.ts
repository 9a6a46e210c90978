import { bigintNumber } from '../bigint-number';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A serial scanner or printer; `options` is JSON whose shape depends on `kind`. */
@Index('peripheral_station', ['stationId'])
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
  /** The station whose serial port it is plugged into (null only before 0018's adoption). */
  @ForeignKey('Station')
  @Column({ type: 'varchar', length: 40, name: 'station_id', nullable: true })
  stationId: string | null;
}
