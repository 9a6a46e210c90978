import { bigintNumber } from '../bigint-number';
import {
  Column,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

@Entity('supplier')
export class Supplier {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'varchar', length: 120, unique: true }) name: string;
  @Column({ type: 'varchar', length: 40, nullable: true }) phone: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) email: string | null;
  @Column({ type: 'integer', name: 'lead_days', default: 3 }) leadDays: number;
  @Column({ type: 'integer', default: 1 }) active: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'created_at' }) createdAt: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'updated_at' }) updatedAt: number;
  @Column({ type: 'integer', default: 1 }) version: number;
}

@Index('part_bin', ['bin', 'sku'])
@Index('part_category', ['category', 'sku'])
@Index('part_low', ['active', 'reorderPoint'])
@Entity('part')
export class Part {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'varchar', length: 40, unique: true }) sku: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 60 }) category: string;
  /** Compatible device models as typed, joined by ", " (part_model holds the lookup keys). */
  @Column({ type: 'text' }) models: string;
  @Column({ type: 'varchar', length: 40 }) bin: string;
  /** The catalogue (last purchase) cost; the moving average lives in stock_balance. */
  @Column({ type: 'integer', name: 'cost_cents' }) costCents: number;
  @Column({ type: 'integer', name: 'price_cents' }) priceCents: number;
  @Column({ type: 'integer', name: 'reorder_point' }) reorderPoint: number;
  @Column({ type: 'integer', name: 'reorder_qty' }) reorderQty: number;
  @ForeignKey('Supplier')
  @Column({ type: 'integer', name: 'supplier_id', nullable: true })
  supplierId: number | null;
  @Column({ type: 'integer', name: 'serial_tracked' }) serialTracked: number;
  @Column({ type: 'integer', default: 1 }) active: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'created_at' }) createdAt: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'updated_at' }) updatedAt: number;
  @Column({ type: 'integer', default: 1 }) version: number;
}

@Index('part_barcode_part', ['partId'])
@Entity('part_barcode')
export class PartBarcode {
  @PrimaryColumn({ type: 'varchar', length: 64 }) code: string;
  @ForeignKey('Part') @Column({ type: 'integer', name: 'part_id' }) partId: number;
}

/** An expression index (see the migration); TypeORM cannot describe it, so it leaves it alone. */
@Index('stock_balance_low', { synchronize: false })
@Entity('stock_balance')
export class StockBalance {
  @ForeignKey('Part') @PrimaryColumn({ type: 'integer', name: 'part_id' }) partId: number;
  @Column({ type: 'integer', name: 'on_hand', default: 0 }) onHand: number;
  @Column({ type: 'integer', default: 0 }) reserved: number;
  @Column({ type: 'integer', name: 'avg_cost_cents', default: 0 }) avgCostCents: number;
  /** Copies of the part's reorder point and active flag, for the low-stock index. */
  @Column({ type: 'integer', name: 'reorder_point', default: 0 }) reorderPoint: number;
  @Column({ type: 'integer', default: 1 }) active: number;
  @Column({ type: 'integer', name: 'last_movement_id', nullable: true }) lastMovementId:
    number | null;
  @Column({ type: 'integer', default: 1 }) version: number;
}

@Index('stock_movement_part', ['partId', 'id'])
@Index('stock_movement_ticket', ['ticketId'])
@Entity('stock_movement')
export class StockMovement {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @ForeignKey('Part') @Column({ type: 'integer', name: 'part_id' }) partId: number;
  @Column({ type: 'varchar', length: 20 }) kind: string;
  /** Change of on-hand (signed). */
  @Column({ type: 'integer' }) qty: number;
  @Column({ type: 'integer', name: 'reserved_delta' }) reservedDelta: number;
  @Column({ type: 'integer', name: 'on_hand_after' }) onHandAfter: number;
  @Column({ type: 'integer', name: 'unit_cost_cents', nullable: true }) unitCostCents:
    number | null;
  @ForeignKey('Ticket') @Column({ type: 'integer', name: 'ticket_id', nullable: true }) ticketId:
    number | null;
  @Column({ type: 'integer', name: 'po_id', nullable: true }) poId: number | null;
  @Column({ type: 'integer', name: 'count_id', nullable: true }) countId: number | null;
  @Column({ type: 'varchar', length: 80, nullable: true }) serial: string | null;
  @Column({ type: 'varchar', name: 'old_serial', length: 80, nullable: true }) oldSerial:
    string | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) reason: string | null;
  @ForeignKey('Staff')
  @Column({ type: 'integer', name: 'override_by', nullable: true })
  overrideBy: number | null;
  @ForeignKey('Staff') @Column({ type: 'integer', name: 'staff_id', nullable: true }) staffId:
    number | null;
  @Column({ type: 'bigint', transformer: bigintNumber }) at: number;
}

