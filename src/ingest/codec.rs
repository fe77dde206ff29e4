//! Little-endian bytes for what crosses from one Web Worker to another as a moved
//! `ArrayBuffer` (no copy, no JSON): numbers as they are, strings and lists by length.
//! The parts of a log read in parts (`super::parallel::Part`) and a whole customer log
//! (for the worker that fits the lifetime-value models) are written with these. A
//! reader of damaged or foreign bytes gets `None`, never a panic or a huge allocation.

use super::interner::Strings;
use super::transactions::{CustomerLog, Refund};

pub(crate) struct Writer(pub Vec<u8>);

impl Writer {
    pub fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn f64(&mut self, v: f64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn bytes(&mut self, b: &[u8]) {
        self.u64(b.len() as u64);
        self.0.extend_from_slice(b);
    }
}

pub(crate) struct Cursor<'a> {
    pub bytes: &'a [u8],
    pub at: usize,
}

impl<'a> Cursor<'a> {
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let out = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(out)
    }
    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    pub fn f64(&mut self) -> Option<f64> {
        Some(f64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    pub fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = usize::try_from(self.u64()?).ok()?;
        self.take(n)
    }
    /// A count of items of at least `min_size` bytes each, which the rest could hold
    /// (so a damaged count cannot ask for a huge allocation).
    pub fn count(&mut self, min_size: usize) -> Option<usize> {
        let n = usize::try_from(self.u64()?).ok()?;
        (n.checked_mul(min_size)? <= self.bytes.len() - self.at).then_some(n)
    }
}

impl Writer {
    /// Groups of items by string (customers and their purchase days): the number of
    /// strings, the strings, then the size of each group (`offsets` as differences).
    pub fn groups(&mut self, ids: &Strings, offsets: &[u32]) {
        self.u64(ids.len() as u64);
        for id in ids.iter() {
            self.bytes(id.as_bytes());
        }
        for c in 0..ids.len() {
            self.u32(offsets[c + 1] - offsets[c]);
        }
    }
}

impl Writer {
    /// Refund rows: their number, then (customer, day, amount) each.
    pub fn refunds(&mut self, refunds: &[Refund]) {
        self.u64(refunds.len() as u64);
        for r in refunds {
            self.u32(r.customer);
            self.u32(r.day as u32);
            self.f64(r.amount);
        }
    }
}

impl Cursor<'_> {
    /// What [`Writer::refunds`] wrote, each refund's customer below `customers`.
    pub fn refunds(&mut self, customers: usize) -> Option<Vec<Refund>> {
        let n = self.count(16)?;
        let mut refunds = Vec::with_capacity(n);
        for _ in 0..n {
            let (customer, day, amount) = (self.u32()?, self.u32()? as i32, self.f64()?);
            if customer as usize >= customers {
                return None;
            }
            refunds.push(Refund { customer, day, amount });
        }
        Some(refunds)
    }

    /// What [`Writer::groups`] wrote: the strings and the groups' offsets.
    pub fn groups(&mut self) -> Option<(Strings, Vec<u32>)> {
        let customers = self.count(8)?;
        let mut ids = Vec::with_capacity(customers);
        for _ in 0..customers {
            ids.push(std::str::from_utf8(self.bytes()?).ok()?);
        }
        let ids = ids.into_iter().collect();
        let mut offsets = Vec::with_capacity(customers + 1);
        offsets.push(0u32);
        for _ in 0..customers {
            let next = offsets[offsets.len() - 1].checked_add(self.u32()?)?;
            offsets.push(next);
        }
        Some((ids, offsets))
    }
}

const LOG_CODEC_VERSION: u64 = 1;

impl CustomerLog {
    /// The log as bytes: ids, purchase days and refunds (the other columns are left
    /// out: the models do not use them).
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(64 + self.customers() * 20 + self.purchase_days() * 16));
        w.u64(LOG_CODEC_VERSION);
        w.u64(self.has_amount as u64);
        w.groups(&self.ids, &self.offsets);
        w.u64(self.purchase_days() as u64);
        for ((&day, &purchases), &amount) in self.days.iter().zip(&self.purchases).zip(&self.amounts) {
            w.u32(day as u32);
            w.u32(purchases);
            w.f64(amount);
        }
        w.refunds(&self.refunds);
        w.0
    }

    /// The log `encode` wrote (without other columns); `None` for anything else.
    pub fn decode(bytes: &[u8]) -> Option<CustomerLog> {
        let mut r = Cursor { bytes, at: 0 };
        if r.u64()? != LOG_CODEC_VERSION {
            return None;
        }
        let has_amount = r.u64()? != 0;
        let (ids, offsets) = r.groups()?;
        let customers = ids.len();
        let days = r.count(16)?;
        if days != offsets[customers] as usize {
            return None;
        }
        let n = days;
        let (mut days, mut purchases, mut amounts) =
            (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
        for _ in 0..n {
            days.push(r.u32()? as i32);
            purchases.push(r.u32()?);
            amounts.push(r.f64()?);
        }
        let refunds = r.refunds(customers)?;
        (r.at == bytes.len()).then(|| CustomerLog {
            ids,
            offsets,
            days,
            purchases,
            amounts,
            refunds,
            attributes: Vec::new(),
            has_amount,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::ingest::{read_file, CustomerLog, Dataset};

    #[test]
    fn a_log_round_trips_without_its_other_columns_and_damage_is_refused() {
        let csv = "klant;datum;bedrag;kanaal\nK1;05-03-2024;1.234,56;web\nK2;05-03-2024;12,50;winkel\n\
                   K1;05-03-2024;10,00;web\nK1;01-04-2024;-3,00;web\nK2;17-04-2024;7,25;web\n";
        let f = read_file("log.csv", csv.as_bytes()).unwrap();
        let Dataset::Transactions(log) = f.dataset else { panic!() };
        let bytes = log.encode();
        let back = CustomerLog::decode(&bytes).unwrap();
        assert_eq!(back, CustomerLog { attributes: Vec::new(), ..log.clone() });
        // Every cut and every flipped byte: `None` or a log, never a panic.
        for n in 0..bytes.len() {
            assert_eq!(CustomerLog::decode(&bytes[..n]), None, "cut at {n}");
            let mut damaged = bytes.clone();
            damaged[n] ^= 0xA5;
            let _ = CustomerLog::decode(&damaged);
        }
    }
}
