import { afterEach, describe, expect, it, vi } from 'vitest';
import { later } from './later.js';

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
}

describe('later (a task of its own)', () => {
  afterEach(() => {
    setVisibility('visible');
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('posts a task with scheduler.postTask where the browser has it', () => {
    const postTask = vi.fn(() => Promise.resolve());
    vi.stubGlobal('scheduler', { postTask });
    const timer = vi.spyOn(globalThis, 'setTimeout');
    const f = vi.fn();
    later(f);
    expect(postTask).toHaveBeenCalledWith(f);
    expect(timer).not.toHaveBeenCalled();
    expect(f).not.toHaveBeenCalled();
  });

  it('falls back to a timer, and never runs the function in the calling task', () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const f = vi.fn();
    later(f);
    expect(f).not.toHaveBeenCalled();
    vi.advanceTimersToNextTimer();
    expect(f).toHaveBeenCalledOnce();
  });

  it('runs at once on a hidden page (the client must be up before the page goes)', () => {
    setVisibility('hidden');
    const f = vi.fn();
    later(f);
    expect(f).toHaveBeenCalledOnce();
  });
});
