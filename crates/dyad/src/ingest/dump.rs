//! Raw text dumps: scraped news pages saved as text, several articles per file.
//!
//! PLACEHOLDER: treats the whole text as one article. To be replaced by the real splitter.

use dyad_doc::Dropped;

/// One article cut out of a dump.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DumpArticle {
    /// Headline, when the article has one.
    pub title: Option<String>,
    /// Kept body paragraphs joined by a blank line (`"\n\n"`).
    pub body: String,
    /// 1-based line in the file where the article starts.
    pub line: u64,
    /// Lines removed from this article, with reasons and line numbers.
    pub dropped: Vec<Dropped>,
}

/// Split a text file into articles. A text with no dump structure gives one article.
pub fn split(text: &str) -> Vec<DumpArticle> {
    vec![DumpArticle {
        title: None,
        body: text.to_string(),
        line: 1,
        dropped: Vec::new(),
    }]
}
