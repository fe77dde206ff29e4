// Snapshot links (issue 12): "share these results" makes a link that carries only the
// figures; it shows what it holds before copying, holds no customer id from the file,
// and opens the same figures read-only in a fresh browser context.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, dataValue, dropFiles, READY, WAIT } from './harness.mjs';

const app = useApp();

const IDS = ['KL-90817', 'KL-55302', 'KL-71244', 'KL-12873'];
const LOG = 'klantnummer;orderdatum;bedrag;regio\n'
  + `${IDS[0]};05-01-2024;10,00;Noord\n${IDS[1]};20-01-2024;20,00;Zuid\n${IDS[0]};10-02-2024;15,00;Noord\n`
  + `${IDS[2]};12-02-2024;30,00;Oost\n${IDS[1]};01-03-2024;25,00;Zuid\n${IDS[3]};15-03-2024;10,00;West\n`;

test('a snapshot link: no customer id, what it holds shown, the same figures in a fresh context', async () => {
  const p = await app.open({ query: '?language=nl&granularity=month&segment=regio' });
  const { page } = p;
  await dropFiles(page, [{ name: 'orders.csv', bytes: [...Buffer.from(LOG)] }]);
  await page.waitForSelector(READY, { timeout: WAIT });
  await page.click('[data-testid=share]');
  const link = await page.inputValue('[data-testid=snapshot-link]');
  const json = await page.textContent('[data-testid=snapshot-json]');
  assert.ok(link.includes('#snapshot='), link.slice(0, 80));
  for (const id of IDS) {
    assert.ok(!json.includes(id), `${id} is not in what the link holds`);
    assert.ok(!decodeURIComponent(link).includes(id), `${id} is not in the link`);
  }
  assert.ok(json.includes('"crr"') || json.includes('crr'), 'the JSON shows the figures');
  // What the page shows, to find again from the link.
  const figures = async (pg) => pg.$$eval('section.analysis [data-metric][data-value]:not([data-customer])',
    (els) => els.map((e) => `${e.dataset.metric}|${e.dataset.period ?? ''}|${e.dataset.segment ?? ''}|${e.getAttribute('data-value')}`).sort());
  const before = await figures(page);
  assert.ok(before.length > 20, `${before.length} figures`);
  p.assertClean();

  // A fresh context: nothing loaded, the link alone.
  // (A snapshot page is ready at once: it never shows the idle state the harness waits for.)
  const q = await app.open({ query: new URL(link).search + new URL(link).hash, waitIdle: false });
  await q.page.waitForSelector(READY, { timeout: WAIT });
  await q.page.waitForSelector('[data-testid=snapshot-banner]');
  assert.deepEqual(await figures(q.page), before, 'the same figures, figure for figure');
  assert.ok(await q.page.$('[data-chart=crr] svg'), 'the charts');
  assert.equal(await dataValue(q.page, '[data-metric=segment_customers][data-segment=champions]'),
    await dataValue(page, '[data-metric=segment_customers][data-segment=champions]'));
  const external = q.requests.filter((r) => !r.url.startsWith(q.origin) && !r.url.startsWith('blob:') && !r.url.startsWith('data:'));
  assert.deepEqual(external, [], 'no request outside the app');
  q.assertClean();

  // A link cut short says why, in the page's language.
  const cut = link.slice(0, link.indexOf('#snapshot=') + 40);
  const r = await app.open({ query: new URL(cut).search + new URL(cut).hash, waitIdle: false });
  await r.page.waitForSelector('[data-testid=snapshot-error]');
  assert.match(await r.page.textContent('[data-testid=snapshot-error]'), /afgekapt of gewijzigd/);
  r.assertClean();
});
