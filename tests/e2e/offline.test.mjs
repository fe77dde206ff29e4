// Offline use (issue "For bloggers and for anyone offline"):
// - the served page: after the first visit its service worker (src/sw.js) holds the
//   app's files, so that with the network off a reload still brings up a working page;
//   a new build installs beside the old one, takes over once no tab runs the old one,
//   and deletes the old cache;
// - the single-file build (scripts/single-file.mjs), opened from disk: it reads a
//   dropped log in its Web Worker and makes no request but for file:, blob: and data:
//   URLs, with no CSP error.
// Every expected figure is worked out by hand below.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { useApp, startServer, dropFiles, dataValue, assertPeriods, DIST, READY, IDLE, WAIT } from './harness.mjs';
import { buildSingleFile } from '../../scripts/single-file.mjs';
import { stampServiceWorker } from '../../scripts/offline-manifest.mjs';

const app = useApp();

// Purchases (W = 90, months): A 05-01, 10-02, 15-03; B 20-01, 01-03; C 12-02.
// In the base at Feb 1 {A, B}, Mar 1 {A, B, C}, Apr 1 {A, B, C}: nobody churns.
//   2024-02: S 2, E 3, N 1 (C)  → CRR (3 − 1) / 2 × 100 = 100
//   2024-03: S 3, E 3, N 0      → CRR 100
// Totals: 3 customers, 6 purchases, revenue 10 + 20 + 15 + 30 + 25 + 10 = 110.
const LOG = 'customer_id,date,amount\n'
  + 'A,2024-01-05,10.00\nB,2024-01-20,20.00\nA,2024-02-10,15.00\n'
  + 'C,2024-02-12,30.00\nB,2024-03-01,25.00\nA,2024-03-15,10.00\n';

/** Drops the log and checks its figures. */
async function readsTheLog(page) {
  await dropFiles(page, [{ name: 'orders.csv', bytes: [...Buffer.from(LOG, 'utf8')] }]);
  await page.waitForSelector(READY, { timeout: WAIT });
  const scope = 'section.analysis[data-kind=transactions][data-file="orders.csv"]';
  await page.waitForSelector(scope, { timeout: WAIT });
  assert.equal(await dataValue(page, `${scope} #sec-totals [data-metric=customers_total]`), '3', 'customers_total');
  assert.equal(await dataValue(page, `${scope} #sec-totals [data-metric=transactions_total]`), '6', 'transactions_total');
  assert.equal(Number(await dataValue(page, `${scope} #sec-totals [data-metric=revenue_total]`)), 110, 'revenue_total');
  await assertPeriods(page, scope, [['2024-02', 2, 3, 1], ['2024-03', 3, 3, 0]]);
}

/**
 * Records every request of a browser context (the page's, its workers' and its
 * service worker's) and every console error of the page and its workers.
 */
function record(context, page) {
  const r = { requests: [], errors: [] };
  context.on('request', (req) => r.requests.push({ url: req.url(), sw: Boolean(req.serviceWorker()) }));
  const onConsole = (msg) => {
    if (msg.type() === 'error') r.errors.push(`${msg.text()} @ ${msg.location()?.url ?? ''}`);
  };
  page.on('console', onConsole);
  page.on('worker', (w) => w.on('console', onConsole));
  page.on('pageerror', (err) => r.errors.push(String(err?.stack ?? err)));
  return r;
}

/** The service worker's caches and whether it controls the page. */
const swState = (page) =>
  page.evaluate(async () => ({
    caches: await caches.keys(),
    controller: navigator.serviceWorker.controller?.scriptURL ?? null,
    waiting: Boolean((await navigator.serviceWorker.getRegistration())?.waiting),
  }));

async function controlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: WAIT });
}

test('served page: after the first visit it reloads and reads a file with the network off', async () => {
  const p = await app.open({ query: '?language=en' });
  const { page, context } = p;
  const seen = record(context, page);
  await controlled(page);
  const { caches } = await swState(page);
  assert.equal(caches.length, 1, `one cache: ${caches}`);
  // The cache holds every file of the build (but sw.js, which the browser keeps itself,
  // and the two pages for other sites' frames: embed.html and the single-file app).
  const notCached = ['sw.js', 'embed.html', 'retention-calculator.html'];
  const files = fs.readdirSync(DIST).filter((f) => !notCached.includes(f));
  assert.ok(files.length >= 8, files.join(' '));
  const held = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url), caches[0]);
  for (const f of files) assert.ok(held.includes(`${p.origin}/${f}`), `${f} is cached: ${held.join(' ')}`);
  assert.ok(held.includes(`${p.origin}/`), 'the page itself is cached');
  for (const f of notCached) assert.ok(!held.includes(`${p.origin}/${f}`), `${f} is not cached`);

  // The network off: the server must not hear of the page again.
  let served = 0;
  const count = () => served++;
  app.server.on('request', count);
  await context.setOffline(true);
  const responses = [];
  const onResponse = (res) => responses.push({ url: res.url(), sw: res.fromServiceWorker() });
  page.on('response', onResponse);
  try {
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector(IDLE, { timeout: WAIT });
    await readsTheLog(page);
    await page.waitForTimeout(500);
  } finally {
    app.server.off('request', count);
    page.off('response', onResponse);
  }
  assert.equal(served, 0, 'no request reached the server while offline');
  const fromNetwork = responses.filter((r) => !r.sw && !r.url.startsWith('blob:') && !r.url.startsWith('data:'));
  assert.deepEqual(fromNetwork, [], 'every file came from the service worker');
  assert.ok(responses.some((r) => r.url.endsWith('_bg.wasm')), 'the app was loaded again');
  for (const r of seen.requests) {
    const u = new URL(r.url);
    assert.ok(u.origin === p.origin || u.protocol === 'blob:' || u.protocol === 'data:', `request to another origin: ${r.url}`);
  }
  assert.deepEqual(seen.errors, [], 'no console error');
  p.assertClean();
});

