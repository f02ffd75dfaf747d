//! The English word lists the tokenizer and sentence splitter use, and the speech
//! verbs and person titles later stages share (quotes, the event coder, a tag
//! repair), compiled in from `data/lang/en/` and parsed by one reader with
//! line-numbered errors.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::OnceLock;

/// How an abbreviation behaves at a possible sentence end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbbrevClass {
    /// Comes before a name; never ends a sentence (`Gen.`).
    Title,
    /// An abbreviation only before a number (`No. 10`).
    Number,
    /// A month (`Jan.`).
    Month,
    /// May end a sentence (`Inc.`).
    Other,
}

/// A malformed line in a word-list file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListError {
    /// File name.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for ListError {}

/// Parse a word list: one entry per line, `WORD [FIELD...]`, `#` comments, blank
/// lines ignored. Returns `(line, fields)` for each entry.
pub fn parse_list<'a>(file: &str, text: &'a str) -> Result<Vec<(usize, Vec<&'a str>)>, ListError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.iter().any(|f| f.ends_with('.')) {
            return Err(ListError {
                file: file.to_string(),
                line: i + 1,
                message: format!("`{line}`: write entries without the final period"),
            });
        }
        out.push((i + 1, fields));
    }
    Ok(out)
}

/// English segmentation lexicon.
#[derive(Debug, Default)]
pub struct Lexicon {
    abbreviations: HashMap<String, AbbrevClass>,
    hyphen_prefixes: HashSet<String>,
    sentence_starters: HashSet<String>,
}

impl Lexicon {
    /// Build from the texts of the three list files.
    pub fn parse(
        abbreviations: &str,
        prefixes: &str,
        starters: &str,
    ) -> Result<Lexicon, ListError> {
        let mut lex = Lexicon::default();
        for (line, fields) in parse_list("abbreviations.txt", abbreviations)? {
            let class = match fields.as_slice() {
                [_, "title"] => AbbrevClass::Title,
                [_, "number"] => AbbrevClass::Number,
                [_, "month"] => AbbrevClass::Month,
                [_, "other"] => AbbrevClass::Other,
                _ => {
                    return Err(ListError {
                        file: "abbreviations.txt".into(),
                        line,
                        message: format!(
                            "expected `ABBREVIATION title|number|month|other`, found `{}`",
                            fields.join(" ")
                        ),
                    })
                }
            };
            lex.abbreviations.insert(fields[0].to_string(), class);
        }
        for (file, text, set) in [
            ("hyphen_prefixes.txt", prefixes, &mut lex.hyphen_prefixes),
            (
                "sentence_starters.txt",
                starters,
                &mut lex.sentence_starters,
            ),
        ] {
            for (line, fields) in parse_list(file, text)? {
                if fields.len() != 1 {
                    return Err(ListError {
                        file: file.into(),
                        line,
                        message: "expected one word per line".into(),
                    });
                }
                set.insert(fields[0].to_string());
            }
        }
        Ok(lex)
    }

    /// The built-in English lexicon.
    pub fn english() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            Lexicon::parse(
                include_str!("../../../../data/lang/en/abbreviations.txt"),
                include_str!("../../../../data/lang/en/hyphen_prefixes.txt"),
                include_str!("../../../../data/lang/en/sentence_starters.txt"),
            )
            .expect("built-in word lists are checked by the lexicon tests")
        })
    }

    /// The class of `word` (written without its period) as an abbreviation.
    /// Lower-case entries also match capitalised words.
    pub fn abbreviation(&self, word: &str) -> Option<AbbrevClass> {
        if let Some(&c) = self.abbreviations.get(word) {
            return Some(c);
        }
        let mut chars = word.chars();
        let first = chars.next()?;
        if !first.is_uppercase() {
            return None;
        }
        let rest: String = chars.collect();
        let lowered: String = first.to_lowercase().chain(rest.chars()).collect();
        if let Some(&c) = self.abbreviations.get(&lowered) {
            return Some(c);
        }
        // Headline capitals: `GEN.` is `Gen.`.
        if !rest.is_empty() && rest.chars().all(char::is_uppercase) {
            let titled: String = std::iter::once(first)
                .chain(rest.to_lowercase().chars())
                .collect();
            return self
                .abbreviation(&titled)
                .or_else(|| self.abbreviations.get(&titled.to_lowercase()).copied());
        }
        None
    }

    /// Whether `prefix` (any case) stays joined across a hyphen.
    pub fn is_hyphen_prefix(&self, prefix: &str) -> bool {
        self.hyphen_prefixes.contains(&prefix.to_lowercase())
    }

    /// Whether `word` typically starts a sentence.
    pub fn is_sentence_starter(&self, word: &str) -> bool {
        self.sentence_starters.contains(word)
    }
}

