// Data in a warehouse (issue 14, the page's side): the SQL of `retention sql`, run on
// DuckDB (the Python package of RETENTION_VENV, default /work/venv, which
// scripts/setup.sh installs) over a generated log, gives three CSV files; dropped on a
// fresh page they show the same figures, hook for hook, as the log itself: the customer
// base per period, the cohort table in each of its modes (to 1e-9), and the
// lifetime-value fits (to 1e-6; see FIT_TOLERANCE).
// The DuckDB results are computed apart from the page (by DuckDB, from the log), so the
// page's reading of them is checked against an independent computation. And the panel
// "Data in a warehouse?" shows, for every engine and output and for the page's settings,
// the text `retention sql` prints for the same arguments; a bad name says why.
//
// Needs the native binaries `retention` and `gen` (target/debug, as `cargo test` builds
// them; or RETENTION_BIN_DIR).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useApp, dropFiles, ROOT, READY, WAIT } from './harness.mjs';

const app = useApp();
const BIN = process.env.RETENTION_BIN_DIR ?? path.join(process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target'), 'debug');
const PYTHON = path.join(process.env.RETENTION_VENV ?? '/work/venv', 'bin', 'python');
const FITTED = '[data-section=lifetime][data-fit-state=done]';
const FIT_WAIT = 120000;
const TOLERANCE = 1e-9;
/** The model fits: maximum-likelihood searches that stop at a gradient tolerance, on
 * inputs that agree to the last bits (DuckDB's sums and means of doubles are not added
 * in the app's order), agree to about 1e-8 (gg_p: 6.175459970809033 against
 * 6.1754599205976195 in one run), not to 1e-9. */
const FIT_TOLERANCE = 1e-6;
/** Gamma-Gamma's standard errors: its Hessian is nearly singular (p and v go together),
 * so they move about 1e-5 for an optimum 1e-8 away (gg_p_se 1.2536077849255292 against
 * 1.2536255537556462 in one run). */
const GG_SE_TOLERANCE = 1e-4;

/** `retention sql` with these arguments ({ engine, table, customer, date, amount, attribute, what, ... }). */
function cli(args) {
  const flags = [];
  for (const [k, v] of Object.entries(args)) {
    if (v !== undefined && v !== '') flags.push(`--${k.replace(/_/g, '-')}`, String(v));
  }
  return execFileSync(path.join(BIN, 'retention'), ['sql', ...flags], { encoding: 'utf8' });
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'warehouse-e2e-'));
const files = {};

before(() => {
  for (const bin of ['retention', 'gen']) {
    assert.ok(fs.existsSync(path.join(BIN, bin)), `${BIN}/${bin} is missing: run \`cargo test\` (or \`cargo build --bin ${bin}\`) first`);
  }
  assert.ok(fs.existsSync(PYTHON), `${PYTHON} is missing: scripts/setup.sh makes it (RETENTION_VENV)`);
  // A generated log: three years of a shop's orders with refunds and attributes.
  const log = path.join(work, 'orders.csv');
  execFileSync(path.join(BIN, 'gen'), ['--rows', '4000', '--seed', '14', '-o', log], { stdio: 'ignore' });
  files.log = log;
  // The page's default settings: months, W = 90 days, weeks, no calibration end.
  const names = { engine: 'duckdb', table: 'shop.orders', customer: 'customer_id', date: 'order_date', amount: 'amount' };
  const jobs = [];
  for (const what of ['summary', 'base', 'cohorts']) {
    const sqlFile = path.join(work, `${what}.sql`);
    fs.writeFileSync(sqlFile, cli({ ...names, what, attribute: what === 'summary' ? 'channel' : undefined }));
    files[what] = path.join(work, `orders-${what}.csv`);
    jobs.push([sqlFile, files[what]]);
  }
  const script = `
import duckdb, json, sys
log, jobs = sys.argv[1], json.loads(sys.argv[2])
con = duckdb.connect()
con.execute("CREATE SCHEMA shop")
con.execute("CREATE TABLE shop.orders AS SELECT * FROM read_csv(?, header = true, columns = {"
            "'customer_id': 'VARCHAR', 'order_date': 'DATE', 'amount': 'DOUBLE', 'channel': 'VARCHAR',"
            "'loyalty_member': 'VARCHAR', 'region': 'VARCHAR'})", [log])
for sql_file, out in jobs:
    text = open(sql_file).read().rstrip().rstrip(';')
    con.execute(f"COPY ({text}) TO '{out}' (HEADER, DELIMITER ',')")
`;
  execFileSync(PYTHON, ['-c', script, log, JSON.stringify(jobs)], { stdio: 'inherit' });
});

