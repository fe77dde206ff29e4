//! Nederlands: every text of the page in Dutch, its sentences and its names of things.

use super::calculators::CalculatorTexts;
use super::lifetime::LifetimeTexts;
use super::planner::PlannerTexts;
use super::row_errors::RowErrorTexts;
use super::texts::{AnalysisTexts, Texts};
use crate::ingest::columns::Role;
use crate::ingest::date::DateFormat;
use crate::ingest::error::{FileErrorKind, RowErrorKind};
use crate::ingest::other_kinds::SpendKind;
use crate::ingest::FileKind;
use crate::lang::Lang;
use crate::metrics::lifetime::{ModelKind, SpendFit};
use crate::metrics::planner::Scenario;
use crate::metrics::rfm::Segment;
use crate::metrics::survey_link::NpsGroup;
use crate::models::optimise::{Convergence, FitError, Method};
use crate::protocol::WorkerError;
use crate::retention::CountsProblem;
use crate::sql::{NameError, NameOf, SqlError};

pub static NL: Texts = Texts {
    rows: &ROW_ERRORS,
    calc: &CALCULATORS,
    lang: Lang::Nl,
    analysis: &ANALYSIS,
    lifetime: &LIFETIME,
    planner: &PLANNER,
    language_name: "Nederlands",
    app_title: "Retentiecalculator",
    tagline: "Hoe goed houd je je klanten vast? Sleep je CSV-bestanden hierheen en zie klantbehoud en klantverloop.",
    privacy_badge: "Je bestanden verlaten deze browser nooit",
    printed_on: |day| format!("Rapport gemaakt op {day} met Retention Calculator; er heeft niets deze browser verlaten."),
    language_label: "Taal",
    currency_label: "Valuta",
    share_button: "Deze resultaten delen",
    share_intro: |n| {
        format!(
            "De link bevat alleen de cijfers hieronder (totalen, perioden, cohorten, segmenten, instellingen): geen \
             klantnummer, geen regel uit het bestand. Ze staan na de # en bereiken nooit een server. {n} tekens."
        )
    },
    share_link_label: "Link",
    share_copy: "Link kopiëren",
    share_copied: "Gekopieerd",
    share_contents: "Precies wat de link bevat",
    share_embed_label: "Code om deze cijfers in je site op te nemen",
    embed_button: "Op je site plaatsen",
    embed_intro: "Zet een calculator op je eigen site of blog: plak deze code in de pagina. De calculator draait in de browser van je lezers, in een afgeschermd frame; niets wat ze invullen of neerzetten wordt verstuurd.",
    embed_widget_label: "Calculator",
    embed_widget_names: [
        "Klantretentie (CRR)",
        "Klantverloop (churn)",
        "Klantwaarde (CLV)",
        "Kosten van werven tegenover behouden",
        "LTV:CAC en terugverdientijd",
        "Bestand neerzetten (de hele analyse)",
    ],
    embed_code_label: "Code om in te voegen",
    embed_preview: "Voorbeeld",
    embed_frame_title: "Retentiecalculator",
    warehouse_title: "Data in een datawarehouse?",
    warehouse_intro: "Te veel bestellingen voor een bestand? Geef je tabel en de kolommen, kies je database en \
                      krijg de SQL die de cijfers van deze pagina berekent waar de data staat.",
    warehouse_button: "Schrijf de SQL",
    warehouse_table: "Tabel (bijv. shop.orders)",
    warehouse_customer: "Kolom met het klantnummer",
    warehouse_date: "Kolom met de datum",
    warehouse_amount: "Kolom met het bedrag (optioneel)",
    warehouse_attribute: "Andere kolom om per klant te bewaren (optioneel, bijv. kanaal)",
    warehouse_engine: "Database",
    warehouse_output: "Wat berekenen",
    warehouse_outputs: [
        "Klantoverzicht (modellen voor klantwaarde)",
        "Klantenbestand per periode (S, E, N, verloop)",
        "Cohorttabel",
    ],
    warehouse_settings,
    warehouse_how: "Voer de query uit, bewaar het resultaat als CSV-bestand met een kopregel en sleep dat bestand \
                    op deze pagina: ze herkent het en toont dezelfde cijfers als voor het orderbestand zelf.",
    warehouse_sql: "SQL",
    warehouse_download: "Download .sql",
    snapshot_banner: |file| {
        format!("Gedeelde cijfers van “{file}”, alleen-lezen: sleep het bestand zelf hierheen om instellingen te wijzigen of klanten te exporteren.")
    },
    snapshot_error: |e| {
        use crate::snapshot::SnapshotError as E;
        let why = match e {
            E::TooLong => "hij is te lang voor een momentopname".to_string(),
            E::NotBase64 | E::NotDeflate => "hij is afgekapt of gewijzigd (kopieer de hele link)".to_string(),
            E::NotJson(_) => "de cijfers erin konden niet worden gelezen".to_string(),
            E::Version(v) => format!("hij is gemaakt door een andere versie van deze pagina ({v})"),
        };
        format!("Deze momentopname-link kan niet worden geopend: {why}.")
    },
    load_heading: "Je gegevens",
    drop_hint: "Sleep CSV-bestanden hierheen",
    choose_files: "of kies bestanden",
    load_sample: "Voorbeelddata laden",
    channel_kinds_legend: "Uitgaven per kanaal: klanten werven of behouden? (kies, en pas toe)",
    spend_kind_name: |k| match k {
        SpendKind::Acquisition => "acquisitie (werven)",
        SpendKind::Retention => "retentie (behouden)",
        SpendKind::Unspecified => "geen van beide",
    },
    accepted_hint: "Een orderexport (één rij per bestelling: klant, datum, bedrag en eventuele andere kolommen), \
                    of aantallen per periode (S, E en N), een klantoverzicht, marketinguitgaven, enquêtescores of \
                    abonnementen. Uit Excel, Shopify, je CRM of datawarehouse: elk scheidingsteken, Nederlandse of \
                    Engelse kolomnamen.",
    status_idle: "Nog geen gegevens geladen.",
    status_working: "Je bestanden worden gelezen…",
    status_ready: "Klaar.",
    status_error: "Een bestand kon niet worden gebruikt.",
    sample_name: "voorbeeld: aantallen per periode (synthetisch)",
    col_crr: "CRR",
    col_churn: "Churn",
    fig_nps: "NPS",
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
    footer: "Alles wordt in je browser berekend: er wordt geen bestand geüpload, en na het laden doet de pagina \
             geen enkel netwerkverzoek (de Content-Security-Policy verbiedt ze).",
    file_summary,
    file_error_title,
    progress_detail,
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
    date_format_name: |f| format!("{} ({})", f.example(), date_format_order(f)),
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
    more_errors,
    chart_alt,
    role_name,
    kind_name,
    delimiter_name,
    file_problem,
    worker_problem,
    sql_problem,
    line_word: "Regel",
    column_word: "kolom",
};

