/**
 * Localisation: string catalogues per element, picked from the element's or the document's
 * `lang`, falling back from `zh-CN` to `zh` to `en`. Money and dates go through `Intl` only.
 */
import { warnLater } from './warn.js';
import { nextTurn } from './turn.js';

export type Catalog = Record<string, string>;
export type Catalogs = Record<string, Catalog>;
/** Catalogues loaded on demand, by locale: `{ ar: () => import('./locales/ar.js') }`. */
export type CatalogLoaders = Record<string, () => Promise<{ default: Catalog }>>;

const catalogs = new Map<string, Catalogs>();
/** Per namespace and locale: the loader of a lazy catalogue, then its load while pending. */
const loaders = new Map<string, Record<string, (() => Promise<{ default: Catalog }>) | Promise<void>>>();

/**
 * Adds (or extends) the strings of one namespace, e.g. `registerStrings('cart', { en: {…}, ar: {…} })`.
 * `lazy` names catalogues loaded only when an element of that namespace first renders in their
 * locale (the elements keep English inline and load the others this way). Strings registered
 * directly win over a lazy catalogue of the same locale, whichever arrives first.
 */
export function registerStrings(namespace: string, byLocale: Catalogs, lazy?: CatalogLoaders): void {
  const current = catalogs.get(namespace) ?? {};
  for (const [locale, strings] of Object.entries(byLocale)) {
    current[locale] = { ...current[locale], ...strings };
  }
  catalogs.set(namespace, current);
  // One table per namespace, extended in place: a load under way always finds its own entry.
  if (lazy) loaders.set(namespace, Object.assign(loaders.get(namespace) ?? {}, lazy));
}

/**
 * Loads the lazy catalogue `locale` needs from `namespace`. Returns a promise while one is
 * pending, `undefined` when everything needed is present. A catalogue that fails to load leaves
 * the fallback (English) with a warning; it never throws.
 */
export function loadStrings(namespace: string, locale: string): Promise<void> | undefined {
  const table = loaders.get(namespace);
  const tag = table && localeChain(locale).find((l) => table[l]);
  if (!tag) return undefined;
  const load = table[tag]!;
  if (typeof load != 'function') return load;
  // Settled, the entry goes (unless a new loader replaced it meanwhile): a render never waits on a
  // settled load again.
  const loading: Promise<void> = nextTurn()
    .then(load)
    .then(
      (module) => {
        const current = catalogs.get(namespace)!;
        current[tag] = { ...module.default, ...current[tag] };
      },
      (error: Error) => warnLater(`vitrine-${namespace}`, tag, 'strings', error.message),
    )
    .finally(() => table[tag] === loading && delete table[tag]);
  return (table[tag] = loading);
}

/** `ar-EG` → [`ar-EG`, `ar`, `en`]. */
export function localeChain(locale: string): string[] {
  const chain: string[] = [];
  const parts = locale.split('-');
  for (let i = parts.length; i > 0; i--) chain.push(parts.slice(0, i).join('-'));
  if (!chain.includes('en')) chain.push('en');
  return chain;
}

/** Looks a key up along the locale chain and fills `{name}` placeholders. Unknown keys return the key. */
export function translate(
  namespace: string,
  locale: string,
  key: string,
  params?: Record<string, string | number>,
): string {
  const byLocale = catalogs.get(namespace);
  let text: string | undefined;
  if (byLocale) {
    for (const candidate of localeChain(locale)) {
      text = byLocale[candidate]?.[key];
      if (text !== undefined) break;
    }
  }
  text ??= key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Whether a locale is written right to left (used only when no `dir` is set anywhere). */
export function isRtlLocale(locale: string): boolean {
  return /^(ar|he|fa|ur|ps|yi|dv|ku|sd|ug)(-|$)/i.test(locale);
}

/** Normalises a BCP 47 tag (`zh-cn` → `zh-CN`); an invalid one gives `en`. */
export function normaliseLocale(tag: string | null | undefined): string {
  if (!tag) return 'en';
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    moneyFormats.set(key, format);
  }
  return format;
}

/** The ISO 4217 exponent of a currency as `Intl` knows it (JPY 0, CNY 2, KWD 3). */
export function currencyExponent(currency: string): number {
  return moneyFormat('en', currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Formats integer minor units once, at render. Division by a power of ten is exact enough for
 * display (amounts stay integers everywhere else).
 */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const format = moneyFormat(locale, currency);
  const exponent = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** exponent);
}

export function formatDate(
  date: Date,
  locale: string,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' },
): string {
  return new Intl.DateTimeFormat(locale, options).format(date);
}
