import type { CallMeta } from '../api/dispatcher';
import type { Workstation } from '../app';
import { OPEN_STATUSES } from '../api/schemas/common';
import { Customer, Device, EstimateLine, Ticket, TicketEvent, WorkLog } from '../db/entities';
import { IsNull } from 'typeorm';
import { sectionCall } from './bench-ctx';
import { measure, type BenchLine } from './bench-measure';
import type { RawDb } from './bench-raw-db';

interface Ctx {
  ws: Workstation;
  raw: RawDb;
  meta: CallMeta;
  n: number;
  warm: number;
  want: (name: string) => boolean;
  print: (line: BenchLine) => void;
}

/** The repair bench's hot paths: the board (every column's first page), one ticket's detail, one move. */
export async function benchWorkflow({
  ws,
  raw: rawDb,
  meta,
  n,
  warm,
  want,
  print,
}: Ctx): Promise<void> {
  const raw = rawDb.sql;
  const ds = ws.services.dataSource;
  const call = sectionCall(ws, meta);
  const marks = OPEN_STATUSES.map(() => '?').join(',');
  const open = (await raw.get<{ n: number }>(
    `SELECT count(*) AS n FROM ticket WHERE status IN (${marks})`,
    ...OPEN_STATUSES,
  ))!.n;
  console.error(`bench: ${open} open tickets on the board`);

  if (want('bench.queue')) {
    // The board as the bench loads it: every open status's first 12 cards (Received newest
    // first, the rest by due time) and each column's count. Raw does the same work by hand,
    // the counts read where the ticket triggers keep them as the app reads them; naive counts.
    const PER = 12;
    const orderOf = (st: string) =>
      st === 'received' ? 'received_at DESC, id DESC' : 'promised_at, id';
    const pages = OPEN_STATUSES.map(
      (st, i) =>
        `SELECT id FROM (SELECT id FROM ticket WHERE status = '${st}' ORDER BY ${orderOf(st)} LIMIT ${PER}) AS c${i}`,
    ).join(' UNION ALL ');
    const page = `WITH page AS (${pages})
       SELECT t.*, c.name, d.brand, d.model, s.name AS assignee FROM page JOIN ticket t ON t.id = page.id
       JOIN customer c ON c.id = t.customer_id JOIN device d ON d.id = t.device_id
       LEFT JOIN staff s ON s.id = t.assigned_to`;
    const counts = `SELECT status, sum(n) AS n FROM ticket_status_count WHERE status IN (${marks}) GROUP BY status`;
    const repo = ds.getRepository(Ticket);
    print(
      await measure('bench.queue', n, warm, {
        app: () => () => call('bench.queue', { view: 'all', perColumn: PER }),
        raw: () => async () => [await raw.all(counts, ...OPEN_STATUSES), await raw.all(page)],
        naive: () => async () => {
          const out = [];
          for (const status of OPEN_STATUSES) {
            const order =
              status === 'received'
                ? { receivedAt: 'DESC' as const, id: 'DESC' as const }
                : { promisedAt: 'ASC' as const, id: 'ASC' as const };
            out.push([
              await repo.count({ where: { status } }),
              await repo.find({ where: { status }, order, take: PER }),
            ]);
          }
          return out;
        },
      }),
    );
  }

  const ids = (
    await raw.all<{ id: number }>(
      `SELECT id FROM ticket WHERE status IN (${marks}) ORDER BY random() LIMIT ?`,
      ...OPEN_STATUSES,
      n + warm,
    )
  ).map((r) => r.id);
  if (want('ticket.detail') && ids.length) {
    const one =
      'SELECT t.*, c.name, d.brand, d.model FROM ticket t JOIN customer c ON c.id = t.customer_id JOIN device d ON d.id = t.device_id WHERE t.id = ?';
    const events = 'SELECT * FROM ticket_event WHERE ticket_id = ? ORDER BY at, id';
    const lines = 'SELECT * FROM estimate_line WHERE ticket_id = ? AND removed_at IS NULL';
    const work = 'SELECT * FROM work_log WHERE ticket_id = ?';
    print(
      await measure('ticket.detail', n, warm, {
        app: (i) => () => call('bench.detail', { id: ids[i % ids.length] }),
        raw: (i) => async () => {
          const id = ids[i % ids.length];
          return [
            await raw.get(one, id),
            await raw.all(events, id),
            await raw.all(lines, id),
            await raw.all(work, id),
          ];
        },
        // naive: the same rows through repositories, one query per table (no hand-written join).
        naive: (i) => async () => {
          const id = ids[i % ids.length];
          const t = await ds.getRepository(Ticket).findOneByOrFail({ id });
          return Promise.all([
            ds.getRepository(Customer).findOneBy({ id: t.customerId }),
            ds.getRepository(Device).findOneBy({ id: t.deviceId }),
            ds
              .getRepository(TicketEvent)
              .find({ where: { ticketId: id }, order: { at: 'ASC', id: 'ASC' } }),
            ds.getRepository(EstimateLine).findBy({ ticketId: id, removedAt: IsNull() }),
            ds.getRepository(WorkLog).findBy({ ticketId: id }),
          ]);
        },
      }),
    );
  }

  if (want('ticket.transition')) {
    // Put-on-hold and resume on received tickets: a real move each time, leaving the data as found.
    const received = (
      await raw.all<{ id: number }>(
        "SELECT id FROM ticket WHERE status = 'received' LIMIT ?",
        n + warm,
      )
    ).map((r) => r.id);
    const rawMove = async (id: number, from: string, to: string) => {
      await raw.run('BEGIN');
      try {
        await raw.run(
          'UPDATE ticket SET status = ?, version = version + 1, updated_at = ? WHERE id = ? AND status = ?',
          to,
          Date.now(),
          id,
          from,
        );
        await raw.run(
          "INSERT INTO ticket_event (ticket_id, kind, from_status, to_status, note, staff_id, at) VALUES (?, 'status', ?, ?, 'bench', NULL, ?)",
          id,
          from,
          to,
          Date.now(),
        );
        await raw.run('COMMIT');
      } catch (err) {
        await raw.run('ROLLBACK');
        throw err;
      }
    };
    let step = 0;
    print(
      await measure('ticket.transition', n, warm, {
        app: (i) => async () => {
          const id = received[i % received.length];
          const { version } = (await raw.get<{ version: number }>(
            'SELECT version FROM ticket WHERE id = ?',
            id,
          ))!;
          await call('bench.transition', { id, version, to: 'on_hold', reason: 'bench' });
          await call('bench.transition', { id, version: version + 1, to: 'received' });
        },
        raw: (i) => async () => {
          const id = received[(i + 1) % received.length];
          await rawMove(id, 'received', 'on_hold');
          await rawMove(id, 'on_hold', 'received');
        },
        naive: (i) => async () => {
          const id = received[(i + 2) % received.length];
          const repo = ds.getRepository(Ticket);
          step++;
          await repo.update(id, { status: 'on_hold', updatedAt: step });
          await ds
            .getRepository(TicketEvent)
            .insert({
              ticketId: id,
              kind: 'status',
              fromStatus: 'received',
              toStatus: 'on_hold',
              note: 'bench',
              staffId: null,
              at: step,
            });
          await repo.update(id, { status: 'received', updatedAt: step });
          await ds
            .getRepository(TicketEvent)
            .insert({
              ticketId: id,
              kind: 'status',
              fromStatus: 'on_hold',
              toStatus: 'received',
              note: 'bench',
              staffId: null,
              at: step,
            });
        },
      }),
    );
    console.error('bench: ticket.transition figures are for two moves (hold, then resume)');
  }
}
