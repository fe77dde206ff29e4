//! Every word on screen, in Dutch and in English.
//!
//! One table per language ([`NL`] and [`EN`]), both of type [`Texts`]: a text
//! missing from either table is a compile error. Sentences with values in them are
//! functions in the same tables, so word order can differ per language.

mod analysis;
pub use analysis::AnalysisTexts;

use crate::ingest::columns::Role;
use crate::ingest::error::{FileError, FileErrorKind, RowError, RowErrorKind};
use crate::ingest::FileKind;
use crate::protocol::WorkerError;
use crate::retention::CountsProblem;

pub use crate::lang::Lang;

/// What a language needs beyond its name: its texts and its way of writing numbers.
impl Lang {
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::En => &EN,
            Lang::Nl => &NL,
        }
    }

    /// `1234.5` as `1.234,5` (nl) or `1,234.5` (en), with `decimals` digits.
    pub fn number(self, value: f64, decimals: usize) -> String {
        let (group, point) = match self {
            Lang::Nl => ('.', ','),
            Lang::En => (',', '.'),
        };
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
}

/// The texts of one language.
pub struct Texts {
    pub lang: Lang,
    /// The analysis of a transaction log (base, cohorts, RFM, segments).
    pub analysis: &'static AnalysisTexts,
    pub language_name: &'static str,
    pub app_title: &'static str,
    pub tagline: &'static str,
    pub privacy_badge: &'static str,
    pub language_label: &'static str,
    pub load_heading: &'static str,
    pub drop_hint: &'static str,
    pub choose_files: &'static str,
    pub load_sample: &'static str,
    pub accepted_hint: &'static str,
    pub status_idle: &'static str,
    pub status_working: &'static str,
    pub status_ready: &'static str,
    pub status_error: &'static str,
    pub sample_name: &'static str,
    pub manual_heading: &'static str,
    pub manual_intro: &'static str,
    pub label_s: &'static str,
    pub label_e: &'static str,
    pub label_n: &'static str,
    pub manual_enter: &'static str,
    pub crr_name: &'static str,
    pub churn_name: &'static str,
    pub formula_crr: &'static str,
    pub formula_churn: &'static str,
    pub how_computed: &'static str,
    pub crr_explain: &'static str,
    pub churn_explain: &'static str,
    pub col_period: &'static str,
    pub col_s: &'static str,
    pub col_e: &'static str,
    pub col_n: &'static str,
    pub chart_title: &'static str,
    pub target_label: &'static str,
    pub target_explain: &'static str,
    pub rows_skipped_label: &'static str,
    pub row_errors_heading: &'static str,
    pub download_errors: &'static str,
    pub error_file_col: &'static str,
    pub error_line_col: &'static str,
    pub error_column_col: &'static str,
    pub error_reason_col: &'static str,
    pub footer: &'static str,
    pub no_figure: &'static str,
    /// "x.csv: 6 rows used, 2 rows skipped (comma-separated, UTF-8)".
    pub file_summary: fn(name: &str, rows: usize, skipped: usize, delimiter: &str, encoding: &str) -> String,
    pub file_error_title: fn(name: &str) -> String,
    /// "42% · 120,000 rows · 85.3 MB/s".
    pub progress_detail: fn(percent: u8, rows: u64, mb_per_s: Option<f64>, lang: Lang) -> String,
    pub paste_heading: &'static str,
    pub paste_placeholder: &'static str,
    pub paste_button: &'static str,
    pub cancel: &'static str,
    pub date_order_question: &'static str,
    pub label_kind: &'static str,
    pub label_delimiter: &'static str,
    pub label_encoding: &'static str,
    pub label_header: &'static str,
    pub label_decimal: &'static str,
    pub label_date_format: &'static str,
    pub label_none: &'static str,
    pub choose: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub apply_columns: &'static str,
    pub panel_title: fn(&str) -> String,
    pub column_n: fn(usize) -> String,
    pub date_format_name: fn(crate::ingest::date::DateFormat) -> String,
    pub kind_title_transactions: &'static str,
    pub kind_title_summary: &'static str,
    pub kind_title_spend: &'static str,
    pub kind_title_survey: &'static str,
    pub kind_title_subscriptions: &'static str,
    pub fig_customers: &'static str,
    pub fig_transactions: &'static str,
    pub fig_revenue: &'static str,
    pub fig_aov: &'static str,
    pub fig_frequency: &'static str,
    pub fig_repeat_rate: &'static str,
    pub fig_top10: &'static str,
    pub fig_mean_frequency: &'static str,
    pub fig_mean_recency: &'static str,
    pub fig_mean_age: &'static str,
    pub fig_spend_total: &'static str,
    pub fig_spend_acquisition: &'static str,
    pub fig_spend_retention: &'static str,
    pub fig_responses: &'static str,
    pub fig_promoters: &'static str,
    pub fig_passives: &'static str,
    pub fig_detractors: &'static str,
    pub fig_subscriptions: &'static str,
    pub fig_active: &'static str,
    pub fig_ended: &'static str,
    /// "… and 12 more in the download".
    pub more_errors: fn(usize) -> String,
    pub chart_alt: fn(periods: usize, first: &str, last: &str, min: f64, max: f64) -> String,
    pub manual_problem: fn(CountsProblem) -> &'static str,
    pub manual_not_a_number: &'static str,
    pub manual_not_whole: &'static str,
    pub role_name: fn(Role) -> &'static str,
    pub kind_name: fn(crate::ingest::FileKind) -> &'static str,
    pub delimiter_name: fn(u8) -> &'static str,
    reason: fn(&RowErrorKind) -> String,
    worker_problem: fn(&WorkerError) -> String,
    file_problem: fn(&FileErrorKind, &Texts) -> String,
    line_word: &'static str,
    column_word: &'static str,
}