/** Every figure in `scope` but the per-customer ones: key (metric, period, cohort, offset, segment) → data-value. */
async function figures(page, scope) {
  const pairs = await page.$$eval(`${scope} [data-metric][data-value]:not([data-customer])`, (els) => els.map((e) => [
    [e.dataset.metric, e.dataset.period ?? '', e.dataset.cohort ?? '', e.dataset.offset ?? '', e.dataset.segment ?? ''].join('|'),
    e.getAttribute('data-value'),
  ]));
  return new Map(pairs);
}

function assertSame(got, want, what, tolerance = () => TOLERANCE) {
  assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort(), `${what}: the same figures`);
  const wrong = [];
  for (const [key, w] of want) {
    const g = got.get(key);
    const same = w === '' || g === ''
      ? g === w
      : Math.abs(Number(g) - Number(w)) <= tolerance(key) * Math.max(1, Math.abs(Number(w)));
    if (!same) wrong.push(`${key}: ${g} (file) against ${w} (log)`);
  }
  assert.deepEqual(wrong, [], `${what}: figures that differ`);
}

/** A page with `paths` dropped on it, ready, its lifetime-value fits done. */
async function load(paths) {
  const p = await app.open({ query: '?language=en' });
  await dropFiles(p.page, paths.map((f) => ({ name: path.basename(f), bytes: [...fs.readFileSync(f)] })));
  await p.page.waitForSelector(READY, { timeout: WAIT });
  await p.page.waitForSelector(FITTED, { timeout: FIT_WAIT });
  return p;
}

/** The cohort table's cells in each of its four modes. */
async function cohortModes(page, scope) {
  const all = new Map();
  for (const mode of ['0', '1', '2', '3']) {
    await page.selectOption(`${scope} [data-testid=cohort-mode]`, mode);
    await page.waitForFunction(([scope, m]) => {
      const metric = ['cohort_retention', 'cohort_active', 'cohort_revenue_pct', 'cohort_revenue'][Number(m)];
      return document.querySelector(`${scope} [data-metric=${metric}][data-offset]`);
    }, [scope, mode]);
    for (const [k, v] of await figures(page, scope)) all.set(k, v);
  }
  return all;
}

test('the DuckDB summary, base and cohorts dropped on the page give the figures of the log itself', async () => {
  const raw = await load([files.log]);
  const log = {
    base: await figures(raw.page, '[data-section=base]'),
    cohorts: await cohortModes(raw.page, '[data-section=cohorts]'),
    lifetime: await figures(raw.page, '[data-section=lifetime]'),
  };
  raw.assertClean();

  const dropped = await load([files.summary, files.base, files.cohorts]);
  const page = dropped.page;
  // Each file recognised as its kind.
  for (const [name, kind] of [['orders-summary.csv', 'customer_summary'], ['orders-base.csv', 'period_counts'], ['orders-cohorts.csv', 'cohorts']]) {
    assert.ok(await page.$(`section[data-kind=${kind}][data-file="${name}"]`), `${name} is read as ${kind}`);
  }
  assert.equal(await page.getAttribute('[data-metric=rows_skipped]', 'data-value'), '0', 'every row of the three files used');

  // The customer base: every period's S, E, churned, N, new, reactivated, acquired, CRR
  // and churn (the first period, S = 0, without a CRR), as for the log.
  const base = await figures(page, 'section[data-kind=period_counts]');
  assert.ok(log.base.size >= 9 * 30, `${log.base.size} figures of the base`);
  for (const metric of ['base_start', 'base_end', 'churned', 'joined', 'new_customers', 'reactivated', 'acquired', 'crr', 'churn_rate']) {
    assert.ok([...log.base.keys()].some((k) => k.startsWith(`${metric}|`)), `the log's base has ${metric}`);
  }
  assertSame(base, log.base, 'base');

  // The cohorts: retention, customers, revenue % and revenue per cell, size, average.
  const cohorts = await cohortModes(page, 'section[data-kind=cohorts]');
  assert.ok(log.cohorts.size > 100, `${log.cohorts.size} cohort figures`);
  assertSame(cohorts, log.cohorts, 'cohorts');

  // The lifetime-value models fitted to the summary: every figure the summary page shows
  // is the log page's (the log page has more: the measured simple CLV).
  const lifetime = await figures(page, '[data-section=lifetime]');
  for (const key of ['bgnbd_r|||', 'bgnbd_alpha|||', 'bgnbd_a|||', 'bgnbd_b|||', 'pnbd_r|||', 'gg_p|||', 'model_customers|||', 'p_alive_mean|||', 'clv_mean|||']) {
    assert.ok(lifetime.has(`${key}|`), `the summary's page shows ${key}`);
  }
  const fromLog = new Map([...log.lifetime].filter(([k]) => lifetime.has(k)));
  assertSame(lifetime, fromLog, 'lifetime value', (key) => (/^gg_[a-z]+_se\|/.test(key) ? GG_SE_TOLERANCE : FIT_TOLERANCE));
  dropped.assertClean();
});

