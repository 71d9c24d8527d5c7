/**
 * `@vitrine/client/datalayer`: mirrors exposures and conversions into `window.dataLayer` with
 * GA4 / Google Tag Manager names, for teams who also analyse in Google Analytics.
 *
 * | Vitrine event   | dataLayer event          | parameters |
 * |-----------------|--------------------------|------------|
 * | `exposure`      | `experience_impression`  | `exp_variant_string: "vitrine-<experiment>-<variation>"`, `experiment_id`, `variant_id` |
 * | `product_view`  | `view_item`              | `ecommerce: { currency, value, items: [{ item_id, quantity }] }` |
 * | `add_to_cart`   | `add_to_cart`            | same |
 * | `begin_checkout`| `begin_checkout`         | same |
 * | `purchase`      | `purchase`               | same plus `transaction_id` |
 *
 * Each ecommerce push is preceded by `{ ecommerce: null }` (GTM's advice, so values of one event do
 * not leak into the next). `value` is in major units (`value_minor` / 10^digits of the currency).
 */
import type { VitrineClient, VitrineEvent } from './client.js';

export type DataLayer = { push(...items: Record<string, unknown>[]): unknown };

const ECOMMERCE: Record<string, string> = {
  product_view: 'view_item',
  add_to_cart: 'add_to_cart',
  begin_checkout: 'begin_checkout',
  purchase: 'purchase',
};

/** Minor-unit digits of an ISO 4217 currency (JPY 0, CNY 2, KWD 3); 2 when unknown. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** The dataLayer pushes for one Vitrine event (none for events that are not mirrored). */
export function toDataLayer(e: VitrineEvent): Record<string, unknown>[] {
  if (e.type === 'exposure' && e.experiment !== undefined) {
    return [
      {
        event: 'experience_impression',
        exp_variant_string: `vitrine-${e.experiment}-${e.variation}`,
        experiment_id: e.experiment,
        variant_id: e.variation,
      },
    ];
  }
  const name = ECOMMERCE[e.type];
  if (!name) return [];
  const ecommerce: Record<string, unknown> = {};
  if (e.currency) ecommerce['currency'] = e.currency;
  if (e.value_minor !== undefined) ecommerce['value'] = e.value_minor / 10 ** currencyDigits(e.currency ?? '');
  if (e.order_id) ecommerce['transaction_id'] = e.order_id;
  if (e.product_id) ecommerce['items'] = [{ item_id: e.product_id, quantity: e.quantity ?? 1 }];
  return [{ ecommerce: null }, { event: name, ecommerce }];
}

/**
 * Starts mirroring `client`'s events into `dataLayer` (default `window.dataLayer`, created when
 * missing). Returns a function that stops it.
 */
export function mirrorToDataLayer(client: Pick<VitrineClient, 'subscribe'>, dataLayer?: DataLayer): () => void {
  const w = globalThis as { dataLayer?: DataLayer };
  const target = dataLayer ?? (w.dataLayer ??= [] as unknown as DataLayer);
  return client.subscribe((e) => {
    for (const item of toDataLayer(e)) target.push(item);
  });
}
