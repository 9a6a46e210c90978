import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed, type SeedStaff } from '../../main/cli/seed';
import { seedParts } from '../../main/cli/seed-parts';
import { seedPickup } from '../../main/cli/seed-pickup';
import { ROLES, type Role } from '../../main/api/permissions';
import { SETTINGS } from '../../main/domain/settings/definitions';
import { launchChromium, RESULTS_DIR, startHarness, type Harness } from './harness';
import { SignInPage } from './pages/SignInPage';
import { ShellPage } from './pages/ShellPage';
import { WalkPage, WalkRecorder, type Finding, type Lang } from './pages/WalkPage';

/**
 * The walk: every role signs in on a seeded shop at 1366×768 and opens every screen, tab, drawer
 * and dialog its navigation offers, in English and in Chinese, failing on what a person would
 * trip over (see WalkPage.check). Small enough for CI: a few hundred tickets, one browser.
 */

const VIEWPORT = { width: 1366, height: 768 };

/** What each role's navigation offers (main/api/permissions.ts decides; this says it plainly). */
const NAV: Record<Role, string[]> = {
  counter: ['intake', 'inventory', 'pickup', 'reports', 'settings', 'messages'],
  technician: ['bench', 'inventory', 'reports', 'settings'],
  inspector: ['bench', 'inventory', 'reports', 'settings'],
  manager: ['intake', 'bench', 'inventory', 'pickup', 'reports', 'settings', 'messages'],
  admin: ['intake', 'bench', 'inventory', 'pickup', 'reports', 'settings', 'messages'],
};

/**
 * Findings in screens other issues are rebuilding (issue 11 item 2: the bench board), reported
 * there and printed here; delete an entry once its screen is fixed. Anything else fails.
 */
// Findings owned by another open issue, each named here with its reason; empty since the bench
// board's headers and badges fit at 1366 px.
const KNOWN_ELSEWHERE: Array<{ state: RegExp; kind: string; detail: RegExp }> = [];

/** Where each role starts; the admin of a shop never set up starts on the setup step (no nav). */
const FIRST: Record<Role, string | null> = {
  counter: 'intake',
  technician: 'bench',
  inspector: 'bench',
  manager: 'bench',
  admin: null,
};

/** A drawer or dialog reachable from a tab: what to click, and what must then be on screen. */
interface Opener {
  name: string;
  click: string;
  expect: string;
}

/** Keyed by the tab's (or, without tabs, the screen's) test id. */
const OPENERS: Record<string, Opener[]> = {
  'nav-bench': [
    {
      name: 'bench drawer',
      click: '[data-testid^="bench-card-"]',
      expect: '.mantine-Drawer-content',
    },
  ],
  'inv-tab-parts': [
    {
      name: 'part drawer',
      click: '[data-testid^="part-row-"]',
      expect: '[data-testid="part-detail"]',
    },
    { name: 'new part', click: '[data-testid="part-new"]', expect: '.mantine-Modal-content' },
  ],
  'inv-tab-orders': [
    { name: 'new order', click: '[data-testid="po-new"]', expect: '[data-testid="po-editor"]' },
  ],
  'inv-tab-suppliers': [
    {
      name: 'new supplier',
      click: '[data-testid="supplier-add"]',
      expect: '[data-testid="supplier-form"]',
    },
  ],
  'tab-callbacks': [
    {
      name: 'callback dialog',
      click: '[data-testid="callback-open"]',
      expect: '[data-testid="callback-form"]',
    },
  ],
  'reports-tab-knowledge': [
    {
      name: 'article',
      click: '[data-testid="kb-hit"]',
      expect: '.mantine-Drawer-content, .mantine-Modal-content',
    },
    { name: 'new article', click: '[data-testid="kb-new"]', expect: '[data-testid="kb-editor"]' },
  ],
  'nav-settings': [
    { name: 'new device', click: '[data-testid="device-add"]', expect: '.mantine-Modal-content' },
  ],
};

