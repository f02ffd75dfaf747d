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
