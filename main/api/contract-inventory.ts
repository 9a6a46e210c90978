/** Spare parts: DTOs, methods and events (pure types; the renderer imports them). */
import type { z } from 'zod';
import type * as v from './schemas/inventory';
import type { byId, empty } from './schemas/misc';
import type { PrintJobDto } from './contract';

type M<I, O> = { input: I; output: O };

export interface PartRow {
  id: number;
  sku: string;
  name: string;
  category: string;
  bin: string;
  models: string;
  priceCents: number;
  costCents: number;
  reorderPoint: number;
  onHand: number;
  reserved: number;
  available: number;
  serialTracked: boolean;
  active: boolean;
}

export interface StockLevel {
  partId: number;
  onHand: number;
  reserved: number;
  available: number;
  onOrder: number;
  avgCostCents: number;
}

export interface PartDto extends PartRow {
  barcodes: string[];
  modelList: string[];
  reorderQty: number;
  supplierId: number | null;
  supplierName: string | null;
  version: number;
}

export interface MovementDto {
  id: number;
  kind: string;
  qty: number;
  reservedDelta: number;
  onHandAfter: number;
  unitCostCents: number | null;
  ticketNumber: string | null;
  poNumber: string | null;
  serial: string | null;
  oldSerial: string | null;
  reason: string | null;
  overrideBy: string | null;
  staffName: string | null;
  at: number;
}

export interface SerialUnitDto {
  id: number;
  serial: string;
  state: string;
  ticketNumber: string | null;
  costCents: number;
  updatedAt: number;
}

export interface SerialHistoryDto extends SerialUnitDto {
  history: Array<{
    from: string | null;
    to: string;
    ticketNumber: string | null;
    staffName: string | null;
    at: number;
  }>;
}

export interface PartDetail {
  part: PartDto;
  level: StockLevel;
  units: SerialUnitDto[];
  movements: MovementDto[];
  openOrders: Array<{ id: number; number: string; status: string; outstanding: number }>;
  waitingTickets: Array<{ ticketId: number; number: string; qty: number }>;
  /** Recent fitted (consumed) lines of this part on tickets: what can come back to stock. */
  fitted: FittedLine[];
}

export interface FittedLine {
  id: number;
  version: number;
  ticketId: number;
  ticketNumber: string;
  qty: number;
  serial: string | null;
  at: number;
}

export interface TicketPartDto {
  id: number;
  ticketId: number;
  partId: number;
  sku: string;
  name: string;
  qty: number;
  state: string;
  serial: string | null;
  oldSerial: string | null;
  serialTracked: boolean;
  priceCents: number;
  costCents: number | null;
  available: number;
  version: number;
}

export interface LowStockRow {
  partId: number;
  sku: string;
  name: string;
  bin: string;
  onHand: number;
  reserved: number;
  onOrder: number;
  available: number;
  reorderPoint: number;
  reorderQty: number;
  suggestQty: number;
  supplierId: number | null;
  supplierName: string | null;
}

export interface SupplierDto {
  id: number;
  name: string;
  phone: string | null;
  email: string | null;
  leadDays: number;
  active: boolean;
  version: number;
}

export interface PoLineDto {
  partId: number;
  sku: string;
  name: string;
  barcodes: string[];
  serialTracked: boolean;
  qtyOrdered: number;
  qtyReceived: number;
  unitCostCents: number;
}

export interface PoSummary {
  id: number;
  number: string;
  supplierId: number;
  supplierName: string;
  status: string;
  lineCount: number;
  totalCents: number;
  createdAt: number;
  version: number;
}

export interface PoDetail extends PoSummary {
  lines: PoLineDto[];
  cancelReason: string | null;
  orderedAt: number | null;
}

export interface CountLineDto {
  partId: number;
  sku: string;
  name: string;
  bin: string;
  expected: number;
  onHand: number;
  counted: number | null;
  variance: number;
  serialTracked: boolean;
}

export interface CountSummary {
  id: number;
  scope: string;
  scopeValue: string;
  status: string;
  createdBy: string;
  approvedBy: string | null;
  createdAt: number;
  version: number;
}

export interface CountDetail extends CountSummary {
  lines: CountLineDto[];
}

export interface ImportIssue {
  line: number;
  field: string;
  /** In English (logs, audit); the screen shows `key` translated with `params`. */
  reason: string;
  key: string;
  params?: Record<string, unknown>;
}

export interface ImportReport {
  rows: number;
  good: number;
  bad: number;
  /** Rows identical to a part already in the catalogue (an earlier import): skipped. */
  already: number;
  imported: number;
  issues: ImportIssue[];
  /** True when issues were found but more than the report holds. */
  truncated: boolean;
}

