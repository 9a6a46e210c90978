import { initialValues, type IntakeValues } from './intakeForm';

/**
 * The intake form's unsaved draft, one per signed-in staff member, in this window's
 * localStorage: it survives switching screens, a reload, a remount (an idle lock screen) and
 * a sign-out, until it is saved or discarded. Keyed by staff id, so "switch user" never shows
 * one person's customer to another. The device passcode is never written down.
 */
const PREFIX = 'workstation.intakeDraft.';
const VERSION = 1;

export interface IntakeDraft {
  values: IntakeValues;
  /** The form's idempotency key: a save whose answer was lost in a reload replays, not duplicates. */
  idempotencyKey: string;
  savedAt: number;
}

const keyOf = (staffId: number) => `${PREFIX}${staffId}`;

function withoutSecrets(v: IntakeValues): IntakeValues {
  return { ...v, ticket: { ...v.ticket, passcode: '' } };
}

/** True when nothing worth keeping was typed (the passcode alone is not kept). */
export function isBlank(v: IntakeValues): boolean {
  return JSON.stringify(withoutSecrets(v)) === JSON.stringify(initialValues());
}

export function loadDraft(staffId: number): IntakeDraft | null {
  try {
    const raw = localStorage.getItem(keyOf(staffId));
    if (!raw) return null;
    const d = JSON.parse(raw) as IntakeDraft & { v?: number };
    if (d.v !== VERSION || !d.values || typeof d.idempotencyKey !== 'string') return null;
    // Fields added to the form since the draft was written take their defaults.
    const base = initialValues();
    const values: IntakeValues = {
      ...base,
      ...d.values,
      customer: { ...base.customer, ...d.values.customer },
      device: { ...base.device, ...d.values.device },
      ticket: { ...base.ticket, ...d.values.ticket, passcode: '' },
    };
    return { values, idempotencyKey: d.idempotencyKey, savedAt: d.savedAt };
  } catch {
    return null;
  }
}

/** Keeps the draft, or forgets it once the form is blank again. */
export function saveDraft(
  staffId: number,
  values: IntakeValues,
  idempotencyKey: string,
  now = Date.now(),
) {
  try {
    if (isBlank(values)) {
      localStorage.removeItem(keyOf(staffId));
      return;
    }
    const d = { v: VERSION, values: withoutSecrets(values), idempotencyKey, savedAt: now };
    localStorage.setItem(keyOf(staffId), JSON.stringify(d));
  } catch {
    // A full or disabled storage only loses the convenience, never the form on screen.
  }
}

export function clearDraft(staffId: number) {
  try {
    localStorage.removeItem(keyOf(staffId));
  } catch {
    /* see saveDraft */
  }
}
