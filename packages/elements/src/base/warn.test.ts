import { expect, it, vi } from 'vitest';

it('still warns, naming the kind, when the wording cannot load', async () => {
  vi.doMock('./messages.js', () => {
    throw new Error('offline');
  });
  const { warnLater, warned } = await import('./warn.js');
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  warnLater('test-widget', 'poster', 'url', 'javascript:alert(1)');
  await warned();
  expect(warn.mock.calls.map((c) => c[0])).toEqual(['<test-widget> poster: invalid (url)']);
});
