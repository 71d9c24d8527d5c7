import { defineElement } from '../base/define.js';
import { ArTryOn } from './ar-try-on.js';

defineElement('vitrine-ar-try-on', ArTryOn);

declare global {
  interface HTMLElementTagNameMap {
    'vitrine-ar-try-on': ArTryOn;
  }
}

export { ArTryOn };
