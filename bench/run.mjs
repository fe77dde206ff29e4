#!/usr/bin/env node
// In-browser ingest benchmark (BENCHMARKS.md). Not a test: rerun by hand.
//
//   (from the repository root) source scripts/env.sh && trunk build --release
//   node bench/run.mjs                       # 1e5 1e6 1e7 utf16-1e7, 3 runs each
//   node bench/run.mjs 1e5 1e6 --runs 5      # some sizes, more runs
//   node bench/run.mjs 1e6 --app-only        # the app alone (no PapaParse runs, no ratio)
//   BENCH_DIST=/tmp/old-dist node bench/run.mjs 1e6 --app-only   # another build of the app
//   BENCH_QUERY='?workers=1' node bench/run.mjs 1e6   # the app's page with settings
//                                     # (?workers=N: read with N workers; unset, one per core)
//
// Positional arguments name files: `1e6` is an English log (`,`, ISO dates, UTF-8) of
// 10^6 rows, `utf16-1e7` the same data of 10^7 rows in UTF-16LE (about 0.93 GB).
// They live in $BENCH_DATA (default /tmp/retention-bench) and are written there with
// the `gen` CLI (seed 7) when missing. Never commit them.
//
// In one headless Chromium (launched exactly as tests/e2e/harness.mjs does), for each
// file and run, alternating:
//   app   dist/index.html in a fresh browser context; after SETTLE_MS the file is set on
//         [data-testid=file-input]; time from the input's `input` event to the page's
//         `rc:read-done` mark (detect + read in the app's worker + the report on the
//         page: the job PapaParse's side does), and to [data-testid=status]
//         [data-state=ready] ("figures s": plus the analysis and rendering every figure
//         and chart). "worker MB/s" is the speed the page
//         shows in its last progress line: bytes over the time from the start of
//         detection to the last 8 MiB slice read (no finish, report or rendering).
//   papa  bench/papa.html in a fresh context: PapaParse in a dedicated worker
//         (bench/papa-worker.js), chunk streaming, header: true, the same
//         per-customer aggregation in plain JS; time from the `change` event to the
//         worker's answer.
// Memory: the peak resident set (VmHWM in /proc/<pid>/status) of the renderer process
// of that context (the page and its workers, WebAssembly memory included), and the
// peak of the summed RSS of all Chromium processes sampled every 50 ms, minus that
// sum just before the file was set ("browser Δ"). "CPU s" is the user + system time of
// that renderer process during the run (less sensitive to other load than wall time);
// "worker CPU s" that of the app's Web Worker thread alone (its reading and parsing).
// "runs" reads app successes + PapaParse successes / runs.
//
// The best (shortest) run per file and side is reported; every run goes to
// bench/output/results-<time>.json (git-ignored).

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, MIME, READY, ERROR_STATE, IDLE } from '../tests/e2e/harness.mjs';
import {
  DATA,
  fileSpec,
  ensureFile,
  cpuSeconds,
  workerCpuSeconds,
  startSampler,
  freshPage,
  rendererPeak,
} from './common.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The build to measure: dist/, or $BENCH_DIST (an older build, side by side). */
const DIST = path.resolve(process.env.BENCH_DIST ?? path.join(ROOT, 'dist'));
const BENCH = path.join(ROOT, 'bench');
const PAPA = path.join(ROOT, 'node_modules', 'papaparse');
const OUTPUT = path.join(BENCH, 'output');
/** A run that takes longer than this is a failure (a 1 GB file takes well under). */
const RUN_TIMEOUT_MS = 30 * 60 * 1000;
/** How long both sides wait after their page is ready before the file is set. */
const SETTLE_MS = 1500;

// ---------------------------------------------------------------- arguments, files

function usage(msg) {
  if (msg) console.error(`run.mjs: ${msg}\n`);
  console.error('Usage: node bench/run.mjs [1e5|1e6|1e7|utf16-1e7|<rows>|utf16-<rows> ...] [--runs N] [--app-only]');
  process.exit(msg ? 2 : 0);
}

