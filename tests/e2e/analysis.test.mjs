// The analysis of a transaction log: settings (granularity, window, segment column)
// through the controls and through the URL, the base per period, cohorts, totals, RFM
// segments, segment comparison, NPS x log, CSV / JSON / id / chart downloads, a Dutch
// file, a stray date, and no network traffic after the drop.
//
// Expected values come from outside the app: tests/fixtures/oracle/tiny.json (the pandas
// oracle of tests/oracle/, itself checked by hand in tests/oracle/README.md), or are
// worked out by hand below with the working in the comments. Definitions:
// /work/shared/METRICS.md and docs/definitions.md.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useApp, dropFiles, fixtureBytes, FIXTURES, READY, WAIT } from './harness.mjs';
import { fileResult, watchStatus, statusMark, waitForLoad, figuresIn, assertClose } from './ingest-helpers.mjs';

const app = useApp();

const ORACLE = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'oracle', 'tiny.json'), 'utf8'));
const TINY = 'tiny.csv';

function analysisScope(name) {
  return `section.file-result.analysis[data-kind="transactions"][data-file="${name}"]`;
}

const SCOPE = analysisScope(TINY);

function analysisBytes(name) {
  return [...fs.readFileSync(path.join(FIXTURES, 'analysis', name))];
}

const tinyFile = () => ({ name: TINY, bytes: fixtureBytes('oracle/tiny.csv') });

/** Opens the app, waits until the page is quiet, and returns a request mark. */
async function openQuiet(options = {}) {
  const p = await app.open({ acceptDownloads: true, ...options });
  await p.page.waitForLoadState('networkidle', { timeout: WAIT });
  await watchStatus(p.page);
  return { p, page: p.page, mark: p.requests.length };
}

/** Drops files and waits until their figures are on screen. */
async function dropAndWait(page, files, scope) {
  const mark = await statusMark(page);
  await dropFiles(page, files);
  assert.equal(await waitForLoad(page, mark), 'ready', 'status ready after the drop');
  await page.waitForSelector(READY, { timeout: WAIT });
  await page.waitForSelector(scope, { timeout: WAIT });
}

/** Requests made since `mark`, other than the page's own blob: URLs (downloads). */
function assertNoNetwork(p, mark, what) {
  const network = p.requests.slice(mark).filter((r) => !r.url.startsWith('blob:'));
  assert.deepEqual(network, [], `no network request ${what}`);
}

/**
 * Changes one analysis setting through its control, the way a person does, and waits
 * until the new figures are on screen (working, then ready). No-op when unchanged.
 */
async function setSetting(page, scope, name, value) {
  const control = `${scope} [data-setting=${name}]`;
  if ((await page.inputValue(control)) === String(value)) return;
  const mark = await statusMark(page);
  if (name === 'window_days') {
    await page.fill(control, String(value));
    await page.dispatchEvent(control, 'change');
  } else {
    await page.selectOption(control, String(value));
  }
  assert.equal(await waitForLoad(page, mark), 'ready', `status ready after ${name} = ${value}`);
  assert.equal(await page.inputValue(control), String(value), `${name} control shows ${value}`);
}

async function controls(page, scope) {
  return {
    granularity: await page.inputValue(`${scope} select[data-setting=granularity]`),
    window_days: await page.inputValue(`${scope} input[data-setting=window_days]`),
    segment: await page.inputValue(`${scope} select[data-setting=segment]`),
  };
}

function urlSettings(page) {
  const q = new URL(page.url()).searchParams;
  return { granularity: q.get('granularity'), window_days: q.get('window_days'), segment: q.get('segment') };
}

/** data-value '' (undefined) for null, else equal to within 1e-9 relative. */
function assertValue(actual, expected, message) {
  if (expected === null) {
    assert.equal(actual, '', `${message}: undefined, so data-value is empty (got '${actual}')`);
  } else {
    assertClose(actual, expected, message);
  }
}

/** period -> { metric -> data-value }, and the periods in the order of the table. */
async function periodFigures(page, scope) {
  return page.$$eval(`${scope} [data-period][data-metric]`, (els) => {
    const by = {};
    const order = [];
    for (const el of els) {
      const p = el.getAttribute('data-period');
      if (!by[p]) {
        by[p] = {};
        order.push(p);
      }
      by[p][el.getAttribute('data-metric')] = el.getAttribute('data-value');
    }
    return { by, order };
  });
}

/** Every per-period figure on the page against rows [{ period, metric: value, ... }]. */
async function assertBase(page, scope, rows, label) {
  const { by, order } = await periodFigures(page, scope);
  assert.deepEqual(order, rows.map((r) => r.period), `${label}: the page has exactly the expected periods`);
  for (const row of rows) {
    const got = by[row.period];
    const keys = Object.keys(row).filter((k) => k !== 'period');
    assert.deepEqual(Object.keys(got).sort(), keys.sort(), `${label} ${row.period}: figures present`);
    for (const k of keys) assertValue(got[k], row[k], `${label} ${row.period} ${k}`);
  }
}

/** Figures without data-period / data-segment / data-cohort / data-offset (totals). */
async function plainFigures(page, scope) {
  return page.$$eval(
    `${scope} [data-metric]:not([data-period]):not([data-segment]):not([data-cohort]):not([data-offset])`,
    (els) => Object.fromEntries(els.map((el) => [el.getAttribute('data-metric'), el.getAttribute('data-value')])),
  );
}

/** segment -> { metric -> data-value } for the given metrics. */
async function segmentFigures(page, scope, metrics) {
  return page.$$eval(
    `${scope} [data-segment][data-metric]`,
    (els, metrics) => {
      const by = {};
      for (const el of els) {
        const m = el.getAttribute('data-metric');
        if (!metrics.includes(m)) continue;
        const s = el.getAttribute('data-segment');
        (by[s] ??= {})[m] = el.getAttribute('data-value');
      }
      return by;
    },
    metrics,
  );
}

