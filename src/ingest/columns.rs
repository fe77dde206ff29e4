//! Recognising what a column holds from its header, in Dutch and English.
//!
//! A header can fit several roles (`datum` is the date of an order, or the period of
//! a row of period counts): [`roles_of`] lists every role it fits, best first, and
//! [`assign`] gives each role a kind of file needs its best column.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What a column means to the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    /// Who bought: a customer number, e-mail address, ...
    Customer,
    /// When: the order or transaction date.
    Date,
    /// How much: the order amount (negative for a refund).
    Amount,
    /// The period a row of period counts (or of marketing spend) is about.
    Period,
    /// S: customers at the start of the period.
    Start,
    /// E: customers at the end of the period.
    End,
    /// N: new customers during the period.
    New,
    /// Customer summary: number of repeat purchases.
    Frequency,
    /// Customer summary: time from first to last purchase.
    Recency,
    /// Customer summary: time from first purchase to the end of the calibration period.
    Age,
    /// Customer summary: mean spend per repeat purchase.
    MonetaryValue,
    /// Marketing spend: money spent.
    Spend,
    /// Marketing spend: acquisition or retention.
    SpendType,
    /// Marketing spend: the channel (optional).
    Channel,
    /// Survey: the 0-10 recommendation score.
    Score,
    /// Subscriptions: the day a subscription started.
    SubscriptionStart,
    /// Subscriptions: the day it ended (empty while active).
    SubscriptionEnd,
    /// Purchase opportunities: how many a row's customers had (BG/BB's n).
    Opportunities,
    /// How many customers a row stands for.
    Weight,
    /// Customer base per period (the warehouse SQL's `base`): customers in the base at
    /// the start but not at the end. This and the next three are found only by their
    /// key as the header (`churned`, `new_customers`, ...; [`Role::by_key_only`]).
    Churned,
    /// Of N, those whose first purchase ever is in the period.
    NewCustomers,
    /// N less the new customers.
    Reactivated,
    /// Customers whose first purchase ever is in the period.
    Acquired,
    /// Cohort table (the warehouse SQL's `cohorts`): the cohort's period. This and the
    /// next four are found only by their key as the header.
    Cohort,
    /// Periods since the cohort's.
    Offset,
    /// Customers in the cohort.
    CohortSize,
    /// Of them, those with a purchase at the offset.
    CohortActive,
    /// Their amounts at the offset.
    CohortRevenue,
}

impl Role {
    /// The English description (with examples of column names), as `Display` and
    /// the English page say it.
    pub fn english(self) -> &'static str {
        match self {
            Role::Customer => "customer (e.g. customer id, e-mail, klantnummer)",
            Role::Date => "date (e.g. order date, datum)",
            Role::Amount => "amount (e.g. amount, revenue, bedrag)",
            Role::Period => "period (e.g. period, month)",
            Role::Start => "S, customers at the start (e.g. start, begin, S)",
            Role::End => "E, customers at the end (e.g. end, eind, E)",
            Role::New => "N, new customers (e.g. new, nieuw, N)",
            Role::Frequency => "frequency (repeat purchases)",
            Role::Recency => "recency (first to last purchase)",
            Role::Age => "T (first purchase to the end of the data)",
            Role::MonetaryValue => "monetary value (mean repeat spend)",
            Role::Spend => "spend (e.g. spend, cost, kosten)",
            Role::SpendType => "type of spend (acquisition or retention)",
            Role::Channel => "channel",
            Role::Score => "score 0-10 (e.g. score, NPS, cijfer)",
            Role::SubscriptionStart => "start date of the subscription",
            Role::SubscriptionEnd => "end date of the subscription",
            Role::Opportunities => "purchase opportunities (e.g. periods, opportunities)",
            Role::Weight => "number of customers the row stands for (e.g. weights, count)",
            Role::Churned => "churned (customers lost in the period)",
            Role::NewCustomers => "new customers (first purchase in the period)",
            Role::Reactivated => "reactivated customers",
            Role::Acquired => "acquired (first purchase in the period)",
            Role::Cohort => "cohort (period of the first purchase)",
            Role::Offset => "offset (periods since the cohort's)",
            Role::CohortSize => "cohort size (customers)",
            Role::CohortActive => "active customers at the offset",
            Role::CohortRevenue => "revenue at the offset",
        }
    }
}

