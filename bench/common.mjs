// Helpers shared by the in-browser benchmarks (bench/run.mjs, bench/analysis.mjs):
// the generated logs in $BENCH_DATA, and the memory and CPU of the Chromium processes
// this Node process started. Not a benchmark itself.

import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT } from '../tests/e2e/harness.mjs';

/** Where the generated logs live (never commit them). */
export const DATA = path.resolve(process.env.BENCH_DATA ?? '/tmp/retention-bench');

// ---------------------------------------------------------------- files

/** `1e6` or `utf16-1e6` → { label, rows, utf16, path, encoding }; throws on anything else. */
export function fileSpec(spec) {
  const m = /^(utf16-)?([0-9][0-9_.e+]*)$/i.exec(spec);
  const rows = m && Number(m[2].replaceAll('_', ''));
  if (!m || !Number.isInteger(rows) || rows < 1) throw new Error(`not a file spec: ${spec}`);
  const utf16 = Boolean(m[1]);
  const label = `${utf16 ? 'en-utf16' : 'en'}-${m[2]}`;
  return {
    label,
    rows,
    utf16,
    path: path.join(DATA, `log-${label}.csv`),
    encoding: utf16 ? 'utf-16le' : '',
  };
}

/** Writes the log with the `gen` CLI (seed 7) when it is missing. */
export function ensureFile(f) {
  if (fs.existsSync(f.path)) return;
  fs.mkdirSync(DATA, { recursive: true });
  const args = ['--rows', String(f.rows), '--seed', '7', '-o', f.path];
  if (f.utf16) args.push('--encoding', 'utf16le');
  const gen = path.join(ROOT, 'target', 'release', 'gen');
  console.error(`generating ${f.path} ...`);
  const r = fs.existsSync(gen)
    ? spawnSync(gen, args, { stdio: 'inherit' })
    : spawnSync('cargo', ['run', '--release', '--quiet', '--bin', 'gen', '--', ...args], {
        cwd: ROOT,
        stdio: 'inherit',
      });
  if (r.status !== 0) throw new Error(`gen failed for ${f.path}`);
}

// ---------------------------------------------------------------- process memory

/** Chromium's processes: every descendant of this Node process. */
export function descendants() {
  const parent = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(name), ppid);
    } catch {
      // gone meanwhile
    }
  }
  const mine = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (!mine.has(pid) && mine.has(ppid)) {
        mine.add(pid);
        grew = true;
      }
    }
  }
  mine.delete(process.pid);
  return [...mine];
}

export function isRenderer(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
  } catch {
    return false;
  }
}

/** { rss, hwm } in bytes, or null when the process is gone. */
export function memoryOf(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) the processes have used so far (USER_HZ = 100). */
export function cpuSeconds(pids) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks / 100;
}

/** CPU seconds (user + system) the Web Worker threads ("DedicatedWorker") of these
 *  processes have used so far: the worker's own work, hardly affected by other load
 *  on the machine (unlike wall time). */
export function workerCpuSeconds(pids) {
  let ticks = 0;
  for (const pid of pids) {
    let tasks = [];
    try {
      tasks = fs.readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // gone
    }
    for (const tid of tasks) {
      try {
        if (!fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').startsWith('DedicatedWorker')) continue;
        const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // gone
      }
    }
  }
  return ticks / 100;
}

export function renderers() {
  return new Set(descendants().filter(isRenderer));
}

/** Samples the summed RSS of all Chromium processes until stopped. */
export function startSampler() {
  let pids = descendants();
  const total = () => pids.reduce((sum, pid) => sum + (memoryOf(pid)?.rss ?? 0), 0);
  const base = total();
  let peak = base;
  let ticks = 0;
  const timer = setInterval(() => {
    if (++ticks % 20 === 0) pids = descendants();
    peak = Math.max(peak, total());
  }, 50);
  return () => {
    clearInterval(timer);
    peak = Math.max(peak, total());
    return { base, peak };
  };
}

/** A fresh context whose page is loaded, and the renderer processes it brought. */
export async function freshPage(browser, url, ready) {
  const before = renderers();
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(String(err?.stack ?? err)));
  page.on('crash', () => problems.push('renderer crashed'));
  await page.goto(url, { waitUntil: 'load' });
  await ready(page);
  const own = [...renderers()].filter((pid) => !before.has(pid));
  return { context, page, problems, own };
}

export function rendererPeak(own) {
  return own.reduce((max, pid) => Math.max(max, memoryOf(pid)?.hwm ?? 0), 0) || null;
}
