// Reading marketers' files: encodings, delimiters, number and date styles, pasted
// cells, skipped rows, the day/month question, the column panel, other kinds of file,
// progress and cancel of a large file, a spreadsheet instead of a CSV.
//
// Every expected figure is worked out by hand below from the fixture rows in
// tests/fixtures/ingest/ (the arithmetic is in the comments and in the code), never
// read back from the page. Definitions: /work/shared/METRICS.md ("Totals").

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, dropFiles, READY, ERROR_STATE, WAIT } from './harness.mjs';
import {
  ingestBytes,
  ingestPath,
  fileResult,
  panel,
  watchStatus,
  statusMark,
  waitForLoad,
  assertFigures,
  rowErrors,
} from './ingest-helpers.mjs';

const app = useApp();

/** Opens the app, waits until the page has stopped loading, and returns a request mark. */
async function openQuiet(options) {
  const p = await app.open(options);
  await p.page.waitForLoadState('networkidle', { timeout: WAIT });
  await watchStatus(p.page);
  return { p, page: p.page, mark: p.requests.length };
}

async function dropIngest(page, ...names) {
  await dropFiles(page, names.map((name) => ({ name, bytes: ingestBytes(name) })));
}

function assertNoRequests(p, mark, what) {
  assert.deepEqual(p.requests.slice(mark), [], `no network request ${what}`);
}

// ---------------------------------------------------------------------------------
// 1. Windows-1252, ';', Dutch headers, decimal commas, € amounts, dd-mm-yyyy, CRLF.
// ---------------------------------------------------------------------------------
const NL = 'orders_nl_cp1252.csv';

test('Windows-1252 ";" Dutch log with € 1.234,56 amounts: all totals by hand', async () => {
  const { p, page, mark } = await openQuiet();
  await dropIngest(page, NL);
  await page.waitForSelector(READY, { timeout: WAIT });

  const scope = fileResult(NL);
  assert.equal(await page.locator(scope).count(), 1, 'one transaction-log section for the file');

  // Rows (12 customers K01..K12):
  //   K01: 15-01 € 1.234,56 ; 20-02 € 1.000,00           -> 2 purchases, 2 dates, 2234.56
  //   K02: 15-01 € 500,00 ; 15-01 250,00 ; 21-02 -700,00 -> 2 purchases, 1 date, 750 - 700 = 50
  //   K03: 16-01 100,00 ; 13-02 50,00 ; 23-02 -20,00     -> 2 purchases, 2 dates, 150 - 20 = 130
  //   K04: 16-01 20,00 ; 14-02 20,00                     -> 2 purchases, 2 dates, 40
  //   K05..K12: one purchase of 10,00 each               -> 8 purchases, 80
  const customers = 12;
  const purchases = 2 + 2 + 2 + 2 + 8; // 16 purchase rows; the 2 refunds are not purchases
  const purchaseAmounts = 1234.56 + 1000 + 500 + 250 + 100 + 50 + 20 + 20 + 8 * 10; // 3254.56
  const refunds = -700 - 20; // -720
  const revenue = purchaseAmounts + refunds; // 2534.56
  // Top ceil(10% x 12) = 2 customers by revenue incl. refunds: K01 2234.56 and K03 130
  // (K02 has 750 of purchases but only 50 after its refund).
  const top2 = 2234.56 + 130; // 2364.56
  await assertFigures(page, scope, {
    customers_total: customers,
    transactions_total: purchases,
    revenue_total: revenue,
    aov: purchaseAmounts / purchases, // 3254.56 / 16 = 203.41
    purchase_frequency: purchases / customers, // 16 / 12 = 1.333...
    repeat_rate: (3 / 12) * 100, // K01, K03, K04 bought on 2 dates: 25
    top10_revenue_share: (top2 / revenue) * 100, // 2364.56 / 2534.56 x 100 = 93.29...
  });
  assert.equal(await page.getAttribute('[data-metric=rows_skipped]', 'data-value'), '0');
  assert.equal(await page.locator('[data-testid=error]').count(), 0);

  // How it was read, as the column panel shows it.
  const pn = panel(NL);
  assert.equal(await page.inputValue(`${pn} [data-testid=kind-select]`), 'transactions');
  assert.equal(await page.inputValue(`${pn} [data-testid=encoding-select]`), 'Windows-1252');
  assert.equal(await page.inputValue(`${pn} [data-testid=delimiter-select]`), ';');
  assert.equal(await page.inputValue(`${pn} [data-testid=header-select]`), 'yes');
  assert.equal(await page.inputValue(`${pn} [data-testid=decimal-select]`), 'comma');
  assert.equal(await page.inputValue(`${pn} [data-testid=date-order]`), 'dmy');
  assert.equal(await page.inputValue(`${pn} [data-role=customer]`), '0');
  assert.equal(await page.inputValue(`${pn} [data-role=date]`), '1');
  assert.equal(await page.inputValue(`${pn} [data-role=amount]`), '2');
  // The 0xE9 and 0x80 bytes decoded as é and € (in the preview of the first rows).
  const preview = await page.textContent(`${pn} table.preview`);
  assert.ok(preview.includes('café'), `preview shows café: ${preview}`);
  assert.ok(preview.includes('€-actie'), `preview shows €-actie: ${preview}`);
  assert.match(await page.textContent(`${scope} .file-summary`), /Windows-1252/);

  assertNoRequests(p, mark, 'while reading the file');
  p.assertClean();
});

