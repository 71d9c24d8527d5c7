// A classic worker started by intl-warm.ts: it makes the process's first `Intl` formatters, so
// that ICU's start-up (tens of milliseconds in Chromium) is paid off the page's main thread.
new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format(1);
new Intl.DateTimeFormat('en', { timeZone: 'UTC', dateStyle: 'medium' }).formatToParts(0);
postMessage(0);