pub static ANALYSIS: AnalysisTexts = AnalysisTexts {
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

    sec_acquisition: "Klanten werven versus klanten behouden",
    overview_title: "In één oogopslag",
    overview_trend: |points, up, previous| {
        format!("{} {points} procentpunt t.o.v. {previous}", if up { "▲" } else { "▼" })
    },
    overview_clv: "CLV van een klant (eenvoudig)",
    overview_clv_note: "Marge × omzet per actieve klant per jaar × (1 + d) / (1 + d − r), met de marge en disconteringsvoet van de instellingen voor klantwaarde.",
    nav_label: "Onderdelen",
    nav_names: [
        "Overzicht",
        "Totalen",
        "Klantenbestand per periode",
        "Cohorten",
        "Concentratie",
        "RFM",
        "Segmenten",
        "NPS",
        "Werven vs behouden",
        "Klantwaarde",
        "Budgetplanner",
    ],
    acquisition_explain: [
        "CAC: wervingsuitgaven / klanten met hun eerste aankoop in de periode. Kosten per behouden klant: \
         behoudsuitgaven / klanten die aan het begin in het klantenbestand zaten en aan het eind nog steeds \
         (S − verloren). Verhouding: CAC / kosten per behouden klant, hoeveel keer duurder een nieuwe klant is.",
        "Kosten per bestelling: wervingsuitgaven / bestellingen van nieuwe klanten (in de periode van hun eerste \
         aankoop), behoudsuitgaven / de overige bestellingen. Over de hele looptijd: dezelfde verhoudingen van de totalen.",
        "Uitgaven worden per dag over de perioden verdeeld: uitgaven per dag tellen op in hun periode; een regel \
         die meer perioden beslaat (een kwartaal bij maanden) wordt naar rato van de dagen verdeeld. Werving of \
         behoud volgt uit de soortkolom, of anders uit de naam van het kanaal (Google Ads, Facebook, TikTok: \
         werving; nieuwsbrief, e-mail, CRM, loyaliteit: behoud).",
    ],
    col_acquisition_spend: "Wervingsuitgaven",
    col_retention_spend: "Behoudsuitgaven",
    fig_cpo_new: "Kosten per bestelling, nieuwe klanten",
    fig_cpo_existing: "Kosten per bestelling, bestaande klanten",
    ltv_cac_note: "CLV: de eenvoudige CLV uit het bestand met de marge en disconteringsvoet van de instellingen voor klantwaarde; terugverdientijd: CAC / (marge × omzet per actieve klant per jaar / 12).",
    literature: "marketingliteratuur",
    claim_cpo_ratio: "Marketingliteratuur: een bestelling van een nieuwe klant kost 5–20× zoveel als van een bestaande klant",
    acquisition_split: "Sommige uitgavenregels beslaan meer dan één periode; ze zijn naar rato van hun dagen over de perioden verdeeld.",
    spend_entry_title: "Geen uitgavenbestand? Typ uw marketinguitgaven per maand",
    spend_entry_intro: "Acquisitie: uitgaven om nieuwe klanten te werven (advertenties, affiliates); retentie: uitgaven \
        om klanten te behouden (nieuwsbrieven, loyaliteit). De bedragen worden een klein uitgavenbestand, dat naast \
        het bestand wordt gelezen alsof het erbij was gesleept.",
    spend_entry_bad: "Sommige bedragen zijn geen getallen van 0 of meer: verbeter ze om de uitgaven te gebruiken.",
    spend_entry_use: "Deze uitgaven gebruiken",
    cost_bars: ["Nieuwe klant", "Behouden klant", "Order, nieuw", "Order, bestaand"],
    channels_heading: "Per kanaal",
    col_channel: "Kanaal",
    channels_attributed: |column| {
        format!(
            "Nieuwe klanten per kanaal: de klanten bij wie de kolom “{column}” in het bestand het kanaal noemt \
             (een kanaal dat geen klant noemt heeft geen CAC). Behouden klanten en bestellingen van bestaande \
             klanten: het hele klantenbestand, dat retentie-uitgaven bereiken."
        )
    },
    channels_unattributed: "Het bestand zegt niet via welk kanaal een klant kwam: de CAC van een kanaal is zijn \
        uitgaven gedeeld door alle nieuwe klanten (samen de totale CAC). Behouden klanten en bestellingen van \
        bestaande klanten: het hele klantenbestand.",
    acquisition_outside: |amount| format!("{amount} aan uitgaven valt buiten de perioden van het bestand en is niet gebruikt."),
    acquisition_unplaced: |n| {
        if n == 1 {
            "1 uitgavenregel noemt geen leesbare periode of datum en is niet gebruikt.".to_string()
        } else {
            format!("{n} uitgavenregels noemen geen leesbare periode of datum en zijn niet gebruikt.")
        }
    },

    claim_reference: "referentie",
    top10_label: "Top 10%",
    too_many_periods: |n, first, last| {
        format!(
            "De aankopen lopen van {first} tot {last}: {n} perioden, te veel om per periode te tonen. \
             Kies een langere periode, of kijk de datumkolom na op een verkeerd getypt jaartal."
        )
    },
};

