/**
 * Declarative conversion tracking on the merchant's own markup:
 *
 *   <button data-vitrine-track="add_to_cart" data-product-id="sku-1" data-price-minor="69900"
 *           data-currency="CNY" data-quantity="1">Add to basket</button>
 *   <form data-vitrine-track="begin_checkout" …> (tracked on submit; a `quantity` field is read)
 */
export interface DomTrackFields {
  product_id?: string;
  quantity?: number;
  value_minor?: number;
  currency?: string;
  order_id?: string;
}

const EVENT_NAME = /^[a-z][a-z0-9_]{0,63}$/;

function int(value: string | undefined | null): number | undefined {
  if (value == null || !/^\d+$/.test(value.trim())) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined; // digits only: never negative
}

/** Reads the event type and fields of a tracked element; `null` with a reason when invalid. */
export function readTracking(el: HTMLElement): { type: string; fields: DomTrackFields } | { error: string } {
  const type = el.dataset.vitrineTrack ?? '';
  if (!EVENT_NAME.test(type)) return { error: `data-vitrine-track="${type}" is not a lower_snake_case event name` };
  const d = el.dataset;
  const fields: DomTrackFields = {};
  if (d.productId) fields.product_id = d.productId.slice(0, 64);
  let quantity = int(d.quantity);
  if (quantity === undefined && el instanceof HTMLFormElement) {
    const field = el.elements.namedItem('quantity');
    if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement) quantity = int(field.value);
  }
  if (quantity !== undefined) fields.quantity = quantity;
  const price = int(d.priceMinor);
  const value = int(d.valueMinor);
  if (d.priceMinor !== undefined && price === undefined)
    return { error: `data-price-minor="${d.priceMinor}" must be a whole number of minor units` };
  if (value !== undefined) fields.value_minor = value;
  else if (price !== undefined) fields.value_minor = price * (quantity ?? 1);
  if (d.currency) {
    if (!/^[A-Z]{3}$/.test(d.currency)) return { error: `data-currency="${d.currency}" is not an ISO 4217 code` };
    fields.currency = d.currency;
  }
  if (d.orderId) fields.order_id = d.orderId.slice(0, 64);
  return { type, fields };
}

/** Listens once at the document (clicks on buttons and links, form submissions). */
export function trackDom(
  doc: Document,
  track: (type: string, fields: DomTrackFields) => void,
  warn: (message: string) => void,
): () => void {
  const handle = (event: Event, forms: boolean) => {
    const target = event.target as Element | null;
    const el = target?.closest?.('[data-vitrine-track]') as HTMLElement | null;
    if (!el || el instanceof HTMLFormElement !== forms) return;
    const read = readTracking(el);
    if ('error' in read) warn(read.error);
    else track(read.type, read.fields);
  };
  const onClick = (e: Event) => handle(e, false);
  const onSubmit = (e: Event) => handle(e, true);
  doc.addEventListener('click', onClick, true);
  doc.addEventListener('submit', onSubmit, true);
  return () => {
    doc.removeEventListener('click', onClick, true);
    doc.removeEventListener('submit', onSubmit, true);
  };
}
