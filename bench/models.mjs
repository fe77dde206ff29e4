#!/usr/bin/env node
// Lifetime-value fits in headless Chromium, side by side with the `lifetimes` package on
// the same customer summaries in the same run (BENCHMARKS.md, "Lifetime-value fits").
// Not a test: rerun by hand, on a quiet machine.
//
//   (once) /work/venv/bin/python bench/make_summaries.py && /work/venv/bin/python bench/make_summaries.py --days
//   source scripts/env.sh && trunk build --release
//   node bench/models.mjs [--sizes cdnow,23570,100000,1000000,1000000_days] [--runs 3]
//                         [--python /work/venv/bin/python] [--no-lifetimes] [--max-seconds 900]
//
// Files: `cdnow` = tests/fixtures/models/cdnow_customers_summary_with_transactions.csv
// (2,357 customers, with mean spend); a size n = bench/output/summary_<n>.csv (times to 4
// decimals: nearly every customer's history differs, the worst case for compressing
// identical histories) and n_days = bench/output/summary_<n>_days.csv (whole days, as a
// summary computed from dated orders is). Both simulated by bench/make_summaries.py.
//
// App, per run: a fresh browser context; the summary is set on the file input 1.5 s after
// the page is idle; t0 = the input's `input` event; the time to the performance mark
// `rc:fits-done` (every model fitted, BG/NBD's predictions for every customer, the
// backtest, histogram and heat map computed and on their way to the page) is `all`; each
// model's own fit time is the worker's measurement (`[data-model][data-elapsed-ms]`,
// compressing the customers included). Memory: the renderer's peak resident set (VmHWM:
// page, worker, WebAssembly memory), as bench/run.mjs reports it.
// lifetimes: bench/lifetimes_fit.py (a fresh Python process per fit; the fit alone is
// timed, reading the CSV is not), BG/NBD, Pareto/NBD and Gamma-Gamma.
// Medians over the runs; everything to bench/output/models-<time>.json (git-ignored).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { launchBrowser, startServer, ROOT, DIST, IDLE } from '../tests/e2e/harness.mjs';
import { freshPage, rendererPeak } from './common.mjs';

const OUTPUT = path.join(ROOT, 'bench', 'output');
const SETTLE_MS = 1500;
const TIMEOUT_MS = 20 * 60 * 1000;

function args(argv) {
  const o = { sizes: ['cdnow', '23570', '100000', '1000000', '1000000_days'], runs: 3, python: '/work/venv/bin/python',
    lifetimes: true, maxSeconds: 900, dist: DIST };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sizes') o.sizes = argv[++i].split(',');
    else if (a === '--runs') o.runs = Number(argv[++i]);
    else if (a === '--python') o.python = argv[++i];
    else if (a === '--no-lifetimes') o.lifetimes = false;
    else if (a === '--max-seconds') o.maxSeconds = Number(argv[++i]);
    else if (a === '--dist') o.dist = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

function fileFor(size) {
  return size === 'cdnow'
    ? path.join(ROOT, 'tests', 'fixtures', 'models', 'cdnow_customers_summary_with_transactions.csv')
    : path.join(OUTPUT, `summary_${size}.csv`);
}

const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};