const CMP_METRICS = ['customers_total', 'crr', 'churn_rate', 'aov', 'purchase_frequency', 'repeat_rate', 'revenue_per_customer'];
const RFM_METRICS = ['segment_customers', 'segment_share', 'segment_revenue', 'recency_mean', 'frequency_mean', 'monetary_mean'];

/** The comparison table against expected { value: { metric: number|null } } (exact set of values). */
async function assertComparison(page, scope, expected, label) {
  const got = await segmentFigures(page, scope, CMP_METRICS);
  assert.deepEqual(Object.keys(got).sort(), Object.keys(expected).sort(), `${label}: the values compared`);
  for (const [value, figures] of Object.entries(expected)) {
    for (const m of CMP_METRICS) {
      if (m in figures) assertValue(got[value][m], figures[m], `${label} ${value} ${m}`);
    }
  }
}

/**
 * The cohort table in all four modes against the oracle's cohorts of one granularity
 * (exact set of cohorts and offsets), plus cohort_size and cohort_avg_retention.
 */
async function assertCohorts(page, scope, cohorts, average, label) {
  const modes = ['cohort_retention', 'cohort_active', 'cohort_revenue_pct', 'cohort_revenue'];
  for (const [i, metric] of modes.entries()) {
    await page.selectOption(`${scope} select[data-testid=cohort-mode]`, String(i));
    await page.waitForSelector(`${scope} td[data-metric=${metric}][data-cohort]`, { timeout: WAIT });
    const cells = await page.$$eval(`${scope} [data-cohort][data-offset][data-metric]`, (els) =>
      els.map((el) => [el.getAttribute('data-metric'), el.dataset.cohort, el.dataset.offset, el.getAttribute('data-value')]),
    );
    assert.ok(cells.every(([m]) => m === metric), `${label} mode ${i}: every cell is ${metric}`);
    const expected = cohorts.flatMap((c) => c.offsets.map((o) => [c.cohort, String(o.offset), o[metric]]));
    assert.deepEqual(
      cells.map(([, c, k]) => `${c}+${k}`),
      expected.map(([c, k]) => `${c}+${k}`),
      `${label} ${metric}: exactly the oracle's cohorts and offsets`,
    );
    for (const [j, [, c, k, v]] of cells.entries()) assertValue(v, expected[j][2], `${label} ${metric} ${c}+${k}`);
  }
  await page.selectOption(`${scope} select[data-testid=cohort-mode]`, '0');
  const sizes = await page.$$eval(`${scope} [data-metric=cohort_size]`, (els) =>
    els.map((el) => [el.dataset.cohort, el.getAttribute('data-value')]),
  );
  assert.deepEqual(sizes, cohorts.map((c) => [c.cohort, String(c.cohort_size)]), `${label} cohort_size`);
  const avg = await page.$$eval(`${scope} [data-metric=cohort_avg_retention]`, (els) =>
    els.map((el) => [el.dataset.offset, el.getAttribute('data-value')]),
  );
  assert.deepEqual(avg.map(([k]) => k), average.map((_, k) => String(k)), `${label} cohort_avg_retention offsets`);
  for (const [k, v] of avg) assertValue(v, average[Number(k)], `${label} cohort_avg_retention ${k}`);
}

/** Totals, days between, concentration and RFM of tiny.csv against the oracle. */
async function assertTinySettingsFree(page, scope) {
  const got = await plainFigures(page, scope);
  const t = ORACLE.totals;
  const expected = {
    customers_total: t.customers_total,
    transactions_total: t.transactions_total,
    revenue_total: t.revenue_total,
    aov: t.aov,
    purchase_frequency: t.purchase_frequency,
    repeat_rate: t.repeat_rate,
    top10_revenue_share: ORACLE.concentration.top10_revenue_share,
    top10_spend_ratio: ORACLE.concentration.top10_spend_ratio,
    days_between_median: ORACLE.days_between.days_between_median,
    days_between_mean: ORACLE.days_between.days_between_mean,
  };
  for (const [k, v] of Object.entries(expected)) assertValue(got[k], v, `totals ${k}`);
  const rfm = await segmentFigures(page, scope, RFM_METRICS);
  assert.deepEqual(Object.keys(rfm).sort(), Object.keys(ORACLE.rfm.segments).sort(), 'the nine RFM segments');
  for (const [seg, figures] of Object.entries(ORACLE.rfm.segments)) {
    for (const m of RFM_METRICS) assertValue(rfm[seg][m], figures[m], `rfm ${seg} ${m}`);
  }
}

/** Day `days` after ISO date `iso` (UTC calendar arithmetic), as yyyy-mm-dd. */
function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: WAIT }), page.click(selector)]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
}

const CHARTS = ['crr', 'flow', 'purchase-gaps', 'cohort-heatmap', 'cohort-curves', 'lorenz', 'rfm-segments'];

