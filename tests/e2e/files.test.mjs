// Loading period-count files: drop, file picker, several files, bad rows, empty file,
// the built-in sample. Expected figures are written out literally and recomputed here
// as CRR = (E - N) / S x 100 and churn = 100 - CRR (METRICS.md); never read back.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  useApp,
  dropFixtures,
  fixturePath,
  assertPeriods,
  crr,
  section,
  READY,
  ERROR_STATE,
  WAIT,
} from './harness.mjs';

const app = useApp();

const COMMA = 'period_counts_comma.csv';
const CP1252 = 'period_counts_semicolon_cp1252.csv';
const BAD = 'period_counts_bad.csv';
const EMPTY = 'empty.csv';

// period, S, E, N
const COMMA_ROWS = [
  ['2024-01', 1000, 1010, 60],
  ['2024-02', 1010, 995, 40],
  ['2024-03', 995, 1003, 55],
  ['2024-04', 1003, 990, 30],
  ['2024-05', 990, 1001, 45],
  ['2024-06', 1001, 1020, 50],
];
const CP1252_ROWS = [
  ['2024-Q1', 1200, 1150, 100],
  ['2024-Q2', 1150, 1180, 140],
  ['2024-Q3', 1180, 1120, 60],
  ['2024-Q4', 1120, 1210, 150],
];

/** Watches the status element and records every (state, progress) it takes. */
async function watchStatus(page) {
  await page.evaluate(() => {
    window.__statusSeen = [];
    const el = document.querySelector('[data-testid=status]');
    const note = (e) =>
      window.__statusSeen.push([e.getAttribute('data-state'), e.getAttribute('data-progress')]);
    note(el);
    new MutationObserver(() => note(document.querySelector('[data-testid=status]'))).observe(
      document.body,
      { subtree: true, attributes: true, attributeFilter: ['data-state', 'data-progress'], childList: true },
    );
  });
}

async function assertProgressWellFormed(page) {
  const seen = await page.evaluate(() => window.__statusSeen);
  for (const [state, progress] of seen) {
    assert.ok(['idle', 'working', 'ready', 'error'].includes(state), `status state ${state}`);
    if (state === 'working' && progress !== null) {
      assert.match(progress, /^\d{1,3}$/, 'data-progress is an integer');
      assert.ok(Number(progress) >= 0 && Number(progress) <= 100, `data-progress ${progress} in 0..100`);
    }
    if (state !== 'working') assert.equal(progress, null, `no data-progress while ${state}`);
  }
}

test('drop the comma file: S, E, N, CRR and churn per period; chart and text alternative', async () => {
  const p = await app.open();
  const { page } = p;
  await watchStatus(page);
  await dropFixtures(page, COMMA);
  await page.waitForSelector(READY, { timeout: WAIT });
  await assertProgressWellFormed(page);

  const scope = section(COMMA);
  assert.equal(await page.locator(scope).count(), 1, 'one section for the file');
  assert.equal(await page.locator('section.period-counts').count(), 1);
  assert.equal(await page.locator(`${scope} [data-metric=crr][data-period]`).count(), 6);
  await assertPeriods(page, scope, COMMA_ROWS);
  // Spelled out once: 2024-01 = (1010 - 60) / 1000 x 100 = 95.
  assert.equal(Number(await page.getAttribute(`${scope} [data-metric=crr][data-period="2024-01"]`, 'data-value')), 95);

  // Chart: plotters' inline SVG, one circle per point (CRR + churn per period).
  const chart = `${scope} [data-chart=crr]`;
  assert.equal(await page.locator(`${chart} svg`).count(), 1, 'one inline svg');
  const svg = await page.$eval(`${chart} svg`, (s) => ({
    viewBox: s.getAttribute('viewBox'),
    circles: s.querySelectorAll('circle').length,
    lines: s.querySelectorAll('polyline, path').length,
    width: s.getBoundingClientRect().width,
  }));
  assert.match(svg.viewBox ?? '', /^\s*-?\d+(\.\d+)?[\s,]+-?\d+(\.\d+)?[\s,]+\d+(\.\d+)?[\s,]+\d+(\.\d+)?\s*$/, 'svg viewBox');
  assert.equal(svg.circles, 12, '2 circles per period for 6 periods');
  assert.ok(svg.lines >= 2, `CRR and churn lines drawn (${svg.lines} polyline/path)`);
  assert.ok(svg.width > 0, 'svg is rendered with a width');
  const alt = await page.getAttribute(`${chart} [role=img][aria-label]`, 'aria-label');
  assert.ok(alt && alt.trim().length > 0, 'text alternative present');
  assert.ok(alt.includes('2024-01') && alt.includes('2024-06'), `alt names the span: ${alt}`);
  assert.equal(await page.locator(`${chart} [data-export=svg]`).count(), 1, 'SVG export button');

  // A clean file: nothing skipped.
  assert.equal(await page.getAttribute('[data-metric=rows_skipped]', 'data-value'), '0');
  assert.equal(await page.locator('[data-testid=row-errors] li').count(), 0);
  assert.equal(await page.locator('[data-testid=error]').count(), 0);
  p.assertClean();
});