fn progress_detail(percent: u8, rows: u64, mb_per_s: Option<f64>, lang: Lang) -> String {
    let speed = mb_per_s.map_or(String::new(), |s| format!(" · {} MB/s", lang.number(s, 1)));
    format!("{percent}% · {} rijen{speed}", lang.number(rows as f64, 0))
}

/// The order of a date format's parts, in words.
fn date_format_order(format: DateFormat) -> &'static str {
    match format {
        DateFormat::YearMonthDay | DateFormat::Compact => "jaar-maand-dag",
        DateFormat::DayMonthYear => "dag-maand-jaar",
        DateFormat::MonthDayYear => "maand-dag-jaar",
        DateFormat::ExcelSerial => "Excel",
        DateFormat::MonthName => "maandnaam",
    }
}

pub fn kind_name(k: FileKind) -> &'static str {
    match k {
        FileKind::TransactionLog => "een transactielog",
        FileKind::PeriodCounts => "aantallen per periode",
        FileKind::CustomerSummary => "een klantoverzicht",
        FileKind::MarketingSpend => "marketinguitgaven",
        FileKind::Survey => "enquêtescores",
        FileKind::Subscriptions => "abonnementen",
        FileKind::Opportunities => "aankoopkansen",
        FileKind::Cohorts => "een cohorttabel",
    }
}

