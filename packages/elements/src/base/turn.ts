/**
 * Resolves in a task of its own (a message task, which timer mocks leave alone). First renders
 * take turns this way, one element per task: a page whose elements all arrive at once (one shared
 * Lit chunk) never blocks the shopper's input for the sum of their renders. Elements use it too
 * for heavy work of their own that must not share a task (the cart's first solve), and before
 * each lazy import() that would otherwise start in a render's or an upgrade's task: the call
 * alone sets up a module fetch, 1-5 ms of main thread in Chromium, enough to push such a task past
 * Lighthouse's 50 ms on a phone.
 */
export function nextTurn(): Promise<unknown> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => (port1.close(), resolve(0));
    port2.postMessage(0);
  });
}
