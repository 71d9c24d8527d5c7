import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildProblem, walletConflicts } from './problem.js';
import { branchAndBound, enumerate, search, type Found } from './solver.js';
import { cartArb, contextArb, walletArb } from './test-utils/arbitraries.js';
import { validateCart, validateContext, validateCoupons } from './validate.js';

const RUNS = Number(process.env.VITRINE_FC_RUNS ?? 400);

/** A search problem from the solver's own preparation, with some coupons picked by hand. */
const problemArb = cartArb.chain((cart) =>
  fc
    .tuple(fc.constant(cart), walletArb(cart, 10), contextArb, fc.array(fc.nat(), { maxLength: 2 }))
    .map(([cart, coupons, context, picks]) => {
      const require = coupons.length ? picks.map((k) => coupons[k % coupons.length]!.id) : [];
      const ncart = validateCart(cart);
      const ncoupons = validateCoupons(coupons);
      const ctx = validateContext({ ...context, require }, ncoupons);
      return buildProblem(ncart, ncoupons, ctx, undefined, walletConflicts(ncoupons));
    }),
);

describe('enumerate (few candidates) returns what the branch and bound returns', () => {
  it('on random problems: the kept combinations, in order, with a floor and a filter', () => {
    fc.assert(
      fc.property(problemArb, fc.integer({ min: 1, max: 4 }), fc.nat(), fc.boolean(), (pb, keep, pick, filter) => {
        const all = branchAndBound(pb, 64);
        expect(enumerate(pb, 64)).toEqual(all);
        // A floor at one of the savings found, and a filter like the alternatives' one.
        const floor = all.length ? all[pick % all.length]!.savings : pick % 1000;
        const j = pb.cands.length ? pick % pb.cands.length : -1;
        const accept = filter ? (set: number[]) => !set.includes(j) : undefined;
        const got: Found[] = enumerate(pb, keep, accept, floor);
        expect(got).toEqual(branchAndBound(pb, keep, accept, floor));
        expect(search(pb, keep, accept, floor)).toEqual(got);
      }),
      // Ties (equal values, a hand-picked coupon among them) are rare: more runs than elsewhere.
      { numRuns: 4 * RUNS },
    );
  }, 300_000);
});