impl Role {
    pub const ALL: [Role; 28] = [
        Role::Customer,
        Role::Date,
        Role::Amount,
        Role::Period,
        Role::Start,
        Role::End,
        Role::New,
        Role::Frequency,
        Role::Recency,
        Role::Age,
        Role::MonetaryValue,
        Role::Spend,
        Role::SpendType,
        Role::Channel,
        Role::Score,
        Role::SubscriptionStart,
        Role::SubscriptionEnd,
        Role::Opportunities,
        Role::Weight,
        Role::Churned,
        Role::NewCustomers,
        Role::Reactivated,
        Role::Acquired,
        Role::Cohort,
        Role::Offset,
        Role::CohortSize,
        Role::CohortActive,
        Role::CohortRevenue,
    ];

    /// The stable name used in saved mappings and settings.
    pub fn key(self) -> &'static str {
        match self {
            Role::Customer => "customer",
            Role::Date => "date",
            Role::Amount => "amount",
            Role::Period => "period",
            Role::Start => "start",
            Role::End => "end",
            Role::New => "new",
            Role::Frequency => "frequency",
            Role::Recency => "recency",
            Role::Age => "T",
            Role::MonetaryValue => "monetary_value",
            Role::Spend => "spend",
            Role::SpendType => "spend_type",
            Role::Channel => "channel",
            Role::Score => "score",
            Role::SubscriptionStart => "subscription_start",
            Role::SubscriptionEnd => "subscription_end",
            Role::Opportunities => "periods",
            Role::Weight => "weight",
            Role::Churned => "churned",
            Role::NewCustomers => "new_customers",
            Role::Reactivated => "reactivated",
            Role::Acquired => "acquired",
            Role::Cohort => "cohort",
            Role::Offset => "offset",
            Role::CohortSize => "cohort_size",
            Role::CohortActive => "cohort_active",
            Role::CohortRevenue => "cohort_revenue",
        }
    }

    /// Roles no header rule names: a column plays one only when its header is the
    /// role's key (`new_customers`, `cohort_size`), as the warehouse SQL writes them,
    /// so that they never take a column from an existing kind's roles (`New
    /// customers` stays N in a file of period counts).
    pub fn by_key_only(self) -> bool {
        matches!(
            self,
            Role::Churned
                | Role::NewCustomers
                | Role::Reactivated
                | Role::Acquired
                | Role::Cohort
                | Role::Offset
                | Role::CohortSize
                | Role::CohortActive
                | Role::CohortRevenue
        )
    }

    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == key)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
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