// ---------------------------------------------------------------------------------
// 1. tiny.csv against the oracle, every oracle setting switched through the controls.
// ---------------------------------------------------------------------------------
test('tiny.csv: base per period for every oracle setting (through the controls), totals, cohorts, RFM, comparison, URL', async () => {
  const { p, page, mark } = await openQuiet();
  await dropAndWait(page, [tinyFile()], SCOPE);
  const scope = SCOPE;

  // Defaults: month, W = 90, no segment column; mirrored in the URL.
  assert.deepEqual(await controls(page, scope), { granularity: 'month', window_days: '90', segment: '' });
  assert.deepEqual(urlSettings(page), { granularity: 'month', window_days: '90', segment: '' });
  await assertTinySettingsFree(page, scope);
  for (const chart of CHARTS) {
    assert.equal(await page.locator(`${scope} [data-chart=${chart}] svg`).count() >= 1, true, `chart ${chart} drawn`);
    assert.equal(await page.locator(`${scope} [data-chart=${chart}] [data-export=png]`).count(), 1, `${chart} PNG button`);
    assert.equal(await page.locator(`${scope} [data-chart=${chart}] [data-export=svg]`).count(), 1, `${chart} SVG button`);
  }
  // The segment select offers the attribute columns of tiny.csv and "" for none.
  const options = await page.$$eval(`${scope} select[data-setting=segment] option`, (os) => os.map((o) => o.value));
  assert.deepEqual(options, ['', 'channel', 'loyalty_member', 'region']);

  // Month-90: cohorts of the oracle, in the four modes of the table.
  await assertCohorts(page, scope, ORACLE.cohorts.month, ORACLE.cohort_avg_retention.month, 'month');
  // Window note: the data start on 2024-01-10 (A's first purchase); 2024-01-10 + 90 days
  // = 2024-04-09 (Jan 10 -> Feb 10 is 31 days, -> Mar 10 is 60, -> Apr 9 is 90). Months
  // starting before it (Jan, Feb, Mar, Apr) are marked as under-counted.
  const note = await page.textContent(`${scope} [data-testid=window-note]`);
  assert.match(note, /\b90\b/);
  assert.ok(note.includes('2024-04-09'), `window note names 2024-04-09: ${note}`);
  assert.equal(await page.locator(`${scope} tr.undercounted`).count(), 4, 'Jan-Apr rows marked under-counted');

  // Segment comparison (month-90), channel: no member_spend_uplift (not a yes/no column).
  await setSetting(page, scope, 'segment', 'channel');
  assert.equal(urlSettings(page).segment, 'channel');
  await assertComparison(page, scope, ORACLE.segments.channel['month-90'], 'channel');
  assert.equal(await page.locator(`${scope} [data-metric=member_spend_uplift]`).count(), 0, 'no uplift for channel');
  // loyalty_member is a yes/no flag: member_spend_uplift = (22.5 / 40.25 - 1) x 100.
  await setSetting(page, scope, 'segment', 'loyalty_member');
  assert.equal(urlSettings(page).segment, 'loyalty_member');
  await assertComparison(page, scope, ORACLE.segments.loyalty_member['month-90'], 'loyalty_member');
  assertValue(
    await page.getAttribute(`${scope} [data-metric=member_spend_uplift]`, 'data-value'),
    ORACLE.member_spend_uplift.loyalty_member,
    'member_spend_uplift',
  );
  // region: the quoted value with a comma and the trimmed 'North ' of D.
  await setSetting(page, scope, 'segment', 'region');
  await assertComparison(page, scope, ORACLE.segments.region['month-90'], 'region');

  // Every oracle setting of the base, switched through the controls.
  const settings = Object.keys(ORACLE.base);
  for (const wanted of ['month-90', 'week-30', 'quarter-90', 'year-365', 'month-7', 'week-90']) {
    assert.ok(settings.includes(wanted), `tiny.json has ${wanted}`);
  }
  // Leave month-90 for the last but one, so that every step changes something.
  const order = [...settings.filter((s) => s !== 'month-90' && s !== 'week-90'), 'month-90', 'week-90'];
  for (const key of order) {
    const [granularity, w] = key.split('-');
    await setSetting(page, scope, 'granularity', granularity);
    await setSetting(page, scope, 'window_days', w);
    assert.deepEqual(await controls(page, scope), { granularity, window_days: w, segment: 'region' }, key);
    assert.deepEqual(urlSettings(page), { granularity, window_days: w, segment: 'region' }, `${key} in the URL`);
    await assertBase(page, scope, ORACLE.base[key], key);
    if (ORACLE.cohorts[granularity]) {
      await assertCohorts(page, scope, ORACLE.cohorts[granularity], ORACLE.cohort_avg_retention[granularity], key);
    }
    // The note: under-counted before the first purchase day + W.
    const text = await page.textContent(`${scope} [data-testid=window-note]`);
    assert.ok(text.includes(addDays('2024-01-10', Number(w))), `${key} window note: ${text}`);
    // Settings-free figures unchanged.
    await assertTinySettingsFree(page, scope);
  }

  // The same with segment loyalty_member, then reload with the URL: same settings.
  await setSetting(page, scope, 'segment', 'loyalty_member');
  const url = page.url();
  assert.deepEqual(urlSettings(page), { granularity: 'week', window_days: '90', segment: 'loyalty_member' });
  assertNoNetwork(p, mark, 'after the drop and every settings change');
  p.assertClean();

  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('[data-testid=status][data-state=idle]', { timeout: WAIT });
  assert.equal(page.url(), url, 'reload keeps the URL');
  await page.waitForLoadState('networkidle', { timeout: WAIT });
  await watchStatus(page);
  const mark2 = p.requests.length;
  await dropAndWait(page, [tinyFile()], scope);
  assert.deepEqual(await controls(page, scope), { granularity: 'week', window_days: '90', segment: 'loyalty_member' });
  await assertBase(page, scope, ORACLE.base['week-90'], 'week-90 after reload');
  // The uplift does not depend on granularity or window (revenue per customer).
  assertValue(
    await page.getAttribute(`${scope} [data-metric=member_spend_uplift]`, 'data-value'),
    ORACLE.member_spend_uplift.loyalty_member,
    'member_spend_uplift after reload',
  );
  assert.deepEqual(urlSettings(page), { granularity: 'week', window_days: '90', segment: 'loyalty_member' });
  assertNoNetwork(p, mark2, 'after the drop on the reloaded page');
  p.assertClean();
});

