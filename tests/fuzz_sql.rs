//! The warehouse SQL generator on any names and settings (proptest): it never panics,
//! and a name it accepts appears in the text only quoted, with its quotes escaped, so
//! that the text outside the quoted names is the generator's own.
//!
//! ```text
//! FUZZ_CASES=5000 cargo test --test fuzz_sql
//! ```

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use proptest::sample::select;
use retention::calendar::{Granularity, TimeUnit};
use retention::sql::names::quote;
use retention::sql::{generate, Engine, Output, Request};

fn cases() -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

/// Names made of the characters that matter: quotes of every engine, backslashes, dots,
/// SQL punctuation, spaces, letters beyond ASCII; one in ten may hold a line break or a
/// NUL (refused).
fn name() -> impl Strategy<Value = String> {
    let chars = |extra: Vec<char>| {
        let mut all = vec!['a', 'Z', '_', '"', '`', '\'', '\\', '.', ';', '-', ' ', 'é', '€', '(', ')', '*', '/'];
        all.extend(extra);
        proptest::collection::vec(select(all), 0..12).prop_map(|c| c.into_iter().collect::<String>())
    };
    prop_oneof![9 => chars(Vec::new()), 1 => chars(vec!['\n', '\0'])]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_names_give_sql_with_them_quoted_or_a_reason(
        engine in select(Engine::ALL.to_vec()),
        output in select(Output::ALL.to_vec()),
        granularity in select(Granularity::ALL.to_vec()),
        unit in select(TimeUnit::ALL.to_vec()),
        window in prop_oneof![9 => 1u32..=3660, 1 => 0u32..10_000],
        table in name(), customer in name(), date in name(),
        amount in proptest::option::of(name()), attribute in proptest::option::of(name()),
    ) {
        let req = Request {
            amount: amount.clone(),
            attribute: attribute.clone(),
            granularity,
            window_days: window,
            time_unit: unit,
            ..Request::new(engine, &table, &customer, &date, output)
        };
        let Ok(sql) = generate(&req) else {
            // Refused only for a reason: a name empty or with a control character, a
            // window out of range, or an attribute named as a summary column.
            let bad = |n: &str| n.trim().is_empty() || n.contains(['\n', '\0']);
            let parts_bad = table.split('.').any(bad);
            prop_assert!(
                parts_bad || [&customer, &date].into_iter().chain(&req.amount).chain(&req.attribute).any(|n| bad(n))
                    || !(1..=3660).contains(&window) || output == Output::Summary
            );
            return Ok(());
        };
        // Remove every quoted column name, and the quoted parts of the table name.
        let mut rest = sql.clone();
        let mut names = vec![customer.clone(), date.clone()];
        names.extend(amount);
        names.extend(attribute);
        let mut quoted: Vec<String> = names.iter().map(|n| quote(engine, n)).collect();
        quoted.extend(table.split('.').map(|p| quote(engine, p)));
        quoted.sort_by_key(|q| std::cmp::Reverse(q.len()));
        for q in &quoted {
            rest = rest.replace(q.as_str(), "");
        }
        // The comment lines are the generator's (no name is written into one) ...
        let comments: Vec<&str> = sql.lines().filter(|l| l.trim_start().starts_with("--")).collect();
        let plain = Request {
            table: "t".into(),
            customer: "c".into(),
            date: "d".into(),
            amount: req.amount.as_ref().map(|_| "m".into()),
            attribute: req.attribute.as_ref().map(|_| "x".into()),
            ..req.clone()
        };
        let own = generate(&plain)
            .map(|s| s.lines().filter(|l| l.trim_start().starts_with("--")).map(String::from).collect::<Vec<_>>());
        if let Ok(own) = own {
            prop_assert_eq!(&comments, &own);
        }
        let rest: String = rest.lines().filter(|l| !l.trim_start().starts_with("--")).collect::<Vec<_>>().join("\n");
        // ... and what is left besides them is the generator's own text: no character a
        // name brought in that the generator never writes.
        for c in ['\0', '\\', ';', '€', 'é', '`', '"'] {
            let own = match c {
                '`' => matches!(engine, Engine::Spark | Engine::BigQuery),
                '"' => matches!(engine, Engine::DuckDb | Engine::Postgres | Engine::Snowflake),
                _ => false,
            };
            prop_assert!(own || !rest.contains(c), "{c:?} outside the names in\n{sql}");
        }
        prop_assert!(!sql.contains('\0'));
    }
}