/** One slice of an export file for the renderer's download (bytes as base64). */
export interface ExportChunk {
  base64: string;
  size: number;
  nextOffset: number;
  done: boolean;
}

export interface StockCheck {
  ok: boolean;
  checkedParts: number;
  mismatches: Array<{ partId: number; field: string; cached: number; actual: number }>;
}

export interface InventoryApi {
  'parts.list': M<z.input<typeof v.partListSchema>, { rows: PartRow[]; total: number }>;
  'parts.search': M<z.input<typeof v.partSearchSchema>, PartRow[]>;
  'parts.byBarcode': M<z.input<typeof v.barcodeSchema>, PartRow>;
  'parts.get': M<z.input<typeof v.partIdSchema>, PartDetail>;
  'parts.save': M<z.input<typeof v.partSaveSchema>, PartDto>;
  'parts.facets': M<z.input<typeof empty>, { categories: string[]; bins: string[] }>;
  'parts.movements': M<z.input<typeof v.movementListSchema>, MovementDto[]>;
  'parts.serial': M<z.input<typeof v.serialGetSchema>, SerialHistoryDto>;
  'parts.printLabel': M<z.input<typeof v.labelSchema>, PrintJobDto>;
  'parts.import': M<z.input<typeof v.importSchema>, ImportReport>;
  'parts.importUpload': M<z.input<typeof v.importUploadSchema>, { upload: string; size: number }>;
  'parts.export': M<z.input<typeof v.exportSchema>, { path: string; rows: number }>;
  'parts.exportRead': M<z.input<typeof v.exportReadSchema>, ExportChunk>;
  'stock.level': M<z.input<typeof v.partIdSchema>, StockLevel>;
  'stock.adjust': M<z.input<typeof v.adjustSchema>, StockLevel>;
  'stock.returnToSupplier': M<z.input<typeof v.supplierReturnSchema>, StockLevel>;
  'stock.check': M<z.input<typeof v.checkSchema>, StockCheck>;
  'stock.lowList': M<z.input<typeof v.lowListSchema>, LowStockRow[]>;
  'stock.lowToPo': M<z.input<typeof v.lowToPoSchema>, { orders: PoSummary[]; skipped: number[] }>;
  'ticketParts.list': M<z.input<typeof v.ticketPartsSchema>, TicketPartDto[]>;
  'ticketParts.reserve': M<z.input<typeof v.reserveSchema>, TicketPartDto>;
  'ticketParts.consume': M<z.input<typeof v.consumeSchema>, TicketPartDto>;
  'ticketParts.release': M<z.input<typeof v.releaseSchema>, TicketPartDto>;
  'ticketParts.returnToStock': M<z.input<typeof v.returnFromTicketSchema>, TicketPartDto>;
  'suppliers.list': M<z.input<typeof empty>, SupplierDto[]>;
  'suppliers.save': M<z.input<typeof v.supplierSaveSchema>, SupplierDto>;
  'po.list': M<z.input<typeof v.poListSchema>, PoSummary[]>;
  'po.get': M<z.input<typeof byId>, PoDetail>;
  'po.create': M<z.input<typeof v.poCreateSchema>, PoDetail>;
  'po.setLines': M<z.input<typeof v.poLinesSchema>, PoDetail>;
  'po.order': M<z.input<typeof v.poStepSchema>, PoDetail>;
  'po.receive': M<z.input<typeof v.poReceiveSchema>, PoDetail>;
  'po.close': M<z.input<typeof v.poStepSchema>, PoDetail>;
  'po.cancel': M<z.input<typeof v.poCancelSchema>, PoDetail>;
  'counts.list': M<z.input<typeof v.countListSchema>, CountSummary[]>;
  'counts.start': M<z.input<typeof v.countStartSchema>, CountDetail>;
  'counts.get': M<z.input<typeof byId>, CountDetail>;
  'counts.scan': M<z.input<typeof v.countScanSchema>, CountLineDto>;
  'counts.set': M<z.input<typeof v.countSetSchema>, CountLineDto>;
  'counts.approve': M<z.input<typeof v.countStepSchema>, CountDetail>;
  'counts.cancel': M<z.input<typeof v.countStepSchema>, CountDetail>;
}

export interface InventoryEvents {
  /** Stock of a part changed (any movement). */
  'stock.changed': { partIds: number[] };
  /** A part fell to or below its reorder point (counting reservations and open orders). */
  'stock.low': { partId: number; sku: string; available: number };
}
