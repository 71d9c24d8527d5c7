import { expect } from '@open-wc/testing';
import { runWorker, warmIntl } from './intl-warm.js';

describe('warmIntl in a real browser', () => {
  it('starts the worker and resolves true once it has formatted', async () => {
    expect(await runWorker(() => new URL('intl-worker.js', import.meta.url), 5000)).to.equal(true);
    // The main thread's formatters work as before afterwards.
    expect(new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(1.5)).to.equal('€1.50');
  });

  it('starts nothing outside the script-tag build (the npm build leaves the worker to the app)', async () => {
    const before = performance.getEntriesByType('resource').length;
    expect(await warmIntl()).to.equal(false);
    const after = performance.getEntriesByType('resource').slice(before);
    expect(after.filter((e) => e.name.includes('intl-worker'))).to.deep.equal([]);
  });

  it('resolves false when the worker file is missing', async () => {
    expect(await runWorker(() => new URL('no-such-worker.js', import.meta.url), 5000)).to.equal(false);
  });

  it('resolves false when the worker fails as it starts', async () => {
    expect(await runWorker(() => new URL('../test-utils/broken-worker.js', import.meta.url), 5000)).to.equal(false);
  });

  it('resolves false for a cross-origin copy, without starting a worker', async () => {
    const before = performance.getEntriesByType('resource').length;
    expect(await runWorker(() => new URL('https://cdn.example.invalid/intl-worker.js'), 5000)).to.equal(false);
    const after = performance.getEntriesByType('resource').slice(before);
    expect(after.filter((e) => e.name.includes('example.invalid'))).to.deep.equal([]);
  });

  it('gives up after the wait when the worker never answers', async () => {
    const started = performance.now();
    expect(await runWorker(() => new URL('../test-utils/silent-worker.js', import.meta.url), 300)).to.equal(false);
    expect(performance.now() - started).to.be.at.least(290);
  });
});