test('served page: a new build waits for the old one\'s tabs to close, then replaces it and its cache', async () => {
  // A copy of the build, served on a port of its own, that the test can change.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-offline-'));
  fs.cpSync(DIST, dir, { recursive: true });
  const { server, origin } = await startServer(dir);
  const context = await app.browser.newContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT);
    const seen = record(context, page);
    await page.goto(`${origin}/?language=en`);
    await page.waitForSelector(IDLE, { timeout: WAIT });
    await controlled(page);
    const before = await swState(page);
    assert.equal(before.caches.length, 1);

    // A new build: one file changes, the hook writes a new version into sw.js.
    fs.appendFileSync(path.join(dir, 'slice_reader.js'), '// a new build\n');
    const { version } = stampServiceWorker(dir);
    assert.ok(!before.caches[0].endsWith(version), 'another version');
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await page.waitForFunction(async () => Boolean((await navigator.serviceWorker.getRegistration()).waiting), null, { timeout: WAIT });
    // Installed beside the old one, which still serves the open tab, from its own cache.
    const during = await swState(page);
    assert.equal(during.caches.length, 2, `both caches while the old tab is open: ${during.caches}`);
    const helper = await page.evaluate(() => fetch('./slice_reader.js').then((r) => r.text()));
    assert.ok(!helper.includes('a new build'), 'the open tab keeps the files of its own build');
    await readsTheLog(page);
    assert.deepEqual(seen.errors, [], 'no console error');

    // Its tab closed, the next visit runs the new build; the old cache is gone.
    await page.close();
    const next = await context.newPage();
    next.setDefaultTimeout(WAIT);
    await next.goto(`${origin}/?language=en`);
    await next.waitForSelector(IDLE, { timeout: WAIT });
    await controlled(next);
    await next.waitForFunction(
      async (v) => {
        const names = await caches.keys();
        return names.length === 1 && names[0].endsWith(` ${v}`);
      },
      version,
      { timeout: WAIT },
    );
    const fresh = await next.evaluate(() => fetch('./slice_reader.js').then((r) => r.text()));
    assert.ok(fresh.includes('a new build'), 'the new build\'s file');
    assert.equal((await swState(next)).waiting, false, 'nothing waits any more');
  } finally {
    await context.close();
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('single-file build: opened from disk, reads a dropped log in its worker, no request, no CSP error', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-single-'));
  const context = await app.browser.newContext({ locale: 'en-US' });
  try {
    const file = buildSingleFile(DIST, dir);
    const html = fs.readFileSync(file, 'utf8');
    // One file: nothing else is referenced; the policy allows no network and no inline
    // code but by hash.
    assert.doesNotMatch(html, /\b(src|href)="(?!data:)/, 'no file referenced');
    const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)[1];
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([n, ...v]) => [n, v]));
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.deepEqual(directives['connect-src'], ["'none'"]);
    assert.deepEqual(directives['worker-src'], ['blob:']);
    assert.match(directives['script-src'].join(' '), /^'sha256-[A-Za-z0-9+/]+=*' 'wasm-unsafe-eval'$/);
    assert.match(directives['style-src'].join(' '), /^'sha256-[A-Za-z0-9+/]+=*'$/);
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes("'self'") && !csp.includes('http'), csp);

    const page = await context.newPage();
    page.setDefaultTimeout(WAIT);
    const seen = record(context, page);
    // CSP violations, as the page itself hears of them.
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const url = pathToFileURL(file).href;
    await page.goto(`${url}?language=en`);
    await page.waitForSelector(IDLE, { timeout: WAIT });
    await readsTheLog(page);
    // The worker and its slice-reading helper both run, from Blob URLs.
    const workers = page.workers().map((w) => w.url());
    assert.equal(workers.length, 2, `the worker and its helper: ${workers}`);
    assert.ok(workers.every((w) => w.startsWith('blob:')), workers.join(' '));
    await page.waitForTimeout(500);
    assert.ok(seen.requests.length > 0, 'requests were recorded');
    for (const r of seen.requests) {
      assert.match(r.url, /^(file|blob|data):/, `request ${r.url}`);
    }
    assert.equal(await page.evaluate(() => navigator.serviceWorker?.controller ?? null), null, 'no service worker from disk');
    assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP violation');
    assert.deepEqual(seen.errors, [], 'no console error (a CSP violation is one)');
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
