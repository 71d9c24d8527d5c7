import { describe, expect, it, vi } from 'vitest';
import { VitrineApi } from './api.js';

function fakeClient() {
  return { track: vi.fn(), setConsent: vi.fn(), setUser: vi.fn(), assign: vi.fn(), flush: vi.fn() };
}

describe('window.vitrine command queue', () => {
  it('runs queued commands in order', () => {
    const client = fakeClient();
    const api = new VitrineApi('1.0.0', client as never, vi.fn());
    api.push(['consent', 'granted'], ['user', 'u-1'], ['track', 'purchase', { order_id: 'o-1' }], ['flush']);
    expect(client.setConsent).toHaveBeenCalledWith('granted');
    expect(client.setUser).toHaveBeenCalledWith('u-1');
    expect(client.track).toHaveBeenCalledWith('purchase', { order_id: 'o-1' });
    expect(client.flush).toHaveBeenCalledOnce();
  });

  it('reports bad commands and never throws', () => {
    const client = fakeClient();
    client.track.mockImplementation(() => {
      throw new Error('boom');
    });
    const warn = vi.fn();
    const api = new VitrineApi('1.0.0', client as never, warn);
    expect(() => api.push('track' as never, ['nope'], ['track', 'x'])).not.toThrow();
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      `vitrine.push() takes ['command', ...arguments]; got "track".`,
      'unknown command "nope" (use track, consent, user or flush).',
      'command "track" failed: boom',
    ]);
  });
});
