//! Quotes with speakers, amounts and tone through the whole pipeline, on text
//! written for these tests.

use std::sync::OnceLock;

use dyad::ingest::RawArticle;
use dyad::pipeline::{Config, Pipeline};
use dyad_doc::{Doc, QuoteKind};

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new(&Config::default()).expect("pipeline"))
}

fn analyze(text: &str) -> Doc {
    let mut a = RawArticle::from_text("t", text);
    a.meta.date = Some("2019-06-01".into());
    pipeline().process(a)
}

/// `(kind, quoted text, speaker name, verb)` for every quote.
fn quotes(doc: &Doc) -> Vec<(&'static str, String, Option<String>, Option<String>)> {
    doc.quotes()
        .iter()
        .map(|q| {
            (
                q.kind.as_str(),
                q.span.slice(doc.text()).to_string(),
                q.speaker.as_ref().map(|s| s.name.clone()),
                q.verb.map(|v| v.slice(doc.text()).to_string()),
            )
        })
        .collect()
}

fn direct(doc: &Doc) -> Vec<(String, Option<String>)> {
    quotes(doc)
        .into_iter()
        .filter(|q| q.0 == "direct")
        .map(|q| (q.1, q.2))
        .collect()
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

#[test]
fn speaker_after_the_quote_with_a_title_and_code() {
    let doc = analyze("\"We will not sign this deal,\" President Donald Trump said on Friday.");
    let q = &doc.quotes()[0];
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.span.slice(doc.text()), "We will not sign this deal,");
    let sp = q.speaker.as_ref().expect("speaker");
    assert_eq!(sp.span.slice(doc.text()), "President Donald Trump");
    assert_eq!(sp.name, "Donald Trump");
    assert_eq!(sp.code.as_deref(), Some("USAGOV"));
    assert_eq!(q.verb.map(|v| v.slice(doc.text())), Some("said"));
}

#[test]
fn inverted_speaker_and_curly_quotes() {
    let doc = analyze("\u{201C}The harvest failed again this year,\u{201D} said Ingrid Holmqvist, a farmer near the river.");
    assert_eq!(
        direct(&doc),
        [(
            "The harvest failed again this year,".to_string(),
            some("Ingrid Holmqvist")
        )]
    );
}

#[test]
fn speaker_before_the_quote_with_a_colon_and_told() {
    let doc =
        analyze("Tomasz Wielicki told the newspaper: \"The bridge will reopen in the spring.\"");
    let q = quotes(&doc);
    let d: Vec<_> = q.iter().filter(|q| q.0 == "direct").collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].1, "The bridge will reopen in the spring.");
    assert_eq!(d[0].2, some("Tomasz Wielicki"));
    assert_eq!(d[0].3, some("told"));
}

#[test]
fn split_quote_shares_its_speaker() {
    let doc =
        analyze("\"The talks were useful,\" Amara Celik said, \"but we are still far apart.\"");
    assert_eq!(
        direct(&doc),
        [
            ("The talks were useful,".to_string(), some("Amara Celik")),
            (
                "but we are still far apart.".to_string(),
                some("Amara Celik")
            ),
        ]
    );
}

#[test]
fn according_to_and_in_a_tweet() {
    let doc = analyze(
        "\"The ceasefire is holding across the whole region,\" according to Lukas Brandt.\n\n\
         \"Nobody should doubt our resolve,\" Jonas Ekholm wrote in a tweet.",
    );
    let q = quotes(&doc);
    assert_eq!(q[0].2, some("Lukas Brandt"));
    assert_eq!(q[0].3, some("according to"));
    assert_eq!(q[1].2, some("Jonas Ekholm"));
    assert_eq!(q[1].3, some("wrote"));
}

#[test]
fn pronoun_and_surname_speakers_resolve_to_the_full_name() {
    let doc = analyze(
        "Helena Marchetti, the head of a small charity, visited the camp on Tuesday.\n\n\
         \"The families here need clean water first,\" she said.\n\n\
         \"Medicine can wait a few days,\" Marchetti added.",
    );
    let d = direct(&doc);
    assert_eq!(d.len(), 2);
    assert_eq!(d[0].1, some("Helena Marchetti"));
    assert_eq!(d[1].1, some("Helena Marchetti"));
    // The mention itself stays what the text says.
    let sp = doc.quotes()[0].speaker.as_ref().unwrap();
    assert_eq!(sp.span.slice(doc.text()), "she");
}

