#!/usr/bin/env node
// The I/O floor of reading a file in a Web Worker in headless Chromium: how fast the
// bytes of a disk-backed `File` (set on an <input type=file>, as from the file picker)
// reach WebAssembly memory when nothing is parsed. Not a test; rerun by hand:
//
//   node bench/floor.mjs [1e6|1e7|<rows> ...] [--runs N] [--only VARIANT,...]
//                                                 (default: 1e6 1e7, best of 3, all)
//
// One dedicated worker (plain JavaScript, no app code) reads the whole file in several
// ways, each timed from the first slice to the last byte in memory:
//   frs-N             FileReaderSync.readAsArrayBuffer of N MiB slices, bytes not touched
//   frs-N+copy        ... and each slice copied into a WebAssembly.Memory (what the app's
//                     worker does with Uint8Array::copy_to)
//   frs-8+copy+yield  ... plus a JSON progress postMessage and a setTimeout(0) per slice
//   stream+copy       Blob.stream() (default reader), chunks copied into the memory
//   byob              Blob.stream() read with a BYOB reader into a reused buffer
//   arrayBuffer       File.arrayBuffer() of the whole file (no slices)
// and, with a stand-in for parsing (the worker spins BUSY_MS per 8 MiB slice, about the
// app's parsing speed), whether the reads overlap it:
//   frs-8+copy+busy   FileReaderSync, then the copy and the spin, slice after slice
//   async-8+copy+busy Blob.arrayBuffer() of the next slice requested before the spin of
//                     this one: the read only progresses while the worker is not busy
//   helper-8+copy+busy the next slice read by a helper worker (the app's own
//                     src/slice_reader.js) during the spin of this one, as the app does
// The files are those of bench/run.mjs ($BENCH_DATA, default /tmp/retention-bench).

import http from 'node:http';
import fs from 'node:fs';
import { launchBrowser } from '../tests/e2e/harness.mjs';
import { fileSpec, ensureFile } from './common.mjs';

const PAGE = `<!doctype html><meta charset="utf-8"><input type="file" id="file">
<script src="page.js"></script>`;

const PAGE_JS = `
window.__floor = { ready: false, result: null };
const worker = new Worker('worker.js');
worker.onmessage = (e) => {
  if (e.data === 'ready') window.__floor.ready = true;
  else if (typeof e.data === 'object') window.__floor.result = e.data;
  // (strings are the progress lines of frs-8+copy+yield: the page ignores them)
};
document.getElementById('file').addEventListener('change', (e) => {
  window.__floor.result = null;
  worker.postMessage({ file: e.target.files[0], variant: window.__floor.variant });
});`;

const WORKER_JS = `
const MiB = 1 << 20;
let memory = null;
function wasmBytes(size) {
  // Grown once to the largest slice; reused like the app's buffer.
  const pages = Math.ceil(size / 65536);
  if (!memory) memory = new WebAssembly.Memory({ initial: pages, maximum: 65536 });
  else if (memory.buffer.byteLength < size) memory.grow(pages - memory.buffer.byteLength / 65536);
  return new Uint8Array(memory.buffer, 0, size);
}
const tick = () => new Promise((r) => setTimeout(r, 0));

async function frs(file, sliceMiB, copy, progress, busy) {
  const reader = new FileReaderSync();
  const slice = sliceMiB * MiB;
  let sum = 0;
  for (let start = 0; start < file.size; start += slice) {
    const end = Math.min(start + slice, file.size);
    const buf = reader.readAsArrayBuffer(file.slice(start, end));
    if (copy) {
      const dst = wasmBytes(buf.byteLength);
      dst.set(new Uint8Array(buf));
      sum += dst[buf.byteLength - 1];
    } else sum += buf.byteLength;
    if (busy) spin();
    if (progress) {
      postMessage(JSON.stringify({ id: 1, body: { Progress: { bytes: end, total: file.size, rows: start } } }));
      await tick();
    }
  }
  return sum;
}

const BUSY_MS = 60;
function spin() {
  const until = performance.now() + BUSY_MS;
  while (performance.now() < until);
}

async function asyncBusy(file) {
  const slice = 8 * MiB;
  let sum = 0;
  let next = file.slice(0, slice).arrayBuffer();
  for (let start = 0; start < file.size; start += slice) {
    const buf = await next;
    if (start + slice < file.size) next = file.slice(start + slice, start + 2 * slice).arrayBuffer();
    const dst = wasmBytes(buf.byteLength);
    dst.set(new Uint8Array(buf));
    sum += dst[buf.byteLength - 1];
    spin();
  }
  return sum;
}

async function helperBusy(file) {
  const helper = new Worker('slice_reader.js');
  const channel = new MessageChannel();
  helper.postMessage({ file, port: channel.port2 }, [channel.port2]);
  const port = channel.port1;
  const request = (start, end) =>
    new Promise((resolve) => {
      port.onmessage = (e) => resolve(e.data);
      port.postMessage([start, Math.min(end, file.size)]);
    });
  const slice = 8 * MiB;
  let sum = 0;
  let next = request(0, slice);
  for (let start = 0; start < file.size; start += slice) {
    const buf = await next;
    if (start + slice < file.size) next = request(start + slice, start + 2 * slice);
    const dst = wasmBytes(buf.byteLength);
    dst.set(new Uint8Array(buf));
    sum += dst[buf.byteLength - 1];
    spin();
  }
  helper.terminate();
  return sum;
}

async function stream(file) {
  const reader = file.stream().getReader();
  let pos = 0, sum = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const dst = wasmBytes(value.byteLength);
    dst.set(value);
    sum += dst[0];
    pos += value.byteLength;
  }
  return sum;
}

async function byob(file) {
  const reader = file.stream().getReader({ mode: 'byob' });
  let buf = new ArrayBuffer(8 * MiB), sum = 0;
  for (;;) {
    const { done, value } = await reader.read(new Uint8Array(buf));
    if (done) break;
    sum += value[0];
    buf = value.buffer;
  }
  return sum;
}

async function run(file, variant) {
  const m = /^frs-(\\d+)(\\+copy)?(\\+yield)?(\\+busy)?$/.exec(variant);
  if (m) return frs(file, Number(m[1]), Boolean(m[2]), Boolean(m[3]), Boolean(m[4]));
  if (variant === 'async-8+copy+busy') return asyncBusy(file);
  if (variant === 'helper-8+copy+busy') return helperBusy(file);
  if (variant === 'stream+copy') return stream(file);
  if (variant === 'byob') return byob(file);
  if (variant === 'arrayBuffer') return (await file.arrayBuffer()).byteLength;
  throw new Error('unknown variant ' + variant);
}

onmessage = async (e) => {
  const { file, variant } = e.data;
  try {
    const t0 = performance.now();
    const check = await run(file, variant);
    postMessage({ ms: performance.now() - t0, check });
  } catch (err) {
    postMessage({ error: String(err) });
  }
};
postMessage('ready');`;

