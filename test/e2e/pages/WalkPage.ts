import type { Page, Response } from 'playwright-core';

export type Lang = 'en' | 'zh';

/**
 * Latin words a Chinese screen may show that are not data: brands, codes and keys a Chinese shop
 * uses as they are. Keep it short; anything else English on a Chinese screen is a missed string.
 */
export const ZH_ALLOWED_WORDS = new Set(
  [
    'English', // the language switch names each language in itself
    'dev', // a serial port's path given as an example (/dev/ttyUSB0)
    'ttyUSB',
    'Ctrl',
    'Alt',
    'Shift',
    'Enter',
    'Esc',
    'Tab',
    'PIN',
    'SKU',
    'IMEI',
    'NPS',
    'QC',
    'RMA',
    'PDF',
    'CSV',
    'ZPL',
    'ESC',
    'POS',
    'USB',
    'OLED',
    'LCD',
    'SSD',
    'GB',
    'MB',
    'KB',
    'ID',
    'PNG',
    'JPEG',
    'WebP',
    'Wi',
    'Fi',
    'WeChat',
    'Alipay',
    'App',
    'YYYY', // a date field's format hint
    'JSON',
    'UTF',
    'BOM',
    'Excel',
    'dpi',
    // Message channels: the mail protocols and the SMS providers' own names for their keys.
    'SMTP',
    'STARTTLS',
    'TLS',
    'SMS',
    'Twilio',
    'SID',
    'AccessKey',
    'API',
    // Settings → About names the database engines by their product names.
    'SQLite',
    'PostgreSQL',
  ].map((w) => w.toLowerCase()),
);

/** Commands a screen names as they are typed. */
const ZH_ALLOWED_PHRASES = [
  'npm run emulate',
  // The parts CSV's column names and the exports folder are typed as they are.
  'sku, barcodes, name, category, models, bin, cost, price, reorder_point, reorder_qty, supplier, serial_tracked, active',
  'exports',
];

export interface Finding {
  state: string;
  kind: string;
  detail: string;
}

/** What the browser reports while the walk goes on: console errors, page errors, refused calls. */
export class WalkRecorder {
  readonly findings: Finding[] = [];
  state = 'start';

  constructor(page: Page) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.add('console.error', m.text());
    });
    page.on('pageerror', (e) => this.add('pageerror', e.message));
    page.on('response', (r: Response) => {
      const url = new URL(r.url());
      // The walk causes no error: every 4xx/5xx is one the user did not ask for.
      if (r.status() >= 400) this.add(`http ${r.status()}`, url.pathname);
    });
  }

  add(kind: string, detail: string) {
    this.findings.push({ state: this.state, kind, detail: detail.slice(0, 300) });
  }
}

interface PageFacts {
  keys: string[];
  placeholders: string[];
  english: string[];
  overflowX: boolean;
  cut: string[];
  belowFold: string[];
  forbiddenShown: number;
  emptyShown: number;
}

/**
 * Reads the screen as a person sees it: visible text nodes only (inputs' values are the user's),
 * the layout at the top of the page, and the primary (filled) buttons.
 */
