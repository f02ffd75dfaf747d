//! Segment: cleaned text → tokens and sentences (byte spans).
//!
//! PLACEHOLDER: whitespace tokens, one sentence per paragraph.

use dyad_doc::{SentenceData, Span, TokenData, TokenKind};

/// Tokens and sentences of a text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// Tokens in text order.
    pub tokens: Vec<TokenData>,
    /// Sentences in text order, partitioning `tokens`.
    pub sentences: Vec<SentenceData>,
}

/// Split `text` into tokens and sentences.
pub fn segment(text: &str) -> Segmentation {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                tokens.push(TokenData { span: Span::new(s, i), kind: TokenKind::Word });
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    let sentences = if tokens.is_empty() {
        Vec::new()
    } else {
        vec![SentenceData { span: Span::new(tokens[0].span.start, tokens[tokens.len() - 1].span.end), tokens: 0..tokens.len() }]
    };
    Segmentation { tokens, sentences }
}
