//! Segment comparison (docs/definitions.md): the customers grouped by the value of
//! another column of the log (channel, region, loyalty member, ...), with retention,
//! churn, order value, frequency, repeat rate and revenue per customer side by side.

use super::base::BaseCounts;
use super::timeline::Timeline;
use super::totals::{customer_refunds, ratio, Sums};
use crate::ingest::CustomerLog;
use serde::{Deserialize, Serialize};

/// Values shown on their own on the page; the rest are summed as [`OTHER`].
pub const SHOWN_VALUES: usize = 12;
pub const OTHER: &str = "(other)";
/// The literature's claim: loyalty-programme members spend about 18% more.
pub const CLAIMED_MEMBER_UPLIFT: f64 = 18.0;

/// The figures of one group of customers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupFigures {
    /// The column's value (`data-segment`).
    pub value: String,
    pub customers_total: u64,
    pub transactions_total: u64,
    pub revenue_total: Option<f64>,
    pub aov: Option<f64>,
    pub purchase_frequency: Option<f64>,
    pub repeat_rate: Option<f64>,
    pub revenue_per_customer: Option<f64>,
    pub crr: Option<f64>,
    pub churn_rate: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub column: String,
    /// By number of customers, largest first; [`OTHER`] last.
    pub groups: Vec<GroupFigures>,
    /// Set when the column looks like a yes/no membership flag.
    pub membership: Option<Membership>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Membership {
    pub yes: String,
    pub no: String,
    /// (revenue per member / revenue per non-member - 1) x 100.
    pub member_spend_uplift: Option<f64>,
}

impl Comparison {
    /// Revenue per member as the literature claims it: the non-members' figure plus
    /// [`CLAIMED_MEMBER_UPLIFT`] %. `None` without a membership column or amounts.
    pub fn claimed_member_revenue(&self) -> Option<f64> {
        let m = self.membership.as_ref()?;
        let no = self.groups.iter().find(|g| g.value == m.no)?.revenue_per_customer?;
        Some(no * (1.0 + CLAIMED_MEMBER_UPLIFT / 100.0))
    }
}

/// The yes and no of a column whose values (an empty one aside) are a yes/no pair.
fn membership_pair<'a>(values: impl Iterator<Item = &'a str>) -> Option<(&'a str, &'a str)> {
    const PAIRS: [(&str, &str); 6] =
        [("yes", "no"), ("ja", "nee"), ("true", "false"), ("y", "n"), ("j", "n"), ("1", "0")];
    let values: Vec<&str> = values.filter(|v| !v.is_empty()).collect();
    let [a, b] = values[..] else { return None };
    PAIRS.iter().find_map(|&(yes, no)| {
        let (la, lb) = (a.to_lowercase(), b.to_lowercase());
        if la == yes && lb == no {
            Some((a, b))
        } else if la == no && lb == yes {
            Some((b, a))
        } else {
            None
        }
    })
}

