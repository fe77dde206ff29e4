//! Transaction logs, kept as compact per-customer activity rather than rows.
//!
//! While reading, each purchase row becomes a 16-byte entry (customer index, day,
//! amount), appended to blocks of fixed size (no copy when they grow). At the end the
//! entries are grouped per customer (a counting sort, linear in the rows; each block is
//! freed once it has been moved), sorted by day, and the orders of one customer on one
//! day merged into one day, in place, so that every metric can walk one customer's
//! purchase days in order. (A log read in parts is grouped by each part, and the
//! parts' groups are put together per customer: [`LogPart`].) Nothing per customer is touched while reading but the id
//! table, so a row costs one look-up in it. Customer ids are interned once, into one
//! arena; other columns (channel, loyalty member, region, ...) are kept per customer as
//! the value on their first row, interned per column.

use super::columns::Role;
use super::csv::Record;
use super::detect::ReadSettings;
use super::error::RowError;
use super::interner::{Interner, Strings};
use super::reader::{RoleColumns, RowContext};
use rustc_hash::FxHashMap;

/// One customer's purchases on one day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DayActivity {
    /// Days since 1970-01-01 (see `crate::calendar::Date`).
    pub day: i32,
    /// Purchase rows (amount >= 0) that day.
    pub purchases: u32,
    /// Their amounts added up (0 when the log has no amount column).
    pub amount: f64,
}

/// A refund row: amount < 0. It lowers revenue and is not a purchase.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Refund {
    pub customer: u32,
    pub day: i32,
    pub amount: f64,
}

/// An extra column of the log, one value per customer (from their first row).
#[derive(Clone, Debug, PartialEq)]
pub struct Attribute {
    pub name: String,
    /// The distinct values, in order of first appearance.
    pub values: Vec<Box<str>>,
    /// Per customer, an index into `values`.
    pub of_customer: Vec<u32>,
}

/// A transaction log after reading.
///
/// The purchase days are kept as a struct of arrays: the days apart from the counts and
/// the amounts, so that what needs the days only (the customer base for a new window or
/// granularity, RFM's recency, the gaps between purchases) walks 4 bytes per purchase
/// day instead of 16.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CustomerLog {
    /// Customer ids, by customer index (in order of first appearance). Read them with
    /// [`CustomerLog::id`]; how they are stored is the reader's business.
    pub ids: Strings,
    /// Customer c's purchase days are at `offsets[c]..offsets[c + 1]` of `days`,
    /// `purchases` and `amounts`, in order of day.
    pub offsets: Vec<u32>,
    /// Days since 1970-01-01 (see `crate::calendar::Date`).
    pub days: Vec<i32>,
    /// Purchase rows (amount >= 0) that day.
    pub purchases: Vec<u32>,
    /// Their amounts added up (0 when the log has no amount column).
    pub amounts: Vec<f64>,
    /// Sorted by customer, then day.
    pub refunds: Vec<Refund>,
    pub attributes: Vec<Attribute>,
    /// Whether the log has an amount column (without one, revenue figures are absent).
    pub has_amount: bool,
}

impl CustomerLog {
    pub fn customers(&self) -> usize {
        self.ids.len()
    }

    /// Customer `c`'s id as written in the file (trimmed).
    pub fn id(&self, c: usize) -> &str {
        self.ids.get(c)
    }

    fn range(&self, c: usize) -> std::ops::Range<usize> {
        self.offsets[c] as usize..self.offsets[c + 1] as usize
    }

    /// Customer `c`'s purchase days, in order.
    pub fn days_of(&self, c: usize) -> &[i32] {
        &self.days[self.range(c)]
    }

    /// Customer `c`'s purchase days with their counts and amounts.
    pub fn activity_of(&self, c: usize) -> Activity<'_> {
        let r = self.range(c);
        Activity { days: &self.days[r.clone()], purchases: &self.purchases[r.clone()], amounts: &self.amounts[r] }
    }

    /// Purchase days of all customers together.
    pub fn purchase_days(&self) -> usize {
        self.days.len()
    }

    /// The first and last day with a purchase, if any.
    pub fn span(&self) -> Option<(i32, i32)> {
        let first = (0..self.customers()).filter_map(|c| self.days_of(c).first()).min()?;
        let last = (0..self.customers()).filter_map(|c| self.days_of(c).last()).max()?;
        Some((*first, *last))
    }
}

