// The page itself: hooks present at start, language, privacy (no requests), phone layout.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, dropFixtures, READY, WAIT, section } from './harness.mjs';

const app = useApp();

test('page loads idle with every hook present, <html lang> set, no console errors', async () => {
  const p = await app.open();
  const { page } = p;

  const status = await page.$eval('[data-testid=status]', (el) => ({
    state: el.getAttribute('data-state'),
    progress: el.getAttribute('data-progress'),
  }));
  assert.deepEqual(status, { state: 'idle', progress: null });

  const input = await page.$eval('[data-testid=file-input]', (el) => ({
    tag: el.tagName,
    type: el.type,
    multiple: el.multiple,
  }));
  assert.deepEqual(input, { tag: 'INPUT', type: 'file', multiple: true });
  assert.equal(await page.locator('input[type=file][data-testid=file-input]').count(), 1);
  assert.equal(await page.locator('[data-testid=drop-zone]').count(), 1);
  assert.equal(await page.locator('[data-testid=load-sample]').count(), 1);
  assert.ok(await page.locator('[data-testid=load-sample]').isVisible(), 'sample button visible');
  assert.ok(await page.locator('[data-testid=drop-zone]').isVisible(), 'drop zone visible');

  // Nothing loaded yet: no error, no results.
  assert.equal(await page.locator('[data-testid=error]').count(), 0);
  assert.equal(await page.locator('section.period-counts').count(), 0);

  // Manual calculator, empty.
  for (const id of ['manual-s', 'manual-e', 'manual-n']) {
    assert.equal(await page.locator(`input[data-testid=${id}]`).count(), 1, id);
  }
  assert.equal(await page.getAttribute('[data-metric=crr][data-source=manual]', 'data-value'), '');
  assert.equal(await page.getAttribute('[data-metric=churn_rate][data-source=manual]', 'data-value'), '');

  // Language setting with every language.
  const options = await page.$$eval('select[data-setting=language] option', (os) => os.map((o) => o.value));
  assert.deepEqual(options.slice().sort(), ['de', 'en', 'nl']);

  const lang = await page.evaluate(() => document.documentElement.getAttribute('lang'));
  assert.equal(lang, 'en', 'browser locale en-US -> <html lang="en">');
  assert.equal(await page.inputValue('select[data-setting=language]'), 'en');

  p.assertClean();
});

