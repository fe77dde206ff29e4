// The manual calculator: S, E and N typed in; CRR and churn as data-value hooks.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, crr, WAIT } from './harness.mjs';

const app = useApp();

const CRR = '[data-metric=crr][data-source=manual]';
const CHURN = '[data-metric=churn_rate][data-source=manual]';
const MESSAGE = '[data-testid=manual-message]';

async function fillManual(page, s, e, n) {
  await page.fill('[data-testid=manual-s]', s);
  await page.fill('[data-testid=manual-e]', e);
  await page.fill('[data-testid=manual-n]', n);
}

/** Waits until the manual CRR's data-value is `wanted` ('' or not) and returns both values. */
async function manualValues(page, { empty = false } = {}) {
  await page.waitForFunction(
    ([sel, empty]) => {
      const v = document.querySelector(sel)?.getAttribute('data-value');
      return v != null && (empty ? v === '' : v !== '');
    },
    [CRR, empty],
    { timeout: WAIT },
  );
  return {
    crr: await page.getAttribute(CRR, 'data-value'),
    churn: await page.getAttribute(CHURN, 'data-value'),
  };
}

async function messageText(page) {
  const m = page.locator(MESSAGE);
  return (await m.count()) ? (await m.textContent()).trim() : '';
}

test('manual: S=200, E=180, N=40 gives 70 and 30; S=0 gives no figure and a message', async () => {
  const p = await app.open();
  const { page } = p;
  const initialMessage = await messageText(page);
  assert.ok(initialMessage.length > 0, 'the empty calculator says what to enter');

  await fillManual(page, '200', '180', '40');
  const v = await manualValues(page);
  assert.equal(Number(v.crr), crr(200, 180, 40));
  assert.equal(Number(v.crr), 70);
  assert.equal(Number(v.churn), 100 - crr(200, 180, 40));
  assert.equal(Number(v.churn), 30);
  assert.equal(await messageText(page), '', 'no message once the figures are shown');

  // S = 0: CRR is undefined -> empty data-value and an explanation.
  await page.fill('[data-testid=manual-s]', '0');
  const z = await manualValues(page, { empty: true });
  assert.deepEqual(z, { crr: '', churn: '' });
  const msg = await messageText(page);
  assert.ok(msg.length > 0, 'a message explains why there is no figure');
  assert.notEqual(msg, initialMessage, 'the message is about S = 0, not the "enter S, E and N" prompt');
  assert.ok(await page.locator(MESSAGE).isVisible());
  p.assertClean();
});

test('manual in Dutch: 1.000 / 950 / 0 gives 95 and 5', async () => {
  const p = await app.open();
  const { page } = p;
  await page.selectOption('select[data-setting=language]', 'nl');
  await page.waitForFunction(() => document.documentElement.lang === 'nl', null, { timeout: WAIT });

  // "1.000" is one thousand in Dutch notation.
  await fillManual(page, '1.000', '950', '0');
  const v = await manualValues(page);
  assert.equal(Number(v.crr), crr(1000, 950, 0));
  assert.equal(Number(v.crr), 95);
  assert.equal(Number(v.churn), 100 - crr(1000, 950, 0));
  assert.equal(Number(v.churn), 5);

  // Customers are counted whole: 12,5 new customers is a typo, said in Dutch.
  await page.fill('[data-testid=manual-n]', '12,5');
  assert.deepEqual(await manualValues(page, { empty: true }), { crr: '', churn: '' });
  assert.equal(await messageText(page), 'N: tel hele klanten, zonder breuk');
  p.assertClean();
});

test('manual in Dutch via ?language=nl, typed before any switch: 1.000 / 950 / 0 gives 95 and 5', async () => {
  const p = await app.open({ query: '?language=nl' });
  const { page } = p;
  await fillManual(page, '1.000', '950', '0');
  const v = await manualValues(page);
  assert.equal(Number(v.crr), 95);
  assert.equal(Number(v.churn), 5);
  p.assertClean();
});

test('manual in German via ?language=de: 1.000 / 950 / 0 gives 95 and 5, in German words and numbers', async () => {
  const p = await app.open({ query: '?language=de' });
  const { page } = p;
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
  assert.equal((await page.textContent('#load-heading')).trim(), 'Ihre Daten');
  // "1.000" is one thousand in German notation too; the rate is written 95,0.
  await fillManual(page, '1.000', '950', '0');
  const v = await manualValues(page);
  assert.equal(Number(v.crr), 95);
  assert.equal(Number(v.churn), 5);
  const shown = await page.textContent('[data-metric=crr][data-source=manual]');
  assert.ok(shown.includes('95,0'), `German decimal comma: ${shown}`);
  p.assertClean();
});
