/**
 * Thrown by `solve` and `allocate` for input they cannot trust: negative or fractional minor
 * units, NaN, an unknown currency, duplicate ids, a quantity of 0, an unknown time zone…
 * Nothing is silently clamped. `field` names the culprit, e.g. `cart.lines[2].quantity`.
 */
export class CouponInputError extends Error {
  override readonly name = 'CouponInputError';
  readonly field: string;
  readonly value: unknown;

  constructor(field: string, message: string, value?: unknown) {
    super(`${field}: ${message}`);
    this.field = field;
    this.value = value;
  }
}