impl Texts {
    /// "Line 3, column 3 (eind): 'veel' is not a number."
    pub fn row_error(&self, e: &RowError) -> String {
        format!("{}: {}", self.row_error_place(e), self.row_error_reason(e))
    }

    /// "Line 3, column 3 (eind)".
    pub fn row_error_place(&self, e: &RowError) -> String {
        let mut place = format!("{} {}", self.line_word, e.line);
        if let Some(c) = &e.column {
            place.push_str(&format!(", {} {}", self.column_word, c.index + 1));
            if !c.name.is_empty() {
                place.push_str(&format!(" ({})", c.name));
            }
        }
        place
    }

    /// Why the row was skipped, as a sentence.
    pub fn row_error_reason(&self, e: &RowError) -> String {
        (self.reason)(&e.kind)
    }

    pub fn file_error(&self, e: &FileError) -> String {
        (self.file_problem)(e.kind(), self)
    }

    /// What went wrong with the worker itself.
    pub fn worker_error(&self, e: &WorkerError) -> String {
        (self.worker_problem)(e)
    }

    /// Every skipped row of `files` as a CSV file in this language.
    pub fn row_errors_csv<'a>(&self, files: impl IntoIterator<Item = (&'a str, &'a [RowError])>) -> String {
        let header = [self.error_file_col, self.error_line_col, self.error_column_col, self.error_reason_col];
        crate::export::row_errors_csv(files, header, |e| self.row_error_reason(e))
    }
}

