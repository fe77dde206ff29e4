// The README screenshot: the sample loaded, the top of the page down to the first
// periods of the analysis' customer base, at 1200 px wide. Always written to tests/e2e/output/screenshot.png; also to
// docs/screenshot.png when UPDATE_SCREENSHOT=1.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { useApp, ensureOutputDir, ROOT, READY, WAIT } from './harness.mjs';

const app = useApp();

test('screenshot for the README', async () => {
  const p = await app.open({ viewport: { width: 1200, height: 900 } });
  const { page } = p;
  await page.click('[data-testid=load-sample]');
  await page.waitForSelector(READY, { timeout: WAIT });
  await page.waitForSelector('section.analysis [data-chart=crr] svg circle', { timeout: WAIT });
  await page.waitForSelector('section.period-counts [data-chart=crr] svg circle', { timeout: WAIT });
  await page.evaluate(() => document.fonts.ready);
  await page.mouse.move(0, 0);
  // The top of the page: the loader, then the analysis of the sample orders (settings,
  // totals, the time between purchases, the first periods of the base). The whole page
  // is many screens long.
  const bottom = await page.$eval('section.analysis [data-chart=purchase-gaps]', (el) => el.getBoundingClientRect().bottom + window.scrollY);
  const clip = { x: 0, y: 0, width: 1200, height: Math.ceil(bottom + 480) };
  const out = path.join(await ensureOutputDir(), 'screenshot.png');
  const png = await page.screenshot({ path: out, fullPage: true, clip, animations: 'disabled', caret: 'hide' });
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
  assert.equal(png.readUInt32BE(16), 1200, 'PNG is 1200 px wide');
  assert.ok(png.readUInt32BE(20) > 900, 'taller than the viewport');

  if (process.env.UPDATE_SCREENSHOT === '1') {
    const docs = path.join(ROOT, 'docs');
    await fs.mkdir(docs, { recursive: true });
    await fs.writeFile(path.join(docs, 'screenshot.png'), png);
  }
  p.assertClean();
});