pub fn file_summary(name: &str, rows: usize, skipped: usize, delimiter: &str, encoding: &str) -> String {
    let periods = if rows == 1 { "1 rij".to_string() } else { format!("{} rijen", Lang::Nl.number(rows as f64, 0)) };
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
        Role::Opportunities => "aankoopkansen (bijv. periods, perioden, kansen)",
        Role::Weight => "aantal klanten per rij (bijv. weights, aantal klanten)",
        Role::Churned => "verloren klanten (churned)",
        Role::NewCustomers => "nieuwe klanten (eerste aankoop in de periode)",
        Role::Reactivated => "teruggekeerde klanten (reactivated)",
        Role::Acquired => "gewonnen klanten (acquired: eerste aankoop in de periode)",
        Role::Cohort => "het cohort (periode van de eerste aankoop)",
        Role::Offset => "de offset (perioden na die van het cohort)",
        Role::CohortSize => "de grootte van het cohort (klanten)",
        Role::CohortActive => "actieve klanten bij de offset",
        Role::CohortRevenue => "de omzet bij de offset",
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
        RowErrorKind::CountsDisagree { expected, found } => {
            format!("het bestand zegt {found}, maar S, E en N geven {expected}")
        }
        RowErrorKind::NotAPeriod { text } => {
            format!("'{text}' is geen periode zoals 2024-03, 2024-Q1, 2024-W09 of 2024")
        }
        RowErrorKind::OffsetTooLarge { text } => {
            format!("offset '{text}' is meer dan {} perioden", crate::ingest::cohort_table::MAX_OFFSET)
        }
        RowErrorKind::CohortSizeDiffers { size, earlier } => {
            format!("het cohort is hier {size} klanten groot, maar {earlier} in een eerdere rij")
        }
        RowErrorKind::ActiveAboveSize { active, size } => {
            format!("{active} actieve klanten is meer dan de {size} van het cohort")
        }
        RowErrorKind::DuplicateCell => "een eerdere rij gaf dit cohort en deze offset al".into(),
    }
}

fn warehouse_settings(granularity: &str, window: u32, unit: &str, calibration_end: Option<&str>) -> String {
    let end = calibration_end.map_or("de laatste aankoopdatum".to_string(), str::to_string);
    format!(
        "Met de instellingen van deze pagina: periode {granularity}, venster W = {window} dagen; voor het \
         klantoverzicht tijd in {unit}, einde kalibratie {end}. Wijzig ze op de pagina om de SQL te wijzigen."
    )
}

fn name_of(of: NameOf) -> &'static str {
    match of {
        NameOf::Table => "de tabel",
        NameOf::Customer => "de klantkolom",
        NameOf::Date => "de datumkolom",
        NameOf::Amount => "de bedragkolom",
        NameOf::Attribute => "de andere kolom",
    }
}

fn sql_problem(e: &SqlError) -> String {
    match e {
        SqlError::Name(NameError::Empty(NameOf::Table)) => {
            "De naam van de tabel (of een deel ervan tussen punten) is leeg.".into()
        }
        SqlError::Name(NameError::Empty(of)) => format!("De naam van {} is leeg.", name_of(*of)),
        SqlError::Name(NameError::ControlCharacter(of)) => {
            format!("De naam van {} bevat een regeleinde, tab of ander stuurteken.", name_of(*of))
        }
        SqlError::Name(NameError::TooLong(of)) => {
            format!("De naam van {} is langer dan {} tekens.", name_of(*of), crate::sql::names::MAX_NAME_CHARS)
        }
        SqlError::Window(w) => {
            format!("Het venster moet 1 tot {} dagen zijn, niet {w}.", crate::metrics::analysis::MAX_WINDOW_DAYS)
        }
        SqlError::AttributeClashes(name) => {
            format!("De andere kolom '{name}' heeft de naam van een kolom van het klantoverzicht.")
        }
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
            "Dit is geen tekstbestand. Sla het werkblad op als CSV (in Excel: Opslaan als → CSV) en sleep dat hierheen."
                .into()
        }
        FileErrorKind::MissingColumn { kind, role } => {
            format!("Dit lijkt op {}, maar de kolom voor {} ontbreekt.", (t.kind_name)(*kind), (t.role_name)(*role))
        }
        FileErrorKind::NotRecognised { headers } => format!(
            "De kolommen ({}) worden niet herkend. Verwacht: een transactielog (klant, datum, bedrag), aantallen \
             per periode (periode, S, E, N), een klantoverzicht (frequency, recency, T), marketinguitgaven, \
             enquêtescores of abonnementen.",
            headers.join(", ")
        ),
    }
}

