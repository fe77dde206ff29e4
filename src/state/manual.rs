//! The manual calculator's own state: S, E and N as typed, and what they give. Owned
//! by the calculator itself (it needs no file and no worker, so it can live alone on
//! an embed page).

use crate::lang::Lang;
use crate::retention::{checked_crr, CountsProblem};

/// The three fields of the manual calculator, as typed.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ManualInputs {
    pub start: String,
    pub end: String,
    pub new: String,
}

/// Which manual field changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ManualField {
    Start,
    End,
    New,
}

impl ManualField {
    /// The letter of METRICS.md's formula.
    pub fn label(self) -> &'static str {
        match self {
            ManualField::Start => "S",
            ManualField::End => "E",
            ManualField::New => "N",
        }
    }
}

/// What the manual calculator shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ManualResult {
    /// Not all three numbers are there yet.
    Incomplete,
    /// A field holds something that is not a number.
    NotANumber(ManualField),
    /// A field holds a number with a fraction (they count customers).
    NotWhole(ManualField),
    Problem(CountsProblem),
    Rates {
        crr: f64,
        churn: f64,
    },
}

impl ManualInputs {
    /// The text of one field, to change as the user types.
    pub fn field_mut(&mut self, field: ManualField) -> &mut String {
        match field {
            ManualField::Start => &mut self.start,
            ManualField::End => &mut self.end,
            ManualField::New => &mut self.new,
        }
    }

    /// CRR and churn for what is typed; numbers in either decimal convention.
    pub fn result(&self, lang: Lang) -> ManualResult {
        use crate::ingest::number::{DecimalMark, NumberStyle};
        // One decimal convention for the three fields together, as for a file's column.
        let fallback = NumberStyle {
            decimal: if matches!(lang, Lang::Nl | Lang::De) { DecimalMark::Comma } else { DecimalMark::Point },
        };
        let style = NumberStyle::infer([self.start.as_str(), &self.end, &self.new]).unwrap_or(fallback);
        let parse = |text: &str| -> Option<Result<f64, ()>> {
            if text.trim().is_empty() {
                return None;
            }
            Some(style.parse(text).map(|n| n.value).map_err(|_| ()))
        };
        let fields = [
            (ManualField::Start, parse(&self.start)),
            (ManualField::End, parse(&self.end)),
            (ManualField::New, parse(&self.new)),
        ];
        let mut values = [0.0; 3];
        for (i, (field, parsed)) in fields.into_iter().enumerate() {
            match parsed {
                Some(Ok(v)) if v.fract() != 0.0 => return ManualResult::NotWhole(field),
                Some(Ok(v)) => values[i] = v,
                Some(Err(())) => return ManualResult::NotANumber(field),
                None => return ManualResult::Incomplete,
            }
        }
        match checked_crr(values[0], values[1], values[2]) {
            Ok(crr) => ManualResult::Rates { crr, churn: crate::retention::churn_from_crr(crr) },
            Err(p) => ManualResult::Problem(p),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_calculator() {
        let mut m = ManualInputs { start: "200".into(), end: "180".into(), new: "40".into() };
        // (180 - 40) / 200 x 100 = 70 by hand.
        assert_eq!(m.result(Lang::En), ManualResult::Rates { crr: 70.0, churn: 30.0 });
        m.start = "1.000".into(); // Dutch thousands
        m.end = "950".into();
        m.new = "0".into();
        assert_eq!(m.result(Lang::Nl), ManualResult::Rates { crr: 95.0, churn: 5.0 });
        assert_eq!(m.result(Lang::De), ManualResult::Rates { crr: 95.0, churn: 5.0 });
        // Thousands in both languages when the three fields show it: 1.000.000 and 950.000.
        m.start = "1.000.000".into();
        m.end = "950.000".into();
        assert_eq!(m.result(Lang::En), ManualResult::Rates { crr: 95.0, churn: 5.0 });
        m.new = "".into();
        assert_eq!(m.result(Lang::Nl), ManualResult::Incomplete);
        m.new = "veel".into();
        assert_eq!(m.result(Lang::Nl), ManualResult::NotANumber(ManualField::New));
        // Customers are counted: 12,5 of them is a typo.
        m.new = "12,5".into();
        assert_eq!(m.result(Lang::Nl), ManualResult::NotWhole(ManualField::New));
        // A fraction of zero is fine: (180 - 40) / 200 x 100 = 70.
        (m.start, m.end, m.new) = ("200".into(), "180".into(), "40,0".into());
        assert_eq!(m.result(Lang::Nl), ManualResult::Rates { crr: 70.0, churn: 30.0 });
        m.start = "0".into();
        m.new = "1".into();
        assert_eq!(m.result(Lang::En), ManualResult::Problem(CountsProblem::StartIsZero));
    }
}
