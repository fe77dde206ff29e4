//! Deutsch: every text of the page in German, its sentences and its names of things.

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

pub static DE: Texts = Texts {
    rows: &ROW_ERRORS,
    calc: &CALCULATORS,
    lang: Lang::De,
    analysis: &ANALYSIS,
    lifetime: &LIFETIME,
    planner: &PLANNER,
    language_name: "Deutsch",
    app_title: "Kundenbindungsrechner",
    tagline: "Wie gut binden Sie Ihre Kunden? Ziehen Sie Ihre CSV-Dateien hierher und sehen Sie Kundenbindung und \
              Abwanderung.",
    privacy_badge: "Ihre Dateien verlassen diesen Browser nie",
    printed_on: |day| {
        format!("Bericht erstellt am {day} mit Retention Calculator; nichts hat diesen Browser verlassen.")
    },
    language_label: "Sprache",
    currency_label: "Währung",
    share_button: "Diese Ergebnisse teilen",
    share_intro: |n| {
        format!(
            "Der Link enthält nur die Zahlen unten (Summen, Perioden, Kohorten, Segmente, Einstellungen): keine \
             Kundennummer, keine Zeile der Datei. Sie stehen nach dem # und erreichen nie einen Server. {n} Zeichen."
        )
    },
    share_link_label: "Link",
    share_copy: "Link kopieren",
    share_copied: "Kopiert",
    share_contents: "Genau das, was der Link enthält",
    share_embed_label: "Code, um diese Zahlen in Ihre Website einzubetten",
    embed_button: "Auf Ihrer Website einbetten",
    embed_intro: "Stellen Sie einen Rechner auf Ihre eigene Website oder Ihren Blog: Fügen Sie diesen Code in die Seite ein. Der Rechner läuft im Browser Ihrer Leser, in einem abgeschotteten Rahmen; nichts, was sie eingeben oder ablegen, wird gesendet.",
    embed_widget_label: "Rechner",
    embed_widget_names: [
        "Kundenbindungsrate (CRR)",
        "Abwanderung (Churn)",
        "Kundenwert (CLV)",
        "Kosten der Gewinnung gegenüber der Bindung",
        "LTV:CAC und Amortisation",
        "Datei ablegen (die ganze Analyse)",
    ],
    embed_code_label: "Einbettungscode",
    embed_preview: "Vorschau",
    embed_frame_title: "Kundenbindungsrechner",
    warehouse_title: "Daten in einem Data Warehouse?",
    warehouse_intro: "Zu viele Bestellungen für eine Datei? Nennen Sie Ihre Tabelle und ihre Spalten, wählen Sie \
                      Ihre Datenbank und erhalten Sie das SQL, das die Zahlen dieser Seite dort berechnet, wo die \
                      Daten liegen.",
    warehouse_button: "SQL schreiben",
    warehouse_table: "Tabelle (z. B. shop.orders)",
    warehouse_customer: "Spalte mit der Kundennummer",
    warehouse_date: "Spalte mit dem Datum",
    warehouse_amount: "Spalte mit dem Betrag (optional)",
    warehouse_attribute: "Weitere Spalte pro Kunde (optional, z. B. Kanal)",
    warehouse_engine: "Datenbank",
    warehouse_output: "Was berechnen",
    warehouse_outputs: [
        "Kundenübersicht (Modelle für den Kundenwert)",
        "Kundenbestand pro Periode (S, E, N, Abwanderung)",
        "Kohortentabelle",
    ],
    warehouse_settings,
    warehouse_how: "Führen Sie die Abfrage aus, speichern Sie das Ergebnis als CSV-Datei mit Kopfzeile und ziehen \
                    Sie diese Datei auf diese Seite: Sie erkennt sie und zeigt dieselben Zahlen wie für die \
                    Bestelldaten selbst.",
    warehouse_sql: "SQL",
    warehouse_download: ".sql herunterladen",
    snapshot_banner: |file| {
        format!("Geteilte Zahlen von „{file}“, nur lesbar: Ziehen Sie die Datei selbst hierher, um Einstellungen zu ändern oder Kunden zu exportieren.")
    },
    snapshot_error: |e| {
        use crate::snapshot::SnapshotError as E;
        let why = match e {
            E::TooLong => "er ist zu lang für einen Snapshot".to_string(),
            E::NotBase64 | E::NotDeflate => {
                "er wurde abgeschnitten oder verändert (kopieren Sie den ganzen Link)".to_string()
            }
            E::NotJson(_) => "seine Zahlen konnten nicht gelesen werden".to_string(),
            E::Version(v) => format!("er stammt von einer anderen Version dieser Seite ({v})"),
        };
        format!("Dieser Snapshot-Link lässt sich nicht öffnen: {why}.")
    },
    load_heading: "Ihre Daten",
    drop_hint: "CSV-Dateien hier ablegen",
    choose_files: "oder Dateien auswählen",
    load_sample: "Beispieldaten laden",
    channel_kinds_legend: "Ausgaben pro Kanal: Kunden gewinnen oder Kunden binden? (auswählen, dann übernehmen)",
    spend_kind_name: |k| match k {
        SpendKind::Acquisition => "Akquise (Kunden gewinnen)",
        SpendKind::Retention => "Kundenbindung (Kunden halten)",
        SpendKind::Unspecified => "keins von beiden",
    },
    accepted_hint: "Ein Bestellexport (eine Zeile pro Bestellung: Kunde, Datum, Betrag und beliebige weitere Spalten) \
                    oder Kundenzahlen pro Periode (S, E und N je Periode), eine Kundenübersicht, Marketingausgaben, \
                    Umfragewerte oder Abonnements. Exporte aus Excel, Shopify, CRM oder Data Warehouse: beliebiges \
                    Trennzeichen, niederländische oder englische Spaltennamen.",
    status_idle: "Noch keine Daten geladen.",
    status_working: "Ihre Dateien werden gelesen…",
    status_ready: "Fertig.",
    status_error: "Eine Datei konnte nicht verwendet werden.",
    sample_name: "Beispiel: Kundenzahlen pro Periode (synthetisch)",
    col_crr: "CRR",
    col_churn: "Churn",
    fig_nps: "NPS",
    crr_explain: "Von den Kunden, die Sie zu Beginn der Periode hatten (S), der Anteil, den Sie am Ende noch hatten: \
                  die Kunden am Ende (E) abzüglich der in der Periode gewonnenen Neukunden (N), geteilt durch S.",
    churn_explain: "Der Anteil der Kunden vom Periodenbeginn, den Sie im Lauf der Periode verloren haben.",
    col_period: "Periode",
    col_s: "S (Beginn)",
    col_e: "E (Ende)",
    col_n: "N (neu)",
    chart_title: "CRR und Churn pro Periode",
    target_label: "Ziel 85%",
    target_explain: "Gestrichelte Linie: Eine Kundenbindungsrate über 85% ist in der Marketingliteratur ein gängiges \
                     Ziel; sie ist ein Richtwert, nicht Ihre Kennzahl.",
    rows_skipped_label: "Übersprungene Zeilen",
    row_errors_heading: "Zeilen, die nicht verwendet werden konnten",
    download_errors: "Vollständige Liste herunterladen (CSV)",
    footer: "Vollständig in Ihrem Browser berechnet: Es wird keine Datei hochgeladen, und nach dem Laden stellt die \
             Seite keinerlei Netzwerkanfragen (ihre Content-Security-Policy verbietet sie).",
    file_summary,
    file_error_title,
    progress_detail,
    paste_heading: "Aus Excel oder Google Sheets einfügen",
    paste_placeholder: "Markieren Sie die Zellen (mit Kopfzeile), kopieren Sie sie und fügen Sie sie hier ein.",
    paste_button: "Eingefügte Daten verwenden",
    cancel: "Abbrechen",
    date_order_question: "Die Datumsangaben in dieser Datei können Tag-Monat oder Monat-Tag sein (etwa 03/04/2024). \
                          Wählen Sie unten die Reihenfolge und lesen Sie die Datei erneut ein.",
    label_kind: "Dateiart",
    label_delimiter: "Trennzeichen",
    label_encoding: "Zeichenkodierung",
    label_header: "Erste Zeile ist Kopfzeile",
    label_decimal: "Zahlen sehen so aus",
    label_date_format: "Datumsangaben sehen so aus",
    label_none: "(keine)",
    choose: "Auswählen…",
    yes: "ja",
    no: "nein",
    apply_columns: "Mit diesen Einstellungen erneut einlesen",
    panel_title: |n| format!("Wie „{n}“ gelesen wurde"),
    column_n: |c| format!("Spalte {c}"),
    date_format_name: |f| format!("{} ({})", f.example(), date_format_order(f)),
    kind_title_transactions: "Transaktionsdaten: Summen",
    kind_title_summary: "Kundenübersicht",
    kind_title_spend: "Marketingausgaben",
    kind_title_survey: "Umfrage: Net Promoter Score",
    kind_title_subscriptions: "Abonnements",
    fig_customers: "Kunden",
    fig_transactions: "Käufe",
    fig_revenue: "Umsatz (inkl. Erstattungen)",
    fig_aov: "Durchschnittlicher Bestellwert",
    fig_frequency: "Käufe pro Kunde",
    fig_repeat_rate: "Wiederkäufer",
    fig_top10: "Umsatzanteil der Top 10%",
    fig_mean_frequency: "Mittlere Frequency",
    fig_mean_recency: "Mittlere Recency",
    fig_mean_age: "Mittleres T",
    fig_spend_total: "Gesamtausgaben",
    fig_spend_acquisition: "Akquiseausgaben",
    fig_spend_retention: "Bindungsausgaben",
    fig_responses: "Antworten",
    fig_promoters: "Promotoren (9-10)",
    fig_passives: "Passive (7-8)",
    fig_detractors: "Detraktoren (0-6)",
    fig_subscriptions: "Abonnements",
    fig_active: "Aktiv",
    fig_ended: "Beendet",
    more_errors,
    chart_alt,
    role_name,
    kind_name,
    delimiter_name,
    file_problem,
    worker_problem,
    sql_problem,
    line_word: "Zeile",
    column_word: "Spalte",
};

