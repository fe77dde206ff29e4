// The first load's size (issue 13): the page's Wasm and its worker's together, gzipped,
// may not grow past BUDGET. The target is 550,000 bytes; the build is not there
// yet (BENCHMARKS.md, "First load"), so the budget holds the size reached and comes
// down with it. Raise it only in a commit that says why.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DIST } from './harness.mjs';

/** Bytes, gzip -9, of the page's and the worker's Wasm together: 879,976 at this commit, and 1% to spare. */
const BUDGET = 890_000;
const TARGET = 550_000;

test(`the page's and the worker's Wasm stay within ${BUDGET} bytes gzipped (target ${TARGET})`, () => {
  const wasm = fs.readdirSync(DIST).filter((f) => /^(app|worker)(-[0-9a-f]+)?_bg\.wasm$/.test(f));
  assert.equal(wasm.length, 2, wasm.join(' '));
  const sizes = Object.fromEntries(wasm.map((f) => [f, zlib.gzipSync(fs.readFileSync(path.join(DIST, f)), { level: 9 }).length]));
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  console.log(`gzipped: ${JSON.stringify(sizes)}, total ${total} (budget ${BUDGET}, target ${TARGET})`);
  assert.ok(total <= BUDGET, `${total} bytes gzipped, over the budget of ${BUDGET}`);
});
