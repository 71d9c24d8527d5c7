export {
  createServer,
  defaultDataDir,
  BEACON_BODY_LIMIT,
  BEACON_EVENT_LIMIT,
  SERVER_BODY_LIMIT,
  SERVER_EVENT_LIMIT,
} from './server.js';
export type { Collector, CollectorOptions } from './server.js';
export { optionsFromEnv } from './env.js';
export { registerStore, storeFromEnv } from './stores.js';
export type { StoreFactory } from './stores.js';
export { openDatabase, SqliteConfigStore, SqliteEventStore } from './sqlite.js';
export type { Durability } from './sqlite.js';
export { truncateIp, isBotUserAgent } from './net.js';
export { validateEvent, parseEnvelope } from './validate.js';
export type {
  AppendResult,
  AuditEntry,
  ConfigStore,
  EventStore,
  ExperimentCounts,
  ExperimentDefinition,
  SiteConfig,
  StoredEvent,
  VariationCounts,
  CurrencyCounts,
  CountsOptions,
  PeriodCounts,
} from './types.js';
export { computeResults } from './results.js';
export type { ExperimentResults, VariationResult } from './results.js';
export { validateConfig, describeChange, weightsOf } from './config.js';
export type { ConfigProblem } from './config.js';
export {
  normalCdf,
  normalQuantile,
  chiSquareSf,
  chiSquareGoodnessOfFit,
  chiSquareStratified,
  probabilityBBeatsA,
  relativeUplift,
} from './stats.js';
export type { Uplift } from './stats.js';
export type { SqliteStoreOptions } from './sqlite.js';
