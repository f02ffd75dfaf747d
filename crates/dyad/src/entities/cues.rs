//! The entity word lists of `data/lang/en/entity_cues.txt`: titles, given names,
//! organisation and place heads, places, words that are never names. One reader,
//! line-numbered errors.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::segment::lexicon::ListError;
use crate::segment::{tokenize::tokenize, Lexicon};

/// What a cue item says about a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u16)]
pub enum Cue {
    /// A word of a personal title (`President`, `Gen.`).
    Title = 1,
    /// A word after a personal name (`Jr.`).
    Suffix = 1 << 1,
    /// A lower-case word inside personal names (`van`, `bin`).
    Particle = 1 << 2,
    /// A common given name.
    First = 1 << 3,
    /// The last word of an organisation name (`Inc.`, `Ministry`).
    Org = 1 << 4,
    /// A word that names an organisation by itself (`Congress`).
    Institution = 1 << 5,
    /// The last word of a place name (`River`).
    Loc = 1 << 6,
    /// The first word of a place name (`Mount`).
    LocStart = 1 << 7,
    /// A place (`New York`, `Bavaria`).
    Place = 1 << 8,
    /// A US state abbreviation (`Calif.`), a place only with its period or after a comma.
    Abbr = 1 << 9,
    /// Never a name by itself (`Monday`, `The`).
    Skip = 1 << 10,
    /// A preposition after which an unknown name is a place (`in`).
    LocPrep = 1 << 11,
    /// A word that makes a name an event, work, religion or people (`Cup`, `Catholic`).
    Misc = 1 << 12,
    /// A common noun for a kind of place (`town`, `region`).
    LocNoun = 1 << 13,
}

const CLASSES: [(&str, Cue); 14] = [
    ("title", Cue::Title),
    ("suffix", Cue::Suffix),
    ("particle", Cue::Particle),
    ("first", Cue::First),
    ("org", Cue::Org),
    ("institution", Cue::Institution),
    ("loc", Cue::Loc),
    ("locstart", Cue::LocStart),
    ("place", Cue::Place),
    ("abbr", Cue::Abbr),
    ("skip", Cue::Skip),
    ("locprep", Cue::LocPrep),
    ("misc", Cue::Misc),
    ("locnoun", Cue::LocNoun),
];

/// The compiled cue lists: normalised phrase keys to sets of [`Cue`]s.
#[derive(Debug, Default)]
pub struct Cues {
    map: HashMap<String, u16>,
    max_words: usize,
}

/// The key of one token for cue lookup: lower case, curly apostrophes straightened,
/// final periods removed (`Calif.` → `calif`, `U.S.` → `u.s`).
pub fn cue_key(text: &str) -> String {
    let mut key = crate::actors::dictionary::token_key(text);
    while key.len() > 1 && key.ends_with('.') {
        key.pop();
    }
    key
}

impl Cues {
    /// Parse the text of a cue file named `file` in errors.
    pub fn parse(file: &str, text: &str) -> Result<Cues, ListError> {
        let err = |line: usize, message: String| ListError {
            file: file.to_string(),
            line,
            message,
        };
        let mut cues = Cues::default();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((class, items)) = line.split_once(':') else {
                return Err(err(
                    i + 1,
                    format!("`{line}`: expected `CLASS: item; item`"),
                ));
            };
            let Some(&(_, cue)) = CLASSES.iter().find(|(name, _)| *name == class.trim()) else {
                return Err(err(i + 1, format!("unknown class `{}`", class.trim())));
            };
            for item in items.split(';') {
                let item = item.trim();
                if item.is_empty() {
                    return Err(err(i + 1, "empty item".to_string()));
                }
                let words: Vec<String> = tokenize(item, Lexicon::english())
                    .iter()
                    .map(|t| cue_key(&item[t.span.range()]))
                    .collect();
                cues.max_words = cues.max_words.max(words.len());
                *cues.map.entry(words.join(" ")).or_default() |= cue as u16;
            }
        }
        Ok(cues)
    }

    /// The built-in English lists.
    pub fn english() -> &'static Cues {
        static CUES: OnceLock<Cues> = OnceLock::new();
        CUES.get_or_init(|| {
            Cues::parse(
                "entity_cues.txt",
                include_str!("../../../../data/lang/en/entity_cues.txt"),
            )
            .expect("built-in entity cues are checked by the cue tests")
        })
    }

    /// Does the single word with cue key `key` carry `cue`?
    pub fn is(&self, key: &str, cue: Cue) -> bool {
        self.map.get(key).is_some_and(|&c| c & cue as u16 != 0)
    }

    /// The longest phrase of `keys` (cue keys, from the start) that carries `cue`:
    /// its length in words.
    pub fn longest(&self, keys: &[&str], cue: Cue) -> Option<usize> {
        let mut key = String::new();
        let mut best = None;
        for (n, k) in keys.iter().take(self.max_words).enumerate() {
            if n > 0 {
                key.push(' ');
            }
            key.push_str(k);
            if self.map.get(&key).is_some_and(|&c| c & cue as u16 != 0) {
                best = Some(n + 1);
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lists_parse() {
        let c = Cues::english();
        assert!(c.is("gen", Cue::Title));
        assert!(c.is("inc", Cue::Org));
        assert!(c.is("river", Cue::Loc));
        assert!(c.is("calif", Cue::Abbr));
        assert!(c.is("monday", Cue::Skip));
        assert!(c.is("in", Cue::LocPrep));
        assert_eq!(
            c.longest(&["new", "york", "city", "hall"], Cue::Place),
            Some(3)
        );
        assert_eq!(c.longest(&["st", "petersburg"], Cue::Place), Some(2));
        assert_eq!(c.longest(&["gondor"], Cue::Place), None);
        assert_eq!(cue_key("Calif."), "calif");
        assert_eq!(cue_key("U.S."), "u.s");
        assert_eq!(cue_key("."), ".");
    }

    #[test]
    fn errors_name_the_line() {
        let e = Cues::parse("c.txt", "# x\ntitle: Mr\nnames Bob\n").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("c.txt", 3));
        let e = Cues::parse("c.txt", "colour: red\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("colour"), "{e}");
        let e = Cues::parse("c.txt", "title: Mr;; Dr\n").unwrap_err();
        assert_eq!(e.line, 1);
    }
}
