//! PETRARCH2 dictionary semantics on sentences and dictionaries written for these
//! tests: written verb forms, `_` connectors, synonym sets with plurals, `+`/`$`/`^`/`%`
//! markers, unreadable codes, discard files, prefix agents and "former" officials.

use std::sync::OnceLock;

use dyad::dict::DictSources;
use dyad::events::EmitPolicy;
use dyad::ingest::RawArticle;
use dyad::pipeline::{Config, Pipeline};

const ACTORS: &str = "NORVANIA_ [NOR]\nBELLMARK_ [BEL]\nOSTRIA_ [OST]\nQUENTARA_ [QUE]\n";

const AGENTS: &str = "MINISTER [~GOV]\nRELIEF_GROUP [NGO~]\n";

const VERBS: &str = "&WEAPON\n+RIFLE\n+FIELD_GUN\n\n\
--- PRAISE [040] ---\nPRAISE\n- QUIETLY_* [041]\n\n\
--- LEFT [032] ---\nLEFT\n\n\
--- LEAVE [012] ---\nLEAVE\n\n\
--- SEND [070] ---\nSEND {SENDS SENT SENDING}\n- * &WEAPON [071]\n\n\
--- RECEIVE [033] ---\nRECEIVE\n- + * AID FROM $ [073]\n\n\
--- WARN [130] ---\nWARN\n- * AT ^ + [138]\n\n\
--- AGREE [081] ---\nAGREE\n- % * [030:030]\n\n\
--- REPORT [025?] ---\nREPORT\n";

const DISCARDS: &str = "+FOOTBALL\nCHESS MATCH\n";

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("dyad-petrarch-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in [
            ("Test.actors.txt", ACTORS),
            ("Test.agents.txt", AGENTS),
            ("Test.verbs.txt", VERBS),
            ("Test.discards.txt", DISCARDS),
        ] {
            std::fs::write(dir.join(name), text).unwrap();
        }
        let config = Config {
            dicts: DictSources {
                builtin: false,
                paths: vec![dir],
            },
            ..Config::default()
        };
        Pipeline::new(&config).unwrap()
    })
}

/// `SOURCE TARGET CODE` of every emitted event.
fn coded(text: &str) -> Vec<String> {
    let mut a = RawArticle::from_text("t", text);
    a.meta.date = Some("2020-01-01".into());
    let doc = pipeline().process(a);
    let code = |x: &Option<dyad::doc::EventArg>| {
        x.as_ref()
            .and_then(|x| x.actor)
            .map_or("---".to_string(), |i| doc.actors()[i].code.clone())
    };
    let policy = EmitPolicy::default();
    let mut out: Vec<String> = doc
        .events()
        .iter()
        .filter(|e| policy.emits(e))
        .map(|e| format!("{} {} {}", code(&e.source), code(&e.target), e.code))
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn verbs_match_their_written_forms() {
    // `left` is the verb LEFT, not a form of LEAVE.
    assert_eq!(coded("Norvania left for Bellmark."), ["NOR BEL 032"]);
    // Listed irregular forms.
    assert_eq!(coded("Norvania sent food to Bellmark."), ["NOR BEL 070"]);
}

#[test]
fn underscore_joins_words_to_the_verb() {
    assert_eq!(coded("Norvania quietly praised Bellmark."), ["NOR BEL 041"]);
    // A word between breaks a closed connector: the verb's own code.
    assert_eq!(
        coded("Norvania quietly and warmly praised Bellmark."),
        ["NOR BEL 040"]
    );
}

#[test]
fn synonym_sets_match_plurals_and_phrases() {
    assert_eq!(coded("Norvania sent rifles to Bellmark."), ["NOR BEL 071"]);
    assert_eq!(
        coded("Norvania sent a field gun to Bellmark."),
        ["NOR BEL 071"]
    );
    // `FIELD_GUN` has no automatic plural.
    assert_eq!(
        coded("Norvania sent field guns to Bellmark."),
        ["NOR BEL 070"]
    );
}

#[test]
fn markers_place_source_and_target() {
    // `+ * AID FROM $`: the target before the verb, the source after FROM.
    assert_eq!(
        coded("Bellmark received aid from Norvania."),
        ["NOR BEL 073"]
    );
    // `* AT ^ +`: the first actor after AT is skipped.
    assert_eq!(
        coded("Norvania warned at Ostria of Bellmark."),
        ["NOR BEL 138"]
    );
}

#[test]
fn compound_marker_codes_each_member() {
    assert_eq!(
        coded("Norvania and Bellmark agree that the border should stay open."),
        ["BEL NOR 030", "NOR BEL 030"]
    );
}

#[test]
fn announced_actions_keep_the_dictionary_code() {
    // Dyad's own dictionaries recode "will praise" as an intent; a PETRARCH
    // dictionary's code stands.
    assert_eq!(coded("Norvania will praise Bellmark."), ["NOR BEL 040"]);
}

#[test]
fn unreadable_codes_are_skipped_with_a_note() {
    assert!(coded("Norvania reported Bellmark.").is_empty());
    assert!(
        pipeline()
            .notes()
            .iter()
            .any(|n| n.contains("Test.verbs.txt:32") && n.contains("025?")),
        "{:?}",
        pipeline().notes()
    );
}

#[test]
fn discard_phrases_drop_sentences_and_stories() {
    assert!(coded("Norvania praised Bellmark after the chess match.").is_empty());
    // A sentence discard leaves the other sentences.
    assert_eq!(
        coded("Norvania praised Bellmark after the chess match. Ostria praised Quentara."),
        ["OST QUE 040"]
    );
    // A story discard drops them all.
    assert!(
        coded("Norvania praised Bellmark. Ostria praised Quentara before the football final.")
            .is_empty()
    );
}

#[test]
fn prefix_agents_and_former_officials() {
    assert_eq!(
        coded("The Norvania relief group praised Bellmark."),
        ["NGONOR BEL 040"]
    );
    assert_eq!(
        coded("Former Norvania ministers praised Bellmark."),
        ["NORELI BEL 040"]
    );
}

#[test]
fn pattern_words_are_not_looked_for_in_a_reported_clause() {
    // `- * &WEAPON [071]` under SEND: the rifles of the reported clause are not what
    // Norvania sent.
    assert_eq!(
        coded("Norvania sent a note to Bellmark that said Ostria wants rifles."),
        ["NOR BEL 070"]
    );
}