function parseArgs(argv) {
  const specs = [];
  let runs = 3;
  let appOnly = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') usage();
    else if (a === '--app-only') appOnly = true;
    else if (a === '--runs') {
      runs = Number(argv[++i]);
      if (!Number.isInteger(runs) || runs < 1) usage(`bad --runs ${argv[i]}`);
    } else specs.push(a);
  }
  if (specs.length === 0) specs.push('1e5', '1e6', '1e7', 'utf16-1e7');
  const spec = (s) => {
    try {
      return fileSpec(s);
    } catch (err) {
      usage(err.message);
    }
  };
  return { runs, appOnly, files: specs.map(spec) };
}

// ---------------------------------------------------------------- server

/** `/` is dist/ (the app), `/bench/` this folder, `/node_modules/papaparse/` the
 *  parser, `/data/` the generated logs (streamed; for opening the pages by hand). */
function route(pathname) {
  const mounts = [
    ['/bench/', BENCH],
    ['/node_modules/papaparse/', PAPA],
    ['/data/', DATA],
    ['/', DIST],
  ];
  for (const [prefix, dir] of mounts) {
    if (!pathname.startsWith(prefix)) continue;
    let rel = pathname.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(dir, rel);
    return file.startsWith(dir + path.sep) ? file : null;
  }
  return null;
}

async function startServer() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error('dist/index.html is missing: build first with `source scripts/env.sh && trunk build --release`');
  }
  if (!fs.existsSync(path.join(PAPA, 'papaparse.min.js'))) {
    throw new Error('node_modules/papaparse is missing: run `npm ci`');
  }
  const server = http.createServer(async (req, res) => {
    try {
      const file = route(decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname));
      if (!file) {
        res.writeHead(403).end();
        return;
      }
      const stat = await fsp.stat(file);
      if (!stat.isFile()) throw new Error('not a file');
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': stat.size,
        'Cache-Control': 'no-store',
      });
      if (req.method === 'HEAD') res.end();
      else fs.createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

// ---------------------------------------------------------------- the two sides

/**
 * What both sides do around a run: as a person would, set the file once the page has
 * settled (the app's worker warms up on a small generated log at start; PapaParse's
 * side waits just as long), wait for `done`, and return the CPU time and memory used.
 */
async function measured(page, own, problems, input, file, done) {
  await page.waitForTimeout(SETTLE_MS);
  const stop = startSampler();
  const cpu0 = cpuSeconds(own);
  const workerCpu0 = workerCpuSeconds(own);
  await page.setInputFiles(input, file);
  await done();
  const mem = stop();
  return {
    cpu: cpuSeconds(own) - cpu0,
    workerCpu: workerCpuSeconds(own) - workerCpu0,
    rendererPeak: rendererPeak(own),
    rendererPids: own,
    browserBase: mem.base,
    browserPeak: mem.peak,
    problems,
  };
}

async function runApp(browser, origin, f) {
  const { context, page, problems, own } = await freshPage(browser, `${origin}/${process.env.BENCH_QUERY ?? ''}`, (p) =>
    p.waitForSelector(IDLE, { timeout: 60000 }),
  );
  try {
    await page.evaluate(() => {
      const b = (window.__bench = { t0: null, tWorking: null, tReady: null, tError: null, lastText: '' });
      const input = document.querySelector('[data-testid=file-input]');
      const start = () => {
        if (b.t0 === null) b.t0 = performance.now();
      };
      input.addEventListener('input', start, { capture: true });
      input.addEventListener('change', start, { capture: true });
      const observer = new MutationObserver(() => {
        const el = document.querySelector('[data-testid=status]');
        if (!el || b.t0 === null) return;
        const state = el.getAttribute('data-state');
        const t = performance.now();
        if (state === 'working') {
          if (b.tWorking === null) b.tWorking = t;
          if (/MB\/s/.test(el.textContent)) b.lastText = el.textContent;
        } else if (state === 'ready' || state === 'error') {
          if (state === 'ready') b.tReady = t;
          else {
            b.tError = t;
            b.errorText = document.querySelector('[data-testid=error]')?.textContent ?? el.textContent;
          }
          observer.disconnect();
        }
      });
      observer.observe(document.body, { subtree: true, attributes: true, childList: true, characterData: true });
    });
    const usage = await measured(page, own, problems, '[data-testid=file-input]', f.path, () =>
      page.waitForFunction(() => window.__bench.tReady !== null || window.__bench.tError !== null, null, {
        timeout: RUN_TIMEOUT_MS,
        polling: 100,
      }),
    );
    const b = await page.evaluate(() => window.__bench);
    if (b.tError !== null) throw new Error(`the app reported an error: ${b.errorText}`);
    if (!(await page.$(READY))) throw new Error('not ready');
    const metric = (key) =>
      page.$eval(`[data-metric=${key}]`, (el) => Number(el.getAttribute('data-value'))).catch(() => null);
    const speed = /([\d.,]+)\s*MB\/s/.exec(b.lastText)?.[1];
    // The app's `rc:read-done` mark: every file read, parsed and aggregated by the worker
    // and its report on the page, before the analysis (the same job as PapaParse's side).
    const tRead = await page.evaluate(() => performance.getEntriesByName('rc:read-done')[0]?.startTime ?? null);
    return {
      seconds: ((tRead ?? b.tReady) - b.t0) / 1000,
      figuresSeconds: (b.tReady - b.t0) / 1000,
      toWorkingSeconds: b.tWorking === null ? null : (b.tWorking - b.t0) / 1000,
      workerMBps: speed ? Number(speed.replaceAll(',', '')) : null,
      customers: await metric('customers_total'),
      purchases: await metric('transactions_total'),
      revenue: await metric('revenue_total'),
      ...usage,
    };
  } finally {
    await context.close().catch(() => {});
  }
}

