#!/usr/bin/env node
// `pnpm trace:tasks [URL]`: the main-thread tasks of one page load in headless Chromium (fresh
// profile, a phone's viewport, no throttling), from a performance trace. Lists every task of at
// least MIN_MS (default 4) milliseconds with what filled it (script by URL, style, layout, parse),
// and marks first contentful paint. Lighthouse's mobile simulation multiplies task times by 4 and
// counts what exceeds 50 ms after first paint as blocking, so a task above 12.5 ms here blocks
// there. A diagnostic for Total Blocking Time, not a budget check (that is `pnpm audit:lighthouse`).
// Start the shop first (`pnpm start`), or pass its URL.
import { launchChromium } from './browsers.mjs';

const url = process.argv.find((a) => /^https?:/.test(a)) ?? `http://127.0.0.1:${process.env.PORT ?? 5173}/`;
const MIN_MS = Number(process.env.MIN_MS ?? 4);
const BLOCKING_MS = 50 / 4;

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 412, height: 823, isMobile: true, hasTouch: true, deviceScaleFactor: 1.75 });
  await page.tracing.start({
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'v8.execute',
      'blink.user_timing',
      'loading',
      'toplevel',
      // JavaScript samples inside the trace (PROFILE=0 leaves them out: sampling slows scripts down)
      ...(process.env.PROFILE === '0'
        ? []
        : ['disabled-by-default-v8.cpu_profiler', 'disabled-by-default-v8.cpu_profiler.hires']),
    ],
  });
  await page.goto(url, { waitUntil: 'load' });
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.SETTLE_MS ?? 5000)));
  const trace = JSON.parse(Buffer.from(await page.tracing.stop()).toString('utf8'));
  report(trace.traceEvents, process.env.PROFILE === '0' ? [] : traceSamples(trace.traceEvents));
} finally {
  await browser.close();
}

/** The trace's JavaScript samples as [time µs, 'file:function'] of the innermost frame with a script URL. */
function traceSamples(events) {
  const out = [];
  const nodes = new Map();
  const profiles = new Map(); // id -> { t }
  for (const e of events) {
    if (e.name === 'Profile') profiles.set(e.id, { t: e.args.data.startTime });
    if (e.name !== 'ProfileChunk') continue;
    const state = profiles.get(e.id) ?? { t: 0 };
    profiles.set(e.id, state);
    const data = e.args.data.cpuProfile ?? {};
    for (const n of data.nodes ?? []) nodes.set(`${e.id}:${n.id}`, { ...n, parent: n.parent });
    const deltas = e.args.data.timeDeltas ?? [];
    (data.samples ?? []).forEach((id, i) => {
      state.t += deltas[i] ?? 0;
      out.push([state.t, `${e.id}:${id}`]);
    });
  }
  const name = (key) => {
    const [pid] = key.split(':');
    for (let n = nodes.get(key); n; n = n.parent === undefined ? undefined : nodes.get(`${pid}:${n.parent}`)) {
      const f = n.callFrame;
      if (f.url) return `${f.url.replace(/^.*\//, '')}:${f.functionName || '(anonymous)'}`;
      if (f.functionName === '(garbage collector)') return 'gc';
    }
    return undefined;
  };
  return out.map(([t, key]) => [t, name(key) ?? nativeName(nodes.get(key))]).filter(([, n]) => n);
}

/** A sample outside any script: the native function's name, unless the thread is idle. */
function nativeName(node) {
  const f = node?.callFrame?.functionName;
  return !f || ['(idle)', '(root)', '(program)'].includes(f) ? undefined : `native:${f}`;
}

