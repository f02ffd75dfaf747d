//! Quotations: direct quotes, scare-quoted terms and indirect speech, with speakers.

use crate::Span;

/// What sort of quotation a [`Quote`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// Words between quotation marks, reported as someone's speech or writing.
    Direct,
    /// A short quoted term (one to three words, `a "maniac"`) used inside the
    /// writer's own sentence rather than as a speech.
    Term,
    /// Reported speech without quotation marks: the clause a speech verb governs
    /// (`He said the talks had failed`).
    Indirect,
}

impl QuoteKind {
    /// Lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Term => "term",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// Who a quotation is attributed to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The mention in the text (`he`, `Trump`, `the ministry`).
    pub span: Span,
    /// The resolved name (`Donald Trump` for `he`); the mention itself when
    /// nothing better is known.
    pub name: String,
    /// The actor code, when the speaker is (or refers to) a coded actor.
    pub code: Option<String>,
    /// Index into [`crate::Doc::actors`] of the actor mention, when there is one.
    pub actor: Option<usize>,
}

/// One quotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// The quoted words, without the quotation marks; for indirect speech, the
    /// reported clause without its complementiser (`that`). A quote running over
    /// several paragraphs spans all of them.
    pub span: Span,
    /// Direct, term or indirect.
    pub kind: QuoteKind,
    /// Who said it, when found.
    pub speaker: Option<Speaker>,
    /// The speech verb or attribution phrase (`said`, `told`, `according to`).
    pub verb: Option<Span>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Amount, Doc, Meta, Tone};

    fn quote(span: Span, speaker: Option<Span>) -> Quote {
        Quote {
            span,
            kind: QuoteKind::Direct,
            speaker: speaker.map(|span| Speaker {
                span,
                name: "X".into(),
                code: None,
                actor: None,
            }),
            verb: None,
        }
    }

    #[test]
    fn setters_check_spans() {
        // `“` is three bytes: offsets 1 and 2 split it.
        let mut d = Doc::new(Meta::with_id("q"), "\u{201C}Yes\u{201D} he said".into());
        assert!(d
            .set_quotes(vec![quote(Span::new(3, 6), Some(Span::new(10, 12)))])
            .is_ok());
        assert_eq!(d.quotes().len(), 1);
        assert!(d.set_quotes(vec![quote(Span::new(1, 6), None)]).is_err());
        assert!(d
            .set_quotes(vec![quote(Span::new(3, 6), Some(Span::new(10, 99)))])
            .is_err());
        let mut q = quote(Span::new(3, 6), None);
        q.speaker = Some(Speaker {
            span: Span::new(10, 12),
            name: "he".into(),
            code: None,
            actor: Some(0),
        });
        assert!(
            d.set_quotes(vec![q]).is_err(),
            "no actors: index 0 is out of range"
        );
        let amount = |value: f64, span: Span| Amount {
            span,
            value,
            unit: None,
            object: None,
            qualifier: None,
        };
        assert!(d.set_amounts(vec![amount(1.0, Span::new(3, 6))]).is_ok());
        assert!(d
            .set_amounts(vec![amount(f64::NAN, Span::new(3, 6))])
            .is_err());
        assert!(d.set_amounts(vec![amount(1.0, Span::new(0, 2))]).is_err());
        // One tone per sentence (no segmentation yet: none).
        assert!(d.set_tone(Tone::default(), vec![Tone::default()]).is_err());
        assert!(d.set_tone(Tone::default(), vec![]).is_ok());
    }
}
