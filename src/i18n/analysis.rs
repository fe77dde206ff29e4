//! The words of the transaction-log analysis (customer base, cohorts, concentration,
//! RFM, segment comparison, NPS), in both languages.

use crate::metrics::rfm::Segment;
use crate::metrics::survey_link::NpsGroup;

pub struct AnalysisTexts {
    pub title: &'static str,
    pub settings_title: &'static str,
    pub granularity_label: &'static str,
    /// Week, month, quarter, year (in `Granularity::ALL` order).
    pub granularity_names: [&'static str; 4],
    pub window_label: &'static str,
    pub segment_label: &'static str,
    pub segment_none: &'static str,
    pub recomputing: &'static str,
    pub window_note: fn(window: u32, complete_from: &str) -> String,
    pub export_json: &'static str,
    pub export_csv: &'static str,

    pub sec_totals: &'static str,
    pub fig_days_median: &'static str,
    pub fig_days_mean: &'static str,
    pub gaps_title: &'static str,
    pub gaps_axis: &'static str,
    pub gap_bins: [&'static str; 8],
    pub gaps_alt: fn(median: &str, mean: &str) -> String,

    pub sec_base: &'static str,
    pub col_churned: &'static str,
    pub col_joined: &'static str,
    pub col_new: &'static str,
    pub col_reactivated: &'static str,
    pub col_acquired: &'static str,
    pub base_explain: &'static str,
    pub undercount_mark: &'static str,
    pub rates_title: &'static str,
    pub flow_title: &'static str,
    pub flow_retained: &'static str,
    pub flow_alt: fn(periods: usize) -> String,

    pub sec_cohorts: &'static str,
    /// Customers %, customers, revenue %, revenue.
    pub cohort_modes: [&'static str; 4],
    pub cohort_mode_label: &'static str,
    pub col_cohort: &'static str,
    pub col_size: &'static str,
    pub offset_axis: &'static str,
    pub heatmap_title: &'static str,
    pub curves_title: &'static str,
    pub average_name: &'static str,
    pub cohort_explain: &'static str,
    pub cohorts_alt: fn(cohorts: usize) -> String,
    pub show_table: fn(cells: usize) -> String,

    pub sec_concentration: &'static str,
    pub fig_top10_ratio: &'static str,
    pub claim_top10: &'static str,
    pub lorenz_title: &'static str,
    pub lorenz_curve: &'static str,
    pub lorenz_equality: &'static str,
    pub lorenz_x: &'static str,
    pub lorenz_y: &'static str,
    pub lorenz_alt: fn(top10: &str) -> String,
    pub concentration_explain: &'static str,

    pub sec_rfm: &'static str,
    pub segment_name: fn(Segment) -> &'static str,
    pub col_segment: &'static str,
    pub col_share: &'static str,
    pub col_recency: &'static str,
    pub col_frequency: &'static str,
    pub col_monetary: &'static str,
    pub download_ids: &'static str,
    pub rfm_explain: &'static str,
    pub rfm_chart_title: &'static str,
    pub rfm_alt: fn(segments: usize) -> String,
    pub rfm_reference: fn(day: &str) -> String,

    pub sec_comparison: &'static str,
    pub comparison_pick: &'static str,
    pub comparison_none: &'static str,
    pub col_value: &'static str,
    pub col_revenue_per_customer: &'static str,
    pub fig_member_uplift: fn(yes: &str) -> String,
    pub claim_member: &'static str,
    pub comparison_explain: &'static str,
    pub comparison_alt: fn(values: usize) -> String,
    pub other_values: &'static str,
    pub empty_value: &'static str,

    pub sec_nps: &'static str,
    pub group_name: fn(NpsGroup) -> &'static str,
    pub col_matched: &'static str,
    pub nps_explain: &'static str,

    pub claim_reference: &'static str,
    pub top10_label: &'static str,
    pub too_many_periods: fn(periods: usize, first: &str, last: &str) -> String,
}

pub static EN: AnalysisTexts = AnalysisTexts {
    title: "Customer base, cohorts and segments",
    settings_title: "Settings",
    granularity_label: "Period",
    granularity_names: ["Week", "Month", "Quarter", "Year"],
    window_label: "Inactive after (days)",
    segment_label: "Compare customers by",
    segment_none: "(no column)",
    recomputing: "Computing…",
    window_note: |w, from| {
        format!(
            "A customer is in the base while their last purchase is at most {w} days old (W = {w}). \
             Before {from} the base is under-counted: purchases from before the file starts are not in it. \
             Periods marked * start before that day."
        )
    },
    export_json: "All figures (JSON)",
    export_csv: "CSV",

    sec_totals: "Totals",
    fig_days_median: "Median days between purchases",
    fig_days_mean: "Mean days between purchases",
    gaps_title: "Time between purchases",
    gaps_axis: "Repeat purchases",
    gap_bins: ["1–7 d", "8–14 d", "15–30 d", "31–60 d", "61–90 d", "91–180 d", "181–365 d", "> 365 d"],
    gaps_alt: |median, mean| {
        format!("Bar chart of the days between a customer's purchases: median {median} days, mean {mean} days.")
    },

    sec_base: "The customer base per period",
    col_churned: "Churned",
    col_joined: "Joined (N)",
    col_new: "New",
    col_reactivated: "Reactivated",
    col_acquired: "Acquired",
    base_explain: "S is the number of customers in the base on a period's first day, E on the first day after it. \
                   Churned: in the base at the start, not at the end. Joined (N): in the base at the end, not at the start; \
                   new if their first purchase ever is in the period, reactivated otherwise. Acquired: first purchase in \
                   the period. CRR = (E − N) / S × 100, churn = 100 − CRR.",
    undercount_mark: "*",
    rates_title: "CRR and churn per period",
    flow_title: "Flow of the customer base",
    flow_retained: "Retained",
    flow_alt: |n| format!("Bar chart per period ({n} periods): customers retained, new and reactivated above zero, churned below."),

    sec_cohorts: "Cohorts",
    cohort_modes: ["Customers %", "Customers", "Revenue %", "Revenue"],
    cohort_mode_label: "Show",
    col_cohort: "Cohort",
    col_size: "Customers",
    offset_axis: "Periods after the first purchase",
    heatmap_title: "Retention by cohort",
    curves_title: "Retention curves",
    average_name: "Weighted average",
    cohort_explain: "A cohort is the customers whose first purchase fell in one period. Offset k shows how many of them \
                     bought again k periods later (k = 0 is 100%), and their revenue then (refunds included). The \
                     weighted average counts every cohort by its size.",
    cohorts_alt: |n| format!("Heatmap of the share of each of {n} cohorts that bought in each later period."),
    show_table: |n| format!("Show the table ({n} cells)"),

    sec_concentration: "Concentration",
    fig_top10_ratio: "Top 10% spend per customer, × the rest",
    claim_top10: "Literature: the top 10% spend about 3× the rest",
    lorenz_title: "Lorenz curve of revenue",
    lorenz_curve: "Revenue",
    lorenz_equality: "Everyone spends the same",
    lorenz_x: "Customers, lowest revenue first",
    lorenz_y: "Share of revenue",
    lorenz_alt: |top| format!("Lorenz curve: the top 10% of customers bring {top} of revenue."),
    concentration_explain: "Customers ranked by their revenue (refunds included). The top 10% are the ceil(10% × \
                            customers) with the most revenue; their mean revenue is compared with the others' mean.",

    sec_rfm: "RFM segments",
    segment_name: |s| match s {
        Segment::Champions => "Champions",
        Segment::Loyal => "Loyal",
        Segment::Promising => "Promising",
        Segment::New => "New",
        Segment::NeedsAttention => "Needs attention",
        Segment::AtRisk => "At risk",
        Segment::CantLose => "Can't lose",
        Segment::Hibernating => "Hibernating",
        Segment::Lost => "Lost",
    },
    col_segment: "Segment",
    col_share: "Share",
    col_recency: "Recency (days, mean)",
    col_frequency: "Frequency (mean)",
    col_monetary: "Monetary (mean)",
    download_ids: "Customer ids",
    rfm_explain: "Recency: days from the last purchase to the day after the last purchase in the file. Frequency: \
                  number of purchase dates. Monetary: revenue. Each becomes a score from 1 to 5 by quintile (equal \
                  values share a score); the segment follows from the R and F scores.",
    rfm_chart_title: "Revenue per segment",
    rfm_alt: |n| format!("Bar chart of revenue for {n} RFM segments."),
    rfm_reference: |day| format!("Recency counted up to {day}."),

    sec_comparison: "Compare segments",
    comparison_pick: "Choose a column above to compare customers by its values.",
    comparison_none: "This log has no other columns to compare customers by.",
    col_value: "Value",
    col_revenue_per_customer: "Revenue per customer",
    fig_member_uplift: |yes| format!("Revenue per customer, '{yes}' against the rest"),
    claim_member: "Literature: loyalty members spend about 18% more",
    comparison_explain: "Customers grouped by the value in their first row. CRR here pools all periods: customers \
                         still in the base at a period's end over those in it at its start.",
    comparison_alt: |n| format!("Bar chart of revenue per customer for {n} values, with the literature's figure for members as a dashed line when the column is a membership flag."),
    other_values: "(other values)",
    empty_value: "(empty)",

    sec_nps: "NPS and behaviour",
    group_name: |g| match g {
        NpsGroup::Promoters => "Promoters (9–10)",
        NpsGroup::Passives => "Passives (7–8)",
        NpsGroup::Detractors => "Detractors (0–6)",
    },
    col_matched: "In the log",
    nps_explain: "Survey answers matched to the log by customer id (a customer's last answer counts). Churn: no \
                  purchase in the last W days of the log.",

    claim_reference: "reference",
    top10_label: "Top 10%",
    too_many_periods: |n, first, last| {
        format!(
            "The purchases run from {first} to {last}: {n} periods, too many to show per period. \
             Choose a longer period, or check the date column for a mistyped year."
        )
    },
};

pub static NL: AnalysisTexts = AnalysisTexts {
    title: "Klantenbestand, cohorten en segmenten",
    settings_title: "Instellingen",
    granularity_label: "Periode",
    granularity_names: ["Week", "Maand", "Kwartaal", "Jaar"],
    window_label: "Inactief na (dagen)",
    segment_label: "Vergelijk klanten op",
    segment_none: "(geen kolom)",
    recomputing: "Bezig met rekenen…",
    window_note: |w, from| {
        format!(
            "Een klant hoort bij het bestand zolang de laatste aankoop hooguit {w} dagen oud is (W = {w}). \
             Vóór {from} is het bestand te laag geteld: aankopen van vóór het begin van het bestand ontbreken. \
             Perioden met * beginnen vóór die dag."
        )
    },
    export_json: "Alle cijfers (JSON)",
    export_csv: "CSV",

    sec_totals: "Totalen",
    fig_days_median: "Mediaan dagen tussen aankopen",
    fig_days_mean: "Gemiddeld dagen tussen aankopen",
    gaps_title: "Tijd tussen aankopen",
    gaps_axis: "Herhaalaankopen",
    gap_bins: ["1–7 d", "8–14 d", "15–30 d", "31–60 d", "61–90 d", "91–180 d", "181–365 d", "> 365 d"],
    gaps_alt: |median, mean| {
        format!("Staafdiagram van de dagen tussen aankopen van een klant: mediaan {median} dagen, gemiddeld {mean} dagen.")
    },

    sec_base: "Het klantenbestand per periode",
    col_churned: "Vertrokken",
    col_joined: "Bijgekomen (N)",
    col_new: "Nieuw",
    col_reactivated: "Teruggekeerd",
    col_acquired: "Geworven",
    base_explain: "S is het aantal klanten in het bestand op de eerste dag van een periode, E op de eerste dag erna. \
                   Vertrokken: bij het begin in het bestand, aan het eind niet. Bijgekomen (N): aan het eind in het \
                   bestand, bij het begin niet; nieuw als hun allereerste aankoop in de periode valt, anders \
                   teruggekeerd. Geworven: eerste aankoop in de periode. CRR = (E − N) / S × 100, churn = 100 − CRR.",
    undercount_mark: "*",
    rates_title: "CRR en churn per periode",
    flow_title: "Stroom van het klantenbestand",
    flow_retained: "Behouden",
    flow_alt: |n| {
        format!("Staafdiagram per periode ({n} perioden): behouden, nieuwe en teruggekeerde klanten boven nul, vertrokken eronder.")
    },

    sec_cohorts: "Cohorten",
    cohort_modes: ["Klanten %", "Klanten", "Omzet %", "Omzet"],
    cohort_mode_label: "Toon",
    col_cohort: "Cohort",
    col_size: "Klanten",
    offset_axis: "Perioden na de eerste aankoop",
    heatmap_title: "Behoud per cohort",
    curves_title: "Behoudcurven",
    average_name: "Gewogen gemiddelde",
    cohort_explain: "Een cohort zijn de klanten met hun eerste aankoop in dezelfde periode. Verschuiving k toont hoeveel \
                     van hen k perioden later weer kochten (k = 0 is 100%), en hun omzet dan (retouren meegeteld). Het \
                     gewogen gemiddelde telt elk cohort naar zijn grootte.",
    cohorts_alt: |n| format!("Heatmap van het deel van elk van {n} cohorten dat in een latere periode kocht."),
    show_table: |n| format!("Toon de tabel ({n} cellen)"),

    sec_concentration: "Concentratie",
    fig_top10_ratio: "Top 10% besteedt per klant × de rest",
    claim_top10: "Literatuur: de top 10% besteedt zo'n 3× de rest",
    lorenz_title: "Lorenzcurve van de omzet",
    lorenz_curve: "Omzet",
    lorenz_equality: "Iedereen besteedt evenveel",
    lorenz_x: "Klanten, laagste omzet eerst",
    lorenz_y: "Aandeel in de omzet",
    lorenz_alt: |top| format!("Lorenzcurve: de top 10% van de klanten brengt {top} van de omzet."),
    concentration_explain: "Klanten gerangschikt naar hun omzet (retouren meegeteld). De top 10% zijn de \
                            ceil(10% × klanten) met de meeste omzet; hun gemiddelde omzet wordt vergeleken met dat van de rest.",

    sec_rfm: "RFM-segmenten",
    segment_name: |s| match s {
        Segment::Champions => "Kampioenen",
        Segment::Loyal => "Trouw",
        Segment::Promising => "Veelbelovend",
        Segment::New => "Nieuw",
        Segment::NeedsAttention => "Aandacht nodig",
        Segment::AtRisk => "Risico",
        Segment::CantLose => "Niet verliezen",
        Segment::Hibernating => "Slapend",
        Segment::Lost => "Verloren",
    },
    col_segment: "Segment",
    col_share: "Aandeel",
    col_recency: "Recency (dagen, gem.)",
    col_frequency: "Frequency (gem.)",
    col_monetary: "Monetary (gem.)",
    download_ids: "Klantnummers",
    rfm_explain: "Recency: dagen van de laatste aankoop tot de dag na de laatste aankoop in het bestand. Frequency: \
                  aantal aankoopdagen. Monetary: omzet. Elk wordt een score van 1 tot 5 per kwintiel (gelijke waarden \
                  krijgen dezelfde score); het segment volgt uit de R- en F-score.",
    rfm_chart_title: "Omzet per segment",
    rfm_alt: |n| format!("Staafdiagram van de omzet van {n} RFM-segmenten."),
    rfm_reference: |day| format!("Recency geteld tot {day}."),

    sec_comparison: "Segmenten vergelijken",
    comparison_pick: "Kies hierboven een kolom om klanten op de waarden ervan te vergelijken.",
    comparison_none: "Dit bestand heeft geen andere kolommen om klanten op te vergelijken.",
    col_value: "Waarde",
    col_revenue_per_customer: "Omzet per klant",
    fig_member_uplift: |yes| format!("Omzet per klant, '{yes}' tegenover de rest"),
    claim_member: "Literatuur: leden van een loyaliteitsprogramma besteden zo'n 18% meer",
    comparison_explain: "Klanten gegroepeerd naar de waarde in hun eerste rij. De CRR telt hier alle perioden samen: \
                         klanten die aan het eind van een periode nog in het bestand zijn, gedeeld door wie er bij het begin in zat.",
    comparison_alt: |n| format!("Staafdiagram van de omzet per klant voor {n} waarden, met het cijfer uit de literatuur voor leden als stippellijn wanneer de kolom een lidmaatschap aangeeft."),
    other_values: "(overige waarden)",
    empty_value: "(leeg)",

    sec_nps: "NPS en gedrag",
    group_name: |g| match g {
        NpsGroup::Promoters => "Promotors (9–10)",
        NpsGroup::Passives => "Passief (7–8)",
        NpsGroup::Detractors => "Criticasters (0–6)",
    },
    col_matched: "In het bestand",
    nps_explain: "Enquêteantwoorden gekoppeld aan het bestand via het klantnummer (het laatste antwoord van een klant \
                  telt). Churn: geen aankoop in de laatste W dagen van het bestand.",

    claim_reference: "referentie",
    top10_label: "Top 10%",
    too_many_periods: |n, first, last| {
        format!(
            "De aankopen lopen van {first} tot {last}: {n} perioden, te veel om per periode te tonen. \
             Kies een langere periode, of kijk de datumkolom na op een verkeerd getypt jaartal."
        )
    },
};
