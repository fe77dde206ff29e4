// Winning versus keeping customers in the browser: a Dutch transaction log and a Dutch
// marketing-spend file dropped together (';', decimal commas, € amounts, dd-mm-yyyy,
// spend by day and a quarter split over months, kinds from the channel's name). Every
// expected value is worked out by hand below, from METRICS.md and docs/definitions.md.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useApp, dropFiles, dataValue, figure, READY, WAIT } from './harness.mjs';

const app = useApp();
const bytes = (text) => [...Buffer.from(text, 'utf8')];

// Purchases (W = 90, months): A 05-01, 10-02, 15-03; B 20-01, 01-03; C 12-02.
// In the base at Feb 1 {A, B}, Mar 1 {A, B, C}, Apr 1 {A, B, C}: nobody churns.
//   Jan: S 0, acquired 2 (A, B), retained 0; orders new 2, existing 0.
//   Feb: S 2, acquired 1 (C), retained 2; orders new 1 (C), existing 1 (A).
//   Mar: S 3, acquired 0, retained 3; orders new 0, existing 2 (A, B).
const LOG = 'klantnummer;orderdatum;bedrag\n'
  + 'A;05-01-2024;€ 10,00\nB;20-01-2024;20,00\nA;10-02-2024;15,00\n'
  + 'C;12-02-2024;30,00\nB;01-03-2024;25,00\nA;15-03-2024;10,00\n';
// Spend: Google Ads → acquisition, Nieuwsbrief and CRM → retention (by the channel's
// name). The quarter 2024-K1 (91 days) is split 31 / 29 / 31.
//   acquisition: Jan 100, Feb 60, Mar 0; retention: Jan 10 + 31 = 41, Feb 20 + 29 = 49, Mar 31.
const SPEND = 'datum;kanaal;kosten\n'
  + '15-01-2024;Google Ads;€ 100,00\n20-01-2024;Nieuwsbrief;10,00\n'
  + '10-02-2024;Google Ads;60,00\n14-02-2024;Nieuwsbrief;20,00\n2024-K1;CRM;91,00\n';

function close(actual, expected, message) {
  assert.ok(typeof actual === 'string' && actual !== '', `${message}: data-value present (got ${actual})`);
  assert.ok(Math.abs(Number(actual) - expected) <= 1e-9 * Math.abs(expected), `${message}: ${expected}, got ${actual}`);
}

