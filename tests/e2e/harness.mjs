// Shared harness for the end-to-end browser tests (not a test file itself: the
// runner only picks up `*.test.mjs`).
//
// - serves the release build in `dist/` from a Node `http` server on 127.0.0.1:<free port>;
// - drives Debian's Chromium through playwright-core (nothing is downloaded);
// - gives every test a fresh browser context + page, and records console errors,
//   page errors and every request the page makes.
//
// Usage in a test file:
//   const app = useApp();                       // registers before/after hooks
//   test('...', async () => { const p = await app.open(); ...; p.assertClean(); });

import { before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = path.join(ROOT, 'dist');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
export const OUTPUT = path.join(ROOT, 'tests', 'e2e', 'output');

/** Generous but bounded wait for anything the app computes. */
export const WAIT = 20000;

export const READY = '[data-testid=status][data-state=ready]';
export const ERROR_STATE = '[data-testid=status][data-state=error]';
export const IDLE = '[data-testid=status][data-state=idle]';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Content types for the files the tests and benchmarks serve. */
export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/** Serves `dist/` on 127.0.0.1 and a free port. Resolves to { server, origin }. */
export async function startServer(root = DIST) {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(
      `${root}/index.html is missing: build first with ` +
        '`source scripts/env.sh && trunk build --release` (from the repository root)',
    );
  }
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      let rel = decodeURIComponent(url.pathname);
      if (rel.endsWith('/')) rel += 'index.html';
      const file = path.resolve(root, '.' + rel);
      if (file !== root && !file.startsWith(root + path.sep)) {
        res.writeHead(403).end();
        return;
      }
      const body = await fsp.readFile(file);
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': body.length,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return { server, origin: `http://127.0.0.1:${port}` };
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Reads a fixture as an array of byte values (survives page.evaluate unchanged). */
export function fixtureBytes(name) {
  return [...fs.readFileSync(path.join(FIXTURES, name))];
}

export function fixturePath(name) {
  return path.join(FIXTURES, name);
}

/**
 * Registers the before/after hooks of one test file and returns an object with
 * `open(options)` to get a fresh page. Server and browser are stopped in `after`,
 * every page's context is closed in `afterEach`, so the process exits.
 */
export function useApp() {
  const app = { origin: null, server: null, browser: null, contexts: new Set() };

  before(async () => {
    const { server, origin } = await startServer();
    app.server = server;
    app.origin = origin;
    app.browser = await launchBrowser();
  });

  afterEach(async () => {
    for (const ctx of app.contexts) await ctx.close().catch(() => {});
    app.contexts.clear();
  });

  after(async () => {
    for (const ctx of app.contexts) await ctx.close().catch(() => {});
    app.contexts.clear();
    if (app.browser) await app.browser.close().catch(() => {});
    if (app.server) {
      app.server.closeAllConnections?.();
      await new Promise((resolve) => app.server.close(() => resolve()));
    }
  });

  /**
   * Opens the app in a fresh context.
   * options: { query = '', viewport = {width: 1200, height: 900}, locale = 'en-US',
   *            waitIdle = true, acceptDownloads = false }
   */
  app.open = async function open(options = {}) {
    const {
      query = '',
      viewport = { width: 1200, height: 900 },
      locale = 'en-US',
      waitIdle = true,
      acceptDownloads = false,
    } = options;
    const context = await app.browser.newContext({ viewport, locale, acceptDownloads });
    app.contexts.add(context);
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT);
    const p = {
      page,
      context,
      origin: app.origin,
      consoleErrors: [],
      pageErrors: [],
      requests: [], // every request since navigation: { url, method, resourceType }
    };
    page.on('console', (msg) => {
      if (msg.type() === 'error') p.consoleErrors.push(`${msg.text()} @ ${msg.location()?.url ?? ''}`);
    });
    page.on('pageerror', (err) => p.pageErrors.push(String(err?.stack ?? err)));
    page.on('request', (req) =>
      p.requests.push({ url: req.url(), method: req.method(), resourceType: req.resourceType() }),
    );
    /** No console error (a CSP violation is one) and no uncaught page error. */
    p.assertClean = () => {
      assert.deepEqual(p.consoleErrors, [], 'console errors on the page');
      assert.deepEqual(p.pageErrors, [], 'uncaught errors on the page');
    };
    p.url = app.origin + '/' + query;
    await page.goto(p.url, { waitUntil: 'load' });
    if (waitIdle) await page.waitForSelector(IDLE, { timeout: WAIT });
    return p;
  };

  return app;
}

/**
 * Drops files on the drop zone the way a browser does: a real DataTransfer with real
 * File objects, `dragover` then `drop`. files: [{ name, bytes: number[] }].
 */
export async function dropFiles(page, files) {
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const f of files) {
      dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: 'text/csv' }));
    }
    const zone = document.querySelector('[data-testid=drop-zone]');
    const init = { bubbles: true, cancelable: true, composed: true, dataTransfer: dt };
    zone.dispatchEvent(new DragEvent('dragenter', init));
    zone.dispatchEvent(new DragEvent('dragover', init));
    zone.dispatchEvent(new DragEvent('drop', init));
  }, files);
}

/** Drops fixture files by name. */
export async function dropFixtures(page, ...names) {
  await dropFiles(page, names.map((name) => ({ name, bytes: fixtureBytes(name) })));
}

/** `data-value` of the first element matching `selector` (null when absent). */
export async function dataValue(page, selector) {
  return page.$eval(selector, (el) => el.getAttribute('data-value')).catch(() => null);
}

/** CSS attribute selector for a per-period figure, optionally inside a scope. */
export function figure(metric, period, scope = '') {
  return `${scope} [data-metric="${metric}"][data-period="${period}"]`.trim();
}

/** Section of one loaded file. */
export function section(name) {
  return `section.period-counts[data-file="${name}"]`;
}

/** Hand-computed CRR: (E - N) / S x 100, exactly as METRICS.md writes it. */
export function crr(s, e, n) {
  return ((e - n) / s) * 100;
}

/**
 * Checks S, E, N, CRR and churn of each period against the values given literally by
 * the caller. rows: [[period, S, E, N], ...].
 */
export async function assertPeriods(page, scope, rows) {
  for (const [period, s, e, n] of rows) {
    const got = await page.$$eval(
      `${scope} [data-period="${period}"][data-metric]`,
      (els) => Object.fromEntries(els.map((el) => [el.dataset.metric, el.getAttribute('data-value')])),
    );
    const expectedCrr = crr(s, e, n);
    assert.equal(Number(got.base_start), s, `${period} base_start (S)`);
    assert.equal(Number(got.base_end), e, `${period} base_end (E)`);
    assert.equal(Number(got.joined), n, `${period} joined (N)`);
    assert.equal(Number(got.crr), expectedCrr, `${period} crr`);
    assert.equal(Number(got.churn_rate), 100 - expectedCrr, `${period} churn_rate`);
    // Full precision, plain machine form: no '%', no ',' and not empty.
    for (const key of ['base_start', 'base_end', 'joined', 'crr', 'churn_rate']) {
      assert.match(got[key] ?? '', /^-?\d+(\.\d+)?(e-?\d+)?$/, `${period} ${key} data-value is plain: ${got[key]}`);
    }
  }
}

export async function ensureOutputDir() {
  await fsp.mkdir(OUTPUT, { recursive: true });
  return OUTPUT;
}
