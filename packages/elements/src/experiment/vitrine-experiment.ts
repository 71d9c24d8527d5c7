import { defineElement } from '../base/define.js';
import { Experiment } from './experiment.js';

defineElement('vitrine-experiment', Experiment);

declare global {
  interface HTMLElementTagNameMap {
    'vitrine-experiment': Experiment;
  }
}

export { Experiment };
