import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { RESULTS_DIR, createStaff, launchChromium, startHarness, type Harness } from './harness';
import { SignInPage } from './pages/SignInPage';
import { ShellPage } from './pages/ShellPage';
import { BenchPage } from './pages/BenchPage';
import { BenchDetailPage } from './pages/BenchDetailPage';

const TECH = { name: 'Photo Tech', role: 'technician', pin: '3579' };
const COUNTER = { name: 'Photo Counter', role: 'counter', pin: '1357' };

interface Photo {
  id: number;
  mime: string;
  width: number;
  height: number;
  sizeBytes: number;
  caption: string | null;
}

describe('photos on the bench detail', () => {
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let bench: BenchPage;
  let detail: BenchDetailPage;
  let ticket: { id: number; number: string };
  let token: string;
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-photo-files-'));
  const shot = (name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, name), fullPage: true, animations: 'disabled' });
  const photos = () => harness.api<Photo[]>('photos.list', { ticketId: ticket.id }, token);

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    harness = await startHarness();
    await createStaff(harness, [COUNTER, TECH]);
    const counter = (
      await harness.api<{ token: string }>('auth.login', { name: COUNTER.name, pin: COUNTER.pin })
    ).token;
    token = (await harness.api<{ token: string }>('auth.login', { name: TECH.name, pin: TECH.pin }))
      .token;
    ticket = (
      await harness.api<{ ticket: { id: number; number: string } }>(
        'intake.commit',
        {
          idempotencyKey: 'photo-e2e',
          customer: { name: '周杰', phone: '13800000077', channel: 'our_store' },
          device: {
            type: 'phone',
            brand: 'Xiaomi',
            model: '14 Pro',
            purchaseDate: '2026-01-10',
            proof: 'invoice',
          },
          ticket: {
            category: 'fault',
            priority: 'normal',
            serviceMode: 'carry_in',
            problem: 'Back glass cracked; 后盖碎裂',
            accessories: [],
            conditionNotes: '',
            backupAck: true,
            exclusion: 'none',
            estimateCents: 0,
            depositCents: 0,
          },
        },
        counter,
      )
    ).ticket;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.setDefaultTimeout(30_000);
    bench = new BenchPage(page);
    detail = new BenchDetailPage(page);
    // A 2000×1400 camera-sized picture (noise does not compress), made by the browser itself.
    const big = await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 2000;
      c.height = 1400;
      const g = c.getContext('2d')!;
      const img = g.createImageData(c.width, c.height);
      for (let i = 0; i < img.data.length; i++) img.data[i] = (i * 2654435761) >>> 24;
      g.putImageData(img, 0, 0);
      g.fillStyle = '#c00';
      g.fillRect(800, 500, 400, 300);
      return c.toDataURL('image/png');
    });
    fs.writeFileSync(path.join(files, 'IMG_2041.png'), Buffer.from(big.split(',')[1], 'base64'));
    fs.writeFileSync(path.join(files, 'notes.txt'), 'not a photo');
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    fs.rmSync(files, { recursive: true, force: true });
  });

  it('attaches a camera-sized photo, shrunk to 1600 px JPEG, with its caption', async () => {
    expect(fs.statSync(path.join(files, 'IMG_2041.png')).size).toBeGreaterThan(2 * 1024 * 1024);
    await new SignInPage(page).open(harness.url);
    await new SignInPage(page).signIn(TECH.name, TECH.pin);
    await bench.open();
    await bench.card(ticket.number).click();
    await detail.waitFor(ticket.number, 'received');
    await detail.byTestId('photo-caption').fill('Crack across the back glass');
    await detail
      .byTestId('photo-drop')
      .locator('input[type=file]')
      .setInputFiles(path.join(files, 'IMG_2041.png'));
    const [p] = await expect.poll(photos, { timeout: 15_000 }).toHaveLength(1).then(photos);
    expect(p).toMatchObject({
      mime: 'image/jpeg',
      width: 1600,
      height: 1120,
      caption: 'Crack across the back glass',
    });
    await detail.byTestId(`photo-thumb-${p.id}`).locator('img[src^="data:image/jpeg"]').waitFor();
    await expect(detail.byTestId('photos-panel').innerText()).resolves.toContain('Photos (1)');
    await detail.byTestId('bench-timeline').getByText('Photo added').waitFor();
    await shot('bench-photos-en.png');
  });

  it('opens the photo full size with who took it', async () => {
    const [p] = await photos();
    await detail.byTestId(`photo-thumb-${p.id}`).click();
    const viewer = page.getByTestId('photo-viewer');
    await viewer.getByText(`${TECH.name}`, { exact: false }).waitFor();
    await viewer.getByText('1600×1120').waitFor();
    await shot('bench-photo-viewer.png');
    await page.keyboard.press('Escape');
    await viewer.getByText('1600×1120').waitFor({ state: 'hidden' });
    await expect.poll(() => page.locator('.mantine-Modal-content').count()).toBe(0);
    // Escape closed the photo only; the ticket stays open under it.
    await expect(detail.root().isVisible()).resolves.toBe(true);
  });

  it('refuses a file that is not a picture with a translated message, and adds nothing', async () => {
    await page.keyboard.press('Escape');
    await detail.root().waitFor({ state: 'hidden' });
    await new ShellPage(page).switchLanguage('zh');
    await bench.card(ticket.number).click();
    await detail
      .byTestId('photo-drop')
      .locator('input[type=file]')
      .setInputFiles(path.join(files, 'notes.txt'));
    await detail.byTestId('photo-error').getByText('只能添加 JPEG、PNG 或 WebP 照片。').waitFor();
    await expect(photos()).resolves.toHaveLength(1);
    await detail.byTestId('photos-panel').getByText('照片（1）').waitFor();
    await shot('bench-photos-zh.png');
    await page.keyboard.press('Escape');
    await detail.root().waitFor({ state: 'hidden' });
    await new ShellPage(page).switchLanguage('en');
  });
});