// ---------------------------------------------------------------------------------
// 2. UTF-16 LE with BOM, tab-separated (Excel "Unicode text"), ISO dates with times.
// ---------------------------------------------------------------------------------
const U16 = 'orders_en_utf16le.txt';

test('UTF-16 LE (BOM) tab-separated English log: all totals by hand', async () => {
  const { p, page, mark } = await openQuiet();
  await page.setInputFiles('[data-testid=file-input]', ingestPath(U16));
  await page.waitForSelector(READY, { timeout: WAIT });

  const scope = fileResult(U16);
  assert.equal(await page.locator(scope).count(), 1);
  // Rows (10 customers C1..C10):
  //   C1: 2024-03-01 09:15 200.00 ; 2024-03-01 17:40 100.00 -> 2 purchases, 1 date, 300
  //   C2: 03-02 50.00 ; 03-09 50.00                         -> 2 purchases, 2 dates, 100
  //   C3: 03-03 40.00 ; 03-10 -40.00 (refund)              -> 1 purchase, 1 date, 0
  //   C4: 03-04 30.00                                       -> 1 purchase, 30
  //   C5..C9: 20.00 each                                    -> 5 purchases, 100
  //   C10: 03-07 20.00 ; 03-20 0.00 (amount 0 is a purchase) -> 2 purchases, 2 dates, 20
  const customers = 10;
  const purchases = 2 + 2 + 1 + 1 + 5 + 2; // 13
  const purchaseAmounts = 300 + 100 + 40 + 30 + 5 * 20 + 20 + 0; // 590
  const revenue = purchaseAmounts - 40; // 550
  await assertFigures(page, scope, {
    customers_total: customers,
    transactions_total: purchases,
    revenue_total: revenue,
    aov: purchaseAmounts / purchases, // 590 / 13 = 45.38...
    purchase_frequency: purchases / customers, // 1.3
    repeat_rate: (2 / 10) * 100, // C2 and C10: 20 (C1's two orders are on one day)
    top10_revenue_share: (300 / revenue) * 100, // ceil(1.0) = 1 customer, C1: 300 / 550 x 100
  });
  assert.equal(await page.getAttribute('[data-metric=rows_skipped]', 'data-value'), '0');

  const pn = panel(U16);
  assert.equal(await page.inputValue(`${pn} [data-testid=encoding-select]`), 'UTF-16 LE');
  assert.equal(await page.inputValue(`${pn} [data-testid=delimiter-select]`), 'tab');
  assert.equal(await page.inputValue(`${pn} [data-testid=date-order]`), 'ymd');
  const preview = await page.textContent(`${pn} table.preview`);
  for (const city of ['Zürich', 'Łódź', '東京 🙂', 'Zoë’s town']) {
    assert.ok(preview.includes(city), `preview shows ${city}: ${preview}`);
  }
  // The header cell is not "\uFEFFCustomer ID": the BOM is not part of the text.
  const firstHeader = await page.textContent(`${pn} table.preview thead th`);
  assert.equal(firstHeader.trim(), '1 · Customer ID');

  assertNoRequests(p, mark, 'while reading the file');
  p.assertClean();
});

// ---------------------------------------------------------------------------------
// 3. UTF-8 with BOM, ',', mm/dd/yyyy (a day > 12 settles it), "1,234.56" amounts.
// ---------------------------------------------------------------------------------
const US = 'orders_us_utf8bom.csv';