#[test]
fn pronoun_resolved_through_the_actor_layer() {
    let doc = analyze(
        "Vladimir Putin met the delegation in Moscow. \"We are open to dialogue,\" he said.",
    );
    let q = doc
        .quotes()
        .iter()
        .find(|q| q.kind == QuoteKind::Direct)
        .expect("quote");
    let sp = q.speaker.as_ref().expect("speaker");
    assert_eq!(sp.span.slice(doc.text()), "he");
    assert_eq!(sp.name, "Vladimir Putin");
    assert_eq!(sp.code.as_deref(), Some("RUSGOV"));
}

#[test]
fn quote_over_two_paragraphs_and_a_following_unattributed_quote() {
    let text = "Rafael Okafor, the mayor, spoke after the vote.\n\n\
                \"The council made a brave choice tonight. It was not easy.\n\n\
                \"We will build the new school by next autumn,\" Okafor said.\n\n\
                \"Every child deserves a classroom.\"";
    let doc = analyze(text);
    let d = direct(&doc);
    assert_eq!(d.len(), 2, "{d:?}");
    assert!(d[0]
        .0
        .starts_with("The council made a brave choice tonight."));
    assert!(d[0].0.ends_with("by next autumn,"));
    assert!(d[0].0.contains("\n\n"));
    assert_eq!(d[0].1, some("Rafael Okafor"));
    // No attribution of its own: the previous speaker goes on.
    assert_eq!(
        d[1],
        (
            "Every child deserves a classroom.".to_string(),
            some("Rafael Okafor")
        )
    );
}

#[test]
fn scare_quotes_are_terms_with_their_speaker() {
    let doc = analyze("Kim Jong-un called the American president a \"dotard\" in a statement.");
    let q = quotes(&doc);
    let term = q.iter().find(|q| q.0 == "term").expect("term");
    assert_eq!(term.1, "dotard");
    assert_eq!(term.2, some("Kim Jong-un"));
    assert_eq!(term.3, some("called"));
    let doc = analyze("Critics dismissed the so-called \"peace plan\" as theatre.");
    assert!(quotes(&doc)
        .iter()
        .any(|q| q.0 == "term" && q.1 == "peace plan"));
}

#[test]
fn short_punctuated_quotes_are_speech() {
    let doc = analyze("\"Never,\" Ilse Vanderberg replied.");
    assert_eq!(
        direct(&doc),
        [("Never,".to_string(), some("Ilse Vanderberg"))]
    );
}

#[test]
fn indirect_speech_is_the_reported_clause() {
    let doc =
        analyze("The foreign minister said the country was open to talks with its neighbours.");
    let q = quotes(&doc);
    let ind = q.iter().find(|q| q.0 == "indirect").expect("indirect");
    assert_eq!(ind.1, "the country was open to talks with its neighbours");
    assert_eq!(ind.3, some("said"));
    assert!(ind.2.as_deref().is_some_and(|n| n.contains("minister")));
    // A direct quote is not also reported as indirect speech.
    let doc = analyze("\"We are open to talks,\" Selma Haddad said.");
    assert!(
        quotes(&doc).iter().all(|q| q.0 != "indirect"),
        "{:?}",
        quotes(&doc)
    );
}

#[test]
fn unbalanced_quotes_keep_their_text_and_do_not_panic() {
    let text = "Zofia Brenner said: \"The plan has failed and nobody will admit it\n\n\
                The next paragraph has no mark. \u{201D}Stray\u{201D} marks \u{201C} and \" end";
    let doc = analyze(text);
    let d = direct(&doc);
    assert_eq!(d[0].0, "The plan has failed and nobody will admit it");
    assert_eq!(d[0].1, some("Zofia Brenner"));
    for q in doc.quotes() {
        assert!(doc.text().get(q.span.range()).is_some());
    }
    // Marks alone, multi-byte marks at the edges.
    for t in [
        "\u{201C}",
        "\"",
        "\u{201D}\u{201C}",
        "a \u{201C}b",
        "\u{201C}\u{201C}\u{201D}\u{201D}",
    ] {
        let doc = analyze(t);
        for q in doc.quotes() {
            assert!(doc.text().get(q.span.range()).is_some());
        }
    }
}

/// `(value, unit, object, qualifier)`.
type AmountRow = (f64, Option<String>, Option<String>, Option<String>);

/// Every amount of `doc` as an [`AmountRow`].
fn amounts(doc: &Doc) -> Vec<AmountRow> {
    doc.amounts()
        .iter()
        .map(|a| {
            (
                a.value,
                a.unit.clone(),
                a.object.map(|o| o.slice(doc.text()).to_string()),
                a.qualifier.map(|q| q.slice(doc.text()).to_string()),
            )
        })
        .collect()
}