pub static ANALYSIS: AnalysisTexts = AnalysisTexts {
    title: "Kundenstamm, Kohorten und Segmente",
    settings_title: "Einstellungen",
    granularity_label: "Periode",
    granularity_names: ["Woche", "Monat", "Quartal", "Jahr"],
    window_label: "Inaktiv nach (Tagen)",
    segment_label: "Kunden vergleichen nach",
    segment_none: "(keine Spalte)",
    recomputing: "Wird berechnet…",
    window_note: |w, from| {
        format!(
            "Ein Kunde zählt zum Kundenstamm, solange sein letzter Kauf höchstens {w} Tage zurückliegt (W = {w}). \
             Vor dem {from} ist der Kundenstamm zu niedrig gezählt: Käufe aus der Zeit vor Beginn der Datei fehlen. \
             Mit * markierte Perioden beginnen vor diesem Tag."
        )
    },
    export_json: "Alle Kennzahlen (JSON)",
    export_csv: "CSV",

    sec_totals: "Summen",
    fig_days_median: "Median der Tage zwischen Käufen",
    fig_days_mean: "Mittelwert der Tage zwischen Käufen",
    gaps_title: "Zeit zwischen Käufen",
    gaps_axis: "Wiederholungskäufe",
    gap_bins: ["1–7 d", "8–14 d", "15–30 d", "31–60 d", "61–90 d", "91–180 d", "181–365 d", "> 365 d"],
    gaps_alt: |median, mean| {
        format!(
            "Balkendiagramm der Tage zwischen den Käufen eines Kunden: Median {median} Tage, Mittelwert {mean} Tage."
        )
    },

    sec_base: "Der Kundenstamm pro Periode",
    col_churned: "Abgewandert",
    col_joined: "Hinzugekommen (N)",
    col_new: "Neu",
    col_reactivated: "Reaktiviert",
    col_acquired: "Gewonnen",
    base_explain: "S ist die Zahl der Kunden im Kundenstamm am ersten Tag einer Periode, E am ersten Tag danach. \
                   Abgewandert: zu Beginn im Kundenstamm, am Ende nicht. Hinzugekommen (N): am Ende im Kundenstamm, \
                   zu Beginn nicht; neu, wenn ihr allererster Kauf in der Periode liegt, sonst reaktiviert. Gewonnen: \
                   erster Kauf in der Periode. CRR = (E − N) / S × 100, Churn = 100 − CRR.",
    undercount_mark: "*",
    rates_title: "CRR und Churn pro Periode",
    flow_title: "Bewegungen im Kundenstamm",
    flow_retained: "Gehalten",
    flow_alt: |n| {
        format!(
            "Balkendiagramm pro Periode ({n} Perioden): gehaltene, neue und reaktivierte Kunden oberhalb der \
             Nulllinie, abgewanderte darunter."
        )
    },

    sec_cohorts: "Kohorten",
    cohort_modes: ["Kunden %", "Kunden", "Umsatz %", "Umsatz"],
    cohort_mode_label: "Anzeigen",
    col_cohort: "Kohorte",
    col_size: "Kunden",
    offset_axis: "Perioden nach dem ersten Kauf",
    heatmap_title: "Kundenbindung nach Kohorte",
    curves_title: "Bindungskurven",
    average_name: "Gewichteter Durchschnitt",
    cohort_explain: "Eine Kohorte sind die Kunden, deren erster Kauf in dieselbe Periode fiel. Versatz k zeigt, wie \
                     viele von ihnen k Perioden später erneut kauften (k = 0 ist 100%), und ihren Umsatz in dieser \
                     Periode (inkl. Erstattungen). Der gewichtete Durchschnitt zählt jede Kohorte nach ihrer Größe.",
    cohorts_alt: |n| {
        format!("Heatmap des Anteils jeder der {n} Kohorten, der in den einzelnen späteren Perioden gekauft hat.")
    },
    show_table: |n| format!("Tabelle anzeigen ({n} Zellen)"),

    sec_concentration: "Konzentration",
    fig_top10_ratio: "Ausgaben pro Kunde der Top 10%, × der Rest",
    claim_top10: "Literatur: Die Top 10% geben etwa 3× so viel aus wie der Rest",
    lorenz_title: "Lorenzkurve des Umsatzes",
    lorenz_curve: "Umsatz",
    lorenz_equality: "Alle geben gleich viel aus",
    lorenz_x: "Kunden, geringster Umsatz zuerst",
    lorenz_y: "Anteil am Umsatz",
    lorenz_alt: |top| format!("Lorenzkurve: Die Top 10% der Kunden bringen {top} des Umsatzes."),
    concentration_explain: "Kunden nach ihrem Umsatz geordnet (inkl. Erstattungen). Die Top 10% sind die \
                            ceil(10% × Kunden) mit dem höchsten Umsatz; ihr mittlerer Umsatz wird mit dem der \
                            übrigen Kunden verglichen.",

    sec_rfm: "RFM-Segmente",
    segment_name: |s| match s {
        Segment::Champions => "Champions",
        Segment::Loyal => "Treu",
        Segment::Promising => "Vielversprechend",
        Segment::New => "Neu",
        Segment::NeedsAttention => "Aufmerksamkeit nötig",
        Segment::AtRisk => "Gefährdet",
        Segment::CantLose => "Nicht verlieren",
        Segment::Hibernating => "Schlafend",
        Segment::Lost => "Verloren",
    },
    col_segment: "Segment",
    col_share: "Anteil",
    col_recency: "Recency (Tage, Mittel)",
    col_frequency: "Frequency (Mittel)",
    col_monetary: "Monetary (Mittel)",
    download_ids: "Kunden-IDs",
    rfm_explain: "Recency: Tage vom letzten Kauf bis zum Tag nach dem letzten Kauf in der Datei. Frequency: Anzahl \
                  der Kauftage. Monetary: Umsatz. Jeder Wert wird per Quintil zu einem Score von 1 bis 5 (gleiche \
                  Werte erhalten denselben Score); das Segment ergibt sich aus dem R- und dem F-Score.",
    rfm_chart_title: "Umsatz pro Segment",
    rfm_alt: |n| format!("Balkendiagramm des Umsatzes für {n} RFM-Segmente."),
    rfm_reference: |day| format!("Recency gezählt bis {day}."),

    sec_comparison: "Segmente vergleichen",
    comparison_pick: "Wählen Sie oben eine Spalte, um Kunden nach deren Werten zu vergleichen.",
    comparison_none: "Diese Transaktionsdaten haben keine weiteren Spalten, nach denen sich Kunden vergleichen lassen.",
    col_value: "Wert",
    col_revenue_per_customer: "Umsatz pro Kunde",
    fig_member_uplift: |yes| format!("Umsatz pro Kunde, „{yes}“ gegenüber dem Rest"),
    claim_member: "Literatur: Mitglieder von Treueprogrammen geben etwa 18% mehr aus",
    comparison_explain: "Kunden gruppiert nach dem Wert in ihrer ersten Zeile. Die CRR fasst hier alle Perioden \
                         zusammen: Kunden, die am Ende einer Periode noch im Kundenstamm sind, geteilt durch die \
                         Kunden, die zu ihrem Beginn darin waren.",
    comparison_alt: |n| {
        format!(
            "Balkendiagramm des Umsatzes pro Kunde für {n} Werte, mit dem Literaturwert für Mitglieder als \
             gestrichelte Linie, wenn die Spalte eine Mitgliedschaft angibt."
        )
    },
    other_values: "(andere Werte)",
    empty_value: "(leer)",

    sec_nps: "NPS und Verhalten",
    group_name: |g| match g {
        NpsGroup::Promoters => "Promotoren (9–10)",
        NpsGroup::Passives => "Passive (7–8)",
        NpsGroup::Detractors => "Detraktoren (0–6)",
    },
    col_matched: "In den Transaktionsdaten",
    nps_explain: "Umfrageantworten, über die Kunden-ID den Transaktionsdaten zugeordnet (es zählt die letzte \
                  Antwort eines Kunden). Churn: kein Kauf in den letzten W Tagen der Daten.",

    sec_acquisition: "Kunden gewinnen oder Kunden halten",
    overview_title: "Auf einen Blick",
    overview_trend: |points, up, previous| {
        format!("{} {points} Prozentpunkte gegenüber {previous}", if up { "▲" } else { "▼" })
    },
    overview_clv: "CLV eines Kunden (einfach)",
    overview_clv_note: "Marge × Umsatz pro aktivem Kunden und Jahr × (1 + d) / (1 + d − r), mit Marge und Diskontierungssatz der Kundenwert-Einstellungen.",
    nav_label: "Abschnitte",
    nav_names: [
        "Überblick",
        "Summen",
        "Kundenbestand je Periode",
        "Kohorten",
        "Konzentration",
        "RFM",
        "Segmente",
        "NPS",
        "Gewinnen vs. Halten",
        "Kundenwert",
        "Budgetplaner",
    ],
    acquisition_explain: [
        "CAC: Akquiseausgaben / Kunden, deren erster Kauf in der Periode liegt. Kosten pro gehaltenem Kunden: \
         Bindungsausgaben / Kunden, die zu Beginn im Kundenstamm waren und es am Ende noch sind (S − abgewandert). \
         Verhältnis: CAC / Kosten pro gehaltenem Kunden, also wie viel Mal teurer ein Neukunde ist.",
        "Kosten pro Bestellung: Akquiseausgaben / Bestellungen von Neukunden (in der Periode ihres ersten Kaufs), \
         Bindungsausgaben / die übrigen Bestellungen. Über den gesamten Zeitraum: dieselben Verhältnisse der Summen.",
        "Die Ausgaben werden nach Tagen auf die Perioden verteilt: Tagesausgaben werden in ihrer Periode summiert; \
         eine Zeile, die mehrere Perioden umfasst (ein Quartal bei Monaten), wird anteilig nach ihren Tagen \
         aufgeteilt. Ob Akquise oder Kundenbindung, ergibt sich aus der Spalte für die Art der Ausgabe oder sonst \
         aus dem Namen des Kanals (Google Ads, Facebook, TikTok: Akquise; Newsletter, E-Mail, CRM, Loyalty: \
         Kundenbindung).",
    ],
    col_acquisition_spend: "Akquiseausgaben",
    col_retention_spend: "Bindungsausgaben",
    fig_cpo_new: "Kosten pro Bestellung, Neukunden",
    fig_cpo_existing: "Kosten pro Bestellung, Bestandskunden",
    ltv_cac_note: "CLV: der einfache CLV aus den Transaktionsdaten mit Marge und Diskontierungssatz aus den \
                   Kundenwert-Einstellungen; Amortisationsdauer: CAC / (Marge × Umsatz pro aktivem Kunden und Jahr / 12).",
    literature: "Marketingliteratur",
    claim_cpo_ratio: "Marketingliteratur: Eine Bestellung eines Neukunden kostet 5–20× so viel wie die eines \
                      Bestandskunden",
    acquisition_split: "Einige Ausgabenzeilen umfassen mehr als eine Periode; sie werden anteilig nach ihren Tagen auf \
                        die Perioden verteilt.",
    spend_entry_title: "Keine Ausgabendatei? Geben Sie Ihre Marketingausgaben pro Monat ein",
    spend_entry_intro: "Akquise: Ausgaben, um Neukunden zu gewinnen (Anzeigen, Affiliates); Kundenbindung: Ausgaben, \
        um Kunden zu halten (Newsletter, Treueprogramme). Aus den Beträgen wird eine kleine Ausgabendatei, die neben \
        den Transaktionsdaten gelesen wird, als wäre sie hier abgelegt worden.",
    spend_entry_bad: "Einige Beträge sind keine Zahlen von 0 oder mehr: Korrigieren Sie sie, um die Ausgaben zu \
                      verwenden.",
    spend_entry_use: "Diese Ausgaben verwenden",
    cost_bars: ["Neukunde", "Gehaltener Kunde", "Bestellung, neu", "Bestellung, Bestand"],
    channels_heading: "Pro Kanal",
    col_channel: "Kanal",
    channels_attributed: |column| {
        format!(
            "Neukunden pro Kanal: die Kunden, bei denen die Spalte „{column}“ in den Transaktionsdaten den Kanal \
             nennt (ein Kanal, den kein Kunde nennt, hat keinen CAC). Gehaltene Kunden und Bestellungen von \
             Bestandskunden: der gesamte Kundenstamm, den die Bindungsausgaben erreichen."
        )
    },
    channels_unattributed: "Die Transaktionsdaten sagen nicht, über welchen Kanal ein Kunde kam: Der CAC eines Kanals \
        sind seine Ausgaben geteilt durch alle Neukunden (zusammen ergeben die CACs der Kanäle den Gesamt-CAC). \
        Gehaltene Kunden und Bestellungen von Bestandskunden: der gesamte Kundenstamm.",
    acquisition_outside: |amount| {
        format!("{amount} an Ausgaben liegen außerhalb der Perioden der Transaktionsdaten und werden nicht verwendet.")
    },
    acquisition_unplaced: |n| {
        if n == 1 {
            "1 Ausgabenzeile nennt keine lesbare Periode und kein lesbares Datum und wird nicht verwendet.".to_string()
        } else {
            format!("{n} Ausgabenzeilen nennen keine lesbare Periode und kein lesbares Datum und werden nicht verwendet.")
        }
    },

    claim_reference: "Richtwert",
    top10_label: "Top 10%",
    too_many_periods: |n, first, last| {
        format!(
            "Die Käufe reichen von {first} bis {last}: {n} Perioden, zu viele, um sie einzeln anzuzeigen. \
             Wählen Sie eine längere Periode oder prüfen Sie die Datumsspalte auf eine falsch eingegebene Jahreszahl."
        )
    },
};