test('UTF-8 (BOM) "," log with mm/dd/yyyy dates and 1,234.56 amounts: all totals by hand', async () => {
  const { p, page, mark } = await openQuiet();
  await dropIngest(page, US);
  await page.waitForSelector(READY, { timeout: WAIT });

  const scope = fileResult(US);
  // Rows (11 customers a..k):
  //   a: 01/15/2024 "1,234.56" ; 02/03/2024 "2,000.00" -> 2 purchases, 2 dates, 3234.56
  //   b: 01/02/2024 "1,500.00" ; 01/20/2024 -500.00    -> 1 purchase, 1000
  //   c: 01/05/2024 300.00 ; 03/05/2024 300.00         -> 2 purchases, 2 dates, 600
  //   d..k: 8 x 25.00 (d as $25.00), 12/13..12/20/2023 -> 8 purchases, 200
  const customers = 11;
  const purchases = 2 + 1 + 2 + 8; // 13
  const purchaseAmounts = 1234.56 + 2000 + 1500 + 300 + 300 + 8 * 25; // 5534.56
  const revenue = purchaseAmounts - 500; // 5034.56
  // ceil(10% x 11) = 2 customers: a 3234.56 and b 1000.
  await assertFigures(page, scope, {
    customers_total: customers,
    transactions_total: purchases,
    revenue_total: revenue,
    aov: purchaseAmounts / purchases, // 5534.56 / 13
    purchase_frequency: purchases / customers, // 13 / 11
    repeat_rate: (2 / 11) * 100, // a and c
    top10_revenue_share: ((3234.56 + 1000) / revenue) * 100, // 4234.56 / 5034.56 x 100
  });
  assert.equal(await page.getAttribute('[data-metric=rows_skipped]', 'data-value'), '0');
  const pn = panel(US);
  assert.equal(await page.inputValue(`${pn} [data-testid=encoding-select]`), 'UTF-8 (BOM)');
  assert.equal(await page.inputValue(`${pn} [data-testid=delimiter-select]`), ',');
  assert.equal(await page.inputValue(`${pn} [data-testid=decimal-select]`), 'point');
  assert.equal(await page.inputValue(`${pn} [data-testid=date-order]`), 'mdy');
  assert.equal(await page.inputValue(`${pn} [data-role=amount]`), '2');

  assertNoRequests(p, mark, 'while reading the file');
  p.assertClean();
});

// ---------------------------------------------------------------------------------
// 4. Cells pasted from Excel (tab-separated, CRLF, Dutch decimal commas).
// ---------------------------------------------------------------------------------
test('pasted Excel cells (tabs, decimal commas) become pasted.tsv with totals by hand', async () => {
  const { p, page, mark } = await openQuiet();
  const pasted =
    'Klant\tDatum\tOmzet\r\n' +
    'P1\t2024-05-02\t12,50\r\n' +
    'P2\t2024-05-02\t20,00\r\n' +
    'P1\t2024-05-03\t7,50\r\n' +
    'P3\t2024-05-04\t5,00\r\n' +
    'P3\t2024-05-04\t5,00\r\n' +
    'P2\t2024-05-07\t-5,00\r\n';
  await page.click('details.paste > summary');
  await page.fill('[data-testid=paste-input]', pasted);
  await page.click('[data-testid=paste-load]');
  await page.waitForSelector(READY, { timeout: WAIT });

  const scope = fileResult('pasted.tsv');
  assert.equal(await page.locator(scope).count(), 1, 'a section for pasted.tsv');
  // P1: 12.50 + 7.50 on 2 dates = 20; P2: 20.00 - 5.00 (refund) = 15; P3: 5 + 5 on one date = 10.
  const purchaseAmounts = 12.5 + 7.5 + 20 + 5 + 5; // 50
  await assertFigures(page, scope, {
    customers_total: 3,
    transactions_total: 5,
    revenue_total: purchaseAmounts - 5, // 45
    aov: purchaseAmounts / 5, // 10
    purchase_frequency: 5 / 3,
    repeat_rate: (1 / 3) * 100, // P1 only
    top10_revenue_share: (20 / 45) * 100, // ceil(0.3) = 1 customer: P1 with 20 of 45
  });
  assert.equal(await page.inputValue(`${panel('pasted.tsv')} [data-testid=delimiter-select]`), 'tab');
  assertNoRequests(p, mark, 'while reading pasted cells');
  p.assertClean();
});

// ---------------------------------------------------------------------------------
// 5. Skipped rows, in English and in Dutch.
// ---------------------------------------------------------------------------------
const BAD = 'orders_bad_rows.csv';

