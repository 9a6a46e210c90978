import { bigintNumber } from '../bigint-number';
import {
  Column,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  VersionColumn,
} from 'typeorm';

@Index('device_customer', ['customerId'])
@Index('device_imei', ['imei'])
@Index('device_serial', ['serial'])
@Entity('device')
export class Device {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @ForeignKey('Customer') @Column({ type: 'integer', name: 'customer_id' }) customerId: number;
  @Column({ type: 'varchar', length: 20 }) type: string;
  @Column({ type: 'varchar', length: 60 }) brand: string;
  @Column({ type: 'varchar', length: 120 }) model: string;
  @Column({ type: 'varchar', length: 80, nullable: true }) serial: string | null;
  @Column({ type: 'varchar', length: 15, nullable: true }) imei: string | null;
  @Column({ type: 'varchar', name: 'purchase_date', length: 10, nullable: true })
  purchaseDate: string | null;
  @Column({ type: 'varchar', length: 20 }) proof: string;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'created_at' }) createdAt: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'updated_at' }) updatedAt: number;
  @VersionColumn({ type: 'integer', default: 1 }) version: number;
}

@Index('device_model_norm', ['modelNorm'])
@Unique(['type', 'brand', 'model'])
@Entity('device_model')
export class DeviceModel {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'varchar', length: 20 }) type: string;
  @Column({ type: 'varchar', length: 60 }) brand: string;
  @Column({ type: 'varchar', length: 120 }) model: string;
  @Column({ type: 'varchar', name: 'model_norm', length: 200 }) modelNorm: string;
  @Column({ type: 'integer', default: 0 }) uses: number;
}
