//! Actor recognition and resolution on sentences written for these tests.

use dyad::dict::DictSources;
use dyad::doc::{ActorKind, ActorVia, Doc};
use dyad::ingest::RawArticle;
use dyad::pipeline::{Config, Pipeline};
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        Pipeline::new(&Config::default()).expect("built-in models and dictionaries load")
    })
}

fn run(text: &str, date: &str) -> Doc {
    let mut a = RawArticle::from_text("t", text);
    a.meta.date = Some(date.to_string());
    pipeline().process(a)
}

/// `(text, code)` of every actor.
fn actors(text: &str, date: &str) -> Vec<(String, String)> {
    let doc = run(text, date);
    doc.actors()
        .iter()
        .map(|a| (a.span.slice(doc.text()).to_string(), a.code.clone()))
        .collect()
}

fn code_of(text: &str, date: &str, mention: &str) -> Option<String> {
    actors(text, date)
        .into_iter()
        .find(|(t, _)| t == mention)
        .map(|(_, c)| c)
}

#[test]
fn titles_before_known_and_unknown_names() {
    let got = actors(
        "US President Donald Trump met North Korean leader Kim Jong Un.",
        "2018-06-12",
    );
    assert_eq!(
        got,
        [
            (
                "US President Donald Trump".to_string(),
                "USAGOV".to_string()
            ),
            (
                "North Korean leader Kim Jong Un".to_string(),
                "PRKGOV".to_string()
            )
        ]
    );
    let doc = run(
        "Nigerian Defence Minister Bello Adamu visited the troops.",
        "2021-03-01",
    );
    let a = &doc.actors()[0];
    assert_eq!(
        (a.code.as_str(), a.kind, a.via),
        ("NGAGOV", ActorKind::Person, ActorVia::Title)
    );
}

#[test]
fn leaders_follow_the_story_date() {
    let text = "Trump spoke in Ohio.";
    assert_eq!(
        code_of(text, "2015-05-01", "Trump").as_deref(),
        Some("USABUS")
    );
    assert_eq!(
        code_of(text, "2019-05-01", "Trump").as_deref(),
        Some("USAGOV")
    );
    assert_eq!(
        code_of(text, "2022-05-01", "Trump").as_deref(),
        Some("USAELI")
    );
    // A historical state by date: Moscow spoke for the Soviet Union in 1985.
    assert_eq!(
        code_of("Moscow rejected the offer.", "1985-03-01", "Moscow").as_deref(),
        Some("SUN")
    );
    assert_eq!(
        code_of("Moscow rejected the offer.", "2005-03-01", "Moscow").as_deref(),
        Some("RUS")
    );
}

#[test]
fn appositives_in_both_orders() {
    let doc = run(
        "Jan Kowalczyk, the Polish foreign minister, said talks would resume.",
        "2020-01-01",
    );
    let a = doc
        .actors()
        .iter()
        .find(|a| a.span.slice(doc.text()) == "Jan Kowalczyk")
        .unwrap();
    assert_eq!((a.code.as_str(), a.via), ("POLGOV", ActorVia::Appositive));
    assert_eq!(
        a.antecedent.unwrap().slice(doc.text()),
        "Polish foreign minister"
    );
    let doc = run(
        "The Kenyan interior minister, Amos Wekesa, denied the report.",
        "2020-01-01",
    );
    let a = doc
        .actors()
        .iter()
        .find(|a| a.span.slice(doc.text()) == "Amos Wekesa")
        .unwrap();
    assert_eq!((a.code.as_str(), a.via), ("KENGOV", ActorVia::Appositive));
}