/// One customer's purchase days (of a [`CustomerLog`]), with their counts and amounts.
#[derive(Clone, Copy, Debug)]
pub struct Activity<'a> {
    pub days: &'a [i32],
    pub purchases: &'a [u32],
    pub amounts: &'a [f64],
}

impl<'a> Activity<'a> {
    pub fn len(&self) -> usize {
        self.days.len()
    }

    pub fn is_empty(&self) -> bool {
        self.days.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<DayActivity> {
        Some(DayActivity { day: *self.days.get(i)?, purchases: self.purchases[i], amount: self.amounts[i] })
    }

    pub fn first(&self) -> Option<DayActivity> {
        self.get(0)
    }

    pub fn last(&self) -> Option<DayActivity> {
        self.get(self.len().checked_sub(1)?)
    }

    /// The days before `mid` and from `mid` on.
    pub fn split_at(&self, mid: usize) -> (Activity<'a>, Activity<'a>) {
        let (d0, d1) = self.days.split_at(mid);
        let (p0, p1) = self.purchases.split_at(mid);
        let (a0, a1) = self.amounts.split_at(mid);
        (Activity { days: d0, purchases: p0, amounts: a0 }, Activity { days: d1, purchases: p1, amounts: a1 })
    }

    pub fn iter(&self) -> impl Iterator<Item = DayActivity> + 'a {
        let (days, purchases, amounts) = (self.days, self.purchases, self.amounts);
        (0..days.len()).map(move |i| DayActivity { day: days[i], purchases: purchases[i], amount: amounts[i] })
    }
}

/// One purchase row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Entry {
    pub customer: u32,
    pub day: i32,
    pub amount: f64,
}

/// What one part of a log read in parts (`super::parallel`) collected, with customers
/// numbered in their order of first appearance in the part: its purchase rows grouped
/// per customer (the costly, random-access step of grouping, done where the part was
/// read) and sorted by day, but one day's rows not yet added up (so that the whole log
/// adds one day's amounts in file order, as one reader does); its refunds; and each new
/// customer's other columns.
#[derive(Clone, Debug, PartialEq, Default)]
pub(crate) struct LogPart {
    pub ids: Strings,
    /// `rows[offsets[c]..offsets[c + 1]]`: customer c's purchase rows, by day, one
    /// day's rows in file order, each with `purchases` 1.
    pub offsets: Vec<u32>,
    pub rows: Vec<DayActivity>,
    /// Refund rows in file order.
    pub refunds: Vec<Refund>,
    /// Per other column: its distinct values and, per customer of the part, the index of
    /// the value on their first row.
    pub attributes: Vec<(Vec<Box<str>>, Vec<u32>)>,
}

/// Customer ids looked up together in a merge (see `LogBuilder::absorb`).
const ID_BATCH: usize = 16;

/// Entries per block: 1 MiB.
const BLOCK: usize = 1 << 16;

struct AttributeBuilder {
    column: usize,
    name: String,
    index: FxHashMap<Box<str>, u32>,
    values: Vec<Box<str>>,
    of_customer: Vec<u32>,
}

impl AttributeBuilder {
    /// The next customer's value: its index among the distinct values (added when new).
    fn push(&mut self, value: &str) {
        let v = match self.index.get(value) {
            Some(&v) => v,
            None => {
                let v = self.values.len() as u32;
                self.index.insert(value.into(), v);
                self.values.push(value.into());
                v
            }
        };
        self.of_customer.push(v);
    }
}

/// Collects a log while it is read.
pub(crate) struct LogBuilder {
    ids: Interner,
    /// Purchase rows in file order, in blocks of [`BLOCK`] entries.
    entries: Vec<Vec<Entry>>,
    refunds: Vec<Refund>,
    attributes: Vec<AttributeBuilder>,
    has_amount: bool,
    /// The last date cell read and its day.
    last_date: (String, i32),
    /// Parts taken in (`absorb`), each with its customers' indices in this log.
    parts: Vec<(Vec<u32>, LogPart)>,
}