fn progress_detail(percent: u8, rows: u64, mb_per_s: Option<f64>, lang: Lang) -> String {
    let speed = mb_per_s.map_or(String::new(), |s| format!(" · {} MB/s", lang.number(s, 1)));
    format!("{percent}% · {} Zeilen{speed}", lang.number(rows as f64, 0))
}

/// The order of a date format's parts, in words.
fn date_format_order(format: DateFormat) -> &'static str {
    match format {
        DateFormat::YearMonthDay | DateFormat::Compact => "Jahr-Monat-Tag",
        DateFormat::DayMonthYear => "Tag-Monat-Jahr",
        DateFormat::MonthDayYear => "Monat-Tag-Jahr",
        DateFormat::ExcelSerial => "Excel",
        DateFormat::MonthName => "Monatsname",
    }
}

fn warehouse_settings(granularity: &str, window: u32, unit: &str, calibration_end: Option<&str>) -> String {
    let end = calibration_end.map_or("das letzte Kaufdatum".to_string(), str::to_string);
    format!(
        "Mit den Einstellungen dieser Seite: Periode {granularity}, Fenster W = {window} Tage; für die \
         Kundenübersicht Zeit in {unit}, Ende der Kalibrierung {end}. Ändern Sie sie auf der Seite, um das SQL zu \
         ändern."
    )
}

