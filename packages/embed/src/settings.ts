/**
 * Reads the page's settings: the script tag's `data-*` attributes and the optional
 * `<script type="application/json" id="vitrine-config">` block (experiments included, so the
 * first render already shows the assigned variant).
 */
import type { createClient } from '@vitrine/client';

type ClientOptions = Parameters<typeof createClient>[0];

export function findScript(doc: Document, selfUrl: string): HTMLScriptElement | null {
  const scripts = [...doc.querySelectorAll<HTMLScriptElement>('script[src]')];
  return scripts.find((s) => s.src === selfUrl) ?? scripts.find((s) => s.dataset.site !== undefined) ?? null;
}

export function readSettings(
  doc: Document,
  selfUrl: string,
  warn: (message: string) => void,
): { client: ClientOptions } {
  const script = findScript(doc, selfUrl);
  const data = script?.dataset ?? {};
  let config: unknown;
  const block = doc.getElementById('vitrine-config');
  if (block) {
    try {
      config = JSON.parse(block.textContent ?? '');
    } catch (error) {
      warn(`#vitrine-config is not valid JSON (${(error as Error).message}); experiments show their first variation.`);
    }
  }
  const site =
    data.site ??
    (config && typeof config === 'object' ? (config as { site?: string }).site : undefined) ??
    location.hostname;
  const consent = data.consent;
  const known = consent === undefined || /^(granted|pending|denied)$/.test(consent);
  if (!known)
    warn(`data-consent="${consent}" must be granted, pending or denied; using "pending" until the page decides.`);
  const options: Record<string, unknown> = {
    site,
    // The collector's base URL; a full `…/v1/batch` URL is accepted too (trailing slashes go).
    endpoint: (data.endpoint ?? '').replace(/(\/v1\/batch)?\/*$/, ''),
    consent: known ? (consent ?? 'granted') : 'pending',
  };
  if (config !== undefined) options.config = config;
  else if (data.configUrl) options.config = data.configUrl;
  if (data.userId) options.userId = data.userId;
  if (data.datalayer !== undefined) options.dataLayer = true;
  return { client: options as unknown as ClientOptions };
}
