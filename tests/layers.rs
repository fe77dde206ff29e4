//! The direction of dependencies between the crate's top-level modules (README,
//! "Architecture"). Each module has a layer; a module may use modules of its own
//! layer or below, never above, and the import graph has no circle:
//!
//! ```text
//!   0  calendar · lang · currency · retention   leaves
//!   1  ingest                           bytes → typed records + row errors
//!   2  metrics · synth · sql            figures (and synthetic logs, warehouse SQL)
//!   3  report · export · protocol       what the page gets, files, messages
//!   4  i18n                             domain types rendered in a language
//!   5  charts · state                   pictures, the page's reducer
//!   6  ui · worker                      the browser
//! ```
//!
//! Domain modules (layers 0-2) know nothing of languages: they may not name `lang`
//! or `i18n` at all. Run `cargo test --test layers -- --nocapture` to print the graph.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const LAYERS: &[(&str, u8)] = &[
    ("calendar", 0),
    ("lang", 0),
    ("currency", 0),
    ("retention", 0),
    ("ingest", 1),
    ("metrics", 2),
    ("synth", 2),
    ("models", 2),
    ("sql", 2),
    ("report", 3),
    ("export", 3),
    ("protocol", 3),
    ("snapshot", 3),
    ("embed", 3),
    ("i18n", 4),
    ("charts", 5),
    ("state", 5),
    ("ui", 6),
    ("worker", 6),
];

/// The highest layer of the domain: pure figures, no words.
const DOMAIN: u8 = 2;

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|&(_, l)| l)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`None` for `lib.rs` and the binaries).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?;
    match first {
        "lib.rs" | "bin" => None,
        f => Some(f.trim_end_matches(".rs").to_string()),
    }
}

/// The top-level modules that `text` names through `crate::`: `crate::a::b`,
/// `crate::{a::b, c}`, nested groups included. Comments are skipped.
fn crate_paths(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + "crate::".len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // `my_crate::`, not `crate::`
            }
            if let Some(group) = rest.strip_prefix('{') {
                // The first name of every item of the group (at depth 0).
                let mut depth = 0;
                let mut item_start = true;
                let mut name = String::new();
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => item_start = true,
                        c if item_start && (c.is_alphanumeric() || c == '_') => name.push(c),
                        _ if item_start && !name.is_empty() => {
                            found.insert(std::mem::take(&mut name));
                            item_start = false;
                        }
                        _ => {}
                    }
                }
                if !name.is_empty() {
                    found.insert(name);
                }
            } else {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    found.insert(name);
                }
            }
        }
    }
    found
}

/// Module → the other top-level modules it names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let Some(module) = module_of(&src, &file) else { continue };
        let text = std::fs::read_to_string(&file).unwrap();
        let uses = graph.entry(module.clone()).or_default();
        for used in crate_paths(&text) {
            if used != module {
                uses.insert(used);
            }
        }
    }
    graph
}

#[test]
fn dependencies_point_one_way() {
    let graph = graph();
    let mut wrong = Vec::new();
    for (module, uses) in &graph {
        let Some(from) = layer(module) else {
            wrong.push(format!("`{module}` has no layer in tests/layers.rs"));
            continue;
        };
        println!("{from} {module:<10} → {}", uses.iter().cloned().collect::<Vec<_>>().join(", "));
        for used in uses {
            match layer(used) {
                None => wrong.push(format!("`{module}` names `crate::{used}`, which has no layer")),
                Some(to) if to > from => wrong.push(format!("`{module}` (layer {from}) uses `{used}` (layer {to})")),
                Some(_) if from <= DOMAIN && (used == "lang" || used == "i18n") => {
                    wrong.push(format!("domain module `{module}` names the language (`{used}`)"))
                }
                Some(_) => {}
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_import_graph_has_no_circle() {
    let graph = graph();
    // Depth-first search; a module met again while still on the path closes a circle.
    fn visit<'a>(
        m: &'a str,
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Result<(), String> {
        if let Some(i) = path.iter().position(|p| *p == m) {
            return Err(format!("{} → {m}", path[i..].join(" → ")));
        }
        if !done.insert(m) {
            return Ok(());
        }
        path.push(m);
        for next in graph.get(m).into_iter().flatten() {
            visit(next, graph, path, done)?;
        }
        path.pop();
        Ok(())
    }
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        visit(m, &graph, &mut Vec::new(), &mut done).unwrap_or_else(|circle| panic!("import circle: {circle}"));
    }
}

#[test]
fn paths_are_found_in_every_spelling() {
    let text = "use crate::ingest::{a, b};\nuse crate::{metrics::x, report::{y, z}, lang};\n\
                // crate::ui is a comment\nlet _ = crate::calendar::Date(1); my_crate::state";
    let found: Vec<_> = crate_paths(text).into_iter().collect();
    assert_eq!(found, ["calendar", "ingest", "lang", "metrics", "report"]);
}