fn name_of(of: NameOf) -> &'static str {
    match of {
        NameOf::Table => "der Tabelle",
        NameOf::Customer => "der Kundenspalte",
        NameOf::Date => "der Datumsspalte",
        NameOf::Amount => "der Betragsspalte",
        NameOf::Attribute => "der weiteren Spalte",
    }
}

fn sql_problem(e: &SqlError) -> String {
    match e {
        SqlError::Name(NameError::Empty(NameOf::Table)) => {
            "Der Name der Tabelle (oder ein Teil davon zwischen Punkten) ist leer.".into()
        }
        SqlError::Name(NameError::Empty(of)) => format!("Der Name {} ist leer.", name_of(*of)),
        SqlError::Name(NameError::ControlCharacter(of)) => {
            format!("Der Name {} enthält einen Zeilenumbruch, Tabulator oder ein anderes Steuerzeichen.", name_of(*of))
        }
        SqlError::Name(NameError::TooLong(of)) => {
            format!("Der Name {} ist länger als {} Zeichen.", name_of(*of), crate::sql::names::MAX_NAME_CHARS)
        }
        SqlError::Window(w) => {
            format!("Das Fenster muss 1 bis {} Tage lang sein, nicht {w}.", crate::metrics::analysis::MAX_WINDOW_DAYS)
        }
        SqlError::AttributeClashes(name) => {
            format!("Die weitere Spalte '{name}' hat den Namen einer Spalte der Kundenübersicht.")
        }
    }
}

fn kind_name(k: FileKind) -> &'static str {
    match k {
        FileKind::TransactionLog => "Transaktionsdaten",
        FileKind::PeriodCounts => "Kundenzahlen pro Periode",
        FileKind::CustomerSummary => "eine Kundenübersicht",
        FileKind::MarketingSpend => "Marketingausgaben",
        FileKind::Survey => "Umfragewerte",
        FileKind::Subscriptions => "Abonnements",
        FileKind::Opportunities => "Kaufgelegenheiten",
        FileKind::Cohorts => "eine Kohortentabelle",
    }
}

fn file_summary(name: &str, rows: usize, skipped: usize, delimiter: &str, encoding: &str) -> String {
    let periods = if rows == 1 { "1 Zeile".to_string() } else { format!("{} Zeilen", Lang::De.number(rows as f64, 0)) };
    let skipped = match skipped {
        0 => "keine Zeilen übersprungen".to_string(),
        1 => "1 Zeile übersprungen".to_string(),
        n => format!("{n} Zeilen übersprungen"),
    };
    format!("{name}: {periods} verwendet, {skipped} ({delimiter}, {encoding})")
}

fn file_error_title(name: &str) -> String {
    format!("„{name}“ kann nicht verwendet werden")
}

fn more_errors(n: usize) -> String {
    format!("… und {n} weitere, alle im Download.")
}

fn chart_alt(periods: usize, first: &str, last: &str, min: f64, max: f64) -> String {
    format!(
        "Liniendiagramm von Kundenbindungsrate und Abwanderungsrate über {periods} Perioden, von {first} bis {last}. \
         Die CRR reicht von {} bis {}. Die Tabelle oben enthält alle Werte.",
        Lang::De.percent(min),
        Lang::De.percent(max)
    )
}

fn manual_problem(p: CountsProblem) -> &'static str {
    match p {
        CountsProblem::StartIsZero => "S ist 0: Ohne Kunden zu Beginn gibt es niemanden zu halten.",
        CountsProblem::RetainedNegative => {
            "E − N ist kleiner als 0: Es kann nicht mehr Neukunden geben als Kunden am Ende."
        }
        CountsProblem::RetainedAboveStart => {
            "E − N ist größer als S: Sie können nicht mehr Kunden halten, als Sie zu Beginn hatten."
        }
        CountsProblem::Negative => "Anzahlen können nicht negativ sein.",
    }
}

/// What a column holds, with examples of the (English and Dutch) column names that
/// are recognised: a field's label, and the end of "die Spalte für: …".
fn role_name(r: Role) -> &'static str {
    match r {
        Role::Customer => "Kunde (z. B. customer id, e-mail, klantnummer)",
        Role::Date => "Datum (z. B. order date, datum)",
        Role::Amount => "Betrag (z. B. amount, revenue, bedrag)",
        Role::Period => "Periode (z. B. period, month)",
        Role::Start => "S, Kunden zu Beginn (z. B. start, begin, S)",
        Role::End => "E, Kunden am Ende (z. B. end, eind, E)",
        Role::New => "N, Neukunden (z. B. new, nieuw, N)",
        Role::Frequency => "Frequency (Wiederholungskäufe)",
        Role::Recency => "Recency (erster bis letzter Kauf)",
        Role::Age => "T (erster Kauf bis Ende der Daten)",
        Role::MonetaryValue => "Monetary Value (mittlere Ausgaben pro Wiederholungskauf)",
        Role::Spend => "Ausgaben (z. B. spend, cost, kosten)",
        Role::SpendType => "Art der Ausgabe (Akquise oder Kundenbindung)",
        Role::Channel => "Kanal",
        Role::Score => "Score 0-10 (z. B. score, NPS, cijfer)",
        Role::SubscriptionStart => "Startdatum des Abonnements",
        Role::SubscriptionEnd => "Enddatum des Abonnements",
        Role::Opportunities => "Kaufgelegenheiten (z. B. periods, opportunities)",
        Role::Weight => "Anzahl der Kunden, für die die Zeile steht (z. B. weights, count)",
        Role::Churned => "verlorene Kunden (churned)",
        Role::NewCustomers => "Neukunden (Erstkauf in der Periode)",
        Role::Reactivated => "zurückgekehrte Kunden (reactivated)",
        Role::Acquired => "gewonnene Kunden (acquired: Erstkauf in der Periode)",
        Role::Cohort => "Kohorte (Periode des Erstkaufs)",
        Role::Offset => "Offset (Perioden nach der der Kohorte)",
        Role::CohortSize => "Größe der Kohorte (Kunden)",
        Role::CohortActive => "aktive Kunden beim Offset",
        Role::CohortRevenue => "Umsatz beim Offset",
    }
}