pub static EN: Texts = Texts {
    lang: Lang::En,
    analysis: &analysis::EN,
    language_name: "English",
    app_title: "Retention Calculator",
    tagline: "How well do you keep your customers? Drop your CSV files and see retention and churn.",
    privacy_badge: "Your files never leave this browser",
    language_label: "Language",
    load_heading: "Your data",
    drop_hint: "Drop CSV files here",
    choose_files: "or choose files",
    load_sample: "Load sample data",
    accepted_hint: "An order export (one row per order: customer, date, amount, and any other columns), or \
                    period counts (per period S, E and N), a customer summary, marketing spend, survey scores or \
                    subscriptions. Excel, Shopify, CRM or warehouse exports: any delimiter, Dutch or English column names.",
    status_idle: "No data loaded yet.",
    status_working: "Reading your files…",
    status_ready: "Ready.",
    status_error: "A file could not be used.",
    sample_name: "sample: period counts (synthetic)",
    manual_heading: "Quick calculator",
    manual_intro: "No file at hand? Type the three numbers of one period.",
    label_s: "S: customers at the start",
    label_e: "E: customers at the end",
    label_n: "N: new customers during the period",
    manual_enter: "Enter S, E and N to see the retention rate.",
    crr_name: "Customer retention rate (CRR)",
    churn_name: "Churn rate",
    formula_crr: "CRR = (E − N) / S × 100",
    formula_churn: "Churn = 100 − CRR",
    how_computed: "How is this computed?",
    crr_explain: "Of the customers you had at the start of the period (S), the share you still had at its end: \
                  the customers at the end (E) minus the new ones won during the period (N), divided by S.",
    churn_explain: "The share of the customers at the start that you lost during the period.",
    col_period: "Period",
    col_s: "S (start)",
    col_e: "E (end)",
    col_n: "N (new)",
    chart_title: "CRR and churn per period",
    target_label: "85% target",
    target_explain: "Dashed line: a retention rate above 85% is a common target in marketing literature; \
                     it is a reference, not your figure.",
    rows_skipped_label: "Rows skipped",
    row_errors_heading: "Rows that could not be used",
    download_errors: "Download the full list (CSV)",
    error_file_col: "file",
    error_line_col: "line",
    error_column_col: "column",
    error_reason_col: "reason",
    footer: "Computed entirely in your browser: no file is uploaded, and after loading the page makes no \
             network requests at all (its Content-Security-Policy forbids them).",
    no_figure: "–",
    file_summary: en::file_summary,
    file_error_title: en::file_error_title,
    progress_detail: progress_detail_en,
    paste_heading: "Paste from Excel or Google Sheets",
    paste_placeholder: "Select the cells (with their header row), copy, and paste them here.",
    paste_button: "Use the pasted data",
    cancel: "Cancel",
    date_order_question: "The dates in this file could be day-month or month-day (like 03/04/2024). Choose the order below and read the file again.",
    label_kind: "Kind of file",
    label_delimiter: "Delimiter",
    label_encoding: "Encoding",
    label_header: "First row is a header",
    label_decimal: "Numbers look like",
    label_date_format: "Dates look like",
    label_none: "(none)",
    choose: "Choose…",
    yes: "yes",
    no: "no",
    apply_columns: "Read again with these settings",
    panel_title: |n| format!("How “{n}” was read"),
    column_n: |c| format!("column {c}"),
    date_format_name: |f| format!("{} ({})", f.example(), date_format_order(f, Lang::En)),
    kind_title_transactions: "Transaction log: totals",
    kind_title_summary: "Customer summary",
    kind_title_spend: "Marketing spend",
    kind_title_survey: "Survey: Net Promoter Score",
    kind_title_subscriptions: "Subscriptions",
    fig_customers: "Customers",
    fig_transactions: "Purchases",
    fig_revenue: "Revenue (refunds included)",
    fig_aov: "Average order value",
    fig_frequency: "Purchases per customer",
    fig_repeat_rate: "Repeat customers",
    fig_top10: "Revenue share of the top 10%",
    fig_mean_frequency: "Mean frequency",
    fig_mean_recency: "Mean recency",
    fig_mean_age: "Mean T",
    fig_spend_total: "Total spend",
    fig_spend_acquisition: "Acquisition spend",
    fig_spend_retention: "Retention spend",
    fig_responses: "Responses",
    fig_promoters: "Promoters (9-10)",
    fig_passives: "Passives (7-8)",
    fig_detractors: "Detractors (0-6)",
    fig_subscriptions: "Subscriptions",
    fig_active: "Active",
    fig_ended: "Ended",
    more_errors: en::more_errors,
    chart_alt: en::chart_alt,
    manual_problem: en::manual_problem,
    manual_not_a_number: "that is not a number",
    manual_not_whole: "count whole customers, without a fraction",
    role_name: Role::english,
    kind_name: FileKind::english,
    delimiter_name: en::delimiter_name,
    // English is the domain's own `Display`.
    reason: |k| k.to_string(),
    file_problem: |k, _| k.to_string(),
    worker_problem: |e| e.to_string(),
    line_word: "Line",
    column_word: "column",
};

