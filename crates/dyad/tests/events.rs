//! Event coding on sentences written for these tests: the coder's mechanics with a
//! small verb file of our own, then Dyad's built-in dictionary.

use std::sync::OnceLock;

use dyad::dict::DictSources;
use dyad::doc::{Doc, Modality};
use dyad::events::EmitPolicy;
use dyad::ingest::RawArticle;
use dyad::pipeline::{Config, Pipeline};

const VERBS: &str = "[LIGHT]\nverbs: hold; launch; impose\n\n\
[190]\nverbs: attack; shell\nnouns: attack on *; attack against *\nnot: attack problem\n\n\
[040]\nverbs: meet; meet with *\nnouns: talks with *; talks\n\n\
[112]\nverbs: accuse * of\n\n[163]\nnouns: sanctions on *; sanctions against *\n\n\
[042]\nverbs: visit; travel to *\n";

fn mechanics() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        // The files are read when the pipeline is built; the folder goes after.
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let path = dir.join("test.verbs.txt");
        std::fs::write(&path, VERBS).unwrap();
        let roles = dir.join("roles.txt");
        std::fs::write(&roles, "[MIL]\ntroops; army\n[GOV]\ngovernment; president; minister\n").unwrap();
        let countries = dir.join("countries.txt");
        std::fs::write(
            &countries,
            "[ARN]\nnames: Arnor\nadjectives: Arnorian\n\n[GON]\nnames: Gondor\nadjectives: Gondorian\n\n\
             [ROH]\nnames: Rohan\n\n[MOR]\nnames: Mordor\n",
        )
        .unwrap();
        let config = Config {
            dicts: DictSources {
                builtin: false,
                paths: vec![countries, roles, path],
            },
            ..Config::default()
        };
        Pipeline::new(&config).expect("test dictionaries load")
    })
}

fn doc(p: &Pipeline, text: &str) -> Doc {
    let mut a = RawArticle::from_text("t", text);
    a.meta.date = Some("2020-01-01".into());
    p.process(a)
}

/// `SOURCE TARGET CODE` of the events `dyad code` would emit.
fn coded(p: &Pipeline, text: &str) -> Vec<String> {
    let d = doc(p, text);
    let code = |a: &Option<dyad::doc::EventArg>| {
        a.as_ref()
            .and_then(|a| a.actor)
            .map_or("-".to_string(), |i| d.actors()[i].code.clone())
    };
    let mut out: Vec<String> = d
        .events()
        .iter()
        .filter(|e| EmitPolicy::default().emits(e))
        .map(|e| format!("{} {} {}", code(&e.source), code(&e.target), e.code))
        .collect();
    out.sort();
    out
}

#[test]
fn subject_object_and_passive_agent() {
    let p = mechanics();
    assert_eq!(coded(p, "Arnor attacked Gondor."), ["ARN GON 190"]);
    assert_eq!(
        coded(p, "Gondor was attacked by Arnorian troops."),
        ["ARNMIL GON 190"]
    );
}

#[test]
fn prepositions_and_light_verbs() {
    let p = mechanics();
    assert_eq!(
        coded(p, "The Arnorian president met with Gondor on Monday."),
        ["ARNGOV GON 040"]
    );
    assert_eq!(
        coded(p, "Arnor imposed sanctions on Mordor."),
        ["ARN MOR 163"]
    );
    assert_eq!(
        coded(p, "Gondor launched an attack against Mordor."),
        ["GON MOR 190"]
    );
    // Receiving or facing an event: the `from` phrase is the source.
    assert_eq!(
        coded(p, "Gondor faced new sanctions from Arnor."),
        ["ARN GON 163"]
    );
    assert_eq!(
        coded(p, "Gondor came under attack from Arnorian troops."),
        ["ARNMIL GON 190"]
    );
    // The preposition a pattern names must be present: no "to" → no 042 target.
    assert!(coded(p, "Arnor travelled with Gondor.").is_empty());
}

