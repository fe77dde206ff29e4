//! Which currency amounts are in: only its identity (the code in URLs and in
//! `data-setting=currency`) and how an amount's text names it. How a language writes an
//! amount in it is `crate::i18n`'s business (`Lang::money`).

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub enum Currency {
    #[default]
    Eur,
    Usd,
    Gbp,
}

impl Currency {
    pub const ALL: [Currency; 3] = [Currency::Eur, Currency::Usd, Currency::Gbp];

    /// The ISO 4217 code, as in URLs and `data-setting=currency`.
    pub fn key(self) -> &'static str {
        match self {
            Currency::Eur => "EUR",
            Currency::Usd => "USD",
            Currency::Gbp => "GBP",
        }
    }

    /// From the code, in any case.
    pub fn from_key(key: &str) -> Option<Currency> {
        Self::ALL.into_iter().find(|c| c.key().eq_ignore_ascii_case(key.trim()))
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Currency::Eur => "€",
            Currency::Usd => "$",
            Currency::Gbp => "£",
        }
    }

    /// The currency an amount's text names by its sign or code (`€ 12,50`, `$1,234.56`,
    /// `12.50 GBP`, `EUR 10`), if any.
    pub fn named_in(text: &str) -> Option<Currency> {
        Self::ALL.into_iter().find(|c| {
            text.contains(c.symbol())
                || text.split(|ch: char| !ch.is_ascii_alphabetic()).any(|word| word.eq_ignore_ascii_case(c.key()))
        })
    }

    /// The currency most of `amounts` name (a tie or none: `None`).
    pub fn detect<'a>(amounts: impl IntoIterator<Item = &'a str>) -> Option<Currency> {
        let mut counts = [0usize; 3];
        for text in amounts {
            if let Some(c) = Currency::named_in(text) {
                counts[Self::ALL.iter().position(|x| *x == c).unwrap_or(0)] += 1;
            }
        }
        let best = *counts.iter().max()?;
        let mut winners = Self::ALL.into_iter().zip(counts).filter(|&(_, n)| n == best && n > 0);
        match (winners.next(), winners.next()) {
            (Some((c, _)), None) => Some(c),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for c in Currency::ALL {
            assert_eq!(Currency::from_key(c.key()), Some(c));
        }
        assert_eq!(Currency::from_key("usd"), Some(Currency::Usd));
        assert_eq!(Currency::from_key("JPY"), None);
    }

    #[test]
    fn from_signs_and_codes_in_amounts() {
        assert_eq!(Currency::named_in("€ 1.234,56"), Some(Currency::Eur));
        assert_eq!(Currency::named_in("$1,234.56"), Some(Currency::Usd));
        assert_eq!(Currency::named_in("12.50 GBP"), Some(Currency::Gbp));
        assert_eq!(Currency::named_in("EUR 10"), Some(Currency::Eur));
        assert_eq!(Currency::named_in("12,50"), None);
        // A code only as a word: "EURO" or "USDT" name nothing.
        assert_eq!(Currency::named_in("10 EURO"), None);
        assert_eq!(Currency::detect(["€ 10", "12,50", "€ 3"]), Some(Currency::Eur));
        assert_eq!(Currency::detect(["10", "12"]), None);
        assert_eq!(Currency::detect(["$1", "£2"]), None, "a tie says nothing");
        assert_eq!(Currency::detect(["$1", "$3", "£2"]), Some(Currency::Usd));
    }
}
