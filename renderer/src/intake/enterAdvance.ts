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

/**
 * Form-level onKeyDownCapture for Mantine comboboxes, which otherwise stall Enter-to-next:
 * a closed Select opens its dropdown on Enter, and an Autocomplete leaves half-typed text.
 * Runs before the field's own handler: with an option highlighted, Mantine takes it and focus
 * then moves on; without one, the dropdown is left closed and focus moves on at once.
 */
export function onEnterAdvanceCapture(e: KeyboardEvent<HTMLElement>) {
  if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
  const target = e.target as HTMLElement;
  if (!(target instanceof HTMLInputElement) || target.getAttribute('aria-haspopup') !== 'listbox')
    return;
  if (!target.closest('[data-field]')) return;
  const root = e.currentTarget;
  const listId = target.getAttribute('aria-controls');
  const list = listId ? document.getElementById(listId) : null;
  // What was typed in full is an option: take that one, not the highlighted longer one.
  const typed = target.value.trim().toLowerCase();
  const exact = Array.from(
    list?.querySelectorAll<HTMLElement>('[data-combobox-option]') ?? [],
  ).find((o) => typed !== '' && o.textContent?.trim().toLowerCase() === typed);
  if (exact) {
    e.stopPropagation();
    e.preventDefault();
    exact.click();
    requestAnimationFrame(() => focusNextField(root, target));
    return;
  }
  if (list?.querySelector('[data-combobox-selected]')) {
    requestAnimationFrame(() => focusNextField(root, target));
    return;
  }
  e.stopPropagation();
  e.preventDefault();
  focusNextField(root, target);
}
