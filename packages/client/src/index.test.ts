import { describe, expect, it } from 'vitest';
import * as client from '@vitrine/client';
import * as datalayer from '@vitrine/client/datalayer';

describe('public entry points (through the package exports map)', () => {
  it('`.` exports the CONTRACTS.md names', () => {
    for (const name of ['hash', 'getBucketRanges', 'chooseVariation', 'assign', 'createClient'] as const) {
      expect(typeof client[name], name).toBe('function');
    }
    expect(client.hash('seed', 'a', 2)).toBe(0.0505);
  });

  it('`./datalayer` exports the adapter', () => {
    expect(typeof datalayer.mirrorToDataLayer).toBe('function');
    expect(typeof datalayer.toDataLayer).toBe('function');
  });
});
