//! Tone: a documented positive/negative word score per sentence and per document.
//!
//! The lexicon is `data/lang/en/tone.txt` (compiled in): words of clearly positive
//! or negative news usage, with `word*` entries matching every word that starts with
//! `word`. Every word token counts towards `words`; a token whose lower-cased text
//! (or lemma) is listed counts once as positive or negative. The score is GDELT's
//! document tone: `(positive - negative) / words * 100` ([`dyad_doc::Tone::score`]).
//! There is no negation handling ("not good" is positive), as in GDELT.
//!
//! ```
//! use dyad::tone::ToneLexicon;
//! let lex = ToneLexicon::builtin();
//! assert_eq!(lex.polarity("killings"), Some(false));
//! assert_eq!(lex.polarity("welcomed"), Some(true));
//! assert_eq!(lex.polarity("table"), None);
//! ```

use std::sync::OnceLock;

use dyad_doc::{Doc, TokenKind, Tone as ToneCounts};

use crate::keys::FxHashMap;
use crate::pipeline::Component;
use crate::segment::lexicon::{parse_list, ListError};

const FILE: &str = "tone.txt";

/// Positive and negative words, exact and by prefix.
#[derive(Debug, Default)]
pub struct ToneLexicon {
    exact: FxHashMap<String, bool>,
    prefixes: FxHashMap<String, bool>,
    longest_prefix: usize,
    /// The same entries as a byte trie, which an ASCII word walks once, lower-casing
    /// as it goes.
    trie: Vec<TrieNode>,
}

#[derive(Debug, Default)]
struct TrieNode {
    children: Vec<(u8, u32)>,
    /// The polarity of the exact entry spelt by the path here.
    exact: Option<bool>,
    /// The polarity of the prefix entry spelt by the path here.
    prefix: Option<bool>,
}

impl ToneLexicon {
    /// Parse a lexicon in the `tone.txt` format (see the file's header). Errors name
    /// the line: a word outside a section, an unknown section, a word listed twice.
    pub fn parse(file: &str, text: &str) -> Result<ToneLexicon, ListError> {
        let err = |line: usize, message: String| ListError {
            file: file.to_string(),
            line,
            message,
        };
        let mut lex = ToneLexicon::default();
        let mut section: Option<bool> = None;
        for (line, fields) in parse_list(file, text)? {
            if let [head] = fields.as_slice() {
                if head.starts_with('[') {
                    section = match *head {
                        "[positive]" => Some(true),
                        "[negative]" => Some(false),
                        _ => return Err(err(line, format!("unknown section `{head}`"))),
                    };
                    continue;
                }
            }
            let Some(positive) = section else {
                return Err(err(
                    line,
                    "word before any [positive]/[negative] section".into(),
                ));
            };
            for word in fields {
                if word.chars().any(|c| c.is_uppercase()) {
                    return Err(err(line, format!("`{word}`: write words in lower case")));
                }
                let (map, key) = match word.strip_suffix('*') {
                    Some(stem) if !stem.is_empty() => (&mut lex.prefixes, stem),
                    _ => (&mut lex.exact, word),
                };
                if map.insert(key.to_string(), positive).is_some() {
                    return Err(err(line, format!("`{word}` is listed twice")));
                }
                lex.longest_prefix = lex.longest_prefix.max(key.chars().count());
            }
        }
        for (stem, &pos) in &lex.prefixes {
            if let Some(&other) = lex.exact.get(stem.as_str()) {
                if other != pos {
                    return Err(err(0, format!("`{stem}` is both positive and negative")));
                }
            }
        }
        lex.trie = vec![TrieNode::default()];
        let entries: Vec<(String, bool, bool)> =
            (lex.exact.iter().map(|(w, &p)| (w.clone(), p, true)))
                .chain(lex.prefixes.iter().map(|(w, &p)| (w.clone(), p, false)))
                .collect();
        for (word, pos, exact) in entries {
            let mut node = 0;
            for b in word.bytes() {
                node = match lex.trie[node].children.iter().find(|c| c.0 == b) {
                    Some(&(_, n)) => n as usize,
                    None => {
                        let n = lex.trie.len();
                        lex.trie.push(TrieNode::default());
                        lex.trie[node].children.push((b, n as u32));
                        n
                    }
                };
            }
            if exact {
                lex.trie[node].exact = Some(pos);
            } else {
                lex.trie[node].prefix = Some(pos);
            }
        }
        Ok(lex)
    }

