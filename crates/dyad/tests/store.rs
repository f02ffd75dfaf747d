//! The event store: idempotent re-ingest, updates, aliases, story grouping, merged
//! event counts and every query filter, on articles written for these tests.

use std::sync::OnceLock;

use dyad::ingest::{ErrorKind, IngestError, RawArticle, Record};
use dyad::pipeline::{Config, Pipeline};
use dyad::store::query::{EventFilter, Period};
use dyad::store::{IngestOptions, IngestProgress, IngestStats, Store};

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new(&Config::default()).expect("built-in pipeline"))
}

const TALKS: &str = "Japan accused China on Monday of violating its airspace, the defence \
    ministry in Tokyo said. Officials said two Chinese aircraft crossed into Japanese airspace \
    near the southern islands for about ten minutes before turning back.\n\n\
    The government lodged a formal protest through diplomatic channels and demanded an \
    explanation. Analysts said the incident was the third of its kind this year.";

const SANCTIONS: &str = "France imposed sanctions on Iran on Tuesday over its missile \
    programme. The measures freeze the assets of several companies and ban travel by a \
    dozen officials, the foreign ministry in Paris said.\n\nIran condemned the decision.";

const VISIT: &str = "Germany's chancellor visited Poland on Wednesday for talks on energy \
    and border security, the first such trip in two years.";

fn article(id: &str, date: &str, source: Option<&str>, text: &str) -> Record {
    let mut a = RawArticle::from_text(id, text);
    a.meta.date = Some(date.into());
    a.meta.source = source.map(str::to_string);
    Ok(a)
}

fn ingest(store: &mut Store, records: Vec<Record>) -> (IngestStats, Vec<String>) {
    let mut errors = Vec::new();
    let options = IngestOptions {
        batch_size: 2,
        ..IngestOptions::default()
    };
    let stats = store
        .ingest(pipeline(), records.into_iter(), &options, |p| {
            if let IngestProgress::Error(e) = p {
                errors.push(e.to_string());
            }
        })
        .expect("ingest");
    (stats, errors)
}

fn corpus() -> Vec<Record> {
    vec![
        article("a1", "2024-03-04", Some("Wire A"), TALKS),
        article("a2", "2024-03-05", Some("Wire A"), SANCTIONS),
        article("a3", "2024-03-06", Some("Paper B"), VISIT),
    ]
}

fn all() -> EventFilter {
    EventFilter::default()
}

#[test]
fn reingesting_creates_nothing_new() {
    let mut store = Store::in_memory().unwrap();
    let (first, errors) = ingest(&mut store, corpus());
    assert!(errors.is_empty());
    assert_eq!((first.new, first.unchanged), (3, 0));
    let counts = |s: &Store| {
        [
            "articles",
            "sentences",
            "actors",
            "events",
            "lsh",
            "aliases",
        ]
        .map(|t| s.count(t).unwrap())
    };
    let before = counts(&store);
    assert!(before[3] > 0, "the corpus has events");
    let (again, _) = ingest(&mut store, corpus());
    assert_eq!((again.new, again.updated, again.unchanged), (0, 0, 3));
    assert_eq!(counts(&store), before);
}

