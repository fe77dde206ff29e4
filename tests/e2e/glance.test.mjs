// The page read at a glance (issue 12): the overview at the top, the section navigation
// that stays in reach while scrolling and lands below itself, bar labels on every bar,
// and nothing left unpainted below the fold.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, dataValue, dropFiles, READY, WAIT } from './harness.mjs';

const app = useApp();

test('overview, section navigation, every RFM bar labelled', async () => {
  const p = await app.open({ query: '?language=en' });
  const { page } = p;
  await page.click('[data-testid=load-sample]');
  await page.waitForSelector(READY, { timeout: WAIT });
  const overview = '[data-section=overview]';
  // CRR and churn of the last complete period, the same figures as in the base table.
  const period = await page.getAttribute(`${overview} [data-metric=overview_crr]`, 'data-of');
  assert.match(period, /^\d{4}-\d{2}$/, 'a month');
  const inTable = await dataValue(page, `#sec-base td[data-metric=crr][data-period="${period}"]`);
  assert.equal(await dataValue(page, `${overview} [data-metric=overview_crr]`), inTable, 'overview CRR = the table\'s');
  const churn = Number(await dataValue(page, `${overview} [data-metric=overview_churn_rate]`));
  assert.ok(Math.abs(churn - (100 - Number(inTable))) < 1e-9, 'churn = 100 − CRR');
  // The sample runs to 31 December 2024: its last month is complete.
  const periods = await page.$$eval('#sec-base td[data-metric=crr][data-period]', (els) => els.map((e) => e.dataset.period));
  assert.equal(period, periods[periods.length - 1], 'the last complete period');
  assert.equal(await dataValue(page, `${overview} [data-metric=customers_total]`),
    await dataValue(page, '#sec-totals [data-metric=customers_total]'));
  assert.ok(Number(await dataValue(page, `${overview} [data-metric=overview_clv]`)) > 0, 'a CLV');

  // The navigation: a jump to RFM lands with its heading below the bar, and the bar stays.
  const nav = '[data-testid=section-nav]';
  await page.click(`${nav} a[data-nav=rfm]`);
  await page.waitForFunction(() => window.scrollY > 500, null, { timeout: WAIT });
  await page.waitForTimeout(200);
  const bar = await page.$eval(nav, (el) => el.getBoundingClientRect().toJSON());
  const heading = await page.$eval('#sec-rfm h3', (el) => el.getBoundingClientRect().toJSON());
  assert.ok(bar.top <= 1 && bar.bottom > 0, `the bar is at the top (${bar.top})`);
  assert.ok(heading.top >= bar.bottom - 1, `the heading (${heading.top}) is not under the bar (${bar.bottom})`);
  assert.ok(new URL(page.url()).searchParams.get('section') === 'rfm', `the URL names the section: ${page.url()}`);
  // The settings bar no longer sticks over the charts.
  assert.equal(await page.$eval('.settings-bar', (el) => getComputedStyle(el).position), 'static');
  // Every part is laid out, in view or not.
  const lazy = await page.$$eval('.analysis-part', (els) => els.filter((e) => getComputedStyle(e).contentVisibility === 'auto').length);
  assert.equal(lazy, 0, 'no content-visibility: auto');
  // Every RFM segment's bar has its label (shortened if need be).
  const labels = await page.$$eval('[data-chart=rfm-segments] svg text', (els) => els.map((e) => e.textContent.trim()));
  for (const start of ['Champ', 'Loyal', 'Promis', 'New', 'Needs', 'At ri', 'Can', 'Hiber', 'Lost']) {
    assert.ok(labels.some((l) => l.startsWith(start)), `a label for ${start}: ${labels.join(' | ')}`);
  }
  p.assertClean();
});

test('currency: from the amounts, from the URL and from the select, written per locale', async () => {
  const log = 'customer,date,amount\na,2024-01-05,$1234.50\nb,2024-01-20,$20.00\na,2024-02-10,$15.00\n';
  const p = await app.open({ query: '?language=en' });
  const { page } = p;
  await dropFiles(page, [{ name: 'orders.csv', bytes: [...Buffer.from(log)] }]);
  await page.waitForSelector(READY, { timeout: WAIT });
  // The amounts say dollars: revenue 1,269.50 written as $1,269.50.
  assert.equal(await page.inputValue('select[data-setting=currency]'), 'USD');
  const revenue = () => page.textContent('#sec-totals [data-metric=revenue_total]');
  assert.equal((await revenue()).trim(), '$1,269.50');
  assert.equal(await dataValue(page, '#sec-totals [data-metric=revenue_total]'), '1269.5', 'the hook stays a plain number');
  // Chosen on the page: pounds, and the URL says so.
  await page.selectOption('select[data-setting=currency]', 'GBP');
  await page.waitForFunction(() => document.querySelector('#sec-totals [data-metric=revenue_total]').textContent.trim() === '£1,269.50');
  assert.ok(page.url().includes('currency=GBP'), page.url());
  p.assertClean();
  // From the URL, in Dutch and in German.
  const nl = await app.open({ query: '?language=nl&currency=EUR' });
  await dropFiles(nl.page, [{ name: 'orders.csv', bytes: [...Buffer.from(log)] }]);
  await nl.page.waitForSelector(READY, { timeout: WAIT });
  assert.equal((await nl.page.textContent('#sec-totals [data-metric=revenue_total]')).trim(), '€\u00a01.269,50');
  nl.assertClean();
  const de = await app.open({ query: '?language=de&currency=EUR' });
  await dropFiles(de.page, [{ name: 'orders.csv', bytes: [...Buffer.from(log)] }]);
  await de.page.waitForSelector(READY, { timeout: WAIT });
  assert.equal((await de.page.textContent('#sec-totals [data-metric=revenue_total]')).trim(), '1.269,50\u00a0€');
  de.assertClean();
});

test('?section= opens the page at that section once the figures are in', async () => {
  const p = await app.open({ query: '?language=en&section=cohorts' });
  const { page } = p;
  await page.click('[data-testid=load-sample]');
  await page.waitForSelector(READY, { timeout: WAIT });
  await page.waitForFunction(() => {
    const h = document.querySelector('#sec-cohorts h3');
    return h && h.getBoundingClientRect().top >= 0 && h.getBoundingClientRect().top < 200 && window.scrollY > 300;
  }, null, { timeout: WAIT });
  p.assertClean();
});
