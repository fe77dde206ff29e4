#!/usr/bin/env node
// A CPU profile of the app's reading worker in headless Chromium (V8's sampling
// profiler over the DevTools protocol, attached to the worker), for one file. Not a
// test; rerun by hand:
//
//   node bench/profile.mjs [DIST] [1e6|<rows>] [--interval µs] [--query '?workers=2']
//
// DIST defaults to dist/. WebAssembly functions have names only when the worker's
// .wasm keeps its name section, which `wasm-opt` drops unless given -g; for a build
// with names (BENCHMARKS.md):
//   cp -r dist /tmp/dist-prof
//   wasm-bindgen --target no-modules --out-dir /tmp/b --out-name worker --no-typescript \
//       target/wasm32-unknown-unknown/release/worker.wasm
//   wasm-opt -O3 -g /tmp/b/worker_bg.wasm -o /tmp/dist-prof/worker_bg.wasm
// The file is set on the input once the page has settled (as bench/run.mjs does); the
// profile runs from then to the page's `rc:read-done` mark. It prints the functions
// with the most self time and writes the whole profile to bench/output/*.cpuprofile
// (open it in Chromium's DevTools, Performance panel).

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser, startServer, IDLE, ROOT } from '../tests/e2e/harness.mjs';
import { fileSpec, ensureFile } from './common.mjs';

const args = process.argv.slice(2);
let interval = 100;
let query = '';
const rest = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--interval') interval = Number(args[++i]);
  else if (args[i] === '--query') query = args[++i];
  else rest.push(args[i]);
}
const dist = path.resolve(rest.find((a) => !/^(utf16-)?[0-9]/.test(a)) ?? path.join(ROOT, 'dist'));
const f = fileSpec(rest.find((a) => /^(utf16-)?[0-9]/.test(a)) ?? '1e6');
ensureFile(f);

const { server, origin } = await startServer(dist);
const browser = await launchBrowser();
const context = await browser.newContext();
const page = await context.newPage();
const cdp = await context.newCDPSession(page);

// The worker is reached through the page's target (non-flat sessions).
let nextId = 1;
const pending = new Map();
let workerSession = null;
cdp.on('Target.attachedToTarget', (e) => {
  if (e.targetInfo.type === 'worker') workerSession ??= e.sessionId; // the page's own worker comes first
});
cdp.on('Target.receivedMessageFromTarget', (e) => {
  const msg = JSON.parse(e.message);
  if (msg.id && pending.has(msg.id)) {
    pending.get(msg.id)(msg);
    pending.delete(msg.id);
  }
});
const inWorker = (method, params = {}) =>
  new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
    cdp.send('Target.sendMessageToTarget', { sessionId: workerSession, message: JSON.stringify({ id, method, params }) });
  });

await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
await page.goto(origin + '/' + query);
await page.waitForSelector(IDLE, { timeout: 60000 });
await page.waitForTimeout(1500);
if (!workerSession) throw new Error('no worker target');
await inWorker('Profiler.enable');
await inWorker('Profiler.setSamplingInterval', { interval });
await inWorker('Profiler.start');
const t0 = Date.now();
await page.setInputFiles('[data-testid=file-input]', f.path);
await page.waitForFunction(() => performance.getEntriesByName('rc:read-done').length > 0, null, {
  timeout: 600000,
  polling: 50,
});
const wall = (Date.now() - t0) / 1000;
const { profile } = await inWorker('Profiler.stop');
await browser.close();
server.close();

// Self time per function.
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const n = byId.get(profile.samples[i]);
  const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url ? path.basename(n.callFrame.url) : ''}`;
  self.set(key, (self.get(key) ?? 0) + (dt[i + 1] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`${f.label}: ${wall.toFixed(3)} s wall (incl. page), ${(total / 1e6).toFixed(3)} s sampled in the worker`);
for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
  console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(1).padStart(8)} ms  ${k.slice(0, 150)}`);
}
const out = path.join(ROOT, 'bench', 'output', `worker-${f.label}-${new Date().toISOString().replaceAll(':', '-')}.cpuprofile`);
await fsp.mkdir(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(profile));
console.log(`profile: ${path.relative(ROOT, out)}`);