/// Speech verbs (and among them the assertions), naming verbs and person titles.
#[derive(Debug, Default)]
pub struct SpeechLexicon {
    speech: HashMap<String, String>,
    /// The forms of the `[assertion]` speech verbs.
    assertion: HashSet<String>,
    naming: HashMap<String, String>,
    titles: HashSet<String>,
}

/// A section of `speech_verbs.txt`.
#[derive(Clone, Copy, PartialEq)]
enum VerbSection {
    Assertion,
    Speech,
    Naming,
}

impl SpeechLexicon {
    /// Parse `speech_verbs.txt` and `person_titles.txt` (formats in their headers);
    /// errors name file and line.
    pub fn parse(verbs: &str, titles: &str) -> Result<SpeechLexicon, ListError> {
        let file = "speech_verbs.txt";
        let mut lex = SpeechLexicon::default();
        let mut section: Option<VerbSection> = None;
        for (line, fields) in parse_list(file, verbs)? {
            match fields.as_slice() {
                ["[assertion]"] => section = Some(VerbSection::Assertion),
                ["[speech]"] => section = Some(VerbSection::Speech),
                ["[naming]"] => section = Some(VerbSection::Naming),
                [lemma, ..] => {
                    let Some(section) = section else {
                        return Err(ListError {
                            file: file.into(),
                            line,
                            message: "verb before any [assertion]/[speech]/[naming] section".into(),
                        });
                    };
                    if lemma.starts_with('[') || lemma.chars().any(char::is_uppercase) {
                        return Err(ListError {
                            file: file.into(),
                            line,
                            message: format!(
                                "`{lemma}`: expected a lower-case verb or a known section"
                            ),
                        });
                    }
                    let map = if section == VerbSection::Naming {
                        &mut lex.naming
                    } else {
                        &mut lex.speech
                    };
                    for form in &fields {
                        map.insert(form.to_string(), lemma.to_string());
                        if section == VerbSection::Assertion {
                            lex.assertion.insert(form.to_string());
                        }
                    }
                }
                [] => {}
            }
        }
        for (line, fields) in parse_list("person_titles.txt", titles)? {
            if fields.len() != 1 {
                return Err(ListError {
                    file: "person_titles.txt".into(),
                    line,
                    message: "expected one word per line".into(),
                });
            }
            lex.titles.insert(fields[0].to_string());
        }
        Ok(lex)
    }

    /// The compiled-in English lists.
    pub fn builtin() -> &'static SpeechLexicon {
        static LEX: OnceLock<SpeechLexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            SpeechLexicon::parse(
                include_str!("../../../../data/lang/en/speech_verbs.txt"),
                include_str!("../../../../data/lang/en/person_titles.txt"),
            )
            .expect("the built-in speech lists are checked by their tests")
        })
    }

    /// The lemma of a speech verb form (`told` → `tell`).
    pub fn speech_lemma(&self, form: &str) -> Option<&str> {
        self.speech.get(form).map(String::as_str)
    }

    /// Is `word` (lower case, a lemma or any form) a verb that presents what follows
    /// as the speaker's assertion (`said`, `claim`), not a denial, a request or a
    /// prediction?
    pub fn is_assertion(&self, word: &str) -> bool {
        self.assertion.contains(word)
    }

    /// The lemma of a naming verb form (`called` → `call`).
    pub fn naming_lemma(&self, form: &str) -> Option<&str> {
        self.naming.get(form).map(String::as_str)
    }

    /// Whether `word` (lower case, no final period) is a title (`president`, `mr`).
    pub fn is_title(&self, word: &str) -> bool {
        self.titles.contains(word.trim_end_matches('.'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lists_parse() {
        let lex = Lexicon::english();
        assert_eq!(lex.abbreviation("Gen"), Some(AbbrevClass::Title));
        assert_eq!(lex.abbreviation("Etc"), Some(AbbrevClass::Other));
        assert_eq!(lex.abbreviation("gen"), None);
        assert_eq!(lex.abbreviation("GEN"), Some(AbbrevClass::Title));
        assert_eq!(lex.abbreviation("e.g"), Some(AbbrevClass::Title));
        assert!(lex.is_hyphen_prefix("Anti"));
        assert!(lex.is_sentence_starter("The"));
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = Lexicon::parse("# c\nMr title\nGen. title\n", "", "").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("abbreviations.txt", 3));
        let e = Lexicon::parse("Mr\n", "", "").unwrap_err();
        assert_eq!(e.line, 1);
        let e = Lexicon::parse("", "", "The\nTwo words\n").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("sentence_starters.txt", 2));
    }
}