/// Each rule: a role and the phrases that name it; a phrase matches when all of its
/// words occur in the header. Rules are tried in this order, so a specific phrase
/// (`start date`: a subscription start) wins over a general word (`start`: S).
const RULES: &[(Role, &[&[&str]])] = &[
    (
        Role::MonetaryValue,
        &[&["monetary"], &["monetary", "value"], &["gemiddelde", "besteding"], &["zbar"], &["m", "x"]],
    ),
    (Role::Frequency, &[&["frequency"], &["frequentie"], &["x"]]),
    (Role::Recency, &[&["recency"], &["recentheid"], &["t", "x"]]),
    (Role::Opportunities, &[&["periods"], &["opportunities"], &["perioden"], &["kansen"]]),
    (Role::Weight, &[&["weights"], &["weight"], &["gewicht"], &["count"], &["aantal", "klanten"]]),
    (Role::Age, &[&["t"], &["age"], &["klantleeftijd"]]),
    (
        Role::SubscriptionStart,
        &[
            &["start", "date"],
            &["startdatum"],
            &["begindatum"],
            &["ingangsdatum"],
            &["subscription", "start"],
            &["signup"],
            &["signup", "date"],
        ],
    ),
    (
        Role::SubscriptionEnd,
        &[
            &["end", "date"],
            &["einddatum"],
            &["opzegdatum"],
            &["cancel", "date"],
            &["cancellation", "date"],
            &["cancelled", "at"],
            &["churn", "date"],
            &["stopdatum"],
        ],
    ),
    (Role::New, &[&["new"], &["nieuw"], &["nieuwe"], &["acquired"], &["gewonnen"], &["instroom"], &["n"]]),
    (Role::End, &[&["end"], &["eind"], &["einde"], &["eindstand"], &["closing"], &["e"]]),
    (Role::Start, &[&["start"], &["begin"], &["beginstand"], &["beginning"], &["opening"], &["s"]]),
    (
        Role::Score,
        &[
            &["score"],
            &["nps"],
            &["cijfer"],
            &["rating"],
            &["aanbeveling"],
            &["recommend"],
            &["likelihood"],
            &["aanbevelen"],
        ],
    ),
    (
        Role::Spend,
        &[
            &["spend"],
            &["kosten"],
            &["uitgaven"],
            &["budget"],
            &["cost"],
            &["costs"],
            &["besteding"],
            &["bestedingen"],
            &["investering"],
            &["marketingkosten"],
        ],
    ),
    (Role::SpendType, &[&["type"], &["soort"], &["doel"], &["purpose"], &["objective"], &["categorie"], &["category"]]),
    (Role::Channel, &[&["kanaal"], &["channel"], &["medium"], &["bron"], &["source"]]),
    (
        Role::Customer,
        &[
            &["klant"],
            &["klantnummer"],
            &["klantnr"],
            &["klantid"],
            &["klant", "id"],
            &["klantcode"],
            &["customer"],
            &["customer", "id"],
            &["customerid"],
            &["customer", "number"],
            &["client"],
            &["clientnummer"],
            &["email"],
            &["e", "mail"],
            &["emailadres"],
            &["mail"],
            &["debiteur"],
            &["debiteurnummer"],
            &["relatie"],
            &["relatienummer"],
            &["user", "id"],
            &["userid"],
            &["account"],
            &["contact", "id"],
            // Fader and Hardie's summaries (`ID,x,t_x,T,zbar`); only as the whole header.
            &["id"],
        ],
    ),
    (
        Role::Date,
        &[
            &["datum"],
            &["date"],
            &["orderdatum"],
            &["besteldatum"],
            &["aankoopdatum"],
            &["factuurdatum"],
            &["transactiedatum"],
            &["created", "at"],
            &["timestamp"],
            &["tijdstip"],
            &["day"],
            &["dag"],
            &["order", "date"],
            &["invoice", "date"],
            &["purchase", "date"],
            &["datetime"],
        ],
    ),
    (
        Role::Amount,
        &[
            &["bedrag"],
            &["omzet"],
            &["totaal"],
            &["amount"],
            &["revenue"],
            &["total"],
            &["value"],
            &["waarde"],
            &["prijs"],
            &["price"],
            &["sales"],
            &["orderwaarde"],
            &["ordertotaal"],
            &["subtotal"],
            &["netto"],
            &["bruto"],
            &["brutobedrag"],
            &["nettobedrag"],
            &["factuurbedrag"],
            &["verkoop"],
        ],
    ),
    (
        Role::Period,
        &[
            &["p"],
            &["period"],
            &["periode"],
            &["maand"],
            &["month"],
            &["week"],
            &["kwartaal"],
            &["quarter"],
            &["jaar"],
            &["year"],
            &["tijdvak"],
            &["datum"],
            &["date"],
        ],
    ),
];

/// Every role `header` fits, best first.
pub fn roles_of(header: &str) -> Vec<Role> {
    let h = normalize(header);
    let words: Vec<&str> = h.split(' ').filter(|w| !w.is_empty()).collect();
    let mut roles = Vec::new();
    // A header that is one of the phrases exactly beats one that merely contains it.
    // A phrase of one or two letters (`x`, `t`, `id`) only ever names a whole header.
    for exact in [true, false] {
        for &(role, phrases) in RULES {
            let fits = phrases.iter().any(|p| {
                if exact {
                    p.len() == words.len() && p.iter().zip(&words).all(|(a, b)| a == b)
                } else {
                    p.iter().all(|w| words.contains(w)) && !(p.len() == 1 && p[0].len() <= 2)
                }
            });
            if fits && !roles.contains(&role) {
                roles.push(role);
            }
        }
    }
    roles
}

/// The best role for a header, if any.
pub fn role_of(header: &str) -> Option<Role> {
    roles_of(header).first().copied()
}

