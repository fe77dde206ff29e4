//! Month names and abbreviations, English and Dutch: one table for the dates of a
//! transaction log (`5 mrt 2024`, `March 5, 2024`) and for period labels
//! (`maart 2024`, `febr. 2024`).

/// Every name and abbreviation, lower case, with its month (1-12).
pub const MONTHS: &[(&str, u32)] = &[
    ("jan", 1),
    ("january", 1),
    ("januari", 1),
    ("feb", 2),
    ("febr", 2),
    ("february", 2),
    ("februari", 2),
    ("mar", 3),
    ("mrt", 3),
    ("march", 3),
    ("maart", 3),
    ("apr", 4),
    ("april", 4),
    ("may", 5),
    ("mei", 5),
    ("jun", 6),
    ("june", 6),
    ("juni", 6),
    ("jul", 7),
    ("july", 7),
    ("juli", 7),
    ("aug", 8),
    ("august", 8),
    ("augustus", 8),
    ("sep", 9),
    ("sept", 9),
    ("september", 9),
    ("oct", 10),
    ("okt", 10),
    ("october", 10),
    ("oktober", 10),
    ("nov", 11),
    ("november", 11),
    ("dec", 12),
    ("december", 12),
];

/// The month (1-12) that `word` names, ignoring ASCII case.
pub fn month_number(word: &[u8]) -> Option<u32> {
    MONTHS.iter().find(|(name, _)| name.as_bytes().eq_ignore_ascii_case(word)).map(|&(_, m)| m)
}
