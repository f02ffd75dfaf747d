//! Segment: cleaned text → tokens and sentences, as byte spans of the text.
//!
//! [`tokenize`] cuts the text into tokens following Universal Dependencies English
//! conventions (clitics split, hyphenated compounds split except after listed
//! prefixes); [`sentences`] groups tokens into sentences. The English word lists
//! (abbreviations, hyphen prefixes, sentence openers) are data files under
//! `data/lang/en/`, compiled in and read by [`lexicon`].
//!
//! ```
//! let text = "Gen. Smith said Russia's troops didn't move. Kyiv disagreed.";
//! let seg = dyad::segment::segment(text);
//! let words: Vec<&str> = seg.tokens.iter().map(|t| &text[t.span.range()]).collect();
//! assert_eq!(&words[..6], ["Gen.", "Smith", "said", "Russia", "'s", "troops"]);
//! assert_eq!(seg.sentences.len(), 2);
//! ```

pub mod lexicon;
pub mod sentences;
pub mod tokenize;

use dyad_doc::{SentenceData, TokenData};

pub use lexicon::Lexicon;

/// Tokens and sentences of a text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// Tokens in text order.
    pub tokens: Vec<TokenData>,
    /// Sentences in text order, partitioning `tokens`.
    pub sentences: Vec<SentenceData>,
}

/// Split `text` into tokens and sentences with the built-in English lexicon.
pub fn segment(text: &str) -> Segmentation {
    segment_with(text, Lexicon::english())
}

/// Split `text` into tokens and sentences with `lex`.
pub fn segment_with(text: &str, lex: &Lexicon) -> Segmentation {
    let tokens = tokenize::tokenize(text, lex);
    let sentences = sentences::split(text, &tokens, lex);
    Segmentation { tokens, sentences }
}