const SCREEN_READY: Record<string, string> = {
  intake: '[data-testid="intake-form"]',
  bench: '[data-testid="bench-page"]',
  inventory: '[data-testid="inventory-page"]',
  pickup: '[data-testid="pickup-page"]',
  reports: '[data-testid="reports-page"]',
  settings: '[data-testid="settings-page"]',
  messages: '[data-testid="messages-page"]',
};

/** Latin words of the seeded shop's own data (names, models, parts, suppliers, articles). */
function dataWords(dataDir: string): string[] {
  const db = new Database(path.join(dataDir, 'workstation.sqlite'), { readonly: true });
  // Settings values are the shop's own words (its name, terms, message templates).
  const skip = /^(audit|migration|print_job|sqlite|kb_fts|ticket_fix_fts|kpi_)/;
  const words = new Set<string>();
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all() as Array<{ name: string }>;
    for (const { name } of tables) {
      if (skip.test(name)) continue;
      const cols = (
        db.prepare(`PRAGMA table_info("${name}")`).all() as Array<{
          name: string;
          type: string;
        }>
      ).filter((c) => /CHAR|TEXT|CLOB/i.test(c.type) || c.type === '');
      for (const c of cols) {
        const rows = db
          .prepare(
            `SELECT DISTINCT "${c.name}" AS v FROM "${name}" WHERE typeof("${c.name}") = 'text' LIMIT 3000`,
          )
          .all() as Array<{ v: string }>;
        for (const { v } of rows)
          for (const w of v.match(/[A-Za-z]{3,}/g) ?? []) words.add(w.toLowerCase());
      }
    }
  } finally {
    db.close();
  }
  // Settings not yet changed are their defaults: the shop's name, terms and templates.
  const strings = (v: unknown): string[] =>
    typeof v === 'string'
      ? [v]
      : v && typeof v === 'object'
        ? Object.values(v as Record<string, unknown>).flatMap(strings)
        : [];
  for (const d of Object.values(SETTINGS))
    for (const v of strings(d.default))
      for (const w of v.match(/[A-Za-z]{3,}/g) ?? []) words.add(w.toLowerCase());
  return [...words];
}