#[test]
fn coordination_gives_one_event_per_pair() {
    let p = mechanics();
    assert_eq!(
        coded(p, "Arnor and Rohan attacked Mordor."),
        ["ARN MOR 190", "ROH MOR 190"]
    );
    assert_eq!(
        coded(p, "Arnor attacked Mordor and Gondor."),
        ["ARN GON 190", "ARN MOR 190"]
    );
    // No target: each toward the other.
    assert_eq!(
        coded(p, "Arnor and Gondor held talks."),
        ["ARN GON 040", "GON ARN 040"]
    );
}

#[test]
fn reported_speech_codes_the_reported_event() {
    let p = mechanics();
    // Reported violence is also the speaker's accusation of the attacker ...
    assert_eq!(
        coded(p, "Rohan said Arnor attacked Gondor."),
        ["ARN GON 190", "ROH ARN 112"]
    );
    assert_eq!(
        coded(p, "Arnor attacked Gondor on Monday, Rohan said."),
        ["ARN GON 190", "ROH ARN 112"]
    );
    // ... or, when the speaker is the attacker, a claim of responsibility,
    assert_eq!(
        coded(p, "Arnor said it attacked Gondor."),
        ["ARN GON 015", "ARN GON 190"]
    );
    // but not a denial, nor one part of a state reporting on another.
    assert_eq!(
        coded(p, "Rohan said Arnor did not attack Gondor."),
        Vec::<String>::new()
    );
    assert_eq!(
        coded(
            p,
            "Arnorian troops said the Arnorian government attacked Gondor."
        ),
        ["ARNGOV GON 190"]
    );
    let d = doc(p, "Rohan said Arnor attacked Gondor.");
    let accusation = d.events().iter().find(|e| e.code == "112").unwrap();
    assert_eq!(d.token(accusation.trigger).text(), "said");
    assert!(
        accusation
            .rule
            .ends_with("attack (reported by the source: say, an accusation)"),
        "{}",
        accusation.rule
    );
    assert_eq!(
        coded(p, "Gondor accused Arnor of shelling the border."),
        ["GON ARN 112"]
    );
}

#[test]
fn negation_and_modality() {
    let p = mechanics();
    assert!(coded(p, "Arnor did not attack Gondor.").is_empty());
    assert!(coded(p, "If Arnor attacks Gondor, Rohan will respond.").is_empty());
    // Scheduled actions keep their code, flagged future; intended and announced
    // ones are coded as CAMEO intents, refusals as rejections.
    let d = doc(p, "Arnor will meet Gondor next week.");
    assert_eq!(
        (d.events()[0].code.as_str(), d.events()[0].modality),
        ("040", Modality::Future)
    );
    let d = doc(p, "Arnor has offered to meet Gondor next week.");
    assert_eq!(
        (d.events()[0].code.as_str(), d.events()[0].modality),
        ("036", Modality::Future)
    );
    assert_eq!(
        coded(p, "Rohan said Arnor would meet Gondor."),
        ["ARN GON 036"]
    );
    // Asked or pushed to act is not acting.
    assert!(coded(p, "Rohan urged Arnor to attack Gondor.").is_empty());
    let d = doc(p, "Arnor was asked to meet Gondor.");
    assert_eq!(d.events()[0].modality, Modality::Possible);
    assert_eq!(
        coded(p, "Arnor is planning to attack Gondor."),
        ["ARN GON 138"]
    );
    assert_eq!(coded(p, "Arnor refused to meet Gondor."), ["ARN GON 125"]);
    let d = doc(p, "Has Arnor attacked Gondor?");
    assert_eq!(d.events()[0].modality, Modality::Question);
    // Flagged events are all kept in the document; `dyad code` drops them.
    let d = doc(p, "Arnor did not attack Gondor.");
    assert!(d.events()[0].negated);
}

#[test]
fn exclusions_block_non_political_senses() {
    let p = mechanics();
    assert!(coded(p, "Arnor attacked the problem with Gondor.").is_empty());
}