impl LogBuilder {
    pub fn new(settings: &ReadSettings) -> LogBuilder {
        let width = settings.headers.len();
        let attributes = settings
            .mapping
            .unmapped(width)
            .into_iter()
            .map(|column| AttributeBuilder {
                column,
                name: match settings.headers[column].as_str() {
                    "" => format!("{}", column + 1),
                    h => h.to_string(),
                },
                index: FxHashMap::default(),
                values: Vec::new(),
                of_customer: Vec::new(),
            })
            .collect();
        LogBuilder {
            ids: Interner::default(),
            entries: Vec::new(),
            refunds: Vec::new(),
            attributes,
            has_amount: settings.mapping.column(Role::Amount).is_some(),
            last_date: (String::new(), 0),
            parts: Vec::new(),
        }
    }

    /// Reads, for each of `records`, the place in the id table where its customer id
    /// will be looked up. The table is far larger than the CPU caches once there are
    /// many customers, and each look-up then waits for memory; touched together, the
    /// look-ups of a batch of rows wait for memory at the same time instead of one after
    /// the other. It changes nothing but what is in the cache.
    pub fn touch(&self, records: &[Record], columns: &RoleColumns) {
        let Some(column) = columns[Role::Customer as usize] else { return };
        let mut seen = 0;
        for record in records {
            // Untrimmed: an id with spaces around it only touches the wrong place.
            if let Some(id) = record.get(column) {
                seen ^= self.ids.touch(id);
            }
        }
        std::hint::black_box(seen);
    }

    pub fn row(&mut self, cx: &RowContext) -> Result<(), RowError> {
        // Check every cell before anything is kept, so a skipped row leaves no trace.
        let id = cx.required(Role::Customer)?;
        // Exports are sorted by date: most rows repeat the date of the row before.
        let date_text = cx.text(Role::Date);
        let day = if !date_text.is_empty() && date_text == self.last_date.0 {
            self.last_date.1
        } else {
            let day = cx.date(Role::Date)?.0;
            self.last_date.0.clear();
            self.last_date.0.push_str(date_text);
            self.last_date.1 = day;
            day
        };
        let amount = if self.has_amount { cx.number(Role::Amount)? } else { 0.0 };

        let customer = match self.ids.intern(id) {
            (c, false) => c,
            (c, true) => {
                for a in &mut self.attributes {
                    a.push(cx.record.get(a.column).unwrap_or("").trim());
                }
                c
            }
        };
        if amount < 0.0 {
            self.refunds.push(Refund { customer, day, amount });
            return Ok(());
        }
        match self.entries.last_mut() {
            Some(block) if block.len() < BLOCK => block.push(Entry { customer, day, amount }),
            _ => {
                let mut block = Vec::with_capacity(BLOCK);
                block.push(Entry { customer, day, amount });
                self.entries.push(block);
            }
        }
        Ok(())
    }

    /// What was read, for a part of a log read in parts: grouped per customer and
    /// sorted by day, one day's rows kept apart.
    pub(crate) fn into_part(self) -> LogPart {
        let ids = self.ids.into_strings();
        let (offsets, rows) = group(ids.len(), self.entries);
        LogPart {
            ids,
            offsets,
            rows,
            refunds: self.refunds,
            attributes: self.attributes.into_iter().map(|a| (a.values, a.of_customer)).collect(),
        }
    }

    /// Takes in the next part of the log, as if its rows were read here: its customers
    /// are numbered on from this builder's (one look-up per customer of the part, not
    /// per row), those new to the log get the other columns of their first row, and its
    /// rows follow those read before (`finish` interleaves the parts' groups).
    pub(crate) fn absorb(&mut self, mut part: LogPart) {
        // Room for all of them at once; and, as while reading (`touch`), the look-ups of
        // a batch wait for memory together. (Profiled at 10⁷ rows in two parts, these
        // look-ups were the merge's largest cost: BENCHMARKS.md, "Reading in parts, 8
        // December".)
        self.ids.reserve(part.ids.len());
        let mut global = Vec::with_capacity(part.ids.len());
        let n = part.ids.len();
        for batch in (0..n).step_by(ID_BATCH) {
            let batch = batch..(batch + ID_BATCH).min(n);
            let mut seen = 0;
            for local in batch.clone() {
                seen ^= self.ids.touch(part.ids.get(local));
            }
            std::hint::black_box(seen);
            for local in batch {
                self.absorb_id(&part, local, &mut global);
            }
        }
        let refunds = std::mem::take(&mut part.refunds);
        self.refunds.extend(refunds.into_iter().map(|r| Refund { customer: global[r.customer as usize], ..r }));
        part.ids = Strings::default();
        part.attributes = Vec::new();
        self.parts.push((global, part));
    }