fn delimiter_name(d: u8) -> &'static str {
    match d {
        b';' => "durch Semikolon getrennt",
        b'\t' => "durch Tabulator getrennt",
        b'|' => "durch senkrechten Strich getrennt",
        b' ' => "mit Leerzeichen ausgerichtete Spalten",
        _ => "durch Komma getrennt",
    }
}

fn reason(k: &RowErrorKind) -> String {
    match k {
        RowErrorKind::MissingFields { expected, found } => {
            format!("die Zeile hat {found} Felder, {expected} werden benötigt")
        }
        RowErrorKind::MissingValue => "die Zelle ist leer".into(),
        RowErrorKind::NotANumber { text } => format!("'{text}' ist keine Zahl"),
        RowErrorKind::NotWholeNumber { text } => format!("'{text}' ist keine ganze Zahl von Kunden"),
        RowErrorKind::NumberTooLarge { text } => format!("'{text}' ist zu groß (mehr als 10^15)"),
        RowErrorKind::Negative { text } => format!("'{text}' ist kleiner als null"),
        RowErrorKind::StartIsZero => {
            "S ist 0, daher lässt sich für diese Periode keine Kundenbindungsrate berechnen".into()
        }
        RowErrorKind::RetainedNegative { end, new } => {
            format!("E − N ist kleiner als 0: {new} Neukunden, aber nur {end} am Ende")
        }
        RowErrorKind::RetainedAboveStart { retained, start } => {
            format!("E − N = {retained} ist mehr als S = {start}: mehr Kunden gehalten, als es zu Beginn gab")
        }
        RowErrorKind::UnclosedQuote => "ein hier geöffnetes Anführungszeichen (\") wird nie geschlossen".into(),
        RowErrorKind::NotADate { text, format } => {
            format!("'{text}' ist kein Datum wie die anderen in dieser Spalte ({})", format.example())
        }
        RowErrorKind::DateDoesNotExist { text } => format!("das Datum '{text}' gibt es nicht"),
        RowErrorKind::DateOutOfRange { text } => format!("das Datum '{text}' liegt nicht zwischen 1900 und 2200"),
        RowErrorKind::ScoreOutOfRange { text } => format!("der Score '{text}' ist keine ganze Zahl von 0 bis 10"),
        RowErrorKind::EndBeforeStart => "das Abonnement endet, bevor es beginnt".into(),
        RowErrorKind::RecencyAboveAge => "Recency ist größer als T".into(),
        RowErrorKind::BadFrequency { text } => format!("Frequency '{text}' ist keine ganze Zahl von mindestens 0"),
        RowErrorKind::CountsDisagree { expected, found } => {
            format!("die Datei nennt {found}, aber S, E und N ergeben {expected}")
        }
        RowErrorKind::NotAPeriod { text } => {
            format!("'{text}' ist keine Periode wie 2024-03, 2024-Q1, 2024-W09 oder 2024")
        }
        RowErrorKind::OffsetTooLarge { text } => {
            format!("Offset '{text}' ist mehr als {} Perioden", crate::ingest::cohort_table::MAX_OFFSET)
        }
        RowErrorKind::CohortSizeDiffers { size, earlier } => {
            format!("die Kohorte hat hier {size} Kunden, in einer früheren Zeile aber {earlier}")
        }
        RowErrorKind::ActiveAboveSize { active, size } => {
            format!("{active} aktive Kunden sind mehr als die {size} der Kohorte")
        }
        RowErrorKind::DuplicateCell => "eine frühere Zeile nannte diese Kohorte und diesen Offset schon".into(),
    }
}

fn worker_problem(e: &WorkerError) -> String {
    match e {
        WorkerError::CannotStart { message } => {
            format!("Die Seite konnte ihren Dateileser nicht starten ({message}).")
        }
        WorkerError::Stopped { message } => {
            format!(
                "Das Einlesen wurde beendet: Dem Browser ging der Speicher aus oder er ist gescheitert ({message}). \
                 Die Seite selbst funktioniert weiterhin."
            )
        }
        WorkerError::NoFile => "Die Seite wollte eine Datei lesen, ohne sie mitzugeben (ein Programmfehler).".into(),
        WorkerError::NoLog => "Es sind keine Transaktionsdaten geladen.".into(),
        WorkerError::NotUnderstood { message } => {
            format!("Die Seite und ihr Dateileser haben einander nicht verstanden ({message}); ein Programmfehler.")
        }
    }
}

fn file_problem(k: &FileErrorKind, t: &Texts) -> String {
    match k {
        FileErrorKind::Empty => "Die Datei ist leer.".into(),
        FileErrorKind::Unreadable => "Der Browser konnte die Datei nicht lesen. Ist sie noch vorhanden?".into(),
        FileErrorKind::DateOrderUnsettled => {
            "Die Datumsangaben können Tag-Monat oder Monat-Tag sein: Wählen Sie die Reihenfolge bei den Spalten.".into()
        }
        FileErrorKind::TooLarge { bytes, limit } => format!(
            "Die Datei ist {} MB groß; dieser Browser kann höchstens {} MB lesen. Teilen Sie sie auf oder exportieren \
             Sie stattdessen eine Kundenübersicht (frequency, recency, T).",
            bytes / 1_000_000,
            limit / 1_000_000
        ),
        FileErrorKind::Cancelled => "Das Einlesen wurde abgebrochen.".into(),
        FileErrorKind::NoDataRows => "Die Datei hat eine Kopfzeile, aber keine Datenzeilen.".into(),
        FileErrorKind::NotText => "Dies ist keine Textdatei. Speichern Sie das Tabellenblatt als CSV (in Excel: \
                                   Speichern unter → CSV) und legen Sie diese Datei hier ab."
            .into(),
        FileErrorKind::MissingColumn { kind, role } => {
            format!(
                "Das sieht aus wie {}, aber es fehlt die Spalte für: {}.",
                (t.kind_name)(*kind),
                (t.role_name)(*role)
            )
        }
        FileErrorKind::NotRecognised { headers } => format!(
            "Die Spalten ({}) werden nicht erkannt. Erwartet (mit englischen oder niederländischen Spaltennamen): \
             Transaktionsdaten (customer, date, amount), Kundenzahlen pro Periode (period, S, E, N), eine \
             Kundenübersicht (frequency, recency, T), Marketingausgaben, Umfragewerte oder Abonnements.",
            headers.join(", ")
        ),
    }
}

