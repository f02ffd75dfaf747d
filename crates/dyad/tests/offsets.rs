//! The offset invariant: every span slices the document text exactly, on character
//! boundaries, tokens cover every non-space character, and the cleaned→raw map is
//! monotone and lands inside the raw text.

use dyad::ingest::RawArticle;
use dyad::pipeline::Pipeline;
use proptest::prelude::*;

/// Text drawn from pieces that exercise the cleaner and the tokenizer.
fn news_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Gen.".to_string()),
        Just("U.S.".to_string()),
        Just("don't".to_string()),
        Just("Russia\u{2019}s".to_string()),
        Just("\u{201C}".to_string()),
        Just("\u{201D}".to_string()),
        Just("\"".to_string()),
        Just("1,800".to_string()),
        Just("$2.5".to_string()),
        Just("90%".to_string()),
        Just("long-term".to_string()),
        Just("...".to_string()),
        Just("\u{2026}".to_string()),
        Just("\u{2014}".to_string()),
        Just("&amp;".to_string()),
        Just("&#8217;".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{AD}".to_string()),
        Just("\u{A0}".to_string()),
        Just("https://example.org/a_(b).".to_string()),
        Just("#tag".to_string()),
        Just(". ".to_string()),
        Just("? ".to_string()),
        Just("\n".to_string()),
        Just("\r\n\r\n".to_string()),
        Just(" ".to_string()),
        "[a-zA-Z]{1,8}",
        "\\PC{1,3}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn spans_slice_the_text(raw in news_text()) {
        let doc = Pipeline::basic(&Default::default()).process(RawArticle::from_text("p", raw.clone()));
        prop_assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
        let text = doc.text();
        let mut covered = 0;
        for s in doc.sentences() {
            prop_assert_eq!(&text[s.span().range()], s.text());
            for t in s.tokens() {
                prop_assert!(s.span().contains(t.span()));
                prop_assert_eq!(&text[t.span().range()], t.text());
                prop_assert!(!t.text().chars().any(char::is_whitespace), "token {:?}", t.text());
                covered += t.text().len();
            }
        }
        let non_space: usize = text.chars().filter(|c| !c.is_whitespace()).map(char::len_utf8).sum();
        prop_assert_eq!(covered, non_space, "tokens must cover every non-space character");
        let al = doc.alignment();
        let mut prev = 0;
        for i in 0..=text.len() {
            let r = al.to_raw(i);
            prop_assert!(r >= prev && r <= raw.len(), "to_raw({}) = {} after {}", i, r, prev);
            prev = r;
        }
    }
}

/// News-like text for the full pipeline: names, speech, numbers and stray quotes.
fn story_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Kenya ".to_string()),
        Just("the United States ".to_string()),
        Just("President William Ruto ".to_string()),
        Just("Mr Ruto ".to_string()),
        Just("he ".to_string()),
        Just("said ".to_string()),
        Just("told reporters ".to_string()),
        Just("according to ".to_string()),
        Just("accused ".to_string()),
        Just("three soldiers ".to_string()),
        Just("$2.5 billion in aid ".to_string()),
        Just("about 90% of ".to_string()),
        Just("several hundred ".to_string()),
        Just("\u{201C}".to_string()),
        Just("\u{201D}".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just("\n\n".to_string()),
        Just("NAIROBI, May 14 - ".to_string()),
        "[a-zA-Z]{1,8} ",
        "\\PC{1,2}",
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

fn full_pipeline() -> &'static Pipeline {
    static P: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    P.get_or_init(|| Pipeline::new(&Default::default()).expect("built-in pipeline"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every layer of the full pipeline (actors, events, entities, quotes, amounts)
    /// keeps the document invariants on arbitrary news-like text: no stage's output
    /// is refused, and every span slices the text.
    #[test]
    fn every_layer_keeps_the_invariants(raw in story_text()) {
        let doc = full_pipeline().process(RawArticle::from_text("p", raw));
        prop_assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
        let text = doc.text();
        let slices = |s: dyad::doc::Span| text.get(s.range()).is_some();
        for a in doc.actors() {
            prop_assert!(slices(a.span));
        }
        for e in doc.entities() {
            prop_assert!(slices(e.span));
        }
        for q in doc.quotes() {
            prop_assert!(slices(q.span));
            if let Some(s) = &q.speaker {
                prop_assert!(slices(s.span));
            }
        }
        for a in doc.amounts() {
            prop_assert!(slices(a.span) && a.value.is_finite());
        }
        if doc.sentence_count() > 0 {
            prop_assert!(doc.tone().is_some());
        }
    }
}