// ---------------------------------------------------------------------------------
// 2. Settings from the URL, before the file is dropped.
// ---------------------------------------------------------------------------------
test('?granularity=quarter&window_days=30 applies to a log dropped afterwards', async () => {
  const { p, page, mark } = await openQuiet({ query: '?granularity=quarter&window_days=30' });
  await dropAndWait(page, [tinyFile()], SCOPE);
  const scope = SCOPE;
  assert.deepEqual(await controls(page, scope), { granularity: 'quarter', window_days: '30', segment: '' });
  assert.deepEqual(urlSettings(page), { granularity: 'quarter', window_days: '30', segment: '' });

  // Quarter, W = 30, by hand (tiny.json has quarter-90 only). Boundaries: Jan 1, Apr 1,
  // Jul 1; in the base at b: a purchase d with b - 30 <= d < b.
  //   Jan 1: [Dec 2, Jan 1)  -> {}
  //   Apr 1: [Mar 2, Apr 1)  -> {} (nothing in March; B's Feb 25 row is a refund)
  //   Jul 1: [Jun 1, Jul 1)  -> {A (Jun 10), B (Jun 28)}
  // 2024-Q1: S 0, E 0, nobody churned or joined; acquired 3 (A, B, C first buy in Q1).
  // 2024-Q2: S 0, E 2, joined 2 (A, B), both bought before Apr 1 so new 0 and
  //          reactivated 2; acquired 0 (D never buys). S = 0, so no CRR in either.
  await assertBase(
    page,
    scope,
    [
      { period: '2024-Q1', base_start: 0, base_end: 0, churned: 0, joined: 0, new_customers: 0, reactivated: 0, acquired: 3, crr: null, churn_rate: null },
      { period: '2024-Q2', base_start: 0, base_end: 2, churned: 0, joined: 2, new_customers: 0, reactivated: 2, acquired: 0, crr: null, churn_rate: null },
    ],
    'quarter-30',
  );
  // Cohorts do not depend on W: the oracle's quarter cohorts.
  await assertCohorts(page, scope, ORACLE.cohorts.quarter, ORACLE.cohort_avg_retention.quarter, 'quarter-30');
  await assertTinySettingsFree(page, scope);
  // First purchase 2024-01-10 + 30 days = 2024-02-09 (21 days left in January + 9).
  const note = await page.textContent(`${scope} [data-testid=window-note]`);
  assert.ok(note.includes('2024-02-09') && /\b30\b/.test(note), `window note: ${note}`);
  // Both quarters start before 2024-02-09? Q1 (Jan 1) does, Q2 (Apr 1) does not.
  assert.equal(await page.locator(`${scope} tr.undercounted`).count(), 1);

  // A window outside 1..3660 days is refused: the control goes back to 30, nothing changes.
  const seen = await statusMark(page);
  await page.fill(`${scope} input[data-setting=window_days]`, '0');
  await page.dispatchEvent(`${scope} input[data-setting=window_days]`, 'change');
  assert.equal(await page.inputValue(`${scope} input[data-setting=window_days]`), '30');
  assert.equal(urlSettings(page).window_days, '30');
  assert.equal(await statusMark(page), seen, 'no recomputation for a refused window');
  assert.equal(await page.getAttribute('[data-testid=status]', 'data-state'), 'ready');

  assertNoNetwork(p, mark, 'after the drop');
  p.assertClean();
});

test('an unknown ?segment= column is dropped; two settings changed at once both apply', async () => {
  const { p, page, mark } = await openQuiet({ query: '?segment=nonexistent' });
  await dropAndWait(page, [tinyFile()], SCOPE);
  // The log has no such column: no comparison, the control says so and the URL forgets it.
  assert.deepEqual(await controls(page, SCOPE), { granularity: 'month', window_days: '90', segment: '' });
  assert.equal(urlSettings(page).segment, '');
  assert.equal(await page.locator(`${SCOPE} [data-metric=revenue_per_customer][data-segment]`).count(), 0);

  // Granularity and window changed in the same tick: the figures are those of both.
  const before = await statusMark(page);
  await page.evaluate((scope) => {
    const g = document.querySelector(`${scope} select[data-setting=granularity]`);
    const w = document.querySelector(`${scope} input[data-setting=window_days]`);
    g.value = 'week';
    g.dispatchEvent(new Event('change', { bubbles: true }));
    w.value = '30';
    w.dispatchEvent(new Event('change', { bubbles: true }));
  }, SCOPE);
  assert.equal(await waitForLoad(page, before), 'ready');
  await page.waitForFunction(
    (scope) => new URL(location.href).searchParams.get('window_days') === '30' &&
      document.querySelector(`${scope} select[data-setting=granularity]`).value === 'week',
    SCOPE,
    { timeout: WAIT },
  );
  assert.deepEqual(urlSettings(page), { granularity: 'week', window_days: '30', segment: '' });
  await page.waitForSelector(READY, { timeout: WAIT });
  await assertBase(page, SCOPE, ORACLE.base['week-30'], 'week-30 set in one tick');
  assertNoNetwork(p, mark, 'after the drop');
  p.assertClean();
});

