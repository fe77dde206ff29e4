//! The smaller kinds of file (METRICS.md, "Inputs"): customer summaries as a data
//! warehouse pre-aggregates them, marketing spend, survey scores and subscriptions.
//! Each row is checked as it is read; a row that does not make sense is skipped with
//! its reason.

use super::columns::Role;
use super::error::{RowError, RowErrorKind};
use super::period_counts::{parse_period, PeriodLabel};
use super::reader::RowContext;
use crate::calendar::Date;
use serde::{Deserialize, Serialize};

/// One customer in the `lifetimes` layout: x, t_x, T and the mean repeat spend.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummaryRow {
    pub customer: String,
    /// x: repeat purchases.
    pub frequency: f64,
    /// t_x: time from the first to the last purchase.
    pub recency: f64,
    /// T: time from the first purchase to the end of the calibration period.
    pub age: f64,
    pub monetary_value: Option<f64>,
}

/// What marketing money was spent on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SpendKind {
    Acquisition,
    Retention,
    /// The file does not say (no type column, or a value the app does not know).
    Unspecified,
}

impl SpendKind {
    pub const ALL: [SpendKind; 3] = [SpendKind::Acquisition, SpendKind::Retention, SpendKind::Unspecified];

    /// The kind's name in machine form (`acquisition`, `retention`, `unspecified`): the
    /// column panel's choice, and a type word `SpendKind::parse` reads back.
    pub fn key(self) -> &'static str {
        match self {
            SpendKind::Acquisition => "acquisition",
            SpendKind::Retention => "retention",
            SpendKind::Unspecified => "unspecified",
        }
    }

    pub fn from_key(key: &str) -> Option<SpendKind> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    /// From the words of a type column, in Dutch or English: `acquisitie`, `werving`,
    /// `nieuwe klanten`, `acquisition`, `new customers`, `prospecting` / `retentie`,
    /// `behoud`, `loyaliteit`, `bestaande klanten`, `retention`, `loyalty`, `existing`.
    pub fn parse(text: &str) -> SpendKind {
        let t = text.trim().to_lowercase();
        let any = |words: &[&str]| words.iter().any(|w| t.contains(w));
        if any(&["acqui", "werv", "nieuw", "new", "prospect"]) {
            SpendKind::Acquisition
        } else if any(&["reten", "behoud", "loyal", "bestaand", "existing", "keep"]) {
            SpendKind::Retention
        } else {
            SpendKind::Unspecified
        }
    }

    /// From a channel's name, when the type column does not say: paid reach (Google Ads,
    /// Facebook, Meta, Instagram, TikTok, LinkedIn, affiliates, display, SEA, Bing) wins
    /// customers; messages to customers already known (newsletter / nieuwsbrief, e-mail,
    /// loyalty, CRM, push, SMS, klantenservice) keep them.
    pub fn of_channel(channel: &str) -> SpendKind {
        let t = channel.trim().to_lowercase();
        // Whole words; a word of five letters or more also as the start of one
        // ("googleads", "nieuwsbrieven"), so that "sea" is not found in "seasonal".
        let tokens: Vec<&str> = t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let any = |words: &[&str]| {
            words.iter().any(|w| tokens.iter().any(|t| t == w || (w.len() >= 5 && t.starts_with(w))))
                || words.iter().any(|w| w.contains('-') && t.contains(w))
        };
        if any(&[
            "google",
            "adwords",
            "facebook",
            "meta",
            "instagram",
            "tiktok",
            "linkedin",
            "affiliate",
            "display",
            "sea",
            "bing",
            "pinterest",
            "snapchat",
            "youtube",
            "werving",
            "acquisitie",
            "acquisition",
        ]) {
            SpendKind::Acquisition
        } else if any(&[
            "newsletter",
            "nieuwsbrief",
            "e-mail",
            "email",
            "mail",
            "mailing",
            "loyalty",
            "loyaliteit",
            "crm",
            "push",
            "sms",
            "klantenservice",
            "retentie",
            "retention",
            "behoud",
            "klantbehoud",
        ]) {
            SpendKind::Retention
        } else {
            SpendKind::Unspecified
        }
    }

    /// The type column's word, or else the channel's name.
    pub fn classify(type_text: &str, channel: Option<&str>) -> SpendKind {
        match SpendKind::parse(type_text) {
            SpendKind::Unspecified => channel.map_or(SpendKind::Unspecified, SpendKind::of_channel),
            kind => kind,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpendRow {
    pub period: PeriodLabel,
    /// The period column read as a date, when the file's dates could be settled (spend
    /// by day; `2024-03-01` may also be a month's label: see
    /// `metrics::acquisition::spans`).
    pub day: Option<Date>,
    pub spend: f64,
    pub kind: SpendKind,
    pub channel: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveyRow {
    pub customer: Option<String>,
    /// 0-10.
    pub score: u8,
}

/// Customers with the same history over discrete purchase opportunities (BG/BB's
/// input, as `donations.csv` in the `lifetimes` package): x purchases in n
/// opportunities, the last in opportunity t_x; `weight` customers had it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpportunityRow {
    pub frequency: u32,
    pub recency: u32,
    pub periods: u32,
    pub weight: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubscriptionRow {
    pub customer: String,
    pub start: Date,
    /// `None` while the subscription runs.
    pub end: Option<Date>,
}

fn non_negative(cx: &RowContext, role: Role) -> Result<f64, RowError> {
    let v = cx.number(role)?;
    if v < 0.0 {
        return Err(cx.error(role, RowErrorKind::Negative { text: cx.text(role).into() }));
    }
    Ok(v)
}

pub(crate) fn summary_row(cx: &RowContext) -> Result<SummaryRow, RowError> {
    let customer = cx.required(Role::Customer)?.to_string();
    let frequency = cx.number(Role::Frequency)?;
    if frequency < 0.0 || frequency.fract() != 0.0 {
        return Err(cx.error(Role::Frequency, RowErrorKind::BadFrequency { text: cx.text(Role::Frequency).into() }));
    }
    let recency = non_negative(cx, Role::Recency)?;
    let age = non_negative(cx, Role::Age)?;
    if recency > age {
        return Err(cx.error(Role::Recency, RowErrorKind::RecencyAboveAge));
    }
    let monetary_value = cx.optional_number(Role::MonetaryValue)?;
    Ok(SummaryRow { customer, frequency, recency, age, monetary_value })
}

/// A whole number ≥ 0 in `role`'s column.
fn count(cx: &RowContext, role: Role) -> Result<u32, RowError> {
    let v = non_negative(cx, role)?;
    if v.fract() != 0.0 || v > u32::MAX as f64 {
        return Err(cx.error(role, RowErrorKind::BadFrequency { text: cx.text(role).into() }));
    }
    Ok(v as u32)
}

pub(crate) fn opportunity_row(cx: &RowContext) -> Result<OpportunityRow, RowError> {
    let frequency = count(cx, Role::Frequency)?;
    let recency = count(cx, Role::Recency)?;
    let periods = count(cx, Role::Opportunities)?;
    if recency > periods {
        return Err(cx.error(Role::Recency, RowErrorKind::RecencyAboveAge));
    }
    // x purchases need x opportunities up to the last one (and none means recency 0).
    if frequency > recency || (frequency == 0) != (recency == 0) {
        return Err(cx.error(Role::Frequency, RowErrorKind::BadFrequency { text: cx.text(Role::Frequency).into() }));
    }
    let weight = match cx.text(Role::Weight) {
        "" => 1.0,
        _ => non_negative(cx, Role::Weight)?,
    };
    Ok(OpportunityRow { frequency, recency, periods, weight })
}

pub(crate) fn spend_row(cx: &RowContext) -> Result<SpendRow, RowError> {
    let period = parse_period(cx.required(Role::Period)?);
    let day = cx.date(Role::Period).ok();
    let spend = non_negative(cx, Role::Spend)?;
    let channel = Some(cx.text(Role::Channel)).filter(|c| !c.is_empty()).map(str::to_string);
    let chosen = channel.as_deref().and_then(|c| cx.settings.channel_kinds.iter().find(|(n, _)| n == c));
    let kind = match chosen {
        Some(&(_, kind)) => kind,
        None => SpendKind::classify(cx.text(Role::SpendType), channel.as_deref()),
    };
    Ok(SpendRow { period, day, spend, kind, channel })
}

pub(crate) fn survey_row(cx: &RowContext) -> Result<SurveyRow, RowError> {
    let score = cx.number(Role::Score)?;
    if !(0.0..=10.0).contains(&score) || score.fract() != 0.0 {
        return Err(cx.error(Role::Score, RowErrorKind::ScoreOutOfRange { text: cx.text(Role::Score).into() }));
    }
    let customer = Some(cx.text(Role::Customer)).filter(|c| !c.is_empty()).map(str::to_string);
    Ok(SurveyRow { customer, score: score as u8 })
}

pub(crate) fn subscription_row(cx: &RowContext) -> Result<SubscriptionRow, RowError> {
    let customer = cx.required(Role::Customer)?.to_string();
    let start = cx.date(Role::SubscriptionStart)?;
    let end = match cx.text(Role::SubscriptionEnd) {
        "" => None,
        _ => Some(cx.date(Role::SubscriptionEnd)?),
    };
    if end.is_some_and(|e| e < start) {
        return Err(cx.error(Role::SubscriptionEnd, RowErrorKind::EndBeforeStart));
    }
    Ok(SubscriptionRow { customer, start, end })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_file, Dataset};

    #[test]
    fn spend_types_in_dutch_and_english() {
        assert_eq!(SpendKind::parse("Acquisitie"), SpendKind::Acquisition);
        assert_eq!(SpendKind::parse("new customers"), SpendKind::Acquisition);
        assert_eq!(SpendKind::parse("klantbehoud"), SpendKind::Retention);
        assert_eq!(SpendKind::parse("Retention"), SpendKind::Retention);
        assert_eq!(SpendKind::parse("branding"), SpendKind::Unspecified);
        assert_eq!(SpendKind::parse("Werving"), SpendKind::Acquisition);
        assert_eq!(SpendKind::parse("nieuwe klanten"), SpendKind::Acquisition);
        assert_eq!(SpendKind::parse("Loyaliteit"), SpendKind::Retention);
        assert_eq!(SpendKind::parse("bestaande klanten"), SpendKind::Retention);
    }

    #[test]
    fn spend_kinds_from_channel_names() {
        for c in ["Google Ads", "Facebook", "Meta ads", "TikTok", "Affiliate netwerk"] {
            assert_eq!(SpendKind::of_channel(c), SpendKind::Acquisition, "{c}");
        }
        for c in ["Newsletter", "Nieuwsbrief", "E-mail", "Loyalty app", "CRM", "Push"] {
            assert_eq!(SpendKind::of_channel(c), SpendKind::Retention, "{c}");
        }
        assert_eq!(SpendKind::of_channel("Radio"), SpendKind::Unspecified);
        assert_eq!(SpendKind::of_channel("Seasonal campaign"), SpendKind::Unspecified);
        // The type column wins over the channel's name.
        assert_eq!(SpendKind::classify("behoud", Some("Google Ads")), SpendKind::Retention);
        assert_eq!(SpendKind::classify("", Some("Nieuwsbrief")), SpendKind::Retention);
        assert_eq!(SpendKind::classify("", None), SpendKind::Unspecified);
    }

    #[test]
    fn a_dutch_spend_file_by_day() {
        let csv = "datum;kanaal;kosten\n15-01-2024;Google Ads;€ 1.234,56\n16-01-2024;Nieuwsbrief;12,50\n03-02-2024;Radio;100\n";
        let f = read_file("uitgaven.csv", csv.as_bytes()).unwrap();
        let Dataset::MarketingSpend(rows) = &f.dataset else { panic!("{:?}", f.dataset.kind()) };
        let got: Vec<_> = rows.iter().map(|r| (r.day, r.spend, r.kind)).collect();
        assert_eq!(
            got,
            vec![
                (Date::from_ymd(2024, 1, 15), 1234.56, SpendKind::Acquisition),
                (Date::from_ymd(2024, 1, 16), 12.5, SpendKind::Retention),
                (Date::from_ymd(2024, 2, 3), 100.0, SpendKind::Unspecified),
            ]
        );
        assert!(f.errors.listed.is_empty());
        // By month: no days.
        let csv = "maand;soort;kanaal;uitgaven\n2024-01;werving;Google Ads;1.000,00\n2024-02;;Nieuwsbrief;250\n";
        let f = read_file("uitgaven.csv", csv.as_bytes()).unwrap();
        let Dataset::MarketingSpend(rows) = &f.dataset else { panic!("{:?}", f.dataset.kind()) };
        assert!(rows.iter().all(|r| r.day.is_none()));
        assert_eq!((rows[0].kind, rows[1].kind), (SpendKind::Acquisition, SpendKind::Retention));
    }

    #[test]
    fn a_kind_chosen_per_channel_wins_over_the_words() {
        let csv = "datum;kanaal;soort;kosten\n15-01-2024;Radio;;100\n16-01-2024;Google Ads;werving;50\n17-01-2024;Nieuwsbrief;;10\n";
        let first = read_file("u.csv", csv.as_bytes()).unwrap();
        let mut settings = first.settings.clone();
        settings.channel_kinds =
            vec![("Radio".into(), SpendKind::Acquisition), ("Google Ads".into(), SpendKind::Retention)];
        let f = crate::ingest::read_with("u.csv", csv.as_bytes(), settings).unwrap();
        let Dataset::MarketingSpend(rows) = &f.dataset else { panic!("{:?}", f.dataset.kind()) };
        let kinds: Vec<_> = rows.iter().map(|r| r.kind).collect();
        // Radio chosen as acquisition, Google Ads as retention (over its type word), the
        // newsletter as its name says.
        assert_eq!(kinds, vec![SpendKind::Acquisition, SpendKind::Retention, SpendKind::Retention]);
    }

    #[test]
    fn a_customer_summary_with_a_bad_row() {
        let csv = "customer_id,frequency,recency,T,monetary_value\n1,2,30.43,38.86,22.35\n2,1.5,1,2,\n3,0,0,38.86,\n4,1,40,30,5\n";
        let f = read_file("s.csv", csv.as_bytes()).unwrap();
        let Dataset::CustomerSummary(rows) = &f.dataset else { panic!("{:?}", f.dataset.kind()) };
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0],
            SummaryRow {
                customer: "1".into(),
                frequency: 2.0,
                recency: 30.43,
                age: 38.86,
                monetary_value: Some(22.35)
            }
        );
        assert_eq!(rows[1].monetary_value, None);
        let kinds: Vec<_> = f.errors.listed.iter().map(|e| (e.line, e.kind.clone())).collect();
        assert_eq!(
            kinds,
            vec![(3, RowErrorKind::BadFrequency { text: "1.5".into() }), (5, RowErrorKind::RecencyAboveAge)]
        );
    }

    #[test]
    fn summaries_in_the_lifetimes_layout_and_in_fader_and_hardies_notation() {
        let lifetimes = read_file("a.csv", b"ID,frequency,recency,T\n1,2,30.43,38.86\n").unwrap();
        let hardie = read_file("b.csv", b"ID,x,t_x,T,zbar\n1,2,30.43,38.86,22.35\n").unwrap();
        let (Dataset::CustomerSummary(a), Dataset::CustomerSummary(b)) = (&lifetimes.dataset, &hardie.dataset) else {
            panic!("{:?} {:?}", lifetimes.dataset.kind(), hardie.dataset.kind())
        };
        let row =
            |m| SummaryRow { customer: "1".into(), frequency: 2.0, recency: 30.43, age: 38.86, monetary_value: m };
        assert_eq!((a[0].clone(), b[0].clone()), (row(None), row(Some(22.35))));
        // `id` names the customer only as the whole header, never inside `order id`.
        let log = read_file("c.csv", b"order id,klant,datum\n7,K1,2024-01-05\n").unwrap();
        assert_eq!(log.settings.mapping.column(Role::Customer), Some(1));
    }

    #[test]
    fn marketing_spend_survey_and_subscriptions() {
        let f = read_file("m.csv", b"maand;kosten;soort\n2024-01;1.250,50;acquisitie\n2024-01;300;behoud\n").unwrap();
        let Dataset::MarketingSpend(rows) = &f.dataset else { panic!() };
        assert_eq!((rows[0].spend, rows[0].kind), (1250.5, SpendKind::Acquisition));
        assert_eq!(rows[1].kind, SpendKind::Retention);

        let f = read_file("n.csv", b"klant,score\nK1,9\nK2,11\nK3,6\n").unwrap();
        let Dataset::Survey(rows) = &f.dataset else { panic!() };
        assert_eq!(rows.iter().map(|r| r.score).collect::<Vec<_>>(), vec![9, 6]);
        assert_eq!(f.errors.listed[0].kind, RowErrorKind::ScoreOutOfRange { text: "11".into() });

        let f = read_file(
            "a.csv",
            b"klantnummer;startdatum;einddatum\nK1;15-01-2024;30-06-2024\nK2;20-02-2024;\nK3;01-03-2024;01-02-2024\n",
        )
        .unwrap();
        let Dataset::Subscriptions(rows) = &f.dataset else { panic!() };
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].end, Date::from_ymd(2024, 6, 30));
        assert_eq!(rows[1].end, None);
        assert_eq!(f.errors.listed[0].kind, RowErrorKind::EndBeforeStart);
    }
}
