//! Every word on screen, in Dutch, English and German.
//!
//! One table per language, each in its own file ([`en`], [`nl`], [`de`]), all of type
//! [`Texts`] (in `texts.rs`; the calculators' part in [`CalculatorTexts`], `calculators.rs`): a text missing from any table is a compile error.
//! Sentences with values in them are functions in the same tables, so word order can
//! differ per language, and so can the way numbers are written. Another language is
//! one new file here, its name in `crate::lang::Lang` and one arm in [`Lang::texts`].
//! This file: which table a language has, and numbers written its way.

mod calculators;
mod de;
mod en;
pub mod lifetime;
mod nl;
pub mod planner;
mod row_errors;
mod texts;

pub use crate::currency::Currency;
pub use crate::lang::Lang;
pub use calculators::CalculatorTexts;
pub use de::DE;
pub use en::EN;
pub use nl::NL;
pub use row_errors::RowErrorTexts;
pub use texts::{AnalysisTexts, Texts};

/// What a language needs beyond its name: its texts and its way of writing numbers.
impl Lang {
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::En => &EN,
            Lang::Nl => &NL,
            Lang::De => &DE,
        }
    }

    /// The calculators' texts and this language's way of writing numbers (also
    /// `self.texts().calc`): all that the embeddable widget links.
    pub fn calculators(self) -> &'static CalculatorTexts {
        match self {
            Lang::En => &en::CALCULATORS,
            Lang::Nl => &nl::CALCULATORS,
            Lang::De => &de::CALCULATORS,
        }
    }

    /// The skipped-rows export's texts (also `self.texts().rows`): all that the worker
    /// links.
    pub fn row_errors(self) -> &'static RowErrorTexts {
        match self {
            Lang::En => &en::ROW_ERRORS,
            Lang::Nl => &nl::ROW_ERRORS,
            Lang::De => &de::ROW_ERRORS,
        }
    }

    /// `1234.5` as `1.234,5` (nl, de) or `1,234.5` (en), with `decimals` digits.
    pub fn number(self, value: f64, decimals: usize) -> String {
        let (group, point) = (self.calculators().thousands_separator, self.calculators().decimal_mark);
        let plain = format!("{:.*}", decimals, value.abs());
        let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
        let mut out = String::new();
        if value < 0.0 && plain.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
            out.push('−');
        }
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(group);
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push(point);
            out.push_str(frac);
        }
        out
    }

    /// A percentage for display: one decimal and a `%` sign.
    pub fn percent(self, value: f64) -> String {
        format!("{}%", self.number(value, 1))
    }

    /// An amount of money as this language writes it: `€ 1.234,56` (Dutch), `£1,234.56`
    /// (English), `1.234,56 €` (German); the minus before the sign where the sign leads.
    pub fn money(self, value: f64, currency: Currency, decimals: usize) -> String {
        let t = self.calculators();
        let number = self.number(value.abs(), decimals);
        let minus = if value < 0.0 && number.bytes().any(|b| b.is_ascii_digit() && b != b'0') { "−" } else { "" };
        let space = if t.currency_space { "\u{a0}" } else { "" };
        let sign = currency.symbol();
        if t.currency_first {
            format!("{minus}{sign}{space}{number}")
        } else {
            format!("{minus}{number}{space}{sign}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::error::{ColumnRef, RowError, RowErrorKind};

    #[test]
    fn money_in_each_language() {
        assert_eq!(Lang::Nl.money(1234.56, Currency::Eur, 2), "€\u{a0}1.234,56");
        assert_eq!(Lang::En.money(1234.56, Currency::Gbp, 2), "£1,234.56");
        assert_eq!(Lang::En.money(1234.56, Currency::Usd, 2), "$1,234.56");
        assert_eq!(Lang::De.money(1234.56, Currency::Eur, 2), "1.234,56\u{a0}€");
        assert_eq!(Lang::En.money(-5.0, Currency::Usd, 2), "−$5.00");
        assert_eq!(Lang::Nl.money(-0.001, Currency::Eur, 2), "€\u{a0}0,00", "no minus before a zero");
    }

    #[test]
    fn numbers_in_each_language() {
        assert_eq!(Lang::Nl.number(1234.5, 1), "1.234,5");
        assert_eq!(Lang::En.number(1234.5, 1), "1,234.5");
        assert_eq!(Lang::En.number(-0.04, 1), "0.0");
        assert_eq!(Lang::Nl.number(-1234567.0, 0), "−1.234.567");
        assert_eq!(Lang::Nl.percent(87.5), "87,5%");
        assert_eq!(Lang::De.number(1234567.25, 2), "1.234.567,25");
        assert_eq!(Lang::De.percent(87.5), "87,5%");
    }

    #[test]
    fn browser_languages() {
        assert_eq!(Lang::from_browser("nl-NL"), Lang::Nl);
        assert_eq!(Lang::from_browser("nl"), Lang::Nl);
        assert_eq!(Lang::from_browser("en-GB"), Lang::En);
        assert_eq!(Lang::from_browser("de-DE"), Lang::De);
        assert_eq!(Lang::from_browser("de_AT"), Lang::De);
        assert_eq!(Lang::from_browser("fr-FR"), Lang::En);
    }

    #[test]
    fn row_errors_name_the_place_in_each_language() {
        let e = RowError::new(
            3,
            Some(ColumnRef { index: 2, name: "eind".into() }),
            RowErrorKind::NotANumber { text: "veel".into() },
        );
        assert_eq!(EN.row_error(&e), "Line 3, column 3 (eind): 'veel' is not a number");
        assert_eq!(NL.row_error(&e), "Regel 3, kolom 3 (eind): 'veel' is geen getal");
        assert_eq!(DE.row_error(&e), "Zeile 3, Spalte 3 (eind): 'veel' ist keine Zahl");
    }

    #[test]
    fn errors_csv_in_both_languages() {
        let f =
            crate::ingest::read_file("bad.csv", include_bytes!("../../tests/fixtures/period_counts_bad.csv")).unwrap();
        let csv = Lang::Nl.texts().row_errors_csv([("bad.csv", f.errors.listed.as_slice())]);
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some("bestand,regel,kolom,reden"));
        assert_eq!(lines.next(), Some("\"bad.csv\",3,\"3 (eind)\",\"'veel' is geen getal\""));
        assert_eq!(csv.lines().count(), 6);
    }
}