// ---------------------------------------------------------------------------------
// 3. Downloads: JSON, base CSV, one segment's customer ids, a chart.
// ---------------------------------------------------------------------------------
test('exports: JSON of all figures, base CSV, RFM segment ids, chart SVG and PNG', async () => {
  const { p, page, mark } = await openQuiet();
  await dropAndWait(page, [tinyFile()], SCOPE);
  const scope = SCOPE;

  // JSON: every figure, keyed as in METRICS.md / definitions.md.
  const json = await download(page, `${scope} [data-testid=export-json]`);
  assert.equal(json.name, 'tiny-figures.json');
  const doc = JSON.parse(json.bytes.toString('utf8'));
  assert.equal(doc.file, TINY);
  assert.deepEqual(doc.settings, { granularity: 'month', window_days: 90, segment: null });
  assert.deepEqual(doc.span, ['2024-01-10', '2024-06-28']);
  for (const [k, v] of Object.entries(ORACLE.totals)) assertClose(String(doc.totals[k]), v, `json totals ${k}`);
  assertClose(String(doc.totals.top10_spend_ratio), ORACLE.concentration.top10_spend_ratio, 'json top10_spend_ratio');
  assert.deepEqual(doc.totals.days_between_histogram, ORACLE.days_between.days_between_histogram);
  assert.deepEqual(doc.base.map((r) => r.period), ORACLE.base['month-90'].map((r) => r.period));
  for (const [i, row] of ORACLE.base['month-90'].entries()) {
    for (const [k, v] of Object.entries(row)) {
      if (k === 'period') continue;
      if (v === null) assert.equal(doc.base[i][k], null, `json base ${row.period} ${k}`);
      else assertClose(String(doc.base[i][k]), v, `json base ${row.period} ${k}`);
    }
  }
  assert.equal(doc.cohorts.length, ORACLE.cohorts.month.length);
  for (const [i, c] of ORACLE.cohorts.month.entries()) {
    assert.equal(doc.cohorts[i].cohort, c.cohort);
    assert.equal(doc.cohorts[i].cohort_size, c.cohort_size);
    for (const [k, o] of c.offsets.entries()) {
      for (const m of ['cohort_active', 'cohort_retention', 'cohort_revenue', 'cohort_revenue_pct']) {
        assertClose(String(doc.cohorts[i].offsets[k][m]), o[m], `json cohort ${c.cohort}+${k} ${m}`);
      }
    }
  }
  assert.equal(doc.lorenz.length, 101);
  for (const [j, v] of ORACLE.concentration.lorenz.entries()) assertClose(String(doc.lorenz[j]), v, `json lorenz ${j}`);
  assert.equal(doc.rfm.reference_day, ORACLE.rfm.reference_day);
  assert.equal(doc.rfm.segments.at_risk.segment_customers, 1);
  assert.equal(doc.comparison, null);
  assert.equal(doc.nps, null);

  // Base CSV. Rows worked out by hand in tests/oracle/README.md (month, W = 90):
  //   2024-01: S 0, E 2 (A, B), churned 0, joined 2, new 2, reactivated 0, acquired 2, no CRR
  //   2024-06: S 1 (C), E 3 (A, B, C), churned 0, joined 2 (A, B back), new 0,
  //            reactivated 2, acquired 0, CRR (3 - 2) / 1 = 100, churn 0
  const base = await download(page, `${scope} [data-testid=export-csv][data-table=base]`);
  assert.equal(base.name, 'tiny-base.csv');
  const lines = base.bytes.toString('utf8').split('\r\n');
  assert.equal(lines[0], 'period,base_start,base_end,churned,joined,new_customers,reactivated,acquired,crr,churn_rate');
  assert.equal(lines[1], '2024-01,0,2,0,2,2,0,2,,');
  assert.equal(lines[6], '2024-06,1,3,0,2,0,2,0,100,0');
  assert.equal(lines.length, 8, '6 months, the header and the final line break');
  // 2024-04: S 3, E 2, B churned; CRR 2/3 -> 66.67 (compared as a number).
  const apr = lines[4].split(',');
  assert.deepEqual(apr.slice(0, 8), ['2024-04', '3', '2', '1', '0', '0', '0', '0']);
  assertClose(apr[8], 200 / 3, 'base.csv 2024-04 crr');
  assertClose(apr[9], 100 - 200 / 3, 'base.csv 2024-04 churn_rate');

  // RFM segment ids, by hand (docs/definitions.md "RFM segments"). Last purchase day
  // L = 2024-06-28 (B), reference day 2024-06-29. Scored: A, B, C (m = 3; D has only a
  // refund, so no purchase date and no score).
  //   recency  A 06-29 - 06-10 = 19, B 1, C 06-29 - 05-12 = 19 + 29 = 48
  //   frequency (purchase dates) A 3 (01-10, 02-05, 06-10), B 2 (01-15, 06-28), C 2
  //   monetary (revenue, refunds included) A 10 + 15 + 25 = 50, B 20 + 30 - 30 + 8 = 28,
  //            C 40 + 12.5 = 52.5
  //   score = 1 + floor(5 w / 3), w = number of customers strictly worse:
  //   R: A w 1 (C) -> 2; B w 2 -> 4; C w 0 -> 1
  //   F: A w 2 -> 4; B w 0 (C ties) -> 1; C w 0 -> 1
  //   M: A w 1 (B) -> 2; B w 0 -> 1; C w 2 -> 4
  //   A: R 2, F 4 -> at_risk (R 1-2, F 3-4); B: R 4, F 1 -> promising (R 4 with F 1);
  //   C: R 1, F 1 -> lost (R 1, F 1-2). Every other segment is empty (no button).
  const buttons = await page.$$eval(`${scope} [data-testid=export-segment]`, (els) => els.map((el) => el.dataset.segment));
  assert.deepEqual(buttons.sort(), ['at_risk', 'lost', 'promising']);
  const header = 'customer_id,recency_days,frequency,monetary,r_score,f_score,m_score';
  const expectedIds = {
    at_risk: `${header}\r\nA,19,3,50,2,4,2\r\n`,
    promising: `${header}\r\nB,1,2,28,4,1,1\r\n`,
    lost: `${header}\r\nC,48,2,52.5,1,1,4\r\n`,
  };
  for (const [segment, text] of Object.entries(expectedIds)) {
    const f = await download(page, `${scope} [data-testid=export-segment][data-segment=${segment}]`);
    assert.equal(f.name, `segment-${segment}.csv`);
    assert.equal(f.bytes.toString('utf8'), text, `ids of ${segment}`);
  }

  // A chart as SVG and as PNG, made in the page.
  const svg = await download(page, `${scope} [data-chart=crr] [data-export=svg]`);
  assert.equal(svg.name, 'tiny-crr.svg');
  assert.match(svg.bytes.toString('utf8'), /^(<\?xml[^>]*>\s*)?<svg[\s>]/);
  const png = await download(page, `${scope} [data-chart=lorenz] [data-export=png]`);
  assert.equal(png.name, 'tiny-lorenz.png');
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');

  // After choosing a segment column, the JSON has the comparison too.
  await setSetting(page, scope, 'segment', 'loyalty_member');
  const json2 = JSON.parse((await download(page, `${scope} [data-testid=export-json]`)).bytes.toString('utf8'));
  assert.deepEqual(json2.settings, { granularity: 'month', window_days: 90, segment: 'loyalty_member' });
  assert.equal(json2.comparison.column, 'loyalty_member');
  assertClose(String(json2.comparison.member_spend_uplift), ORACLE.member_spend_uplift.loyalty_member, 'json uplift');
  for (const [value, figures] of Object.entries(ORACLE.segments.loyalty_member['month-90'])) {
    for (const [k, v] of Object.entries(figures)) {
      assertClose(String(json2.comparison.segments[value][k]), v, `json comparison ${value} ${k}`);
    }
  }
  const cmp = await download(page, `${scope} [data-testid=export-csv][data-table=comparison]`);
  assert.equal(cmp.name, 'tiny-comparison.csv');
  const cmpLines = cmp.bytes.toString('utf8').split('\r\n');
  assert.equal(
    cmpLines[0],
    'column,segment,customers_total,transactions_total,revenue_total,aov,purchase_frequency,repeat_rate,revenue_per_customer,crr,churn_rate',
  );
  // "no" = {B, C}: 2 customers, 5 purchase rows (B 3, C 2), revenue 28 + 52.5 = 80.5.
  assert.ok(cmpLines.some((l) => l.startsWith('loyalty_member,no,2,5,80.5,')), cmp.bytes.toString('utf8'));

  assertNoNetwork(p, mark, 'for any download');
  p.assertClean();
});