test('a Dutch log and spend file: CAC, cost per retained customer, ratios per period and over the span', async () => {
  const p = await app.open({ query: '?language=nl' });
  const { page } = p;
  await dropFiles(page, [{ name: 'bestellingen.csv', bytes: bytes(LOG) }, { name: 'uitgaven.csv', bytes: bytes(SPEND) }]);
  await page.waitForSelector(READY, { timeout: WAIT });
  const scope = '[data-section=acquisition]';
  await page.waitForSelector(scope);
  // Over the span: 160 / 3 new customers; 121 / (0 + 2 + 3) kept; orders 3 new, 3 existing.
  const span = async (m) => dataValue(page, `${scope} .kpis [data-metric=${m}]`);
  close(await span('cac'), 160 / 3, 'cac');
  close(await span('cost_per_retained'), 121 / 5, 'cost_per_retained');
  close(await span('cost_ratio'), (160 / 3) / (121 / 5), 'cost_ratio');
  close(await span('cpo_new'), 160 / 3, 'cpo_new');
  close(await span('cpo_existing'), 121 / 3, 'cpo_existing');
  // Per period.
  const at = (m, period) => dataValue(page, figure(m, period, scope));
  close(await at('acquisition_spend', '2024-01'), 100, 'acquisition_spend 2024-01');
  close(await at('retention_spend', '2024-02'), 49, 'retention_spend 2024-02');
  close(await at('retention_spend', '2024-03'), 31, 'retention_spend 2024-03');
  close(await at('cac', '2024-01'), 50, 'cac 2024-01');
  assert.equal(await at('cost_per_retained', '2024-01'), '', 'nobody to keep in January: no figure');
  close(await at('cac', '2024-02'), 60, 'cac 2024-02');
  close(await at('cost_per_retained', '2024-02'), 24.5, 'cost_per_retained 2024-02');
  close(await at('cost_ratio', '2024-02'), 60 / 24.5, 'cost_ratio 2024-02');
  close(await at('cpo_existing', '2024-02'), 49, 'cpo_existing 2024-02');
  assert.equal(await at('cac', '2024-03'), '', 'nobody new in March: no CAC');
  close(await at('cost_per_retained', '2024-03'), 31 / 3, 'cost_per_retained 2024-03');
  // The quarter was split, and the page says so; the chart with its references.
  assert.ok(await page.$(`${scope} [data-testid=spend-split]`), 'split note');
  assert.ok(await page.$(`${scope} [data-chart=cost-comparison] svg`), 'cost-comparison chart');
  const text = await page.textContent(scope);
  assert.ok(text.includes('Klanten werven versus klanten behouden'), 'Dutch heading');
  assert.ok(text.includes('5–6×') && text.includes('Marketingliteratuur'), 'the literature reference, with its source, beside the figures');
  // LTV:CAC = the log's simple CLV / CAC, payback = CAC / monthly margin; both follow
  // the margin: 30% → 60% doubles LTV:CAC and halves the payback.
  // (The simple-CLV card computes from its inputs as shown, retention to 0.1% and revenue
  // to the cent, so that the user can edit them; LTV:CAC from the measured values: equal
  // to about 1e-4.)
  const clv = Number(await dataValue(page, '[data-metric=simple_clv][data-source=file]'));
  const ltv = Number(await span('ltv_cac'));
  assert.ok(Math.abs(ltv - clv / (160 / 3)) <= 1e-4 * ltv, `ltv_cac ${ltv} ≈ simple_clv / cac ${clv / (160 / 3)}`);
  const ltv30 = Number(await span('ltv_cac'));
  const payback30 = Number(await span('payback_months'));
  assert.ok(payback30 > 0, `payback_months ${payback30}`);
  await page.fill('[data-setting=margin_pct]', '60');
  await page.press('[data-setting=margin_pct]', 'Enter');
  await page.waitForFunction((old) => {
    const el = document.querySelector('[data-section=acquisition] .kpis [data-metric=ltv_cac]');
    return el && Number(el.getAttribute('data-value')) !== old;
  }, ltv30, { timeout: WAIT });
  close(await span('ltv_cac'), 2 * ltv30, 'ltv_cac at 60%');
  close(await span('payback_months'), payback30 / 2, 'payback_months at 60%');
  // Nothing left the browser.
  const external = p.requests.filter((r) => !r.url.startsWith(p.origin) && !r.url.startsWith('blob:') && !r.url.startsWith('data:'));
  assert.deepEqual(external, [], 'no request outside the app');
  p.assertClean();
});

test('the cost calculator without a file: CAC, cost per kept customer, LTV:CAC and payback by hand', async () => {
  const p = await app.open({ query: '?language=nl' });
  const { page } = p;
  const calc = '[data-testid=cost-calculator]';
  // € 1.000 for 20 new customers = 50 each; 300 for 60 kept = 5 each: 10× dearer.
  // CLV 400 / 50 = 8; 50 / 12,50 a month = 4 months.
  for (const [id, v] of [['cost-acquisition', '€ 1.000'], ['cost-new', '20'], ['cost-retention', '300'],
    ['cost-retained', '60'], ['cost-clv', '400'], ['cost-monthly', '12,50']]) {
    await page.fill(`${calc} [data-testid=${id}]`, v);
  }
  const at = (m) => dataValue(page, `${calc} [data-metric=${m}][data-source=manual]`);
  close(await at('cac'), 50, 'cac');
  close(await at('cost_per_retained'), 5, 'cost_per_retained');
  close(await at('cost_ratio'), 10, 'cost_ratio');
  close(await at('ltv_cac'), 8, 'ltv_cac');
  close(await at('payback_months'), 4, 'payback_months');
  // Nobody kept: no cost per kept customer and no ratio, not ∞.
  await page.fill(`${calc} [data-testid=cost-retained]`, '0');
  assert.equal(await at('cost_per_retained'), '');
  assert.equal(await at('cost_ratio'), '');
  p.assertClean();
});

// The same purchases with the channel each customer came through (A and B Google Ads,
// C Radio), and a Dutch spend file by month name ("maart 2024"): Radio's kind is not
// known from its name until the user says so in the column panel.
const LOG_BRON = 'klantnummer;orderdatum;bedrag;bron\n'
  + 'A;05-01-2024;€ 10,00;Google Ads\nB;20-01-2024;20,00;google ads\nA;10-02-2024;15,00;Google Ads\n'
  + 'C;12-02-2024;30,00;Radio\nB;01-03-2024;25,00;google ads\nA;15-03-2024;10,00;Google Ads\n';
