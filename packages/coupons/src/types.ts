/**
 * Public types of @vitrine/coupons. Every amount is an integer number of minor units of the
 * cart's currency (fen for CNY, cents for USD, yen for JPY, fils for KWD); percentages are basis
 * points (1 bp = 0.01 %, so 1000 = 10 %).
 */

/** One cart line. */
export interface Line {
  /** Unique within the cart. */
  id: string;
  /** What coupon scopes match (`scope.products`); defaults to `id`. */
  productId?: string;
  /** What coupon scopes match (`scope.categories`). */
  categories?: readonly string[];
  /** List price of one unit, minor units, integer ≥ 0. */
  unitPrice: number;
  /** Integer ≥ 1. */
  quantity: number;
  /** For display only. */
  label?: string;
}

/** What the shopper is buying. */
export interface Cart {
  /** ISO 4217 code, e.g. 'CNY'. */
  currency: string;
  lines: readonly Line[];
  /** Shipping fee, minor units; 0 when left out. */
  shipping?: number;
}

/**
 * Stacking classes, applied in this order, each on what the previous class left:
 * `product` (scoped to products or categories), `order` (the whole order), `shipping`.
 */
export type CouponClass = 'product' | 'order' | 'shipping';

/** Which lines a coupon covers: a line matches when its product id OR one of its categories is listed. */
export interface Scope {
  products?: readonly string[];
  categories?: readonly string[];
}

/**
 * A daily window in the merchant's time zone, `start` inclusive, `end` exclusive, both `HH:MM`
 * (24 h). A window whose end is not after its start crosses midnight (23:00–01:00).
 * `days` (0 = Sunday … 6 = Saturday) are the days on which the window OPENS.
 */
export interface DailyWindow {
  start: string;
  end: string;
  days?: readonly number[];
}

/** Fields every coupon kind shares. */
export interface CouponBase {
  /** Unique within the wallet. */
  id: string;
  /** Shown to the shopper. */
  label?: string;
  /**
   * Stacking class for amount-type kinds. Default: `product` when `scope` is given, else `order`.
   * `free-shipping` is always `shipping`; `buy-x-get-y` is always `product`.
   */
  class?: 'product' | 'order';
  /** Lines covered; all lines when left out. */
  scope?: Scope;
  /** Minimum number of units in scope. */
  minQuantity?: number;
  /** Minimum spend in scope (minor units), read on the class's threshold basis. */
  minSpend?: number;
  /** Valid from this instant (epoch ms or ISO 8601 with offset), inclusive. */
  validFrom?: number | string;
  /** Expires at this instant (epoch ms or ISO 8601 with offset), exclusive. */
  validUntil?: number | string;
  /** Usable only inside one of these daily windows (merchant time zone). */
  windows?: readonly DailyWindow[];
  /** Only for a shopper's first order. */
  newCustomersOnly?: boolean;
  /** Only for these member tiers. */
  memberTiers?: readonly string[];
  /** Exclusive group: at most one coupon of a group per order. */
  group?: string;
  /** Names that other coupons' `combinesWith` may list (e.g. 'store', 'platform'). */
  tags?: readonly string[];
  /**
   * When present, this coupon may be used only together with coupons whose id or one of whose
   * tags is listed (`[]`: with no other coupon). Both sides must allow a pair.
   */
  combinesWith?: readonly string[];
}

/** A tier of a tiered coupon: spend at least `spend`, save `amount`. */
export interface Tier {
  spend: number;
  amount: number;
}

/** A coupon in the shopper's wallet. */
export type Coupon =
  /** Fixed amount off the scope (never more than the scope is worth). */
  | (CouponBase & { kind: 'fixed'; amount: number })
  /** Percentage off (basis points), optionally capped. */
  | (CouponBase & { kind: 'percent'; bp: number; cap?: number })
  /** Spend `spend`, save `amount`, once. */
  | (CouponBase & { kind: 'threshold'; spend: number; amount: number })
  /** Every `every` spent saves `amount`, optionally capped. */
  | (CouponBase & { kind: 'repeating'; every: number; amount: number; cap?: number })
  /** The highest tier reached applies. */
  | (CouponBase & { kind: 'tiered'; tiers: readonly Tier[] })
  /** Takes the shipping fee off, up to `cap`. */
  | (CouponBase & { kind: 'free-shipping'; cap?: number })
  /** For every `buy + get` units in scope, the `get` cheapest are free (cheapest units overall). */
  | (CouponBase & { kind: 'buy-x-get-y'; buy: number; get: number });

export type CouponKind = Coupon['kind'];

/** Whether a class's thresholds read list prices or the amount the previous classes left. */
export type ThresholdBasis = 'list' | 'discounted';