#[test]
fn compound_phrases_possessives_and_of() {
    let date = "2020-01-01";
    assert_eq!(
        code_of(
            "A US Army general said the base was safe.",
            date,
            "US Army general"
        )
        .as_deref(),
        Some("USAMIL")
    );
    assert_eq!(
        code_of(
            "Russia's foreign ministry summoned him.",
            date,
            "Russia's foreign ministry"
        )
        .as_deref(),
        Some("RUSGOV")
    );
    assert_eq!(
        code_of(
            "Iraqi Kurdish rebels seized the town.",
            date,
            "Iraqi Kurdish rebels"
        )
        .as_deref(),
        Some("IRQREB")
    );
    assert_eq!(
        code_of("He met the president of France.", date, "president").as_deref(),
        Some("FRAGOV")
    );
    assert_eq!(
        code_of("The Kremlin said the Pentagon lied.", date, "Kremlin").as_deref(),
        Some("RUSGOV")
    );
    assert_eq!(
        code_of("The Kremlin said the Pentagon lied.", date, "Pentagon").as_deref(),
        Some("USAMIL")
    );
    assert_eq!(
        code_of("NATO warned Belgrade.", date, "NATO").as_deref(),
        Some("IGOWSTNAT")
    );
    // Roles shared across a coordination.
    let got = actors("Chinese and Russian troops held drills.", date);
    let codes: Vec<&str> = got.iter().map(|(_, c)| c.as_str()).collect();
    assert_eq!(codes, ["CHNMIL", "RUSMIL"]);
    // A country adjective on a non-actor noun is still a mention of the country.
    assert_eq!(
        code_of("Israeli shelling hit the camp.", date, "Israeli").as_deref(),
        Some("ISR")
    );
    // A role alone has no country.
    assert_eq!(
        code_of("Police arrested three men.", date, "Police").as_deref(),
        Some("---COP")
    );
}

#[test]
fn coreference_chain_across_paragraphs() {
    let text = "Nigerian Defence Minister Bello Adamu arrived in Abuja on Monday.\n\n\
                Adamu met army commanders.\n\n\
                Later he said the defence minister would return.";
    let doc = run(text, "2021-03-01");
    let by_text = |t: &str| {
        doc.actors()
            .iter()
            .find(|a| a.span.slice(doc.text()) == t)
            .cloned()
    };
    let surname = by_text("Adamu").expect("surname resolved");
    assert_eq!(
        (surname.code.as_str(), surname.via),
        ("NGAGOV", ActorVia::Coref)
    );
    let he = by_text("he").expect("pronoun resolved");
    assert_eq!(he.code, "NGAGOV");
    assert_eq!(he.antecedent.unwrap().slice(doc.text()), "Adamu");
    let description = by_text("defence minister").expect("description resolved");
    assert_eq!(description.via, ActorVia::Coref);
}

#[test]
fn pronouns_agree_in_gender_and_are_not_their_own_subject() {
    let doc = run(
        "Angela Merkel met Vladimir Putin in Berlin. She said the talks went well.",
        "2015-04-01",
    );
    let she = doc
        .actors()
        .iter()
        .find(|a| a.span.slice(doc.text()) == "She")
        .unwrap();
    assert_eq!(she.code, "DEUGOV");
    let doc = run("Iran seized a tanker. Tehran defended it.", "2019-07-20");
    assert!(
        doc.actors()
            .iter()
            .all(|a| a.span.slice(doc.text()) != "it"),
        "`it` is not Tehran"
    );
    // An unknown person in between blocks the pronoun rather than guessing.
    let doc = run(
        "Vladimir Putin arrived. Then Peter Smithson spoke and he left.",
        "2015-04-01",
    );
    assert!(doc
        .actors()
        .iter()
        .all(|a| a.span.slice(doc.text()) != "he"));
}

#[test]
fn two_leaders_and_korea_context() {
    let doc = run(
        "Vladimir Putin met Xi Jinping in Beijing. The two leaders signed a treaty.",
        "2019-06-05",
    );
    let pair: Vec<&str> = doc
        .actors()
        .iter()
        .filter(|a| a.span.slice(doc.text()) == "two leaders")
        .map(|a| a.code.as_str())
        .collect();
    assert_eq!(pair, ["RUSGOV", "CHNGOV"]);
    let korea = actors(
        "North Korea fired a missile. The South condemned the launch.",
        "2019-06-05",
    );
    assert!(
        korea.contains(&("The South".to_string(), "KOR".to_string())),
        "{korea:?}"
    );
    let other = actors("The South voted for the bill in the Senate.", "2019-06-05");
    assert!(other.iter().all(|(t, _)| t != "The South"), "{other:?}");
}

