import { afterEach, describe, expect, it, vi } from 'vitest';
import { readTracking, trackDom } from './track-dom.js';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('declarative tracking', () => {
  it('reads product fields and computes the line value from price × quantity', () => {
    document.body.innerHTML = `<button data-vitrine-track="add_to_cart" data-product-id="sku-1" data-price-minor="69900" data-currency="CNY" data-quantity="2">Add</button>`;
    expect(readTracking(document.querySelector('button')!)).toEqual({
      type: 'add_to_cart',
      fields: { product_id: 'sku-1', quantity: 2, value_minor: 139800, currency: 'CNY' },
    });
  });

  it('reads the quantity field of a tracked form', () => {
    document.body.innerHTML = `<form data-vitrine-track="add_to_cart" data-product-id="p" data-price-minor="100" data-currency="USD"><input name="quantity" value="3"></form>`;
    expect(readTracking(document.querySelector('form')!)).toEqual({
      type: 'add_to_cart',
      fields: { product_id: 'p', quantity: 3, value_minor: 300, currency: 'USD' },
    });
  });

  it('refuses bad names and amounts with a specific reason', () => {
    const el = document.createElement('button');
    el.dataset.vitrineTrack = 'Add To Cart';
    expect(readTracking(el)).toEqual({
      error: 'data-vitrine-track="Add To Cart" is not a lower_snake_case event name',
    });
    el.dataset.vitrineTrack = 'add_to_cart';
    el.dataset.priceMinor = '699.00';
    expect(readTracking(el)).toEqual({ error: 'data-price-minor="699.00" must be a whole number of minor units' });
    el.dataset.priceMinor = '69900';
    el.dataset.currency = 'yuan';
    expect(readTracking(el)).toEqual({ error: 'data-currency="yuan" is not an ISO 4217 code' });
  });

  it('tracks clicks on buttons (also on their children) and form submissions, once each', () => {
    const track = vi.fn();
    const warn = vi.fn();
    const stop = trackDom(document, track, warn);
    document.body.innerHTML = `
      <button id="b" data-vitrine-track="add_to_cart" data-product-id="p1"><span id="inner">Add</span></button>
      <form id="f" data-vitrine-track="begin_checkout"><button id="submit">Checkout</button></form>
      <button id="bad" data-vitrine-track="Bad!">x</button>`;
    document.getElementById('inner')!.click();
    expect(track).toHaveBeenCalledWith('add_to_cart', { product_id: 'p1' });
    const form = document.getElementById('f') as HTMLFormElement;
    form.addEventListener('submit', (e) => e.preventDefault());
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    expect(track).toHaveBeenCalledWith('begin_checkout', {});
    document.getElementById('bad')!.click();
    expect(warn).toHaveBeenCalledWith('data-vitrine-track="Bad!" is not a lower_snake_case event name');
    expect(track).toHaveBeenCalledTimes(2);
    stop();
    document.getElementById('b')!.click();
    expect(track).toHaveBeenCalledTimes(2);
  });
});
