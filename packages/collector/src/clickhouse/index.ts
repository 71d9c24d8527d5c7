export { ClickHouseEventStore, clickHouseStoreFromEnv } from './store.js';
export type { ClickHouseStoreOptions } from './store.js';
export { ClickHouseHttp, ClickHouseError, DEFAULT_CLICKHOUSE_URL } from './http.js';
export { EVENTS_TABLE, createEventsTable } from './schema.js';