pub static NL: Texts = Texts {
    lang: Lang::Nl,
    analysis: &analysis::NL,
    language_name: "Nederlands",
    app_title: "Retentiecalculator",
    tagline: "Hoe goed houd je je klanten vast? Sleep je CSV-bestanden hierheen en zie klantbehoud en klantverloop.",
    privacy_badge: "Je bestanden verlaten deze browser nooit",
    language_label: "Taal",
    load_heading: "Je gegevens",
    drop_hint: "Sleep CSV-bestanden hierheen",
    choose_files: "of kies bestanden",
    load_sample: "Voorbeelddata laden",
    accepted_hint: "Een orderexport (één rij per bestelling: klant, datum, bedrag en eventuele andere kolommen), \
                    of aantallen per periode (S, E en N), een klantoverzicht, marketinguitgaven, enquêtescores of \
                    abonnementen. Uit Excel, Shopify, je CRM of datawarehouse: elk scheidingsteken, Nederlandse of \
                    Engelse kolomnamen.",
    status_idle: "Nog geen gegevens geladen.",
    status_working: "Je bestanden worden gelezen…",
    status_ready: "Klaar.",
    status_error: "Een bestand kon niet worden gebruikt.",
    sample_name: "voorbeeld: aantallen per periode (synthetisch)",
    manual_heading: "Snelle rekenhulp",
    manual_intro: "Geen bestand bij de hand? Vul de drie getallen van één periode in.",
    label_s: "S: klanten aan het begin",
    label_e: "E: klanten aan het eind",
    label_n: "N: nieuwe klanten in de periode",
    manual_enter: "Vul S, E en N in om het klantbehoud te zien.",
    crr_name: "Klantbehoud (CRR)",
    churn_name: "Klantverloop (churn)",
    formula_crr: "CRR = (E − N) / S × 100",
    formula_churn: "Churn = 100 − CRR",
    how_computed: "Hoe wordt dit berekend?",
    crr_explain: "Van de klanten die je aan het begin van de periode had (S), het deel dat je aan het eind nog had: \
                  de klanten aan het eind (E) min de nieuwe klanten uit die periode (N), gedeeld door S.",
    churn_explain: "Het deel van de klanten van het begin dat je in de periode kwijtraakte.",
    col_period: "Periode",
    col_s: "S (begin)",
    col_e: "E (eind)",
    col_n: "N (nieuw)",
    chart_title: "CRR en churn per periode",
    target_label: "doel 85%",
    target_explain: "Stippellijn: klantbehoud boven 85% is in de marketingliteratuur een gangbaar doel; \
                     het is een referentie, niet jouw cijfer.",
    rows_skipped_label: "Overgeslagen rijen",
    row_errors_heading: "Rijen die niet gebruikt konden worden",
    download_errors: "Download de volledige lijst (CSV)",
    error_file_col: "bestand",
    error_line_col: "regel",
    error_column_col: "kolom",
    error_reason_col: "reden",
    footer: "Alles wordt in je browser berekend: er wordt geen bestand geüpload, en na het laden doet de pagina \
             geen enkel netwerkverzoek (de Content-Security-Policy verbiedt ze).",
    no_figure: "–",
    file_summary: nl::file_summary,
    file_error_title: nl::file_error_title,
    progress_detail: progress_detail_nl,
    paste_heading: "Plakken uit Excel of Google Sheets",
    paste_placeholder: "Selecteer de cellen (met hun kopregel), kopieer ze en plak ze hier.",
    paste_button: "Gebruik de geplakte gegevens",
    cancel: "Annuleren",
    date_order_question: "De datums in dit bestand kunnen dag-maand of maand-dag zijn (zoals 03/04/2024). Kies hieronder de volgorde en lees het bestand opnieuw.",
    label_kind: "Soort bestand",
    label_delimiter: "Scheidingsteken",
    label_encoding: "Tekenset",
    label_header: "Eerste rij is een kopregel",
    label_decimal: "Getallen zien eruit als",
    label_date_format: "Datums zien eruit als",
    label_none: "(geen)",
    choose: "Kies…",
    yes: "ja",
    no: "nee",
    apply_columns: "Opnieuw lezen met deze instellingen",
    panel_title: |n| format!("Hoe „{n}” gelezen is"),
    column_n: |c| format!("kolom {c}"),
    date_format_name: |f| format!("{} ({})", f.example(), date_format_order(f, Lang::Nl)),
    kind_title_transactions: "Transactielog: totalen",
    kind_title_summary: "Klantoverzicht",
    kind_title_spend: "Marketinguitgaven",
    kind_title_survey: "Enquête: Net Promoter Score",
    kind_title_subscriptions: "Abonnementen",
    fig_customers: "Klanten",
    fig_transactions: "Aankopen",
    fig_revenue: "Omzet (inclusief terugbetalingen)",
    fig_aov: "Gemiddelde orderwaarde",
    fig_frequency: "Aankopen per klant",
    fig_repeat_rate: "Terugkerende klanten",
    fig_top10: "Omzetaandeel van de top 10%",
    fig_mean_frequency: "Gemiddelde frequency",
    fig_mean_recency: "Gemiddelde recency",
    fig_mean_age: "Gemiddelde T",
    fig_spend_total: "Totale uitgaven",
    fig_spend_acquisition: "Uitgaven aan nieuwe klanten",
    fig_spend_retention: "Uitgaven aan klantbehoud",
    fig_responses: "Antwoorden",
    fig_promoters: "Promoters (9-10)",
    fig_passives: "Passives (7-8)",
    fig_detractors: "Criticasters (0-6)",
    fig_subscriptions: "Abonnementen",
    fig_active: "Actief",
    fig_ended: "Beëindigd",
    more_errors: nl::more_errors,
    chart_alt: nl::chart_alt,
    manual_problem: nl::manual_problem,
    manual_not_a_number: "dat is geen getal",
    manual_not_whole: "tel hele klanten, zonder breuk",
    role_name: nl::role_name,
    kind_name: nl::kind_name,
    delimiter_name: nl::delimiter_name,
    reason: nl::reason,
    file_problem: nl::file_problem,
    worker_problem: nl::worker_problem,
    line_word: "Regel",
    column_word: "kolom",
};

