/**
 * The cart's memory between visits, in IndexedDB through idb-keyval. This module is loaded
 * with a dynamic `import()` only by carts with `persist`, so idb-keyval stays out of the
 * element's own bundle.
 */
import { del, get, set } from 'idb-keyval';
import { warnOnce } from '../base/warn.js';
import type { CouponCart } from './coupon-cart.js';
import { detail } from './detail.js';
import type { CartLine } from './safe-solve.js';

/** What the cart keeps in IndexedDB between visits. */
export interface Saved {
  v: 1;
  lines: CartLine[];
  pick: string[];
  drop: string[];
}

const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** The saved cart, or undefined when the stored value is not one (the lines are checked later, one by one). */
export function readSaved(value: unknown): Saved | undefined {
  const v = value as Partial<Saved> | null;
  return typeof v === 'object' &&
    v !== null &&
    v.v === 1 &&
    Array.isArray(v.lines) &&
    v.lines.every((l) => typeof l === 'object' && l !== null) &&
    strings(v.pick) &&
    strings(v.drop)
    ? (v as Saved)
    : undefined;
}

/** The cart saved under `key`: undefined when there is none, false when what was there was not a cart (it is deleted). */
export async function load(key: string): Promise<Saved | undefined | false> {
  const value = await get(key);
  if (value === undefined) return undefined;
  const saved = readSaved(value);
  if (!saved) await del(key);
  return saved ?? false;
}

/** Saves a plain-JSON copy (lines may come from frameworks' proxies, which IndexedDB cannot clone). */
export async function save(key: string, saved: Saved): Promise<void> {
  await set(key, JSON.parse(JSON.stringify(saved)));
}

const lost = (el: CouponCart, error: unknown) =>
  warnOnce(el.localName, 'persist', `IndexedDB is not available (${(error as Error).message}); the cart is not kept.`);

/** Carts whose every change is saved by `watch` (actions.ts then leaves saving to it). */
export const watched = new WeakSet<CouponCart>();

/**
 * From the restore on, every change of the cart's lines or coupon choices is saved, whoever made
 * it: the shopper, or the page's code (`cart.lines = …` from the shop's own "Add to cart" button,
 * or an empty cart after an order). Saving only the shopper's changes lost the others on reload.
 * A cart that found nothing to restore is saved at once: the page's code may have changed it
 * before the saved cart was read. After a restore, the render that shows it announces it.
 */
function watch(el: CouponCart, restored: boolean): void {
  const state = () => [el.lines, el.pick, el.drop];
  let last = state();
  let announce = restored;
  el.addController({
    hostUpdated() {
      if (announce) {
        announce = false;
        el.emit('vitrine-cart-restore', detail(el));
      }
      const now = state();
      if (now.every((value, i) => value === last[i])) return;
      last = now;
      void keep(el);
    },
  });
  watched.add(el);
  if (!restored) void keep(el);
}

/**
 * Once, after a cart with `persist` first renders: the saved cart replaces the configured one,
 * unless the shopper has changed it already (restoring is no shopper's change, so no
 * `vitrine-cart-change`: `vitrine-cart-restore` says it). From then on, every change is saved
 * (`watch`). Never throws.
 */
export async function restore(el: CouponCart): Promise<void> {
  const key = el.storageKey;
  try {
    const saved = await load(key);
    const restored = !!saved && !el.touched;
    if (saved === false)
      warnOnce(el.localName, 'storage-key', `the cart saved under "${key}" is not a Vitrine cart; it was discarded.`);
    else if (saved && restored) {
      Object.assign(el, { lines: saved.lines, pick: saved.pick, drop: saved.drop });
      el.requestUpdate();
    }
    watch(el, restored);
  } catch (error) {
    lost(el, error);
  }
}

/** Saves the cart (after any change, see `watch`). Never throws. */
export async function keep(el: CouponCart): Promise<void> {
  try {
    await save(el.storageKey, { v: 1, lines: el.result.lines, pick: el.pick, drop: el.drop });
  } catch (error) {
    lost(el, error);
  }
}
