// Helpers for ingest.test.mjs (not a test file itself: the runner only picks up
// `*.test.mjs`). Everything the harness lacks for transaction logs and re-reads.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, WAIT } from './harness.mjs';

export const INGEST = path.join(FIXTURES, 'ingest');

/** Bytes of a fixture in tests/fixtures/ingest/ (an array survives page.evaluate). */
export function ingestBytes(name) {
  return [...fs.readFileSync(path.join(INGEST, name))];
}

export function ingestPath(name) {
  return path.join(INGEST, name);
}

/** Section of a file's figures (transaction log, summary, survey, ...). */
export function fileResult(name, kind = 'transactions') {
  return `section.file-result[data-kind="${kind}"][data-file="${name}"]`;
}

export function panel(name) {
  return `details[data-testid=column-panel][data-file="${name}"]`;
}

/**
 * Records every (state, progress) the status element takes, from now on, in
 * `window.__seen`. Install once per page, before the first load.
 */
export async function watchStatus(page) {
  await page.evaluate(() => {
    if (window.__seen) return;
    window.__seen = [];
    const note = () => {
      const el = document.querySelector('[data-testid=status]');
      if (!el) return;
      const entry = [el.getAttribute('data-state'), el.getAttribute('data-progress')];
      const last = window.__seen[window.__seen.length - 1];
      if (!last || last[0] !== entry[0] || last[1] !== entry[1]) window.__seen.push(entry);
    };
    note();
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-state', 'data-progress'],
    });
  });
}

/** How many status changes were seen so far (a mark for `waitForLoad`). */
export async function statusMark(page) {
  return page.evaluate(() => window.__seen.length);
}

/**
 * Waits until a load that started after `mark` has ended: a `working` state was seen
 * after the mark, and the status is now `ready` or `error`. Returns the final state.
 * (Needed when the page was already `ready` before: waiting for READY alone would
 * match the old figures.)
 */
export async function waitForLoad(page, mark, timeout = WAIT) {
  await page.waitForFunction(
    (mark) => {
      const seen = window.__seen.slice(mark);
      const i = seen.findIndex(([s]) => s === 'working');
      if (i < 0) return false;
      const now = document.querySelector('[data-testid=status]')?.getAttribute('data-state');
      return (now === 'ready' || now === 'error') && seen.slice(i).some(([s]) => s === now);
    },
    mark,
    { timeout },
  );
  return page.getAttribute('[data-testid=status]', 'data-state');
}

/** Every `data-metric` → `data-value` (as text) inside `scope`. */
export async function figuresIn(page, scope) {
  return page.$$eval(`${scope} [data-metric]`, (els) =>
    Object.fromEntries(els.map((el) => [el.getAttribute('data-metric'), el.getAttribute('data-value')])),
  );
}

/** `actual` (a data-value string) equals `expected` to within 1e-9 relative. */
export function assertClose(actual, expected, message) {
  assert.equal(typeof actual, 'string', `${message}: data-value present (got ${actual})`);
  assert.match(actual, /^-?\d+(\.\d+)?(e-?\d+)?$/, `${message}: data-value is plain machine form: '${actual}'`);
  const got = Number(actual);
  const tolerance = 1e-9 * Math.max(Math.abs(expected), 1e-300);
  assert.ok(
    Math.abs(got - expected) <= tolerance || got === expected,
    `${message}: expected ${expected}, got ${actual}`,
  );
}

/** Checks every figure of `expected` (metric → number) inside `scope`. */
export async function assertFigures(page, scope, expected) {
  const got = await figuresIn(page, scope);
  for (const [metric, value] of Object.entries(expected)) {
    assertClose(got[metric], value, `${scope} ${metric}`);
  }
}

/** The skipped rows listed on the page: [{ line, text }]. */
export async function rowErrors(page) {
  return page.$$eval('ul[data-testid=row-errors] > li', (lis) =>
    lis.map((li) => ({ line: li.getAttribute('data-line'), text: li.textContent.trim() })),
  );
}
