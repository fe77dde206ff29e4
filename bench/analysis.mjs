#!/usr/bin/env node
// In-browser analysis benchmark (BENCHMARKS.md, "Analysis: from file read to figures,
// and recompute"). Not a test: rerun by hand.
//
//   (from the repository root) source scripts/env.sh && trunk build --release
//   node bench/analysis.mjs                        # 1e5 1e6 (3 runs each) and 1e7 (1 run)
//   node bench/analysis.mjs 1e6 --runs 5           # some sizes, more runs
//   node bench/analysis.mjs 1e7 --large-runs 2     # runs for files of 10^7 rows and more
//   node bench/analysis.mjs --dist /tmp/dist-copy  # serve another build than dist/
//   node bench/analysis.mjs --settle 0             # set the file as soon as the page is idle
//   node bench/analysis.mjs --pause 0              # change each setting as soon as the page is ready
//
// Files: English logs of <rows> rows (`,`, ISO dates, UTF-8) generated with the `gen`
// CLI (seed 7) in $BENCH_DATA (default /tmp/retention-bench), the same files as
// bench/run.mjs uses; written there when missing. Never commit them.
//
// Every run uses a fresh browser context in one headless Chromium (launched exactly as
// tests/e2e/harness.mjs does) on the built app, served by the e2e harness's server.
// The app sets performance marks (src/ui/session.rs, src/ui/mod.rs):
//   rc:read-done      every file has been read by the app's Web Worker
//   rc:analysis-done  the worker's figures have arrived on the page
//   rc:ready          the page rendered with status "ready" (a Yew effect: after the
//                     DOM update; layout and paint only if a frame came in between)
// Load: SETTLE_MS after the page is idle (as bench/run.mjs does: the app's worker warms
// up on a small generated log at start, and a person does not drop a file within the
// first second either), the file is set on [data-testid=file-input]; t0 is the input's
// `input` event.
//   read    = t0 → rc:read-done           (detect, read, report in the worker)
//   compute = rc:read-done → rc:analysis-done (the worker computes every figure,
//             including the settings-independent ones, + the transfer to the page)
//   render  = rc:analysis-done → rc:ready (the page renders the figures)
//   total   = t0 → rc:ready
// Recompute, after the load, in this order (each waits for the previous one):
//   window 90→30, granularity month→week, granularity week→month.
// Before each, the control is scrolled into view and the page left alone for PAUSE_MS
// (a person looks at the figures, and scrolls to the control, before changing a
// setting; the scroll also makes the page draw the parts that come into view, work
// that is not the recompute's). --pause 0 changes the setting right after the frame
// that followed the previous ready (the benchmark's behaviour before 23 November, 20:00).
// t0 is the `change` event (performance.now() in a capturing listener on window, which
// runs before the app's own handler); it then waits for a NEW rc:ready mark (the count
// of rc:ready marks must grow) with the status ready again. worker = t0 →
// rc:analysis-done, render = rc:analysis-done → rc:ready, total = t0 → rc:ready.
// "+frame" is the time from the status turning ready in the DOM to a task posted from
// the next requestAnimationFrame callback (roughly: style, layout and paint of that
// frame); reported apart, not part of the totals.
// Memory: the peak resident set (VmHWM) of the context's renderer process over the
// whole run (page + workers, WebAssembly memory included), as bench/run.mjs reports it.
//
// Median and best (shortest) per file; every run goes to
// bench/output/analysis-<time>.json (git-ignored).

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, startServer, ROOT, DIST, READY, IDLE } from '../tests/e2e/harness.mjs';
import { fileSpec, ensureFile, freshPage, rendererPeak, cpuSeconds } from './common.mjs';

const OUTPUT = path.join(ROOT, 'bench', 'output');
/** A load that takes longer than this is a failure. */
const LOAD_TIMEOUT_MS = 30 * 60 * 1000;
const RECOMPUTE_TIMEOUT_MS = 10 * 60 * 1000;
/** How long the page sits idle before the file is set (bench/run.mjs waits as long). */
const SETTLE_MS = 1500;
/** How long the page is left alone, control in view, before each setting is changed. */
const PAUSE_MS = 1000;
/** Files of at least this many rows get `--large-runs` runs instead of `--runs`. */
const LARGE_ROWS = 1e7;

/** The recomputations, in order: [label, selector, value before, value after]. */
const STEPS = [
  ['window 90→30', 'input[data-setting=window_days]', '90', '30'],
  ['month→week', 'select[data-setting=granularity]', 'month', 'week'],
  ['week→month', 'select[data-setting=granularity]', 'week', 'month'],
];

// ---------------------------------------------------------------- arguments