test('bad rows: each skipped with its line and a reason naming the value, in English and Dutch', async () => {
  const { p, page, mark } = await openQuiet();
  await dropIngest(page, BAD);
  await page.waitForSelector(READY, { timeout: WAIT });

  // Lines 3-7 are bad; lines 2 (A 10.00) and 8 (F 7.50) are used.
  assert.equal(await page.getAttribute('[data-metric=rows_skipped]', 'data-value'), '5');
  await assertFigures(page, fileResult(BAD), {
    customers_total: 2, // A and F: skipped rows leave no customer behind
    transactions_total: 2,
    revenue_total: 10 + 7.5,
    aov: 17.5 / 2,
    purchase_frequency: 1,
    repeat_rate: 0,
    top10_revenue_share: (10 / 17.5) * 100, // ceil(0.2) = 1 customer: A
  });

  const en = await rowErrors(page);
  assert.deepEqual(en.map((e) => e.line), ['3', '4', '5', '6', '7']);
  const [d, n, c, f, o] = en.map((e) => e.text);
  assert.match(d, /^Line 3, column 2 \(date\)/);
  assert.ok(d.includes("date '31-02-2024' does not exist"), d);
  assert.match(n, /^Line 4, column 3 \(amount\)/);
  assert.ok(n.includes("'abc' is not a number"), n);
  assert.match(c, /^Line 5, column 1 \(customer\)/);
  assert.ok(c.includes('the cell is empty'), c);
  assert.match(f, /^Line 6/);
  assert.ok(f.includes('the row has 2 fields, 3 are needed'), f);
  assert.match(o, /^Line 7, column 2 \(date\)/);
  assert.ok(o.includes("'2024-03-19' is not a date like the others"), o);

  // Dutch: the list follows the language at once, and after reading the file again.
  await page.selectOption('select[data-setting=language]', 'nl');
  await page.waitForFunction(() => document.documentElement.lang === 'nl', null, { timeout: WAIT });
  const check = async (when) => {
    const nl = await rowErrors(page);
    assert.deepEqual(nl.map((e) => e.line), ['3', '4', '5', '6', '7'], when);
    assert.match(nl[0].text, /^Regel 3, kolom 2 \(date\)/, when);
    assert.ok(nl[0].text.includes("datum '31-02-2024' bestaat niet"), `${when}: ${nl[0].text}`);
    assert.ok(nl[1].text.includes("'abc' is geen getal"), `${when}: ${nl[1].text}`);
    assert.ok(nl[2].text.includes('de cel is leeg'), `${when}: ${nl[2].text}`);
    assert.ok(nl[3].text.includes('de rij heeft 2 velden, er zijn er 3 nodig'), `${when}: ${nl[3].text}`);
    assert.ok(nl[4].text.includes("'2024-03-19' is geen datum"), `${when}: ${nl[4].text}`);
  };
  await check('after switching to nl');
  const m = await statusMark(page);
  await dropIngest(page, BAD);
  assert.equal(await waitForLoad(page, m), 'ready');
  await check('after reading the file again in nl');
  assert.equal(await page.getAttribute('[data-metric=rows_skipped]', 'data-value'), '5');

  assertNoRequests(p, mark, 'while reading the files');
  p.assertClean();
});

// ---------------------------------------------------------------------------------
// 6. Day-month or month-day? Asked, answered, remembered.
// ---------------------------------------------------------------------------------
const AMB = 'orders_ambiguous.csv';

test('ambiguous dates (all parts <= 12): asked, read day-first, remembered after a reload', async () => {
  const { p, page } = await openQuiet();
  await dropIngest(page, AMB);
  await page.waitForSelector(ERROR_STATE, { timeout: WAIT });

  const err = await page.textContent('[data-testid=error]');
  assert.ok(err.includes(AMB), `error names the file: ${err}`);
  assert.match(err, /day-month or month-day/);
  assert.equal(await page.locator(fileResult(AMB)).count(), 0, 'no figures from an unread file');
  const pn = panel(AMB);
  assert.equal(await page.locator(pn).count(), 1, 'a column panel for the file');
  assert.ok(await page.$eval(pn, (d) => d.open), 'the panel is open');
  assert.equal(await page.inputValue(`${pn} [data-testid=date-order]`), '', 'no order chosen for the user');
  const options = await page.$$eval(`${pn} [data-testid=date-order] option:not([disabled])`, (os) =>
    os.map((o) => o.value),
  );
  assert.deepEqual(options.slice().sort(), ['dmy', 'mdy']);

  const m = await statusMark(page);
  await page.selectOption(`${pn} [data-testid=date-order]`, 'dmy');
  await page.click(`${pn} [data-testid=apply-columns]`);
  assert.equal(await waitForLoad(page, m), 'ready');
  assert.equal(await page.locator('[data-testid=error]').count(), 0, 'the question is gone');

  // A: 03/04 10.00 and 04/03 20.00 (two dates either way); B: 05/06 30.00 + 5.00 (one
  // date); C: 01/02 40.00. With every part <= 12 the two readings give the same
  // distinct dates, so these totals are those of either order (see the next test for
  // a file where the order changes them).
  const expected = {
    customers_total: 3,
    transactions_total: 5,
    revenue_total: 10 + 20 + 30 + 5 + 40, // 105
    aov: 105 / 5, // 21
    purchase_frequency: 5 / 3,
    repeat_rate: (1 / 3) * 100, // A
    top10_revenue_share: (40 / 105) * 100, // ceil(0.3) = 1: C with 40 (A 30, B 35)
  };
  await assertFigures(page, fileResult(AMB), expected);
  assert.equal(await page.inputValue(`${pn} [data-testid=date-order]`), 'dmy');

  // Same browser (localStorage kept), page reloaded, same file dropped: read at once.
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('[data-testid=status][data-state=idle]', { timeout: WAIT });
  await page.waitForLoadState('networkidle', { timeout: WAIT });
  await watchStatus(page);
  const mark2 = p.requests.length;
  const m2 = await statusMark(page);
  await dropIngest(page, AMB);
  assert.equal(await waitForLoad(page, m2), 'ready');
  const states = await page.evaluate(() => window.__seen.map(([s]) => s));
  assert.ok(!states.includes('error'), `no question this time: ${states}`);
  assert.equal(await page.locator('[data-testid=error]').count(), 0);
  await assertFigures(page, fileResult(AMB), expected);
  assert.equal(await page.inputValue(`${pn} [data-testid=date-order]`), 'dmy');
  assert.equal(await page.$eval(pn, (d) => d.open), false, 'the panel stays closed');

  assertNoRequests(p, mark2, 'while reading the file after the reload');
  p.assertClean();
});