async function runPapa(browser, origin, f) {
  const { context, page, problems, own } = await freshPage(browser, `${origin}/bench/papa.html`, (p) =>
    p.waitForFunction(() => window.__papa?.ready === true, null, { timeout: 60000 }),
  );
  try {
    await page.evaluate((encoding) => {
      window.__papa.encoding = encoding;
    }, f.encoding);
    const usage = await measured(page, own, problems, '#file', f.path, () =>
      page.waitForFunction(() => window.__papa.result !== null, null, { timeout: RUN_TIMEOUT_MS, polling: 100 }),
    );
    const r = await page.evaluate(() => window.__papa.result);
    if (r.type !== 'done') throw new Error(`PapaParse failed: ${r.message}`);
    return {
      seconds: r.seconds,
      workerSeconds: r.workerSeconds,
      rows: r.rows,
      skipped: r.skipped,
      parseErrors: r.parseErrors,
      customers: r.customers,
      purchases: r.purchases,
      revenue: r.revenue,
      customerDays: r.customerDays,
      ...usage,
    };
  } finally {
    await context.close().catch(() => {});
  }
}

async function attempt(side, fn) {
  try {
    return await fn();
  } catch (err) {
    console.error(`  ${side} failed: ${err?.message ?? err}`);
    return { failed: String(err?.message ?? err) };
  }
}

// ---------------------------------------------------------------- report

const mb = (bytes) => bytes / 1e6;
const fmt = (v, digits = 1) => (v === null || v === undefined || Number.isNaN(v) ? '-' : v.toFixed(digits));
const memMB = (bytes) => (bytes ? fmt(mb(bytes), 0) : '-');

function best(runs) {
  const ok = runs.filter((r) => !r.failed);
  return ok.length ? ok.reduce((a, b) => (b.seconds < a.seconds ? b : a)) : null;
}

/** Whether the app and PapaParse agree on customers, purchases and revenue. */
function agree(app, papa) {
  if (!app || !papa) return '-';
  const same =
    app.customers === papa.customers &&
    app.purchases === papa.purchases &&
    Math.abs(app.revenue - papa.revenue) <= 1e-6 * Math.abs(papa.revenue) + 0.01;
  const totals = (r) => `${r.customers}/${r.purchases}/${r.revenue}`;
  return same ? 'same' : `DIFFER app ${totals(app)} papa ${totals(papa)}`;
}

