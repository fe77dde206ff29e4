//! Interning many short strings (customer ids) without one allocation per string.
//!
//! Every distinct string is appended to one text arena and numbered in order of first
//! appearance. The look-up table is an open-addressing table (linear probing) of
//! 16-byte slots, each holding a string's number, length and first 8 bytes: a string
//! of up to 8 bytes (a typical customer number) is found by reading one slot, without
//! touching the arena; a longer one is compared in the arena only when its length and
//! first 8 bytes match. At 1.8 million ids that is two arrays instead of 1.8 million
//! separately allocated keys scattered over the heap, and one cache miss per look-up
//! instead of three.

use rustc_hash::FxHasher;
use std::fmt;
use std::hash::Hasher;

/// Strings numbered 0, 1, 2, ... and kept back to back in one arena.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Strings {
    text: String,
    /// String `i` ends at `ends[i]` and starts where string `i - 1` ends (0 for the first).
    ends: Vec<usize>,
}

impl Strings {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// String `i`. Panics past the end, like indexing a `Vec`.
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len());
    }

    fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

impl fmt::Debug for Strings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'a> FromIterator<&'a str> for Strings {
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> Self {
        let mut s = Strings::default();
        for x in iter {
            s.push(x);
        }
        s
    }
}

/// Numbers distinct strings in order of first appearance.
#[derive(Clone, Default)]
pub struct Interner {
    strings: Strings,
    /// The length is 0 or a power of two; at most 3/4 of the slots are used.
    slots: Vec<Slot>,
}

/// One string of the table: its first 8 bytes, so that a string of up to 8 bytes is
/// compared without touching the arena.
#[derive(Clone, Copy, Default)]
struct Slot {
    /// The first (up to) 8 bytes, little-endian, zero-padded.
    head: u64,
    /// The length (up to `u32::MAX`; longer strings are compared in the arena anyway).
    len: u32,
    /// The string's number + 1; 0 for an empty slot.
    number: u32,
}

/// The first 8 bytes of `s` (zero-padded) as a number. A shorter `s` is read as 4, 2
/// and 1 byte pieces rather than copied into a buffer (a call to `memcpy`, and in
/// WebAssembly a `memory.copy`, per look-up).
#[inline]
fn head(s: &[u8]) -> u64 {
    if let Some(first) = s.first_chunk::<8>() {
        return u64::from_le_bytes(*first);
    }
    let (mut value, mut at) = (0u64, 0);
    if let Some(four) = s.first_chunk::<4>() {
        value = u64::from(u32::from_le_bytes(*four));
        at = 4;
    }
    if let Some(two) = s[at..].first_chunk::<2>() {
        value |= u64::from(u16::from_le_bytes(*two)) << (8 * at);
        at += 2;
    }
    if let Some(&one) = s.get(at) {
        value |= u64::from(one) << (8 * at);
    }
    value
}