test('pick the Windows-1252 ";" file: Dutch thousands, all four quarters, encoding named', async () => {
  const p = await app.open();
  const { page } = p;
  await page.setInputFiles('[data-testid=file-input]', fixturePath(CP1252));
  await page.waitForSelector(READY, { timeout: WAIT });

  const scope = section(CP1252);
  assert.equal(await page.locator(scope).count(), 1);
  assert.equal(await page.locator(`${scope} [data-metric=crr][data-period]`).count(), 4);
  // 1.200 is one thousand two hundred.
  assert.equal(Number(await page.getAttribute(`${scope} [data-metric=base_start][data-period="2024-Q1"]`, 'data-value')), 1200);
  // (1150 - 100) / 1200 x 100 = 87.5
  assert.equal(Number(await page.getAttribute(`${scope} [data-metric=crr][data-period="2024-Q1"]`, 'data-value')), 87.5);
  assert.equal(Number(await page.getAttribute(`${scope} [data-metric=churn_rate][data-period="2024-Q1"]`, 'data-value')), 12.5);
  await assertPeriods(page, scope, CP1252_ROWS);

  const summary = await page.textContent(`${scope} .file-summary`);
  assert.match(summary, /Windows-1252/, `summary names the encoding: ${summary}`);
  assert.equal(await page.getAttribute('[data-metric=rows_skipped]', 'data-value'), '0');
  assert.equal(await page.locator(`${scope} [data-chart=crr] svg circle`).count(), 8);
  p.assertClean();
});

test('drop both files at once: both sections present with their own figures', async () => {
  const p = await app.open();
  const { page } = p;
  await dropFixtures(page, COMMA, CP1252);
  await page.waitForSelector(READY, { timeout: WAIT });

  assert.equal(await page.locator('section.period-counts').count(), 2);
  assert.equal(await page.locator(section(COMMA)).count(), 1);
  assert.equal(await page.locator(section(CP1252)).count(), 1);
  await assertPeriods(page, section(COMMA), COMMA_ROWS);
  await assertPeriods(page, section(CP1252), CP1252_ROWS);
  // Each section holds only its own periods.
  assert.equal(await page.locator(`${section(COMMA)} [data-metric=crr][data-period]`).count(), 6);
  assert.equal(await page.locator(`${section(CP1252)} [data-metric=crr][data-period]`).count(), 4);
  assert.equal(await page.locator(`${section(COMMA)} [data-period^="2024-Q"]`).count(), 0);
  p.assertClean();
});