#[test]
fn ambiguity_stays_unresolved_without_context() {
    let date = "2008-08-10";
    // Georgia the US state: no Georgian context, so no country code.
    assert!(code_of(
        "Georgia's governor signed the bill in Atlanta.",
        date,
        "Georgia"
    )
    .is_none());
    // Georgia the country, by coordination or by other mentions.
    assert_eq!(
        code_of("Russia and Georgia signed a ceasefire.", date, "Georgia").as_deref(),
        Some("GEO")
    );
    assert_eq!(
        code_of("Tbilisi said Georgia would not yield.", date, "Georgia").as_deref(),
        Some("GEO")
    );
    // An unknown person with no title gets no country.
    assert!(actors("Peter Smithson criticised the plan.", date).is_empty());
    // `US` is a country only as written; `us` is a pronoun.
    assert!(actors("They told us to leave.", date).is_empty());
    // A name in odd case is still a name where the tagger reads one; a common
    // noun is not.
    assert_eq!(
        code_of("The minister wants to help iSrael.", date, "iSrael").as_deref(),
        Some("ISR")
    );
    assert!(actors("The turkey was delicious, the minister said.", date)
        .iter()
        .all(|(t, _)| t != "turkey"));
}

#[test]
fn petrarch_dictionaries_load_at_run_time() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("Test.actors.txt"),
        "# test\nARNOR_ [ARN]\n+ARNORIAN_\nTELEMAR_\n\t[ARNGOV >950101]\n\t[ARNELI]\nGONDOR [GON 99x]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("Test.agents.txt"), "BORDER_WARDEN [~MIL]\n").unwrap();
    let config = Config {
        dicts: DictSources {
            builtin: false,
            paths: vec![dir.path().to_path_buf()],
        },
        ..Config::default()
    };
    let p = Pipeline::new(&config).unwrap();
    assert!(
        p.notes().iter().any(|n| n.contains("Test.actors.txt:7")),
        "{:?}",
        p.notes()
    );
    let mut a = RawArticle::from_text("t", "Arnorian border wardens stopped Telemar.");
    a.meta.date = Some("1996-01-01".into());
    let doc = p.process(a);
    let codes: Vec<&str> = doc.actors().iter().map(|a| a.code.as_str()).collect();
    assert_eq!(codes, ["ARNMIL", "ARNGOV"]);
}

#[test]
fn malformed_dictionary_is_an_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roles.txt");
    std::fs::write(&path, "[GOV]\ngovernment\n[bad code]\npolice\n").unwrap();
    let config = Config {
        dicts: DictSources {
            builtin: true,
            paths: vec![path],
        },
        ..Config::default()
    };
    let err = Pipeline::new(&config)
        .err()
        .expect("malformed file rejected")
        .to_string();
    assert!(err.contains("roles.txt:3"), "{err}");
}

#[test]
fn regions_shadow_the_country_names_inside_them() {
    let d = "2021-05-01";
    let text = "Latin American leaders met in Lima. The minister flew on to South America \
                and Central America. Israeli troops entered the West Bank. \
                Western diplomats met in the Middle East.";
    assert_eq!(
        code_of(text, d, "Latin American leaders").as_deref(),
        Some("LAMGOV")
    );
    assert_eq!(code_of(text, d, "South America").as_deref(), Some("SAM"));
    assert_eq!(code_of(text, d, "Central America").as_deref(), Some("LAM"));
    assert_eq!(code_of(text, d, "West Bank").as_deref(), Some("PSE"));
    assert_eq!(
        code_of(text, d, "Western diplomats").as_deref(),
        Some("WSTGOV")
    );
    assert_eq!(code_of(text, d, "Middle East").as_deref(), Some("MEA"));
    assert!(
        actors(text, d)
            .iter()
            .all(|(_, code)| !code.starts_with("USA")),
        "{:?}",
        actors(text, d)
    );
}

#[test]
fn seas_and_straits_named_after_countries_are_places() {
    let d = "2021-05-01";
    let text = "Chinese warships sailed into the South China Sea. Iran patrolled the \
                Gulf of Oman. US ships crossed the Taiwan Strait. Russia and Japan argued \
                over fishing in the Sea of Japan. Taiwan accused China of intimidation.";
    let got = actors(text, d);
    let codes: Vec<&str> = got.iter().map(|(_, c)| c.as_str()).collect();
    assert_eq!(
        codes,
        ["CHNMIL", "IRN", "USA", "RUS", "JPN", "TWN", "CHN"],
        "{got:?}"
    );
}

