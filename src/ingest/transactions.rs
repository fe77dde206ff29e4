//! Transaction logs, kept as compact per-customer activity rather than rows.
//!
//! While reading, each purchase row becomes (customer index, day, amount); several
//! orders of one customer on one day merge into one entry. At the end the entries
//! are grouped per customer (a counting sort, linear in the rows) and sorted by day,
//! so that every metric can walk one customer's purchase days in order. Customer ids
//! are interned once; other columns (channel, loyalty member, region, ...) are kept
//! per customer as the value on their first row, interned per column.

use super::columns::Role;
use super::detect::ReadSettings;
use super::error::RowError;
use super::reader::RowContext;
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
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CustomerLog {
    /// Customer ids, by customer index (in order of first appearance). Read them with
    /// [`CustomerLog::id`]; how they are stored is the reader's business.
    pub ids: Vec<Box<str>>,
    /// `activity[offsets[c]..offsets[c + 1]]` are customer c's purchase days, in order.
    pub offsets: Vec<u32>,
    pub activity: Vec<DayActivity>,
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
        &self.ids[c]
    }

    /// Customer `c`'s purchase days, in order.
    pub fn activity_of(&self, c: usize) -> &[DayActivity] {
        &self.activity[self.offsets[c] as usize..self.offsets[c + 1] as usize]
    }

    /// The first and last day with a purchase, if any.
    pub fn span(&self) -> Option<(i32, i32)> {
        let first = (0..self.customers()).filter_map(|c| self.activity_of(c).first()).map(|a| a.day).min()?;
        let last = (0..self.customers()).filter_map(|c| self.activity_of(c).last()).map(|a| a.day).max()?;
        Some((first, last))
    }
}

#[derive(Clone, Copy)]
struct Entry {
    customer: u32,
    day: i32,
    purchases: u32,
    amount: f64,
}

struct AttributeBuilder {
    column: usize,
    name: String,
    index: FxHashMap<Box<str>, u32>,
    values: Vec<Box<str>>,
    of_customer: Vec<u32>,
}

/// Collects a log while it is read.
pub(crate) struct LogBuilder {
    ids: FxHashMap<Box<str>, u32>,
    entries: Vec<Entry>,
    /// Per customer, the index of their latest entry (to merge same-day orders).
    latest: Vec<u32>,
    refunds: Vec<Refund>,
    attributes: Vec<AttributeBuilder>,
    has_amount: bool,
    /// The last date cell read and its day.
    last_date: (String, i32),
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
            ids: FxHashMap::default(),
            entries: Vec::new(),
            latest: Vec::new(),
            refunds: Vec::new(),
            attributes,
            has_amount: settings.mapping.column(Role::Amount).is_some(),
            last_date: (String::new(), 0),
        }
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

        let customer = match self.ids.get(id) {
            Some(&c) => c,
            None => {
                let c = self.ids.len() as u32;
                self.ids.insert(id.into(), c);
                self.latest.push(u32::MAX);
                for a in &mut self.attributes {
                    let value = cx.record.get(a.column).unwrap_or("").trim();
                    let v = match a.index.get(value) {
                        Some(&v) => v,
                        None => {
                            let v = a.values.len() as u32;
                            a.index.insert(value.into(), v);
                            a.values.push(value.into());
                            v
                        }
                    };
                    a.of_customer.push(v);
                }
                c
            }
        };
        if amount < 0.0 {
            self.refunds.push(Refund { customer, day, amount });
            return Ok(());
        }
        let latest = self.latest[customer as usize];
        match self.entries.get_mut(latest as usize) {
            Some(e) if e.day == day => {
                e.purchases += 1;
                e.amount += amount;
            }
            _ => {
                self.latest[customer as usize] = self.entries.len() as u32;
                self.entries.push(Entry { customer, day, purchases: 1, amount });
            }
        }
        Ok(())
    }

    pub fn finish(self) -> CustomerLog {
        let customers = self.ids.len();
        // Group per customer with a counting sort: offsets from the counts, then scatter.
        let mut offsets = vec![0u32; customers + 1];
        for e in &self.entries {
            offsets[e.customer as usize + 1] += 1;
        }
        for c in 0..customers {
            offsets[c + 1] += offsets[c];
        }
        let mut next = offsets.clone();
        let mut activity = vec![DayActivity { day: 0, purchases: 0, amount: 0.0 }; self.entries.len()];
        for e in &self.entries {
            let slot = &mut next[e.customer as usize];
            activity[*slot as usize] = DayActivity { day: e.day, purchases: e.purchases, amount: e.amount };
            *slot += 1;
        }
        drop(self.entries);
        // Within a customer: by day, merging days that were not adjacent in the file.
        let mut merged: Vec<DayActivity> = Vec::with_capacity(activity.len());
        let mut new_offsets = Vec::with_capacity(customers + 1);
        new_offsets.push(0u32);
        for c in 0..customers {
            let days = &mut activity[offsets[c] as usize..offsets[c + 1] as usize];
            if !days.is_sorted_by_key(|a| a.day) {
                days.sort_by_key(|a| a.day);
            }
            let start = merged.len();
            for a in days.iter() {
                let same_day = merged.len() > start && merged.last().is_some_and(|l| l.day == a.day);
                match merged.last_mut() {
                    Some(last) if same_day => {
                        last.purchases += a.purchases;
                        last.amount += a.amount;
                    }
                    _ => merged.push(*a),
                }
            }
            new_offsets.push(merged.len() as u32);
        }
        let mut refunds = self.refunds;
        refunds.sort_by_key(|r| (r.customer, r.day));

        let mut ids = vec![Box::<str>::from(""); customers];
        for (id, c) in self.ids {
            ids[c as usize] = id;
        }
        let attributes = self
            .attributes
            .into_iter()
            .map(|a| Attribute { name: a.name, values: a.values, of_customer: a.of_customer })
            .collect();
        CustomerLog { ids, offsets: new_offsets, activity: merged, refunds, attributes, has_amount: self.has_amount }
    }
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
        assert_eq!(log.ids, vec!["K1".into(), "K2".into()]);
        // K1: two orders on 5 March merge (1234.56 + 10.00), one on 20 March; the refund is apart.
        assert_eq!(
            log.activity_of(0),
            &[
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
