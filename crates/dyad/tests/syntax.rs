//! The compiled-in syntax model on sentences written for these tests: the
//! constructions the event coder depends on. Outputs are deterministic (the model is
//! fixed), so each assertion pins behaviour a model update must keep.

use dyad::ingest::RawArticle;
use dyad::pipeline::{Config, Pipeline};
use dyad::syntax::query;
use dyad_doc::{Doc, Token};

fn parse(text: &str) -> Doc {
    let pipeline = Pipeline::new(&Config::default()).expect("the compiled-in model loads");
    let doc = pipeline.process(RawArticle::from_text("t", text));
    assert!(doc.has_syntax(), "{:?}", doc.diagnostics);
    doc
}

fn find<'a>(doc: &'a Doc, word: &str) -> Token<'a> {
    doc.tokens()
        .find(|t| t.text() == word)
        .unwrap_or_else(|| panic!("no token {word}"))
}

fn texts<'a>(ts: impl IntoIterator<Item = Token<'a>>) -> Vec<&'a str> {
    ts.into_iter().map(|t| t.text()).collect()
}

#[test]
fn every_sentence_is_one_tree() {
    let doc = parse("Gondor protested. Arnor, its neighbour, denied it and said nothing more.");
    for s in doc.sentences() {
        let roots = s.tokens().filter(|t| t.head().is_none()).count();
        assert_eq!(roots, 1, "{}", s.text());
        for t in s.tokens() {
            assert!(!t.tag().is_empty() && !t.deprel().is_empty() && !t.lemma().is_empty());
            if let Some(h) = t.head() {
                assert!(s.token_range().contains(&h.index()));
            }
        }
    }
}

#[test]
fn passive_voice_with_agent() {
    let doc = parse("The embassy was attacked by protesters on Sunday.");
    let verb = find(&doc, "attacked");
    assert_eq!(verb.lemma(), "attack");
    assert!(query::is_passive(verb));
    assert_eq!(texts(query::subjects(verb)), ["embassy"]);
    assert_eq!(query::agent(verb).map(|t| t.text()), Some("protesters"));
}

#[test]
fn negation_and_modals() {
    let doc = parse("Russia did not attack the convoy.");
    let verb = find(&doc, "attack");
    assert!(query::is_negated(verb));
    assert_eq!(texts(query::subjects(verb)), ["Russia"]);
    assert_eq!(texts(query::objects(verb)), ["convoy"]);

    let doc = parse("The minister will meet his Chinese counterpart next week.");
    let verb = find(&doc, "meet");
    assert_eq!(query::modal(verb).map(|t| t.text()), Some("will"));
    assert!(!query::is_negated(verb));
    assert_eq!(texts(query::objects(verb)), ["counterpart"]);
}

#[test]
fn reported_speech() {
    let doc = parse("The spokesman said that the army had shelled the village.");
    let said = find(&doc, "said");
    let complements = query::clausal_complements(said);
    assert_eq!(texts(complements.clone()), ["shelled"]);
    assert_eq!(texts(query::subjects(said)), ["spokesman"]);
    assert_eq!(texts(query::subjects(complements[0])), ["army"]);
    assert_eq!(texts(query::objects(complements[0])), ["village"]);
}

#[test]
fn coordinated_subjects() {
    let doc = parse("France and Germany signed the agreement with Poland and Italy.");
    let verb = find(&doc, "signed");
    assert_eq!(texts(query::subjects(verb)), ["France", "Germany"]);
    assert_eq!(texts(query::objects(verb)), ["agreement"]);
    let with = query::prepositional(find(&doc, "agreement"));
    assert_eq!(
        with.iter().map(|(_, x)| x.text()).collect::<Vec<_>>(),
        ["Poland", "Italy"]
    );
    assert!(with
        .iter()
        .all(|(p, _)| p.map(|p| p.text()) == Some("with")));
}

#[test]
fn appositives_and_titles_before_names() {
    let doc = parse("Boris Pistorius, the German defence minister, visited the troops.");
    let name = find(&doc, "Boris");
    assert_eq!(texts(query::subjects(find(&doc, "visited"))), ["Boris"]);
    assert_eq!(
        find(&doc, "Pistorius").head().map(|h| h.text()),
        Some("Boris")
    );
    assert_eq!(find(&doc, "minister").deprel(), "appos");
    assert_eq!(
        find(&doc, "minister").head().map(|h| h.index()),
        Some(name.index())
    );

    let doc = parse("US President Donald Trump criticised the decision.");
    let verb = find(&doc, "criticised");
    assert_eq!(verb.lemma(), "criticise");
    assert_eq!(texts(query::subjects(verb)), ["Donald"]);
    assert_eq!(find(&doc, "Trump").head().map(|h| h.text()), Some("Donald"));
    assert_eq!(
        find(&doc, "President").head().map(|h| h.text()),
        Some("Donald")
    );
}

#[test]
fn british_and_american_lemmas_share_a_spelling_key() {
    let uk = parse("The ministry criticised the plan.");
    let us = parse("The ministry criticized the plan.");
    let key = |d: &Doc| {
        dyad::syntax::lemma::spelling_key(find(d, "ministry").head().unwrap().lemma()).into_owned()
    };
    assert_eq!(key(&uk), key(&us));
}

