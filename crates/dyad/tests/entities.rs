//! Named entities over the full pipeline, on text written for these tests.

use std::sync::OnceLock;

use dyad::ingest::RawArticle;
use dyad::pipeline::{Config, Pipeline};
use dyad_doc::Doc;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new(&Config::default()).expect("pipeline builds"))
}

fn doc(text: &str) -> Doc {
    let mut a = RawArticle::from_text("t", text);
    a.meta.date = Some("2015-06-01".into());
    pipeline().process(a)
}

/// `(text, label)` of every entity, in order.
fn entities(doc: &Doc) -> Vec<(String, &'static str)> {
    doc.entities()
        .iter()
        .map(|e| (e.span.slice(doc.text()).to_string(), e.label.as_str()))
        .collect()
}

fn has(found: &[(String, &str)], text: &str, label: &str) -> bool {
    found.iter().any(|(t, l)| t == text && *l == label)
}

fn check_offsets(doc: &Doc) {
    let mut prev = 0;
    for e in doc.entities() {
        assert!(e.tokens.start >= prev, "sorted, no overlaps");
        prev = e.tokens.end;
        let first = doc.token(e.tokens.start).span().start;
        let last = doc.token(e.tokens.end - 1).span().end;
        assert_eq!((e.span.start, e.span.end), (first, last));
    }
}

#[test]
fn titles_are_not_part_of_person_names() {
    let d = doc(
        "Gen. Telmar Voss met Foreign Minister Ardan Kel on Tuesday. Mrs. Oriel Danvers \
         and Sen. Brack Holloway joined them.",
    );
    let found = entities(&d);
    for name in [
        "Telmar Voss",
        "Ardan Kel",
        "Oriel Danvers",
        "Brack Holloway",
    ] {
        assert!(has(&found, name, "PERSON"), "{name}: {found:?}");
    }
    assert!(!found
        .iter()
        .any(|(t, _)| t.contains("Gen.") || t.contains("Minister")));
    assert!(!found.iter().any(|(t, _)| t == "Tuesday"), "{found:?}");
    check_offsets(&d);
}

#[test]
fn initials_make_person_names() {
    let d = doc("Harlan Q. Mercer and J.R. Talbot signed the letter with Edna P. Stroud.");
    let found = entities(&d);
    for name in ["Harlan Q. Mercer", "J.R. Talbot", "Edna P. Stroud"] {
        assert!(has(&found, name, "PERSON"), "{name}: {found:?}");
    }
}

#[test]
fn the_united_states_without_its_article_and_linked_to_its_actor() {
    let d = doc("The talks were hosted by the United States and the United Nations in Geneva.");
    let found = entities(&d);
    assert!(has(&found, "United States", "LOCATION"), "{found:?}");
    assert!(has(&found, "United Nations", "ORGANIZATION"), "{found:?}");
    assert!(has(&found, "Geneva", "LOCATION"), "{found:?}");
    let us = d
        .entities()
        .iter()
        .find(|e| e.span.slice(d.text()) == "United States")
        .unwrap();
    let actor = &d.actors()[us.actor.expect("the entity is an actor")];
    assert_eq!(actor.code, "USA");
    let un = d
        .entities()
        .iter()
        .find(|e| e.span.slice(d.text()) == "United Nations")
        .unwrap();
    assert_eq!(d.actors()[un.actor.unwrap()].code, "IGOUNO");
}

#[test]
fn organisations_with_of_and_heads() {
    let d = doc(
        "Analysts at the Bank of Gondor and the Ministry of Defence said Brandvale Holdings \
         Ltd. and the University of Arnor would share the Harrowgate Fund.",
    );
    let found = entities(&d);
    for name in [
        "Bank of Gondor",
        "Ministry of Defence",
        "Brandvale Holdings Ltd.",
        "University of Arnor",
        "Harrowgate Fund",
    ] {
        assert!(has(&found, name, "ORGANIZATION"), "{name}: {found:?}");
    }
    check_offsets(&d);
}

#[test]
fn surnames_follow_the_full_name_and_places_keep_their_label() {
    let d = doc(
        "Telmar Voss arrived in Kerrowdale on Friday. Voss said the floods in Kerrowdale \
         were the worst in years. Later, Voss met farmers from the town of Dunmere.",
    );
    let found = entities(&d);
    let voss: Vec<_> = found.iter().filter(|(t, _)| t == "Voss").collect();
    assert_eq!(voss.len(), 2, "{found:?}");
    assert!(voss.iter().all(|(_, l)| *l == "PERSON"), "{found:?}");
    let kerrow: Vec<_> = found.iter().filter(|(t, _)| t == "Kerrowdale").collect();
    assert_eq!(kerrow.len(), 2, "{found:?}");
    assert!(kerrow.iter().all(|(_, l)| *l == "LOCATION"), "{found:?}");
    assert!(has(&found, "Dunmere", "LOCATION"), "{found:?}");
}

#[test]
fn all_capital_headlines_yield_only_known_names() {
    let d = doc(
        "REBELS STORM NORTHERN TOWN AS VOSS PLEADS FOR CALM IN FRANCE\n\n\
         Telmar Voss, the mediator, asked both sides to stop fighting.",
    );
    let headline_end = d.sentence(0).span().end;
    let in_headline: Vec<_> = d
        .entities()
        .iter()
        .filter(|e| e.span.end <= headline_end)
        .map(|e| (e.span.slice(d.text()), e.label.as_str()))
        .collect();
    assert_eq!(in_headline, [("VOSS", "PERSON"), ("FRANCE", "LOCATION")]);
}

#[test]
fn entities_that_are_actors_take_the_actor_kind() {
    let d = doc("The Kremlin rejected the plan, and French President Ardan Kel flew to Moscow.");
    let found = entities(&d);
    assert!(has(&found, "Kremlin", "ORGANIZATION"), "{found:?}");
    assert!(has(&found, "French", "MISC"), "{found:?}");
    assert!(has(&found, "Ardan Kel", "PERSON"), "{found:?}");
    assert!(has(&found, "Moscow", "LOCATION"), "{found:?}");
    let kel = d
        .entities()
        .iter()
        .find(|e| e.span.slice(d.text()) == "Ardan Kel")
        .unwrap();
    assert_eq!(d.actors()[kel.actor.expect("linked")].code, "FRAGOV");
}

#[test]
fn datelines_acronyms_and_quoted_titles() {
    let d = doc(
        "KERROW, Gondor (AP) _ Reporters for NBR watched ``Morning Harbour,'' a program \
         about the Winter Olympics.",
    );
    let found = entities(&d);
    assert!(has(&found, "KERROW", "LOCATION"), "{found:?}");
    assert!(has(&found, "AP", "ORGANIZATION"), "{found:?}");
    assert!(has(&found, "NBR", "ORGANIZATION"), "{found:?}");
    assert!(
        !found
            .iter()
            .any(|(t, l)| t == "Morning Harbour" && *l != "MISC"),
        "{found:?}"
    );
    assert!(has(&found, "Winter Olympics", "MISC"), "{found:?}");
}
