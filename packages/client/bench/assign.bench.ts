/**
 * `pnpm bench`: Vitrine's assign() against GrowthBook's GrowthBookClient.runInlineExperiment on
 * the same experiment and the same 1 000 000 unit ids, side by side in one process. Both must
 * pick the same variation for every id. Budget (DESIGN.md): assign() at least 4× faster.
 */
import { GrowthBookClient, type Experiment as GbExperiment } from '@growthbook/growthbook';
import { assign, type Experiment } from '../src/index.js';

const IDS = 1_000_000;
const BUDGET = 4;
const ROUNDS = 3;

// Ids shaped like the client's anonymous ids (UUIDv7-like hex), generated deterministically.
let state = 0x9e3779b9;
const rand = () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0).toString(16).padStart(8, '0');
};
const ids = Array.from(
  { length: IDS },
  () => `${rand()}-${rand().slice(0, 4)}-7${rand().slice(0, 3)}-${rand().slice(0, 4)}-${rand()}${rand().slice(0, 4)}`,
);

const ours: Experiment = {
  key: 'spec-vs-guide',
  variations: ['table', 'guide', 'video'],
  weights: [0.4, 0.3, 0.3],
  coverage: 0.9,
  hashVersion: 2,
  hashAttribute: 'id',
};
const theirs: GbExperiment<string> = {
  key: 'spec-vs-guide',
  variations: ['table', 'guide', 'video'] as [string, string, string],
  weights: [0.4, 0.3, 0.3],
  coverage: 0.9,
  hashVersion: 2,
  hashAttribute: 'id',
};
const gb = new GrowthBookClient({});

const oursOut = new Int8Array(IDS);
const theirsOut = new Int8Array(IDS);

function runOurs(): number {
  const t = performance.now();
  for (let i = 0; i < IDS; i++) {
    const r = assign(ours, ids[i]!);
    oursOut[i] = r.inExperiment ? r.variation : -1;
  }
  return performance.now() - t;
}

function runTheirs(): number {
  const t = performance.now();
  for (let i = 0; i < IDS; i++) {
    const r = gb.runInlineExperiment(theirs, { attributes: { id: ids[i]! } });
    theirsOut[i] = r.inExperiment ? r.variationId : -1;
  }
  return performance.now() - t;
}

// Interleave rounds so both see the same machine state; keep each one's best round.
let bestOurs = Infinity;
let bestTheirs = Infinity;
for (let round = 0; round < ROUNDS; round++) {
  bestTheirs = Math.min(bestTheirs, runTheirs());
  bestOurs = Math.min(bestOurs, runOurs());
}

let mismatches = 0;
const counts = [0, 0, 0, 0];
for (let i = 0; i < IDS; i++) {
  if (oursOut[i] !== theirsOut[i]) mismatches++;
  counts[oursOut[i]! + 1]!++;
}

const rate = (ms: number) => `${(((IDS / ms) * 1000) / 1e6).toFixed(2)} M/s`;
const ratio = bestTheirs / bestOurs;
console.log(`ids: ${IDS.toLocaleString('en')}, best of ${ROUNDS} interleaved rounds, Node ${process.version}`);
console.log(`Vitrine assign()                       ${bestOurs.toFixed(1).padStart(8)} ms  ${rate(bestOurs)}`);
console.log(`GrowthBook runInlineExperiment (1.8.0) ${bestTheirs.toFixed(1).padStart(8)} ms  ${rate(bestTheirs)}`);
console.log(`ratio ${ratio.toFixed(1)}× (budget ≥ ${BUDGET}×)`);
console.log(`variations (out, 0, 1, 2): ${counts.join(', ')}; mismatches: ${mismatches}`);

const ok = mismatches === 0 && ratio >= BUDGET;
console.log(ok ? 'within budget' : mismatches ? 'FAILED: variations differ' : 'MISSED the budget');
process.exit(ok ? 0 : 1);
