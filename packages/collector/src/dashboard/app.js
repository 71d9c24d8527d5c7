// Vitrine growth dashboard: plain DOM, no framework, no inline script (served under a strict CSP).
// Reads are open; every change asks for the admin token first and sends it as a Bearer token.

const TOKEN_KEY = 'vitrine-admin-token';
const SVG_NS = 'http://www.w3.org/2000/svg';
const $ = (id) => document.getElementById(id);

/** Creates an element; attributes starting with "on" become listeners. Text children are escaped. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  el.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  el.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}
function setAttrs(el, attrs) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
}

const state = { site: '', config: null, etag: '', results: new Map() };

// A no-break space before every % sign: "100" and "%" never end up on two lines.
const PCT = '\u00a0%';
const pct = (x, digits = 1) => `${(x * 100).toFixed(digits)}${PCT}`;
const signedPct = (x) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}${PCT}`;
/**
 * An uplift interval's lower end as shown. No variation can convert less than never (−100 %),
 * but the delta method's symmetric interval reaches below that when conversions are few (the
 * results then say it is too early to call); the API keeps the method's own figure.
 */
const lowEnd = (u) => Math.max(u.ci_low, -1);
const num = (n) => n.toLocaleString('en-US');
/** A p-value as every sentence shows it: "p < 0.0001" below that, else four decimals. */
const pText = (p) => (p < 0.0001 ? 'p\u00a0<\u00a00.0001' : `p\u00a0=\u00a0${p.toFixed(4)}`);
/** A user-supplied name (a variation key) inside a sentence or list: isolated, so a right-to-left
 * name cannot pull the figures and punctuation around it into its own run. */
const name = (text) => h('bdi', {}, text);
/** A list of names, each isolated: "a vs b", "a 3, b 5". */
const names = (items, separator, show = (item) => [name(item)]) =>
  items.flatMap((item, i) => (i === 0 ? show(item, i) : [separator, ...show(item, i)]));

/**
 * The prefix of an experiment's element ids. Keys may hold ".", "_" and "-" (checkout.v2 and
 * checkout_v2 are two experiments), so every character other than a letter, digit or "-" is
 * written as "_", its code point in hex and "x": distinct keys give distinct prefixes. "__" joins
 * the prefix to each part's name; no prefix holds "__" (each "_" is followed by a hex digit), so
 * no key's part can spell another key's.
 */
const idPrefix = (key) => `exp-${key.replace(/[^A-Za-z0-9-]/gu, (c) => `_${c.codePointAt(0).toString(16)}x`)}__`;

/**
 * Revenue per unit as the results' currency writes it. Amounts are in the currency's minor unit,
 * whose size is the currency's own (JPY has none, USD two decimals, KWD three): Intl knows it.
 * Without a currency (or one Intl does not know) the figure stays a plain number, minor units ÷ 100.
 */
function revenueFormat(currency) {
  if (typeof currency === 'string' && currency) {
    try {
      const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
      const exponent = format.resolvedOptions().maximumFractionDigits;
      return { format: (minor) => format.format(minor / 10 ** exponent), note: null };
    } catch {
      // not an ISO 4217 code this browser knows: plain figures, and a note that says so
    }
  }
  return {
    format: (minor) => (minor / 100).toFixed(2),
    note:
      typeof currency === 'string' && currency
        ? ` Revenue is in ${currency}, which this browser cannot format: minor units ÷ 100.`
        : ' Revenue has no currency in these results: minor units ÷ 100.',
  };
}

function say(message, isError = false) {
  const status = $('status');
  status.textContent = message;
  status.classList.toggle('error', isError);
}

