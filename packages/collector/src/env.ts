import type { CollectorOptions } from './server.js';
import { MIN_RETENTION_DAYS } from './validate.js';

/** Reads the collector's environment variables (CONTRACTS.md) into `createServer` options and a port. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): {
  options: CollectorOptions;
  port: number;
  host: string;
  storeName: string;
} {
  const options: CollectorOptions = {};
  if (env.VITRINE_DATA_DIR) options.dataDir = env.VITRINE_DATA_DIR;
  if (env.VITRINE_SITES)
    options.sites = env.VITRINE_SITES.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (env.VITRINE_ADMIN_TOKEN) options.adminToken = env.VITRINE_ADMIN_TOKEN;
  if (env.VITRINE_SERVER_KEY) options.serverKey = env.VITRINE_SERVER_KEY;
  if (env.VITRINE_RATE_LIMIT !== undefined && env.VITRINE_RATE_LIMIT !== '') {
    const limit = Number(env.VITRINE_RATE_LIMIT);
    if (!Number.isFinite(limit) || limit < 0)
      throw new Error(`VITRINE_RATE_LIMIT must be a number ≥ 0, got "${env.VITRINE_RATE_LIMIT}"`);
    options.rateLimit = limit;
  }
  if (env.VITRINE_RETENTION_DAYS) {
    const days = Number(env.VITRINE_RETENTION_DAYS);
    if (!Number.isFinite(days) || !(days === 0 || days >= MIN_RETENTION_DAYS))
      throw new Error(
        `VITRINE_RETENTION_DAYS must be 0 (keep everything) or a number ≥ ${MIN_RETENTION_DAYS}, got "${env.VITRINE_RETENTION_DAYS}"`,
      );
    options.retentionDays = days;
  }
  if (env.VITRINE_DURABILITY) {
    if (env.VITRINE_DURABILITY !== 'full' && env.VITRINE_DURABILITY !== 'normal')
      throw new Error('VITRINE_DURABILITY must be "full" or "normal"');
    options.durability = env.VITRINE_DURABILITY;
  }
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return { options, port, host: env.HOST ?? '127.0.0.1', storeName: env.VITRINE_STORE ?? 'sqlite' };
}