// ---------------------------------------------------------------------------------
// 4. NPS x log.
// ---------------------------------------------------------------------------------
test('NPS x log: survey with ids dropped with tiny.csv, repeat rate and churn per group by hand', async () => {
  const { p, page, mark } = await openQuiet();
  const SURVEY = 'survey_tiny.csv';
  await dropAndWait(page, [tinyFile(), { name: SURVEY, bytes: analysisBytes(SURVEY) }], SCOPE);
  const scope = SCOPE;

  // survey_tiny.csv: B 3, A 10, "C " 6, Z 8, D 0, B 9.
  // Over all 6 responses (survey section): promoters 2 (10, 9), passives 1 (8),
  // detractors 3 (3, 6, 0): NPS = (2 - 3) / 6 x 100 = -16.67.
  const survey = fileResult(SURVEY, 'survey');
  await page.waitForSelector(survey, { timeout: WAIT });
  const s = await figuresIn(page, survey);
  assertClose(s.nps, ((2 - 3) / 6) * 100, 'survey nps');

  // Matched to the log (ids trimmed: "C " is C; Z is not in the log; B answered twice,
  // the last answer 9 counts): promoters {A, B}, passives {} (only Z), detractors {C, D}.
  // Purchase dates: A 3, B 2, C 2, D 0 (refund only).
  // W = 90: L = 2024-06-28, reference day 06-29; in the base there with a purchase on or
  // after 06-29 - 90 = 03-31 (June 29 -> May 30 -> Apr 30 -> Mar 31, 30 days each):
  // A (06-10), B (06-28), C (05-12) are; D is not.
  //   promoters:  matched 2, repeat 2/2 = 100, churn 0/2 = 0
  //   passives:   matched 0, repeat and churn undefined
  //   detractors: matched 2, repeat 1/2 = 50 (C), churn 1/2 = 50 (D)
  const metrics = ['nps_matched', 'repeat_rate', 'churn_rate'];
  const expect90 = {
    promoters: { nps_matched: 2, repeat_rate: 100, churn_rate: 0 },
    passives: { nps_matched: 0, repeat_rate: null, churn_rate: null },
    detractors: { nps_matched: 2, repeat_rate: 50, churn_rate: 50 },
  };
  const check = async (expected, label) => {
    const got = await segmentFigures(page, scope, metrics);
    assert.deepEqual(Object.keys(got).sort(), ['detractors', 'passives', 'promoters'], `${label}: the three groups`);
    for (const [g, figures] of Object.entries(expected)) {
      for (const [m, v] of Object.entries(figures)) assertValue(got[g][m], v, `${label} ${g} ${m}`);
    }
  };
  await check(expect90, 'W = 90');

  const nps = await download(page, `${scope} [data-testid=export-csv][data-table=nps]`);
  assert.equal(nps.name, 'tiny-nps.csv');
  assert.equal(
    nps.bytes.toString('utf8'),
    'segment,nps_matched,repeat_rate,churn_rate\r\npromoters,2,100,0\r\npassives,0,,\r\ndetractors,2,50,50\r\n',
  );

  // W = 30: in the base at 06-29 with a purchase on or after 05-30: A and B are, C (05-12)
  // and D are not. promoters churn 0/2 = 0; detractors churn 2/2 = 100.
  await setSetting(page, scope, 'window_days', '30');
  await check(
    {
      promoters: { nps_matched: 2, repeat_rate: 100, churn_rate: 0 },
      passives: { nps_matched: 0, repeat_rate: null, churn_rate: null },
      detractors: { nps_matched: 2, repeat_rate: 50, churn_rate: 100 },
    },
    'W = 30',
  );

  assertNoNetwork(p, mark, 'after the drop');
  p.assertClean();
});