const VARIANTS = [
  'frs-8',
  'frs-8+copy',
  'frs-8+copy+yield',
  'frs-32+copy',
  'frs-64+copy',
  'stream+copy',
  'byob',
  'arrayBuffer',
  'frs-8+copy+busy',
  'async-8+copy+busy',
  'helper-8+copy+busy',
];

function parseArgs(argv) {
  let runs = 3;
  let only = null;
  const specs = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') runs = Number(argv[++i]);
    else if (argv[i] === '--only') only = argv[++i].split(',');
    else specs.push(argv[i]);
  }
  return { runs, only, files: (specs.length ? specs : ['1e6', '1e7']).map(fileSpec) };
}

async function main() {
  const { runs, only, files } = parseArgs(process.argv.slice(2));
  const variants = only ?? VARIANTS;
  for (const f of files) ensureFile(f);
  const bodies = {
    '/': [PAGE, 'text/html'],
    '/page.js': [PAGE_JS, 'text/javascript'],
    '/worker.js': [WORKER_JS, 'text/javascript'],
    '/slice_reader.js': [fs.readFileSync(new URL('../src/slice_reader.js', import.meta.url)), 'text/javascript'],
  };
  const server = http.createServer((req, res) => {
    const b = bodies[new URL(req.url, 'http://x').pathname];
    if (!b) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': b[1] }).end(b[0]);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchBrowser();
  console.log(`Chromium ${browser.version()}; best of ${runs}; MB = 10^6 bytes`);
  try {
    for (const f of files) {
      const bytes = fs.statSync(f.path).size;
      const best = Object.fromEntries(variants.map((v) => [v, Infinity]));
      for (let i = 0; i < runs; i++) {
        for (const variant of variants) {
          const context = await browser.newContext();
          const page = await context.newPage();
          await page.goto(origin + '/');
          await page.waitForFunction(() => window.__floor.ready);
          await page.evaluate((v) => (window.__floor.variant = v), variant);
          await page.setInputFiles('#file', f.path);
          await page.waitForFunction(() => window.__floor.result !== null, null, { timeout: 600000, polling: 50 });
          const r = await page.evaluate(() => window.__floor.result);
          await context.close();
          if (r.error) throw new Error(`${variant}: ${r.error}`);
          best[variant] = Math.min(best[variant], r.ms);
        }
      }
      console.log(`\n${f.label} (${(bytes / 1e6).toFixed(1)} MB)`);
      for (const v of variants) {
        console.log(`  ${v.padEnd(18)} ${(best[v] / 1000).toFixed(3)} s  ${(bytes / 1e3 / best[v]).toFixed(0).padStart(5)} MB/s`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((err) => {
  console.error(err?.stack ?? err);
  process.exit(1);
});