#[test]
fn a_time_expression_beside_a_name_is_no_part_of_the_mention() {
    let got = actors(
        "The French foreign ministry last July accused Iran of spying. \
         Last week Russian troops entered the town. \
         Officials met the Kenyan delegation on Monday in Rome.",
        "2021-03-01",
    );
    let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
    assert!(texts.contains(&"French foreign ministry"), "{got:?}");
    assert!(texts.contains(&"Russian troops"), "{got:?}");
    assert!(texts.contains(&"Kenyan delegation"), "{got:?}");
    assert!(
        texts
            .iter()
            .all(|t| !t.contains("July") && !t.contains("week")),
        "{got:?}"
    );
}

#[test]
fn built_in_groups_and_places_are_actors() {
    // groups.txt is compiled in: armed groups and movements, with their date ranges.
    let text =
        "Taliban fighters clashed with the army while Hamas and Boko Haram issued statements.";
    let got = actors(text, "2015-06-01");
    assert!(
        got.contains(&("Hamas".into(), "PSEREBHMS".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("Boko Haram".into(), "NGAREBBKH".into())),
        "{got:?}"
    );
    assert_eq!(
        code_of("Daesh seized the town.", "2015-06-01", "Daesh").as_deref(),
        Some("IMGMUSISI")
    );
    // Before the group existed under that name, the name codes nothing.
    assert_eq!(
        code_of("Daesh seized the town.", "2001-06-01", "Daesh"),
        None
    );
    // A group after a country's possessive keeps its own code.
    assert_eq!(
        code_of(
            "Qatar expelled Egypt's Muslim Brotherhood.",
            "2014-09-13",
            "Egypt's Muslim Brotherhood"
        )
        .as_deref(),
        Some("EGYOPPMBR")
    );
    // A group's officials, leaders or fighters act as the group.
    for (text, mention) in [
        ("Hamas officials met Egyptian mediators.", "Hamas officials"),
        (
            "Egypt jailed the leaders of the Muslim Brotherhood.",
            "leaders",
        ),
    ] {
        let got = code_of(text, "2014-09-13", mention);
        assert!(
            matches!(got.as_deref(), Some("PSEREBHMS" | "EGYOPPMBR")),
            "{text}: {got:?}"
        );
    }
    // A role from a country keeps the country's code across adjectives.
    assert_eq!(
        code_of(
            "Dissidents from military-ruled Myanmar spoke.",
            "2014-09-13",
            "Dissidents"
        )
        .as_deref(),
        Some("MMROPP")
    );
    // A city or region codes as its country (a place, not a metonym for the state).
    assert_eq!(
        code_of("Shelling hit Aleppo overnight.", "2015-06-01", "Aleppo").as_deref(),
        Some("SYR")
    );
    assert_eq!(
        code_of("Troops trained in Alaska.", "2015-06-01", "Alaska").as_deref(),
        Some("USA")
    );
    let doc = run("Troops trained in Alaska.", "2015-06-01");
    assert_eq!(doc.actors().last().map(|a| a.kind), Some(ActorKind::Place));
    // A capital is the government acting, except after a locative preposition.
    let kind_of = |text: &str| {
        let doc = run(text, "2015-06-01");
        doc.actors()
            .iter()
            .find(|a| a.span.slice(doc.text()) == "Moscow")
            .map(|a| a.kind)
    };
    assert_eq!(
        kind_of("Moscow condemned the attack."),
        Some(ActorKind::Country)
    );
    assert_eq!(
        kind_of("Ministers met in Moscow on Monday."),
        Some(ActorKind::Place)
    );
    // Not as a subject, nor inside a longer name.
    assert_eq!(
        code_of("Alaska sued the government.", "2015-06-01", "Alaska"),
        None
    );
    let got = actors(
        "Fans of Manchester United met the Bank of Alaska.",
        "2015-06-01",
    );
    assert!(got.iter().all(|(_, c)| c != "USA" && c != "GBR"), "{got:?}");
}
