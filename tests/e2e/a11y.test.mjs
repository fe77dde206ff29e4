// Accessibility (issue 12): axe-core (npm, evaluated in the page through the DevTools
// protocol, so the page's CSP stays as it is) reports no WCAG 2.1 A/AA violation on each
// view with data loaded: the empty page, the sample (analysis, lifetime value, planner),
// a log with spend (acquisition per channel), the Dutch and German pages, a snapshot
// link's read-only view, a customer summary and subscriptions, the embed code panel, the
// warehouse outputs and panel, the embeddable widgets and the whole app embedded.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useApp, dropFiles, fixtureBytes, READY, WAIT, ROOT } from './harness.mjs';

const app = useApp();
const AXE = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

async function violations(page) {
  await page.evaluate(AXE);
  const r = await page.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
  return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

async function fitted(page) {
  await page.waitForSelector('[data-section=lifetime]:not([data-fit-state=fitting])', { timeout: 60000 });
}

const LOG = 'klantnummer;orderdatum;bedrag;bron\n'
  + 'A;05-01-2024;€ 10,00;Google Ads\nB;20-01-2024;20,00;google ads\nA;10-02-2024;15,00;Google Ads\n'
  + 'C;12-02-2024;30,00;Radio\nB;01-03-2024;25,00;google ads\nA;15-03-2024;10,00;Google Ads\n';
const SPEND = 'maand;kanaal;kosten\njanuari 2024;Google Ads;€ 100,00\nfebruari 2024;Google Ads;60,00\n'
  + 'maart 2024;Nieuwsbrief;30,00\nmaart 2024;Radio;50,00\n';

const BASE = 'period,S,E,N,churned,new_customers,reactivated,acquired,crr,churn_rate\n'
  + '2024-01,0,5,5,0,5,0,5,,\n2024-02,5,6,3,2,2,1,2,60,40\n2024-03,6,4,0,2,0,0,0,66.66666666666666,33.33333333333334\n';
const COHORTS = 'cohort,offset,cohort_size,cohort_active,cohort_retention,cohort_revenue,cohort_revenue_pct\n'
  + '2024-01,0,2,2,100,35,100\n2024-01,1,2,0,0,0,0\n2024-01,2,2,1,50,26,74.28571428571429\n'
  + '2024-02,0,1,1,100,7,100\n2024-02,1,1,1,100,3,42.857142857142854\n';

test('no axe violations: empty page, sample, spend, Dutch, German, snapshot, summary, subscriptions', async () => {
  const found = {};
  // The empty page.
  let p = await app.open({ query: '?language=en' });
  found.empty = await violations(p.page);
  // The status is announced.
  assert.ok(await p.page.$('[data-testid=status][aria-live]'), 'the status has aria-live');
  // The sample: analysis, lifetime value, planner.
  await p.page.click('[data-testid=load-sample]');
  await p.page.waitForSelector(READY, { timeout: WAIT });
  await fitted(p.page);
  found.sample = await violations(p.page);
  // Share panel open.
  await p.page.click('[data-testid=share]');
  found.share = await violations(p.page);
  const link = await p.page.inputValue('[data-testid=snapshot-link]');
  p.assertClean();
  // Log and spend, in Dutch; the column panels open.
  p = await app.open({ query: '?language=nl' });
  await dropFiles(p.page, [{ name: 'bestellingen.csv', bytes: [...Buffer.from(LOG)] }, { name: 'uitgaven.csv', bytes: [...Buffer.from(SPEND)] }]);
  await p.page.waitForSelector(READY, { timeout: WAIT });
  for (const s of await p.page.$$('[data-testid=column-panel] > summary')) await s.click();
  found.spend = await violations(p.page);
  p.assertClean();
  // German, with the sample.
  p = await app.open({ query: '?language=de' });
  await p.page.click('[data-testid=load-sample]');
  await p.page.waitForSelector(READY, { timeout: WAIT });
  found.german = await violations(p.page);
  p.assertClean();
  // A snapshot link's read-only view.
  p = await app.open({ query: new URL(link).search + new URL(link).hash, waitIdle: false });
  await p.page.waitForSelector('[data-testid=snapshot-banner]', { timeout: WAIT });
  found.snapshot = await violations(p.page);
  p.assertClean();
  // A customer summary (CDNOW) and subscriptions.
  p = await app.open({ query: '?language=en' });
  await dropFiles(p.page, [{ name: 'cdnow_customers_summary.csv', bytes: fixtureBytes('models/cdnow_customers_summary.csv') }]);
  await p.page.waitForSelector(READY, { timeout: WAIT });
  await fitted(p.page);
  found.summary = await violations(p.page);
  p.assertClean();
  p = await app.open({ query: '?language=en' });
  await dropFiles(p.page, [{ name: 'subscriptions.csv', bytes: fixtureBytes('models/subscriptions_regular.csv') }]);
  await p.page.waitForSelector(READY, { timeout: WAIT });
  found.subscriptions = await violations(p.page);
  p.assertClean();
  // The embed code panel, open with its preview; each widget of embed.html; the whole
  // app embedded (?embed=1, the single-file page) with the sample.
  p = await app.open({ query: '?language=nl' });
  await p.page.click('[data-testid=embed-code-button]');
  await (await (await p.page.waitForSelector('[data-testid=embed-preview]')).contentFrame()).waitForSelector('main.embed');
  found.embedCode = await violations(p.page);
  p.assertClean();
  // The warehouse outputs (a base with its other counts, a cohort table), in German, and
  // the "Data in a warehouse?" panel open with a name refused.
  p = await app.open({ query: '?language=de' });
  await dropFiles(p.page, [{ name: 'base.csv', bytes: [...Buffer.from(BASE)] }, { name: 'cohorts.csv', bytes: [...Buffer.from(COHORTS)] }]);
  await p.page.waitForSelector(READY, { timeout: WAIT });
  await p.page.click('[data-testid=warehouse-button]');
  await p.page.fill('[data-testid=warehouse-table]', '');
  await p.page.waitForSelector('[data-testid=warehouse-error]');
  found.warehouse = await violations(p.page);
  p.assertClean();
  p = await app.open({ query: '?language=nl' });
  for (const widget of ['crr', 'clv', 'cost']) {
    await p.page.goto(`${p.origin}/embed.html?calculator=${widget}&language=de`);
    await p.page.waitForSelector(`main.embed[data-embed=${widget}]`);
    found[`widget ${widget}`] = await violations(p.page);
  }
  await p.page.goto(`${p.origin}/retention-calculator.html?embed=1&language=en`);
  await p.page.click('[data-testid=load-sample]');
  await p.page.waitForSelector(READY, { timeout: WAIT });
  found.embeddedApp = await violations(p.page);
  p.assertClean();
  for (const [view, list] of Object.entries(found)) assert.deepEqual(list, [], `${view}: ${list.join('\n')}`);
});

test('keyboard: Tab reaches the file chooser and the sample button, and the focus is visible', async () => {
  const p = await app.open({ query: '?language=en' });
  const { page } = p;
  const reached = new Set();
  let outline = null;
  for (let i = 0; i < 12; i += 1) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      const s = getComputedStyle(el);
      return { id: el.dataset.testid ?? el.tagName, outline: s.outlineStyle !== 'none' && s.outlineWidth !== '0px', shadow: s.boxShadow !== 'none' };
    });
    reached.add(info.id);
    if (info.id === 'load-sample') outline = info.outline || info.shadow;
  }
  assert.ok(reached.has('file-input'), `the file input by keyboard: ${[...reached].join(', ')}`);
  assert.ok(reached.has('load-sample'), 'the sample button by keyboard');
  assert.ok(outline, 'a visible focus on the sample button');
  // Enter on the sample button loads it.
  await page.focus('[data-testid=load-sample]');
  await page.keyboard.press('Enter');
  await page.waitForSelector(READY, { timeout: WAIT });
  p.assertClean();
});