pub static LIFETIME: LifetimeTexts = LifetimeTexts {
    title: "Klantwaarde (CLV)",
    intro: "Wat uw klanten waard zijn en wie nog actief is, uit modellen die in deze browser op uw eigen gegevens worden \
            geschat: BG/NBD en Pareto/NBD voor hoe vaak klanten kopen en of ze nog klant zijn, Gamma-Gamma voor wat ze \
            per aankoop besteden.",
    time_unit_label: "Tijdseenheid",
    unit_names: ["dag", "week", "maand"],
    unit_plural: ["dagen", "weken", "maanden"],
    calibration_label: "Einde kalibratie",
    calibration_hint: "Aankopen na deze datum vormen de toetsperiode waartegen de modellen worden gecontroleerd.",
    horizon_label: |unit| format!("Horizon ({unit})"),
    margin_label: "Marge (%)",
    discount_label: "Disconteringsvoet per jaar (%)",
    fitting: "Modellen worden geschat…",
    fit_failed: "De modellen konden niet worden geschat:",
    summary_note: |unit| format!("De tijden in het klantoverzicht worden gelezen als {unit}; kies een andere tijdseenheid als het bestand die gebruikt."),
    same_day_note: "Meerdere bestellingen op één dag tellen als één aankoop: x is het aantal verschillende aankoopdata na de eerste.",

    models_title: "Geschatte modellen",
    col_parameter: "Parameter",
    col_estimate: "Schatting",
    col_se: "Standaardfout",
    col_interval: "95%-interval",
    log_likelihood: "Log-likelihood",
    convergence: |c| match c {
        Convergence::Gradient => "geconvergeerd (gradiënt ≈ 0)",
        Convergence::Function => "gestopt: de likelihood verandert niet meer (gradiënt nog niet ≈ 0)",
        Convergence::NotConverged => "niet geconvergeerd",
    },
    method: |m| match m {
        Method::Bfgs => "BFGS",
        Method::NelderMead => "Nelder-Mead (terugval)",
    },
    diagnostics: |iterations, starts, gradient, ms| {
        format!("{iterations} iteraties, beste van {starts} startpunten, grootste gradiënt {gradient}, {ms} ms")
    },
    fitted_on: |customers, distinct| format!("Geschat op {customers} klanten ({distinct} verschillende geschiedenissen)."),
    fit_error: |e| match e {
        FitError::NotEnoughData { needed, got } => {
            format!("te weinig klanten om te schatten: {got}, minstens {needed} nodig.")
        }
        FitError::NoFiniteStart => "de likelihood is voor deze gegevens niet te berekenen.".into(),
    },
    spend_problem: |p| match p {
        SpendFit::NoAmounts => "Geen bedragen: zonder bedragen is er geen bestedingsmodel en geen CLV.".into(),
        SpendFit::DoesNotFit { q } => format!(
            "Het bestedingsmodel past niet bij deze bedragen (q = {q:.3} ≤ 1, dus de gemiddelde besteding is oneindig); de CLV wordt niet getoond."
        ),
    },
    model_explain: |k| match k {
        ModelKind::BgNbd => "BG/NBD (Fader, Hardie & Lee 2005): zolang een klant actief is koopt die met een Poisson-tempo \
                             (gamma-verdeeld over klanten, r en α) en na elke aankoop haakt die af met kans p (bèta-verdeeld, a en b).",
        ModelKind::ParetoNbd => "Pareto/NBD (Schmittlein, Morrison & Colombo 1987): aankopen als bij BG/NBD, maar een klant kan op \
                                 elk moment afhaken, na een exponentiële levensduur (gamma-verdeeld tempo, s en β).",
        ModelKind::MbgNbd => "MBG/NBD (Batislam, Denizel & Filiztekin 2007): BG/NBD waarin een klant ook direct na de eerste \
                              aankoop kan afhaken, zodat een eenmalige koper niet voor actief wordt gehouden.",
        ModelKind::GammaGamma => "Gamma-Gamma (Fader & Hardie 2013): de besteding per aankoop varieert rond het eigen gemiddelde van \
                                  een klant (vorm p), en die gemiddelden variëren over klanten (q, v). Geschat op klanten met een herhaalaankoop.",
        ModelKind::BgBb => "BG/BB (Fader, Hardie & Shang 2010): bij elke kans (een jaar, een editie) koopt een actieve klant met \
                            kans p (bèta-verdeeld, α en β) en haakt af met kans θ (bèta-verdeeld, γ en δ).",
    },
    no_se: "niet beschikbaar (de likelihood is daar vlak)",

    fig_customers: "Klanten in de modellen",
    fig_p_alive_mean: "Gemiddelde P(actief)",
    fig_expected: |h| format!("Verwachte aankopen in de komende {h}"),
    fig_clv_mean: |h| format!("Gemiddelde CLV over {h}"),
    fig_clv_total: "Totale CLV",
    fig_lapsed: "Waarschijnlijk afgehaakt (P(actief) < 50%)",
    interval_note: |low, high| format!("95%-interval {low} – {high}"),
    figures_explain: [
        "P(actief): de kans dat een klant aan het einde van de kalibratie nog actief is, gegeven het aantal herhaalaankopen x, \
         het moment van de laatste aankoop t_x en de klantleeftijd T (BG/NBD).",
        "Verwachte aankopen: de aankopen die BG/NBD van elke klant over de horizon verwacht, gegeven diens geschiedenis.",
        "CLV: marge × verwachte besteding per aankoop (Gamma-Gamma) × de verwachte aankopen in elke stap van de horizon, \
         elk verdisconteerd vanaf het midden van de stap tegen de jaarlijkse disconteringsvoet omgerekend naar de tijdseenheid.",
        "Intervallen: 95%-intervallen uit de covariantie van de geschatte modellen (de inverse Hessiaan van de log-likelihood in \
         log-parameters, omgerekend als J·H⁻¹·J), via de deltamethode doorgerekend naar elk getal.",
    ],

    backtest_title: "Toets tegen de toetsperiode",
    no_holdout: "Kies een einde van de kalibratie vóór de laatste aankoopdatum om de modellen te toetsen aan wat daarna gebeurde.",
    holdout_span: |first, last, length| format!("Toetsperiode: {first} tot en met {last} ({length})."),
    fig_holdout_actual: "Herhaalaankopen in de toetsperiode",
    fig_holdout_predicted: "Voorspeld door BG/NBD",
    fig_pnbd_predicted: "Voorspeld door Pareto/NBD",
    col_model: "Model",
    col_mae: "Gemiddelde absolute fout per klant",
    col_total_error: "Fout van het totaal",
    verdict: |better, worse, by_holdout| {
        if by_holdout {
            format!("{better} voorspelde de toetsperiode beter dan {worse} (kleinere fout per klant).")
        } else {
            format!("{better} past beter bij de kalibratiegegevens dan {worse} (hogere log-likelihood, evenveel parameters).")
        }
    },
    cumulative_title: "Herhaalaankopen in de toetsperiode, cumulatief",
    cumulative_x: |unit| format!("{unit} na het einde van de kalibratie"),
    cumulative_y: "Aankopen",
    actual_name: "Werkelijk",
    by_x_title: "Aankopen per klant in de toetsperiode naar aankopen in de kalibratie",
    by_x_x: "Herhaalaankopen in de kalibratie (x)",
    by_x_y: "Gemiddelde aankopen in de toetsperiode",
    cumulative_alt: |actual, predicted| format!("Lijngrafiek: {actual} werkelijke herhaalaankopen in de toetsperiode tegenover {predicted} voorspeld door BG/NBD."),
    by_x_alt: |n| format!("Lijngrafiek van de gemiddelde aankopen in de toetsperiode, werkelijk en voorspeld, voor {n} groepen klanten naar hun aankopen in de kalibratie."),
    backtest_explain: "Toetsperiode: elke aankoopdatum na het einde van de kalibratie tot en met de laatste datum in het bestand, \
                       van de klanten wier eerste aankoop op of vóór dat einde ligt. Voorspeld: de som van de voorwaardelijk \
                       verwachte aankopen van elke klant over de lengte van de toetsperiode.",

    histogram_title: "Klanten naar CLV",
    histogram_x: "CLV",
    histogram_y: "Klanten",
    histogram_alt: |n, mean| format!("Staafgrafiek van {n} klanten naar hun CLV; gemiddeld {mean}."),
    matrix_title: |t| format!("P(actief) naar aankopen en recentheid (een klant met leeftijd T = {t})"),
    matrix_x: "Moment van de laatste aankoop (t_x)",
    matrix_y: "Herhaalaankopen (x)",
    matrix_alt: |rows| format!("Heatmap van P(actief) voor {rows} aantallen herhaalaankopen naar het moment van de laatste aankoop."),

    table_title: "Per klant",
    search_label: "Zoek een klant",
    col_customer: "Klant",
    col_x: "x",
    col_t_x: "t_x",
    col_t: "T",
    col_monetary: "Gem. herhaalbesteding",
    col_p_alive: "P(actief)",
    col_expected: "Verwachte aankopen",
    col_spend: "Verwachte besteding",
    col_clv: "CLV",
    col_stake: "CLV indien actief",
    col_holdout: "Aankopen in toetsperiode",
    rows_of: |from, to, of| format!("Rijen {from}–{to} van {of}"),
    export_table: "Download de tabel (CSV)",
    activation_title: "Waarschijnlijk afgehaakt, maar het meest waard",
    activation_explain: "Klanten met P(actief) onder 50%, naar de CLV die ze zouden hebben als ze nog actief waren (CLV / P(actief)): \
                         de klanten die een terugwincampagne het meest waard zijn.",
    export_activation: "Download de activatielijst (CSV)",


    opportunities_title: "Aankoopkansen (BG/BB)",
    col_weight: "Klanten",
    col_periods: "Kansen (n)",
    col_alive_next: "P(actief)",
    col_expected_next: |n| format!("Verwachte aankopen in de volgende {n}"),
    subscriptions_title: "Abonnementen: overleving en de sBG-projectie",
    km_title: "Aandeel abonnementen dat nog loopt",
    km_x: |unit| format!("{unit} sinds de start"),
    km_y: "Loopt nog (%)",
    km_name: "Kaplan-Meier",
    band_name: "95%-band",
    sbg_name: "sBG-projectie",
    km_alt: |n, last| format!("Lijngrafiek van het aandeel abonnementen dat nog loopt over {n} perioden, {last} aan het einde."),
    col_period: "Periode",
    col_at_risk: "Onder risico",
    col_lost: "Beëindigd",
    col_survival: "Overleving (KM)",
    col_projected: "Projectie (sBG)",
    fig_remaining: |unit| format!("Verwachte resterende looptijd van een nieuwe abonnee ({unit}, verdisconteerd)"),
    fig_remaining_value: "Waarde van een nieuwe abonnee",
    value_per_period_label: "Waarde per periode",
    survivors_label: "Of typ het aantal overgebleven abonnees per periode",
    survivors_hint: "bijv. 1000, 631, 468, 382, 326",
    survivors_problem: "Typ minstens drie getallen die niet toenemen.",
    subscriptions_explain: "Kaplan-Meier: per periode sinds de start het aandeel dat nog loopt onder wie zo lang gevolgd kon worden \
                            (nog lopende abonnementen tellen mee tot hun laatste volle periode), met de 95%-band van Greenwood. \
                            sBG (Fader & Hardie 2007): elke abonnee stopt na een periode met een eigen kans, bèta-verdeeld over \
                            abonnees (α, β); geschat op de overleving projecteert het de retentie voorbij de gegevens.",
};

