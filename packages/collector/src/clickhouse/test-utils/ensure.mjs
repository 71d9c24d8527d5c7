// Finds Debian's ClickHouse server binary and installs it when missing (as root, on Debian).
// Plain JavaScript so scripts/test.mjs and .ci tooling can import it without a TypeScript loader.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export const CLICKHOUSE_INSTALL = 'apt-get install -y clickhouse-server';

const CANDIDATES = [
  [process.env.CLICKHOUSE_SERVER_PATH, []],
  ['/usr/sbin/clickhouse-server', []], // Debian's clickhouse-server 18.16
  ['/usr/bin/clickhouse-server', []], // ClickHouse's own packages
  ['/usr/bin/clickhouse', ['server']], // the single multi-tool binary
];

/** `{ command, args }` that start a ClickHouse server, or undefined when none is installed. */
export function findClickHouse() {
  for (const [path, args] of CANDIDATES) if (path && existsSync(path)) return { command: path, args };
  return undefined;
}

/**
 * Makes sure a ClickHouse server binary exists: installs Debian's `clickhouse-server` when running
 * as root on Debian, otherwise throws with the exact command to run.
 */
export function ensureClickHouse({ log = console.log } = {}) {
  const found = findClickHouse();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get'))
    throw new Error(
      `The ClickHouse store tests need a ClickHouse server. Install it with:\n  sudo apt-get update && sudo ${CLICKHOUSE_INSTALL}\n` +
        'or set CLICKHOUSE_SERVER_PATH to an existing clickhouse-server binary.',
    );
  log('Installing clickhouse-server (Debian package; needed by the ClickHouse store tests)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'clickhouse-server'], { stdio: 'inherit', env });
  } catch (error) {
    throw new Error(`Installing ClickHouse failed (${error.message}). Run:\n  apt-get update && ${CLICKHOUSE_INSTALL}`);
  }
  const after = findClickHouse();
  if (!after) throw new Error(`\`${CLICKHOUSE_INSTALL}\` did not provide a clickhouse-server binary.`);
  return after;
}