fn progress_detail_en(percent: u8, rows: u64, mb_per_s: Option<f64>, lang: Lang) -> String {
    let speed = mb_per_s.map_or(String::new(), |s| format!(" · {} MB/s", lang.number(s, 1)));
    format!("{percent}% · {} rows{speed}", lang.number(rows as f64, 0))
}

fn progress_detail_nl(percent: u8, rows: u64, mb_per_s: Option<f64>, lang: Lang) -> String {
    let speed = mb_per_s.map_or(String::new(), |s| format!(" · {} MB/s", lang.number(s, 1)));
    format!("{percent}% · {} rijen{speed}", lang.number(rows as f64, 0))
}

/// The order of a date format's parts, in words.
fn date_format_order(format: crate::ingest::date::DateFormat, lang: Lang) -> &'static str {
    use crate::ingest::date::DateFormat as F;
    match (format, lang) {
        (F::YearMonthDay | F::Compact, Lang::En) => "year-month-day",
        (F::YearMonthDay | F::Compact, Lang::Nl) => "jaar-maand-dag",
        (F::DayMonthYear, Lang::En) => "day-month-year",
        (F::DayMonthYear, Lang::Nl) => "dag-maand-jaar",
        (F::MonthDayYear, Lang::En) => "month-day-year",
        (F::MonthDayYear, Lang::Nl) => "maand-dag-jaar",
        (F::ExcelSerial, _) => "Excel",
        (F::MonthName, Lang::En) => "month name",
        (F::MonthName, Lang::Nl) => "maandnaam",
    }
}