/** Who is shopping, when, and the merchant's stacking policy. */
export interface SolveContext {
  /** The instant to judge validity at (epoch ms or Date). Default: now. */
  now?: number | Date;
  /** The merchant's IANA time zone for daily windows. Default 'UTC'. */
  timeZone?: string;
  customer?: { isNew?: boolean; tier?: string };
  /** At most this many coupons per order / per class. Default: no limit. */
  limits?: { perOrder?: number; product?: number; order?: number; shipping?: number };
  /** Threshold basis per class (`product` always reads list prices). Default: both `discounted`. */
  thresholdBasis?: { order?: ThresholdBasis; shipping?: ThresholdBasis };
  /** Coupon ids the shopper picked by hand: the best combination that includes them. */
  require?: readonly string[];
  /** How many alternative combinations to return. Default 3. */
  alternatives?: number;
  /** How many nudges to return (0 turns them off). Default 3. */
  nudges?: number;
}

/** Cart amounts. `total = subtotal + shipping − discount`. */
export interface Totals {
  /** List price of the merchandise. */
  subtotal: number;
  /** Everything saved, shipping discounts included. */
  discount: number;
  /** Shipping fee before discounts. */
  shipping: number;
  /** What the shopper pays. */
  total: number;
}

/** One class's share: `base` is what the previous class left, `after = base − discount`. */
export interface ClassSubtotal {
  base: number;
  discount: number;
  after: number;
}

/** A coupon the solution applies. */
export interface AppliedCoupon {
  id: string;
  label?: string;
  class: CouponClass;
  kind: CouponKind;
  /** What this coupon saves, minor units (> 0). */
  amount: number;
  /** Lines the coupon covers (empty for shipping). */
  lineIds: string[];
  /** Epoch ms, when the coupon has an expiry. */
  expiresAt?: number;
}

/** One coupon's share of a line's (or the shipping fee's) discount. */
export interface CouponShare {
  couponId: string;
  amount: number;
}

/** A line after discounts: the refund basis. */
export interface LineAllocation {
  lineId: string;
  /** unitPrice × quantity. */
  list: number;
  discount: number;
  /** list − discount, never below zero. */
  total: number;
  byCoupon: CouponShare[];
}

/** Discounts split over lines and shipping by largest remainder. */
export interface Allocation {
  lines: LineAllocation[];
  shipping: { fee: number; discount: number; total: number; byCoupon: CouponShare[] };
}

/** Another combination the shopper could choose. */
export interface Combination {
  couponIds: string[];
  savings: number;
  totals: Totals;
}

/** Why a coupon is not in the best combination: a machine code plus the data a message needs. */
export type Reason =
  | { code: 'expired'; expiredAt: number }
  | { code: 'not-yet-valid'; startsAt: number }
  | { code: 'outside-window'; windows: DailyWindow[]; timeZone: string; localTime: string }
  | { code: 'not-eligible'; requirement: 'new-customer' | 'member-tier'; tiers?: string[] }
  | { code: 'no-matching-items'; scope: Scope }
  | { code: 'below-min-quantity'; required: number; actual: number; short: number }
  | { code: 'below-threshold'; threshold: number; amount: number; short: number; basis: ThresholdBasis }
  | {
      code: 'excluded';
      rule: 'exclusive-group' | 'combines-with' | 'class-limit' | 'order-limit';
      by: string[];
      group?: string;
    }
  | { code: 'no-saving' }
  | { code: 'not-better' };

export type ReasonCode = Reason['code'];

/** A coupon left out, and why. */
export interface UnusedCoupon {
  id: string;
  label?: string;
  class: CouponClass;
  kind: CouponKind;
  reason: Reason;
  /** The reason in English (UIs localise from `reason`). */
  message: string;
}

/** The smallest extra spend that unlocks a better total. */
export interface Nudge {
  /** The coupon the extra spend unlocks. */
  couponId: string;
  /** Add at least this much (minor units) … */
  extraSpend: number;
  /** … to save this much more than now. */
  gain: number;
  /** Savings of the best combination after adding `extraSpend`. */
  savings: number;
  /** Where the extra must be spent; left out: anything. */
  scope?: Scope;
  /** e.g. "Add 10.00 to save 40.00 more." */
  message: string;
}

/** What `solve` returns: everything a cart UI shows. */
export interface Solution {
  currency: string;
  /** Coupons applied, in stacking order (product, order, shipping), then by id. */
  applied: AppliedCoupon[];
  /** Total saved (= totals.discount). */
  savings: number;
  totals: Totals;
  classes: Record<CouponClass, ClassSubtotal>;
  /** Per line after discounts (the refund basis), and the shipping fee. */
  allocation: Allocation;
  /** Next-best combinations that use at least one coupon the best does not. */
  alternatives: Combination[];
  /** Every wallet coupon not applied, with its reason. */
  unused: UnusedCoupon[];
  nudges: Nudge[];
}