test('language switch to nl changes texts, <html lang> and URL; ?language=nl starts in Dutch', async () => {
  const p = await app.open(); // locale en-US
  const { page } = p;
  assert.equal((await page.textContent('#load-heading')).trim(), 'Your data');

  await page.selectOption('select[data-setting=language]', 'nl');
  await page.waitForFunction(() => document.documentElement.lang === 'nl', null, { timeout: WAIT });
  assert.equal((await page.textContent('#load-heading')).trim(), 'Je gegevens');
  assert.equal(new URL(page.url()).searchParams.get('language'), 'nl');

  // And back.
  await page.selectOption('select[data-setting=language]', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en', null, { timeout: WAIT });
  assert.equal((await page.textContent('#load-heading')).trim(), 'Your data');
  assert.equal(new URL(page.url()).searchParams.get('language'), 'en');
  p.assertClean();

  // A link with ?language=nl reproduces the view, whatever the browser's language.
  const q = await app.open({ query: '?language=nl', locale: 'en-US' });
  assert.equal(await q.page.evaluate(() => document.documentElement.lang), 'nl');
  assert.equal((await q.page.textContent('#load-heading')).trim(), 'Je gegevens');
  assert.equal(await q.page.inputValue('select[data-setting=language]'), 'nl');
  assert.equal(new URL(q.page.url()).searchParams.get('language'), 'nl');
  q.assertClean();

  // Without the parameter, the browser's language decides.
  const r = await app.open({ locale: 'nl-NL' });
  assert.equal(await r.page.evaluate(() => document.documentElement.lang), 'nl');
  assert.equal((await r.page.textContent('#load-heading')).trim(), 'Je gegevens');
  r.assertClean();

  const s = await app.open({ query: '?language=en', locale: 'nl-NL' });
  assert.equal(await s.page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal((await s.page.textContent('#load-heading')).trim(), 'Your data');
  s.assertClean();
});

test('privacy: only own-origin requests while loading; none at all while reading a file', async () => {
  const p = await app.open();
  const { page } = p;
  const origin = p.origin;

  assert.ok(p.requests.length > 0, 'requests of the page load were recorded');
  const foreign = p.requests.filter((r) => {
    const u = new URL(r.url);
    if (u.protocol === 'data:' || u.protocol === 'blob:') return false;
    return u.origin !== origin || !(u.protocol === 'http:' || u.protocol === 'https:');
  });
  assert.deepEqual(foreign, [], `every request goes to ${origin}`);

  // Page loaded and idle: from the drop until ready + 1 s, no request at all.
  await page.waitForLoadState('networkidle', { timeout: WAIT });
  const mark = p.requests.length;
  await dropFixtures(page, 'period_counts_comma.csv');
  await page.waitForSelector(READY, { timeout: WAIT });
  await page.waitForSelector(section('period_counts_comma.csv'), { timeout: WAIT });
  await page.waitForTimeout(1000);
  assert.deepEqual(p.requests.slice(mark), [], 'no request while reading a dropped file');

  // Same for the sample and the manual calculator.
  const mark2 = p.requests.length;
  await page.click('[data-testid=load-sample]');
  await page.waitForSelector('section.period-counts[data-file^="sample"]', { timeout: WAIT });
  await page.waitForSelector(READY, { timeout: WAIT });
  await page.fill('[data-testid=manual-s]', '200');
  await page.fill('[data-testid=manual-e]', '180');
  await page.fill('[data-testid=manual-n]', '40');
  await page.waitForTimeout(1000);
  assert.deepEqual(p.requests.slice(mark2), [], 'no request for the sample or the manual calculator');

  // Whole session: only http(s) to our origin, data: or blob:.
  for (const r of p.requests) {
    const u = new URL(r.url);
    const ok = u.protocol === 'data:' || u.protocol === 'blob:' || u.origin === origin;
    assert.ok(ok, `unexpected request ${r.method} ${r.url}`);
  }
  p.assertClean();
});

test('phone layout: no horizontal scrolling at 375x740 with the sample loaded', async () => {
  const p = await app.open({ viewport: { width: 375, height: 740 } });
  const { page } = p;
  await page.click('[data-testid=load-sample]');
  await page.waitForSelector(READY, { timeout: WAIT });
  await page.waitForSelector('section.period-counts [data-chart=crr] svg', { timeout: WAIT });

  const { scrollWidth, offenders } = await page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    // Outermost elements that stick out to the right and are not inside a scroll
    // container (content of an overflow:auto box does not widen the page).
    const clipped = (el) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if (o !== 'visible') return true;
      }
      return false;
    };
    const out = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right <= limit + 0.5 || clipped(el)) continue;
      const parent = el.parentElement;
      if (parent && parent !== document.body && parent.getBoundingClientRect().right > limit + 0.5) continue;
      const id = [
        el.tagName.toLowerCase(),
        el.id ? `#${el.id}` : '',
        el.classList.length ? '.' + [...el.classList].join('.') : '',
        el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : '',
        el.dataset.chart ? `[data-chart=${el.dataset.chart}]` : '',
      ].join('');
      out.push(`${id} right=${Math.round(r.right)} width=${Math.round(r.width)}`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, offenders: out.slice(0, 15) };
  });
  assert.ok(
    scrollWidth <= 375,
    `page is ${scrollWidth}px wide at a 375px viewport; overflowing elements:\n  ${offenders.join('\n  ')}`,
  );
  p.assertClean();
});
