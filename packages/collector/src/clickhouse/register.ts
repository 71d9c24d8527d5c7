/**
 * Makes `VITRINE_STORE=clickhouse` available: import this module once (for side effects) before
 * `storeFromEnv` runs, e.g. `import './clickhouse/register.js';` in cli.ts.
 */
import { registerStore } from '../stores.js';
import { clickHouseStoreFromEnv } from './store.js';

registerStore('clickhouse', clickHouseStoreFromEnv);
