// Lifetime value in the browser: a transaction log with a calibration end (fits, holdout
// totals, a per-customer row, refits on a setting change, CLV linear in the margin,
// downloads), the CDNOW customer summary (published BG/NBD and Pareto/NBD parameters),
// a subscriptions file (Kaplan-Meier by hand), the typed-survivors sBG calculator
// (Fader & Hardie 2007) and the manual simple CLV (by hand). Expected values come from
// outside the app: the `lifetimes` oracle (tests/models/oracle.py →
// tests/fixtures/models/clv_log_reference.json), the papers, or the working below.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useApp, dropFiles, fixtureBytes, FIXTURES, READY, WAIT } from './harness.mjs';

const app = useApp();
const REF = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'models', 'clv_log_reference.json'), 'utf8'));
const FITTED = '[data-section=lifetime][data-fit-state=done]';
/** Fits of 2k customers take well under a second; leave room for a slow machine. */
const FIT_WAIT = 60000;

function close(actual, expected, rel, message) {
  assert.ok(typeof actual === 'string' && actual !== '', `${message}: data-value present (got ${actual})`);
  assert.match(actual, /^-?\d+(\.\d+)?(e-?\d+)?$/, `${message}: plain machine form: '${actual}'`);
  const got = Number(actual);
  assert.ok(Math.abs(got - expected) <= rel * Math.abs(expected), `${message}: expected ${expected}, got ${actual}`);
}

async function value(page, selector) {
  return page.getAttribute(selector, 'data-value');
}

async function dropModelsFile(page, name, fixture) {
  await dropFiles(page, [{ name, bytes: fixtureBytes(fixture) }]);
  await page.waitForSelector(READY, { timeout: WAIT });
}

