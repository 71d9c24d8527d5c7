/**
 * @vitrine/coupons — a pure coupon engine: integer money, rules, the exact best combination,
 * allocation over lines and explanations. No dependencies; runs in browsers and on servers.
 */
export { solve } from './solve.js';
export { allocate, type AllocationInput } from './allocate.js';
export { CouponInputError } from './errors.js';
export { currencyExponent, toDecimal } from './money.js';
export type {
  Allocation,
  AppliedCoupon,
  Cart,
  ClassSubtotal,
  Combination,
  Coupon,
  CouponBase,
  CouponClass,
  CouponKind,
  CouponShare,
  DailyWindow,
  Line,
  LineAllocation,
  Nudge,
  Reason,
  ReasonCode,
  Scope,
  Solution,
  SolveContext,
  ThresholdBasis,
  Tier,
  Totals,
  UnusedCoupon,
} from './types.js';
