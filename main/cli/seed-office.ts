import type { DatabaseTarget } from '../db/engine';
import { sqlOf } from '../db/sql';
import { sqliteTarget } from './seed-target';
import { createWorkstation, type Workstation } from '../app';
import type { SeedStaff } from './seed';

/**
 * The back office of a demo shop: knowledge-base articles for the common faults of the
 * catalogue's models, and purchase orders (a draft built from low stock, one ordered and partly
 * received). Written through the real API as the demo manager, so the audit trail, the stock
 * ledger and the serial units are what the app itself writes.
 */

export interface OfficeSeedResult {
  articles: number;
  purchaseOrders: number;
  receivedLines: number;
}

interface Article {
  title: string;
  symptoms: string;
  cause: string;
  steps: string[];
  models: string[];
  tags: string[];
}

/** Written like a senior technician's notes: both languages, the way the shop speaks. */
const ARTICLES: Article[] = [
  {
    title: 'Screen flickers or shows green lines after a drop / 摔后屏幕闪烁、绿线',
    symptoms:
      'Flicker, green or pink vertical lines, touch works. 屏幕闪烁，出现绿线或粉线，触摸正常。',
    cause: 'OLED panel cracked inside or display flex loose. OLED 内屏破裂或排线松动。',
    steps: [
      'Reseat the display connector and test again. 重新插拔屏幕排线后测试。',
      'If the lines stay, replace the OLED screen assembly. 线条仍在则更换 OLED 屏幕总成。',
      'Check Face ID / the proximity sensor after the swap. 更换后检查面容与距离感应。',
    ],
    models: ['iPhone 15 Pro', 'iPhone 14 Pro Max', 'Mate 60 Pro'],
    tags: ['screen', '屏幕', 'OLED'],
  },
  {
    title: 'Battery drains overnight / 电池一晚掉电快',
    symptoms: 'Loses 30 % or more in standby, hot at rest. 待机掉电 30% 以上，静置发热。',
    cause:
      'Worn battery (health under 80 %) or an app keeping the modem awake. 电池老化（健康度低于 80%）或应用后台常驻。',
    steps: [
      'Read battery health and cycle count. 查看电池健康度与循环次数。',
      'Check battery usage by app; offer a settings reset. 查看各应用耗电，建议重置设置。',
      'Below 80 %: replace the battery, calibrate with one full cycle. 低于 80% 更换电池并完整充放一次。',
    ],
    models: ['iPhone 13', 'iPhone 12', 'Xiaomi 13', 'Redmi Note 13 Pro'],
    tags: ['battery', '电池'],
  },
  {
    title: 'Does not charge or charges only at an angle / 不充电或需要斜插才能充',
    symptoms: 'Cable falls out, charging stops when moved. 充电线松动，一动就断充。',
    cause: 'Lint packed in the port or a worn charging-port flex. 尾插积尘或尾插排线磨损。',
    steps: [
      'Clean the port with a plastic pick and air. 用塑料挑针和气吹清理尾插。',
      'Test with a known-good cable at 5 V / 9 V. 用好线测试 5V/9V 充电。',
      'Still loose: replace the charging-port flex. 仍松动则更换尾插排线。',
    ],
    models: ['iPhone 11', 'iPhone 13', 'Redmi K70', 'nova 12'],
    tags: ['charging', '充电', '尾插'],
  },
  {
    title: 'Water damage: no power after liquid contact / 进水后不开机',
    symptoms: 'Dropped in water, dead or boot-looping. 进水后无法开机或反复重启。',
    cause:
      'Corrosion on the board around the power IC and connectors. 电源芯片和接口附近主板腐蚀。',
    steps: [
      'Do not charge. Open, disconnect the battery at once. 切勿充电，立即拆机断开电池。',
      'Ultrasonic clean the board, dry at 60 °C. 主板超声波清洗，60°C 烘干。',
      'Measure the main rails; quote a board repair or replacement. 测量主供电，报价主板维修或更换。',
      'Liquid damage is not covered by warranty: record the indicator. 进水不在保修范围，记录进水标签。',
    ],
    models: ['iPhone 15', 'Mate 60', 'Xiaomi 14'],
    tags: ['liquid', '进水', 'board'],
  },
  {
    title: 'Rear camera blurry or will not focus / 后置摄像头模糊、无法对焦',
    symptoms: 'Photos blurry, focus hunts, lens rattles. 拍照模糊，对焦来回跳，镜头异响。',
    cause: 'OIS module damaged by a drop, or cracked lens glass. 摔落导致防抖模组损坏或镜片破裂。',
    steps: [
      'Inspect the lens glass under light. 灯光下检查镜片。',
      'Cracked glass only: replace the lens cover. 仅镜片破裂则更换镜片。',
      'Focus still hunts: replace the rear camera. 仍对焦异常则更换后置摄像头。',
    ],
    models: ['iPhone 15 Pro', 'iPhone 16 Pro', 'P60 Pro', 'Pura 70'],
    tags: ['camera', '摄像头'],
  },
  {
    title: 'How to back up before a repair / 维修前如何备份数据',
    symptoms: 'Customer asks whether data is kept. 顾客询问维修是否保留数据。',
    cause: 'Consultation: repairs may need a reset. 咨询：部分维修需要恢复出厂。',
    steps: [
      'iPhone: iCloud backup or Finder/iTunes on a computer. 苹果：iCloud 或电脑 Finder/iTunes 备份。',
      'Huawei / Xiaomi: Cloud backup or the PC suite. 华为/小米：云备份或电脑助手。',
      'Have the customer tick the backup notice on the intake form. 请顾客在登记单上确认备份告知。',
    ],
    models: [],
    tags: ['consultation', '咨询', 'backup', '备份'],
  },
  {
    title: 'Laptop will not turn on, charger LED on / 笔记本不开机，充电灯亮',
    symptoms: 'No fan, no screen, the charger light is on. 风扇不转、无显示，充电指示灯亮。',
    cause:
      'Failed EC reset, dead RTC battery or a shorted rail. EC 未复位、主板电池没电或供电短路。',
    steps: [
      'Hold power 30 s with the battery and charger out. 拔电池和电源后长按开机键 30 秒。',
      'Replace the CMOS battery if under 2.8 V. 主板电池低于 2.8V 则更换。',
      'Measure the 19 V and 3.3 V rails for a short. 测量 19V、3.3V 供电是否短路。',
    ],
    models: ['MacBook Air M2', 'ThinkPad X1 Carbon Gen 11', 'ThinkPad T14'],
    tags: ['laptop', '笔记本', 'power'],
  },
  {
    title: 'Keyboard keys dead or repeating / 键盘按键失灵或连击',
    symptoms: 'Some keys do nothing or type twice. 部分按键无反应或连击。',
    cause: 'Spill under the keys or a worn keyboard flex. 键盘进液或排线老化。',
    steps: [
      'Test in the BIOS / a key tester to rule out software. 在 BIOS 或按键测试软件中排除软件问题。',
      'Clean the affected keys; if several in one row fail, replace the keyboard. 清洁问题按键；同一排多键失灵则更换键盘。',
    ],
    models: ['ThinkPad X1 Carbon Gen 11', 'MacBook Air M2'],
    tags: ['keyboard', '键盘'],
  },
];