test('a remembered day-month choice is not forced on a same-header file whose dates prove month-first', async () => {
  const { p, page, mark } = await openQuiet();
  // Answer the question once for orders_ambiguous.csv (header customer,date,amount).
  await dropIngest(page, AMB);
  await page.waitForSelector(ERROR_STATE, { timeout: WAIT });
  let m = await statusMark(page);
  await page.selectOption(`${panel(AMB)} [data-testid=date-order]`, 'dmy');
  await page.click(`${panel(AMB)} [data-testid=apply-columns]`);
  assert.equal(await waitForLoad(page, m), 'ready');

  // The next export has the same header, but 01/15, 01/20 and 02/13 can only be
  // month-first (there is no month 15, 20 or 13): the column settles itself.
  const US2 = 'orders_same_header_mdy.csv';
  m = await statusMark(page);
  await dropIngest(page, US2);
  assert.equal(await waitForLoad(page, m), 'ready');
  const errs = await rowErrors(page);
  assert.equal(
    await page.getAttribute('[data-metric=rows_skipped]', 'data-value'),
    '0',
    `no row skipped; skipped: ${errs.map((e) => e.text).join(' | ')}`,
  );
  assert.equal(await page.inputValue(`${panel(US2)} [data-testid=date-order]`), 'mdy');
  // A: 10.00 on Jan 15 and 5.00 on Jan 20 (2 dates); B: 1.00 on Feb 13.
  await assertFigures(page, fileResult(US2), {
    customers_total: 2,
    transactions_total: 3,
    revenue_total: 16,
    aov: 16 / 3,
    purchase_frequency: 1.5,
    repeat_rate: 50,
    top10_revenue_share: (15 / 16) * 100, // ceil(0.2) = 1: A with 15 of 16
  });
  assertNoRequests(p, mark, 'while reading the files');
  p.assertClean();
});

const TIE = 'orders_ambiguous_tie.csv';

test('ambiguous by a tie (2 values prove day-first, 2 month-first): day-first reading used', async () => {
  const { p, page, mark } = await openQuiet();
  await dropIngest(page, TIE);
  await page.waitForSelector(ERROR_STATE, { timeout: WAIT });
  const pn = panel(TIE);
  assert.equal(await page.inputValue(`${pn} [data-testid=date-order]`), '');

  const m = await statusMark(page);
  await page.selectOption(`${pn} [data-testid=date-order]`, 'dmy');
  await page.click(`${pn} [data-testid=apply-columns]`);
  assert.equal(await waitForLoad(page, m), 'ready');

  // Day-first: 01/25/2024 (line 5) and 01/26/2024 (line 6) have month 25 and 26: skipped.
  //   A: 5 Jan, 25 Jan -> 2 dates; B: 5 Jan only; C: 5 Jan, 6 Jan -> 2 dates; D: 26 Jan.
  //   4 customers, 6 purchases of 10.00, repeat 2 / 4 = 50%.
  // (Month-first would give 3 customers, repeat 2 / 3, and skip lines 3 and 9.)
  await assertFigures(page, fileResult(TIE), {
    customers_total: 4,
    transactions_total: 6,
    revenue_total: 60,
    aov: 10,
    purchase_frequency: 6 / 4,
    repeat_rate: 50,
    top10_revenue_share: (20 / 60) * 100, // ceil(0.4) = 1: A or C with 20
  });
  assert.equal(await page.getAttribute('[data-metric=rows_skipped]', 'data-value'), '2');
  const errs = await rowErrors(page);
  assert.deepEqual(errs.map((e) => e.line), ['5', '6']);
  assert.ok(errs[0].text.includes("date '01/25/2024' does not exist"), errs[0].text);
  assertNoRequests(p, mark, 'while reading the file');
  p.assertClean();
});