function table(results) {
  const head = [
    'file',
    'MB',
    'runs',
    'app s',
    'figures s',
    'app CPU s',
    'worker CPU s',
    'app MB/s',
    'app rows/s',
    'worker MB/s',
    'app peak MB',
    'papa s',
    'papa CPU s',
    'papa MB/s',
    'papa peak MB',
    'ratio',
    'results',
  ];
  const rows = results.map((r) => {
    const a = best(r.app);
    const p = best(r.papa);
    const size = mb(r.bytes);
    return [
      r.label,
      fmt(size),
      `${r.app.filter((x) => !x.failed).length}+${r.papa.filter((x) => !x.failed).length}/${r.app.length}`,
      a ? fmt(a.seconds, 3) : 'FAILED',
      a ? fmt(a.figuresSeconds, 3) : '-',
      a ? fmt(a.cpu, 2) : '-',
      a ? fmt(Math.min(...r.app.filter((x) => !x.failed).map((x) => x.workerCpu)), 2) : '-',
      a ? fmt(size / a.seconds) : '-',
      a ? fmt(r.rows / a.seconds, 0) : '-',
      a ? fmt(a.workerMBps) : '-',
      a ? `${memMB(a.rendererPeak)} (Δ${memMB(a.browserPeak - a.browserBase)})` : '-',
      p ? fmt(p.seconds, 3) : r.papa.every((x) => x.notRun) ? '-' : 'FAILED',
      p ? fmt(p.cpu, 2) : '-',
      p ? fmt(size / p.seconds) : '-',
      p ? `${memMB(p.rendererPeak)} (Δ${memMB(p.browserPeak - p.browserBase)})` : '-',
      a && p ? `${fmt(p.seconds / a.seconds, 2)}x` : '-',
      agree(a, p),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------- main

async function main() {
  const { runs, appOnly, files } = parseArgs(process.argv.slice(2));
  for (const f of files) ensureFile(f);
  const { server, origin } = await startServer();
  const browser = await launchBrowser();
  const version = browser.version();
  const papaVersion = JSON.parse(fs.readFileSync(path.join(PAPA, 'package.json'), 'utf8')).version;
  console.error(`Chromium ${version}, PapaParse ${papaVersion}, ${origin}, best of ${runs} run(s)`);
  const results = [];
  try {
    for (const f of files) {
      const bytes = fs.statSync(f.path).size;
      const r = { label: f.label, path: f.path, rows: f.rows, bytes, app: [], papa: [] };
      results.push(r);
      for (let i = 0; i < runs; i++) {
        // Alternate the two sides so that background load hits both alike.
        const a = await attempt('app', () => runApp(browser, origin, f));
        r.app.push(a);
        const p = appOnly
          ? { failed: 'not run (--app-only)', notRun: true }
          : await attempt('papa', () => runPapa(browser, origin, f));
        r.papa.push(p);
        console.error(
          `${f.label} run ${i + 1}: app ${fmt(a.seconds, 3)} s, CPU ${fmt(a.cpu, 2)} s (worker ${fmt(a.workerCpu, 2)} s), ` +
            `renderer peak ${memMB(a.rendererPeak)} MB; papa ${fmt(p.seconds, 3)} s, CPU ${fmt(p.cpu, 2)} s, ` +
            `renderer peak ${memMB(p.rendererPeak)} MB`,
        );
      }
    }
  } finally {
    await browser.close().catch(() => {});
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(() => resolve()));
  }
  console.log(`Chromium ${version} headless, PapaParse ${papaVersion}; best of ${runs} run(s) per side`);
  console.log(table(results));
  console.log(
    [
      'MB = 10^6 bytes; app s = input event to the mark rc:read-done (detect + read + report in the worker, on the page);',
      'figures s = input event to status "ready" (app s + the analysis in the worker + rendering every figure and chart);',
      "worker MB/s = the page's last progress line; papa s = change event to the worker's answer;",
      "ratio = papa s / app s; CPU s = user + system time of the context's renderer process;",
      'worker CPU s = that of its Web Worker thread alone (least of the runs);',
      "peak MB = VmHWM of the context's renderer (page + worker); Δ = peak of all Chromium processes'",
      'summed RSS (sampled every 50 ms) above its level before the file was set.',
    ].join('\n'),
  );
  await fsp.mkdir(OUTPUT, { recursive: true });
  const out = path.join(OUTPUT, `results-${new Date().toISOString().replaceAll(':', '-')}.json`);
  const json = { chromium: version, papaparse: papaVersion, runs, results };
  await fsp.writeFile(out, JSON.stringify(json, null, 2));
  console.error(`all runs: ${path.relative(ROOT, out)}`);
}

main().catch((err) => {
  console.error(err?.stack ?? err);
  process.exit(1);
});
