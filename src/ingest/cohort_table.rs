//! Cohort tables: one row per cohort and offset (`cohort, offset, cohort_size,
//! cohort_active[, cohort_retention][, cohort_revenue, cohort_revenue_pct]`), as the
//! warehouse SQL (`retention sql --what cohorts`) and the page's cohorts CSV write
//! them. The percentages are not read: they follow from the counts and revenue, and
//! are computed again as for a log.

use super::columns::Role;
use super::error::{RowError, RowErrorKind};
use super::period_counts::{parse_period, PeriodLabel};
use super::reader::RowContext;
use crate::calendar::Period;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The largest offset read (the page shows at most this many periods).
pub const MAX_OFFSET: u64 = 1000;

/// One usable row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortRow {
    pub line: u64,
    pub cohort: Period,
    pub offset: u32,
    pub size: u64,
    pub active: u64,
    /// Their amounts at the offset (`None`: no revenue column, or the cell is empty).
    pub revenue: Option<f64>,
}

/// Collects the rows, checking each against the rows before it: one size per cohort,
/// one row per cohort and offset.
#[derive(Debug, Default)]
pub(crate) struct CohortBuilder {
    rows: Vec<CohortRow>,
    sizes: HashMap<Period, u64>,
    cells: std::collections::HashSet<(Period, u32)>,
}

fn count(cx: &RowContext, role: Role) -> Result<u64, RowError> {
    let n = cx.number(role)?;
    let text = || cx.text(role).to_string();
    if n < 0.0 {
        return Err(cx.error(role, RowErrorKind::Negative { text: text() }));
    }
    if n.fract() != 0.0 {
        return Err(cx.error(role, RowErrorKind::NotWholeNumber { text: text() }));
    }
    Ok(n as u64)
}

impl CohortBuilder {
    pub fn row(&mut self, cx: &RowContext) -> Result<(), RowError> {
        let text = cx.required(Role::Cohort)?;
        let PeriodLabel::Period(cohort) = parse_period(text) else {
            return Err(cx.error(Role::Cohort, RowErrorKind::NotAPeriod { text: text.to_string() }));
        };
        let offset = count(cx, Role::Offset)?;
        if offset > MAX_OFFSET {
            return Err(cx.error(Role::Offset, RowErrorKind::OffsetTooLarge { text: cx.text(Role::Offset).into() }));
        }
        let size = count(cx, Role::CohortSize)?;
        let active = count(cx, Role::CohortActive)?;
        if active > size {
            return Err(cx.error(Role::CohortActive, RowErrorKind::ActiveAboveSize { active, size }));
        }
        let revenue = cx.optional_number(Role::CohortRevenue)?;
        if let Some(&earlier) = self.sizes.get(&cohort) {
            if earlier != size {
                return Err(cx.error(Role::CohortSize, RowErrorKind::CohortSizeDiffers { size, earlier }));
            }
        }
        let offset = offset as u32;
        if !self.cells.insert((cohort, offset)) {
            return Err(cx.error(Role::Offset, RowErrorKind::DuplicateCell));
        }
        self.sizes.insert(cohort, size);
        self.rows.push(CohortRow { line: cx.line(), cohort, offset, size, active, revenue });
        Ok(())
    }

    pub fn finish(self) -> Vec<CohortRow> {
        self.rows
    }
}

#[cfg(test)]
mod tests {
    use crate::ingest::{read_file, Dataset, FileKind, RowErrorKind};

    #[test]
    fn a_cohort_table_is_read_and_bad_rows_say_why() {
        let text = "cohort,offset,cohort_size,cohort_active,cohort_retention,cohort_revenue,cohort_revenue_pct\n\
                    2024-01,0,2,2,100,35,100\n\
                    2024-01,1,2,0,0,0,0\n\
                    2024-01,2,2,1,50,26,74.28571428571429\n\
                    2024-02,0,1,1,100,7,100\n\
                    2024-02,1,3,1,100,3,42.857142857142854\n\
                    voorjaar,0,1,1,100,1,100\n\
                    2024-03,0,1,2,200,1,100\n\
                    2024-01,1,2,0,0,0,0\n\
                    2024-03,5000,1,0,0,0,0\n\
                    2024-03,-1,1,0,0,0,0\n\
                    2024-03,1,1,0,0,,\n";
        let f = read_file("cohorts.csv", text.as_bytes()).unwrap();
        assert_eq!(f.settings.mapping.kind, FileKind::Cohorts);
        let Dataset::Cohorts(rows) = &f.dataset else { panic!("{:?}", f.dataset.kind()) };
        let errors: Vec<(u64, &RowErrorKind)> = f.errors.listed.iter().map(|e| (e.line, &e.kind)).collect();
        assert_eq!(
            errors,
            [
                (6, &RowErrorKind::CohortSizeDiffers { size: 3, earlier: 1 }),
                (7, &RowErrorKind::NotAPeriod { text: "voorjaar".into() }),
                (8, &RowErrorKind::ActiveAboveSize { active: 2, size: 1 }),
                (9, &RowErrorKind::DuplicateCell),
                (10, &RowErrorKind::OffsetTooLarge { text: "5000".into() }),
                (11, &RowErrorKind::Negative { text: "-1".into() }),
            ]
        );
        assert_eq!(f.errors.listed[0].column.as_ref().map(|c| c.name.as_str()), Some("cohort_size"));
        let read: Vec<(String, u32, u64, u64, Option<f64>)> =
            rows.iter().map(|r| (r.cohort.to_string(), r.offset, r.size, r.active, r.revenue)).collect();
        assert_eq!(
            read,
            [
                ("2024-01".into(), 0, 2, 2, Some(35.0)),
                ("2024-01".into(), 1, 2, 0, Some(0.0)),
                ("2024-01".into(), 2, 2, 1, Some(26.0)),
                ("2024-02".into(), 0, 1, 1, Some(7.0)),
                ("2024-03".into(), 1, 1, 0, None),
            ]
        );
    }

    #[test]
    fn without_amounts_there_is_no_revenue() {
        let text = "cohort,offset,cohort_size,cohort_active,cohort_retention\n2024-W09,0,4,4,100\n2024-W09,1,4,1,25\n";
        let f = read_file("c.csv", text.as_bytes()).unwrap();
        let Dataset::Cohorts(rows) = &f.dataset else { panic!("{:?}", f.dataset.kind()) };
        assert_eq!(f.errors.total, 0);
        assert_eq!(
            rows.iter().map(|r| (r.offset, r.active, r.revenue)).collect::<Vec<_>>(),
            [(0, 4, None), (1, 1, None)]
        );
    }
}