    /// Customer `local` of `part`: numbered in this log (their other columns taken in if
    /// they are new to it), pushed to `global`.
    fn absorb_id(&mut self, part: &LogPart, local: usize, global: &mut Vec<u32>) {
        let (g, new) = self.ids.intern(part.ids.get(local));
        if new {
            for (a, (values, of_customer)) in self.attributes.iter_mut().zip(&part.attributes) {
                a.push(&values[of_customer[local] as usize]);
            }
        }
        global.push(g);
    }

    pub fn finish(self) -> CustomerLog {
        // The id table goes first: what follows needs the memory.
        let ids = self.ids.into_strings();
        let customers = ids.len();
        let (mut offsets, mut activity) = if self.parts.is_empty() {
            group(customers, self.entries)
        } else {
            // Rows read here (none, when every row came in a part) before the parts'.
            let mut parts = self.parts;
            if !self.entries.is_empty() {
                let (offsets, rows) = group(customers, self.entries);
                let part = LogPart { offsets, rows, ..LogPart::default() };
                parts.insert(0, ((0..customers as u32).collect(), part));
            }
            interleave(customers, parts)
        };
        add_up_days(&mut offsets, &mut activity);
        // Apart: the days first, then the counts, then the amounts.
        let days = activity.iter().map(|a| a.day).collect();
        let purchases = activity.iter().map(|a| a.purchases).collect();
        let amounts = activity.iter().map(|a| a.amount).collect();
        drop(activity);
        let mut refunds = self.refunds;
        refunds.sort_by_key(|r| (r.customer, r.day));

        let attributes = self
            .attributes
            .into_iter()
            .map(|a| Attribute { name: a.name, values: a.values, of_customer: a.of_customer })
            .collect();
        CustomerLog { ids, offsets, days, purchases, amounts, refunds, attributes, has_amount: self.has_amount }
    }
}

/// Purchase rows in file order, grouped per customer with a counting sort (offsets from
/// the counts, then scatter, freeing each block of entries once it has been moved), each
/// customer's rows then sorted by day (a stable sort keeps the file order of one day's
/// rows). Every row keeps `purchases` 1.
fn group(customers: usize, entries: Vec<Vec<Entry>>) -> (Vec<u32>, Vec<DayActivity>) {
    let mut offsets = vec![0u32; customers + 1];
    let mut rows = 0usize;
    for block in &entries {
        rows += block.len();
        for e in block {
            offsets[e.customer as usize + 1] += 1;
        }
    }
    for c in 0..customers {
        offsets[c + 1] += offsets[c];
    }
    let mut next = offsets.clone();
    let mut activity = vec![DayActivity { day: 0, purchases: 0, amount: 0.0 }; rows];
    for block in entries {
        for e in &block {
            let slot = &mut next[e.customer as usize];
            activity[*slot as usize] = DayActivity { day: e.day, purchases: 1, amount: e.amount };
            *slot += 1;
        }
    }
    drop(next);
    sort_days(&offsets, &mut activity);
    (offsets, activity)
}

/// Each customer's rows by day; a stable sort, so one day's rows stay in file order.
fn sort_days(offsets: &[u32], activity: &mut [DayActivity]) {
    for c in 0..offsets.len() - 1 {
        let days = &mut activity[offsets[c] as usize..offsets[c + 1] as usize];
        if !days.is_sorted_by_key(|a| a.day) {
            days.sort_by_key(|a| a.day);
        }
    }
}

/// The grouped rows of parts in file order, each with its customers' indices in the
/// whole log: every customer's groups one after the other in part order, then sorted
/// by day. The same as grouping all the rows at once: a stable sort of file order.
fn interleave(customers: usize, parts: Vec<(Vec<u32>, LogPart)>) -> (Vec<u32>, Vec<DayActivity>) {
    let mut offsets = vec![0u32; customers + 1];
    let mut rows = 0usize;
    for (global, part) in &parts {
        rows += part.rows.len();
        for (local, &g) in global.iter().enumerate() {
            offsets[g as usize + 1] += part.offsets[local + 1] - part.offsets[local];
        }
    }
    for c in 0..customers {
        offsets[c + 1] += offsets[c];
    }
    let mut next = offsets.clone();
    let mut activity = vec![DayActivity { day: 0, purchases: 0, amount: 0.0 }; rows];
    let mut shared = false;
    for (global, part) in parts {
        for (local, &g) in global.iter().enumerate() {
            let run = &part.rows[part.offsets[local] as usize..part.offsets[local + 1] as usize];
            let at = next[g as usize] as usize;
            shared |= at != offsets[g as usize] as usize && !run.is_empty();
            activity[at..at + run.len()].copy_from_slice(run);
            next[g as usize] += run.len() as u32;
        }
    }
    drop(next);
    // Only customers with rows in more than one part can be out of order.
    if shared {
        sort_days(&offsets, &mut activity);
    }
    (offsets, activity)
}