// ---------------------------------------------------------------------------------
// 5. Dutch: ?language=nl, a Windows-1252 ';' file with decimal commas and dd-mm-yyyy.
// ---------------------------------------------------------------------------------
test('Dutch page and file (cp1252, ";", 1.200,50, dd-mm-yyyy, Lid ja/nee): figures and uplift by hand', async () => {
  const { p, page, mark } = await openQuiet({ query: '?language=nl' });
  const NL = 'bestellingen_nl_cp1252.csv';
  const scope = analysisScope(NL);
  await dropAndWait(page, [{ name: NL, bytes: analysisBytes(NL) }], scope);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'nl');

  // bestellingen_nl_cp1252.csv:
  //   K1 05-01 € 1.200,50 ja | K2 20-01 80,25 nee | K3 03-02 40,00 nee | K1 14-02 99,50 ja
  //   K2 29-02 -10,25 nee (refund) | K4 10-03 60,00 ja | K3 25-04 15,00 nee | K4 13-05 35,75 ja
  // Purchases 7 (all but the refund), purchase amounts
  //   1200.50 + 80.25 + 40 + 99.50 + 60 + 15 + 35.75 = 1531; revenue 1531 - 10.25 = 1520.75.
  // Customer revenue: K1 1300, K2 70, K3 55, K4 95.75. Repeaters (2 dates): K1, K3, K4.
  // Top ceil(4 / 10) = 1 customer: K1, 1300 / 1520.75.
  await assertFiguresExact(page, scope, {
    customers_total: 4,
    transactions_total: 7,
    revenue_total: 1520.75,
    aov: 1531 / 7,
    purchase_frequency: 7 / 4,
    repeat_rate: 75,
    top10_revenue_share: (1300 / 1520.75) * 100,
  });
  // Shown the Dutch way: 1.520,75.
  const shown = (await page.textContent(`${scope} [data-metric=revenue_total]`)).replace(/[\s\u00a0\u202f]/g, '');
  assert.ok(shown.includes('1.520,75'), `revenue shown as 1.520,75: ${shown}`);

  // Base, month, W = 90. Purchase dates: K1 01-05, 02-14; K2 01-20; K3 02-03, 04-25;
  // K4 03-10, 05-13. In the base at b with a purchase in [b - 90, b):
  //   Feb 1 [Nov 3, Feb 1)  {K1, K2}
  //   Mar 1 [Dec 2, Mar 1)  {K1, K2, K3}
  //   Apr 1 [Jan 2, Apr 1)  {K1, K2, K3, K4}
  //   May 1 [Feb 1, May 1)  {K1, K3, K4}      (K2's last purchase is 01-20)
  //   Jun 1 [Mar 3, Jun 1)  {K3, K4}          (K1's last purchase is 02-14)
  //   Jan: S 0 E 2 joined 2 new 2 acquired 2 (K1, K2), no CRR
  //   Feb: S 2 E 3 joined 1 new 1 acquired 1 (K3), CRR (3 - 1) / 2 = 100
  //   Mar: S 3 E 4 joined 1 new 1 acquired 1 (K4), CRR (4 - 1) / 3 = 100
  //   Apr: S 4 E 3 churned 1 (K2), CRR 3 / 4 = 75, churn 25
  //   May: S 3 E 2 churned 1 (K1), CRR 2 / 3 = 66.67, churn 33.33
  const row = (period, s, e, churned, joined, fresh, acquired, crr) => ({
    period,
    base_start: s,
    base_end: e,
    churned,
    joined,
    new_customers: fresh,
    reactivated: joined - fresh,
    acquired,
    crr,
    churn_rate: crr === null ? null : 100 - crr,
  });
  await assertBase(
    page,
    scope,
    [
      row('2024-01', 0, 2, 0, 2, 2, 2, null),
      row('2024-02', 2, 3, 0, 1, 1, 1, 100),
      row('2024-03', 3, 4, 0, 1, 1, 1, 100),
      row('2024-04', 4, 3, 1, 0, 0, 0, 75),
      row('2024-05', 3, 2, 1, 0, 0, 0, (2 / 3) * 100),
    ],
    'nl month-90',
  );

  // Compare by Lid (ja/nee, a membership flag):
  //   ja {K1, K4}: revenue 1300 + 95.75 = 1395.75, per customer 697.875
  //   nee {K2, K3}: revenue 70 + 55 = 125, per customer 62.5
  //   member_spend_uplift = (697.875 / 62.5 - 1) x 100 = 1016.6
  // CRR pooled over Jan-May, base of the group only:
  //   ja: S = 0, 1 (K1), 1, 2 (K1, K4), 2 = 6; churned: May K1 = 1 -> 5 / 6
  //   nee: S = 0, 1 (K2), 2, 2, 1 (K3) = 6; churned: Apr K2 = 1 -> 5 / 6
  await setSetting(page, scope, 'segment', 'Lid');
  assert.equal(urlSettings(page).segment, 'Lid');
  await assertComparison(
    page,
    scope,
    {
      ja: { customers_total: 2, revenue_per_customer: 697.875, crr: (5 / 6) * 100, churn_rate: 100 - (5 / 6) * 100, repeat_rate: 100, purchase_frequency: 2 },
      nee: { customers_total: 2, revenue_per_customer: 62.5, crr: (5 / 6) * 100, churn_rate: 100 - (5 / 6) * 100, repeat_rate: 50, purchase_frequency: 1.5 },
    },
    'Lid',
  );
  assertValue(await page.getAttribute(`${scope} [data-metric=member_spend_uplift]`, 'data-value'), (697.875 / 62.5 - 1) * 100, 'uplift');

  assertNoNetwork(p, mark, 'after the drop');
  p.assertClean();
});

/** Like ingest-helpers' assertFigures, but only for figures without period or segment. */
async function assertFiguresExact(page, scope, expected) {
  const got = await plainFigures(page, scope);
  for (const [k, v] of Object.entries(expected)) assertValue(got[k], v, `${scope} ${k}`);
}