#[test]
fn every_event_explains_itself() {
    let p = mechanics();
    let d = doc(p, "Gondor launched an attack against Mordor.");
    let e = &d.events()[0];
    assert!(
        e.rule.contains("test.verbs.txt:") && e.rule.contains("attack against *"),
        "{}",
        e.rule
    );
    assert_eq!(d.token(e.trigger).text(), "attack");
}

#[test]
fn builtin_dictionary_codes_common_wire_verbs() {
    let p = Pipeline::new(&Config::default()).unwrap();
    let cases = [
        (
            "Russian troops attacked Ukrainian positions near Bakhmut.",
            "RUSMIL",
            "19",
        ),
        ("China condemned Japan on Tuesday.", "CHN", "11"),
        (
            "The French president met German Chancellor Olaf Scholz in Berlin.",
            "FRAGOV",
            "04",
        ),
        ("Iran threatened Israel with retaliation.", "IRN", "13"),
        (
            "Police arrested dozens of protesters in Tehran.",
            "---COP",
            "17",
        ),
    ];
    for (text, source, root) in cases {
        let mut a = RawArticle::from_text("t", text);
        a.meta.date = Some("2023-03-01".into());
        let d = p.process(a);
        let hit = d.events().iter().any(|e| {
            e.code.starts_with(root)
                && e.source
                    .as_ref()
                    .and_then(|s| s.actor)
                    .map(|i| d.actors()[i].code.as_str())
                    == Some(source)
        });
        assert!(hit, "{text}: {:?}", d.events());
    }
}

/// `SOURCE TARGET CODE MODALITY` of the emitted events of `text` (story date 2023-03-01).
fn coded_builtin(p: &Pipeline, text: &str) -> Vec<String> {
    let mut a = RawArticle::from_text("t", text);
    a.meta.date = Some("2023-03-01".into());
    let d = p.process(a);
    let code = |a: &Option<dyad::doc::EventArg>| {
        a.as_ref()
            .and_then(|a| a.actor)
            .map_or("-".to_string(), |i| d.actors()[i].code.clone())
    };
    d.events()
        .iter()
        .filter(|e| EmitPolicy::default().emits(e))
        .map(|e| {
            format!(
                "{} {} {} {}",
                code(&e.source),
                code(&e.target),
                e.code,
                e.modality.as_str()
            )
        })
        .collect()
}

