/**
 * Device and print-job messages outlive the call that made them (a job's last error, a port's
 * status): they are stored and sent as an i18n key with params, so every window shows them in
 * its own language. The English rides along for logs, CLIs and API error messages.
 */
export type TextParams = Record<string, string | number>;

export function deviceText(key: string, en: string, params: TextParams = {}): string {
  return JSON.stringify({ key: `deviceText.${key}`, params, en });
}

/** The English of a device text; anything else passes through. */
export function englishOf(text: string | null | undefined): string {
  if (!text) return '';
  try {
    const m = JSON.parse(text) as { en?: unknown };
    return typeof m?.en === 'string' ? m.en : text;
  } catch {
    return text;
  }
}

/** A port's words for why it is not usable. */
export const portText = {
  noDevice: (path: string) =>
    deviceText('noDevice', `cannot open ${path}: no such device (unplugged or wrong path)`, {
      path,
    }),
  denied: (path: string) =>
    deviceText('denied', `cannot open ${path}: permission denied`, { path }),
  busy: (path: string) =>
    deviceText('busy', `cannot open ${path}: in use by another program`, { path }),
  disconnected: (path: string) => deviceText('disconnected', `${path} was disconnected`, { path }),
  failed: (path: string, message: string) =>
    deviceText('portFailed', `${path}: ${message}`, { path, message }),
  closed: (path: string) => deviceText('closed', `${path} closed`, { path }),
  notOpen: (path: string) => deviceText('notOpen', `${path} is not open`, { path }),
  closedDuringWrite: (path: string) =>
    deviceText('closedDuringWrite', `${path} closed during the write`, { path }),
  writeTimeout: (path: string) =>
    deviceText('writeTimeout', `${path}: the write did not complete in time`, { path }),
  stopped: () => deviceText('stopped', 'stopped'),
  removed: () => deviceText('removed', 'removed'),
  noService: () => deviceText('noService', 'the device service is not running'),
  noAnswer: () => deviceText('noAnswer', 'the printer did not answer'),
  cannotList: (message: string) =>
    deviceText(
      'cannotList',
      `The system could not list serial ports (${message}). Type the port path.`,
      { message },
    ),
};

/** Why a print job is waiting, uncertain or failed. */
export const jobText = {
  noPrinter: () => deviceText('noPrinter', 'No printer is set up for this kind of job.'),
  offline: (name: string, detail: string | null) =>
    deviceText('offline', `Printer "${name}" is offline: ${englishOf(detail) || 'connecting'}.`, {
      name,
      detail: detail ?? deviceText('connecting', 'connecting'),
    }),
  condition: (name: string, condition: string) =>
    deviceText('condition', `Printer "${name}" reports ${condition.replace('_', ' ')}.`, {
      name,
      condition: deviceText(`cond_${condition}`, condition.replace('_', ' ')),
    }),
  layout: (message: string) =>
    deviceText('layout', `Could not lay out the job: ${message}`, { message }),
  interruptedBody: (detail: string) =>
    deviceText(
      'interruptedBody',
      `Interrupted before the label was complete (${englishOf(detail)}).`,
      {
        detail,
      },
    ),
  interruptedTail: (detail: string) =>
    deviceText(
      'interruptedTail',
      `Interrupted at the end of the label (${englishOf(detail)}); checking the printer's status.`,
      { detail },
    ),
  uncertain: (detail: string) =>
    deviceText('uncertain', `Interrupted while printing (${englishOf(detail)}). Did it print?`, {
      detail,
    }),
  partial: () => deviceText('partial', 'the printer still holds an incomplete label'),
  appStopped: () =>
    deviceText('appStopped', 'The app stopped while this was printing. Did it print?'),
  noStatus: () =>
    deviceText(
      'noStatus',
      'Interrupted while printing and the printer did not report its status. Did it print?',
    ),
  incomplete: () =>
    deviceText('incomplete', 'The printer reported the label incomplete; sending it again.'),
};
