/**
 * Adopting the stored identity when consent becomes `granted` on a page that started `pending`
 * (client.ts). Travels in the config chunk with the assignment engine: a page can only have
 * assigned (and so have exposures and sticky assignments to merge) once that chunk has run.
 *
 * While consent was pending, the page assigned with a temporary id `t`: the stored identity
 * could not be read. Its variations were drawn with each experiment's weights (t is random), so
 * they are fair draws, but they are not necessarily the stored id's. The rules (README, Consent):
 *
 * - the stored id's sticky assignments win: what it was counted under stays;
 * - a variation the page drew for an experiment the stored id has none for becomes the stored id's,
 *   if that id would take part in the experiment at all (coverage, namespace, filters: an id never
 *   enters two experiments of one namespace), so the shopper keeps seeing what this page showed;
 * - a held exposure is sent (under the stored id) only if the unit was never exposed to that
 *   experiment and its assignment after the merge is the variation this page showed. Otherwise it
 *   is dropped: counted already, or not this unit's variation. Sending it would put the unit in
 *   two variations, and the collector leaves such units out, at a rate that depends on the
 *   variations' weights (a sample ratio mismatch).
 */
import type { Saved, VitrineEvent } from './client.js';
import type { ParsedExperiment } from './config.js';
import { run } from './core.js';

/**
 * Merges the page's state (made under the temporary id `t`) into the stored identity `saved`.
 * Returns the exposures sent and the sticky assignments, and takes the held exposures not to send
 * out of `held` (in place); the caller re-attributes the events from `t` to `saved.id`. `saved` is
 * as client.ts reads it: a damaged stored value has been set right field by field there.
 */
export function adopt(
  saved: Saved,
  t: string,
  sticky: Record<string, string>,
  held: VitrineEvent[],
  byKey: Map<string, ParsedExperiment>,
  attributes: Record<string, string>,
): [string[], Record<string, string>] {
  const id = saved.id!;
  // client.ts's read() gives an array and a plain object; their entries may still be anything.
  const seen = saved.seen!.filter((s) => typeof s == 'string');
  const merged: Record<string, string> = {};
  for (const k in sticky) if (!k.startsWith(t + '|')) merged[k] = sticky[k]!; // other units: user ids…
  Object.assign(merged, saved.sticky);
  for (const exp of byKey.values()) {
    const k = `|${exp.key}__${exp.bucketVersion}`;
    const drawn = sticky[t + k];
    if (drawn !== undefined && merged[id + k] === undefined && run(exp, id, { attributes }).inExperiment)
      merged[id + k] = drawn;
  }
  const store = { get: (u: string, k: string) => merged[`${u}|${k}`], set() {} };
  const kept = held.filter((e) => {
    const exp = e.type == 'exposure' && e.anonymous_id == t && byKey.get(e.experiment!);
    if (!exp) return true;
    const a = exp.hashAttribute;
    const unit = a == 'anonymous_id' ? id : ((a == 'user_id' ? e.user_id : attributes[a]) ?? '');
    const prefix = `${unit}|${exp.key}|`;
    const r = run(exp, unit, { attributes, sticky: store });
    if (seen.some((s) => s.startsWith(prefix)) || !r.inExperiment || r.variation !== e.variation) return false;
    seen.push(prefix + e.variation);
    return true;
  });
  held.splice(0, Infinity, ...kept);
  return [seen, merged];
}
