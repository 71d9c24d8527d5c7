/**
 * @vitrine/elements — the element classes and the shared base. Importing this entry registers
 * nothing; import `@vitrine/elements/<name>` or `@vitrine/elements/all` to define tags.
 */
export { VitrineElement, type VitrineEventMap, type VitrineEventName } from './base/vitrine-element.js';
export { defineElement } from './base/define.js';
export { setDefaultClient, getDefaultClient, type TrackingClient, type EventProps } from './base/client-slot.js';
export {
  registerStrings,
  translate,
  formatMoney,
  formatDate,
  currencyExponent,
  isRtlLocale,
  normaliseLocale,
  type Catalogs,
} from './base/i18n.js';
export { readJsonConfig, oneOf, numberIn, arrayOf, safeUrl } from './base/config.js';
export { base as baseStyles, TOKENS } from './base/tokens.js';
export { VERSION } from './base/version.js';
export {
  TestimonialVideo,
  type Testimonial,
  type TestimonialTrack,
  type PlayerKit,
} from './testimonial-video/testimonial-video.js';
export {
  testimonialJsonLd,
  testimonialJsonLdScript,
  isoDuration,
  type TestimonialJsonLdInput,
} from './testimonial-video/json-ld.js';
export { SellingPoints, type SellingPoint } from './selling-points/selling-points.js';
export { nextDispatch, type CutoffCalendar, type Dispatch } from './selling-points/cutoff.js';
export { ScenarioCompare, type Scenario, type SpecRow } from './scenario-compare/scenario-compare.js';
export { Experiment, type ExperimentClient, type VariantChangeDetail } from './experiment/experiment.js';
export { CouponCart, type CartLine, type CartDetail } from './coupon-cart/coupon-cart.js';
export { ArTryOn, type ArKit } from './ar-try-on/ar-try-on.js';
export { probeAr, quickLookUrl, sceneViewerUrl, type ArEnvironment, type ArSupport } from './ar-try-on/probe.js';
