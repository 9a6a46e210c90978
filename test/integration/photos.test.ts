import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhotoDto, PhotoWithData, TicketDetail } from '../../main/api/contract';
import { photoPath, sha256Of } from '../../main/domain/photos/photo-store';
import { openTestShop, validWalkIn, type TestShop } from '../helpers/workstation';

// A real 1×1 PNG, and a JPEG header (SOI, APP0, SOF0 640×480) as a camera would start one.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.from(
  'ffd8ffe000104a46494600010100000100010000ffc000110801e0028003012200021101031101ffd9',
  'hex',
);

let shop: TestShop;
let tech: string;
let ticketId: number;
let otherTicketId: number;

const add = (token: string, input: Record<string, unknown>) =>
  shop.call(token, 'photos.add', {
    ticketId,
    fileName: 'front.png',
    ...input,
  }) as Promise<PhotoDto>;
const photoFiles = () => {
  const dir = path.join(shop.dataDir, 'photos');
  return fs.existsSync(dir)
    ? fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).length > 2)
    : [];
};
const written = () => ({
  rows: shop.count('ticket_photo'),
  files: photoFiles().length,
  audit: shop.count('audit_entry'),
});

beforeAll(async () => {
  shop = await openTestShop();
  tech = await shop.as('technician');
  const counter = await shop.as('counter');
  ticketId = (
    (await shop.call(counter, 'intake.commit', validWalkIn())) as { ticket: { id: number } }
  ).ticket.id;
  otherTicketId = (
    (await shop.call(counter, 'intake.commit', validWalkIn())) as { ticket: { id: number } }
  ).ticket.id;
});
afterAll(() => shop.close());

describe('photos on a ticket', () => {
  let first: PhotoDto;

  it('stores a PNG in the data folder and lists it with who added it', async () => {
    first = await add(tech, { dataBase64: PNG.toString('base64'), caption: 'Cracked corner' });
    expect(first).toMatchObject({
      ticketId,
      mime: 'image/png',
      width: 1,
      height: 1,
      sizeBytes: PNG.length,
    });
    expect(first).toMatchObject({
      fileName: 'front.png',
      caption: 'Cracked corner',
      staffName: 'Test technician',
    });
    expect(fs.readFileSync(photoPath(shop.dataDir, sha256Of(PNG)))).toEqual(PNG);
    const list = (await shop.call(tech, 'photos.list', { ticketId })) as PhotoDto[];
    expect(list.map((p) => p.id)).toEqual([first.id]);
  });

  it('gives the picture back byte for byte, to any signed-in role that reads tickets', async () => {
    const counter = await shop.as('counter');
    const got = (await shop.call(counter, 'photos.get', { id: first.id })) as PhotoWithData;
    expect(got.dataUrl.startsWith('data:image/png;base64,')).toBe(true);
    expect(Buffer.from(got.dataUrl.split(',')[1], 'base64')).toEqual(PNG);
  });

  it('puts the photo on the timeline and in the audit log', async () => {
    const detail = (await shop.call(tech, 'tickets.get', { id: ticketId })) as TicketDetail;
    expect(detail.timeline.some((e) => e.kind === 'photo' && e.note === 'Cracked corner')).toBe(
      true,
    );
    const audit = await shop.sql.all(
      "SELECT entity_id FROM audit_entry WHERE action = 'photos.add' AND outcome = 'success'",
    );
    expect(audit).toEqual([{ entity_id: String(ticketId) }]);
  });

  it('keeps one file for the same picture on two tickets; reads a JPEG size from its header', async () => {
    const inspector = await shop.as('inspector');
    await shop.call(inspector, 'photos.add', {
      ticketId: otherTicketId,
      fileName: 'same.png',
      dataBase64: PNG.toString('base64'),
    });
    const jpeg = await add(tech, { fileName: 'IMG_0001.JPG', dataBase64: JPEG.toString('base64') });
    expect(jpeg).toMatchObject({ mime: 'image/jpeg', width: 640, height: 480 });
    expect(photoFiles()).toHaveLength(2);
    expect(shop.count('ticket_photo')).toBe(3);
  });

  it('refuses a document renamed to .jpg, by its bytes, and writes nothing', async () => {
    const before = written();
    const err = await shop.fail(tech, 'photos.add', {
      ticketId,
      fileName: 'invoice.jpg',
      dataBase64: Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n').toString('base64'),
    });
    expect(err).toMatchObject({ code: 'VALIDATION', details: { key: 'errors.photoType' } });
    expect(err.message).toMatch(/JPEG, PNG or WebP/);
    expect(written()).toEqual({ ...before, audit: before.audit + 1 });
  });

  it('refuses a photo over the size setting with the limit in the message', async () => {
    const admin = await shop.as('admin');
    await shop.call(admin, 'settings.update', { key: 'photo.maxBytes', value: 100_000 });
    const big = Buffer.concat([PNG, Buffer.alloc(150_000)]);
    const before = written();
    const err = await shop.fail(tech, 'photos.add', {
      ticketId,
      fileName: 'big.png',
      dataBase64: big.toString('base64'),
    });
    expect(err).toMatchObject({
      code: 'VALIDATION',
      details: { key: 'errors.photoTooLarge', params: { max: '0.1' } },
    });
    expect(written()).toEqual({ ...before, audit: before.audit + 1 });
    await shop.call(admin, 'settings.update', { key: 'photo.maxBytes', value: 3 * 1024 * 1024 });
  });

  it('refuses a photo for a ticket that does not exist, and base64 that is not base64', async () => {
    const before = written();
    const missing = await shop.fail(tech, 'photos.add', {
      ticketId: 999_999,
      fileName: 'x.png',
      dataBase64: PNG.toString('base64'),
    });
    expect(missing.code).toBe('NOT_FOUND');
    const garbage = await shop.fail(tech, 'photos.add', {
      ticketId,
      fileName: 'x.png',
      dataBase64: '<img src=x>',
    });
    expect(garbage).toMatchObject({ code: 'VALIDATION' });
    expect(written().rows).toBe(before.rows);
    expect(written().files).toBe(before.files);
  });

  it('lets a manager (not a technician) remove a photo with a reason; row and file stay', async () => {
    const denied = await shop.fail(tech, 'photos.remove', { id: first.id, reason: 'wrong ticket' });
    expect(denied.code).toBe('FORBIDDEN');
    const manager = await shop.as('manager');
    const noReason = await shop.fail(manager, 'photos.remove', { id: first.id, reason: '  ' });
    expect(noReason.code).toBe('VALIDATION');
    await shop.call(manager, 'photos.remove', {
      id: first.id,
      reason: 'Belongs to another customer',
    });
    const list = (await shop.call(tech, 'photos.list', { ticketId })) as PhotoDto[];
    expect(list.map((p) => p.id)).not.toContain(first.id);
    expect((await shop.fail(tech, 'photos.get', { id: first.id })).code).toBe('NOT_FOUND');
    const row = (await shop.sql.get<{ removed_reason: string }>(
      'SELECT removed_reason FROM ticket_photo WHERE id = ?',
      first.id,
    ))!;
    expect(row.removed_reason).toBe('Belongs to another customer');
    expect(fs.existsSync(photoPath(shop.dataDir, sha256Of(PNG)))).toBe(true);
  });
});
