//! Which language the page speaks: only its identity (the code in URLs and in
//! `<html lang>`). What a language says and how it writes numbers is `crate::i18n`'s
//! business; this leaf exists so that the messages to the worker can name a language
//! without depending on the texts.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    #[default]
    En,
    Nl,
    De,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Nl, Lang::En, Lang::De];

    /// The code used in URLs, `data-setting=language` and `<html lang>`.
    pub fn key(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
            Lang::De => "de",
        }
    }

    pub fn from_key(key: &str) -> Option<Lang> {
        Self::ALL.into_iter().find(|l| l.key() == key)
    }

    /// The language for a browser language tag such as `nl-NL`, `de-DE` or `en-US`.
    pub fn from_browser(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        Lang::from_key(&primary).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_key(lang.key()), Some(lang));
        }
        assert_eq!(Lang::from_key("fr"), None);
    }
}