    /// The compiled-in English lexicon (`data/lang/en/tone.txt`).
    pub fn builtin() -> &'static ToneLexicon {
        static LEX: OnceLock<ToneLexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            ToneLexicon::parse(FILE, include_str!("../../../../data/lang/en/tone.txt"))
                .expect("the built-in tone lexicon is checked by its tests")
        })
    }

    /// Number of exact and prefix entries.
    pub fn len(&self) -> (usize, usize) {
        (self.exact.len(), self.prefixes.len())
    }

    /// Whether the lexicon is empty.
    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.prefixes.is_empty()
    }

    /// `Some(true)` for a positive word, `Some(false)` for a negative one, `None`
    /// otherwise. `word` is lower-cased first.
    pub fn polarity(&self, word: &str) -> Option<bool> {
        if word.is_ascii() {
            // No curly apostrophes, and a character is a byte: walk the trie, keeping
            // the longest prefix entry met (within `longest_prefix`); an exact entry
            // for the whole word wins.
            if self.trie.is_empty() {
                return None; // an empty lexicon
            }
            let mut node = 0;
            let mut found = None;
            for (depth, b) in word.bytes().enumerate() {
                let b = b.to_ascii_lowercase();
                match self.trie[node].children.iter().find(|c| c.0 == b) {
                    Some(&(_, n)) => node = n as usize,
                    // No entry goes on this way: not an exact entry either.
                    None => return found,
                }
                if depth < self.longest_prefix {
                    found = self.trie[node].prefix.or(found);
                }
            }
            return self.trie[node].exact.or(found);
        }
        self.polarity_any(word)
    }

    /// [`ToneLexicon::polarity`] for any word (the ASCII path's reference).
    fn polarity_any(&self, word: &str) -> Option<bool> {
        let lower = word.to_lowercase().replace('\u{2019}', "'");
        if let Some(&p) = self.exact.get(&lower) {
            return Some(p);
        }
        // Longest listed prefix first: `kill*` for `killings`.
        let ends: Vec<usize> = lower
            .char_indices()
            .map(|(i, c)| i + c.len_utf8())
            .take(self.longest_prefix)
            .collect();
        ends.into_iter()
            .rev()
            .find_map(|e| self.prefixes.get(&lower[..e]).copied())
    }
}

/// Count the tone words of tokens `range` of `doc`.
pub fn count(doc: &Doc, lex: &ToneLexicon, range: std::ops::Range<usize>) -> ToneCounts {
    let mut t = ToneCounts::default();
    for i in range {
        let tok = doc.token(i);
        if tok.kind() != TokenKind::Word {
            continue;
        }
        t.words += 1;
        let p = lex.polarity(tok.text()).or_else(|| {
            let lemma = tok.lemma();
            (lemma != tok.text()).then(|| lex.polarity(lemma)).flatten()
        });
        match p {
            Some(true) => t.positive += 1,
            Some(false) => t.negative += 1,
            None => {}
        }
    }
    t
}

/// The tone stage: a [`ToneCounts`] per sentence and for the whole document.
pub struct Tone {
    lex: &'static ToneLexicon,
}

impl Tone {
    /// A tone stage over the built-in lexicon.
    pub fn new() -> Tone {
        Tone {
            lex: ToneLexicon::builtin(),
        }
    }
}

impl Default for Tone {
    fn default() -> Tone {
        Tone::new()
    }
}

