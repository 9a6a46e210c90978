import type { Workstation } from '../../app';
import type { BenchDetail, IntakeResult, PickupResult } from '../../api/contract';
import { drillWalkIn } from './writers';

/** Every call a station makes, timed per method (the load drill's p95 per method). */
export class TimedApi {
  readonly ms = new Map<string, number[]>();
  /** Off while the process warms up (sign-in's deliberate PIN hashing, first queries). */
  timing = false;

  constructor(
    private readonly ws: Workstation,
    private readonly origin: string,
  ) {}

  async call(
    token: string,
    method: string,
    input: unknown,
  ): Promise<{ ok: true; result: unknown } | { ok: false; code: string; key?: string }> {
    const t0 = performance.now();
    const res = await this.ws.dispatcher.call(method, input, { token, origin: this.origin });
    if (this.timing) {
      const list = this.ms.get(method) ?? [];
      list.push(performance.now() - t0);
      this.ms.set(method, list);
    }
    if (res.ok) return { ok: true, result: res.result };
    return { ok: false, code: res.error.code, key: res.error.details?.key as string | undefined };
  }
}

/** 1×1 PNG, as the signature pad sends it. */
const SIGNATURE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

export interface DayTokens {
  counter: string;
  technician: string;
  inspector: string;
  technicianId: number;
}

/** What a station reports for one step: an acknowledged write (kind + id) or a refusal. */
export type StepOutcome =
  { ack: string; id: string } | { refused: string; key?: string } | { done: true };

/** A refusal the day expects when stations share one shop (someone else moved it first, the
 * drawer is empty); anything else is an error of the drill's count. */
export const EXPECTED_REFUSALS = new Set(['CONFLICT']);

class Refused extends Error {
  constructor(
    readonly code: string,
    readonly key: string | undefined,
    readonly method: string,
  ) {
    super(`${method}: ${code} ${key ?? ''}`);
  }
}

/**
 * One repair walked the way the counter, the bench and the inspector walk it, one person's
 * action per `step()`: walk-in, assign, diagnose with an estimate, approval, repair with a part
 * from the drawer, quality check, pickup paid in cash. Several run at once on every station.
 */
export class RepairScript {
  private stage = 0;
  private ticketId = 0;
  number = '';

  constructor(
    private readonly api: TimedApi,
    private readonly who: DayTokens,
    private readonly key: string,
    private readonly partIds: number[],
  ) {}

  private async call<T>(token: string, method: string, input: unknown): Promise<T> {
    const res = await this.api.call(token, method, input);
    if (!res.ok) throw new Refused(res.code, res.key, method);
    return res.result as T;
  }

  private async version(): Promise<number> {
    const d = await this.call<BenchDetail>(this.who.technician, 'bench.detail', {
      id: this.ticketId,
    });
    return d.ticket.version;
  }

  async step(): Promise<StepOutcome> {
    try {
      return await this.next();
    } catch (err) {
      if (!(err instanceof Refused)) throw err;
      // An empty drawer: the repair goes on without the part (the shop orders it).
      if (err.key === 'errors.stockShort') this.stage++;
      return { refused: err.code, key: err.key ?? err.method };
    }
  }

  private async next(): Promise<StepOutcome> {
    const { counter, technician: tech, inspector } = this.who;
    const id = this.ticketId;
    switch (this.stage) {
      case 0: {
        const res = await this.call<IntakeResult>(counter, 'intake.commit', {
          ...drillWalkIn(Math.floor(Math.random() * 1e6)),
          idempotencyKey: `${this.key}-intake`,
        });
        this.ticketId = res.ticket.id;
        this.number = res.ticket.number;
        this.stage++;
        return { ack: 'ticket', id: res.ticket.number };
      }
      case 1:
        await this.call(tech, 'bench.assign', {
          id,
          version: await this.version(),
          staffId: this.who.technicianId,
        });
        await this.call(tech, 'bench.transition', {
          id,
          version: await this.version(),
          to: 'diagnosing',
        });
        break;
      case 2:
        await this.call(tech, 'bench.diagnose', {
          id,
          version: await this.version(),
          cause: 'Cracked LCD',
          responsible: 'customer_use',
          plan: ['replace_part'],
        });
        await this.call(tech, 'bench.estimateAdd', {
          ticketId: id,
          kind: 'labour',
          description: 'Screen swap',
          qty: 1,
          unitCents: 12000,
        });
        await this.call(tech, 'bench.transition', {
          id,
          version: await this.version(),
          to: 'awaiting_approval',
        });
        break;
      case 3:
        await this.call(counter, 'bench.approval', {
          ticketId: id,
          decision: 'approved',
          channel: 'phone',
        });
        await this.call(tech, 'bench.transition', {
          id,
          version: await this.version(),
          to: 'in_repair',
        });
        break;
      case 4: {
        const partId = this.partIds[Math.floor(Math.random() * this.partIds.length)];
        const tp = await this.call<{ id: number; version: number }>(tech, 'ticketParts.reserve', {
          ticketId: id,
          partId,
        });
        await this.call(tech, 'ticketParts.consume', { id: tp.id, version: tp.version });
        this.stage++;
        return { ack: 'part', id: String(tp.id) };
      }
      case 5: {
        const res = await this.call<{ status: string }>(tech, 'bench.transition', {
          id,
          version: await this.version(),
          to: 'quality_check',
        });
        // Sampling: a repair not picked for inspection goes straight to ready.
        this.stage += res.status === 'ready' ? 2 : 1;
        return { ack: 'transition', id: `${this.number}:quality_check` };
      }
      case 6:
        await this.call(inspector, 'qc.record', {
          ticketId: id,
          version: await this.version(),
          procedure: 90,
          effectiveness: 92,
          communication: 88,
        });
        break;
      case 7: {
        const quote = await this.call<{ dueCents: number }>(counter, 'pickup.quote', {
          ticketId: id,
        });
        const res = await this.call<PickupResult>(counter, 'pickup.complete', {
          ticketId: id,
          version: await this.version(),
          idempotencyKey: `${this.key}-pickup`,
          payments: [{ method: 'cash', amountCents: quote.dueCents }],
          signature: SIGNATURE,
        });
        this.stage++;
        return { ack: 'invoice', id: res.invoice.number };
      }
      default:
        return { done: true };
    }
    this.stage++;
    return { ack: 'transition', id: `${this.number}:${this.stage}` };
  }
}