#[inline]
fn hash(s: &[u8], head: u64) -> u64 {
    if s.len() <= 8 {
        // The whole string is in `head` (with its length). Two multiply-xorshift rounds:
        // the slot comes from the low bits, which one multiplication alone would take
        // from the first bytes only (`K000123` and `K000124` would share them).
        let x = (head ^ (s.len() as u64).rotate_right(8)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let x = (x ^ (x >> 32)).wrapping_mul(0xD6E8_FEB8_6659_FD93);
        x ^ (x >> 32)
    } else {
        let mut h = FxHasher::default();
        h.write(s);
        h.finish()
    }
}

impl Interner {
    pub fn len(&self) -> usize {
        self.strings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }

    /// The number of `s`, and whether it is new (just added).
    #[inline]
    pub fn intern(&mut self, s: &str) -> (u32, bool) {
        if (self.len() + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        let bytes = s.as_bytes();
        let head = head(bytes);
        let len = bytes.len().min(u32::MAX as usize) as u32;
        let mask = self.slots.len() - 1;
        let mut i = hash(bytes, head) as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.number == 0 {
                let n = self.len() as u32;
                self.slots[i] = Slot { head, len, number: n + 1 };
                self.strings.push(s);
                return (n, true);
            }
            if slot.head == head && slot.len == len && (len <= 8 || self.strings.get(slot.number as usize - 1) == s) {
                return (slot.number - 1, false);
            }
            i = (i + 1) & mask;
        }
    }

    /// Reads the slot where a look-up of `s` starts, and nothing else: a later
    /// [`Interner::intern`] of `s` then finds it in the cache. Returns what it read (for
    /// `std::hint::black_box`, so that the read is not optimised away).
    #[inline]
    pub fn touch(&self, s: &str) -> u32 {
        if self.slots.is_empty() {
            return 0;
        }
        let bytes = s.as_bytes();
        self.slots[hash(bytes, head(bytes)) as usize & (self.slots.len() - 1)].number
    }

    /// Makes room for `additional` more strings at once (one rebuild of the table, not
    /// one per doubling), for a merge that knows how many may come.
    pub fn reserve(&mut self, additional: usize) {
        let mut capacity = self.slots.len().max(64);
        while (self.len() + additional + 1) * 4 > capacity * 3 {
            capacity *= 2;
        }
        if capacity > self.slots.len() {
            self.grow_to(capacity);
        }
    }

    fn grow(&mut self) {
        self.grow_to((self.slots.len() * 2).max(64));
    }

    fn grow_to(&mut self, capacity: usize) {
        let mut slots = vec![Slot::default(); capacity];
        let mask = capacity - 1;
        for n in 0..self.len() {
            let bytes = self.strings.get(n).as_bytes();
            let head = head(bytes);
            let mut i = hash(bytes, head) as usize & mask;
            while slots[i].number != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = Slot { head, len: bytes.len().min(u32::MAX as usize) as u32, number: n as u32 + 1 };
        }
        self.slots = slots;
    }

    /// The strings, numbered; the table is dropped.
    pub fn into_strings(self) -> Strings {
        let mut strings = self.strings;
        strings.shrink_to_fit();
        strings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserving_room_changes_no_number() {
        let ids: Vec<String> = (0..5000).map(|i| format!("K{:06}", (i * 7919) % 3000)).collect();
        let mut plain = Interner::default();
        let mut reserved = Interner::default();
        reserved.reserve(10);
        for (k, id) in ids.iter().enumerate() {
            if k == 100 {
                reserved.reserve(ids.len());
            }
            assert_eq!(reserved.intern(id), plain.intern(id), "{id}");
        }
        assert_eq!(reserved.len(), 3000);
        assert!(reserved.slots.len() >= 4 * 3000 / 3);
    }
    use std::collections::HashMap;

    #[test]
    fn numbers_in_order_of_first_appearance() {
        let mut t = Interner::default();
        assert_eq!(t.intern("K1"), (0, true));
        assert_eq!(t.intern("K2"), (1, true));
        assert_eq!(t.intern("K1"), (0, false));
        assert_eq!(t.intern(""), (2, true));
        assert_eq!(t.intern(""), (2, false));
        assert_eq!(t.intern("K2"), (1, false));
        let s = t.into_strings();
        assert_eq!(s.iter().collect::<Vec<_>>(), ["K1", "K2", ""]);
        assert_eq!((s.len(), s.get(0), s.get(2)), (3, "K1", ""));
        assert_eq!(format!("{s:?}"), r#"["K1", "K2", ""]"#);
    }

    #[test]
    fn agrees_with_a_hash_map_across_growth() {
        // Many ids, prefixes of each other, non-ASCII, repeated in a scrambled order.
        let mut t = Interner::default();
        let mut oracle: HashMap<String, u32> = HashMap::new();
        let mut order = Vec::new();
        let mut x = 12345u64;
        for _ in 0..60_000 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let k = (x >> 33) % 20_000;
            let id = match k % 5 {
                0 => format!("K{k:06}"),
                1 => format!("klant-{k}-é"),
                2 => "x".repeat((k % 40) as usize),
                // Long ids with the same first 8 bytes and length.
                3 => format!("customer-{k:08}@example.com"),
                _ => format!("{k}"),
            };
            let expected = match oracle.get(&id) {
                Some(&n) => (n, false),
                None => {
                    let n = oracle.len() as u32;
                    oracle.insert(id.clone(), n);
                    order.push(id.clone());
                    (n, true)
                }
            };
            assert_eq!(t.intern(&id), expected, "{id}");
        }
        assert_eq!(t.len(), oracle.len());
        let s = t.into_strings();
        assert!(s.iter().eq(order.iter().map(String::as_str)));
        assert_eq!(s, order.iter().map(String::as_str).collect::<Strings>());
    }

    #[test]
    fn head_is_the_zero_padded_first_eight_bytes() {
        let text = b"abcdefghij";
        for n in 0..=text.len() {
            let mut padded = [0u8; 8];
            padded[..n.min(8)].copy_from_slice(&text[..n.min(8)]);
            assert_eq!(head(&text[..n]), u64::from_le_bytes(padded), "{n} bytes");
        }
    }

    #[test]
    fn sequential_ids_spread_over_the_table() {
        // Customer numbers differ in their last bytes only; they must not pile up in
        // long runs of occupied slots.
        let mut t = Interner::default();
        for k in 0..100_000 {
            t.intern(&format!("K{k:06}"));
        }
        let mask = t.slots.len() - 1;
        let probes: usize = (0..t.len())
            .map(|n| {
                let b = t.strings.get(n).as_bytes();
                let mut i = hash(b, head(b)) as usize & mask;
                let mut p = 1;
                while t.slots[i].number as usize != n + 1 {
                    i = (i + 1) & mask;
                    p += 1;
                }
                p
            })
            .sum();
        assert!(probes < 2 * t.len(), "{probes} probes for {} ids", t.len());
    }
}