// ---------------------------------------------------------------------------------
// 7. The column panel: an unusual amount header, then another column chosen.
// ---------------------------------------------------------------------------------
const NETTO = 'orders_netto.csv';

test('column panel: "Netto prijs excl" found as the amount; choosing "Incl. btw" changes the figures', async () => {
  const { p, page, mark } = await openQuiet();
  await dropIngest(page, NETTO);
  await page.waitForSelector(READY, { timeout: WAIT });

  const pn = panel(NETTO);
  assert.equal(await page.$eval(pn, (d) => d.open), false, 'a file read without question: panel closed');
  await page.click(`${pn} > summary`); // open it, as a user does
  assert.ok(await page.$eval(pn, (d) => d.open));
  assert.equal(await page.inputValue(`${pn} [data-testid=kind-select]`), 'transactions');
  assert.equal(await page.inputValue(`${pn} [data-testid=delimiter-select]`), ';');
  assert.equal(await page.inputValue(`${pn} [data-testid=header-select]`), 'yes');
  assert.equal(await page.inputValue(`${pn} [data-testid=decimal-select]`), 'comma');
  assert.equal(await page.inputValue(`${pn} [data-testid=date-order]`), 'dmy');
  assert.equal(await page.inputValue(`${pn} [data-role=customer]`), '0');
  assert.equal(await page.inputValue(`${pn} [data-role=date]`), '1');
  assert.equal(await page.inputValue(`${pn} [data-role=amount]`), '2', 'Netto prijs excl is the amount');

  // Excl.: K1 100 + 200 (2 dates) = 300; K2 50; K3 10 - 10 (refund) = 0.
  const scope = fileResult(NETTO);
  await assertFigures(page, scope, {
    customers_total: 3,
    transactions_total: 4,
    revenue_total: 100 + 200 + 50 + 10 - 10, // 350
    aov: (100 + 200 + 50 + 10) / 4, // 90
    purchase_frequency: 4 / 3,
    repeat_rate: (1 / 3) * 100, // K1
    top10_revenue_share: (300 / 350) * 100, // ceil(0.3) = 1: K1
  });

  const m = await statusMark(page);
  await page.selectOption(`${pn} [data-role=amount]`, '3');
  await page.click(`${pn} [data-testid=apply-columns]`);
  assert.equal(await waitForLoad(page, m), 'ready');
  assert.equal(await page.inputValue(`${pn} [data-role=amount]`), '3');

  // Incl.: K1 121 + 242 = 363; K2 60.50; K3 12.10 - 12.10 = 0.
  const inclPurchases = 121 + 242 + 60.5 + 12.1; // 435.6
  const inclRevenue = inclPurchases - 12.1; // 423.5
  await assertFigures(page, scope, {
    customers_total: 3,
    transactions_total: 4,
    revenue_total: inclRevenue,
    aov: inclPurchases / 4, // 108.9
    purchase_frequency: 4 / 3,
    repeat_rate: (1 / 3) * 100,
    top10_revenue_share: (363 / inclRevenue) * 100,
  });
  assertNoRequests(p, mark, 'while reading and re-reading the file');
  p.assertClean();
});

// ---------------------------------------------------------------------------------
// 8. Other kinds: a customer summary and a survey, dropped together.
// ---------------------------------------------------------------------------------
test('customer summary and survey files: customers_total, means and NPS by hand', async () => {
  const { p, page, mark } = await openQuiet();
  await dropIngest(page, 'customer_summary.csv', 'survey.csv');
  await page.waitForSelector(READY, { timeout: WAIT });

  const summary = fileResult('customer_summary.csv', 'customer_summary');
  assert.equal(await page.locator(summary).count(), 1);
  // Customers 1..4: frequency 2, 0, 5, 1; recency 30.5, 0, 35, 10; T 38.5, 38.5, 38, 20.
  await assertFigures(page, summary, {
    customers_total: 4,
    mean_frequency: (2 + 0 + 5 + 1) / 4, // 2
    mean_recency: (30.5 + 0 + 35 + 10) / 4, // 18.875
    mean_T: (38.5 + 38.5 + 38 + 20) / 4, // 33.75
  });

  const survey = fileResult('survey.csv', 'survey');
  assert.equal(await page.locator(survey).count(), 1);
  // Scores 10, 9, 9, 10, 9 (5 promoters), 8, 7 (2 passives), 6, 3, 0 (3 detractors).
  // NPS = 5/10 x 100 - 3/10 x 100 = 50 - 30 = 20.
  await assertFigures(page, survey, { responses: 10, promoters: 5, passives: 2, detractors: 3, nps: 20 });
  assert.equal(await page.getAttribute('[data-metric=rows_skipped]', 'data-value'), '0');
  assertNoRequests(p, mark, 'while reading the files');
  p.assertClean();
});