function usage(msg) {
  if (msg) console.error(`analysis.mjs: ${msg}\n`);
  console.error(
    'Usage: node bench/analysis.mjs [1e5|1e6|1e7|<rows> ...] [--runs N] [--large-runs N] [--dist DIR] [--settle MS] [--pause MS]',
  );
  process.exit(msg ? 2 : 0);
}

function parseArgs(argv) {
  const specs = [];
  let runs = 3;
  let largeRuns = 1;
  let dist = DIST;
  let settle = SETTLE_MS;
  let pause = PAUSE_MS;
  const count = (flag, v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) usage(`bad ${flag} ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') usage();
    else if (a === '--runs') runs = count(a, argv[++i]);
    else if (a === '--large-runs') largeRuns = count(a, argv[++i]);
    else if (a === '--settle') {
      settle = Number(argv[++i]);
      if (!Number.isFinite(settle) || settle < 0) usage(`bad --settle ${argv[i]}`);
    } else if (a === '--pause') {
      pause = Number(argv[++i]);
      if (!Number.isFinite(pause) || pause < 0) usage(`bad --pause ${argv[i]}`);
    } else if (a === '--dist') dist = path.resolve(argv[++i] ?? usage('--dist needs a folder'));
    else specs.push(a);
  }
  if (specs.length === 0) specs.push('1e5', '1e6', '1e7');
  const files = specs.map((s) => {
    if (s.startsWith('utf16-')) usage('only English UTF-8 logs here');
    try {
      return fileSpec(s);
    } catch (err) {
      return usage(err.message);
    }
  });
  return { runs, largeRuns, dist, settle, pause, files };
}

// ---------------------------------------------------------------- one run

/** Installed in the page before the file is set: the event times and status changes. */
function instrument() {
  const b = (window.__abench = { tInput: null, tChange: null, readies: [], states: [], error: null });
  const input = document.querySelector('[data-testid=file-input]');
  input.addEventListener(
    'input',
    () => {
      if (b.tInput === null) b.tInput = performance.now();
    },
    { capture: true },
  );
  window.addEventListener('change', () => (b.tChange = performance.now()), { capture: true });
  let last = null;
  new MutationObserver(() => {
    const el = document.querySelector('[data-testid=status]');
    const state = el?.getAttribute('data-state') ?? null;
    if (state === last) return;
    last = state;
    const t = performance.now();
    b.states.push([state, t]);
    if (state === 'ready') {
      const r = { t, frame: null };
      b.readies.push(r);
      requestAnimationFrame(() => setTimeout(() => (r.frame = performance.now())));
    } else if (state === 'error') {
      b.error = document.querySelector('[data-testid=error]')?.textContent ?? el.textContent;
    }
  }).observe(document.body, { subtree: true, attributes: true, childList: true, characterData: true });
}

/** Times of every mark of each name so far, and the page's counters. */
async function snapshot(page) {
  return page.evaluate(() => {
    const marks = {};
    for (const name of ['rc:read-done', 'rc:analysis-done', 'rc:ready']) {
      marks[name] = performance.getEntriesByName(name, 'mark').map((e) => e.startTime);
    }
    const b = window.__abench;
    return {
      marks,
      tInput: b.tInput,
      tChange: b.tChange,
      readies: b.readies.map((r) => ({ ...r })),
      states: b.states.slice(),
      error: b.error,
      periods: document.querySelectorAll('[data-metric=base_start]').length,
      windowNote: document.querySelector('[data-testid=window-note]')?.textContent ?? null,
      query: location.search,
    };
  });
}

/** The first value in `times` at or after `t` (null if none). */
const firstAfter = (times, t) => times.find((x) => x >= t) ?? null;

/** Waits until a frame after the newest ready has been recorded (bounded). */
async function waitFrame(page) {
  await page
    .waitForFunction(() => window.__abench.readies.at(-1)?.frame !== null, null, { timeout: 5000, polling: 'raf' })
    .catch(() => {});
}

async function runOnce(browser, origin, f, settle, pause) {
  const { context, page, problems, own } = await freshPage(browser, `${origin}/`, (p) =>
    p.waitForSelector(IDLE, { timeout: 60000 }),
  );
  try {
    await page.evaluate(instrument);
    await page.waitForTimeout(settle);
    const cpu0 = cpuSeconds(own);
    await page.setInputFiles('[data-testid=file-input]', f.path);
    await page.waitForFunction(
      () =>
        window.__abench.error !== null ||
        (performance.getEntriesByName('rc:ready', 'mark').length > 0 &&
          document.querySelector('[data-testid=status]')?.getAttribute('data-state') === 'ready'),
      null,
      { timeout: LOAD_TIMEOUT_MS, polling: 100 },
    );
    await waitFrame(page);
    const loadCpu = cpuSeconds(own) - cpu0;
    let s = await snapshot(page);
    if (s.error !== null) throw new Error(`the app reported an error: ${s.error}`);
    if (!(await page.$(READY))) throw new Error('not ready after the load');
    const t0 = s.tInput;
    const readDone = firstAfter(s.marks['rc:read-done'], t0);
    const analysisDone = firstAfter(s.marks['rc:analysis-done'], readDone ?? t0);
    const ready = firstAfter(s.marks['rc:ready'], analysisDone ?? t0);
    if ([t0, readDone, analysisDone, ready].includes(null)) {
      throw new Error(`a load mark is missing: ${JSON.stringify({ t0, marks: s.marks })}`);
    }
    const lastReady = s.readies.at(-1);
    const load = {
      read: readDone - t0,
      compute: analysisDone - readDone,
      render: ready - analysisDone,
      total: ready - t0,
      frame: lastReady?.frame != null ? lastReady.frame - lastReady.t : null,
      marks: s.marks,
      states: s.states,
      periods: s.periods,
      cpu: loadCpu,
    };

    const steps = [];
    for (const [label, selector, from, to] of STEPS) {
      const current = await page.$eval(selector, (el) => el.value);
      if (current !== from) throw new Error(`${label}: ${selector} is ${current}, expected ${from}`);
      const before = await snapshot(page);
      const readyCount = before.marks['rc:ready'].length;
      const analysisCount = before.marks['rc:analysis-done'].length;
      const statesBefore = before.states.length;
      if (pause > 0) {
        await page.locator(selector).scrollIntoViewIfNeeded();
        await page.waitForTimeout(pause);
      }
      if (selector.startsWith('select')) {
        await page.selectOption(selector, to); // input + change events, as a user's choice
      } else {
        await page.fill(selector, to); // input events only: the app listens to `change`
        await page.$eval(selector, (el) => el.dispatchEvent(new Event('change', { bubbles: true })));
      }
      await page.waitForFunction(
        (n) =>
          window.__abench.error !== null ||
          (performance.getEntriesByName('rc:ready', 'mark').length > n &&
            document.querySelector('[data-testid=status]')?.getAttribute('data-state') === 'ready'),
        readyCount,
        { timeout: RECOMPUTE_TIMEOUT_MS, polling: 'raf' },
      );
      await waitFrame(page);
      s = await snapshot(page);
      if (s.error !== null) throw new Error(`${label}: the app reported an error: ${s.error}`);
      const tChange = s.tChange;
      if (tChange === null || tChange <= (before.tChange ?? -1)) throw new Error(`${label}: no change event seen`);
      const newAnalysis = s.marks['rc:analysis-done'].slice(analysisCount);
      const newReady = s.marks['rc:ready'].slice(readyCount);
      const states = s.states.slice(statesBefore).map(([state]) => state);
      const adone = newAnalysis.at(-1) ?? null;
      const r = newReady[0];
      if (adone === null) throw new Error(`${label}: no new rc:analysis-done mark`);
      const settingNow = await page.$eval(selector, (el) => el.value);
      const key = selector.includes('window_days') ? 'window_days' : 'granularity';
      const inUrl = new URLSearchParams(s.query).get(key);
      if (settingNow !== to || inUrl !== to) {
        throw new Error(`${label}: the setting is ${settingNow} (URL ${inUrl}), expected ${to}`);
      }
      const lastReady = s.readies.at(-1);
      steps.push({
        label,
        worker: adone - tChange,
        render: r - adone,
        total: r - tChange,
        frame: lastReady?.frame != null ? lastReady.frame - lastReady.t : null,
        // Sanity: the status went working → ready, one answer, one ready.
        states,
        analysisMarks: newAnalysis.length,
        readyMarks: newReady.length,
        periods: s.periods,
        windowNote: s.windowNote,
      });
    }
    return { load, steps, rendererPeak: rendererPeak(own), rendererPids: own, problems };
  } finally {
    await context.close().catch(() => {});
  }
}

async function attempt(fn) {
  try {
    return await fn();
  } catch (err) {
    console.error(`  failed: ${err?.message ?? err}`);
    return { failed: String(err?.message ?? err) };
  }
}

// ---------------------------------------------------------------- report

const fmt = (v, digits = 0) => (v === null || v === undefined || Number.isNaN(v) ? '-' : v.toFixed(digits));
const median = (xs) => {
  const s = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const best = (xs) => {
  const s = xs.filter((x) => x !== null && x !== undefined);
  return s.length ? Math.min(...s) : null;
};
/** "median / best" of one measure over the runs, in ms (one run: just the value). */
const cell = (xs) => (xs.length > 1 ? `${fmt(median(xs))} / ${fmt(best(xs))}` : fmt(xs[0]));

function renderTable(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

function tables(results) {
  const loadRows = [];
  const recomputeRows = [];
  for (const r of results) {
    const ok = r.runs.filter((x) => !x.failed);
    const runs = `${ok.length}/${r.runs.length}`;
    const peak = Math.max(0, ...ok.map((x) => x.rendererPeak ?? 0));
    const peakMB = peak ? fmt(peak / 1e6) : '-';
    const L = (k) => ok.map((x) => x.load[k]);
    loadRows.push([
      r.label,
      fmt(r.bytes / 1e6, 1),
      runs,
      cell(L('read')),
      cell(L('compute')),
      cell(L('render')),
      cell(L('total')),
      cell(L('frame')),
      peakMB,
    ]);
    for (const [i, [label]] of STEPS.entries()) {
      const S = (k) => ok.map((x) => x.steps[i]?.[k] ?? null);
      const cells = ['worker', 'render', 'total', 'frame'].map((k) => cell(S(k)));
      recomputeRows.push([r.label, label, runs, ...cells]);
    }
  }
  return [
    renderTable(
      ['file', 'MB', 'runs', 'read ms', 'compute ms', 'render ms', 'total ms', '+frame ms', 'renderer peak MB'],
      loadRows,
    ),
    renderTable(['file', 'recompute', 'runs', 'worker ms', 'render ms', 'total ms', '+frame ms'], recomputeRows),
  ];
}

const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

// ---------------------------------------------------------------- main

async function main() {
  const { runs, largeRuns, dist, settle, pause, files } = parseArgs(process.argv.slice(2));
  for (const f of files) ensureFile(f);
  const { server, origin } = await startServer(dist);
  const browser = await launchBrowser();
  const version = browser.version();
  const loadBefore = loadavg();
  const started = new Date();
  console.error(`Chromium ${version}, ${origin} serving ${dist}, settle ${settle} ms, pause ${pause} ms; load average ${loadBefore}`);
  const results = [];
  try {
    for (const f of files) {
      const n = f.rows >= LARGE_ROWS ? largeRuns : runs;
      const bytes = fs.statSync(f.path).size;
      const r = { label: f.label, path: f.path, rows: f.rows, bytes, runs: [] };
      results.push(r);
      for (let i = 0; i < n; i++) {
        const x = await attempt(() => runOnce(browser, origin, f, settle, pause));
        r.runs.push(x);
        if (x.failed) continue;
        const steps = x.steps.map((s) => `${s.label} ${fmt(s.total)} (${fmt(s.worker)}+${fmt(s.render)})`).join(', ');
        console.error(
          `${f.label} run ${i + 1}/${n}: load ${fmt(x.load.total)} ms = read ${fmt(x.load.read)} + compute ` +
            `${fmt(x.load.compute)} + render ${fmt(x.load.render)}; ${steps} ms; renderer peak ` +
            `${fmt((x.rendererPeak ?? 0) / 1e6)} MB; load average ${loadavg()}`,
        );
        const odd = x.steps.filter(
          (s) => s.analysisMarks !== 1 || s.readyMarks !== 1 || s.states.join(',') !== 'working,ready',
        );
        for (const s of odd) {
          console.error(
            `  note: ${s.label}: ${s.analysisMarks} analysis mark(s), ${s.readyMarks} ready mark(s), ` +
              `states ${s.states.join(',')}`,
          );
        }
        if (x.problems.length) console.error(`  page problems: ${x.problems.join(' | ')}`);
      }
    }
  } finally {
    await browser.close().catch(() => {});
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(() => resolve()));
  }
  const loadAfter = loadavg();
  const [load, recompute] = tables(results);
  console.log(
    `Chromium ${version} headless; ${runs} run(s) per file, ${largeRuns} from ${LARGE_ROWS.toExponential()} rows; ` +
      'cells are "median / best" in ms (a single value for one run)',
  );
  console.log(`load average (1, 5, 15 min): ${loadBefore} before, ${loadAfter} after`);
  console.log('\nLoad: input event to every figure on screen');
  console.log(load);
  console.log('\nRecompute after a setting changed: change event to the new rc:ready');
  console.log(recompute);
  console.log(
    [
      '',
      'read = input → rc:read-done; compute = rc:read-done → rc:analysis-done (worker + transfer);',
      'render = rc:analysis-done → rc:ready; worker = change → rc:analysis-done; +frame = status ready in the',
      'DOM → a task after the next animation frame (not in the totals); renderer peak = highest VmHWM of the',
      "context's renderer over the run (load and the three recomputations).",
    ].join('\n'),
  );
  await fsp.mkdir(OUTPUT, { recursive: true });
  const out = path.join(OUTPUT, `analysis-${started.toISOString().replaceAll(':', '-')}.json`);
  const json = { chromium: version, dist, runs, largeRuns, settle, pause, loadBefore, loadAfter, started, results };
  await fsp.writeFile(out, JSON.stringify(json, null, 2));
  console.error(`all runs: ${path.relative(ROOT, out)}`);
}

main().catch((err) => {
  console.error(err?.stack ?? err);
  process.exit(1);
});