#[test]
fn builtin_dictionary_sides_and_modality() {
    let p = Pipeline::new(&Config::default()).unwrap();
    // Facing or receiving an event: the `from` phrase is its source.
    let got = coded_builtin(
        &p,
        "The Ukrainian army came under attack from Russian forces on Monday.",
    );
    assert!(
        got.iter().any(|e| e.starts_with("RUSMIL UKRMIL 19")),
        "{got:?}"
    );
    // The event phrase's own modifier is not a target.
    let got = coded_builtin(&p, "Russia conducted military exercises on Monday.");
    assert!(got.iter().all(|e| !e.contains("---MIL")), "{got:?}");
    // A passive raising verb passes its subject on; a schedule keeps the code.
    let got = coded_builtin(
        &p,
        "The Japanese prime minister is scheduled to visit China.",
    );
    assert!(
        got.contains(&"JPNGOV CHN 042 future".to_string()),
        "{got:?}"
    );
    // A plan reported in speech is an intention.
    let got = coded_builtin(&p, "Israel said it would release Palestinian prisoners.");
    assert!(
        got.iter()
            .any(|e| e.starts_with("ISR PSE") && e.contains(" 035")),
        "{got:?}"
    );
    for (text, event) in [
        // The passive: the subject is the logical object, pattern words included.
        (
            "Evidence against Russia was presented by the United States.",
            "USA RUS 112 asserted",
        ),
        (
            "An attack was launched against Israel by Hamas.",
            "PSEREBHMS ISR 190 asserted",
        ),
        // A passive with no agent: the owner of the attack it happened in.
        (
            "Two civilians were killed in a US drone strike in Yemen.",
            "USA ---CVL 195 asserted",
        ),
        (
            "Two Israeli soldiers were killed in an attack by Hamas.",
            "PSEREBHMS ISRMIL 190 asserted",
        ),
        // A reflexive victim is the doer: no act between two sides, but the
        // speaker still accuses the doer.
        (
            "Russia said Ukraine had shelled itself.",
            "RUS UKR 112 asserted",
        ),
        // Refusing permission is refusing to yield (an announced, negated 08x).
        (
            "Israel said it would not give permission to Egypt to deploy troops.",
            "ISR EGY 124 future",
        ),
        // Who holds a place is not the place attacked.
        (
            "Rebels bombarded a government-held part of Syria's second city.",
            "---REB SYR 194 asserted",
        ),
        // Examining a facility is an inspection, not a policy review.
        (
            "UN inspectors re-examined the reactor in Iran.",
            "IGOUNO IRN 090 asserted",
        ),
        // A place is a target, never a source.
        (
            "Russia is conducting military exercises in Alaska.",
            "RUS USA 150 asserted",
        ),
        // Where words are spoken is no target: the addressee is.
        (
            "The Japanese foreign minister made his remarks in Beijing to Russian reporters.",
            "JPNGOV RUSMED 010 asserted",
        ),
        // A role from a country, an adjective between them.
        (
            "The French president met with exiled dissidents from military-ruled Myanmar.",
            "FRAGOV MMROPP 040 asserted",
        ),
        // A bare pledge is said by the intent it pledges (an intent to expel: 137).
        (
            "Qatar pledged to expel the leaders of the Muslim Brotherhood from Egypt.",
            "QAT EGYOPPMBR 137 future",
        ),
    ] {
        assert_eq!(coded_builtin(&p, text), [event], "{text}");
    }
    // Mutual acts from one clause: talks with a partner, a clash between police
    // and protesters (repression one way, a riot the other).
    for (text, events) in [
        (
            "Iran held talks with Iraq on trade.",
            ["IRN IRQ 046 asserted", "IRQ IRN 046 asserted"],
        ),
        (
            "Egyptian police clashed with protesters in Cairo.",
            ["EGYCOP EGYOPP 175 asserted", "EGYOPP EGYCOP 145 asserted"],
        ),
    ] {
        assert_eq!(coded_builtin(&p, text), events, "{text}");
    }
    let got = coded_builtin(&p, "In Aleppo, shelling hit a market.");
    assert!(got.iter().all(|e| !e.starts_with("SYR")), "{got:?}");
    // A word coordinated with a pattern word is part of the event phrase, not its
    // target (the parse reads "mum and ... ambassador" as two objects).
    let got = coded_builtin(
        &p,
        "Beijing remained mum and Russia's UN ambassador said he was unaware of the agreement.",
    );
    assert!(got.iter().all(|e| !e.starts_with("CHN RUS")), "{got:?}");
    // Asked to act is not acting.
    let got = coded_builtin(
        &p,
        "France urged Russia to withdraw its troops from Ukraine.",
    );
    assert!(got.iter().all(|e| !e.starts_with("RUS")), "{got:?}");
}