async function appRun(browser, origin, file) {
  const { context, page, problems, own } = await freshPage(browser, origin + '/', (p) => p.waitForSelector(IDLE));
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(SETTLE_MS);
  await page.evaluate(() => {
    window.__t0 = null;
    document.querySelector('[data-testid=file-input]').addEventListener('input', () => (window.__t0 ??= performance.now()), { capture: true });
  });
  await page.setInputFiles('[data-testid=file-input]', file);
  await page.waitForFunction(() => performance.getEntriesByName('rc:fits-done').length > 0, null, { timeout: TIMEOUT_MS, polling: 50 });
  const r = await page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
    const models = Object.fromEntries([...document.querySelectorAll('[data-model]')].map((el) => [
      el.getAttribute('data-model'),
      { ms: Number(el.getAttribute('data-elapsed-ms')), distinct: Number(el.getAttribute('data-distinct')),
        state: el.getAttribute('data-fit-state'),
        convergence: el.querySelector('[data-convergence]')?.getAttribute('data-convergence') ?? null },
    ]));
    const value = (k) => document.querySelector(`[data-metric=${k}]`)?.getAttribute('data-value') ?? null;
    return { all: at('rc:fits-done') - window.__t0, read: at('rc:read-done') - window.__t0, models,
      bgnbd: ['r', 'alpha', 'a', 'b'].map((p) => Number(value(`bgnbd_${p}`))),
      pnbd: ['r', 'alpha', 's', 'beta'].map((p) => Number(value(`pnbd_${p}`))) };
  });
  r.peak_bytes = rendererPeak(own);
  r.problems = problems;
  await context.close();
  return r;
}

function lifetimesRuns(o, sizes) {
  const out = path.join(OUTPUT, `lifetimes-${Date.now()}.json`);
  const cmd = [path.join(ROOT, 'bench', 'lifetimes_fit.py'), '--sizes', sizes.join(','), '--models', 'bgnbd,pnbd,gg',
    '--runs', String(o.runs), '--max-seconds', String(o.maxSeconds), '--out', out];
  console.error(`lifetimes: ${o.python} ${cmd.join(' ')}`);
  const r = spawnSync(o.python, cmd, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error('lifetimes_fit.py failed');
  return JSON.parse(fs.readFileSync(out, 'utf8'));
}

async function main() {
  const o = args(process.argv.slice(2));
  fs.mkdirSync(OUTPUT, { recursive: true });
  for (const s of o.sizes) if (!fs.existsSync(fileFor(s))) throw new Error(`${fileFor(s)} is missing: run bench/make_summaries.py`);
  const { server, origin } = await startServer(o.dist);
  const browser = await launchBrowser();
  const app = {};
  for (const size of o.sizes) {
    app[size] = [];
    for (let i = 0; i < o.runs; i++) {
      const r = await appRun(browser, origin, fileFor(size));
      app[size].push(r);
      console.error(`app ${size} run ${i + 1}: all ${r.all.toFixed(0)} ms, ` +
        Object.entries(r.models).map(([k, m]) => `${k} ${m.ms.toFixed(0)} ms (${m.distinct} rows)`).join(', ') +
        `, peak ${(r.peak_bytes / 1048576).toFixed(0)} MB`);
    }
  }
  await browser.close();
  server.close();
  const lifetimes = o.lifetimes ? lifetimesRuns(o, o.sizes) : null;
  const summary = {};
  for (const size of o.sizes) {
    const runs = app[size];
    const model = (k) => median(runs.map((r) => r.models[k]?.ms));
    const lt = (k) => lifetimes?.results?.find?.((x) => String(x.size) === size && x.model === k) ?? lifetimes?.[size]?.[k] ?? null;
    summary[size] = {
      app_all_ms: median(runs.map((r) => r.all)),
      app_read_ms: median(runs.map((r) => r.read)),
      app_ms: { bgnbd: model('bgnbd'), pnbd: model('pnbd'), gg: model('gg'), mbgnbd: model('mbgnbd') },
      distinct: runs[0].models.bgnbd?.distinct,
      peak_mb: median(runs.map((r) => r.peak_bytes / 1048576)),
      lifetimes: lifetimes ? { bgnbd: lt('bgnbd'), pnbd: lt('pnbd'), gg: lt('gg') } : null,
    };
  }
  const result = { when: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model }, runs: o.runs, app, lifetimes, summary };
  const file = path.join(OUTPUT, `models-${new Date().toISOString().replaceAll(':', '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 1));
  console.log(JSON.stringify(summary, null, 1));
  console.error(`wrote ${file}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