function readPage(args: {
  lang: Lang;
  allowed: string[];
  phrases: string[];
  data: string[];
}): PageFacts {
  const allowed = new Set(args.allowed);
  const data = new Set(args.data);
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0.05;
  };
  const texts: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const v = n.nodeValue?.trim();
    const parent = n.parentElement;
    if (!v || !parent || parent.closest('script,style,noscript,[data-walk-skip]')) continue;
    if (!visible(parent)) continue;
    texts.push(v);
  }
  // Attributes a person reads too.
  for (const el of Array.from(document.querySelectorAll('[placeholder],[aria-label],[title]'))) {
    if (!visible(el)) continue;
    for (const a of ['placeholder', 'aria-label', 'title']) {
      const v = el.getAttribute(a);
      if (v) texts.push(v);
    }
  }
  const keyRe = /\b[a-z]+(\.[a-zA-Z]+)+\b/g;
  const keys = new Set<string>();
  const placeholders = new Set<string>();
  const english = new Set<string>();
  for (const tx of texts) {
    for (const m of tx.matchAll(keyRe)) {
      const around = tx.slice(Math.max(0, m.index - 1), m.index + m[0].length + 6);
      if (m[0] === 'e.g') continue;
      if (!/\.(com|cn|net|org|sqlite|json|csv|png|pdf|jpg|jpeg|txt|zpl|bin)\b|@/i.test(around))
        keys.add(m[0]);
    }
    for (const m of tx.matchAll(/\{\{\s*[\w.]+\s*\}\}/g)) placeholders.add(`${m[0]} in "${tx}"`);
    if (args.lang === 'zh') {
      let plain = tx;
      for (const p of args.phrases) plain = plain.split(p).join(' ');
      // Message-template fields ({name}) and file paths are not words.
      plain = plain.replace(/\{\w+\}/g, ' ').replace(/(^|\s)\/[^\s]*/g, ' ');
      for (const m of plain.matchAll(/[A-Za-z][A-Za-z'’-]{2,}/g)) {
        const w = m[0].toLowerCase().replace(/['’-].*$/, '');
        if (allowed.has(w) || data.has(w) || w.length < 3) continue;
        english.add(`${m[0]} in "${tx.slice(0, 80)}"`);
      }
    }
  }
  const doc = document.scrollingElement ?? document.documentElement;
  const overflowX = doc.scrollWidth > doc.clientWidth + 1;
  // Text cut short in headers, tabs, badges, nav and buttons.
  const cut: string[] = [];
  const heads = document.querySelectorAll(
    'th, h1, h2, h3, h4, h5, h6, .mantine-Badge-label, .mantine-Tabs-tabLabel, .mantine-NavLink-label, .mantine-Button-label, .mantine-SegmentedControl-label, .mantine-Title-root',
  );
  for (const el of Array.from(heads)) {
    if (!visible(el)) continue;
    const h = el as HTMLElement;
    const s = getComputedStyle(h);
    const clips =
      s.textOverflow === 'ellipsis' || s.overflow === 'hidden' || s.overflowX === 'hidden';
    if (clips && h.scrollWidth > h.clientWidth + 1) cut.push(h.innerText.slice(0, 60));
  }
  // Bold text cut with an ellipsis is a heading or a name (column headers, a staff name), unless
  // a title gives the whole of it on hover.
  for (const el of Array.from(document.querySelectorAll('body *'))) {
    const h = el as HTMLElement;
    if (h.children.length > 0 || !h.innerText) continue;
    const s = getComputedStyle(h);
    if (s.textOverflow !== 'ellipsis' || Number(s.fontWeight) < 600) continue;
    if (h.scrollWidth <= h.clientWidth + 1 || !visible(h) || h.closest('[title]')) continue;
    cut.push(h.innerText.slice(0, 60));
  }
  // A filled button out of sight with no way to reach it from the keyboard.
  const belowFold: string[] = [];
  for (const el of Array.from(
    document.querySelectorAll(
      'button.mantine-Button-root[data-variant="filled"], button.mantine-Button-root:not([data-variant])',
    ),
  )) {
    const b = el as HTMLButtonElement;
    if (!visible(b) || b.disabled) continue;
    if (b.closest('[role="dialog"]') && !b.closest('.mantine-Drawer-root,.mantine-Modal-root'))
      continue;
    const r = b.getBoundingClientRect();
    // Inside a scrolled drawer or modal the fold is its own box.
    const box = b.closest('.mantine-Drawer-body, .mantine-Modal-body');
    const bottom = box ? Math.min(box.getBoundingClientRect().bottom, innerHeight) : innerHeight;
    if (r.top < bottom) continue;
    const shortcut =
      b.hasAttribute('aria-keyshortcuts') ||
      b.querySelector('kbd') !== null ||
      (b.type === 'submit' && b.form !== null);
    if (!shortcut) belowFold.push(b.innerText.trim().slice(0, 60));
  }
  const isShown = (sel: string) =>
    Array.from(document.querySelectorAll(sel)).filter((e) => visible(e)).length;
  return {
    keys: [...keys],
    placeholders: [...placeholders],
    english: [...english],
    overflowX,
    cut,
    belowFold,
    forbiddenShown: isShown('[data-testid="query-error"][data-code="FORBIDDEN"]'),
    emptyShown: isShown('[data-testid="query-empty"]'),
  };
}

/** The walk's eyes and hands: open things, wait for them to settle, and read the screen. */
export class WalkPage {
  constructor(
    readonly page: Page,
    readonly rec: WalkRecorder,
    private readonly dataWords: string[],
  ) {}

  /** Waits until no loader spins and no call is in flight. */
  async settle() {
    await this.page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
    await this.page
      .waitForFunction(
        () =>
          !Array.from(
            document.querySelectorAll('[data-testid="query-loading"], .mantine-Loader-root'),
          ).some((e) => (e as HTMLElement).offsetParent !== null),
        undefined,
        { timeout: 15_000 },
      )
      .catch(() => this.rec.add('stuck', 'a loader still spins after 15 s'));
  }

  /** Reads the screen and records what a person would trip over. */
  async check(state: string, lang: Lang) {
    this.rec.state = state;
    await this.settle();
    const f = await this.page.evaluate(readPage, {
      lang,
      allowed: [...ZH_ALLOWED_WORDS],
      phrases: ZH_ALLOWED_PHRASES,
      data: this.dataWords,
    });
    for (const k of f.keys) this.rec.add('i18n key on screen', k);
    for (const p of f.placeholders) this.rec.add('unfilled placeholder', p);
    for (const e of f.english) this.rec.add('English on a Chinese screen', e);
    if (f.overflowX) this.rec.add('horizontal overflow', 'the page scrolls sideways');
    for (const c of f.cut) this.rec.add('text cut off', c);
    for (const b of f.belowFold) this.rec.add('primary button below the fold', b);
    if (f.forbiddenShown) this.rec.add('refused on a reachable screen', 'FORBIDDEN shown');
  }

  async screenshot(file: string) {
    await this.page.screenshot({ path: file });
  }

  /** The visible navigation entries, in order. */
  async navScreens(): Promise<string[]> {
    return this.page
      .locator('[data-testid^="nav-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice(4)));
  }

  /** Visible tabs on the current screen (by test id), first-level only. */
  async tabs(): Promise<string[]> {
    return this.page
      .locator('[role="tab"][data-testid]')
      .evaluateAll((els) =>
        els
          .filter((e) => (e as HTMLElement).offsetParent !== null)
          .map((e) => e.getAttribute('data-testid')!),
      );
  }

  /** Escape closes a drawer or dialog (twice at most: the first may close a dropdown). */
  async closeOverlay() {
    const overlay = this.page.locator('.mantine-Drawer-content, .mantine-Modal-content').first();
    for (let i = 0; i < 2; i++) {
      await this.page.keyboard.press('Escape');
      const gone = await overlay
        .waitFor({ state: 'detached', timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (gone) return;
    }
    this.rec.add('dialog stays open', 'Escape does not close it');
    await this.page.locator('.mantine-Modal-close, .mantine-Drawer-close').first().click();
    await overlay.waitFor({ state: 'detached', timeout: 10_000 });
  }
}