test('the panel shows the SQL of `retention sql` for every engine and output, with the page\'s settings', async () => {
  const settings = { granularity: 'week', window_days: '30', time_unit: 'day', calibration_end: '2024-06-30' };
  const p = await app.open({ query: `?language=en&${new URLSearchParams(settings)}` });
  const { page } = p;
  await page.click('[data-testid=warehouse-button]');
  const names = { table: 'shop.orders', customer: 'Klant Id', date: 'order"date', amount: 'bedrag', attribute: 'kanaal' };
  for (const [field, value] of Object.entries(names)) await page.fill(`[data-testid=warehouse-${field}]`, value);
  for (const engine of ['duckdb', 'spark', 'bigquery', 'snowflake', 'postgres']) {
    await page.selectOption('[data-testid=warehouse-engine]', engine);
    for (const what of ['summary', 'base', 'cohorts']) {
      await page.selectOption('[data-testid=warehouse-output]', what);
      const want = cli({ engine, ...names, what, granularity: 'week', window_days: 30, time_unit: 'day', calibration_end: '2024-06-30' });
      assert.equal(await page.inputValue('[data-testid=warehouse-sql]'), want, `${engine} ${what}`);
    }
  }
  assert.equal(await page.$('[data-testid=warehouse-error]'), null, 'no error for good names');
  // Without the optional columns: no amount, no attribute.
  await page.fill('[data-testid=warehouse-amount]', '');
  await page.fill('[data-testid=warehouse-attribute]', '');
  assert.equal(await page.inputValue('[data-testid=warehouse-sql]'),
    cli({ engine: 'postgres', table: names.table, customer: names.customer, date: names.date, what: 'cohorts', granularity: 'week', window_days: 30, time_unit: 'day', calibration_end: '2024-06-30' }));
  // A bad name says why, in the page's language, and there is no SQL to copy.
  await page.fill('[data-testid=warehouse-table]', 'shop..orders');
  const error = await page.textContent('[data-testid=warehouse-error]');
  assert.match(error, /table name/);
  assert.equal(await page.inputValue('[data-testid=warehouse-sql]'), '');
  assert.ok(await page.isDisabled('[data-testid=warehouse-copy]'));
  await page.selectOption('[data-setting=language]', 'nl');
  assert.match(await page.textContent('[data-testid=warehouse-error]'), /tabel/);
  await page.selectOption('[data-setting=language]', 'de');
  assert.match(await page.textContent('[data-testid=warehouse-error]'), /Tabelle/);
  p.assertClean();
});

test('the panel\'s download is the SQL shown, as a .sql file', async () => {
  const p = await app.open({ query: '?language=en', acceptDownloads: true });
  const { page } = p;
  await page.click('[data-testid=warehouse-button]');
  await page.selectOption('[data-testid=warehouse-output]', 'base');
  const shown = await page.inputValue('[data-testid=warehouse-sql]');
  assert.equal(shown, cli({ engine: 'duckdb', table: 'orders', customer: 'customer_id', date: 'order_date', amount: 'amount', what: 'base' }));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=warehouse-download]')]);
  assert.equal(download.suggestedFilename(), 'retention-base-duckdb.sql');
  assert.equal(fs.readFileSync(await download.path(), 'utf8'), shown);
  p.assertClean();
});