// ---------------------------------------------------------------------------------
// 9. A large file: progress, cancel, no request.
// ---------------------------------------------------------------------------------

/**
 * Makes a ~60 MB transaction log in the page (Playwright refuses setInputFiles
 * buffers over 50 MB) and keeps it as `window.__big`. Every block of 10,000 rows has
 * its own customer ids: C<block>-<row>.
 */
async function makeBigFile(page, megabytes = 60) {
  return page.evaluate((megabytes) => {
    const parts = ['customer,date,amount,channel\n'];
    let size = parts[0].length;
    for (let block = 0; size < megabytes * 1e6; block++) {
      const rows = [];
      for (let i = 0; i < 10000; i++) {
        const day = String(1 + (i % 28)).padStart(2, '0');
        rows.push(`C${block}-${i},2024-01-${day},${(i % 50) + 0.5},web\n`);
      }
      const text = rows.join('');
      parts.push(text);
      size += text.length;
    }
    window.__big = new File(parts, 'big.csv', { type: 'text/csv' });
    return window.__big.size;
  }, megabytes);
}

/** Drops `window.__big` on the drop zone. */
async function dropBig(page) {
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(window.__big);
    const zone = document.querySelector('[data-testid=drop-zone]');
    const init = { bubbles: true, cancelable: true, composed: true, dataTransfer: dt };
    zone.dispatchEvent(new DragEvent('dragenter', init));
    zone.dispatchEvent(new DragEvent('dragover', init));
    zone.dispatchEvent(new DragEvent('drop', init));
  });
}

/**
 * Presses the cancel button from inside the page as soon as `when` holds for the
 * (state, progress) the status shows, and records when it did (a click from the test
 * process could come after a fast read has finished).
 */
async function cancelWhen(page, when) {
  await page.evaluate((when) => {
    window.__cancelledAt = null;
    const firstWorking = { value: null };
    const check = () => {
      if (window.__cancelledAt !== null) return;
      const el = document.querySelector('[data-testid=status]');
      if (el?.getAttribute('data-state') !== 'working') return;
      const progress = Number(el.getAttribute('data-progress'));
      if (firstWorking.value === null) firstWorking.value = progress;
      const go = when === 'first-working' || (when === 'after-rise' && progress > firstWorking.value);
      const button = document.querySelector('[data-testid=cancel]');
      if (go && button) {
        window.__cancelledAt = progress;
        button.click();
      }
    };
    new MutationObserver(check).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-state', 'data-progress'],
    });
  }, when);
}

test('a ~60 MB file: progress 0..100 rises, cancel ends the load as cancelled, no request', { timeout: 180000 }, async () => {
  const { p, page } = await openQuiet();
  const size = await makeBigFile(page);
  assert.ok(size >= 55e6 && size <= 70e6, `~60 MB file (${size} bytes)`);
  await cancelWhen(page, 'after-rise');
  const mark = p.requests.length;

  await dropBig(page);
  await page.waitForSelector(ERROR_STATE, { timeout: 90000 });

  const seen = await page.evaluate(() => window.__seen);
  const working = seen.filter(([s]) => s === 'working').map(([, pr]) => pr);
  assert.ok(working.length >= 2, `progress seen while working: ${JSON.stringify(seen)}`);
  for (const pr of working) {
    assert.match(pr ?? '', /^\d{1,3}$/, `data-progress is a whole number: ${pr}`);
    assert.ok(Number(pr) >= 0 && Number(pr) <= 100, `data-progress ${pr} in 0..100`);
  }
  const values = working.map(Number);
  assert.ok(values.some((v, i) => i > 0 && v > values[i - 1]), `progress rose at least once: ${values}`);
  for (let i = 1; i < values.length; i++) assert.ok(values[i] >= values[i - 1], `progress never falls: ${values}`);
  for (const [s, pr] of seen) if (s !== 'working') assert.equal(pr, null, `no data-progress while ${s}`);

  const cancelledAt = await page.evaluate(() => window.__cancelledAt);
  assert.ok(cancelledAt !== null && cancelledAt < 100, `cancel was pressed mid-way (at ${cancelledAt}%)`);
  const err = await page.textContent('[data-testid=error]');
  assert.ok(err.includes('big.csv'), `error names the file: ${err}`);
  assert.match(err, /cancelled/i);
  assert.equal(await page.locator('[data-testid=cancel]').count(), 0, 'no cancel button once it ended');
  assert.equal(await page.locator('section.file-result').count(), 0, 'no figures of a cancelled file');
  assertNoRequests(p, mark, 'from the drop of the large file to the end of the load');

  // The page still reads files after a cancelled load.
  const m = await statusMark(page);
  await dropIngest(page, 'orders_bad_rows.csv');
  assert.equal(await waitForLoad(page, m), 'ready');
  assert.equal(await page.locator('[data-testid=error]').count(), 0);
  assert.equal(await page.getAttribute('[data-metric=rows_skipped]', 'data-value'), '5');
  assertNoRequests(p, mark, 'after the cancelled load either');
  p.assertClean();
});