function report(events, jsSamples) {
  // The page's main thread: the renderer thread that ran the navigation's ParseHTML.
  const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url?.startsWith(url.split('#')[0]));
  if (!parse) throw new Error('no ParseHTML for the page in the trace');
  const onMain = events.filter(
    (e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X' && e.dur !== undefined,
  );
  // The page's navigation start: the last one before its HTML was parsed.
  const navStart = Math.max(...events.filter((e) => e.name === 'navigationStart' && e.ts <= parse.ts).map((e) => e.ts));
  const fcp = events.find((e) => e.name === 'firstContentfulPaint' && e.ts >= navStart);
  const ms = (t) => (t / 1000).toFixed(1);
  // Top-level tasks only (the scheduler nests a RunTask inside another one's slice).
  const tasks = [];
  for (const e of onMain
    .filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur)) {
    const last = tasks.at(-1);
    if (!last || e.ts >= last.ts + last.dur) tasks.push(e);
  }
  let blocking = 0;
  console.log(`${url}\nfirst contentful paint at ${fcp ? ms(fcp.ts - navStart) : '?'} ms\n`);
  console.log('start ms | task ms | what (ms)');
  for (const task of tasks) {
    const ownMs = task.dur / 1000;
    if (fcp && task.ts >= fcp.ts && ownMs > BLOCKING_MS) blocking += (ownMs - BLOCKING_MS) * 4;
    if (ownMs < MIN_MS) continue;
    const end = task.ts + task.dur;
    const inside = onMain
      .filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= end)
      .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    // Self time of every event, given to the label of its innermost labelled ancestor (itself
    // included), or to the event's own name when nothing above it is labelled.
    const parts = new Map();
    const add = (key, t) => parts.set(key, (parts.get(key) ?? 0) + t / 1000);
    const stack = [{ e: task, key: 'other', child: 0 }];
    const close = (frame) => add(frame.key, frame.e.dur - frame.child);
    for (const e of inside) {
      while (stack.length > 1 && e.ts >= stack.at(-1).e.ts + stack.at(-1).e.dur) close(stack.pop());
      const parent = stack.at(-1);
      parent.child += e.dur;
      stack.push({ e, key: label(e) ?? (parent.key === 'other' ? e.name : parent.key), child: 0 });
    }
    while (stack.length) close(stack.pop());
    const js = new Map();
    for (const [t, n] of jsSamples) if (t >= task.ts && t < end) js.set(n, (js.get(n) ?? 0) + 0.1);
    const jsTop = [...js]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([k, v]) => `${k} ~${v.toFixed(1)}`)
      .join(', ');
    const what = [...parts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(', ');
    const after = fcp && task.ts >= fcp.ts ? ' ' : '*';
    console.log(`${ms(task.ts - navStart).padStart(8)}${after}| ${ownMs.toFixed(1).padStart(7)} | ${what}`);
    if (jsTop) console.log(`${''.padStart(9)}|${''.padStart(8)} |   js: ${jsTop}`);
  }
  console.log(
    `\n* before first contentful paint. Estimated blocking time (tasks × 4 above 50 ms, after FCP): ${blocking.toFixed(0)} ms`,
  );
}

/** What a trace event spent its time on, grouped coarsely; nested events are counted by their outermost kind. */
function label(e) {
  const data = e.args?.data ?? e.args?.beginData ?? {};
  const short = (u) => (u ? u.replace(/^https?:\/\/[^/]+/, '') || '/' : '?');
  switch (e.name) {
    case 'EvaluateScript':
    case 'v8.evaluateModule':
      return `eval ${short(data.url ?? data.stackTrace?.[0]?.url)}`;
    case 'FunctionCall':
      return `call ${short(data.url)}`;
    case 'v8.compile':
    case 'v8.compileModule':
      return `compile ${short(data.url ?? e.args?.fileName)}`;
    case 'UpdateLayoutTree':
      return 'style';
    case 'Layout':
      return 'layout';
    case 'ParseHTML':
      return 'parse html';
    case 'ParseAuthorStyleSheet':
      return 'parse css';
    case 'Paint':
    case 'PrePaint':
    case 'Layerize':
      return 'paint';
    default:
      return undefined;
  }
}
