/**
 * Runs `f` in a task of its own, so that start-up is a row of short tasks instead of one long one:
 * `scheduler.postTask` where the browser has it (Chromium; no clamping however long the row), else
 * a timer (nested timers are clamped to 4 ms after the fifth: a little later, never longer). On a
 * hidden page (a background tab, or one being left) it runs `f` at once: nothing competes with a
 * paint there, and the client must be up before the page goes.
 */
export const later = (f: () => void): unknown =>
  document.visibilityState == 'hidden'
    ? f()
    : ((globalThis as { scheduler?: { postTask(f: () => void): Promise<void> } }).scheduler?.postTask(f) ??
      setTimeout(f));