test('bad rows are skipped and listed; then the empty file alone gives an error', async () => {
  const p = await app.open();
  const { page } = p;
  await dropFixtures(page, BAD);
  await page.waitForSelector(READY, { timeout: WAIT });

  assert.equal(await page.getAttribute('[data-metric=rows_skipped]', 'data-value'), '5');
  const items = await page.$$eval('ul[data-testid=row-errors] > li', (lis) =>
    lis.map((li) => [li.getAttribute('data-line'), li.textContent.replace(/\s+/g, ' ').trim()]),
  );
  assert.deepEqual(items.map(([line]) => line), ['3', '4', '5', '6', '7']);
  const reasons = {
    3: /^Line 3\b.*column 3.*'veel' is not a number/,
    4: /^Line 4\b.*\bS is 0\b/,
    5: /^Line 5\b.*E\s*[−-]\s*N is below 0/,
    6: /^Line 6\b.*column 2.*empty/,
    7: /^Line 7\b.*2 fields/,
  };
  for (const [line, text] of items) assert.match(text, reasons[line], `reason for line ${line}`);

  const scope = section(BAD);
  assert.equal(await page.locator(`${scope} [data-metric=crr][data-period]`).count(), 2);
  await assertPeriods(page, scope, [
    ['2024-01', 100, 95, 10],
    ['2024-07', 40, 42, 6],
  ]);
  assert.equal(Number(await page.getAttribute(`${scope} [data-metric=crr][data-period="2024-01"]`, 'data-value')), 85);
  assert.equal(Number(await page.getAttribute(`${scope} [data-metric=crr][data-period="2024-07"]`, 'data-value')), 90);
  assert.equal(await page.locator('[data-testid=error]').count(), 0, 'a partly usable file is not an error');

  // Now the empty file alone: replaces what was shown, nothing usable -> error.
  await dropFixtures(page, EMPTY);
  await page.waitForSelector(ERROR_STATE, { timeout: WAIT });
  const error = page.locator('[data-testid=error]');
  assert.ok(await error.isVisible(), 'error message visible');
  assert.equal(await error.getAttribute('role'), 'alert');
  const text = await error.textContent();
  assert.match(text, /empty\.csv/, 'names the file');
  assert.match(text, /empty/i);
  assert.equal(await page.locator('section.period-counts').count(), 0, 'old results are gone');
  assert.equal(await page.locator('[data-metric=crr][data-period]').count(), 0);
  assert.equal(await page.locator('ul[data-testid=row-errors] > li').count(), 0, 'old row errors are gone');

  // In Dutch the same message says "leeg".
  await page.selectOption('select[data-setting=language]', 'nl');
  await page.waitForFunction(() => document.documentElement.lang === 'nl', null, { timeout: WAIT });
  assert.match(await page.textContent('[data-testid=error]'), /leeg/i);
  assert.equal(await page.getAttribute('[data-testid=status]', 'data-state'), 'error');
  p.assertClean();
});

test('sample button: ready with 24 periods', async () => {
  const p = await app.open();
  const { page } = p;
  await page.click('[data-testid=load-sample]');
  await page.waitForSelector(READY, { timeout: WAIT });

  assert.equal(await page.locator('section.period-counts').count(), 1);
  const scope = 'section.period-counts';
  assert.equal(await page.locator(`${scope} [data-metric=crr][data-period]`).count(), 24);
  assert.equal(await page.locator(`${scope} [data-chart=crr] svg circle`).count(), 48);

  // Every row is self-consistent: CRR = (E - N) / S x 100 from the row's own S, E, N.
  const rows = await page.$$eval(`${scope} tbody tr`, (trs) =>
    trs.map((tr) => Object.fromEntries([...tr.querySelectorAll('[data-metric]')].map((td) => [td.dataset.metric, td.getAttribute('data-value')]))),
  );
  assert.equal(rows.length, 24);
  for (const r of rows) {
    const [s, e, n] = [Number(r.base_start), Number(r.base_end), Number(r.joined)];
    assert.ok(s > 0, 'sample S > 0');
    assert.equal(Number(r.crr), crr(s, e, n));
    assert.equal(Number(r.churn_rate), 100 - crr(s, e, n));
  }
  assert.equal(await page.getAttribute('[data-metric=rows_skipped]', 'data-value'), '0');
  p.assertClean();
});

