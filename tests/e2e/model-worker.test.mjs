// The lifetime-value models on a worker of their own (issue 13, point 3; src/worker/models.rs):
// a change of window right after a load comes back while the models are still being
// fitted, instead of waiting for them (it waited about 3 s at 10⁶ rows before), and the
// fits still end with the same figures as when they are fitted with the window changed
// before the file came.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, READY } from './harness.mjs';

const app = useApp();
const FITTING = '[data-section=lifetime][data-fit-state=fitting]';
const FITTED = '[data-section=lifetime][data-fit-state=done]';

/** A log of about `mb` MB with 30,000 customers over two years: Pareto/NBD and the
 * others take seconds to fit on it. */
function generated(mb) {
  const lines = ['customer,date,amount'];
  let size = 0;
  for (let i = 0; size < mb * 1e6; i++) {
    const c = (i * 7919) % 30000;
    const day = 1 + ((i * 31) % 28);
    const month = 1 + ((c + (i >> 4)) % 12);
    const year = 2023 + ((c * 3 + i) % 2);
    const line = `C${c},${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')},${(i * 13) % 300}.${String(i % 100).padStart(2, '0')}`;
    lines.push(line);
    size += line.length + 1;
  }
  return Buffer.from(lines.join('\n') + '\n');
}

/** The lifetime section's figures (not per customer). */
async function lifetimeFigures(page) {
  return page.$$eval('[data-section=lifetime] [data-metric][data-value]:not([data-customer])',
    (els) => els.map((e) => `${e.dataset.metric}|${e.getAttribute('data-value')}`).sort());
}

test('a change of window comes back while the models are being fitted', async () => {
  const bytes = generated(3);
  const p = await app.open({ query: '?language=en' });
  const { page } = p;
  // When the status turns ready and when the fits end, as the page sees them.
  await page.evaluate(() => {
    window.__events = [];
    new MutationObserver(() => {
      const state = document.querySelector('[data-testid=status]')?.dataset.state;
      if (state !== window.__events.at(-1)?.[0]) window.__events.push([state, performance.now()]);
      const fit = document.querySelector('[data-section=lifetime]')?.dataset.fitState;
      if (fit === 'done' && !window.__fitted) window.__fitted = performance.now();
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-fit-state'] });
  });
  await page.setInputFiles('[data-testid=file-input]', [{ name: 'orders.csv', mimeType: 'text/csv', buffer: bytes }]);
  await page.waitForSelector(READY, { timeout: 60000 });
  await page.waitForSelector(FITTING, { timeout: 60000 });
  const before = await page.getAttribute('[data-metric=customers_total]', 'data-value');
  const changed = await page.evaluate(() => performance.now());
  await page.fill('[data-setting=window_days]', '30');
  await page.dispatchEvent('[data-setting=window_days]', 'change');
  await page.waitForFunction((t) => {
    const e = window.__events;
    return e.some(([s, at]) => s === 'working' && at >= t) && e.at(-1)[0] === 'ready' && e.at(-1)[1] >= t;
  }, changed, { timeout: 60000 });
  const readyAgain = await page.evaluate(() => window.__events.at(-1)[1]);
  const stillFitting = await page.$(FITTING);
  assert.ok(stillFitting, `the new window's figures came ${Math.round(readyAgain - changed)} ms after the change, before the fits ended`);
  assert.equal(new URL(page.url()).searchParams.get('window_days'), '30');
  assert.equal(await page.getAttribute('[data-metric=customers_total]', 'data-value'), before);
  await page.waitForSelector(FITTED, { timeout: 300000 });
  const fitted = await page.evaluate(() => window.__fitted);
  assert.ok(fitted > readyAgain, 'the fits ended after');
  const figures = await lifetimeFigures(page);
  assert.ok(figures.length > 20, `${figures.length} lifetime figures`);
  p.assertClean();

  // The same fits on a page that had window 30 before the file came (the models do
  // not depend on the window).
  const q = await app.open({ query: '?language=en&window_days=30' });
  await q.page.setInputFiles('[data-testid=file-input]', [{ name: 'orders.csv', mimeType: 'text/csv', buffer: bytes }]);
  await q.page.waitForSelector(FITTED, { timeout: 300000 });
  assert.deepEqual(await lifetimeFigures(q.page), figures);
  q.assertClean();
});
