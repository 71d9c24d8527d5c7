import { nextTurn } from './turn.js';

/**
 * What an element that formats in its first render waits for: ICU started in a worker (see
 * intl-warm.ts, loaded from here lazily so that it never weighs on an element's first load).
 */
let pending: Promise<unknown> | undefined;
/** True once ICU is warm, or could not be warmed. */
export let intlReady = false;

/** Resolves once ICU is warm, or could not be warmed. Never rejects. */
export const warmIntlLazily = (): Promise<unknown> =>
  (pending ??= nextTurn()
    .then(() => import('./intl-warm.js'))
    .then((w) => w.warmIntl(), Boolean)
    .then(() => (intlReady = true)));
