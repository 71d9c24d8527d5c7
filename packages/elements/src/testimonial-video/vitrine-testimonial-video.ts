import { defineElement } from '../base/define.js';
import { TestimonialVideo } from './testimonial-video.js';

defineElement('vitrine-testimonial-video', TestimonialVideo);

declare global {
  interface HTMLElementTagNameMap {
    'vitrine-testimonial-video': TestimonialVideo;
  }
}

export { TestimonialVideo };