mod en {
    use super::*;

    pub fn file_summary(name: &str, rows: usize, skipped: usize, delimiter: &str, encoding: &str) -> String {
        let periods = if rows == 1 { "1 row".to_string() } else { format!("{} rows", Lang::En.number(rows as f64, 0)) };
        let skipped = match skipped {
            0 => "no rows skipped".to_string(),
            1 => "1 row skipped".to_string(),
            n => format!("{n} rows skipped"),
        };
        format!("{name}: {periods} used, {skipped} ({delimiter}, {encoding})")
    }

    pub fn file_error_title(name: &str) -> String {
        format!("“{name}” cannot be used")
    }

    pub fn more_errors(n: usize) -> String {
        format!("… and {n} more, all in the download.")
    }

    pub fn chart_alt(periods: usize, first: &str, last: &str, min: f64, max: f64) -> String {
        format!(
            "Line chart of the retention rate and churn rate for {periods} periods, from {first} to {last}. \
             CRR ranges from {} to {}. The table above holds every value.",
            Lang::En.percent(min),
            Lang::En.percent(max)
        )
    }

    pub fn manual_problem(p: CountsProblem) -> &'static str {
        match p {
            CountsProblem::StartIsZero => "S is 0: with no customers at the start there is nothing to retain.",
            CountsProblem::RetainedNegative => {
                "E − N is below 0: there cannot be more new customers than customers at the end."
            }
            CountsProblem::RetainedAboveStart => {
                "E − N is larger than S: you cannot keep more customers than you started with."
            }
            CountsProblem::Negative => "Counts cannot be negative.",
        }
    }

    pub fn delimiter_name(d: u8) -> &'static str {
        match d {
            b';' => "semicolon-separated",
            b'\t' => "tab-separated",
            b'|' => "pipe-separated",
            b' ' => "columns aligned with spaces",
            _ => "comma-separated",
        }
    }
}

mod nl {
    use super::*;