pub static LIFETIME: LifetimeTexts = LifetimeTexts {
    title: "Kundenwert (CLV)",
    intro: "Was Ihre Kunden wert sind und wer noch aktiv ist, aus Modellen, die in diesem Browser auf Ihre eigenen \
            Daten geschätzt werden: BG/NBD und Pareto/NBD dafür, wie oft Kunden kaufen und ob sie noch aktiv sind, \
            Gamma-Gamma dafür, wie viel sie pro Kauf ausgeben.",
    time_unit_label: "Zeiteinheit",
    unit_names: ["Tag", "Woche", "Monat"],
    unit_plural: ["Tage", "Wochen", "Monate"],
    calibration_label: "Kalibrierungsende",
    calibration_hint: "Käufe nach diesem Datum bilden den Holdout-Zeitraum, an dem die Modelle überprüft werden.",
    horizon_label: |unit| format!("Horizont ({unit})"),
    margin_label: "Marge (%)",
    discount_label: "Diskontierungssatz pro Jahr (%)",
    fitting: "Die Modelle werden geschätzt…",
    fit_failed: "Die Modelle konnten nicht geschätzt werden:",
    summary_note: |unit| {
        format!(
            "Die Zeitangaben der Kundenübersicht werden als {unit} gelesen; wählen Sie eine andere Zeiteinheit, \
             wenn die Datei eine andere verwendet."
        )
    },
    same_day_note: "Mehrere Bestellungen an einem Tag zählen als ein Kauf: x ist die Anzahl verschiedener Kaufdaten \
                    nach dem ersten.",

    models_title: "Geschätzte Modelle",
    col_parameter: "Parameter",
    col_estimate: "Schätzwert",
    col_se: "Standardfehler",
    col_interval: "95%-Intervall",
    log_likelihood: "Log-Likelihood",
    convergence: |c| match c {
        Convergence::Gradient => "konvergiert (Gradient ≈ 0)",
        Convergence::Function => "gestoppt: Die Likelihood ändert sich nicht mehr (Gradient noch nicht ≈ 0)",
        Convergence::NotConverged => "nicht konvergiert",
    },
    method: |m| match m {
        Method::Bfgs => "BFGS",
        Method::NelderMead => "Nelder-Mead (Ausweichverfahren)",
    },
    diagnostics: |iterations, starts, gradient, ms| {
        format!("{iterations} Iterationen, bester von {starts} Startpunkten, größter Gradient {gradient}, {ms} ms")
    },
    fitted_on: |customers, distinct| {
        format!("Geschätzt anhand von {customers} Kunden ({distinct} verschiedene Kaufhistorien).")
    },
    fit_error: |e| match e {
        FitError::NotEnoughData { needed, got } => {
            format!("zu wenige Kunden für die Schätzung: {got}, mindestens {needed} nötig.")
        }
        FitError::NoFiniteStart => "die Likelihood lässt sich für diese Daten nicht berechnen.".into(),
    },
    spend_problem: |p| match p {
        SpendFit::NoAmounts => "Keine Beträge: Ohne sie gibt es kein Ausgabenmodell und keinen CLV.".into(),
        SpendFit::DoesNotFit { q } => format!(
            "Das Ausgabenmodell passt nicht zu diesen Beträgen (q = {q:.3} ≤ 1, seine mittleren Ausgaben sind also \
             unendlich); der CLV wird nicht angezeigt."
        ),
    },
    model_explain: |k| match k {
        ModelKind::BgNbd => "BG/NBD (Fader, Hardie & Lee 2005): Solange ein Kunde aktiv ist, kauft er mit einer \
                             Poisson-Rate (über die Kunden gammaverteilt mit r, α) und scheidet nach jedem Kauf mit \
                             Wahrscheinlichkeit p aus (betaverteilt mit a, b).",
        ModelKind::ParetoNbd => "Pareto/NBD (Schmittlein, Morrison & Colombo 1987): Käufe wie bei BG/NBD, aber ein Kunde \
                                 kann jederzeit ausscheiden, nach einer exponentialverteilten Lebensdauer (gammaverteilte \
                                 Rate mit s, β).",
        ModelKind::MbgNbd => "MBG/NBD (Batislam, Denizel & Filiztekin 2007): BG/NBD, bei dem ein Kunde auch direkt nach \
                              dem ersten Kauf ausscheiden kann, sodass ein Einmalkäufer nicht als aktiv gilt.",
        ModelKind::GammaGamma => "Gamma-Gamma (Fader & Hardie 2013): Die Ausgaben eines Kunden pro Kauf schwanken um \
                                  seinen eigenen Mittelwert (Form p), und diese Mittelwerte variieren über die Kunden \
                                  (q, v). Geschätzt auf Kunden mit einem Wiederholungskauf.",
        ModelKind::BgBb => "BG/BB (Fader, Hardie & Shang 2010): Bei jeder Gelegenheit (ein Jahr, eine Ausgabe) kauft ein \
                            aktiver Kunde mit Wahrscheinlichkeit p (betaverteilt mit α, β) und scheidet mit \
                            Wahrscheinlichkeit θ aus (betaverteilt mit γ, δ).",
    },
    no_se: "nicht verfügbar (die Likelihood ist dort flach)",

    fig_customers: "Kunden in den Modellen",
    fig_p_alive_mean: "Mittlere P(aktiv)",
    fig_expected: |h| format!("Erwartete Käufe (Horizont: {h})"),
    fig_clv_mean: |h| format!("Mittlerer CLV (Horizont: {h})"),
    fig_clv_total: "CLV gesamt",
    fig_lapsed: "Wahrscheinlich abgewandert (P(aktiv) < 50%)",
    interval_note: |low, high| format!("95%-Intervall {low} – {high}"),
    figures_explain: [
        "P(aktiv): die Wahrscheinlichkeit, dass ein Kunde am Kalibrierungsende noch aktiv ist, gegeben seine Zahl an \
         Wiederholungskäufen x, den Zeitpunkt seines letzten Kaufs t_x und sein Kundenalter T (BG/NBD).",
        "Erwartete Käufe: die Käufe, die BG/NBD von jedem Kunden über den Horizont erwartet, gegeben seine Historie.",
        "CLV: Marge × erwartete Ausgaben pro Kauf (Gamma-Gamma) × die erwarteten Käufe in jedem Schritt des Horizonts, \
         jeweils ab der Mitte des Schritts mit dem jährlichen Diskontierungssatz, umgerechnet auf die Zeiteinheit, \
         abgezinst.",
        "Intervalle: 95%-Intervalle aus der Kovarianz der geschätzten Modelle (die inverse Hesse-Matrix der \
         Log-Likelihood in Log-Parametern, transformiert als J·H⁻¹·J), mit der Delta-Methode auf jede Kennzahl \
         übertragen.",
    ],

    backtest_title: "Backtest gegen den Holdout-Zeitraum",
    no_holdout: "Wählen Sie ein Kalibrierungsende vor dem letzten Kaufdatum, um die Modelle an dem zu prüfen, was \
                 danach geschah.",
    holdout_span: |first, last, length| format!("Holdout-Zeitraum: {first} bis {last} ({length})."),
    fig_holdout_actual: "Wiederholungskäufe im Holdout-Zeitraum",
    fig_holdout_predicted: "Vorhergesagt von BG/NBD",
    fig_pnbd_predicted: "Vorhergesagt von Pareto/NBD",
    col_model: "Modell",
    col_mae: "Mittlerer absoluter Fehler pro Kunde",
    col_total_error: "Fehler der Summe",
    verdict: |better, worse, by_holdout| {
        if by_holdout {
            format!("{better} hat den Holdout-Zeitraum besser vorhergesagt als {worse} (kleinerer Fehler pro Kunde).")
        } else {
            format!(
                "{better} passt besser zu den Kalibrierungsdaten als {worse} (höhere Log-Likelihood, gleiche Zahl \
                 an Parametern)."
            )
        }
    },
    cumulative_title: "Wiederholungskäufe im Holdout-Zeitraum, kumuliert",
    cumulative_x: |unit| format!("{unit} nach dem Kalibrierungsende"),
    cumulative_y: "Käufe",
    actual_name: "Tatsächlich",
    by_x_title: "Käufe pro Kunde im Holdout-Zeitraum nach Käufen in der Kalibrierung",
    by_x_x: "Wiederholungskäufe in der Kalibrierung (x)",
    by_x_y: "Mittlere Käufe im Holdout-Zeitraum",
    cumulative_alt: |actual, predicted| {
        format!(
            "Liniendiagramm: {actual} tatsächliche Wiederholungskäufe im Holdout-Zeitraum gegenüber {predicted} \
             von BG/NBD vorhergesagten."
        )
    },
    by_x_alt: |n| {
        format!(
            "Liniendiagramm der mittleren Käufe im Holdout-Zeitraum, tatsächlich und vorhergesagt, für {n} \
             Kundengruppen nach ihren Käufen in der Kalibrierung."
        )
    },
    backtest_explain: "Holdout-Zeitraum: jedes Kaufdatum nach dem Kalibrierungsende bis zum letzten Datum in der \
                       Datei, von den Kunden, deren erster Kauf an oder vor diesem Ende liegt. Vorhergesagt: die \
                       Summe der bedingt erwarteten Käufe jedes Kunden über die Länge des Holdout-Zeitraums.",

    histogram_title: "Kunden nach CLV",
    histogram_x: "CLV",
    histogram_y: "Kunden",
    histogram_alt: |n, mean| format!("Balkendiagramm von {n} Kunden nach ihrem CLV; Mittelwert {mean}."),
    matrix_title: |t| format!("P(aktiv) nach Käufen und Recency (ein Kunde mit Alter T = {t})"),
    matrix_x: "Zeitpunkt des letzten Kaufs (t_x)",
    matrix_y: "Wiederholungskäufe (x)",
    matrix_alt: |rows| {
        format!(
            "Heatmap von P(aktiv) für {rows} Anzahlen an Wiederholungskäufen nach dem Zeitpunkt des letzten Kaufs."
        )
    },

    table_title: "Pro Kunde",
    search_label: "Kunden suchen",
    col_customer: "Kunde",
    col_x: "x",
    col_t_x: "t_x",
    col_t: "T",
    col_monetary: "Mittl. Wiederholungsausgaben",
    col_p_alive: "P(aktiv)",
    col_expected: "Erwartete Käufe",
    col_spend: "Erwartete Ausgaben",
    col_clv: "CLV",
    col_stake: "CLV, falls aktiv",
    col_holdout: "Käufe im Holdout-Zeitraum",
    rows_of: |from, to, of| format!("Zeilen {from}–{to} von {of}"),
    export_table: "Tabelle herunterladen (CSV)",
    activation_title: "Wahrscheinlich abgewandert, aber am wertvollsten",
    activation_explain: "Kunden mit P(aktiv) unter 50%, geordnet nach dem CLV, den sie hätten, wenn sie noch aktiv \
                         wären (CLV / P(aktiv)): diejenigen, bei denen sich eine Rückgewinnungskampagne am meisten \
                         lohnt.",
    export_activation: "Aktivierungsliste herunterladen (CSV)",


    opportunities_title: "Kaufgelegenheiten (BG/BB)",
    col_weight: "Kunden",
    col_periods: "Gelegenheiten (n)",
    col_alive_next: "P(aktiv)",
    col_expected_next: |n| format!("Erwartete Käufe in den nächsten {n} Gelegenheiten"),
    subscriptions_title: "Abonnements: Überleben und die sBG-Projektion",
    km_title: "Anteil der noch laufenden Abonnements",
    km_x: |unit| format!("{unit} seit dem Start"),
    km_y: "Noch laufend (%)",
    km_name: "Kaplan-Meier",
    band_name: "95%-Band",
    sbg_name: "sBG-Projektion",
    km_alt: |n, last| {
        format!("Liniendiagramm des Anteils noch laufender Abonnements über {n} Perioden, {last} am Ende.")
    },
    col_period: "Periode",
    col_at_risk: "Unter Risiko",
    col_lost: "Beendet",
    col_survival: "Überleben (KM)",
    col_projected: "Projektion (sBG)",
    fig_remaining: |unit| format!("Erwartete restliche Laufzeit eines neuen Abonnenten ({unit}, abgezinst)"),
    fig_remaining_value: "Wert eines neuen Abonnenten",
    value_per_period_label: "Wert pro Periode",
    survivors_label: "Oder geben Sie die verbliebenen Abonnenten pro Periode ein",
    survivors_hint: "z. B. 1000, 631, 468, 382, 326",
    survivors_problem: "Geben Sie mindestens drei Zahlen ein, die nicht ansteigen.",
    subscriptions_explain: "Kaplan-Meier: für jede Periode seit dem Start der Anteil noch laufender Abonnements unter \
                            denen, die so lange beobachtet werden konnten (rechtszensierte zählen bis zu ihrer letzten \
                            vollen Periode), mit dem 95%-Band nach Greenwood. sBG (Fader & Hardie 2007): Jeder \
                            Abonnent kündigt nach jeder Periode mit seiner eigenen Wahrscheinlichkeit, betaverteilt über \
                            die Abonnenten (α, β); an die Überlebenskurve angepasst, schreibt es die Kundenbindung über \
                            die Daten hinaus fort.",
};

