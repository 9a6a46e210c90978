import { bigintNumber } from '../bigint-number';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One PC running the app (migration 0018). The id lives in that PC's <data>/station.json. */
@Entity('station')
export class Station {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  @Column({ type: 'varchar', length: 80 }) name: string;
  @Column({ type: 'varchar', length: 40, name: 'app_version' }) appVersion: string;
  /** JSON { jobKind: peripheralId }: this station's default printer per kind of job. */
  @Column({ type: 'text', name: 'default_printers', default: '{}' }) defaultPrinters: string;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'created_at' }) createdAt: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'last_seen_at' }) lastSeenAt: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'retired_at', nullable: true })
  retiredAt: number | null;
}