const SPEND_MONTHS = 'maand;kanaal;kosten\n'
  + 'januari 2024;Google Ads;€ 100,00\nfebruari 2024;Google Ads;60,00\n'
  + 'maart 2024;Nieuwsbrief;30,00\nmaart 2024;Radio;50,00\n';

test('per channel, a channel\'s kind changed in the column panel, and the budget planner by hand', async () => {
  const p = await app.open({ query: '?language=nl', acceptDownloads: true });
  const { page } = p;
  await dropFiles(page, [{ name: 'bestellingen.csv', bytes: bytes(LOG_BRON) }, { name: 'uitgaven.csv', bytes: bytes(SPEND_MONTHS) }]);
  await page.waitForSelector(READY, { timeout: WAIT });
  const scope = '[data-section=acquisition]';
  await page.waitForSelector(scope);
  const span = (m) => dataValue(page, `${scope} .kpis [data-metric=${m}]`);
  const channel = (m, c) => dataValue(page, `${scope} [data-testid=channel-costs] [data-metric=${m}][data-segment="${c}"]`);
  // New customers per month: Jan A, B; Feb C. Kept: 0 + 2 + 3 = 5 (nobody churns, W = 90).
  // Radio's 50 counts as neither yet: 160 / 3 per new customer, 30 / 5 per kept one.
  close(await span('cac'), 160 / 3, 'cac');
  close(await span('cost_per_retained'), 6, 'cost_per_retained');
  // The log's "bron" names the channels: Google Ads won A and B (160 / 2, their two
  // first-month orders), Radio won C (0 spent yet), the newsletter nobody.
  close(await channel('cac', 'Google Ads'), 80, 'Google Ads cac');
  close(await channel('cpo_new', 'Google Ads'), 80, 'Google Ads cpo_new');
  close(await channel('cac', 'Radio'), 0, 'Radio cac');
  assert.equal(await channel('cac', 'Nieuwsbrief'), '', 'the newsletter won nobody');
  close(await channel('cost_per_retained', 'Nieuwsbrief'), 6, 'Nieuwsbrief cost_per_retained');
  close(await channel('cpo_existing', 'Nieuwsbrief'), 10, 'Nieuwsbrief cpo_existing (30 / 3 orders)');
  // Radio is acquisition: say so in the column panel and read the file again.
  const panel = '[data-testid=column-panel][data-file="uitgaven.csv"]';
  await page.click(`${panel} > summary`);
  await page.selectOption(`${panel} select[data-channel="Radio"]`, 'acquisition');
  await page.click(`${panel} [data-testid=apply-columns]`);
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-section=acquisition] .kpis [data-metric=cac]');
    return el && Math.abs(Number(el.getAttribute('data-value')) - 70) < 1e-9;
  }, null, { timeout: WAIT });
  close(await channel('cac', 'Radio'), 50, 'Radio cac after the change');
  close(await channel('acquisition_spend', 'Radio'), 50, 'Radio acquisition_spend');

  // The planner starts from the last L = 35 days (71 days of purchases / 2): A, B, C
  // active with 4 orders worth 15 + 30 + 25 + 10 = 80 (AOV 20); B, the only customer of
  // the 35 days before, came back: yearly retention 100%. Spend per month over the 91
  // days of January–March: acquisition 210, retention 30, × (365 / 12) / 91; CAC 70,
  // 6 per kept customer.
  const planner = '[data-testid=planner]';
  await page.waitForSelector(planner);
  await page.fill(`${planner} [data-testid=planner-margin]`, '40');
  await page.fill(`${planner} [data-testid=planner-retention-slider]`, '-10');
  const month = 365 / 12;
  const acq = (210 / 91) * month;
  const ret = (30 / 91) * month;
  const newPerMonth = acq / 70;
  const rm = Math.pow(0.9, 1 / 12);
  const ordersPerMonth = (4 / 3 / 35) * month;
  const c1 = 3 * rm + newPerMonth;
  const revenue1 = c1 * ordersPerMonth * 20;
  await page.waitForFunction((want) => {
    const el = document.querySelector('[data-testid=planner] [data-metric=planner_customers][data-period="2024-04"]');
    return el && Math.abs(Number(el.getAttribute('data-value')) - want) < 1e-9 * want;
  }, c1, { timeout: WAIT });
  assert.equal(await page.inputValue(`${planner} [data-testid=planner-retention]`), '-10', 'the slider writes the field');
  const at = (m, period) => dataValue(page, `${planner} [data-metric=${m}][data-period="${period}"]`);
  close(await at('planner_revenue', '2024-04'), revenue1, 'revenue in April');
  close(await at('planner_profit', '2024-04'), revenue1 * 0.4 - acq - ret, 'profit in April');
  const c2 = c1 * rm + newPerMonth;
  close(await at('planner_customers', '2024-05'), c2, 'customers in May');
  // 1,000 more a month: on retention it keeps everyone who would leave (1000 / 6 a month
  // is far more than leave), so after a year 3 + 12 new a month; on acquisition it wins
  // 1000 / 70 more a month: winning is better here.
  const scenario = (m, s) => dataValue(page, `${planner} [data-metric=${m}][data-segment=${s}]`);
  close(await scenario('planner_customers_end', 'retention'), 3 + 12 * newPerMonth, 'retention: nobody leaves');
  let c = 3;
  for (let m = 0; m < 12; m += 1) c = c * rm + (acq + 1000) / 70;
  close(await scenario('planner_customers_end', 'acquisition'), c, 'acquisition: 1000 / 70 more a month');
  assert.equal(await page.getAttribute(`${planner} [data-testid=planner-verdict]`, 'data-better'), 'acquisition');
  const words = await page.textContent(`${planner} [data-testid=planner-assumptions]`);
  assert.ok(words.includes('35 dagen') && words.includes('90,0%'), `assumptions in Dutch: ${words}`);
  // Five years: 60 months, the last one 2029-03.
  await page.selectOption(`${planner} [data-testid=planner-years]`, '5');
  await page.waitForSelector(`${planner} [data-metric=planner_customers][data-period="2029-03"]`, { state: 'attached' });
  // The download holds the assumptions and every month of every scenario.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`${planner} [data-testid=planner-export]`)]);
  const csv = fs.readFileSync(await download.path(), 'utf8').split('\n').filter((l) => l !== '');
  const notes = csv.filter((l) => l.startsWith('# ')).length;
  assert.ok(notes >= 6, `assumption lines: ${notes}`);
  assert.equal(csv.length, notes + 1 + 3 * 60);
  const external = p.requests.filter((r) => !r.url.startsWith(p.origin) && !r.url.startsWith('blob:') && !r.url.startsWith('data:'));
  assert.deepEqual(external, [], 'no request outside the app');
  p.assertClean();
});