#[test]
fn a_hyphen_inside_a_word_is_a_hyphen_not_a_dash() {
    // The taggers do not see spaces; the treebank tags `-` inside a word `HYPH`,
    // and the parser then reads `government-held` as a modifier of `district`.
    let doc = parse("Rebels shelled a government-held district of the city.");
    let hyphen = find(&doc, "-");
    assert_eq!(hyphen.tag(), "HYPH");
    let district = find(&doc, "district");
    assert_eq!(district.deprel(), "obj");
    assert_eq!(find(&doc, "government").deprel(), "compound");
    assert_eq!(
        find(&doc, "held").head().map(|h| h.text()),
        Some("district")
    );
    // A dash between spaces keeps the model's tag.
    let doc = parse("Rebels shelled the town - and the army fled.");
    assert_ne!(find(&doc, "-").tag(), "HYPH");
}

#[test]
fn a_modal_a_subject_pronoun_and_a_speech_verb_are_followed_by_finite_verbs() {
    // The model reads each of these verbs as an adjective or a participle; the
    // repairs after tagging restore the verb, and the parser then finds its clause.
    let doc = parse("Gondor announced it would free the prisoners.");
    let free = find(&doc, "free");
    assert_eq!((free.tag(), free.deprel()), ("VB", "ccomp"));
    let doc = parse("Mordor said it fired rockets at Gondor.");
    assert_eq!(find(&doc, "fired").tag(), "VBD");
    assert_eq!(find(&doc, "rockets").deprel(), "obj");
    let doc = parse("Rohan said Arnor attacked Gondor.");
    let attacked = find(&doc, "attacked");
    assert_eq!((attacked.tag(), attacked.deprel()), ("VBD", "ccomp"));
    // Where a participle belongs, it stays: an inverted auxiliary, a causative
    // object, a participle before a preposition.
    assert_eq!(parse("Have you heard the news?").token(2).tag(), "VBN");
    assert_eq!(
        find(&parse("They had it fixed quickly."), "fixed").tag(),
        "VBN"
    );
    let doc = parse("Police said two men arrested in the raid were released.");
    assert_eq!(find(&doc, "arrested").tag(), "VBN");
    // `to` before a verb and its object is the infinitive marker, not a preposition.
    let doc = parse("They met to discuss efforts to counter Islamic State militants.");
    assert_eq!(doc.token(5).tag(), "TO");
    assert_eq!(find(&doc, "militants").deprel(), "obj");
    // A sentence's only verb is finite; a headline's passive before a preposition
    // stays a participle.
    let doc = parse("Opponents of Rwanda's Senate protested yesterday in the capital.");
    assert_eq!(find(&doc, "protested").tag(), "VBD");
    let doc = parse("Five soldiers killed in Gondor ambush");
    assert_eq!(find(&doc, "killed").tag(), "VBN");
}

#[test]
fn irregular_verbs_have_their_lemmas() {
    // The treebank's suffix rules read `fought` like `thought` (`fink`); the list of
    // irregular verbs puts it right.
    let doc = parse("Gondor fought Mordor and has slain its king.");
    assert_eq!(find(&doc, "fought").lemma(), "fight");
    let slain = find(&doc, "slain");
    assert_eq!((slain.tag(), slain.lemma()), ("VBN", "slay"));
}

#[test]
fn the_syntax_stage_reports_its_steps() {
    let pipeline = Pipeline::new(&Config::default()).expect("the compiled-in model loads");
    pipeline.process(RawArticle::from_text(
        "t",
        "Gondor protested. Arnor denied it.",
    ));
    let steps = pipeline.step_times();
    let names: Vec<(&str, &str)> = steps.iter().map(|&(c, s, _)| (c, s)).collect();
    assert_eq!(
        names,
        [
            ("syntax", "hints"),
            ("syntax", "tagging"),
            ("syntax", "gate"),
            ("syntax", "parsing")
        ]
    );
    assert!(steps[1].2 > 0.0 && steps[3].2 > 0.0, "{steps:?}");
}

#[test]
fn a_sentence_the_gate_turns_down_keeps_its_tags_but_counts_as_unparsed() {
    use dyad::syntax::{unparsed, Parse, ParseHints, Syntax};
    let text = "Gondor protested. Arnor denied it.";
    let syntax = Syntax::builtin().expect("the compiled-in model loads");
    let with = |parse: Parse| {
        let pipeline = Pipeline::basic(&Config::default()).with(Box::new(parse));
        pipeline.process(RawArticle::from_text("t", text))
    };
    // Parsed in full.
    let full = with(Parse::new(syntax));
    assert!(full.sentences().all(|s| !unparsed(&s)));
    // The first sentence only chosen, then turned down once tagged.
    let hints = |_: &Doc| ParseHints {
        select: vec![true, false],
        proper: Vec::new(),
    };
    let gated = with(Parse::with_hints(syntax, Box::new(hints)).gated(Box::new(|_| false)));
    let first = gated.sentence(0);
    assert!(first.tokens().all(|t| !t.tag().is_empty()));
    assert!(unparsed(&first));
    assert!(unparsed(&gated.sentence(1)));
    // The coder codes the parsed text (sides unresolved: no actor stage ran), and
    // nothing in sentences left unparsed.
    let verbs = dyad::events::VerbDictionary::builtin();
    assert!(!dyad::events::coder::code(&full, &verbs).is_empty());
    assert!(dyad::events::coder::code(&gated, &verbs).is_empty());
}
