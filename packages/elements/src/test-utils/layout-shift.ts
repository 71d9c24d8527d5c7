import { nextFrame } from '@open-wc/testing';

/** Chromium reports `layout-shift` entries; Firefox has none (tests there check positions instead and say so). */
export const supportsLayoutShift = PerformanceObserver.supportedEntryTypes?.includes('layout-shift') ?? false;

type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean };

/** Sums the layout-shift score from now until `stop()` (0 where the engine has no such entries). */
export function recordShifts(): { stop(): Promise<number> } {
  if (!supportsLayoutShift) return { stop: async () => 0 };
  let total = 0;
  const add = (entries: PerformanceEntry[]) => {
    for (const entry of entries as Shift[]) if (!entry.hadRecentInput) total += entry.value;
  };
  const observer = new PerformanceObserver((list) => add(list.getEntries()));
  observer.observe({ type: 'layout-shift', buffered: false });
  return {
    async stop() {
      await nextFrame();
      await nextFrame();
      add(observer.takeRecords());
      observer.disconnect();
      return total;
    },
  };
}
