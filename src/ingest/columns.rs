//! Recognising what a column holds from its header, in Dutch and English.

/// What a column means to the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// The period a row of period counts is about.
    Period,
    /// S: customers at the start of the period.
    Start,
    /// E: customers at the end of the period.
    End,
    /// N: new customers during the period.
    New,
}

impl Role {
    /// The roles a period-counts file needs, in the order of a header-less file.
    pub const PERIOD_COUNTS: [Role; 4] = [Role::Period, Role::Start, Role::End, Role::New];
}

/// A header reduced to lower-case words: accents and punctuation dropped, so that
/// `Klanten (begin)`, `klanten_begin` and `KLANTEN BEGIN` look alike.
pub fn normalize(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    for c in header.trim().chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        };
        if c != ' ' || !out.ends_with(' ') {
            out.push(c);
        }
    }
    out.trim().to_string()
}

/// Whole headers that name a role outright.
const EXACT: &[(&str, Role)] = &[("s", Role::Start), ("e", Role::End), ("n", Role::New), ("p", Role::Period)];

/// Words that give a role away, checked in this order (so `new customers at end`
/// is about new customers, and `start of period` about the start).
const WORDS: &[(Role, &[&str])] = &[
    (Role::New, &["new", "nieuw", "nieuwe", "acquired", "gewonnen", "instroom", "n"]),
    (Role::End, &["end", "eind", "einde", "eindstand", "closing", "e"]),
    (Role::Start, &["start", "begin", "beginstand", "beginning", "opening", "s"]),
    (
        Role::Period,
        &[
            "period", "periode", "maand", "month", "week", "kwartaal", "quarter", "jaar", "year", "datum", "date",
            "tijdvak",
        ],
    ),
];

/// The role a header names, if any.
pub fn role_of(header: &str) -> Option<Role> {
    let h = normalize(header);
    if let Some(&(_, role)) = EXACT.iter().find(|(name, _)| *name == h) {
        return Some(role);
    }
    let words: Vec<&str> = h.split(' ').collect();
    WORDS.iter().find(|(_, names)| names.iter().any(|n| words.contains(n))).map(|&(role, _)| role)
}

/// For each role, the index of the first column that names it.
pub fn map_roles(headers: &[&str], roles: &[Role]) -> Vec<Option<usize>> {
    let found: Vec<Option<Role>> = headers.iter().map(|h| role_of(h)).collect();
    roles.iter().map(|r| found.iter().position(|f| f.as_ref() == Some(r))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_and_english_headers() {
        let cases = [
            ("Periode", Role::Period),
            ("period", Role::Period),
            ("Maand", Role::Period),
            ("Begin", Role::Start),
            ("start", Role::Start),
            ("S", Role::Start),
            ("Klanten (begin)", Role::Start),
            ("customers_at_start", Role::Start),
            ("Eind", Role::End),
            ("END", Role::End),
            ("E", Role::End),
            ("klanten einde periode", Role::End),
            ("Nieuw", Role::New),
            ("new", Role::New),
            ("N", Role::New),
            ("Nieuwe klanten", Role::New),
            ("New customers", Role::New),
        ];
        for (header, role) in cases {
            assert_eq!(role_of(header), Some(role), "{header}");
        }
        assert_eq!(role_of("opmerking"), None);
    }

    #[test]
    fn normalizes_accents_case_and_punctuation() {
        assert_eq!(normalize("  Klanten (Begin) "), "klanten begin");
        assert_eq!(normalize("Période_Début"), "periode debut");
    }

    #[test]
    fn maps_each_role_to_its_column() {
        let headers = ["periode", "nieuw", "begin", "eind", "opmerking"];
        assert_eq!(map_roles(&headers, &Role::PERIOD_COUNTS), vec![Some(0), Some(2), Some(3), Some(1)]);
    }
}
