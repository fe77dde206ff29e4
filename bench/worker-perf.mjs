#!/usr/bin/env node
// User-mode cycles and instructions of the app's Web Worker thread for one read, from
// `perf stat` attached to that thread (Linux, perf installed): counts that other load
// on the machine hardly changes, unlike wall time. Not a test; rerun by hand:
//
//   node bench/worker-perf.mjs [1e5|1e6|<rows> ...] [--runs N]     (default 1e6, 5 runs)
//   BENCH_DIST=/other/dist node bench/worker-perf.mjs ...          (another build)
//
// Each run: the built app (dist/) in a fresh context; once the page has settled (as in
// bench/run.mjs) perf starts counting on the thread named "DedicatedWorker" of that
// context's renderer, the file is set on the input, and counting stops at the page's
// `rc:read-done` mark (detection, the read, `finish` and the report in the worker).
// The least of each count over the runs is printed, with the wall time of that run.

import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { launchBrowser, startServer, IDLE, DIST as BUILT } from '../tests/e2e/harness.mjs';
import { fileSpec, ensureFile, freshPage } from './common.mjs';

/** The build to measure: dist/, or $BENCH_DIST. */
const DIST = path.resolve(process.env.BENCH_DIST ?? BUILT);
const argv = process.argv.slice(2);
let runs = 5;
const specs = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--runs') runs = Number(argv[++i]);
  else specs.push(argv[i]);
}
const files = (specs.length ? specs : ['1e6']).map(fileSpec);
for (const f of files) ensureFile(f);

const { server, origin } = await startServer(DIST);
const browser = await launchBrowser();

function workerThread(pids) {
  for (const pid of pids) {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        if (fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').startsWith('DedicatedWorker')) return tid;
      } catch {
        // gone
      }
    }
  }
  throw new Error('no DedicatedWorker thread');
}

async function once(f) {
  const { context, page, own } = await freshPage(browser, `${origin}/`, (p) =>
    p.waitForSelector(IDLE, { timeout: 60000 }),
  );
  try {
    await page.waitForTimeout(1500);
    const tid = workerThread(own);
    const perf = spawn('perf', ['stat', '-x', ',', '-e', 'cycles:u,instructions:u', '-t', tid], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    perf.stderr.on('data', (d) => (err += d));
    const exited = new Promise((r) => perf.on('exit', r));
    await new Promise((r) => setTimeout(r, 200)); // perf attached
    const t0 = Date.now();
    await page.setInputFiles('[data-testid=file-input]', f.path);
    await page.waitForFunction(() => performance.getEntriesByName('rc:read-done').length > 0, null, {
      timeout: 600000,
      polling: 20,
    });
    const seconds = (Date.now() - t0) / 1000;
    perf.kill('SIGINT');
    await exited;
    const count = (event) => Number(err.split('\n').find((l) => l.includes(event))?.split(',')[0]);
    return { seconds, cycles: count('cycles'), instructions: count('instructions') };
  } finally {
    await context.close().catch(() => {});
  }
}

try {
  for (const f of files) {
    const all = [];
    for (let i = 0; i < runs; i++) all.push(await once(f));
    const bytes = fs.statSync(f.path).size;
    const min = (k) => Math.min(...all.map((r) => r[k]));
    console.log(
      `${f.label}: worker ${(min('cycles') / 1e6).toFixed(0)} M cycles, ${(min('instructions') / 1e6).toFixed(0)} M instructions ` +
        `(${(min('instructions') / bytes).toFixed(1)}/byte); best wall ${min('seconds').toFixed(3)} s ` +
        `(${(bytes / 1e6 / min('seconds')).toFixed(1)} MB/s); cycles per run: ${all.map((r) => (r.cycles / 1e6).toFixed(0)).join(' ')}`,
    );
  }
} finally {
  await browser.close();
  server.close();
}