/// For each wanted role, the column to read it from: the column where the role ranks
/// best (ties: the leftmost), each column used once. `None` where no header fits.
pub fn assign(headers: &[&str], wanted: &[Role]) -> Vec<Option<usize>> {
    let candidates: Vec<Vec<Role>> = headers.iter().map(|h| roles_of(h)).collect();
    let mut taken = vec![false; headers.len()];
    let mut out = vec![None; wanted.len()];
    // Settle the clearest claims first: rank 0 for every role, then rank 1, ...
    for rank in 0..Role::ALL.len() {
        for (w, role) in wanted.iter().enumerate() {
            if out[w].is_some() {
                continue;
            }
            if let Some(col) = (0..headers.len()).find(|&c| !taken[c] && candidates[c].get(rank) == Some(role)) {
                out[w] = Some(col);
                taken[col] = true;
            }
        }
    }
    // The roles named only by their key: the untaken column whose header is the key.
    for (w, role) in wanted.iter().enumerate() {
        if out[w].is_none() && role.by_key_only() {
            let key = normalize(role.key());
            if let Some(col) = (0..headers.len()).find(|&c| !taken[c] && normalize(headers[c]) == key) {
                out[w] = Some(col);
                taken[col] = true;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_count_headers() {
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
    fn transaction_log_headers_in_dutch_and_english() {
        let cases = [
            ("Klantnummer", Role::Customer),
            ("klant-id", Role::Customer),
            ("Klant", Role::Customer),
            ("customer_id", Role::Customer),
            ("E-mail", Role::Customer),
            ("email", Role::Customer),
            ("Orderdatum", Role::Date),
            ("Datum", Role::Date),
            ("order date", Role::Date),
            ("Created at", Role::Date),
            ("Bedrag", Role::Amount),
            ("Omzet", Role::Amount),
            ("Totaal", Role::Amount),
            ("amount", Role::Amount),
            ("Revenue", Role::Amount),
            ("Total", Role::Amount),
        ];
        for (header, role) in cases {
            assert_eq!(role_of(header), Some(role), "{header}");
        }
    }

    #[test]
    fn other_kinds_of_file() {
        assert_eq!(role_of("frequency"), Some(Role::Frequency));
        assert_eq!(role_of("recency"), Some(Role::Recency));
        assert_eq!(role_of("T"), Some(Role::Age));
        assert_eq!(role_of("monetary_value"), Some(Role::MonetaryValue));
        assert_eq!(role_of("Startdatum"), Some(Role::SubscriptionStart));
        assert_eq!(role_of("start date"), Some(Role::SubscriptionStart));
        assert_eq!(role_of("Einddatum"), Some(Role::SubscriptionEnd));
        assert_eq!(role_of("Kosten"), Some(Role::Spend));
        assert_eq!(role_of("ad spend"), Some(Role::Spend));
        assert_eq!(role_of("Soort"), Some(Role::SpendType));
        assert_eq!(role_of("Kanaal"), Some(Role::Channel));
        assert_eq!(role_of("NPS score"), Some(Role::Score));
        assert_eq!(role_of("Cijfer"), Some(Role::Score));
    }

    #[test]
    fn normalizes_accents_case_and_punctuation() {
        assert_eq!(normalize("  Klanten (Begin) "), "klanten begin");
        assert_eq!(normalize("Période_Début"), "periode debut");
    }

    #[test]
    fn assigns_each_role_its_best_column() {
        let headers = ["periode", "nieuw", "begin", "eind", "opmerking"];
        let roles = [Role::Period, Role::Start, Role::End, Role::New];
        assert_eq!(assign(&headers, &roles), vec![Some(0), Some(2), Some(3), Some(1)]);
        // `datum` is both a date and a period: in a log it is the date.
        let headers = ["Klantnummer", "Datum", "Bedrag"];
        assert_eq!(assign(&headers, &[Role::Customer, Role::Date, Role::Amount]), vec![Some(0), Some(1), Some(2)]);
        assert_eq!(assign(&headers, &[Role::Period]), vec![Some(1)]);
    }

    #[test]
    fn the_warehouse_columns_are_found_by_their_key_only() {
        // The base: N is the joined column; new_customers and acquired (which a rule
        // would read as N) get their own roles.
        let headers =
            ["period", "S", "E", "N", "churned", "new_customers", "reactivated", "acquired", "crr", "churn_rate"];
        let roles = [
            Role::Period,
            Role::Start,
            Role::End,
            Role::New,
            Role::Churned,
            Role::NewCustomers,
            Role::Reactivated,
            Role::Acquired,
        ];
        assert_eq!(assign(&headers, &roles), (0..8).map(Some).collect::<Vec<_>>());
        // A plain file's `New customers` stays N.
        let headers = ["periode", "begin", "eind", "New customers"];
        let roles = [Role::Period, Role::Start, Role::End, Role::New, Role::NewCustomers];
        assert_eq!(assign(&headers, &roles), vec![Some(0), Some(1), Some(2), Some(3), None]);
        assert_eq!(roles_of("cohort_size"), vec![]);
        assert_eq!(roles_of("churned"), vec![]);
    }
}
