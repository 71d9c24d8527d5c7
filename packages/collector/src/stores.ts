import type { EventStore } from './types.js';

/** Factories for `VITRINE_STORE` values other than the default `sqlite`. */
export type StoreFactory = (env: NodeJS.ProcessEnv) => Promise<EventStore>;

const factories = new Map<string, StoreFactory>();

/** Lets a store implementation (e.g. ClickHouse) make itself selectable by `VITRINE_STORE`. */
export function registerStore(name: string, factory: StoreFactory): void {
  factories.set(name, factory);
}

/** The store for `VITRINE_STORE`; undefined means the built-in SQLite store. */
export async function storeFromEnv(name: string, env: NodeJS.ProcessEnv): Promise<EventStore | undefined> {
  if (name === 'sqlite') return undefined;
  const factory = factories.get(name);
  if (!factory)
    throw new Error(
      `VITRINE_STORE="${name}" is not available (known: sqlite${[...factories.keys()].map((k) => `, ${k}`).join('')})`,
    );
  return factory(env);
}