/** Waits until the status is `ready` or `error` and returns it. */
async function loadEnded(page, timeout = 90000) {
  await page.waitForFunction(
    () => ['ready', 'error'].includes(document.querySelector('[data-testid=status]')?.getAttribute('data-state')),
    null,
    { timeout },
  );
  return page.getAttribute('[data-testid=status]', 'data-state');
}

/** What the page shows after a cancelled load; strict: it must say it was cancelled. */
async function assertCancelled(page, pattern) {
  const state = await page.getAttribute('[data-testid=status]', 'data-state');
  const figures = await page.$$eval('section.file-result [data-metric]', (els) =>
    els.map((e) => `${e.dataset.metric}=${e.dataset.value}`),
  );
  assert.equal(state, 'error', `status after cancel is error, not '${state}' (figures shown: ${figures.join(' ')})`);
  assert.deepEqual(figures, [], 'no figures of a cancelled file');
  const errors = await page.locator('[data-testid=error]').count();
  const statusText = (await page.textContent('[data-testid=status]')).trim();
  assert.equal(errors, 1, `an error message says the load was cancelled (none shown; status text: '${statusText}')`);
  assert.match(await page.textContent('[data-testid=error]'), pattern);
}

test('cancel pressed right after the drop (before the file is opened) ends the load as cancelled', { timeout: 180000 }, async () => {
  const { p, page } = await openQuiet({ query: '?language=nl' });
  await makeBigFile(page);
  await cancelWhen(page, 'first-working');
  const mark = p.requests.length;

  await dropBig(page);
  await loadEnded(page);
  assert.equal(await page.evaluate(() => window.__cancelledAt), 0, 'cancel was pressed at 0%');
  await assertCancelled(page, /afgebroken/);
  assertNoRequests(p, mark, 'from the drop to the end');
  p.assertClean();
});

test('cancel pressed while the start of the file is examined ends the load as cancelled', { timeout: 180000 }, async () => {
  const { p, page } = await openQuiet();
  await makeBigFile(page);
  // Times the click from the page's own messages to its worker: right after the page
  // asks the worker to look at the start of the file (the message is passed on as is).
  await page.evaluate(() => {
    window.__posted = [];
    const post = Worker.prototype.postMessage;
    let clicked = false;
    Worker.prototype.postMessage = function (message, ...rest) {
      const result = post.call(this, message, ...rest);
      // `{ request: { id, body } }`, the body an externally tagged enum: "Reset" or { Detect: … }.
      const body = message?.request?.body;
      const request = typeof body === 'string' ? body : Object.keys(body ?? {})[0] ?? '';
      window.__posted.push(request);
      if (!clicked && request === 'Detect') {
        clicked = true;
        setTimeout(() => {
          window.__clickedWhile = document.querySelector('[data-testid=status]')?.getAttribute('data-state');
          document.querySelector('[data-testid=cancel]')?.click();
        }, 0);
      }
      return result;
    };
  });
  const mark = p.requests.length;

  await dropBig(page);
  await loadEnded(page);
  assert.equal(await page.evaluate(() => window.__clickedWhile), 'working', 'cancel was pressed while working');
  await assertCancelled(page, /cancelled/i);
  assertNoRequests(p, mark, 'from the drop to the end');
  p.assertClean();
});

// ---------------------------------------------------------------------------------
// 10. Not text: an .xlsx workbook.
// ---------------------------------------------------------------------------------
test('an .xlsx workbook (PK\\x03\\x04) is refused with "save as CSV", in English and Dutch', async () => {
  const { p, page, mark } = await openQuiet();
  await dropIngest(page, 'orders.xlsx');
  await page.waitForSelector(ERROR_STATE, { timeout: WAIT });
  const err = await page.textContent('[data-testid=error]');
  assert.ok(err.includes('orders.xlsx'), `error names the file: ${err}`);
  assert.match(err, /not a text file/);
  assert.match(err, /Save the sheet as CSV/);
  assert.equal(await page.locator('section.file-result').count(), 0);
  assert.equal(await page.locator(panel('orders.xlsx')).count(), 0, 'no column panel for a binary file');

  await page.selectOption('select[data-setting=language]', 'nl');
  await page.waitForFunction(() => document.documentElement.lang === 'nl', null, { timeout: WAIT });
  assert.match(await page.textContent('[data-testid=error]'), /Sla het werkblad op als CSV/);
  assertNoRequests(p, mark, 'while reading the workbook');
  p.assertClean();
});