    pub fn kind_name(k: FileKind) -> &'static str {
        match k {
            FileKind::TransactionLog => "een transactielog",
            FileKind::PeriodCounts => "aantallen per periode",
            FileKind::CustomerSummary => "een klantoverzicht",
            FileKind::MarketingSpend => "marketinguitgaven",
            FileKind::Survey => "enquêtescores",
            FileKind::Subscriptions => "abonnementen",
        }
    }

    pub fn file_summary(name: &str, rows: usize, skipped: usize, delimiter: &str, encoding: &str) -> String {
        let periods =
            if rows == 1 { "1 rij".to_string() } else { format!("{} rijen", Lang::Nl.number(rows as f64, 0)) };
        let skipped = match skipped {
            0 => "geen rijen overgeslagen".to_string(),
            1 => "1 rij overgeslagen".to_string(),
            n => format!("{n} rijen overgeslagen"),
        };
        format!("{name}: {periods} gebruikt, {skipped} ({delimiter}, {encoding})")
    }

    pub fn file_error_title(name: &str) -> String {
        format!("„{name}” kan niet worden gebruikt")
    }

    pub fn more_errors(n: usize) -> String {
        format!("… en nog {n}, allemaal in de download.")
    }

    pub fn chart_alt(periods: usize, first: &str, last: &str, min: f64, max: f64) -> String {
        format!(
            "Lijngrafiek van klantbehoud en klantverloop over {periods} periodes, van {first} tot {last}. \
             CRR loopt van {} tot {}. De tabel hierboven bevat alle waarden.",
            Lang::Nl.percent(min),
            Lang::Nl.percent(max)
        )
    }

    pub fn manual_problem(p: CountsProblem) -> &'static str {
        match p {
            CountsProblem::StartIsZero => "S is 0: zonder klanten aan het begin valt er niets te behouden.",
            CountsProblem::RetainedNegative => {
                "E − N is kleiner dan 0: er kunnen niet meer nieuwe klanten zijn dan klanten aan het eind."
            }
            CountsProblem::RetainedAboveStart => {
                "E − N is groter dan S: je kunt niet meer klanten behouden dan je aan het begin had."
            }
            CountsProblem::Negative => "Aantallen kunnen niet negatief zijn.",
        }
    }

    pub fn role_name(r: Role) -> &'static str {
        match r {
            Role::Customer => "de klant (bijv. klantnummer, e-mail, customer id)",
            Role::Date => "de datum (bijv. orderdatum, datum)",
            Role::Amount => "het bedrag (bijv. bedrag, omzet, totaal)",
            Role::Period => "de periode (bijv. periode, maand)",
            Role::Start => "S, klanten aan het begin (bijv. begin, start, S)",
            Role::End => "E, klanten aan het eind (bijv. eind, end, E)",
            Role::New => "N, nieuwe klanten (bijv. nieuw, new, N)",
            Role::Frequency => "frequency (herhaalaankopen)",
            Role::Recency => "recency (eerste tot laatste aankoop)",
            Role::Age => "T (eerste aankoop tot het eind van de gegevens)",
            Role::MonetaryValue => "monetary value (gemiddelde herhaalbesteding)",
            Role::Spend => "de uitgaven (bijv. kosten, spend, budget)",
            Role::SpendType => "het soort uitgave (acquisitie of behoud)",
            Role::Channel => "het kanaal",
            Role::Score => "de score 0-10 (bijv. score, NPS, cijfer)",
            Role::SubscriptionStart => "de startdatum van het abonnement",
            Role::SubscriptionEnd => "de einddatum van het abonnement",
        }
    }

    pub fn delimiter_name(d: u8) -> &'static str {
        match d {
            b';' => "gescheiden door puntkomma's",
            b'\t' => "gescheiden door tabs",
            b'|' => "gescheiden door verticale strepen",
            b' ' => "kolommen uitgelijnd met spaties",
            _ => "gescheiden door komma's",
        }
    }

    pub fn reason(k: &RowErrorKind) -> String {
        match k {
            RowErrorKind::MissingFields { expected, found } => {
                format!("de rij heeft {found} velden, er zijn er {expected} nodig")
            }
            RowErrorKind::MissingValue => "de cel is leeg".into(),
            RowErrorKind::NotANumber { text } => format!("'{text}' is geen getal"),
            RowErrorKind::NotWholeNumber { text } => format!("'{text}' is geen heel aantal klanten"),
            RowErrorKind::NumberTooLarge { text } => format!("'{text}' is te groot (meer dan 10^15)"),
            RowErrorKind::Negative { text } => format!("'{text}' is kleiner dan nul"),
            RowErrorKind::StartIsZero => "S is 0, dus voor deze periode is geen klantbehoud te berekenen".into(),
            RowErrorKind::RetainedNegative { end, new } => {
                format!("E − N is kleiner dan 0: {new} nieuwe klanten maar slechts {end} aan het eind")
            }
            RowErrorKind::RetainedAboveStart { retained, start } => {
                format!("E − N = {retained} is meer dan S = {start}: meer klanten behouden dan er aan het begin waren")
            }
            RowErrorKind::UnclosedQuote => "een aanhalingsteken (\") dat hier opent wordt nooit gesloten".into(),
            RowErrorKind::NotADate { text, format } => {
                format!("'{text}' is geen datum zoals de andere in deze kolom ({})", format.example())
            }
            RowErrorKind::DateDoesNotExist { text } => format!("datum '{text}' bestaat niet"),
            RowErrorKind::DateOutOfRange { text } => format!("datum '{text}' ligt niet tussen 1900 en 2200"),
            RowErrorKind::ScoreOutOfRange { text } => format!("score '{text}' is geen heel getal van 0 tot en met 10"),
            RowErrorKind::EndBeforeStart => "het abonnement eindigt voordat het begint".into(),
            RowErrorKind::RecencyAboveAge => "recency is groter dan T".into(),
            RowErrorKind::BadFrequency { text } => format!("frequency '{text}' is geen heel getal van minstens 0"),
        }
    }

    pub fn worker_problem(e: &WorkerError) -> String {
        match e {
            WorkerError::CannotStart { message } => {
                format!("De pagina kon haar bestandslezer niet starten ({message}).")
            }
            WorkerError::Stopped { message } => {
                format!("Het lezen is gestopt: de browser had te weinig ruimte of faalde ({message}). De pagina zelf werkt nog.")
            }
            WorkerError::NoFile => "De pagina vroeg een bestand te lezen zonder het mee te geven (een fout).".into(),
            WorkerError::NoLog => "Er is geen transactielog geladen.".into(),
            WorkerError::NotUnderstood { message } => {
                format!("De pagina en haar bestandslezer begrepen elkaar niet ({message}); een fout.")
            }
        }
    }

    pub fn file_problem(k: &FileErrorKind, t: &Texts) -> String {
        match k {
            FileErrorKind::Empty => "Het bestand is leeg.".into(),
            FileErrorKind::Unreadable => "De browser kon het bestand niet lezen. Bestaat het nog?".into(),
            FileErrorKind::DateOrderUnsettled => {
                "De datums kunnen dag-maand of maand-dag zijn: kies de volgorde bij de kolommen.".into()
            }
            FileErrorKind::TooLarge { bytes, limit } => format!(
                "Het bestand is {} MB; deze browser kan hoogstens {} MB lezen. Splits het, of exporteer een \
                 klantoverzicht (frequency, recency, T).",
                bytes / 1_000_000,
                limit / 1_000_000
            ),
            FileErrorKind::Cancelled => "Het lezen is afgebroken.".into(),
            FileErrorKind::NoDataRows => "Het bestand heeft een kopregel maar geen gegevensrijen.".into(),
            FileErrorKind::NotText => {
                "Dit is geen tekstbestand. Sla het werkblad op als CSV (in Excel: Opslaan als → CSV) en sleep dat hierheen.".into()
            }
            FileErrorKind::MissingColumn { kind, role } => format!(
                "Dit lijkt op {}, maar de kolom voor {} ontbreekt.",
                (t.kind_name)(*kind),
                (t.role_name)(*role)
            ),
            FileErrorKind::NotRecognised { headers } => format!(
                "De kolommen ({}) worden niet herkend. Verwacht: een transactielog (klant, datum, bedrag), aantallen \
                 per periode (periode, S, E, N), een klantoverzicht (frequency, recency, T), marketinguitgaven, \
                 enquêtescores of abonnementen.",
                headers.join(", ")
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::error::ColumnRef;

    #[test]
    fn numbers_in_each_language() {
        assert_eq!(Lang::Nl.number(1234.5, 1), "1.234,5");
        assert_eq!(Lang::En.number(1234.5, 1), "1,234.5");
        assert_eq!(Lang::En.number(-0.04, 1), "0.0");
        assert_eq!(Lang::Nl.number(-1234567.0, 0), "−1.234.567");
        assert_eq!(Lang::Nl.percent(87.5), "87,5%");
    }

    #[test]
    fn browser_languages() {
        assert_eq!(Lang::from_browser("nl-NL"), Lang::Nl);
        assert_eq!(Lang::from_browser("nl"), Lang::Nl);
        assert_eq!(Lang::from_browser("en-GB"), Lang::En);
        assert_eq!(Lang::from_browser("de-DE"), Lang::En);
    }

    #[test]
    fn row_errors_name_the_place_in_both_languages() {
        let e = RowError::new(
            3,
            Some(ColumnRef { index: 2, name: "eind".into() }),
            RowErrorKind::NotANumber { text: "veel".into() },
        );
        assert_eq!(EN.row_error(&e), "Line 3, column 3 (eind): 'veel' is not a number");
        assert_eq!(NL.row_error(&e), "Regel 3, kolom 3 (eind): 'veel' is geen getal");
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