interface LowPart {
  id: number;
  supplier_id: number;
  cost_cents: number;
  reorder_qty: number;
  serial_tracked: number;
}

export async function seedOffice(opts: {
  dataDir: string;
  staff: SeedStaff[];
  now?: number;
  /** The folder's SQLite file unless given (the PostgreSQL seeder names its server). */
  database?: DatabaseTarget;
}): Promise<OfficeSeedResult | null> {
  const manager = opts.staff.find((s) => s.role === 'manager' && s.pin);
  // Demo staff whose PIN was changed cannot act here; the shop keeps what it has.
  if (!manager) return null;
  const now = opts.now ?? Date.now();
  const ws = await createWorkstation({
    dataDir: opts.dataDir,
    // the seeders write the database they are given (else the folder's SQLite file), whatever
    // WORKSTATION_DB_URL or database.json say
    database: opts.database ?? sqliteTarget(opts.dataDir),
    now: () => now,
  });
  try {
    const login = (await ws.call(
      'auth.login',
      { name: manager.name, pin: manager.pin },
      { token: null, origin: 'seed' },
    )) as { token: string };
    const call = (name: Parameters<Workstation['call']>[0], input: unknown) =>
      ws.call(name, input, { token: login.token, origin: 'seed' });
    return {
      articles: await seedArticles(ws, call),
      ...(await seedPurchaseOrders(ws, call)),
    };
  } finally {
    await ws.close();
  }
}