/// One customer's rows of one day added up into one day, in place, in their order:
/// what is written never passes what is still to be read.
fn add_up_days(offsets: &mut [u32], activity: &mut Vec<DayActivity>) {
    let mut written = 0usize;
    let mut start = 0usize;
    for c in 0..offsets.len() - 1 {
        let end = offsets[c + 1] as usize;
        let first = written;
        for r in start..end {
            let a = activity[r];
            match activity[first..written].last_mut() {
                Some(last) if last.day == a.day => {
                    last.purchases += a.purchases;
                    last.amount += a.amount;
                }
                _ => {
                    activity[written] = a;
                    written += 1;
                }
            }
        }
        offsets[c + 1] = written as u32;
        start = end;
    }
    activity.truncate(written);
    activity.shrink_to_fit();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Date;
    use crate::ingest::{read_file, Dataset, RowErrorKind};

    fn day(y: i32, m: u32, d: u32) -> i32 {
        Date::from_ymd(y, m, d).unwrap().0
    }

    #[test]
    fn a_small_dutch_log() {
        let csv = "Klantnummer;Orderdatum;Bedrag;Kanaal\r\n\
                   K1;05-03-2024;€ 1.234,56;web\r\n\
                   K2;05-03-2024;12,50;winkel\r\n\
                   K1;05-03-2024;10,00;winkel\r\n\
                   K1;01-04-2024;-3,00;web\r\n\
                   K2;31-02-2024;5,00;web\r\n\
                   K2;17-04-2024;7,25;web\r\n\
                   K1;20-03-2024;20,00;app\r\n";
        let f = read_file("log.csv", csv.as_bytes()).unwrap();
        let Dataset::Transactions(log) = &f.dataset else { panic!("{:?}", f.dataset.kind()) };
        assert_eq!(log.ids.iter().collect::<Vec<_>>(), ["K1", "K2"]);
        // K1: two orders on 5 March merge (1234.56 + 10.00), one on 20 March; the refund is apart.
        assert_eq!(
            log.activity_of(0).iter().collect::<Vec<_>>(),
            [
                DayActivity { day: day(2024, 3, 5), purchases: 2, amount: 1234.56 + 10.0 },
                DayActivity { day: day(2024, 3, 20), purchases: 1, amount: 20.0 },
            ]
        );
        assert_eq!(log.refunds, vec![Refund { customer: 0, day: day(2024, 4, 1), amount: -3.0 }]);
        assert_eq!(log.activity_of(1).len(), 2);
        assert_eq!(log.span(), Some((day(2024, 3, 5), day(2024, 4, 17))));
        // The channel of each customer's first row.
        let a = &log.attributes[0];
        assert_eq!(a.name, "Kanaal");
        assert_eq!(a.of_customer.iter().map(|&v| &*a.values[v as usize]).collect::<Vec<_>>(), ["web", "winkel"]);
        // 31-02-2024 is skipped with its line and reason.
        assert_eq!(f.errors.total, 1);
        assert_eq!(f.errors.listed[0].line, 6);
        assert_eq!(f.errors.listed[0].kind, RowErrorKind::DateDoesNotExist { text: "31-02-2024".into() });
    }

    #[test]
    fn out_of_order_rows_are_grouped_and_sorted() {
        let csv = "customer,date\nb,2024-01-03\na,2024-01-02\nb,2024-01-01\na,2024-01-02\nb,2024-01-03\n";
        let f = read_file("x.csv", csv.as_bytes()).unwrap();
        let Dataset::Transactions(log) = &f.dataset else { panic!() };
        assert!(!log.has_amount);
        let days =
            |c: usize| log.activity_of(c).iter().map(|a| (a.day - day(2024, 1, 1), a.purchases)).collect::<Vec<_>>();
        assert_eq!(days(0), vec![(0, 1), (2, 2)]);
        assert_eq!(days(1), vec![(1, 2)]);
    }
}