#[test]
fn candidate_only_parsing_codes_what_full_parsing_codes() {
    // `dyad code` parses only candidate sentences, and of those only the ones whose
    // tags still allow an event; the events must be the ones a full parse gives.
    let full = Pipeline::new(&Config::default()).unwrap();
    let fast = Pipeline::new(&Config {
        parse_only_candidates: Some(2),
        ..Config::default()
    })
    .unwrap();
    let text = "The Russian president's visit to China was short. \
                Russia imposed sanctions on Ukraine on Monday. The weather in Paris was mild. \
                Syrian officials met Qatari diplomats. Israel fought Syria in 1973. \
                China condemned Japan, and Japan accused China of provocation. \
                Officials said Iran threatened Israel with retaliation. \
                New sanctions were imposed on Iran by the European Union.";
    let events = coded_builtin(&full, text);
    assert!(events.len() >= 4, "{events:?}");
    // A passive whose only source follows `by` is a candidate too.
    assert!(
        events.contains(&"IGOEUREEC IRN 163 asserted".to_string()),
        "{events:?}"
    );
    // Irregular forms (`met`, `fought`) are candidates for their verbs' patterns.
    for e in ["SYRGOV QATGOV 040 asserted", "ISR SYR 190 asserted"] {
        assert!(events.contains(&e.to_string()), "{events:?}");
    }
    assert_eq!(coded_builtin(&fast, text), events);
    // The first sentence is a candidate (`visit`, two actors) turned down once
    // tagged (`visit` is a noun there, with no light verb): it keeps its tags and
    // lemmas under a placeholder tree.
    let mut a = RawArticle::from_text("t", text);
    a.meta.date = Some("2023-03-01".into());
    let d = fast.process(a);
    let visit = d.tokens().find(|t| t.text() == "visit").unwrap();
    assert_eq!(
        (visit.tag(), visit.lemma(), visit.deprel()),
        ("NN", "visit", "dep")
    );
    let weather = d.tokens().find(|t| t.text() == "weather").unwrap();
    assert_eq!(weather.tag(), "", "not a candidate: not tagged");
    // An entry written in capitals is no candidate in lower case: `is` is not the
    // group `IS`, so two roles and a verb do not make a candidate.
    let mut a = RawArticle::from_text("t", "The minister is meeting the governor.");
    a.meta.date = Some("2015-03-01".into());
    let d = fast.process(a);
    assert!(d.tokens().all(|t| t.tag().is_empty()), "tagged");
}

#[test]
fn a_batch_of_articles_gets_what_each_gets_alone() {
    // `Pipeline::run` sends articles through the stages a few at a time (each
    // tagger pass, the parser and the labeller over all their sentences in turn):
    // nothing may depend on which articles share a batch.
    use dyad::export::json::{AnalyzeOptions, AnalyzeRecord};
    let texts = [
        "Russia imposed sanctions on Ukraine on Monday. The weather in Paris was mild.",
        "",
        "China condemned Japan, and Japan accused China of provocation.",
        "Officials said Iran threatened Israel with retaliation. Talks resumed.",
    ];
    let article = |i: usize| {
        let mut a = RawArticle::from_text(format!("d{i}"), texts[i]);
        a.meta.date = Some("2023-03-01".into());
        a
    };
    let json = |d: &Doc| AnalyzeRecord::new(d, AnalyzeOptions::default()).to_json_line();
    for config in [
        Config::default(),
        Config {
            parse_only_candidates: Some(2),
            ..Config::default()
        },
    ] {
        let p = Pipeline::new(&config).unwrap();
        let together = p.process_batch((0..texts.len()).map(article).collect());
        assert_eq!(together.len(), texts.len());
        for (i, doc) in together.iter().enumerate() {
            assert_eq!(json(doc), json(&p.process(article(i))), "article {i}");
        }
        assert!(!together[0].events().is_empty() && !together[3].events().is_empty());
    }
}

#[test]
fn intents_take_the_intent_subcode_of_the_act() {
    use dyad::events::coder::intent_code;
    let intent = |code| intent_code(code, false, Modality::Future, true);
    // Release persons → intent to release; military aid → intent to give it.
    assert_eq!(intent("0841"), Some("0353"));
    assert_eq!(intent("085"), Some("0354"));
    assert_eq!(intent("0832"), Some("0342"));
    assert_eq!(intent("072"), Some("0332"));
    assert_eq!(intent("062"), Some("0312"));
    // No subcode to follow: the intent root code.
    assert_eq!(intent("080"), Some("035"));
    assert_eq!(intent("042"), Some("036"));
    // A fact, or a plan merely scheduled, keeps its own code.
    assert_eq!(intent_code("0841", false, Modality::Asserted, false), None);
    assert_eq!(intent_code("0841", false, Modality::Future, false), None);
}
