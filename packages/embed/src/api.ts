import type { createClient } from '@vitrine/client';

type Client = ReturnType<typeof createClient>;

/** A queued command: `['track', 'add_to_cart', {…}]`, `['consent', 'granted']`, `['user', 'u-1']`. */
export type Command = [string, ...unknown[]];

/**
 * `window.vitrine` once the script runs. Before it runs, `window.vitrine` is an array the page
 * pushes commands onto (`window.vitrine = window.vitrine || []; vitrine.push(['track', …])`);
 * the same `push` keeps working afterwards.
 */
export class VitrineApi {
  constructor(
    readonly version: string,
    readonly client: Client,
    private readonly warn: (message: string) => void,
  ) {}

  track(type: string, fields?: Record<string, unknown>): void {
    this.client.track(type, fields);
  }

  consent(state: 'granted' | 'pending' | 'denied'): void {
    this.client.setConsent(state);
  }

  user(id: string | undefined): void {
    this.client.setUser(id);
  }

  assign(key: string) {
    return this.client.assign(key);
  }

  flush() {
    return this.client.flush();
  }

  /** Runs one command; a bad one is reported, never thrown. Returns 1 like `Array#push`-ish callers expect a number. */
  push(...commands: unknown[]): number {
    for (const command of commands) {
      if (!Array.isArray(command) || typeof command[0] !== 'string') {
        this.warn(`vitrine.push() takes ['command', ...arguments]; got ${JSON.stringify(command)}.`);
        continue;
      }
      const [name, ...args] = command as Command;
      try {
        if (/^(track|consent|user|flush)$/.test(name)) (this[name as 'track'] as (...a: unknown[]) => void)(...args);
        else this.warn(`unknown command "${name}" (use track, consent, user or flush).`);
      } catch (error) {
        this.warn(`command "${name}" failed: ${(error as Error)?.message ?? error}`);
      }
    }
    return commands.length;
  }
}
