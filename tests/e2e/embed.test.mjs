// The embeddable widget (issue 12): embed.html in an iframe sandboxed with
// "allow-scripts allow-downloads" on a host page of another origin, as a blog has it.
// The snippet comes from the app's own "embed on your site" panel; the widget is used
// as a reader would, follows ?language= and ?currency=, sizes its frame by postMessage,
// and fetches nothing but its own page. Also: the drop-a-file widget and an embedded
// snapshot link, and the widget's size budget.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { useApp, dropFiles, DIST, READY, WAIT } from './harness.mjs';

const app = useApp();

// The blog: another origin, serving one page made of the snippet under test.
const host = { server: null, origin: null, body: '' };
before(async () => {
  host.server = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(host.body);
  });
  await new Promise((resolve) => host.server.listen(0, '127.0.0.1', resolve));
  host.origin = `http://127.0.0.1:${host.server.address().port}`;
});
after(async () => {
  host.server.closeAllConnections?.();
  await new Promise((resolve) => host.server.close(() => resolve()));
});

/** Opens a host page holding `snippet` (under a heading, as in a post) in a fresh context. */
async function blogPost(snippet) {
  host.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>My post</title></head>
<body><h1>Why retention matters</h1><p>Try it:</p>\n${snippet}\n<p>The end.</p></body></html>`;
  const context = await app.browser.newContext({ viewport: { width: 1000, height: 800 } });
  app.contexts.add(context);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  const seen = { requests: [], errors: [] };
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && seen.errors.push(m.text()));
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  await page.goto(host.origin + '/', { waitUntil: 'load' });
  const frameElement = await page.waitForSelector('iframe[data-retention-calculator]');
  const frame = await frameElement.contentFrame();
  return { page, frame, frameElement, seen };
}

/** The embed code the app's panel gives for `widget`, with the page in `query`'s settings. */
async function embedCode(query, widget) {
  const p = await app.open({ query });
  await p.page.click('[data-testid=embed-code-button]');
  await p.page.selectOption('[data-testid=embed-widget]', widget);
  const code = await p.page.inputValue('[data-testid=embed-code]');
  // The preview on the app's page is the same sandboxed frame, working.
  const preview = await p.page.waitForSelector('[data-testid=embed-preview]');
  assert.equal(await preview.getAttribute('sandbox'), 'allow-scripts allow-downloads');
  assert.ok((await preview.getAttribute('src')).includes(`calculator=${widget}`));
  const inPreview = await preview.contentFrame();
  // (For a file, embed.html hands over to the whole app, which shows its file chooser.)
  await inPreview.waitForSelector(widget === 'file' ? '[data-testid=status][data-state=idle]' : `main.embed[data-embed=${widget}]`);
  p.assertClean();
  return code;
}

/** The frame's height as its host set it from the widget's messages, and the content's. */
async function heights(post) {
  await post.page.waitForFunction(() => document.querySelector('iframe[data-retention-calculator]').style.height !== '');
  const set = await post.frameElement.evaluate((f) => f.getBoundingClientRect().height);
  const content = await post.frame.evaluate(() => document.documentElement.getBoundingClientRect().height);
  return { set, content };
}

test('the calculator widget is within its size budget: under 150 KB gzipped', () => {
  const bytes = fs.readFileSync(path.join(DIST, 'embed.html'));
  const gzipped = zlib.gzipSync(bytes, { level: 9 }).length;
  console.log(`embed.html: ${bytes.length} bytes, ${gzipped} gzipped`);
  assert.ok(gzipped < 150_000, `${gzipped} bytes gzipped`);
  // It is the whole widget: nothing else is fetched (see below), no file sits beside it.
  assert.ok(!fs.readdirSync(DIST).some((f) => /^embed.*\.(js|wasm)$/.test(f)), 'no separate widget files');
});

test('the CRR calculator in Dutch on a blog: sandboxed, sized by its messages, nothing fetched', async () => {
  const code = await embedCode('?language=nl', 'crr');
  assert.match(code, /sandbox="allow-scripts allow-downloads"/);
  assert.match(code, /embed\.html\?calculator=crr&amp;language=nl&amp;currency=EUR/);
  const post = await blogPost(code);
  const { frame } = post;
  await frame.waitForSelector('main.embed[data-embed=crr]');
  assert.equal(await frame.evaluate(() => document.documentElement.lang), 'nl');
  await frame.fill('[data-testid=manual-s]', '1.200');
  await frame.fill('[data-testid=manual-e]', '1.150');
  await frame.fill('[data-testid=manual-n]', '190');
  // (1150 − 190) / 1200 × 100 = 80; churn 20.
  const crr = await frame.waitForSelector('[data-metric=crr][data-source=manual][data-value="80"]');
  assert.equal((await crr.textContent()).trim(), '80,0%');
  assert.equal(await frame.getAttribute('[data-metric=churn_rate][data-source=manual]', 'data-value'), '20');
  // The frame is as tall as the widget (it posted its height), not the snippet's 420 px.
  const { set, content } = await heights(post);
  assert.ok(Math.abs(set - content) <= 1, `frame ${set} px, content ${content} px`);
  // The frame's document has an opaque origin (sandbox without allow-same-origin).
  assert.equal(await frame.evaluate(() => self.origin), 'null');
  // One request into the app's server: the page itself. Nothing to anywhere else.
  const toApp = post.seen.requests.filter((u) => u.startsWith(app.origin));
  assert.equal(toApp.length, 1, toApp.join('\n'));
  assert.match(toApp[0], /\/embed\.html\?calculator=crr/);
  const elsewhere = post.seen.requests.filter((u) => !u.startsWith(app.origin) && !u.startsWith(host.origin));
  assert.deepEqual(elsewhere, []);
  assert.deepEqual(post.seen.errors, [], 'no console or page error (a CSP violation is one)');
});

test('the cost calculator in German with dollars, and every other widget, in the sandbox', async () => {
  const code = await embedCode('?language=de&currency=USD', 'ltv-cac');
  const post = await blogPost(code);
  const { frame } = post;
  await frame.waitForSelector('main.embed[data-embed=ltv-cac]');
  const typeIn = [['cost-acquisition', '10000'], ['cost-new', '50'], ['cost-retention', '3000'],
    ['cost-retained', '300'], ['cost-clv', '1100'], ['cost-monthly', '25']];
  for (const [id, v] of typeIn) await frame.fill(`[data-testid=${id}]`, v);
  // CAC 10000 / 50 = 200; kept 3000 / 300 = 10; ratio 20; LTV:CAC 1100 / 200 = 5.5; payback 200 / 25 = 8.
  const cac = await frame.waitForSelector('[data-metric=cac][data-source=manual][data-value="200"]');
  assert.equal((await cac.textContent()).trim(), '200,00\u00a0$');
  const value = (m) => frame.getAttribute(`[data-metric=${m}][data-source=manual]`, 'data-value');
  assert.equal(await value('cost_per_retained'), '10');
  assert.equal(await value('cost_ratio'), '20');
  assert.equal(await value('ltv_cac'), '5.5');
  assert.equal(await value('payback_months'), '8');
  assert.deepEqual(post.seen.errors, []);

  // The simple CLV: 1000 a year at the default 30% margin, r = 80%, d = 10%:
  // 300 × 1.1 / (1.1 − 0.8) = 1100.
  await frame.goto(`${app.origin}/embed.html?calculator=clv&language=en&currency=GBP`);
  await frame.fill('[data-testid=simple-revenue]', '1000');
  await frame.fill('[data-testid=simple-retention]', '80');
  const clv = await frame.waitForSelector('[data-metric=simple_clv][data-source=manual]');
  assert.equal(Number(await clv.getAttribute('data-value')).toFixed(9), '1100.000000000');
  assert.equal((await clv.textContent()).trim(), '£1,100.00');
  for (const widget of ['churn', 'cost']) {
    await frame.goto(`${app.origin}/embed.html?calculator=${widget}&language=en`);
    await frame.waitForSelector(`main.embed[data-embed=${widget}]`);
  }
  await frame.goto(`${app.origin}/embed.html?calculator=nps&language=en`);
  assert.match(await frame.textContent('[data-testid=embed-error]'), /no calculator “nps”/);
  assert.deepEqual(post.seen.errors, []);
});

const LOG = 'customer,date,amount\nA,2024-01-05,10\nB,2024-01-20,20\nA,2024-02-10,15\nC,2024-02-12,30\nB,2024-03-01,25\nD,2024-03-15,10\n';

test('the drop-a-file widget: the whole app, embedded, in the sandbox', async () => {
  const code = await embedCode('?language=en', 'file');
  const post = await blogPost(code);
  const { frame, frameElement } = post;
  // embed.html hands over to the whole app in one file, embedded.
  await frame.waitForURL(/retention-calculator\.html\?embed=1&calculator=file/);
  await frame.waitForSelector('[data-testid=status][data-state=idle]');
  assert.equal(await frame.$('.site-header'), null, 'no page header in the embed');
  await dropFiles(frame, [{ name: 'orders.csv', bytes: [...Buffer.from(LOG)] }]);
  await frame.waitForSelector(READY, { timeout: WAIT });
  // March: S = customers active in the 90 days before 1 March = A, B, C; E = active in the
  // 90 days to 31 March = A, B, C, D; N = D. CRR = (4 − 1) / 3 × 100 = 100.
  assert.equal(await frame.getAttribute('[data-metric=crr][data-period="2024-03"]', 'data-value'), '100');
  const { set, content } = await heights(post);
  assert.ok(set > 800 && Math.abs(set - content) <= 1, `frame ${set} px, content ${content} px`);
  assert.ok((await frameElement.getAttribute('sandbox')) === 'allow-scripts allow-downloads');
  const elsewhere = post.seen.requests.filter((u) => !u.startsWith(app.origin) && !u.startsWith(host.origin)
    && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(elsewhere, []);
  assert.deepEqual(post.seen.errors, []);
});

test('a snapshot link embedded: its figures, read-only, in the sandbox', async () => {
  const p = await app.open({ query: '?language=en' });
  await dropFiles(p.page, [{ name: 'orders.csv', bytes: [...Buffer.from(LOG)] }]);
  await p.page.waitForSelector(READY, { timeout: WAIT });
  await p.page.click('[data-testid=share]');
  const code = await p.page.inputValue('[data-testid=snapshot-embed-code]');
  assert.match(code, /embed\.html\?language=en&amp;currency=EUR#snapshot=/);
  const crr = await p.page.getAttribute('[data-metric=crr][data-period="2024-03"]', 'data-value');
  p.assertClean();
  const post = await blogPost(code);
  await post.frame.waitForSelector('[data-testid=snapshot-banner]');
  assert.equal(await post.frame.getAttribute('[data-metric=crr][data-period="2024-03"]', 'data-value'), crr);
  assert.ok(!(await post.frame.content()).includes('>A<'), 'no customer id');
  assert.deepEqual(post.seen.errors, []);
});