impl Component for Tone {
    fn name(&self) -> &'static str {
        "tone"
    }

    fn process(&self, doc: &mut Doc) {
        let sentences: Vec<ToneCounts> = doc
            .sentences()
            .map(|s| count(doc, self.lex, s.token_range()))
            .collect();
        let total = sentences
            .iter()
            .fold(ToneCounts::default(), |a, b| a.add(b));
        if let Err(e) = doc.set_tone(total, sentences) {
            doc.diagnostics.push(format!("tone: {e}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::RawArticle;
    use crate::pipeline::{Config, Pipeline};

    #[test]
    fn builtin_lexicon_parses_and_is_large_enough() {
        let lex = ToneLexicon::builtin();
        let (exact, prefixes) = lex.len();
        assert!(exact + prefixes > 600, "{exact} + {prefixes}");
        assert_eq!(lex.polarity("Massacred"), Some(false));
        assert_eq!(lex.polarity("ceasefire"), Some(true));
        assert_eq!(lex.polarity("cooperation"), Some(true));
        assert_eq!(lex.polarity("the"), None);
        assert_eq!(lex.polarity("é"), None);
    }

    #[test]
    fn ascii_path_agrees_with_the_general_one() {
        let lex = ToneLexicon::builtin();
        let mut words: Vec<String> = Vec::new();
        for w in lex.exact.keys().chain(lex.prefixes.keys()) {
            for end in ["", "s", "ed", "ings", "x", "-"] {
                words.push(format!("{w}{end}"));
                words.push(format!("{w}{end}").to_uppercase());
            }
            if w.is_ascii() {
                words.push(w[..w.len() - 1].to_string());
            }
        }
        words.extend(["", "a", "table", "Kill", "killjoy", "peacefully"].map(String::from));
        for w in words.iter().filter(|w| w.is_ascii()) {
            assert_eq!(lex.polarity(w), lex.polarity_any(w), "{w}");
        }
        assert_eq!(ToneLexicon::default().polarity("bad"), None);
    }

    #[test]
    fn parse_errors_name_the_line() {
        let e = ToneLexicon::parse("t.txt", "good\n").unwrap_err();
        assert_eq!(e.line, 1);
        let e =
            ToneLexicon::parse("t.txt", "[positive]\ngood\n[negative]\nbad good\n").unwrap_err();
        assert_eq!((e.line, e.message.contains("twice")), (4, true));
        let e = ToneLexicon::parse("t.txt", "[neutral]\n").unwrap_err();
        assert!(e.to_string().starts_with("t.txt:1:"));
        let e = ToneLexicon::parse("t.txt", "[positive]\nGood\n").unwrap_err();
        assert_eq!(e.line, 2);
    }

    #[test]
    fn sentence_and_document_scores() {
        let p = Pipeline::basic(&Config::default());
        let mut doc = p.process(RawArticle::from_text(
            "t",
            "Rebels killed ten villagers in a brutal attack. The table is brown. Leaders welcomed the peace agreement.",
        ));
        Tone::new().process(&mut doc);
        let s0 = doc.sentence_tone(0).unwrap();
        assert_eq!((s0.positive, s0.negative, s0.words), (0, 3, 8));
        assert_eq!(doc.sentence_tone(1).unwrap().score(), 0.0);
        let s2 = doc.sentence_tone(2).unwrap();
        assert_eq!((s2.positive, s2.negative), (3, 0));
        let t = doc.tone().unwrap();
        assert_eq!((t.positive, t.negative, t.words), (3, 3, 17));
        assert_eq!(t.score(), 0.0);
    }

    #[test]
    fn empty_document_scores_zero() {
        let p = Pipeline::basic(&Config::default());
        let mut doc = p.process(RawArticle::from_text("t", ""));
        Tone::new().process(&mut doc);
        assert_eq!(doc.tone().map(|t| t.score()), Some(0.0));
    }
}