pub static PLANNER: PlannerTexts = PlannerTexts {
    title: "Budgetplaner: Was wäre, wenn?",
    intro: "Kundenstamm, Umsatz und Gewinn Monat für Monat, hochgerechnet aus der eigenen Kundenbindung, den \
            Bestellungen und dem Bestellwert dieser Transaktionsdaten (sowie CAC und Kosten pro gehaltenem Kunden aus \
            der Ausgabendatei). Bewegen Sie einen Schieberegler: Die Prognose folgt. Derselbe zusätzliche Betrag pro \
            Monat wird dann einmal für die Gewinnung und einmal für die Bindung von Kunden ausgegeben, und beides wird \
            verglichen.",
    no_baseline: "Die Transaktionsdaten sind zu kurz oder enthalten keine Beträge, um Kundenbindung und Bestellwert \
                  zu messen: Der Planer braucht Käufe mit Beträgen aus mindestens 56 Tagen.",
    years: "Jahre voraus",
    years_n: |n| if n == 1 { "1 Jahr".to_string() } else { format!("{n} Jahre") },
    retention_points: "Jährliche Kundenbindungsrate, + oder − Prozentpunkte",
    acquisition: "Akquisebudget pro Monat",
    cac: "Kundengewinnungskosten (CAC)",
    aov: "Durchschnittlicher Bestellwert",
    margin: "Marge (%)",
    extra: "Zusätzlicher Betrag pro Monat zum Vergleich",
    cost_retained: "Kosten pro gehaltenem Kunden",
    measured: |v| format!("gemessen: {v}"),
    scenario: |s| match s {
        Scenario::Plan => "Plan wie eingestellt",
        Scenario::Acquisition => "Zusätzlich in Neukundengewinnung",
        Scenario::Retention => "Zusätzlich in Kundenbindung",
    },
    fig_customers_end: "Kunden am Ende",
    fig_revenue_total: "Umsatz",
    fig_profit_total: "Gewinn",
    col_month: "Monat",
    col_customers: "Kunden",
    col_new: "Neu",
    col_lost: "Verloren",
    col_revenue: "Umsatz",
    col_spend: "Marketingausgaben",
    col_profit: "Gewinn",
    per_month: "Der Plan, Monat für Monat",
    assumptions_title: "Annahmen",
    assumptions: |f| {
        let mut out = vec![
            format!(
                "Die Prognose geht von den {} Kunden aus, die in den letzten {} Tagen der Transaktionsdaten gekauft \
                 haben.",
                f.customers, f.window_days
            ),
            format!(
                "Jährliche Kundenbindungsrate {} (gemessen {}, {} Prozentpunkte): Jeden Monat bleiben {} der Kunden.",
                f.yearly_retention, f.measured_retention, f.points, f.monthly_retention
            ),
        ];
        out.push(match (&f.cac, &f.new_per_month) {
            (Some(cac), Some(new)) => format!(
                "Mit {} pro Monat für Akquise und Kundengewinnungskosten (CAC) von {} gewinnt der Plan {} Neukunden \
                 pro Monat.",
                f.acquisition, cac, new
            ),
            _ => "Ohne CAC (laden Sie eine Ausgabendatei oder geben Sie einen Wert ein) gewinnt der Plan keine \
                  Neukunden."
                .to_string(),
        });
        out.push(format!(
            "Jeder Kunde bestellt {}-mal pro Monat zu {} pro Bestellung (die letzten {} Tage der Transaktionsdaten); \
             Marge {}.",
            f.orders_per_month, f.aov, f.window_days, f.margin
        ));
        out.push(format!(
            "Die Bindungsausgaben bleiben bei {} pro Monat; Gewinn = Umsatz × Marge − Marketingausgaben.",
            f.retention_spend
        ));
        out.push(match &f.won_per_month {
            Some(won) => format!(
                "Mit {} mehr pro Monat für Akquise gewinnt der Plan {} Kunden pro Monat zusätzlich.",
                f.extra, won
            ),
            None => format!("{} mehr pro Monat für Akquise: ohne CAC lassen sich keine Kunden zählen.", f.extra),
        });
        out.push(match (&f.kept_per_month, &f.cost_retained) {
            (Some(kept), Some(cost)) => format!(
                "Mit {} mehr pro Monat für Kundenbindung hält der Plan {} Kunden pro Monat, die sonst abwandern \
                 würden (zu je {}; höchstens so viele, wie in diesem Monat abwandern).",
                f.extra, kept, cost
            ),
            _ => "Ohne Kosten pro gehaltenem Kunden (laden Sie eine Ausgabendatei oder geben Sie einen Wert ein) hält \
                  das zusätzliche Budget für Kundenbindung niemanden."
                .to_string(),
        });
        out
    },
    verdict: |better, extra, difference, years| {
        let over = if years == 1 { "eines Jahres".to_string() } else { format!("von {years} Jahren") };
        match better {
            Some(Scenario::Retention) => format!(
                "{extra} mehr pro Monat für Kundenbindung bringen innerhalb {over} {difference} mehr Gewinn als \
                 derselbe Betrag für die Gewinnung neuer Kunden."
            ),
            Some(Scenario::Acquisition) => format!(
                "{extra} mehr pro Monat für Neukundengewinnung bringen innerhalb {over} {difference} mehr Gewinn als \
                 derselbe Betrag für die Bindung bestehender Kunden."
            ),
            _ => {
                "Geben Sie CAC und Kosten pro gehaltenem Kunden ein, um Gewinnen und Halten zu vergleichen.".to_string()
            }
        }
    },
    chart_title: "Kunden pro Monat, je Szenario",
    chart_alt: |n| format!("Liniendiagramm der Kunden am Ende jedes der {n} Monate, für die drei Szenarien."),
    export: "Prognose herunterladen (CSV)",
    csv_scenario: "szenario",
};