describe('the walk: every role, every screen, English and Chinese, 1366×768', () => {
  let harness: Harness;
  let browser: Browser;
  let staff: SeedStaff[] = [];
  let words: string[] = [];
  let lastTicket = '';
  const all: Finding[] = [];

  beforeAll(async () => {
    harness = await startHarness({
      async prepare(dataDir) {
        const s = await seed({ dataDir, tickets: 300, seed: 3 });
        staff = s.staff;
        lastTicket = s.lastNumber!;
        await seedParts({ dataDir, parts: 40, movements: 400, seed: 3 });
        await seedPickup({ dataDir, staff, seed: 3 });
      },
    });
    const manager = staff.find((s) => s.role === 'manager')!;
    const { token } = await harness.api<{ token: string }>('auth.login', {
      name: manager.name,
      pin: manager.pin,
    });
    for (const a of [
      {
        title: 'iPhone 13 does not charge',
        symptoms: 'No charging icon; the cable wiggles in the port.',
        cause: 'Lint in the charging port.',
        steps: ['Clean the port with a plastic pick', 'Try a known good cable'],
        models: ['iPhone 13'],
        tags: ['charging'],
      },
      {
        title: '华为 Mate 60 Pro 黑屏',
        symptoms: '开机有震动但屏幕不亮。',
        cause: '屏幕排线松动。',
        steps: ['拆机重新插好屏幕排线', '测试显示'],
        models: ['Mate 60 Pro'],
        tags: ['黑屏'],
      },
    ])
      await harness.api('kb.save', a, token);
    words = dataWords(harness.dataDir);
    browser = await launchChromium();
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    if (all.length) {
      fs.writeFileSync(path.join(RESULTS_DIR, 'walk-findings.json'), JSON.stringify(all, null, 2));
    }
  });

  async function walkRole(role: Role) {
    const who = staff.find((s) => s.role === role && s.pin);
    if (!who) throw new Error(`no seeded ${role}`);
    const context: BrowserContext = await browser.newContext({ viewport: VIEWPORT });
    const page: Page = await context.newPage();
    const rec = new WalkRecorder(page);
    const walk = new WalkPage(page, rec, words);
    const signIn = new SignInPage(page);
    try {
      await signIn.open(harness.url);
      // The sign-in screen, in both languages, with every seeded name on it.
      for (const lang of ['zh', 'en'] as Lang[]) {
        await page.getByTestId(`lang-${lang}`).click();
        await walk.check(`${role}/${lang}/sign-in`, lang);
      }
      await signIn.signIn(who.name, who.pin!);
      // The navigation offers exactly what the role matrix allows.
      expect(await walk.navScreens()).toEqual(NAV[role]);
      // The first screen (or the admin's setup step) once the shell knows which it is.
      await page
        .locator('[data-testid="shop-setup"], [data-testid^="nav-"][data-active]')
        .first()
        .waitFor();
      const first = await page
        .locator('[data-testid^="nav-"][data-active]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice(4)));
      expect(first).toEqual([FIRST[role]].filter(Boolean));
      for (const lang of ['en', 'zh'] as Lang[]) {
        // Back to the role's first screen (a reload starts the shell afresh; the session stays).
        if (lang !== 'en') {
          await page.reload();
          await page.getByTestId('app-ready').waitFor();
        }
        await page.getByRole('banner').getByTestId(`lang-${lang}`).click();
        await walk.check(`${role}/${lang}/first screen`, lang);
        await walk.screenshot(path.join(RESULTS_DIR, `walk-first-${role}-${lang}.png`));
        for (const screen of await walk.navScreens()) {
          await page.getByTestId(`nav-${screen}`).click();
          await page.locator(SCREEN_READY[screen]).first().waitFor();
          const tabs = await walk.tabs();
          const stops = tabs.length ? tabs : [`nav-${screen}`];
          for (const stop of stops) {
            if (stop !== `nav-${screen}`) await page.getByTestId(stop).click();
            const here = `${role}/${lang}/${screen}${stop === `nav-${screen}` ? '' : `/${stop}`}`;
            await walk.check(here, lang);
            for (const o of [
              ...(OPENERS[stop] ?? []),
              ...(stop === `nav-${screen}` ? [] : (OPENERS[`nav-${screen}`] ?? [])),
            ]) {
              const target = page.locator(o.click).first();
              if (!(await target.isVisible())) continue;
              await target.click();
              await page.locator(o.expect).first().waitFor();
              await walk.check(`${here} → ${o.name}`, lang);
              await walk.closeOverlay();
            }
          }
        }
        // Global: the print queue and the search.
        await page.getByTestId('print-queue-open').click();
        await page.getByTestId('print-queue-panel').waitFor();
        await walk.check(`${role}/${lang}/print queue`, lang);
        await walk.closeOverlay();
        const shell = new ShellPage(page);
        const hit = await shell.searchTicket(lastTicket, lastTicket);
        await walk.check(`${role}/${lang}/search`, lang);
        await hit.click();
        await page.getByTestId('ticket-tab-summary').waitFor();
        for (const tab of ['ticket-tab-summary', 'ticket-tab-timeline', 'ticket-tab-print']) {
          await page.getByTestId(tab).click();
          await walk.check(`${role}/${lang}/ticket drawer/${tab}`, lang);
        }
        await walk.closeOverlay();
      }
    } finally {
      all.push(...rec.findings);
      await context.close();
    }
    return rec.findings;
  }

  for (const role of ROLES) {
    it(`${role}: every screen, tab, drawer and dialog is clean`, async () => {
      const t0 = Date.now();
      const findings = await walkRole(role);
      console.log(
        `walk ${role}: ${((Date.now() - t0) / 1000).toFixed(1)} s, ${findings.length} findings`,
      );
      const known = (f: Finding) =>
        KNOWN_ELSEWHERE.some(
          (k) => k.kind === f.kind && k.state.test(f.state) && k.detail.test(f.detail),
        );
      const elsewhere = findings.filter(known);
      if (elsewhere.length)
        console.warn(`walk ${role}: ${elsewhere.length} known findings owned by other issues`);
      const line = (f: Finding) => `${f.state}: ${f.kind}: ${f.detail}`;
      expect(findings.filter((f) => !known(f)).map(line)).toEqual([]);
    });
  }
});
