import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

@Index('customer_created', ['createdAt'])
@Index('customer_name_norm', ['nameNorm'])
@Index('customer_phone_digits', ['phoneDigits'])
@Index('customer_phone_rev', ['phoneRev'])
@Entity('customer')
export class Customer {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'varchar', length: 120 }) name: string;
  /** Lower-cased, spaces collapsed: the prefix-search key. */
  @Column({ type: 'varchar', name: 'name_norm', length: 120 }) nameNorm: string;
  @Column({ type: 'varchar', length: 32 }) phone: string;
  @Column({ type: 'varchar', name: 'phone_digits', length: 32 }) phoneDigits: string;
  /** Digits reversed, so "ends in 1234" is an index range too. */
  @Column({ type: 'varchar', name: 'phone_rev', length: 32 }) phoneRev: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) email: string | null;
  @Column({ type: 'varchar', length: 20 }) channel: string;
  @Column({ type: 'bigint', name: 'created_at' }) createdAt: number;
  @Column({ type: 'bigint', name: 'updated_at' }) updatedAt: number;
  /** Set when the customer's personal data was erased on request (main/safety/personal-data.ts). */
  @Column({ type: 'bigint', name: 'erased_at', nullable: true }) erasedAt: number | null;
  /** Consent to status messages (issue 16), 0/1; never asked = 0, nothing is sent. */
  @Column({ type: 'integer', name: 'message_consent', default: 0 }) messageConsent: number;
  /** email | sms | manual; null = whatever each rule says. */
  @Column({ type: 'varchar', name: 'message_channel', length: 12, nullable: true })
  messageChannel: string | null;
  /** en | zh; null = the shop's default language for messages. */
  @Column({ type: 'varchar', name: 'message_language', length: 4, nullable: true })
  messageLanguage: string | null;
  @Column({ type: 'bigint', name: 'unsubscribed_at', nullable: true }) unsubscribedAt: number | null;
  @VersionColumn({ type: 'integer', default: 1 }) version: number;
}