test('a newer drop replaces the older one: only the last files are shown', async () => {
  const p = await app.open();
  const { page } = p;
  // Two drops straight after each other: whatever the first load does, the screen must
  // end with the second file only.
  await dropFixtures(page, COMMA);
  await dropFixtures(page, CP1252);
  await page.waitForSelector(`${READY}`, { timeout: WAIT });
  await page.waitForSelector(section(CP1252), { timeout: WAIT });
  await page.waitForTimeout(500); // let a late result of the first load show up, if it would
  assert.equal(await page.getAttribute('[data-testid=status]', 'data-state'), 'ready');
  assert.equal(await page.locator('section.period-counts').count(), 1);
  assert.equal(await page.locator(section(COMMA)).count(), 0);
  await assertPeriods(page, section(CP1252), CP1252_ROWS);

  // And once settled, a third drop replaces it again.
  await dropFixtures(page, COMMA);
  await page.waitForSelector(section(COMMA), { timeout: WAIT });
  await page.waitForSelector(READY, { timeout: WAIT });
  assert.equal(await page.locator(section(CP1252)).count(), 0);
  assert.equal(await page.locator('section.period-counts').count(), 1);
  await assertPeriods(page, section(COMMA), COMMA_ROWS);
  p.assertClean();
});

test('exports: chart SVG and PNG and the skipped-rows CSV are made in the browser', async () => {
  const p = await app.open({ acceptDownloads: true });
  const { page } = p;
  await dropFixtures(page, BAD);
  await page.waitForSelector(READY, { timeout: WAIT });
  const mark = p.requests.length;

  const [svgDownload] = await Promise.all([
    page.waitForEvent('download', { timeout: WAIT }),
    page.click(`${section(BAD)} [data-chart=crr] [data-export=svg]`),
  ]);
  assert.match(svgDownload.suggestedFilename(), /\.svg$/);
  assert.equal(await svgDownload.failure(), null);
  const svg = fs.readFileSync(await svgDownload.path(), 'utf8');
  assert.match(svg, /^<svg[\s>]/);
  assert.match(svg, /<\/svg>\s*$/);
  assert.equal((svg.match(/<circle/g) ?? []).length, 4, '2 periods x (CRR, churn)');

  const [pngDownload] = await Promise.all([
    page.waitForEvent('download', { timeout: WAIT }),
    page.click(`${section(BAD)} [data-chart=crr] [data-export=png]`),
  ]);
  assert.match(pngDownload.suggestedFilename(), /\.png$/);
  const png = fs.readFileSync(await pngDownload.path());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  // IHDR: width and height, big-endian, at bytes 16..24: twice the 760 x 340 chart.
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1520, 680]);

  const [csvDownload] = await Promise.all([
    page.waitForEvent('download', { timeout: WAIT }),
    page.click('[data-testid=export-row-errors]'),
  ]);
  assert.match(csvDownload.suggestedFilename(), /\.csv$/);
  const csv = fs.readFileSync(await csvDownload.path(), 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  assert.equal(lines.length, 1 + 5, 'header + one line per skipped row');
  assert.deepEqual(
    lines.slice(1).map((l) => l.split(',')[1]),
    ['3', '4', '5', '6', '7'],
  );
  assert.match(lines[1], /'veel' is not a number/);

  // The PNG is drawn from the SVG loaded as an in-memory blob: URL; nothing else may load.
  const network = p.requests.slice(mark).filter((r) => !r.url.startsWith('blob:'));
  assert.deepEqual(network, [], 'downloads send nothing over the network');
  p.assertClean();
});
