/**
 * The merchant's script tag:
 *
 *   <link rel="stylesheet" href="https://cdn.example/vitrine/vitrine.css">
 *   <script type="module" src="https://cdn.example/vitrine/vitrine.js" data-site="my-shop"
 *           data-endpoint="https://collect.example/v1/batch"></script>
 *
 * It creates the page's one Vitrine client, loads only the elements present on the page,
 * replays commands queued in `window.vitrine` before it loaded, and tracks `data-vitrine-track`
 * markup. It never throws into the page.
 */
import { createClient } from '@vitrine/client';
import { autoload } from './autoload.js';
import { trackDom } from './track-dom.js';
import { readSettings } from './settings.js';
import { VitrineApi, type Command } from './api.js';
import { later } from './later.js';

declare const __VITRINE_VERSION__: string;
const VERSION = __VITRINE_VERSION__;
const RUNTIME = Symbol.for('vitrine.runtime');
const CLIENT = Symbol.for('vitrine.client');

type Global = typeof globalThis & {
  [RUNTIME]?: VitrineApi;
  [CLIENT]?: unknown;
  vitrine?: Command[] | VitrineApi;
};
const g = globalThis as Global;

function warn(message: string): void {
  console.warn(`Vitrine: ${message}`);
}

/** A second copy (another version, another app) uses the first one's client and counts nothing twice. */
function taken(): unknown {
  const existing = g[RUNTIME];
  if (existing)
    warn(`${existing.version} is already running on this page; this copy (${VERSION}) uses it and does nothing else.`);
  return existing;
}

function start(): void {
  if (taken()) return;
  // Start-up is a row of short tasks, each a few ms on a phone (see the README): the storage area
  // (openStorage, before this); the page's settings (the config block's JSON); the client (its
  // ids; it loads its chunks and stores a new id in tasks of its own); the page's queued commands
  // (in order: `window.vitrine` stays the array until they have run) and declarative tracking;
  // sessionStorage on a page with experiments; the elements, each import in a task of its own.
  const settings = readSettings(document, import.meta.url, warn);
  later(() => {
    if (taken()) return; // another copy started meanwhile
    const client = createClient(settings.client);
    const api = new VitrineApi(VERSION, client, warn);
    g[RUNTIME] = api;
    g[CLIENT] = client;
    later(() => {
      const queued = g.vitrine;
      g.vitrine = api;
      if (Array.isArray(queued)) for (const command of queued) api.push(command);
      trackDom(document, (type, fields) => client.track(type, fields), warn);
      later(() => {
        // <vitrine-experiment> reads sessionStorage (the preview flag) as it stamps: its storage
        // area opens here, in a task of its own (a round trip like localStorage's, 3-15 ms).
        if (document.querySelector('vitrine-experiment')) openSession();
        later(() =>
          autoload(document, (tag, error) =>
            warn(`<${tag}> could not be loaded (${(error as Error)?.message ?? error}).`),
          ),
        );
      });
    });
  });
}

// The page's first touch of localStorage opens its storage area: a synchronous round trip to the
// browser of up to ~12 ms on a fresh profile. It gets a task of its own, before the client's.
function openStorage(): void {
  try {
    void localStorage.length;
  } catch {
    /* blocked storage: the client keeps its state in memory */
  }
  later(safeStart);
}

function openSession(): void {
  try {
    void sessionStorage.length;
  } catch {
    /* blocked storage: the experiment shows no preview */
  }
}

let started = false;
function safeStart(): void {
  if (started) return;
  // With `async`, this script may run while the page is still arriving: the elements and the
  // page's settings are read once it has all been parsed.
  if (document.readyState == 'loading') return addEventListener('DOMContentLoaded', safeStart);
  started = true;
  try {
    start();
  } catch (error) {
    warn(`could not start: ${(error as Error)?.message ?? error}`);
  }
}

// After the page's first contentful paint, as the browser reports it, so Vitrine's chunks and
// renders never compete with it (elements keep their reserved space meanwhile; commands pushed
// onto `window.vitrine` wait in the array). A page with nothing else to paint, or a browser
// without paint timing (Safari before 14.1: it ignores the observer, or refuses its options),
// starts 2.5 s after this script at the latest; a hidden page paints nothing and starts at once,
// or as soon as it is hidden before painting.
if (document.visibilityState === 'hidden') safeStart();
else {
  document.addEventListener('visibilitychange', safeStart);
  setTimeout(safeStart, 2500);
  try {
    new PerformanceObserver((list) => list.getEntriesByName('first-contentful-paint')[0] && later(openStorage)).observe(
      { type: 'paint', buffered: true },
    );
  } catch {
    /* the timer starts it */
  }
}