type Call = (name: Parameters<Workstation['call']>[0], input: unknown) => Promise<unknown>;

/** Each article once: a second seed run on the same folder adds none. */
async function seedArticles(ws: Workstation, call: Call): Promise<number> {
  const have = new Set(
    (
      await sqlOf(ws.services.dataSource.manager).all<{ title: string }>(
        'SELECT title FROM kb_article',
      )
    ).map((r) => r.title),
  );
  let added = 0;
  for (const a of ARTICLES) {
    if (have.has(a.title)) continue;
    await call('kb.save', a);
    added++;
  }
  return added;
}

/** A draft for the parts that are short, and an order already sent and partly received. */
async function seedPurchaseOrders(
  ws: Workstation,
  call: Call,
): Promise<{ purchaseOrders: number; receivedLines: number }> {
  const low = await sqlOf(ws.services.dataSource.manager).all<LowPart>(
    `SELECT p.id, p.supplier_id, p.cost_cents, p.reorder_qty, p.serial_tracked FROM part p
     JOIN stock_balance b ON b.part_id = p.id
     WHERE p.active = 1 AND p.supplier_id IS NOT NULL AND b.on_hand - b.reserved <= b.reorder_point
     ORDER BY p.supplier_id, p.id LIMIT 40`,
  );
  if (low.length === 0) return { purchaseOrders: 0, receivedLines: 0 };
  const bySupplier = new Map<number, LowPart[]>();
  for (const p of low) bySupplier.set(p.supplier_id, [...(bySupplier.get(p.supplier_id) ?? []), p]);
  const [first, second] = [...bySupplier.values()].sort((a, b) => b.length - a.length);
  const line = (p: LowPart) => ({
    partId: p.id,
    qty: Math.max(2, Math.min(p.reorder_qty, 10)),
    unitCostCents: p.cost_cents,
  });
  let orders = 0;
  let receivedLines = 0;
  // Ordered from the supplier with the most short parts; half the lines arrived today.
  const sent = (await call('po.create', {
    supplierId: first[0].supplier_id,
    lines: first.slice(0, 6).map(line),
  })) as { id: number; version: number };
  orders++;
  const ordered = (await call('po.order', { id: sent.id, version: sent.version })) as {
    version: number;
  };
  const arrived = first.slice(0, Math.max(1, Math.floor(Math.min(first.length, 6) / 2)));
  await call('po.receive', {
    id: sent.id,
    version: ordered.version,
    lines: arrived.map((p) => {
      const qty = line(p).qty;
      return {
        partId: p.id,
        qty,
        ...(p.serial_tracked
          ? { serials: Array.from({ length: qty }, (_, i) => `PO${sent.id}-${p.id}-${i + 1}`) }
          : {}),
      };
    }),
  });
  receivedLines += arrived.length;
  // A draft for the next supplier's short parts, waiting for the manager to send it.
  if (second) {
    await call('po.create', {
      supplierId: second[0].supplier_id,
      lines: second.slice(0, 8).map(line),
    });
    orders++;
  }
  return { purchaseOrders: orders, receivedLines };
}