/// Groups the customers of `log` by attribute `column` (an index into
/// `log.attributes`); with `shown = Some(k)` only the k largest values get a group
/// of their own.
pub fn compare(
    log: &CustomerLog,
    column: usize,
    timeline: &Timeline,
    window: u32,
    shown: Option<usize>,
) -> Option<Comparison> {
    let attribute = log.attributes.get(column)?;
    let values = attribute.values.len();
    let mut customers_per_value = vec![0u64; values];
    for &v in &attribute.of_customer {
        customers_per_value[v as usize] += 1;
    }
    let mut order: Vec<usize> = (0..values).collect();
    order.sort_by(|&a, &b| {
        customers_per_value[b].cmp(&customers_per_value[a]).then_with(|| attribute.values[a].cmp(&attribute.values[b]))
    });
    let own = shown.unwrap_or(values).min(values);
    let groups = if own < values { own + 1 } else { own };
    let mut group_of = vec![own; values];
    for (g, &v) in order.iter().take(own).enumerate() {
        group_of[v] = g;
    }

    let refunds = customer_refunds(log);
    let mut sums = vec![Sums::default(); groups];
    let mut bases: Vec<BaseCounts> = (0..groups).map(|_| BaseCounts::new(timeline)).collect();
    for (c, &v) in attribute.of_customer.iter().enumerate() {
        let g = group_of[v as usize];
        sums[g].add(log, c, refunds[c]);
        bases[g].add(timeline, log.days_of(c), window);
    }
    let name = |g: usize| if g < own { attribute.values[order[g]].to_string() } else { OTHER.to_string() };
    let groups: Vec<GroupFigures> = (0..groups)
        .map(|g| {
            let s = &sums[g];
            let crr = bases[g].pooled_crr();
            let revenue = log.has_amount.then(|| s.revenue());
            GroupFigures {
                value: name(g),
                customers_total: s.customers,
                transactions_total: s.transactions,
                revenue_total: revenue,
                aov: s.aov().filter(|_| log.has_amount),
                purchase_frequency: s.purchase_frequency(),
                repeat_rate: s.repeat_rate(),
                revenue_per_customer: revenue.and_then(|r| ratio(r, s.customers as f64)),
                crr,
                churn_rate: crr.map(|c| 100.0 - c),
            }
        })
        .collect();
    let membership = membership_pair(attribute.values.iter().map(|v| &**v)).map(|(yes, no)| {
        let per_customer = |value: &str| groups.iter().find(|g| g.value == value).and_then(|g| g.revenue_per_customer);
        let uplift = match (per_customer(yes), per_customer(no)) {
            (Some(y), Some(n)) if n > 0.0 => Some((y / n - 1.0) * 100.0),
            _ => None,
        };
        Membership { yes: yes.to_string(), no: no.to_string(), member_spend_uplift: uplift }
    });
    Some(Comparison { column: attribute.name.clone(), groups, membership })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Granularity;
    use crate::metrics::test_log as log;

    #[test]
    fn members_against_the_rest_by_hand() {
        // Members a (Jan 10 + Feb 10, 30 + 30) and b (Jan 20, 40); non-members c (Jan 5,
        // 10 + 20 on one day, then a refund of -5 in Feb) and d (Feb 1, 25).
        let l = log("customer,date,amount,member\n\
                     a,2024-01-10,30,ja\nb,2024-01-20,40,ja\nc,2024-01-05,10,nee\nc,2024-01-05,20,nee\n\
                     d,2024-02-01,25,nee\na,2024-02-10,30,ja\nc,2024-02-11,-5,nee\n");
        let (first, last) = l.span().unwrap();
        let t = Timeline::new(Granularity::Month, first, last);
        let cmp = compare(&l, 0, &t, 30, Some(SHOWN_VALUES)).unwrap();
        assert_eq!(cmp.column, "member");
        let (ja, nee) = (&cmp.groups[0], &cmp.groups[1]);
        assert_eq!(cmp.groups.len(), 2);
        // Two customers each: ties go by value, "ja" before "nee".
        assert_eq!((ja.value.as_str(), ja.customers_total, ja.transactions_total), ("ja", 2, 3));
        assert_eq!((ja.revenue_total, ja.aov, ja.revenue_per_customer), (Some(100.0), Some(100.0 / 3.0), Some(50.0)));
        assert_eq!((ja.purchase_frequency, ja.repeat_rate), (Some(1.5), Some(50.0)));
        assert_eq!((nee.revenue_total, nee.aov, nee.revenue_per_customer), (Some(50.0), Some(55.0 / 3.0), Some(25.0)));
        assert_eq!(nee.repeat_rate, Some(0.0));
        // W = 30, boundaries 02-01 and 03-01. Members: at 02-01 a (01-10 >= 01-02) and
        // b (01-20): S = 2 in Feb; at 03-01 a (02-10 >= 01-30) only: 1 kept of 2.
        // Jan's S is 0. Pooled: 1 / 2.
        assert_eq!((ja.crr, ja.churn_rate), (Some(50.0), Some(50.0)));
        // Non-members: c at 02-01 (01-05 >= 01-02), d not yet; at 03-01 d (02-01 >= 01-30),
        // c gone: S = 1, kept 0.
        assert_eq!((nee.crr, nee.churn_rate), (Some(0.0), Some(100.0)));
        let m = cmp.membership.unwrap();
        assert_eq!((m.yes.as_str(), m.no.as_str()), ("ja", "nee"));
        assert_eq!(m.member_spend_uplift, Some(100.0));
    }

    #[test]
    fn small_groups_are_summed_as_other() {
        let l = log("customer,date,region\na,2024-01-01,N\nb,2024-01-01,N\nc,2024-01-01,Z\nd,2024-01-01,\n");
        let (first, last) = l.span().unwrap();
        let cmp = compare(&l, 0, &Timeline::new(Granularity::Month, first, last), 90, Some(2)).unwrap();
        let groups: Vec<(&str, u64)> = cmp.groups.iter().map(|g| (g.value.as_str(), g.customers_total)).collect();
        // N 2; then "" and Z with one each, "" first by value; Z goes to (other).
        assert_eq!(groups, [("N", 2), ("", 1), (OTHER, 1)]);
        assert_eq!(cmp.groups[0].revenue_total, None);
        assert!(cmp.membership.is_none());
        assert!(compare(&l, 1, &Timeline::new(Granularity::Month, first, last), 90, None).is_none());
    }

    #[test]
    fn membership_flags() {
        assert_eq!(membership_pair(["Yes", "No", ""].into_iter()), Some(("Yes", "No")));
        assert_eq!(membership_pair(["0", "1"].into_iter()), Some(("1", "0")));
        assert_eq!(membership_pair(["ja", "nee", "misschien"].into_iter()), None);
        assert_eq!(membership_pair(["web", "app"].into_iter()), None);
    }
}
