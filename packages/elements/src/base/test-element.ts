import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { VitrineElement } from './vitrine-element.js';
import { base } from './tokens.js';
import { registerStrings } from './i18n.js';
import { oneOf } from './config.js';

registerStrings('test-widget', {
  en: { hello: 'Hello, {name}', total: 'Total' },
  'zh-CN': { hello: '你好，{name}', total: '合计' },
  ar: { hello: 'مرحبا، {name}', total: 'المجموع' },
});

declare module './vitrine-element.js' {
  interface VitrineEventMap {
    'vitrine-test-ping': CustomEvent<{ n: number }>;
  }
}

/**
 * A minimal element on the shared base, used only by the base's own tests. Its height comes
 * from the same custom property a reservation stylesheet uses.
 */
export class TestWidget extends VitrineElement {
  static override i18n = 'test-widget';
  static override styles = [
    base,
    css`
      :host {
        min-block-size: var(--test-widget-block-size, 120px);
      }
      .row {
        display: flex;
        gap: 8px;
      }
      .item {
        inline-size: 40px;
        block-size: 40px;
      }
    `,
  ];

  @property() name = 'world';
  @property() variant: 'a' | 'b' = 'a';
  @property({ type: Number }) amount = 0;

  override render() {
    const variant = oneOf(this.localName, 'variant', this.variant, ['a', 'b'] as const, 'a');
    return html`<div part="base" class="row">
      <span class="item first" part="first">${this.t('hello', { name: this.name })}</span>
      <span class="item second" part="second" data-variant=${variant}>${this.t('total')}</span>
    </div>`;
  }
}
