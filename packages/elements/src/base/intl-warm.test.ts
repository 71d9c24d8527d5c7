import { describe, expect, it } from 'vitest';
import { runWorker, warmIntl } from './intl-warm.js';

describe('warmIntl without workers (happy-dom)', () => {
  it('resolves false outside the script-tag build (no worker file is shipped there)', async () => {
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
