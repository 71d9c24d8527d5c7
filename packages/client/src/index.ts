export {
  hash,
  getBucketRanges,
  chooseVariation,
  inNamespace,
  getEqualWeights,
  getQueryStringOverride,
} from './hash.js';
export type { VariationRange } from './hash.js';
export { assign, prepareExperiment } from './assign.js';
export type { Assignment, AssignmentReason, AssignOptions, StickyStore, AnyExperiment } from './assign.js';
export { parseExperiment } from './config.js';
export { parseConfig, readExperiment } from './parse-config.js';
export { fromGrowthBook, isGrowthBookExperiment } from './growthbook.js';
export type {
  Experiment,
  ExperimentConfig,
  ExperimentStatus,
  Filter,
  Targeting,
  GrowthBookExperiment,
  ParsedExperiment,
  ParsedConfig,
  Warn,
} from './config.js';
export { createClient, uuidv7 } from './client.js';
export type { Batch, ClientOptions, Consent, EventFields, VitrineClient, VitrineEvent } from './client.js';
