import type { KeyboardEvent } from 'react';

/** Fields that take part in Enter-to-advance carry this attribute, in visual order. */
export const FIELD = { 'data-field': '' } as const;

function focusTarget(el: Element): HTMLElement | null {
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLButtonElement) return el;
  return el.querySelector<HTMLElement>('input:checked, [aria-checked="true"], input, textarea, button');
}

function usable(el: Element) {
  const h = el as HTMLElement;
  return !h.hasAttribute('disabled') && h.offsetParent !== null && h.getAttribute('aria-disabled') !== 'true';
}

/** Moves focus to the next (or previous) `data-field` after the one holding focus. */
export function focusNextField(root: HTMLElement, from: Element, step = 1): boolean {
  const fields = Array.from(root.querySelectorAll('[data-field]')).filter(usable);
  const idx = fields.findIndex((f) => f === from || f.contains(from));
  const next = fields[idx + step];
  const target = next ? focusTarget(next) : null;
  if (!target) return false;
  target.focus();
  if (target instanceof HTMLInputElement && target.type === 'text') target.select();
  return true;
}

/** Form-level onKeyDown: Enter advances, unless a dropdown consumed it (it picked an option). */
export function onEnterAdvance(e: KeyboardEvent<HTMLElement>) {
  if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
  const target = e.target as HTMLElement;
  // Problem text: Enter moves on, Shift+Enter starts a new line.
  if (target instanceof HTMLTextAreaElement && e.shiftKey) return;
  if (target instanceof HTMLButtonElement && target.type === 'submit') return;
  if (focusNextField(e.currentTarget, target)) e.preventDefault();
}