test('a log with a calibration end: parameters, holdout totals, a customer, refits, margin, downloads', async () => {
  const p = await app.open({ query: '?calibration_end=2024-06-30&time_unit=week', acceptDownloads: true });
  const { page } = p;
  await dropModelsFile(page, 'clv_log.csv', 'models/clv_log.csv');
  // `ready` does not wait for the fits: the retention figures are there first.
  assert.ok(await page.$('[data-metric=customers_total]'), 'totals on screen at ready');
  await page.waitForSelector(FITTED, { timeout: FIT_WAIT });
  const models = REF.models;
  for (const [model, names] of [['bgnbd', ['r', 'alpha', 'a', 'b']], ['pnbd', ['r', 'alpha', 's', 'beta']],
    ['mbgnbd', ['r', 'alpha', 'a', 'b']], ['gg', ['p', 'q', 'v']]]) {
    for (const name of names) {
      close(await value(page, `[data-metric=${model}_${name}]`), models[model].mle.params[name], 1e-3, `${model}_${name}`);
      const se = await value(page, `[data-metric=${model}_${name}_se]`);
      assert.ok(Number(se) > 0, `${model}_${name}_se = ${se}`);
      if (models[model].lifetimes.se) close(se, models[model].lifetimes.se[name], 2e-2, `${model}_${name}_se`);
    }
    close(await value(page, `[data-metric=${model}_ll]`), models[model].mle.ll, 1e-6, `${model}_ll`);
  }
  assert.equal(await value(page, '[data-metric=holdout_actual_total]'), String(REF.holdout_actual_total));
  close(await value(page, '[data-metric=holdout_predicted_total]'), REF.holdout_predicted_total, 1e-4, 'holdout_predicted_total');
  close(await value(page, '[data-metric=pnbd_holdout_predicted_total]'), REF.holdout_predicted_total_pnbd, 1e-3, 'pnbd holdout');
  // P(alive) is shown as a percentage, so data-value is 100 × the probability.
  close(await value(page, '[data-metric=p_alive_mean]'), REF.p_alive_mean * 100, 1e-4, 'p_alive_mean');
  assert.ok(Number(await value(page, '[data-metric=clv_mean]')) > 0, 'clv_mean');
  assert.ok(await page.$('[data-chart=clv-histogram] svg'), 'CLV histogram');
  assert.ok(await page.$('[data-chart=p-alive] svg'), 'P(alive) heat map');
  assert.ok(await page.$('[data-chart=holdout-cumulative] svg'), 'holdout chart');
  assert.ok(await page.$('[data-testid=model-verdict]'), 'the page says which model predicted better');

  // One customer, found by the table's search.
  const c = REF.customers.find((c) => c.id === 'C00009');
  await page.fill('[data-testid=customer-table-search]', 'C00009');
  const row = '[data-testid=customer-table] [data-metric=p_alive][data-customer=C00009]';
  await page.waitForSelector(row, { timeout: WAIT });
  close(await value(page, row), c.bgnbd.p_alive * 100, 1e-4, 'p_alive of C00009');
  close(await value(page, `[data-testid=customer-table] [data-metric=expected_spend][data-customer=C00009]`), c.gg_spend, 1e-4, 'spend');
  // Its CLV with a 95% interval around it.
  const clvCell = '[data-testid=customer-table] [data-metric=clv][data-customer=C00009]';
  const [clv, low, high] = await page.$eval(clvCell, (el) => ['data-value', 'data-low', 'data-high'].map((a) => Number(el.getAttribute(a))));
  assert.ok(low < clv && clv < high && low >= 0, `CLV ${clv} in (${low}, ${high})`);

  // CLV is linear in the margin: 30% → 60% doubles it, without a refit.
  const clv30 = Number(await value(page, '[data-metric=clv_mean]'));
  const r30 = await value(page, '[data-metric=bgnbd_r]');
  await page.fill('[data-setting=margin_pct]', '60');
  await page.press('[data-setting=margin_pct]', 'Enter');
  await page.waitForFunction((old) => {
    const el = document.querySelector('[data-metric=clv_mean]');
    return el && Number(el.getAttribute('data-value')) !== old && document.querySelector('[data-fit-state=done]');
  }, clv30, { timeout: FIT_WAIT });
  close(await value(page, '[data-metric=clv_mean]'), 2 * clv30, 1e-9, 'clv_mean at 60%');
  assert.equal(await value(page, '[data-metric=bgnbd_r]'), r30, 'the margin does not refit');
  assert.ok(page.url().includes('margin_pct=60'), `margin in the URL: ${page.url()}`);

  // The activation list downloads, every lapsed customer in it.
  const lapsed = Number(await value(page, '[data-metric=lapsed_customers]'));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-activation]')]);
  const text = fs.readFileSync(await download.path(), 'utf8');
  assert.equal(text.trim().split('\n').length - 1, lapsed, 'one line per lapsed customer');

  // Without a holdout (calibration end = the last date) there is no backtest.
  await page.fill('[data-setting=calibration_end]', REF.log_last_purchase_date);
  await page.dispatchEvent('[data-setting=calibration_end]', 'change');
  await page.waitForFunction(() => !document.querySelector('[data-metric=holdout_actual_total]') &&
    document.querySelector('[data-fit-state=done]'), null, { timeout: FIT_WAIT });
  assert.equal(await page.$('[data-metric=holdout_predicted_total]'), null);
  assert.notEqual(await value(page, '[data-metric=bgnbd_r]'), r30, 'a new calibration end refits');
  assert.deepEqual(p.requests.filter((r) => !r.url.startsWith(app.origin)), [], 'nothing left the page');
  p.assertClean();
});