#[test]
fn amounts_with_units_objects_and_qualifiers() {
    let doc = analyze("The new rocket has a range of 1,800 km.");
    assert_eq!(amounts(&doc), [(1800.0, some("km"), some("range"), None)]);
    let doc = analyze("Member states provide some 90% of NATO's capabilities.");
    assert_eq!(
        amounts(&doc),
        [(90.0, some("percent"), some("capabilities"), some("some"))]
    );
    let doc = analyze("Donors pledged $2.5 billion in aid.");
    assert_eq!(amounts(&doc), [(2.5e9, some("USD"), some("aid"), None)]);
    let doc = analyze("Three soldiers were wounded.");
    assert_eq!(amounts(&doc), [(3.0, None, some("soldiers"), None)]);
    let doc = analyze("Inflation reached 4.5 per cent in May.");
    assert_eq!(amounts(&doc), [(4.5, some("percent"), None, None)]);
    let doc = analyze("The company lost \u{A3}600m last year.");
    assert_eq!(amounts(&doc)[0].0, 6e8);
    assert_eq!(amounts(&doc)[0].1, some("GBP"));
}

#[test]
fn spelled_out_numbers_and_approximations() {
    let doc = analyze("Twenty-five villagers were evacuated.");
    assert_eq!(amounts(&doc), [(25.0, None, some("villagers"), None)]);
    let doc = analyze("The fund will spend two million dollars on schools.");
    assert_eq!(amounts(&doc), [(2e6, some("USD"), None, None)]);
    let doc = analyze("More than 300 families fled, and several hundred protesters gathered.");
    assert_eq!(
        amounts(&doc),
        [
            (300.0, None, some("families"), some("More than")),
            (100.0, None, some("protesters"), some("several")),
        ]
    );
    let doc = analyze("About 40 trucks crossed. Thousands of people marched.");
    assert_eq!(
        amounts(&doc),
        [
            (40.0, None, some("trucks"), some("About")),
            (1000.0, None, some("people"), some("Thousands")),
        ]
    );
}

#[test]
fn years_dates_times_ordinals_and_labels_are_not_amounts() {
    for text in [
        "The treaty was signed in 2019.",
        "The vote is on 5 March.",
        "The meeting starts at 10:30.",
        "She finished 1st in the race.",
        "The 1990s were calmer.",
        "Read page 12 of Resolution 2231.",
        "Call 555-0199 for details.",
        "One of them left, and no one stayed.",
    ] {
        let doc = analyze(text);
        assert!(doc.amounts().is_empty(), "{text}: {:?}", amounts(&doc));
    }
    // A four-digit count before a plural noun is an amount.
    let doc = analyze("The army sent 2000 troops.");
    assert_eq!(amounts(&doc), [(2000.0, None, some("troops"), None)]);
}

#[test]
fn tone_per_document_and_per_event_sentence() {
    let doc = analyze(
        "Rebels attacked the village and killed four civilians. The weather was mild. \
         Gondor welcomed the peace agreement.",
    );
    let t = doc.tone().expect("tone");
    assert!(t.negative >= 2 && t.positive >= 2, "{t:?}");
    assert!(doc.sentence_tone(0).unwrap().score() < 0.0);
    assert_eq!(doc.sentence_tone(1).unwrap().score(), 0.0);
    assert!(doc.sentence_tone(2).unwrap().score() > 0.0);
    let json = dyad::export::json::AnalyzeRecord::new(&doc, Default::default()).to_json_line();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v["tone"]["score"].is_number());
    assert_eq!(v["tone"]["words"], t.words);
    for e in v["events"].as_array().unwrap() {
        assert!(e["tone"].is_number(), "{e}");
    }
}

#[test]
fn analyze_json_has_quotes_and_amounts_in_the_documented_shape() {
    let doc = analyze("\"We need 300 tents,\" Bilal Rahimi said.");
    let json = dyad::export::json::AnalyzeRecord::new(&doc, Default::default()).to_json_line();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let q = &v["quotes"][0];
    assert_eq!(q["kind"], "direct");
    assert_eq!(q["text"], "We need 300 tents,");
    assert_eq!(q["speaker"]["text"], "Bilal Rahimi");
    assert_eq!(q["speaker"]["name"], "Bilal Rahimi");
    assert!(q["speaker"].get("code").is_none());
    assert_eq!(q["verb"], "said");
    let start = q["start"].as_u64().unwrap() as usize;
    let end = q["end"].as_u64().unwrap() as usize;
    assert_eq!(&doc.text()[start..end], "We need 300 tents,");
    let a = &v["amounts"][0];
    assert_eq!(a["value"], 300.0);
    assert_eq!(a["object"], "tents");
    assert!(a["unit"].is_null() && a["qualifier"].is_null());
}
