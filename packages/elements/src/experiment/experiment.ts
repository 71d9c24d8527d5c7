import { getDefaultClient } from '../base/client-slot.js';
import { warnOnce } from '../base/warn.js';

/** What `<vitrine-experiment>` needs of the page's client: `assign(key)` reports exposure once. */
export interface ExperimentClient {
  assign(key: string): { variation: number; key: string; inExperiment: boolean; reason: string } | undefined;
  /** Present on @vitrine/client: resolves once the config (and the assignment engine) are loaded. */
  readonly ready?: Promise<void>;
  getExperiment?(key: string): unknown;
}

/** The variant a tab previews, per experiment key (sessionStorage: this tab only). */
export const PREVIEW_PREFIX = 'vitrine-preview:';

/** Whether the growth team's preview (`?vitrine-preview`) is on for this tab. */
export function isPreviewing(): boolean {
  try {
    if (new URLSearchParams(location.search).has('vitrine-preview')) {
      sessionStorage.setItem('vitrine-preview', '1');
      return true;
    }
    return sessionStorage.getItem('vitrine-preview') === '1';
  } catch {
    return false; // storage blocked: no preview
  }
}

/** Whether a node follows `el` in the document: the parser has then closed it, templates and all. */
function parsedPast(el: Node): boolean {
  for (let node: Node | null = el; node; node = node.parentNode) if (node.nextSibling) return true;
  return false;
}

function previewChoice(key: string): string | null {
  try {
    return sessionStorage.getItem(PREVIEW_PREFIX + key);
  } catch {
    return null;
  }
}

export interface VariantChangeDetail {
  experiment: string;
  variation: number;
  variant: string;
  reason: string;
}

declare module '../base/vitrine-element.js' {
  interface VitrineEventMap {
    'vitrine-variant': CustomEvent<VariantChangeDetail>;
  }
}

/**
 * Shows one variant of any markup, chosen by the page's Vitrine client.
 *
 * ```html
 * <vitrine-experiment key="spec-vs-guide">
 *   <template variant="table">…the spec table…</template>
 *   <template variant="guide">…the scenario guide…</template>
 * </vitrine-experiment>
 * ```
 *
 * The assigned template is stamped into the light DOM synchronously when the element connects
 * (so page styles and other vendors' widgets work inside it, and experiments nest). Exposure is
 * reported once by the client. Any problem — no client, unknown key, missing template — shows
 * the first template with one warning. Without templates, `target` + `attribute` set the
 * variant key as an attribute of another element (e.g. `<vitrine-scenario-compare>`'s `mode`).
 *
 * It does not use Lit or a shadow root: stamping must be synchronous and the content must stay
 * in the page's styling scope.
 *
 * @tag vitrine-experiment
 * @slot - `<template variant="…">` children, one per variation key.
 * @attr key - The experiment key (required; `experiment` is an alias for frameworks that reserve `key`).
 * @attr experiment - Alias of `key`.
 * @attr target - Without templates: the id of an element to drive.
 * @attr attribute - Without templates: the attribute of `target` that receives the variant key.
 * @attr variant - Reflects the variant shown (read-only).
 * @cssprop --vitrine-experiment-block-size - Space reserved before a variant is stamped (default 0).
 * @fires vitrine-variant - A variant was stamped; detail: { experiment, variation, variant, reason }.
 */
export class Experiment extends HTMLElement {
  /** The client to ask; defaults to the page's Vitrine client. */
  client?: ExperimentClient;

  private stamped: Node[] = [];
  private waited = false;
  private shown: string | null = null;

  static get observedAttributes(): string[] {
    return ['key', 'experiment'];
  }

  connectedCallback(): void {
    if (this.shown !== null) return;
    if (document.readyState === 'loading' && !parsedPast(this)) {
      // Upgraded while the page is parsed and the parser may still be adding templates (an
      // async script, or a page streamed in parts): stamping now could miss the assigned one.
      document.addEventListener('DOMContentLoaded', () => this.shown === null && this.isConnected && this.show(), {
        once: true,
      });
    } else if (this.querySelector(':scope > template') || this.hasAttribute('target')) {
      this.show();
    } else {
      // Connected before its children were appended (some DOM builders do that).
      queueMicrotask(() => this.shown === null && this.isConnected && this.show());
    }
  }

  attributeChangedCallback(_name: string, old: string | null, value: string | null): void {
    if (old !== null && old !== value && this.isConnected) {
      this.shown = null;
      this.show();
    }
  }

