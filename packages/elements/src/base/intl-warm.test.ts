import { describe, expect, it } from 'vitest';
import { runWorker, warmIntl } from './intl-warm.js';

describe('warmIntl without workers (happy-dom)', () => {
  it('resolves false at once, never throws', async () => {
    expect(await warmIntl()).toBe(false);
  });

  it('resolves false when the Worker constructor throws', async () => {
    const original = globalThis.Worker;
    globalThis.Worker = class {
      constructor() {
        throw new DOMException('blocked', 'SecurityError');
      }
    } as unknown as typeof Worker;
    try {
      expect(await runWorker(() => new URL('intl-worker.js', location.href), 1000)).toBe(false);
    } finally {
      globalThis.Worker = original;
    }
  });
});
