import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type VitrineClient } from './client.js';
import { currencyDigits, mirrorToDataLayer } from './datalayer.js';

let client: VitrineClient | undefined;
afterEach(() => {
  client?.destroy();
  delete (globalThis as { dataLayer?: unknown }).dataLayer;
  localStorage.clear();
});

const fetch = (async () => new Response('{}')) as unknown as typeof globalThis.fetch;

describe('./datalayer', () => {
  it('mirrors exposures and conversions with GA4/GTM names into window.dataLayer', async () => {
    client = createClient({
      site: 'demo',
      fetch,
      warn: () => {},
      storeName: 'dl',
      config: { v: 1, site: 'demo', experiments: [{ key: 'spec-vs-guide', variations: ['table', 'guide'] }] },
    });
    mirrorToDataLayer(client);
    await client.ready;
    const r = client.assign('spec-vs-guide');
    client.track('add_to_cart', { product_id: 'kettle', quantity: 2, value_minor: 5998, currency: 'CNY' });
    client.track('purchase', { order_id: 'o-1', value_minor: 1200, currency: 'JPY' });
    client.track('impression', { props: { element: 'selling-points' } });
    const dl = (globalThis as unknown as { dataLayer: Record<string, unknown>[] }).dataLayer;
    expect(dl).toEqual([
      {
        event: 'experience_impression',
        exp_variant_string: `vitrine-spec-vs-guide-${r.variation}`,
        experiment_id: 'spec-vs-guide',
        variant_id: r.variation,
      },
      { ecommerce: null },
      {
        event: 'add_to_cart',
        ecommerce: { currency: 'CNY', value: 59.98, items: [{ item_id: 'kettle', quantity: 2 }] },
      },
      { ecommerce: null },
      { event: 'purchase', ecommerce: { currency: 'JPY', value: 1200, transaction_id: 'o-1' } },
    ]);
  });

  it('mirrors nothing while consent is pending, and the held events once granted; stops on unsubscribe', () => {
    client = createClient({ site: 'demo', fetch, warn: () => {}, storeName: 'dl2', consent: 'pending' });
    const pushed: Record<string, unknown>[] = [];
    const stop = mirrorToDataLayer(client, { push: (x) => pushed.push(x) });
    client.track('begin_checkout', { value_minor: 100, currency: 'USD' });
    expect(pushed).toEqual([]);
    client.setConsent('granted');
    expect(pushed).toEqual([
      { ecommerce: null },
      { event: 'begin_checkout', ecommerce: { currency: 'USD', value: 1 } },
    ]);
    stop();
    client.track('begin_checkout');
    expect(pushed).toHaveLength(2);
  });

  it('knows minor-unit digits', () => {
    expect([currencyDigits('CNY'), currencyDigits('JPY'), currencyDigits('KWD'), currencyDigits('??')]).toEqual([
      2, 0, 3, 2,
    ]);
  });
});