pub static PLANNER: PlannerTexts = PlannerTexts {
    title: "Budgetplanner: wat als?",
    intro: "Het klantenbestand, de omzet en de winst per maand, doorgerekend met de eigen retentie, bestellingen \
            en orderwaarde van dit bestand (en de CAC en kosten per behouden klant uit het uitgavenbestand). Verschuif \
            een schuifregelaar: de prognose volgt. Hetzelfde extra bedrag per maand gaat dan naar klanten werven en \
            naar klanten behouden, en die twee worden vergeleken.",
    no_baseline: "Het bestand is te kort, of heeft geen bedragen, om retentie en orderwaarde te meten: de planner \
                  heeft minstens 56 dagen aankopen met bedragen nodig.",
    years: "Jaren vooruit",
    years_n: |n| if n == 1 { "1 jaar".to_string() } else { format!("{n} jaar") },
    retention_points: "Jaarlijkse retentie, + of − procentpunten",
    acquisition: "Acquisitiebudget per maand",
    cac: "Kosten per nieuwe klant (CAC)",
    aov: "Gemiddelde orderwaarde",
    margin: "Marge (%)",
    extra: "Extra bedrag per maand om te vergelijken",
    cost_retained: "Kosten per behouden klant",
    measured: |v| format!("gemeten: {v}"),
    scenario: |s| match s {
        Scenario::Plan => "Plan zoals ingesteld",
        Scenario::Acquisition => "Extra naar klanten werven",
        Scenario::Retention => "Extra naar klanten behouden",
    },
    fig_customers_end: "Klanten aan het eind",
    fig_revenue_total: "Omzet",
    fig_profit_total: "Winst",
    col_month: "Maand",
    col_customers: "Klanten",
    col_new: "Nieuw",
    col_lost: "Verloren",
    col_revenue: "Omzet",
    col_spend: "Marketinguitgaven",
    col_profit: "Winst",
    per_month: "Het plan, maand voor maand",
    assumptions_title: "Aannames",
    assumptions: |f| {
        let mut out = vec![
            format!(
                "De prognose begint bij de {} klanten die in de laatste {} dagen van het bestand kochten.",
                f.customers, f.window_days
            ),
            format!(
                "Jaarlijkse retentie {} (gemeten {}, {} procentpunt): elke maand blijft {} van de klanten.",
                f.yearly_retention, f.measured_retention, f.points, f.monthly_retention
            ),
        ];
        out.push(match (&f.cac, &f.new_per_month) {
            (Some(cac), Some(new)) => format!(
                "{} per maand aan acquisitie bij een CAC van {} levert {} nieuwe klanten per maand op.",
                f.acquisition, cac, new
            ),
            _ => "Zonder CAC (laad een uitgavenbestand of typ er een) wint het plan geen nieuwe klanten.".to_string(),
        });
        out.push(format!(
            "Elke klant bestelt {} keer per maand à {} per bestelling (de laatste {} dagen van het bestand); marge {}.",
            f.orders_per_month, f.aov, f.window_days, f.margin
        ));
        out.push(format!(
            "De retentie-uitgaven blijven {} per maand; winst = omzet × marge − marketinguitgaven.",
            f.retention_spend
        ));
        out.push(match &f.won_per_month {
            Some(won) => format!("{} per maand extra aan acquisitie wint {} klanten per maand meer.", f.extra, won),
            None => format!("{} per maand extra aan acquisitie: zonder CAC zijn er geen klanten te tellen.", f.extra),
        });
        out.push(match (&f.kept_per_month, &f.cost_retained) {
            (Some(kept), Some(cost)) => format!(
                "{} per maand extra aan retentie houdt {} klanten per maand vast die anders zouden vertrekken \
                 ({} per klant; hooguit wie die maand vertrekt).",
                f.extra, kept, cost
            ),
            _ => "Zonder kosten per behouden klant (laad een uitgavenbestand of typ ze) houden de extra \
                  retentie-uitgaven niemand vast."
                .to_string(),
        });
        out
    },
    verdict: |better, extra, difference, years| {
        let over = if years == 1 { "een jaar".to_string() } else { format!("{years} jaar") };
        match better {
            Some(Scenario::Retention) => format!(
                "{extra} per maand extra aan klanten behouden levert over {over} {difference} meer winst op \
                 dan hetzelfde bedrag aan nieuwe klanten werven."
            ),
            Some(Scenario::Acquisition) => format!(
                "{extra} per maand extra aan klanten werven levert over {over} {difference} meer winst op \
                 dan hetzelfde bedrag aan klanten behouden."
            ),
            _ => "Typ een CAC en kosten per behouden klant om werven met behouden te vergelijken.".to_string(),
        }
    },
    chart_title: "Klanten per maand, per scenario",
    chart_alt: |n| {
        format!("Lijngrafiek van het aantal klanten aan het eind van elk van {n} maanden, voor de drie scenario's.")
    },
    export: "Prognose downloaden (CSV)",
    csv_scenario: "scenario",
};