// ---- token -------------------------------------------------------------------------------------

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}
function showAuth() {
  $('auth-state').textContent = token() ? 'Changes unlocked' : 'Read-only';
  $('unlock').textContent = token() ? 'Forget token' : 'Enter admin token';
}
let tokenWaiters = [];
function askToken() {
  return new Promise((resolve) => {
    tokenWaiters.push(resolve);
    $('token-error').textContent = '';
    $('token').value = '';
    if (!$('token-dialog').open) $('token-dialog').showModal();
    $('token').focus();
  });
}
function settleToken(value) {
  const waiters = tokenWaiters;
  tokenWaiters = [];
  for (const resolve of waiters) resolve(value);
}
async function ensureToken() {
  return token() ?? (await askToken());
}
$('token-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const value = $('token').value.trim();
  if (!value) return;
  const res = await fetch('/v1/admin/check', { headers: { authorization: `Bearer ${value}` } });
  if (res.status !== 204) {
    $('token-error').textContent = 'That token was refused by the collector.';
    $('token').focus();
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, value);
  $('token-dialog').close();
  showAuth();
  settleToken(value);
});
$('token-cancel').addEventListener('click', () => $('token-dialog').close());
$('token-dialog').addEventListener('close', () => settleToken(null));
$('unlock').addEventListener('click', async () => {
  if (token()) {
    sessionStorage.removeItem(TOKEN_KEY);
    showAuth();
    say('Admin token forgotten; the dashboard is read-only.');
  } else if (await askToken()) say('Changes unlocked for this tab.');
});

// ---- data --------------------------------------------------------------------------------------

async function loadSites() {
  const { sites } = await (await fetch('/v1/sites')).json();
  const select = $('site');
  select.replaceChildren(...sites.map((site) => h('option', { value: site }, site)));
  const wanted = new URLSearchParams(location.search).get('site');
  state.site = sites.includes(wanted) ? wanted : (sites[0] ?? '');
  select.value = state.site;
  if (sites.length === 0) {
    forgetCharts();
    $('experiments').replaceChildren(h('p', { class: 'muted' }, 'No site has sent events or has a config yet.'));
  }
}

/** `restore`: the control to focus again after the re-render when focus fell out of the page (see render). */
async function loadSite(restore) {
  if (!state.site) return;
  const res = await fetch(`/v1/config/${encodeURIComponent(state.site)}`, { cache: 'no-store' });
  state.config = await res.json();
  state.etag = res.headers.get('etag') ?? '';
  state.results.clear();
  await Promise.all(
    state.config.experiments.map(async (e) => {
      const r = await fetch(
        `/v1/experiments/${encodeURIComponent(e.key)}/results?site=${encodeURIComponent(state.site)}`,
      );
      if (r.ok) state.results.set(e.key, await r.json());
    }),
  );
  render(restore);
  await loadAudit();
}

const AUDIT_LIMIT = 30;

/** The audit table's caption: all the changes while there are fewer than a page holds, else the latest ones. */
function auditCaption(count, site) {
  if (count === 1) return `1 config change for ${site}`;
  return `${count < AUDIT_LIMIT ? 'All' : 'The latest'} ${count} config changes for ${site}, newest first`;
}

async function loadAudit() {
  const { entries } = await (await fetch(`/v1/audit/${encodeURIComponent(state.site)}?limit=${AUDIT_LIMIT}`)).json();
  if (entries.length === 0) {
    $('audit').replaceChildren(h('p', { class: 'muted' }, 'No changes yet.'));
    return;
  }
  $('audit').replaceChildren(
    h(
      'div',
      { class: 'table-wrap card', role: 'region', tabindex: 0, 'aria-label': 'Audit entries' },
      h(
        'table',
        { class: 'audit' },
        h('caption', {}, auditCaption(entries.length, state.site)),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'When (UTC)'), h('th', { scope: 'col' }, 'What changed'))),
        h(
          'tbody',
          {},
          entries.map((entry) =>
            h(
              'tr',
              {},
              h(
                'td',
                {},
                h(
                  'time',
                  { datetime: new Date(entry.at).toISOString() },
                  new Date(entry.at).toISOString().replace('T', ' ').slice(0, 19),
                ),
              ),
              h('td', {}, entry.summary),
            ),
          ),
        ),
      ),
    ),
  );
}