test('spend typed into the page joins the log like a spend file', async () => {
  const p = await app.open({ query: '?language=en' });
  const { page } = p;
  await dropFiles(page, [{ name: 'orders.csv', bytes: bytes(LOG) }]);
  await page.waitForSelector(READY, { timeout: WAIT });
  assert.equal(await page.$('[data-section=acquisition]'), null, 'no spend yet');
  const entry = '[data-testid=spend-entry]';
  await page.click(`${entry} > summary`);
  // January 100 and February 60 on winning customers, 49 in February on keeping them.
  await page.fill(`${entry} [data-testid=spend-acquisition-2024-01]`, '100');
  await page.fill(`${entry} [data-testid=spend-acquisition-2024-02]`, '60');
  await page.fill(`${entry} [data-testid=spend-retention-2024-02]`, '49');
  await page.click(`${entry} [data-testid=spend-entry-use]`);
  await page.waitForSelector('[data-section=acquisition] .kpis [data-metric=cac]', { timeout: WAIT });
  await page.waitForSelector(READY, { timeout: WAIT });
  const span = (m) => dataValue(page, `[data-section=acquisition] .kpis [data-metric=${m}]`);
  // 160 for A, B and C; 49 for the 2 kept in February and the 3 in March.
  close(await span('cac'), 160 / 3, 'cac');
  close(await span('cost_per_retained'), 49 / 5, 'cost_per_retained');
  close(await dataValue(page, figure('cost_per_retained', '2024-02', '[data-section=acquisition]')), 24.5, 'February');
  // The typed spend can be changed and used again (it replaces the earlier one).
  await page.fill(`${entry} [data-testid=spend-acquisition-2024-01]`, '400');
  await page.click(`${entry} [data-testid=spend-entry-use]`);
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-section=acquisition] .kpis [data-metric=cac]');
    return el && Math.abs(Number(el.getAttribute('data-value')) - 460 / 3) < 1e-9;
  }, null, { timeout: WAIT });
  p.assertClean();
});
