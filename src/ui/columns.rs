//! The column panel: how a file was read (kind, delimiter, header, decimal mark, date
//! format, which column is which), with a preview, every choice changeable. A choice
//! is remembered in this browser for files with the same header.

use crate::i18n::Lang;
use crate::ingest::date::{DateFormat, Inference};
use crate::ingest::number::{DecimalMark, NumberStyle};
use crate::ingest::other_kinds::SpendKind;
use crate::ingest::{Encoding, FileErrorKind, FileKind, Mapping, ReadSettings};
use crate::metrics::spend::channel_kinds;
use crate::report::{Content, FileReport};
use crate::state::{Failure, FileEntry};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    pub lang: Lang,
    pub entry: FileEntry,
    /// The user asked to read the file again with these settings.
    pub on_apply: Callback<ReadSettings>,
}

/// A change to the draft settings from a select's new value.
type Edit = dyn Fn(&mut ReadSettings, String);

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<web_sys::HtmlSelectElement>().value()
}

fn delimiter_label(d: u8) -> &'static str {
    match d {
        b';' => ";",
        b'\t' => "tab",
        b'|' => "|",
        b' ' => "spaces",
        _ => ",",
    }
}

#[function_component(ColumnPanel)]
pub fn column_panel(props: &PanelProps) -> Html {
    let lang: Lang = props.lang;
    let t = lang.texts();
    let entry = &props.entry;
    let Some(detection) = entry.detection.clone() else { return html! {} };
    let used = match &entry.result {
        Ok(report) => report.settings.clone(),
        Err(_) => detection.settings.clone(),
    };
    let needs_date_choice =
        matches!(&entry.result, Err(Failure::File(e)) if *e.kind() == FileErrorKind::DateOrderUnsettled);
    let draft = use_state(|| used.clone());
    {
        // A new reading of the file starts from what was used.
        let draft = draft.clone();
        use_effect_with(used.clone(), move |used| draft.set(used.clone()));
    }
    let update = |f: Rc<Edit>| {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let mut s = (*draft).clone();
            f(&mut s, select_value(&e));
            draft.set(s);
        })
    };
    let on_kind = update(Rc::new(|s, v| {
        if let Some(kind) = FileKind::from_key(&v) {
            let headers: Vec<&str> = s.headers.iter().map(String::as_str).collect();
            s.mapping = Mapping::from_headers(kind, &headers);
        }
    }));
    let on_delimiter = update(Rc::new(|s, v| {
        s.delimiter = match v.as_str() {
            ";" => b';',
            "tab" => b'\t',
            "|" => b'|',
            "spaces" => b' ',
            _ => b',',
        }
    }));
    let on_encoding = update(Rc::new(|s, v| {
        if let Some(e) = Encoding::from_label(&v) {
            s.encoding = e;
        }
    }));
    let on_header = update(Rc::new(|s, v| s.has_header = v == "yes"));
    let on_decimal = update(Rc::new(|s, v| {
        s.numbers = NumberStyle { decimal: if v == "comma" { DecimalMark::Comma } else { DecimalMark::Point } }
    }));
    let on_date = update(Rc::new(|s, v| s.date_format = DateFormat::from_key(&v)));
    let on_apply = {
        let draft = draft.clone();
        props.on_apply.reform(move |_: MouseEvent| (*draft).clone())
    };

    // Marketing spend: the kind of each channel, as read, changeable per channel.
    let channels = match &entry.result {
        Ok(FileReport { content: Content::MarketingSpend { rows, .. }, .. }) => channel_kinds(rows),
        _ => Vec::new(),
    };
    let d = &*draft;
    let width = d.headers.len().max(detection.preview.iter().map(Vec::len).max().unwrap_or(0));
    let column_name = |c: usize| match d.headers.get(c).map(String::as_str) {
        Some(h) if !h.is_empty() => format!("{} · {h}", c + 1),
        _ => (t.column_n)(c + 1),
    };
    let roles: Vec<_> = d.mapping.columns.clone();
    let date_candidates = match &detection.dates {
        Some(Inference::Ambiguous { candidates }) => candidates.clone(),
        _ => DateFormat::ALL.to_vec(),
    };

    html! {
        <details class="card column-panel" data-testid="column-panel" data-file={entry.name.clone()} open={needs_date_choice}>
            <summary>{ (t.panel_title)(&entry.name) }</summary>
            if needs_date_choice {
                <p class="notice" role="alert">{ t.date_order_question }</p>
            }
            <div class="format-grid">
                <label class="field"><span>{ t.label_kind }</span>
                    <select data-testid="kind-select" onchange={on_kind}>
                        { for FileKind::ALL.iter().map(|k| html! {
                            <option value={k.key()} selected={*k == d.mapping.kind}>{ (t.kind_name)(*k) }</option>
                        }) }
                    </select>
                </label>
                <label class="field"><span>{ t.label_encoding }</span>
                    <select data-testid="encoding-select" onchange={on_encoding}>
                        { for Encoding::ALL.iter().map(|e| html! {
                            <option value={e.label()} selected={*e == d.encoding}>{ e.label() }</option>
                        }) }
                    </select>
                </label>
                <label class="field"><span>{ t.label_delimiter }</span>
                    <select data-testid="delimiter-select" onchange={on_delimiter}>
                        { for [b',', b';', b'\t', b'|', b' '].iter().map(|&x| html! {
                            <option value={delimiter_label(x)} selected={x == d.delimiter}>{ delimiter_label(x) }</option>
                        }) }
                    </select>
                </label>
                <label class="field"><span>{ t.label_header }</span>
                    <select data-testid="header-select" onchange={on_header}>
                        <option value="yes" selected={d.has_header}>{ t.yes }</option>
                        <option value="no" selected={!d.has_header}>{ t.no }</option>
                    </select>
                </label>
                <label class="field"><span>{ t.label_decimal }</span>
                    <select data-testid="decimal-select" onchange={on_decimal}>
                        <option value="comma" selected={d.numbers.decimal == DecimalMark::Comma}>{ "1.234,56" }</option>
                        <option value="point" selected={d.numbers.decimal == DecimalMark::Point}>{ "1,234.56" }</option>
                    </select>
                </label>
                if d.mapping.kind.date_role().is_some() {
                    <label class="field"><span>{ t.label_date_format }</span>
                        <select data-testid="date-order" onchange={on_date}>
                            if d.date_format.is_none() {
                                <option value="" selected=true disabled=true>{ t.choose }</option>
                            }
                            { for date_candidates.iter().map(|f| html! {
                                <option value={f.key()} selected={Some(*f) == d.date_format}>{ (t.date_format_name)(*f) }</option>
                            }) }
                        </select>
                    </label>
                }
                { for roles.iter().map(|(role, column)| {
                    let role = *role;
                    let on_role = update(Rc::new(move |s, v| s.mapping.set(role, v.parse().ok())));
                    html! {
                        <label class="field"><span>{ (t.role_name)(role) }</span>
                            <select data-role={role.key()} onchange={on_role}>
                                <option value="" selected={column.is_none()}>{ t.label_none }</option>
                                { for (0..width).map(|c| html! {
                                    <option value={c.to_string()} selected={*column == Some(c)}>{ column_name(c) }</option>
                                }) }
                            </select>
                        </label>
                    }
                }) }
            </div>
            if !channels.is_empty() {
                <fieldset class="channel-kinds" data-testid="channel-kinds">
                    <legend>{ t.channel_kinds_legend }</legend>
                    { for channels.iter().map(|(name, read_as)| {
                        let chosen = d.channel_kinds.iter().find(|(n, _)| n == name).map_or(*read_as, |(_, k)| *k);
                        let channel = name.clone();
                        let on_change = update(Rc::new(move |s, v| {
                            let kind = SpendKind::from_key(&v);
                            s.channel_kinds.retain(|(n, _)| *n != channel);
                            if let Some(kind) = kind {
                                s.channel_kinds.push((channel.clone(), kind));
                            }
                        }));
                        html! {
                            <label class="field"><span>{ name.clone() }</span>
                                <select data-channel={name.clone()} onchange={on_change}>
                                    { for SpendKind::ALL.iter().map(|k| html! {
                                        <option value={k.key()} selected={*k == chosen}>{ (t.spend_kind_name)(*k) }</option>
                                    }) }
                                </select>
                            </label>
                        }
                    }) }
                </fieldset>
            }
            <div class="table-wrap" tabindex="0">
                <table class="preview">
                    <thead><tr>{ for (0..width).map(|c| html! { <th scope="col">{ column_name(c) }</th> }) }</tr></thead>
                    <tbody>
                        { for detection.preview.iter().map(|row| html! {
                            <tr>{ for (0..width).map(|c| html! { <td>{ row.get(c).cloned().unwrap_or_default() }</td> }) }</tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <button type="button" class="button" data-testid="apply-columns" onclick={on_apply}>{ t.apply_columns }</button>
        </details>
    }
}