#[test]
fn same_text_is_an_alias_or_a_republication() {
    let mut store = Store::in_memory().unwrap();
    ingest(&mut store, corpus());
    // The same text re-wrapped, under another id, from the same source: an alias.
    let rewrapped = TALKS.replace(". ", ".\n");
    let (s, _) = ingest(
        &mut store,
        vec![article("a1-copy", "2024-03-04", Some("Wire A"), &rewrapped)],
    );
    assert_eq!((s.new, s.duplicates), (0, 1));
    assert_eq!(store.count("aliases").unwrap(), 1);
    // The alias id is then known: ingesting it again is a no-op.
    let (s, _) = ingest(
        &mut store,
        vec![article("a1-copy", "2024-03-04", Some("Wire A"), &rewrapped)],
    );
    assert_eq!(s.unchanged, 1);
    // The alias id with a new text becomes an article of its own; the original stays.
    let (s, _) = ingest(
        &mut store,
        vec![article(
            "a1-copy",
            "2024-03-04",
            Some("Wire A"),
            &SANCTIONS.replace("Tuesday", "Thursday"),
        )],
    );
    assert_eq!((s.new, s.updated, s.duplicates), (1, 0, 0));
    assert_eq!(store.count("aliases").unwrap(), 0);
    assert_eq!(store.count("articles").unwrap(), 4);
    let ids: Vec<String> = {
        let conn = store.connection();
        let mut st = conn
            .prepare("SELECT doc_id FROM articles ORDER BY doc_id")
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(ids, ["a1", "a1-copy", "a2", "a3"]);
    // The same text from another outlet is another article of the same story.
    let (s, _) = ingest(
        &mut store,
        vec![article("c1", "2024-03-04", Some("Paper C"), TALKS)],
    );
    assert_eq!((s.new, s.joined_story), (1, 1));
    let talks = store
        .events(&EventFilter {
            dyad: Some(("JPN".into(), "CHN".into())),
            ..all()
        })
        .unwrap();
    assert!(!talks.is_empty());
    for e in &talks {
        assert_eq!(
            (e.num_articles, e.num_sources, e.num_stories),
            (2, 2, 1),
            "{e:?}"
        );
    }
}

#[test]
fn duplicates_inside_one_batch_are_aliases_too() {
    let mut store = Store::in_memory().unwrap();
    let options = IngestOptions {
        batch_size: 10,
        ..IngestOptions::default()
    };
    let records = vec![
        article("x1", "2024-03-05", Some("Wire A"), SANCTIONS),
        article("x2", "2024-03-05", Some("Wire A"), SANCTIONS),
        article("x1", "2024-03-05", Some("Wire A"), SANCTIONS),
    ];
    let stats = store
        .ingest(pipeline(), records.into_iter(), &options, |_| {})
        .unwrap();
    assert_eq!((stats.new, stats.duplicates, stats.unchanged), (1, 1, 1));
    assert_eq!(store.count("articles").unwrap(), 1);
}

#[test]
fn an_updated_article_replaces_its_analysis() {
    let mut store = Store::in_memory().unwrap();
    ingest(&mut store, corpus());
    let fr = EventFilter {
        actor: Some("FRA".into()),
        ..all()
    };
    assert!(!store.events(&fr).unwrap().is_empty());
    let changed = SANCTIONS
        .replace("France", "Italy")
        .replace("Paris", "Rome");
    let (s, _) = ingest(
        &mut store,
        vec![article("a2", "2024-03-05", Some("Wire A"), &changed)],
    );
    assert_eq!((s.new, s.updated), (0, 1));
    assert_eq!(store.count("articles").unwrap(), 3);
    assert!(store.events(&fr).unwrap().is_empty());
    let it = EventFilter {
        actor: Some("ITA".into()),
        ..all()
    };
    assert!(!store.events(&it).unwrap().is_empty());
    // Full-text search follows the new text.
    let paris = EventFilter {
        text: Some("Paris".into()),
        include_flagged: true,
        ..all()
    };
    assert!(store.mentions(&paris).unwrap().is_empty());
}

#[test]
fn edited_wire_copies_join_one_story() {
    let mut store = Store::in_memory().unwrap();
    ingest(&mut store, corpus());
    let edited = format!(
        "TOKYO (Paper D) - {} Reporting by a staff writer.",
        TALKS.replace("Monday", "Monday morning")
    );
    let (s, _) = ingest(
        &mut store,
        vec![article("d1", "2024-03-04", Some("Paper D"), &edited)],
    );
    assert_eq!(s.joined_story, 1);
    let stories: Vec<(String, i64)> = {
        let conn = store.connection();
        let mut st = conn
            .prepare("SELECT doc_id, story_id FROM articles ORDER BY doc_id")
            .unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let story = |id: &str| stories.iter().find(|(d, _)| d == id).unwrap().1;
    assert_eq!(story("d1"), story("a1"));
    assert_ne!(story("a2"), story("a1"));
    assert_ne!(story("a3"), story("a1"));
}

#[test]
fn unreadable_records_are_reported_and_the_rest_stored() {
    let mut store = Store::in_memory().unwrap();
    let mut records = corpus();
    records.insert(
        1,
        Err(IngestError {
            path: "feed.jsonl".into(),
            line: Some(7),
            kind: ErrorKind::Json,
            message: "malformed JSON: expected value".into(),
        }),
    );
    let (s, errors) = ingest(&mut store, records);
    assert_eq!((s.records, s.errors, s.new), (4, 1, 3));
    assert_eq!(errors, vec!["feed.jsonl:7: malformed JSON: expected value"]);
}

#[test]
fn every_filter_selects_what_it_says() {
    let mut store = Store::in_memory().unwrap();
    ingest(&mut store, corpus());
    let events = store.events(&all()).unwrap();
    assert!(events.len() >= 3, "{events:#?}");
    let codes = |f: EventFilter| -> Vec<(String, String, String)> {
        store
            .events(&f)
            .unwrap()
            .into_iter()
            .map(|e| {
                (
                    e.source_code.unwrap_or_default(),
                    e.target_code.unwrap_or_default(),
                    e.code,
                )
            })
            .collect()
    };
    // Dyad, by code prefix, one direction or both.
    let jc = codes(EventFilter {
        dyad: Some(("JPN".into(), "CHN".into())),
        ..all()
    });
    assert!(jc.iter().any(|(_, _, c)| c.starts_with("11")), "{jc:?}");
    assert!(jc
        .iter()
        .all(|(s, t, _)| s.starts_with("JPN") && t.starts_with("CHN")));
    let cj = codes(EventFilter {
        dyad: Some(("CHN".into(), "JPN".into())),
        ..all()
    });
    let both = codes(EventFilter {
        dyad: Some(("CHN".into(), "JPN".into())),
        both_directions: true,
        ..all()
    });
    assert_eq!(both.len(), jc.len() + cj.len());
    // Actor on either side.
    let iran = codes(EventFilter {
        actor: Some("IRN".into()),
        ..all()
    });
    assert!(!iran.is_empty());
    assert!(iran
        .iter()
        .all(|(s, t, _)| s.starts_with("IRN") || t.starts_with("IRN")));
    // Code prefix and QuadClass.
    let sanctions = codes(EventFilter {
        code: Some("16".into()),
        ..all()
    });
    assert!(
        sanctions.iter().any(|(s, t, _)| s == "FRA" && t == "IRN"),
        "{sanctions:?}"
    );
    assert!(sanctions.iter().all(|(_, _, c)| c.starts_with("16")));
    let material_conflict = store
        .events(&EventFilter {
            quad_class: Some(4),
            ..all()
        })
        .unwrap();
    assert!(material_conflict.iter().all(|e| e.quad_class == 4));
    // Dates, inclusive.
    let days = |from: &str, to: &str| -> Vec<String> {
        store
            .events(&EventFilter {
                from: Some(from.into()),
                to: Some(to.into()),
                ..all()
            })
            .unwrap()
            .into_iter()
            .map(|e| e.day.unwrap())
            .collect()
    };
    assert!(days("2024-03-05", "2024-03-05")
        .iter()
        .all(|d| d == "2024-03-05"));
    assert!(!days("2024-03-05", "2024-03-05").is_empty());
    assert!(days("2024-04-01", "2024-12-31").is_empty());
    // Text search over the sentences that mention the events.
    let found = store
        .mentions(&EventFilter {
            text: Some("missile".into()),
            ..all()
        })
        .unwrap();
    assert!(!found.is_empty());
    assert!(found.iter().all(|m| m.sentence.contains("missile")));
    let bad = store.events(&EventFilter {
        text: Some("\"unbalanced".into()),
        ..all()
    });
    assert!(bad.is_err());
    // Limit.
    let one = store
        .events(&EventFilter {
            limit: Some(1),
            ..all()
        })
        .unwrap();
    assert_eq!(one.len(), 1);
    // Series and dyad summaries.
    let series = store
        .series(
            &EventFilter {
                actor: Some("JPN".into()),
                ..all()
            },
            Period::Week,
        )
        .unwrap();
    assert_eq!(series.len(), 1);
    assert_eq!(series[0].period, "2024-03-04");
    assert_eq!(series[0].cooperation + series[0].conflict, series[0].events);
    let top = store.top_dyads(&all(), 10).unwrap();
    assert!(top
        .iter()
        .any(|d| d.source_code == "FRA" && d.target_code == "IRN"));
}

#[test]
fn event_ids_are_stable_across_stores() {
    let ids = || {
        let mut store = Store::in_memory().unwrap();
        ingest(&mut store, corpus());
        let mut v: Vec<i64> = store
            .events(&all())
            .unwrap()
            .iter()
            .map(|e| e.event_id)
            .collect();
        v.sort();
        v
    };
    assert_eq!(ids(), ids());
}

#[test]
fn quotes_amounts_entities_and_tone_are_stored() {
    let mut store = Store::in_memory().unwrap();
    let text = "Kenya accused Somalia on Friday of sheltering militants who killed \
        12 soldiers near the border. \"We will defend our people,\" Defence Minister \
        Aden Duale told reporters in Nairobi.";
    ingest(
        &mut store,
        vec![article("k1", "2024-05-03", Some("Wire A"), text)],
    );
    for table in ["entities", "quotes", "amounts"] {
        assert!(store.count(table).unwrap() > 0, "{table}");
    }
    let conn = store.connection();
    let (speaker, verb): (String, String) = conn
        .query_row(
            "SELECT speaker_name, verb FROM quotes WHERE kind = 'direct'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(speaker.contains("Duale"), "{speaker}");
    assert_eq!(verb, "told");
    let (value, object): (f64, String) = conn
        .query_row("SELECT value, object FROM amounts", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((value, object.as_str()), (12.0, "soldiers"));
    let tone: Option<f64> = conn
        .query_row("SELECT tone FROM articles", [], |r| r.get(0))
        .unwrap();
    assert!(tone.is_some_and(|t| t < 0.0), "{tone:?}");
    let events = store.events(&all()).unwrap();
    assert!(events.iter().any(|e| e.avg_tone.is_some()), "{events:?}");
}