@Index('serial_unit_state', ['partId', 'state', 'id'])
@Unique(['partId', 'serial'])
@Entity('serial_unit')
export class SerialUnit {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @ForeignKey('Part') @Column({ type: 'integer', name: 'part_id' }) partId: number;
  @Column({ type: 'varchar', length: 80 }) serial: string;
  @Column({ type: 'varchar', length: 16 }) state: string;
  @ForeignKey('Ticket') @Column({ type: 'integer', name: 'ticket_id', nullable: true }) ticketId:
    number | null;
  @Column({ type: 'integer', name: 'po_id', nullable: true }) poId: number | null;
  @Column({ type: 'integer', name: 'cost_cents' }) costCents: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'updated_at' }) updatedAt: number;
  @Column({ type: 'integer', default: 1 }) version: number;
}

@Index('ticket_part_ticket', ['ticketId'])
@Index('ticket_part_used', ['state', 'updatedAt'])
@Index('ticket_part_waiting', ['state', 'partId'])
@Entity('ticket_part')
export class TicketPart {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @ForeignKey('Ticket') @Column({ type: 'integer', name: 'ticket_id' }) ticketId: number;
  @ForeignKey('Part') @Column({ type: 'integer', name: 'part_id' }) partId: number;
  @Column({ type: 'integer' }) qty: number;
  /** waiting | reserved | consumed | released | returned */
  @Column({ type: 'varchar', length: 12 }) state: string;
  @ForeignKey('SerialUnit') @Column({ type: 'integer', name: 'unit_id', nullable: true }) unitId:
    number | null;
  @Column({ type: 'varchar', name: 'old_serial', length: 80, nullable: true }) oldSerial:
    string | null;
  @Column({ type: 'integer', name: 'price_cents' }) priceCents: number;
  @Column({ type: 'integer', name: 'cost_cents', nullable: true }) costCents: number | null;
  @ForeignKey('EstimateLine')
  @Column({ type: 'integer', name: 'estimate_line_id', nullable: true })
  estimateLineId: number | null;
  @ForeignKey('Staff') @Column({ type: 'integer', name: 'staff_id' }) staffId: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'created_at' }) createdAt: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'updated_at' }) updatedAt: number;
  @Column({ type: 'integer', default: 1 }) version: number;
}

@Index('purchase_order_status', ['status', 'id'])
@Entity('purchase_order')
export class PurchaseOrder {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'varchar', length: 20, unique: true }) number: string;
  @ForeignKey('Supplier') @Column({ type: 'integer', name: 'supplier_id' }) supplierId: number;
  @Column({ type: 'varchar', length: 20 }) status: string;
  @Column({ type: 'varchar', name: 'cancel_reason', length: 300, nullable: true }) cancelReason:
    string | null;
  @ForeignKey('Staff') @Column({ type: 'integer', name: 'created_by' }) createdBy: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'created_at' }) createdAt: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'ordered_at', nullable: true })
  orderedAt: number | null;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'closed_at', nullable: true })
  closedAt: number | null;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'updated_at' }) updatedAt: number;
  @Column({ type: 'integer', default: 1 }) version: number;
}

@Index('po_line_part', ['partId', 'poId'])
@Unique(['poId', 'partId'])
@Entity('po_line')
export class PoLine {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @ForeignKey('PurchaseOrder') @Column({ type: 'integer', name: 'po_id' }) poId: number;
  @ForeignKey('Part') @Column({ type: 'integer', name: 'part_id' }) partId: number;
  @Column({ type: 'integer', name: 'qty_ordered' }) qtyOrdered: number;
  @Column({ type: 'integer', name: 'qty_received', default: 0 }) qtyReceived: number;
  @Column({ type: 'integer', name: 'unit_cost_cents' }) unitCostCents: number;
}

@Entity('stock_count')
export class StockCount {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @Column({ type: 'varchar', length: 12 }) scope: string;
  @Column({ type: 'varchar', name: 'scope_value', length: 60 }) scopeValue: string;
  @Column({ type: 'varchar', length: 12 }) status: string;
  @ForeignKey('Staff') @Column({ type: 'integer', name: 'created_by' }) createdBy: number;
  @ForeignKey('Staff')
  @Column({ type: 'integer', name: 'approved_by', nullable: true })
  approvedBy: number | null;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'created_at' }) createdAt: number;
  @Column({ type: 'bigint', transformer: bigintNumber, name: 'approved_at', nullable: true })
  approvedAt: number | null;
  @Column({ type: 'integer', default: 1 }) version: number;
}

@Unique(['countId', 'partId'])
@Entity('stock_count_line')
export class StockCountLine {
  @PrimaryGeneratedColumn({ type: 'integer' }) id: number;
  @ForeignKey('StockCount') @Column({ type: 'integer', name: 'count_id' }) countId: number;
  @ForeignKey('Part') @Column({ type: 'integer', name: 'part_id' }) partId: number;
  @Column({ type: 'integer' }) expected: number;
  @Column({ type: 'integer', nullable: true }) counted: number | null;
  /** Scanned serials (JSON array) for serial-tracked parts. */
  @Column({ type: 'text', nullable: true }) serials: string | null;
}

export const inventoryEntities = [
  Supplier,
  Part,
  PartBarcode,
  StockBalance,
  StockMovement,
  SerialUnit,
  TicketPart,
  PurchaseOrder,
  PoLine,
  StockCount,
  StockCountLine,
];
