//! The user's table and column names, checked and quoted so that no name can change
//! what the SQL does. Every name is quoted (the engine's quote character inside it is
//! escaped), so it is taken exactly as typed, case included: in PostgreSQL an unquoted
//! `CREATE TABLE orders (customer_id ...)` made lower-case names, in Snowflake
//! upper-case ones (`CUSTOMER_ID`), and they must be typed so.

use super::dialect::Engine;
use std::fmt;

/// The longest name accepted (the engines allow 63 to 1,024 characters; a longer one
/// is a mistake, not a name).
pub const MAX_NAME_CHARS: usize = 1024;

/// Which name the user gave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameOf {
    Table,
    Customer,
    Date,
    Amount,
    Attribute,
}

impl NameOf {
    pub fn english(self) -> &'static str {
        match self {
            NameOf::Table => "the table",
            NameOf::Customer => "the customer id column",
            NameOf::Date => "the date column",
            NameOf::Amount => "the amount column",
            NameOf::Attribute => "the attribute column",
        }
    }
}

/// Why a name cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameError {
    /// Empty, or only spaces (for a table: a part between dots).
    Empty(NameOf),
    /// Holds a line break, a tab, a NUL or another control character.
    ControlCharacter(NameOf),
    TooLong(NameOf),
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameError::Empty(NameOf::Table) => write!(f, "the table name (or a part of it between dots) is empty"),
            NameError::Empty(of) => write!(f, "the name of {} is empty", of.english()),
            NameError::ControlCharacter(of) => {
                write!(f, "the name of {} holds a control character (a line break, tab or NUL)", of.english())
            }
            NameError::TooLong(of) => {
                write!(f, "the name of {} is longer than {MAX_NAME_CHARS} characters", of.english())
            }
        }
    }
}

fn check(name: &str, of: NameOf) -> Result<(), NameError> {
    if name.trim().is_empty() {
        return Err(NameError::Empty(of));
    }
    if name.chars().any(char::is_control) {
        return Err(NameError::ControlCharacter(of));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(NameError::TooLong(of));
    }
    Ok(())
}

/// One identifier, quoted for `engine`: `"a""b"` (DuckDB, PostgreSQL, Snowflake),
/// `` `a``b` `` (Spark SQL), `` `a\`b` `` (BigQuery, whose quoted names know
/// backslash escapes). Only for names already checked, and for the app's own.
pub fn quote(engine: Engine, name: &str) -> String {
    match engine {
        Engine::DuckDb | Engine::Postgres | Engine::Snowflake => format!("\"{}\"", name.replace('"', "\"\"")),
        Engine::Spark => format!("`{}`", name.replace('`', "``")),
        Engine::BigQuery => format!("`{}`", name.replace('\\', "\\\\").replace('`', "\\`")),
    }
}

/// A column name, checked and quoted.
pub fn column(engine: Engine, name: &str, of: NameOf) -> Result<String, NameError> {
    check(name, of)?;
    Ok(quote(engine, name))
}

/// A table name: `orders`, `shop.orders`, `project.dataset.orders`; each part between
/// dots is checked and quoted on its own (so a part cannot hold a dot).
pub fn table(engine: Engine, name: &str) -> Result<String, NameError> {
    check(name, NameOf::Table)?;
    let parts: Vec<&str> = name.split('.').collect();
    if parts.iter().any(|p| p.trim().is_empty()) {
        return Err(NameError::Empty(NameOf::Table));
    }
    Ok(parts.iter().map(|p| quote(engine, p)).collect::<Vec<_>>().join("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_quoted_and_their_quotes_escaped() {
        // Worked out by hand from each engine's rules for quoted identifiers.
        assert_eq!(quote(Engine::DuckDb, "klant id"), "\"klant id\"");
        assert_eq!(quote(Engine::Postgres, "a\"b"), "\"a\"\"b\"");
        assert_eq!(quote(Engine::Snowflake, "CUSTOMER_ID"), "\"CUSTOMER_ID\"");
        assert_eq!(quote(Engine::Spark, "a`b"), "`a``b`");
        assert_eq!(quote(Engine::BigQuery, "a`b\\c"), "`a\\`b\\\\c`");
        // A name that tries to end the identifier and add SQL stays one identifier.
        let evil = "x\" FROM t; DROP TABLE orders; --";
        assert_eq!(
            column(Engine::Postgres, evil, NameOf::Customer).unwrap(),
            "\"x\"\" FROM t; DROP TABLE orders; --\""
        );
        assert_eq!(
            column(Engine::Spark, "x` FROM t; --", NameOf::Customer).unwrap(),
            "`x`` FROM t; --`",
            "the other quote is no quote in Spark"
        );
    }

    #[test]
    fn tables_are_quoted_part_by_part() {
        assert_eq!(table(Engine::BigQuery, "my-project.shop.orders").unwrap(), "`my-project`.`shop`.`orders`");
        assert_eq!(table(Engine::DuckDb, "orders").unwrap(), "\"orders\"");
        assert_eq!(table(Engine::Snowflake, "DB.\"x\".T").unwrap(), "\"DB\".\"\"\"x\"\"\".\"T\"");
        assert_eq!(table(Engine::Postgres, "shop..orders"), Err(NameError::Empty(NameOf::Table)));
        assert_eq!(table(Engine::Postgres, "orders."), Err(NameError::Empty(NameOf::Table)));
    }

    #[test]
    fn unusable_names_are_refused() {
        assert_eq!(column(Engine::DuckDb, "", NameOf::Date), Err(NameError::Empty(NameOf::Date)));
        assert_eq!(column(Engine::DuckDb, "  ", NameOf::Amount), Err(NameError::Empty(NameOf::Amount)));
        assert_eq!(
            column(Engine::DuckDb, "a\n-- b", NameOf::Customer),
            Err(NameError::ControlCharacter(NameOf::Customer))
        );
        assert_eq!(column(Engine::DuckDb, "a\0", NameOf::Customer), Err(NameError::ControlCharacter(NameOf::Customer)));
        let long = "x".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(column(Engine::DuckDb, &long, NameOf::Attribute), Err(NameError::TooLong(NameOf::Attribute)));
        assert!(column(Engine::DuckDb, &long[1..], NameOf::Attribute).is_ok());
        assert_eq!(
            NameError::ControlCharacter(NameOf::Customer).to_string(),
            "the name of the customer id column holds a control character (a line break, tab or NUL)"
        );
    }
}
