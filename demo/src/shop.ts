/**
 * The demo shop's own script — what a merchant's theme would do around Vitrine: report the
 * product view, put "Add to cart" into the cart element, and finish a (pretend) order. It talks
 * to Vitrine only through the public command queue, so it works before and after the script tag
 * has loaded, and never touches Vitrine's internals.
 */
export {};

type Command = [string, ...unknown[]];
type Queue = { push(...commands: Command[]): unknown };
type CartLine = {
  id: string;
  name: string;
  unitPrice: number;
  quantity: number;
  image?: string;
  categories?: string[];
};
type CartElement = HTMLElement & { lines: CartLine[]; updateComplete: Promise<boolean> };

const w = window as unknown as { vitrine?: Command[] | Queue };
w.vitrine = w.vitrine ?? [];
const vitrine = () => w.vitrine as Queue;

const PRODUCT = {
  id: 'aoki-qcm-12',
  name: 'Aoki Quiet Cooker Mini 1.2 L',
  unitPrice: 69900,
  image: '/media/cooker.webp',
};

vitrine().push(['track', 'product_view', { product_id: PRODUCT.id, value_minor: PRODUCT.unitPrice, currency: 'CNY' }]);

const cart = document.getElementById('basket') as CartElement | null;
const status = document.getElementById('add-status');
const count = document.querySelector('[data-cart-count]');

function updateCount(lines: CartLine[]): void {
  if (count) count.textContent = String(lines.reduce((n, l) => n + l.quantity, 0));
}

// "Add to cart": the form's data-vitrine-track reports add_to_cart; the shop updates its cart.
document.querySelector<HTMLFormElement>('.add-form')?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  const quantity = Math.max(1, Math.min(9, Number(new FormData(form).get('quantity')) || 1));
  if (!cart) return;
  await customElements.whenDefined('vitrine-coupon-cart');
  // With persist, updateComplete also waits for the cart kept from an earlier visit: a line
  // added before it was read would be replaced by it.
  await cart.updateComplete;
  const lines = [...(cart.lines ?? [])];
  const existing = lines.find((l) => l.id === PRODUCT.id);
  if (existing) existing.quantity += quantity;
  else lines.unshift({ ...PRODUCT, quantity, categories: ['cookers'] });
  cart.lines = lines.map((l) => ({ ...l }));
  updateCount(cart.lines);
  if (status) status.textContent = `Added ${quantity} to your cart.`;
});

// The badge follows the shopper's changes and the cart kept from an earlier visit.
for (const type of ['vitrine-cart-change', 'vitrine-cart-restore'])
  document.addEventListener(type, (event) => {
    updateCount((event as CustomEvent<{ lines: CartLine[] }>).detail.lines);
  });

// Checkout: a real shop hands the cart to its checkout here. The demo shows a confirmation step
// and reports the purchase the way an order-confirmation page (or an order webhook) would; then,
// as a shop does, it thanks the shopper and empties the cart.
const dialog = document.getElementById('checkout-dialog') as HTMLDialogElement | null;
const title = document.getElementById('checkout-title');
const step = (name: 'confirm' | 'done') =>
  dialog?.querySelectorAll<HTMLElement>('[data-step]').forEach((el) => (el.hidden = el.dataset.step !== name));
const money = (minor: number) =>
  new Intl.NumberFormat(document.documentElement.lang || 'en', { style: 'currency', currency: 'CNY' }).format(
    minor / 100,
  );
let pending: { total: number; currency: string } | null = null;
document.addEventListener('vitrine-checkout', (event) => {
  const detail = (event as CustomEvent<{ totals: { total: number } }>).detail;
  pending = { total: detail.totals.total, currency: 'CNY' };
  const amount = dialog?.querySelector('[data-total]');
  if (amount) amount.textContent = money(pending.total);
  if (title) title.textContent = 'Confirm your order';
  step('confirm');
  dialog?.showModal();
});
document.getElementById('place-order')?.addEventListener('click', () => {
  if (!pending) return;
  const orderId = `demo-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  vitrine().push(['track', 'purchase', { order_id: orderId, value_minor: pending.total, currency: pending.currency }]);
  if (title) title.textContent = 'Thank you!';
  const placed = document.getElementById('order-status');
  if (placed) placed.textContent = `Order ${orderId} is placed: ${money(pending.total)}.`;
  pending = null;
  step('done');
  document.getElementById('close-order')?.focus();
  if (cart) {
    cart.lines = [];
    updateCount(cart.lines);
  }
});
document.getElementById('cancel-order')?.addEventListener('click', () => dialog?.close());
document.getElementById('close-order')?.addEventListener('click', () => dialog?.close());
