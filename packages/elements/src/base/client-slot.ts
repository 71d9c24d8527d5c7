/**
 * Elements never send events or read config themselves; they hand events to the page's Vitrine
 * client. The client is found through a global slot keyed by `Symbol.for`, so two copies of
 * Vitrine on one page share one client (and never double-count).
 */
export type EventProps = Record<string, string | number | boolean>;

/** The part of `@vitrine/client`'s client that elements use. */
export interface TrackingClient {
  track(type: string, fields?: Record<string, unknown>): void;
}

const SLOT = Symbol.for('vitrine.client');
type Slot = { [SLOT]?: TrackingClient };

export function setDefaultClient(client: TrackingClient | undefined): void {
  (globalThis as Slot)[SLOT] = client;
}

export function getDefaultClient(): TrackingClient | undefined {
  return (globalThis as Slot)[SLOT];
}