test('the CDNOW customer summary: the published BG/NBD and Pareto/NBD fits', async () => {
  const { page } = await app.open();
  await dropModelsFile(page, 'cdnow_customers_summary.csv', 'models/cdnow_customers_summary.csv');
  await page.waitForSelector(FITTED, { timeout: FIT_WAIT });
  const published = { bgnbd_r: 0.2426, bgnbd_alpha: 4.4136, bgnbd_a: 0.7929, bgnbd_b: 2.4259, bgnbd_ll: -9582.43,
    pnbd_r: 0.5532, pnbd_alpha: 10.5763, pnbd_s: 0.6062, pnbd_beta: 11.6715, pnbd_ll: -9594.98 };
  for (const [key, want] of Object.entries(published)) {
    close(await value(page, `[data-metric=${key}]`), want, 1e-3, key);
  }
  // No amounts: no spend model, no CLV, and the page says why.
  assert.ok(await page.$('[data-testid=spend-problem]'));
  assert.equal(await page.$('[data-metric=clv_mean]'), null);
});

test('subscriptions: Kaplan-Meier by hand; survivors typed in: sBG as Fader & Hardie (2007)', async () => {
  const { page } = await app.open({ query: '?time_unit=month' });
  await dropModelsFile(page, 'abonnementen.csv', 'models/subscriptions_regular.csv');
  await page.waitForSelector('[data-section=subscriptions] [data-chart=survival] svg', { timeout: FIT_WAIT });
  // 1000 yearly subscribers, 369 ended after one year: S(12 months) = 631 / 1000, and
  // nobody ended before: S(11) = 1.
  close(await value(page, '[data-metric=km_survival][data-period="12"]'), 63.1, 1e-9, 'S(12)');
  close(await value(page, '[data-metric=km_survival][data-period="11"]'), 100, 1e-9, 'S(11)');
  close(await value(page, '[data-metric=km_survival][data-period="84"]'), 24.1, 1e-9, 'S(84)');

  await page.fill('[data-testid=survivors]', '1000, 631, 468, 382, 326, 289, 262, 241');
  await page.waitForSelector('[data-metric=sbg_alpha][data-source=manual]', { timeout: WAIT });
  close(await value(page, '[data-metric=sbg_alpha][data-source=manual]'), 0.704, 1e-3, 'sbg_alpha');
  close(await value(page, '[data-metric=sbg_beta][data-source=manual]'), 1.182, 1e-3, 'sbg_beta');
});

test('donations (discrete opportunities): the published BG/BB fit', async () => {
  const { page } = await app.open();
  await dropModelsFile(page, 'donations.csv', 'models/donations.csv');
  const scope = 'section[data-kind=opportunities]';
  await page.waitForSelector(`${scope} [data-metric=bgbb_alpha]`, { timeout: FIT_WAIT });
  // Fader, Hardie & Shang (2010), as the lifetimes tests quote them.
  for (const [key, want] of Object.entries({ bgbb_alpha: 1.204, bgbb_beta: 0.750, bgbb_gamma: 0.657, bgbb_delta: 2.783 })) {
    close(await value(page, `${scope} [data-metric=${key}]`), want, 1e-3, key);
    assert.ok(Number(await value(page, `${scope} [data-metric=${key}_se]`)) > 0, `${key}_se`);
  }
  close(await value(page, `${scope} [data-metric=bgbb_ll]`), -33225.5813, 1e-8, 'bgbb_ll');
  assert.equal(await value(page, `${scope} [data-metric=model_customers]`), '11104');
});

test('the manual simple CLV: 200 revenue, 50% margin, 80% retention, 10% discount', async () => {
  const { page } = await app.open({ query: '?language=nl' });
  await page.fill('[data-testid=simple-revenue]', '200');
  await page.fill('[data-testid=simple-margin]', '50');
  await page.fill('[data-testid=simple-retention]', '80');
  await page.fill('[data-testid=simple-discount]', '10');
  // 100 × 1.1 / (1.1 − 0.8) = 366.666…
  close(await value(page, '[data-metric=simple_clv][data-source=manual]'), 110 / 0.3, 1e-12, 'simple CLV');
  assert.ok((await page.textContent('[data-testid=simple-clv]')).includes('Eenvoudige CLV'));
});
