/** Registers every Vitrine element. Each element issue adds its define module here. */
export {};
import './testimonial-video/vitrine-testimonial-video.js';
import './ar-try-on/vitrine-ar-try-on.js';
import './selling-points/vitrine-selling-points.js';
import './scenario-compare/vitrine-scenario-compare.js';
import './experiment/vitrine-experiment.js';
import './coupon-cart/vitrine-coupon-cart.js';