pub static CALCULATORS: CalculatorTexts = CalculatorTexts {
    thousands_separator: '.',
    decimal_mark: ',',
    currency_first: false,
    currency_space: true,
    no_figure: "–",
    crr_name: "Kundenbindungsrate (CRR)",
    churn_name: "Abwanderungsrate (Churn)",
    formula_crr: "CRR = (E − N) / S × 100",
    formula_churn: "Churn = 100 − CRR",
    label_s: "S: Kunden zu Beginn",
    label_e: "E: Kunden am Ende",
    label_n: "N: Neukunden in der Periode",
    manual_heading: "Schnellrechner",
    manual_intro: "Keine Datei zur Hand? Geben Sie die drei Zahlen einer Periode ein.",
    manual_enter: "Geben Sie S, E und N ein, um die Kundenbindungsrate zu sehen.",
    manual_not_a_number: "das ist keine Zahl",
    manual_not_whole: "zählen Sie ganze Kunden, ohne Nachkommastellen",
    manual_problem,
    how_computed: "Wie wird das berechnet?",
    embed_foot: "Kundenbindungsrechner: in Ihrem Browser berechnet, nichts wird gesendet.",
    embed_unknown: |asked| format!("Es gibt keinen Rechner „{asked}“; angezeigt wird der Kundenbindungsrechner."),
    calc_title: "Gewinnen oder halten: der Kostenrechner",
    calc_intro: "Keine Datei zur Hand? Geben Sie die Marketingausgaben und Kunden einer Periode ein.",
    calc_acquisition: "Akquiseausgaben",
    calc_new: "Gewonnene Neukunden",
    calc_retention: "Bindungsausgaben",
    calc_retained: "Gehaltene Kunden",
    calc_clv: "CLV pro Kunde",
    calc_monthly: "Marge pro Kunde und Monat",
    fig_cac: "Kundengewinnungskosten (CAC)",
    fig_cost_per_retained: "Kosten pro gehaltenem Kunden",
    fig_cost_ratio: "Neu / gehalten (×)",
    fig_ltv_cac: "CLV / CAC",
    fig_payback: "Amortisationsdauer (Monate)",
    claim_cost_ratio: "Marketingliteratur: Einen Kunden zu gewinnen kostet 5–6× so viel, wie einen zu halten",
    calculators_title: "Kundenwert ohne Datei",
    simple_title: "Einfacher CLV",
    simple_revenue: "Umsatz pro Kunde und Jahr",
    simple_margin: "Marge (%)",
    simple_retention: "Jährliche Kundenbindungsrate r (%)",
    simple_discount: "Diskontierungssatz d (%)",
    simple_result: "Einfacher CLV",
    simple_measured: |days, earlier, retained| {
        format!(
            "Aus der Datei gemessen: Von {earlier} Kunden, die in einem Zeitfenster von {days} Tagen kauften, kauften \
             {retained} in den folgenden {days} Tagen erneut; auf ein Jahr umgerechnet."
        )
    },
    simple_not_measured: "Die Datei ist zu kurz, um die Kundenbindung zu messen; geben Sie sie selbst ein.",
    simple_undefined: "Nicht definiert: Die Kundenbindungsrate muss unter 1 + Diskontierungssatz liegen.",
    simple_explain: "Einfacher CLV = Marge pro Kunde und Jahr × (1 + d) / (1 + d − r), mit r der jährlichen \
                     Kundenbindungsrate und d dem jährlichen Diskontierungssatz: der Wert eines Kunden, der weiter so \
                     kauft wie jetzt, solange er bleibt.",
    simple_reset: "Gemessene Werte verwenden",
};

pub static ROW_ERRORS: RowErrorTexts =
    RowErrorTexts { file_col: "datei", line_col: "zeile", column_col: "spalte", reason_col: "grund", reason };
