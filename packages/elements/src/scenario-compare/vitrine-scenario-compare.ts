import { defineElement } from '../base/define.js';
import { ScenarioCompare } from './scenario-compare.js';

defineElement('vitrine-scenario-compare', ScenarioCompare);

declare global {
  interface HTMLElementTagNameMap {
    'vitrine-scenario-compare': ScenarioCompare;
  }
}

export { ScenarioCompare };
