//! Customer retention rate from period counts: CRR = (E - N) / S x 100. A leaf that
//! both ingest (checking the rows of a period-counts file) and metrics use.

/// Why S, E and N do not give a retention rate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CountsProblem {
    /// S = 0: no customers at the start, so no share of them can be kept.
    StartIsZero,
    /// E - N < 0: more new customers than customers at the end.
    RetainedNegative,
    /// E - N > S: more customers kept than there were at the start.
    RetainedAboveStart,
    /// A count below zero.
    Negative,
}

/// CRR = (E - N) / S x 100, computed in this order so that anyone recomputing it
/// gets the same f64; `None` when S = 0.
pub fn crr(start: u64, end: u64, new: u64) -> Option<f64> {
    crr_f64(start as f64, end as f64, new as f64)
}

fn crr_f64(start: f64, end: f64, new: f64) -> Option<f64> {
    (start != 0.0).then(|| (end - new) / start * 100.0)
}

/// Churn rate = 100 - CRR.
pub fn churn_from_crr(crr: f64) -> f64 {
    100.0 - crr
}

/// CRR for counts as a person types them (the manual calculator), with the reason
/// when they cannot describe one period.
pub fn checked_crr(start: f64, end: f64, new: f64) -> Result<f64, CountsProblem> {
    if start < 0.0 || end < 0.0 || new < 0.0 {
        return Err(CountsProblem::Negative);
    }
    if start == 0.0 {
        return Err(CountsProblem::StartIsZero);
    }
    if end - new < 0.0 {
        return Err(CountsProblem::RetainedNegative);
    }
    if end - new > start {
        return Err(CountsProblem::RetainedAboveStart);
    }
    crr_f64(start, end, new).ok_or(CountsProblem::StartIsZero)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textbook_example() {
        // 200 customers at the start, 180 at the end, 40 of them new:
        // (180 - 40) / 200 x 100 = 70 %; churn 30 %.
        assert_eq!(crr(200, 180, 40), Some(70.0));
        assert_eq!(churn_from_crr(70.0), 30.0);
    }

    #[test]
    fn undefined_without_customers_at_the_start() {
        assert_eq!(crr(0, 10, 10), None);
    }

    #[test]
    fn checked_inputs() {
        assert_eq!(checked_crr(1000.0, 1010.0, 60.0), Ok(95.0));
        assert_eq!(checked_crr(0.0, 5.0, 5.0), Err(CountsProblem::StartIsZero));
        assert_eq!(checked_crr(100.0, 50.0, 80.0), Err(CountsProblem::RetainedNegative));
        assert_eq!(checked_crr(100.0, 150.0, 10.0), Err(CountsProblem::RetainedAboveStart));
        assert_eq!(checked_crr(-1.0, 5.0, 1.0), Err(CountsProblem::Negative));
        // All kept, none new: 100 %.
        assert_eq!(checked_crr(3.0, 3.0, 0.0), Ok(100.0));
    }
}
