/** A valid walk-in for intake.commit. Its own module, free of vitest, so child processes (the
 * crash drills) can use it too. */
export const validWalkIn = (overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: `key-${Math.random().toString(36).slice(2)}`,
  customer: {
    name: '李娜',
    phone: '+86 139 1234 5678',
    email: 'li.na@example.com',
    channel: 'our_store',
  },
  device: {
    type: 'phone',
    brand: 'Huawei',
    model: 'Mate 60 Pro',
    imei: '490154203237518',
    purchaseDate: '2026-05-01',
    proof: 'invoice',
  },
  ticket: {
    category: 'fault',
    priority: 'normal',
    serviceMode: 'carry_in',
    problem: 'Screen flickers after a drop; 摔后屏幕闪烁',
    accessories: ['charger', 'case'],
    conditionNotes: 'scratch on back',
    backupAck: true,
    passcode: '246810',
    exclusion: 'none',
    estimateCents: 45000,
    depositCents: 10000,
  },
  ...overrides,
});