/** Applies `change` to a copy of the experiment and PUTs the whole config (If-Match guards concurrent edits). */
async function update(key, change, description) {
  // the control the change came from: the list is drawn again after the save, and focus goes back
  // to the same control there (it fell to <body> with the old one)
  const from = focusedControl();
  const auth = await ensureToken();
  if (!auth) {
    say('No change made: the admin token is needed.', true);
    return;
  }
  const next = structuredClone(state.config);
  const experiment = next.experiments.find((e) => e.key === key);
  change(experiment);
  const res = await fetch(`/v1/config/${encodeURIComponent(state.site)}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json', 'if-match': state.etag },
    body: JSON.stringify(next),
  });
  if (res.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    showAuth();
    say('The admin token was refused; enter it again.', true);
    return;
  }
  if (res.status === 412) {
    await loadSite(from);
    say(
      `Not saved: someone else changed the config meanwhile. Your change (${description}) was not applied; ` +
        'the page now shows their version, so make it again if it still applies.',
      true,
    );
    return;
  }
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    const problems = (body.problems ?? []).map((p) => `${p.path}: ${p.reason}`).join('; ');
    say(`Not saved: ${problems || body.error || res.status}`, true);
    return;
  }
  await loadSite(from);
  say(`Saved: ${description}.`);
}

// ---- rendering ---------------------------------------------------------------------------------

/** The focused control of an experiment's card, as {key, control} (its data-focus), or null. */
function focusedControl() {
  const el = document.activeElement;
  const article = el?.closest?.('article[data-key]');
  return article && el.dataset.focus ? { key: article.dataset.key, control: el.dataset.focus } : null;
}

/** Focuses the control `at` names in the new list: itself, else its card's title, else the list's heading. */
function refocus(at) {
  const article = [...$('experiments').querySelectorAll('article[data-key]')].find((a) => a.dataset.key === at.key);
  const target =
    [...(article?.querySelectorAll('[data-focus]') ?? [])].find((el) => el.dataset.focus === at.control) ??
    article?.querySelector('h3') ??
    $('experiments-heading');
  if (!target.matches('button, input, select, [tabindex]')) target.setAttribute('tabindex', '-1');
  target.focus();
}

/**
 * Draws the experiments again. Focus stays where it was: on the same control of the same card
 * when it was in the list, or on `restore` when it had already fallen to <body> (a save that
 * went through the token dialog); focus elsewhere on the page is left alone.
 */
function render(restore) {
  const active = document.activeElement;
  const at = focusedControl() ?? (!active || active === document.body ? restore : null);
  drawExperiments();
  if (at && (!document.activeElement || document.activeElement === document.body)) refocus(at);
}

function drawExperiments() {
  const experiments = state.config?.experiments ?? [];
  if (experiments.length === 0) {
    forgetCharts();
    $('experiments').replaceChildren(
      h(
        'p',
        { class: 'muted' },
        `No experiments configured for ${state.site}. Add them with PUT /v1/config/${state.site}.`,
      ),
    );
    return;
  }
  forgetCharts();
  $('experiments').replaceChildren(...experiments.map(renderExperiment));
}

function renderExperiment(e) {
  const status = e.status ?? 'running';
  const coverage = e.coverage ?? 1;
  const weights = e.weights ?? e.variations.map(() => 1 / e.variations.length);
  const id = idPrefix(e.key);
  const results = state.results.get(e.key);

  const statusButtons = h(
    'div',
    { class: 'status-buttons', role: 'group', 'aria-label': `Status of ${e.key}` },
    [
      // State labels, not verbs: the pressed button is the state in force, and reads as such.
      ['running', 'Running'],
      ['paused', 'Paused'],
      ['stopped', 'Stopped'],
    ].map(([value, label]) =>
      h(
        'button',
        {
          type: 'button',
          'aria-pressed': String(status === value),
          'data-status': value,
          'data-focus': `status-${value}`,
          onclick: () =>
            status !== value &&
            update(e.key, (x) => (x.status = value), `${e.key} ${value === 'running' ? 'started' : value}`),
        },
        label,
      ),
    ),
  );

  const coverageId = `${id}coverage`;
  const coverageOut = h('output', { for: coverageId }, pct(coverage, 0));
  const coverageForm = h(
    'form',
    {
      onsubmit: (event) => {
        event.preventDefault();
        const value = Number(event.target.elements.coverage.value) / 100;
        update(e.key, (x) => (x.coverage = value), `${e.key} coverage ${pct(value, 0)}`);
      },
    },
    h('label', { for: coverageId }, 'Coverage'),
    h('input', {
      id: coverageId,
      name: 'coverage',
      'data-focus': 'coverage',
      type: 'range',
      min: 0,
      max: 100,
      step: 5,
      value: Math.round(coverage * 100),
      'aria-valuetext': pct(coverage, 0),
      oninput: (event) => {
        coverageOut.textContent = `${event.target.value}${PCT}`;
        event.target.setAttribute('aria-valuetext', `${event.target.value}${PCT}`);
      },
    }),
    coverageOut,
    h('button', { type: 'submit', class: 'secondary', 'data-focus': 'apply-coverage' }, 'Apply coverage'),
  );

  const weightsForm = h(
    'form',
    {
      onsubmit: (event) => {
        event.preventDefault();
        const inputs = [...event.target.querySelectorAll('input')];
        const raw = inputs.map((input) => Number(input.value));
        const total = raw.reduce((a, b) => a + b, 0);
        if (!(total > 0)) return say('Weights must add up to more than 0.', true);
        const next = raw.map((w) => Math.round((w / total) * 10000) / 10000);
        next[next.length - 1] = Math.round((1 - next.slice(0, -1).reduce((a, b) => a + b, 0)) * 10000) / 10000;
        update(e.key, (x) => (x.weights = next), `${e.key} weights ${next.map((w) => pct(w, 0)).join(' / ')}`);
      },
    },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Weights (%)'),
      e.variations.map((variation, i) => {
        const inputId = `${id}w${i}`;
        // each name with its box: a narrow screen wraps between pairs, never inside one
        return h(
          'span',
          { class: 'weight' },
          h('label', { for: inputId }, name(variation)),
          h('input', {
            id: inputId,
            type: 'number',
            min: 0,
            max: 100,
            step: 1,
            value: Math.round(weights[i] * 100),
            'data-focus': `weight-${i}`,
          }),
        );
      }),
      h('button', { type: 'submit', class: 'secondary', 'data-focus': 'apply-weights' }, 'Apply weights'),
    ),
  );

  return h(
    'article',
    { class: 'experiment', 'aria-labelledby': `${id}title`, 'data-key': e.key },
    h(
      'header',
      {},
      h('h3', { id: `${id}title` }, e.key),
      h('span', { class: `badge ${status}` }, status),
      h('span', { class: 'muted' }, names(e.variations, ' vs '), ` · coverage ${pct(coverage, 0)}`),
    ),
    h('div', { class: 'controls' }, statusButtons, coverageForm, weightsForm),
    results ? renderResults(e, results, id) : h('p', { class: 'muted' }, 'No exposures yet.'),
  );
}

/**
 * Conversions each variation needs before its interval, p-value and chance to win mean much: the
 * delta method and the normal approximation behind them hold from about ten events on each side.
 */
const MIN_CONVERSIONS = 10;

/** The sample-ratio sentence: how the test went, and over which weights (fields newer collectors send). */
function srmSentence(r) {
  const periods = Number.isInteger(r.weight_periods) ? r.weight_periods : 1;
  if (r.srm_p_value === null || r.srm_p_value === undefined)
    return periods > 1
      ? 'Sample-ratio test: skipped, because the weights changed during the experiment.'
      : 'Sample-ratio test: not enough data.';
  return periods > 1
    ? `Sample-ratio test over the ${num(periods)} weight periods: ${pText(r.srm_p_value)}.`
    : `Sample-ratio test: ${pText(r.srm_p_value)}.`;
}

function renderResults(e, r, id) {
  const total = r.variations.reduce((sum, v) => sum + v.units, 0);
  const conversions = r.variations.map((v) => Math.round(v.conversion_rate * v.units));
  const early = r.variations.length > 1 && conversions.some((n) => n < MIN_CONVERSIONS);
  const srm = typeof r.srm_p_value === 'number' && r.srm_p_value < 0.001;
  const outOfRange = Number.isFinite(r.out_of_range_units) ? r.out_of_range_units : 0;
  const revenue = revenueFormat(r.currency);
  const anyRevenue = r.variations.some((v) => v.revenue_per_unit_minor > 0);
  const funnelCell = (n, units) => (units > 0 ? `${num(n)} (${pct(n / units)})` : num(n));
  const rows = r.variations.map((v) =>
    h(
      'tr',
      {},
      // the name wraps within a capped width: the column stays put on a phone, so a long name
      // must leave room for the columns that scroll past it
      h('th', { scope: 'row' }, h('span', { class: 'name' }, name(v.key), v.variation === 0 ? ' (control)' : '')),
      h('td', {}, num(v.units)),
      h('td', {}, funnelCell(v.funnel.product_view, v.units)),
      h('td', {}, funnelCell(v.funnel.add_to_cart, v.units)),
      h('td', {}, funnelCell(v.funnel.begin_checkout, v.units)),
      h('td', {}, funnelCell(v.funnel.purchase, v.units)),
      h('td', {}, pct(v.conversion_rate, 2)),
      h('td', {}, revenue.format(v.revenue_per_unit_minor)),
      h(
        'td',
        {
          class: `uplift${v.uplift ? (v.uplift.ci_low > 0 ? ' positive' : v.uplift.ci_high < 0 ? ' negative' : '') : ''}`,
        },
        v.uplift
          ? `${signedPct(v.uplift.estimate)} [${signedPct(lowEnd(v.uplift))}, ${signedPct(v.uplift.ci_high)}]`
          : '—',
      ),
      h('td', {}, v.p_value === null ? '—' : v.p_value < 0.0001 ? '<\u00a00.0001' : v.p_value.toFixed(4)),
      h('td', {}, v.chance_to_win === null ? '—' : pct(v.chance_to_win)),
    ),
  );
  return h(
    'div',
    { class: 'results' },
    h(
      'p',
      {},
      h('strong', {}, `Sample size so far: ${num(total)} units`),
      ` (left out: ${num(r.multi_exposed_units)} exposed to several variations, ${num(r.bot_units)} ${r.bot_units === 1 ? 'bot' : 'bots'}). `,
      srmSentence(r),
    ),
    outOfRange > 0
      ? h(
          'p',
          { class: 'note out-of-range' },
          `${num(outOfRange)} ${outOfRange === 1 ? 'unit was' : 'units were'} exposed to a variation this config does not have ` +
            `(it lists ${e.variations.length}); left out of the rows below.`,
        )
      : null,
    early
      ? h(
          'p',
          { class: 'note early' },
          h('strong', {}, 'Too early to call. '),
          `Intervals, p-values and chances to win are unreliable below ${MIN_CONVERSIONS} conversions (${r.metric}) per variation; so far `,
          names(r.variations, ', ', (v, i) => [name(v.key), ` ${num(conversions[i])}`]),
          '.',
        )
      : null,
    srm
      ? h(
          'p',
          { class: 'warn srm', role: 'alert' },
          `Sample ratio mismatch: units are not split as the weights say (${pText(r.srm_p_value)}). ` +
            'Check assignment, bots and redirects before trusting these results.',
        )
      : null,
    r.mixed_currencies === true
      ? h(
          'p',
          { class: 'warn mixed-currencies' },
          // the collector never adds up amounts in different currencies: it reports the most common one's
          `Revenue mixes currencies: purchases came in more than one currency, and revenue per unit counts only ${
            typeof r.currency === 'string' && r.currency ? `those in ${r.currency}` : 'those that named none'
          } (the most common); the others are left out of it. Conversion and uplift count every purchase.`,
        )
      : null,
    // Title and note outside the table: a phone scrolls the table sideways, and a caption would
    // scroll (and be cut off) with it.
    h('p', { class: 'funnel-title', id: `${id}funnel` }, `Funnel per variation (metric: ${r.metric})`),
    h(
      'p',
      { class: 'muted funnel-note', id: `${id}funnel-note` },
      'Each step counts the units with that event after their first exposure; a product view counts from the visit that exposed them.',
      anyRevenue ? revenue.note : null,
    ),
    h(
      'div',
      {
        class: 'table-wrap',
        role: 'region',
        tabindex: 0,
        'aria-label': `Results of ${e.key}`,
        'data-focus': 'results',
      },
      h(
        'table',
        { 'aria-labelledby': `${id}funnel`, 'aria-describedby': `${id}funnel-note` },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [
              'Variation',
              'Units',
              'Product view',
              'Add to cart',
              'Checkout',
              'Purchase',
              'Conversion',
              'Revenue / unit',
              `Uplift [95${PCT} CI]`,
              'p-value',
              'Chance to win',
            ].map((label) => h('th', { scope: 'col' }, label)),
          ),
        ),
        h('tbody', {}, rows),
      ),
    ),
    renderChart(r, id),
  );
}

/** Each chart's drawing function by its figure: charts are drawn at their figure's width. */
const charts = new Map();
const chartSizes =
  typeof ResizeObserver === 'undefined'
    ? null
    : new ResizeObserver((entries) => {
        for (const entry of entries) charts.get(entry.target)?.(entry.contentRect.width);
      });

/**
 * Horizontal intervals of relative uplift per variation against a zero line. The SVG is drawn at
 * its figure's width (and again when that changes), never scaled: on a phone its labels keep
 * their 12 px and the axis has fewer ticks instead of shrunken, overlapping ones.
 */
function renderChart(r, id) {
  const items = r.variations.filter((v) => v.uplift);
  if (items.length === 0)
    return h(
      'p',
      { class: 'muted' },
      'The uplift chart appears once control and another variation both have conversions.',
    );
  const titleId = `${id}chart-title`;
  const summary = items
    .map(
      (v) =>
        `${v.key}: ${signedPct(v.uplift.estimate)}, 95${PCT} interval ${signedPct(lowEnd(v.uplift))} to ${signedPct(v.uplift.ci_high)}`,
    )
    .join('; ');
  const figure = h(
    'figure',
    { class: 'chart' },
    h(
      'figcaption',
      {},
      `Relative uplift in purchase conversion against control, with the 95${PCT} interval (delta method).`,
    ),
  );
  let drawn = 0;
  const draw = (available) => {
    const width = Math.round(Math.max(280, Math.min(640, available || 640)));
    if (width === drawn) return;
    drawn = width;
    figure.querySelector('svg')?.remove();
    figure.prepend(drawChart(items, width, titleId, `Relative uplift vs control. ${summary}`));
  };
  draw(640);
  charts.set(figure, draw);
  chartSizes?.observe(figure);
  return figure;
}

/** Before the experiments are drawn again: their charts are no longer watched. */
function forgetCharts() {
  for (const figure of charts.keys()) chartSizes?.unobserve(figure);
  charts.clear();
}

let measurer;
/** The width of a label in the charts' 12 px font (see app.css). */
function labelWidth(text) {
  measurer ??= document.createElement('canvas').getContext('2d');
  measurer.font = '12px system-ui, sans-serif';
  return measurer.measureText(text).width;
}

/**
 * The chart's axis: from the lowest interval end to the highest, zero always in view (not
 * centred: an interval clipped at −100 % with a long upper end used to leave half the drawing
 * empty), with ticks at the smallest round step whose labels, measured in their font, keep 12 px
 * apart (and lines at least 56 px). Zero and at least one other tick are labelled: when that step
 * is longer than both sides of zero, the axis runs on to the next tick (a −12 % to +40 % interval
 * on a phone had 50 % steps and showed "0" alone, no scale).
 */
function axis(items, plot) {
  let lo = Math.min(0, ...items.map((v) => lowEnd(v.uplift)));
  let hi = Math.max(0, ...items.map((v) => v.uplift.ci_high));
  if (hi - lo < 0.1) [lo, hi] = [Math.min(lo, -0.05), Math.max(hi, 0.05)];
  const first = Math.floor(Math.log10((hi - lo) / 20));
  let chosen;
  for (let power = first; !chosen; power++) {
    for (const m of [1, 2, 2.5, 5]) {
      const step = m * 10 ** power;
      let [a, b] = [lo, hi];
      if (b < step - 1e-9 && -a < step - 1e-9) {
        if (b >= -a) b = step;
        else a = -step;
      }
      const ticks = [];
      for (let i = Math.ceil(a / step - 1e-9); i * step <= b + 1e-9; i++) ticks.push(Math.round(i * step * 1e6) / 1e6);
      // decimals the step needs in percent: 50 %, 2.5 %, 0.25 %
      const digits =
        [0, 1, 2, 3].find((d) => Math.abs(step * 10 ** (d + 2) - Math.round(step * 10 ** (d + 2))) < 1e-6) ?? 3;
      const label = (t) => (t === 0 ? '0' : `${t > 0 ? '+' : '−'}${Math.abs(t * 100).toFixed(digits)}${PCT}`);
      // a little room beyond the outer ends, so the round caps and end labels stay inside
      const pad = (b - a) * 0.04;
      const apart = (step / (b - a + 2 * pad)) * plot;
      const widest = Math.max(...ticks.map((t) => labelWidth(label(t))));
      if (apart >= Math.max(56, widest + 12) || power > first + 8) {
        chosen = { lo: a - pad, hi: b + pad, ticks, label };
        break;
      }
    }
  }
  return chosen;
}

/**
 * A variation's name as the chart can show it, `max` px at most: cut with an ellipsis when longer
 * (the table and the chart's title keep the whole name). The cut name is isolated (FSI…PDI), so a
 * right-to-left name gets its ellipsis at its own end.
 */
function fitLabel(text, max) {
  if (labelWidth(text) <= max) return text;
  const chars = [...text];
  while (chars.length > 1 && labelWidth(`${chars.join('')}…`) > max) chars.pop();
  return `\u2068${chars.join('').trimEnd()}…\u2069`;
}

function drawChart(items, width, titleId, title) {
  // room for the longest variation name beside its interval, up to 40 % of the drawing (a longer name
  // is cut: at 45 % a phone's plot was too narrow for −100 % and 0 to be labelled at a 100 % step)
  const longest = Math.max(...items.map((v) => labelWidth(v.key))) + 16;
  const left = Math.round(Math.min(width * 0.4, Math.max(Math.min(130, width * 0.24), longest)));
  const right = 40;
  const rowHeight = 34;
  const height = 40 + items.length * rowHeight;
  const { lo, hi, ticks, label } = axis(items, width - left - right);
  const x = (value) => left + ((value - lo) / (hi - lo)) * (width - left - right);
  return s(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-labelledby': titleId },
    s('title', { id: titleId }, title),
    ticks.map((t) => [
      s('line', {
        x1: x(t),
        x2: x(t),
        y1: 10,
        y2: height - 24,
        stroke: t === 0 ? '#1b1f24' : '#d0d7de',
        'stroke-width': t === 0 ? 1.5 : 1,
      }),
      s(
        'text',
        // centred under their line (the drawing keeps room for half a label either side)
        {
          x: x(t),
          y: height - 8,
          'text-anchor': 'middle',
        },
        label(t),
      ),
    ]),
    items.map((v, i) => {
      const y = 28 + i * rowHeight;
      const colour = v.uplift.ci_low > 0 ? '#116329' : v.uplift.ci_high < 0 ? '#a40e26' : '#0a58ca';
      return [
        s('text', { x: left - 10, y: y + 4, 'text-anchor': 'end' }, fitLabel(v.key, left - 12)),
        s('line', {
          x1: x(lowEnd(v.uplift)),
          x2: x(v.uplift.ci_high),
          y1: y,
          y2: y,
          stroke: colour,
          'stroke-width': 6,
          'stroke-linecap': 'round',
        }),
        s('circle', { cx: x(v.uplift.estimate), cy: y, r: 6, fill: '#fff', stroke: colour, 'stroke-width': 3 }),
      ];
    }),
  );
}

// ---- start -------------------------------------------------------------------------------------

$('site').addEventListener('change', (event) => {
  state.site = event.target.value;
  history.replaceState(null, '', `?site=${encodeURIComponent(state.site)}`);
  loadSite().catch((error) => say(`Could not load ${state.site}: ${error.message}`, true));
});

showAuth();
loadSites()
  .then(loadSite)
  .catch((error) => say(`Could not reach the collector: ${error.message}`, true));