pub static CALCULATORS: CalculatorTexts = CalculatorTexts {
    thousands_separator: '.',
    decimal_mark: ',',
    currency_first: true,
    currency_space: true,
    no_figure: "–",
    crr_name: "Klantbehoud (CRR)",
    churn_name: "Klantverloop (churn)",
    formula_crr: "CRR = (E − N) / S × 100",
    formula_churn: "Churn = 100 − CRR",
    label_s: "S: klanten aan het begin",
    label_e: "E: klanten aan het eind",
    label_n: "N: nieuwe klanten in de periode",
    manual_heading: "Snelle rekenhulp",
    manual_intro: "Geen bestand bij de hand? Vul de drie getallen van één periode in.",
    manual_enter: "Vul S, E en N in om het klantbehoud te zien.",
    manual_not_a_number: "dat is geen getal",
    manual_not_whole: "tel hele klanten, zonder breuk",
    manual_problem,
    how_computed: "Hoe wordt dit berekend?",
    embed_foot: "Retentiecalculator: berekend in je browser, er wordt niets verstuurd.",
    embed_unknown: |asked| format!("Er is geen calculator “{asked}”; je ziet de retentiecalculator."),
    calc_title: "Werven of behouden: de kostencalculator",
    calc_intro: "Geen bestand bij de hand? Vul de marketinguitgaven en klanten van een periode in.",
    calc_acquisition: "Wervingsuitgaven",
    calc_new: "Nieuwe klanten geworven",
    calc_retention: "Behoudsuitgaven",
    calc_retained: "Klanten behouden",
    calc_clv: "CLV per klant",
    calc_monthly: "Marge per klant per maand",
    fig_cac: "Kosten per nieuwe klant (CAC)",
    fig_cost_per_retained: "Kosten per behouden klant",
    fig_cost_ratio: "Nieuw / behouden (×)",
    fig_ltv_cac: "CLV / CAC",
    fig_payback: "Terugverdientijd (maanden)",
    claim_cost_ratio: "Marketingliteratuur: een klant werven kost 5–6× zoveel als een klant behouden",
    calculators_title: "Klantwaarde zonder bestand",
    simple_title: "Eenvoudige CLV",
    simple_revenue: "Omzet per klant per jaar",
    simple_margin: "Marge (%)",
    simple_retention: "Retentie per jaar r (%)",
    simple_discount: "Disconteringsvoet d (%)",
    simple_result: "Eenvoudige CLV",
    simple_measured: |days, earlier, retained| {
        format!("Gemeten uit het bestand: van {earlier} klanten die kochten in een venster van {days} dagen kochten er {retained} opnieuw in de {days} dagen daarna; omgerekend naar een jaar.")
    },
    simple_not_measured: "Het bestand is te kort om de retentie te meten; vul die zelf in.",
    simple_undefined: "Niet gedefinieerd: de retentie moet onder 1 + disconteringsvoet liggen.",
    simple_explain: "Eenvoudige CLV = marge per klant per jaar × (1 + d) / (1 + d − r), met r de retentie per jaar en d de \
                     disconteringsvoet per jaar: de waarde van een klant die blijft kopen zoals nu, zolang die klant blijft.",
    simple_reset: "Gebruik de gemeten waarden",
};

pub static ROW_ERRORS: RowErrorTexts =
    RowErrorTexts { file_col: "bestand", line_col: "regel", column_col: "kolom", reason_col: "reden", reason };
