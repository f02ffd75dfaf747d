//! Dates found in article text: datelines (`WASHINGTON, Feb 26 -`) and written dates.
//!
//! PLACEHOLDER: finds nothing. To be replaced by the real finder.

use dyad_doc::Span;

/// A date found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundDate {
    /// ISO 8601 calendar date, `YYYY-MM-DD`.
    pub iso: String,
    /// Where in the text it was found.
    pub span: Span,
}

/// The article's date as the text states it, if it does. `year_hint` supplies the
/// year for datelines that give only month and day.
pub fn find(text: &str, year_hint: Option<i32>) -> Option<FoundDate> {
    let _ = (text, year_hint);
    None
}
