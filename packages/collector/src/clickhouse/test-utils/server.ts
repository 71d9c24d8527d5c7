/**
 * A throwaway ClickHouse server for tests and measurements: a generated minimal config in a
 * temporary folder, listening on 127.0.0.1 only (HTTP interface, a free port, no TCP/interserver
 * ports), started as its own process group and stopped by killing that group.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureClickHouse } from './ensure.mjs';

/** A user with a password, for tests of authenticated URLs. */
export const PASSWORD_USER = { name: 'vitrine', password: 'pw-for-tests' };

export interface LocalClickHouse {
  /** `http://127.0.0.1:<port>` */
  url: string;
  dir: string;
  port: number;
  /** SIGKILL to the whole process group (a crash): nothing is flushed or shut down cleanly. */
  kill(): Promise<void>;
  /** Starts the server again on the same folder and port. */
  restart(): Promise<void>;
  /** Stops the server (SIGKILL to its process group: a throwaway server needs no clean shutdown) and, unless `keep`, deletes its folder. */
  stop(options?: { keep?: boolean }): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function writeConfig(dir: string, port: number): string {
  const users = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
  <users>
    <default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default>
    <${PASSWORD_USER.name}><password>${PASSWORD_USER.password}</password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></${PASSWORD_USER.name}>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;
  const config = `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/log/server.log</log><errorlog>${dir}/log/error.log</errorlog><console>0</console></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${port}</http_port>
  <keep_alive_timeout>10</keep_alive_timeout>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>134217728</mark_cache_size>
  <uncompressed_cache_size>134217728</uncompressed_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
</yandex>
`;
  for (const sub of ['data', 'tmp', 'log', 'user_files', 'format_schemas'])
    mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'users.xml'), users);
  writeFileSync(join(dir, 'config.xml'), config);
  return join(dir, 'config.xml');
}

async function waitForPing(url: string, child: ChildProcess, dir: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      const response = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  let log = '';
  try {
    log = readFileSync(join(dir, 'log', 'error.log'), 'utf8').slice(-2000);
  } catch {
    // no log yet
  }
  throw new Error(`ClickHouse did not answer ${url}/ping within ${timeoutMs} ms.\n${log}`);
}

/** Starts ClickHouse (installing Debian's package first when missing and possible, else failing with the command). */
export async function startClickHouse(options: { timeoutMs?: number } = {}): Promise<LocalClickHouse> {
  const binary = ensureClickHouse();
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-clickhouse-'));
  const port = await freePort();
  const config = writeConfig(dir, port);
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess;

  const launch = async () => {
    child = spawn(binary.command, [...binary.args, `--config-file=${config}`], {
      cwd: dir,
      detached: true, // its own process group, killed as a whole
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.resume();
    child.unref();
    await waitForPing(url, child, dir, options.timeoutMs ?? 30_000);
  };

  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  const exited = () => {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    child.ref(); // keep this process alive until the server is gone
    return new Promise<void>((resolve) => child.once('exit', () => resolve()));
  };

  // Safety net: a test process that dies without calling stop() (an uncaught error, a failed
  // hook) must not leave a server running. 'exit' handlers run on every exit but SIGKILL.
  const onExit = () => signalGroup('SIGKILL');
  process.on('exit', onExit);

  try {
    await launch();
  } catch (error) {
    signalGroup('SIGKILL');
    process.off('exit', onExit);
    throw error;
  }
  return {
    url,
    dir,
    port,
    async kill() {
      signalGroup('SIGKILL');
      await exited();
    },
    restart: launch,
    async stop({ keep = false } = {}) {
      signalGroup('SIGKILL');
      await exited();
      process.off('exit', onExit);
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database name per test, so tests sharing one server never see each other's events. */
let counter = 0;
export function databaseUrl(server: LocalClickHouse, prefix = 'test'): string {
  return `${server.url}/?database=${prefix}_${process.pid}_${++counter}`;
}