  /**
   * The experiment key: `key`, or `experiment` where a framework reserves `key` (React, Vue).
   */
  get experimentKey(): string | null {
    return this.getAttribute('key') ?? this.getAttribute('experiment');
  }

  /** The `<template variant>` children, in order. */
  get templates(): HTMLTemplateElement[] {
    return Array.from(this.children).filter((c): c is HTMLTemplateElement => c instanceof HTMLTemplateElement);
  }

  /** The variant keys offered, in order. */
  get variants(): string[] {
    return this.templates.map((t, i) => t.getAttribute('variant') ?? String(i));
  }

  /** Re-stamps with a previewed variant (the preview panel uses this; nothing is reported). */
  preview(variant: string): void {
    try {
      sessionStorage.setItem(PREVIEW_PREFIX + (this.experimentKey ?? ''), variant);
    } catch {
      /* storage blocked: preview this render only */
    }
    this.render(variant, -1, 'preview');
  }

  private warn(field: string, message: string): void {
    warnOnce('vitrine-experiment', field, message);
  }

  private show(): void {
    const key = this.experimentKey;
    const variants = this.variants;
    const fallback = variants[0] ?? null;
    if (!key) {
      this.warn('key', 'is missing; showing the first variant.');
      this.render(fallback, 0, 'invalid');
      return;
    }
    if (isPreviewing()) {
      // Preview: the chosen variant for this tab, and no call to the client (nothing reported).
      const chosen = previewChoice(key);
      this.render(chosen !== null && variants.includes(chosen) ? chosen : fallback, -1, 'preview');
      void import('./preview-panel.js').then((m) => m.openPreviewPanel()).catch(() => {});
      return;
    }
    const client = this.client ?? (getDefaultClient() as ExperimentClient | undefined);
    if (client?.ready && client.getExperiment && !client.getExperiment(key) && !this.waited) {
      // The client's config is still loading: show nothing rather than a variant that may be wrong.
      // Then each experiment stamps in a task of its own: a page's experiments, all waiting for
      // the same config, never add up to one long task.
      this.waited = true;
      const again = () => setTimeout(() => this.isConnected && this.show());
      client.ready.then(again, again);
      return;
    }
    let assignment: ReturnType<ExperimentClient['assign']>;
    try {
      assignment = typeof client?.assign === 'function' ? client.assign(key) : undefined;
    } catch (error) {
      this.warn('client', `assign("${key}") failed (${(error as Error)?.message}); showing the first variant.`);
    }
    // An unknown key: no answer, or @vitrine/client's answer for it (reason "invalid", no key).
    if (!assignment || (assignment.reason == 'invalid' && !assignment.key)) {
      if (!client) this.warn('client', 'no Vitrine client on the page; showing the first variant.');
      else this.warn('key', `"${key}" is not an experiment of this page's config; showing the first variant.`);
      this.render(fallback, 0, 'invalid');
      return;
    }
    let variant: string | null = assignment.key;
    if (variants.length && !variants.includes(variant)) {
      // GrowthBook objects without keys name variations by index.
      const byIndex = this.templates[assignment.variation];
      if (byIndex && !byIndex.hasAttribute('variant')) variant = variants[assignment.variation]!;
      else {
        this.warn('template', `no <template variant="${variant}"> for experiment "${key}"; showing the first variant.`);
        variant = fallback;
      }
    }
    this.render(variant, assignment.variation, assignment.reason);
  }

  private render(variant: string | null, variation: number, reason: string): void {
    for (const node of this.stamped) node.parentNode?.removeChild(node);
    this.stamped = [];
    this.shown = variant ?? '';
    const key = this.experimentKey ?? '';
    const targetId = this.getAttribute('target');
    if (targetId && !this.templates.length) {
      const target = document.getElementById(targetId);
      const attribute = this.getAttribute('attribute');
      if (!target || !attribute) this.warn('target', `needs an element with id "${targetId}" and an attribute name.`);
      else if (variant !== null) target.setAttribute(attribute, variant);
    } else {
      const template = this.templates.find((t, i) => (t.getAttribute('variant') ?? String(i)) === variant);
      if (template) {
        const content = document.importNode(template.content, true);
        this.stamped = Array.from(content.childNodes);
        this.append(content);
      } else if (!this.templates.length) {
        this.warn('template', 'has no <template variant> children and no target; nothing to show.');
      }
    }
    if (variant !== null) this.setAttribute('variant', variant);
    this.dispatchEvent(
      new CustomEvent('vitrine-variant', {
        detail: { experiment: key, variation, variant: variant ?? '', reason },
        bubbles: true,
        composed: true,
      }),
    );
  }
}