// ---------------------------------------------------------------------------------
// 6. A stray date: 2199-01-01 among 2024 rows.
// ---------------------------------------------------------------------------------
test('stray date 2199-01-01: month shows too-many-periods, year shows the base; ready both times', async () => {
  const { p, page, mark } = await openQuiet();
  const STRAY = 'stray_date.csv';
  const scope = analysisScope(STRAY);
  await dropAndWait(page, [{ name: STRAY, bytes: analysisBytes(STRAY) }], scope);

  // Month: 2024-01 .. 2199-01 is (2199 - 2024) x 12 + 1 = 2101 periods, over the limit.
  const tooMany = `${scope} [data-testid=too-many-periods]`;
  assert.equal(await page.locator(tooMany).count(), 1);
  const text = await page.textContent(tooMany);
  assert.ok(text.includes('2024-01-05') && text.includes('2199-01-01'), `names the span: ${text}`);
  assert.ok(text.replace(/[.,\s\u00a0\u202f]/g, '').includes('2101'), `names 2101 periods: ${text}`);
  assert.equal(await page.locator(`${scope} [data-period]`).count(), 0, 'no per-period figures');
  assert.equal(await page.locator(`${scope} [data-cohort]`).count(), 0, 'no cohort table');
  // Totals still there: 3 customers, 4 purchases, 10 + 20 + 30 + 5 = 65.
  await assertFiguresExact(page, scope, { customers_total: 3, transactions_total: 4, revenue_total: 65 });

  // Year: 2024 .. 2199 = 176 periods, shown. W = 90: nobody is in the base at any
  // 1 January (the purchases are 01-05, 02-10, 03-15 and 2199-01-01, never in the 90
  // days before a year's start), so every S and E is 0; acquired 2 in 2024 (a, b) and
  // 1 in 2199 (c).
  await setSetting(page, scope, 'granularity', 'year');
  assert.equal(await page.locator(tooMany).count(), 0);
  let { by, order } = await periodFigures(page, scope);
  assert.equal(order.length, 176);
  assert.equal(order[0], '2024');
  assert.equal(order.at(-1), '2199');
  const zero = { base_start: 0, base_end: 0, churned: 0, joined: 0, new_customers: 0, reactivated: 0, acquired: 0, crr: null, churn_rate: null };
  for (const period of order) {
    const acquired = period === '2024' ? 2 : period === '2199' ? 1 : 0;
    for (const [k, v] of Object.entries({ ...zero, acquired })) assertValue(by[period][k], v, `year-90 ${period} ${k}`);
  }

  // Year, W = 365: at 2025-01-01 the window is [2024-01-02, 2025-01-01) (2024 has 366
  // days): a and b are in. At 2200-01-01 it is [2199-01-01, 2200-01-01): c is in.
  //   2024: S 0, E 2, joined 2, new 2, acquired 2, no CRR
  //   2025: S 2, E 0, churned 2, CRR (0 - 0) / 2 = 0, churn 100
  //   2026 .. 2198: all 0, no CRR
  //   2199: S 0, E 1, joined 1, new 1, acquired 1, no CRR
  await setSetting(page, scope, 'window_days', '365');
  ({ by, order } = await periodFigures(page, scope));
  assert.equal(order.length, 176);
  const special = {
    2024: { base_end: 2, joined: 2, new_customers: 2, acquired: 2 },
    2025: { base_start: 2, churned: 2, crr: 0, churn_rate: 100 },
    2199: { base_end: 1, joined: 1, new_customers: 1, acquired: 1 },
  };
  for (const period of order) {
    for (const [k, v] of Object.entries({ ...zero, ...(special[period] ?? {}) })) {
      assertValue(by[period][k], v, `year-365 ${period} ${k}`);
    }
  }

  // Back to month: the note again, still ready.
  await setSetting(page, scope, 'granularity', 'month');
  assert.equal(await page.locator(tooMany).count(), 1);
  assert.equal(await page.locator(`${scope} [data-period]`).count(), 0);
  assert.equal(await page.getAttribute('[data-testid=status]', 'data-state'), 'ready');

  assertNoNetwork(p, mark, 'after the drop');
  p.assertClean();
});

// ---------------------------------------------------------------------------------
// 7. No network: from the drop through every setting, mode, export and chart download.
// ---------------------------------------------------------------------------------
test('no request leaves the page after the drop: settings, cohort modes, every CSV/JSON/chart download', async () => {
  const { p, page, mark } = await openQuiet();
  assert.ok(mark > 0, 'the page load itself was recorded');
  await dropAndWait(page, [tinyFile()], SCOPE);
  const scope = SCOPE;
  await setSetting(page, scope, 'granularity', 'week');
  await setSetting(page, scope, 'window_days', '30');
  await setSetting(page, scope, 'segment', 'channel');
  for (const mode of ['1', '2', '3', '0']) await page.selectOption(`${scope} select[data-testid=cohort-mode]`, mode);
  for (const table of ['totals', 'base', 'cohorts', 'rfm', 'comparison']) {
    const f = await download(page, `${scope} [data-testid=export-csv][data-table=${table}]`);
    assert.equal(f.name, `tiny-${table}.csv`);
    assert.ok(f.bytes.length > 0, `${table}.csv not empty`);
  }
  await download(page, `${scope} [data-testid=export-json]`);
  await download(page, `${scope} [data-testid=export-segment][data-segment=lost]`);
  for (const chart of CHARTS) {
    for (const kind of ['svg', 'png']) {
      const f = await download(page, `${scope} [data-chart=${chart}] [data-export=${kind}]`);
      assert.equal(f.name, `tiny-${chart}.${kind}`);
    }
  }
  assertNoNetwork(p, mark, 'from the drop to the last download');
  p.assertClean();
});
