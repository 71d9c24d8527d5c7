import { afterEach, describe, expect, it, vi } from 'vitest';
import { readSettings } from './settings.js';

const SELF = 'https://cdn.example/vitrine/0.1.0/vitrine.js';

function page(attributes: string, config?: string) {
  document.head.innerHTML =
    (config === undefined ? '' : `<script type="application/json" id="vitrine-config">${config}</script>`) +
    `<script type="text/plain" src="${SELF}" ${attributes}></script>`;
}

describe('readSettings', () => {
  afterEach(() => {
    document.head.innerHTML = '';
  });

  it('reads the script tag and the config block', () => {
    page('data-site="shop" data-consent="pending" data-user-id="u-1" data-datalayer', '{"v":1,"experiments":[]}');
    const warn = vi.fn();
    expect(readSettings(document, SELF, warn).client).toEqual({
      site: 'shop',
      endpoint: '',
      consent: 'pending',
      config: { v: 1, experiments: [] },
      userId: 'u-1',
      dataLayer: true,
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it('takes the collector’s base URL, also from a full …/v1/batch URL, without trailing slashes', () => {
    const endpoints: Record<string, string> = {
      'https://collect.example': 'https://collect.example',
      'https://collect.example/': 'https://collect.example',
      'https://collect.example//': 'https://collect.example',
      'https://collect.example/v1/batch': 'https://collect.example',
      'https://collect.example/v1/batch/': 'https://collect.example',
      'https://collect.example/api/v1/batch': 'https://collect.example/api',
      'https://collect.example/v1/batchy': 'https://collect.example/v1/batchy',
      '/v1/batch': '',
    };
    for (const [given, base] of Object.entries(endpoints)) {
      page(`data-site="shop" data-endpoint="${given}"`);
      expect(readSettings(document, SELF, vi.fn()).client.endpoint, given).toBe(base);
    }
  });

  it('warns about a bad config block and a bad consent, and falls back safely', () => {
    page('data-consent="maybe"', '{ not json');
    const warn = vi.fn();
    const { client } = readSettings(document, SELF, warn);
    expect(client.config).toBeUndefined();
    expect(client.consent).toBe('pending');
    expect(client.site).toBe(location.hostname);
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
