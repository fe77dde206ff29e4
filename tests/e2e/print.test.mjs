// The printed report: the built-in sample printed to PDF in Chromium (A4, print
// stylesheet), its text read back with pdftotext: the title, the file, the date and the
// settings, figures from the top and from far below the fold, chart text and the
// definitions, and none of the controls that do nothing on paper.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useApp, READY, WAIT } from './harness.mjs';

const app = useApp();

/** The PDF's text, in reading order (pdftotext -layout). */
function pdfText(bytes) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
  const file = path.join(dir, 'report.pdf');
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

const squash = (s) => s.replace(/\s+/g, ' ').trim();

test('print to PDF: an A4 report with every section, its figures, charts and definitions', async () => {
  const p = await app.open({ query: '?language=en' });
  const { page } = p;
  await page.click('[data-testid=load-sample]');
  await page.waitForSelector(READY, { timeout: WAIT });
  // What the screen shows, to find in the PDF: a figure at the top, one far below the
  // fold (RFM), the file's name, a definition, a chart's axis text.
  const shown = async (selector) => squash(await page.textContent(selector));
  const customers = await shown('[data-metric=customers_total]');
  const champions = await shown('[data-metric=segment_customers][data-segment=champions]');
  const definition = squash(await page.$eval('.formula-box p', (el) => el.textContent));
  const file = await page.getAttribute('section.analysis', 'data-file');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const text = squash(pdfText(pdf));
  assert.ok(text.includes('Retention Calculator'), 'the title');
  assert.ok(text.includes(file), `the file name ${file}`);
  const today = new Date();
  const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  assert.ok(text.includes(`Report made on ${day}`), 'the date of the report');
  assert.ok(text.includes(customers), `customers ${customers}`);
  assert.ok(text.includes(champions), `champions ${champions}, far below the fold`);
  assert.ok(text.includes(definition.slice(0, 60)), `the definition "${definition.slice(0, 60)}" unfolded`);
  // Controls that do nothing on paper are left out.
  assert.ok(!text.includes('Load sample data'), 'no loader');
  assert.ok(!text.includes('PNG'), 'no chart download buttons');
  // More than a page: the whole analysis, not the first screen.
  const pages = Number(execFileSync('sh', ['-c', 'cat > /tmp/report-pages.pdf && pdfinfo /tmp/report-pages.pdf'], { input: pdf, encoding: 'utf8' })
    .match(/Pages:\s+(\d+)/)[1]);
  assert.ok(pages >= 3, `${pages} pages`);
  p.assertClean();
});
