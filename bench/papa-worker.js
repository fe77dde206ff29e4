// PapaParse (npm `papaparse`, the most used browser CSV parser) streaming a File in a
// dedicated worker, with the per-customer aggregation the app does while reading a
// transaction log, in plain JavaScript:
//   Map customer id -> { purchases, revenue, first day, last day, Set of purchase days }
// Rows with a negative amount are refunds: they lower revenue and are not purchases
// (as in the app). Dates are parsed to day numbers (yyyy-mm-dd), amounts with
// parseFloat; rows without a customer or a valid date are counted as skipped.
// `worker: false` (we are the worker), `chunk` streaming, `header: true`, 8 MiB
// chunks (the app's slice size).
'use strict';

importScripts('/node_modules/papaparse/papaparse.min.js');

const DAY_MS = 86400000;

/** Days since 1970-01-01 of `yyyy-mm-dd`, or NaN. */
function dayOf(s) {
  if (typeof s !== 'string' || s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const y = +s.slice(0, 4);
  const m = +s.slice(5, 7);
  const d = +s.slice(8, 10);
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31)) return NaN;
  const t = Date.UTC(y, m - 1, d);
  // Date.UTC rolls 2023-02-30 over to March: such a day does not exist.
  return new Date(t).getUTCDate() === d ? t / DAY_MS : NaN;
}

self.onmessage = (event) => {
  const { file, encoding } = event.data;
  const started = performance.now();
  const customers = new Map();
  let rows = 0;
  let skipped = 0;
  let refunds = 0;
  let parseErrors = 0;

  Papa.parse(file, {
    worker: false,
    header: true,
    skipEmptyLines: true,
    chunkSize: 8 << 20,
    encoding: encoding || undefined,
    chunk(results) {
      parseErrors += results.errors.length;
      const data = results.data;
      for (let i = 0; i < data.length; i++) {
        const r = data[i];
        rows++;
        const id = (r.customer_id || '').trim();
        const day = dayOf((r.order_date || '').trim());
        const amount = parseFloat(r.amount);
        if (!id || Number.isNaN(day) || Number.isNaN(amount)) {
          skipped++;
          continue;
        }
        let c = customers.get(id);
        if (c === undefined) {
          c = { purchases: 0, revenue: 0, first: day, last: day, days: new Set() };
          customers.set(id, c);
        }
        c.revenue += amount;
        if (amount < 0) {
          refunds++;
          continue;
        }
        c.purchases++;
        if (day < c.first) c.first = day;
        if (day > c.last) c.last = day;
        c.days.add(day);
      }
    },
    complete() {
      let purchases = 0;
      let revenue = 0;
      let customerDays = 0;
      let first = Infinity;
      let last = -Infinity;
      for (const c of customers.values()) {
        purchases += c.purchases;
        revenue += c.revenue;
        customerDays += c.days.size;
        if (c.first < first) first = c.first;
        if (c.last > last) last = c.last;
      }
      self.postMessage({
        type: 'done',
        workerSeconds: (performance.now() - started) / 1000,
        bytes: file.size,
        rows,
        skipped,
        refunds,
        parseErrors,
        customers: customers.size,
        purchases,
        revenue,
        customerDays,
        firstDay: first,
        lastDay: last,
      });
    },
    error(err) {
      self.postMessage({ type: 'error', message: String(err && err.message ? err.message : err) });
    },
  });
};

self.postMessage({ type: 'ready' });
