//! Coding over the dependency parse: for every verb (and every event noun after a
//! light verb) with a dictionary pattern, the source is its resolved subject (or
//! passive agent), the target its object or the object of the pattern's
//! preposition; coordination gives one event per pair; modality comes from
//! negation, modals, governing verbs, conditions and questions.

use dyad_doc::{ActorKind, Doc, Event, EventArg, Modality, Token};

use super::petrarch::{self as petr, Mention};
use super::verbs::{head_key, Pattern, Slot, Target, VerbDictionary};
use crate::keys::{FxBuildHasher, FxHashSet};
use crate::syntax::query;
use std::hash::BuildHasher;

/// Governing verbs whose `xcomp` is not a fact: `refused to meet`.
const NEGATING: &[&str] = &[
    "refuse", "fail", "decline", "reject", "deny", "avoid", "stop", "cease", "halt",
];
/// Governing verbs whose `xcomp` is intended, promised or threatened: CAMEO codes
/// these as intents (`plans to impose` → 1312).
const INTENT: &[&str] = &[
    "plan", "intend", "threaten", "vow", "pledge", "promise", "want", "seek", "hope", "aim",
    "agree", "decide", "offer", "propose", "wish", "mean", "resolve",
];
/// Nouns whose infinitive names an intention (`Arnor's plan to attack`).
const INTENT_NOUNS: &[&str] = &[
    "plan",
    "intention",
    "intent",
    "threat",
    "pledge",
    "promise",
    "vow",
    "offer",
    "proposal",
    "bid",
    "attempt",
    "effort",
    "decision",
    "agreement",
    "commitment",
    "readiness",
    "willingness",
    "determination",
    "resolve",
    "aim",
    "goal",
    "plot",
    "scheme",
];
/// Nouns whose infinitive names a request (`calls for Gondor to withdraw`).
const REQUEST_NOUNS: &[&str] = &[
    "call",
    "demand",
    "request",
    "appeal",
    "pressure",
    "order",
    "invitation",
    "ultimatum",
    "permission",
    "authorization",
    "authorisation",
    "mandate",
    "need",
];
/// Governing verbs whose `xcomp` is scheduled or expected, a future tense rather
/// than an intention (`is scheduled to meet`, `is expected to visit`): the event keeps
/// its code and is flagged future, like `will meet`.
const SCHEDULED: &[&str] = &["expect", "prepare", "schedule", "set", "go", "due", "poise"];
/// Governing verbs whose object is asked, pushed or allowed to act (`urged Gondor to
/// attack`, `wants Putin to help`): the action is only wanted, not reported.
const REQUESTING: &[&str] = &[
    "ask",
    "urge",
    "want",
    "call",
    "pressure",
    "pressurize",
    "pressurise",
    "press",
    "push",
    "encourage",
    "invite",
    "tell",
    "order",
    "request",
    "demand",
    "advise",
    "allow",
    "permit",
    "authorize",
    "authorise",
    "need",
    "appeal",
    "beg",
    "implore",
    "lobby",
    "instruct",
    "direct",
    "warn",
    "exhort",
    "prod",
    "challenge",
    "dare",
    "require",
    "oblige",
    "obligate",
];
/// Verbs whose object noun is an event done to the subject by the object of `from`
/// (`received assurances from`, `faces pressure from`, `came under fire from`).
const CONVERSE: &[&str] = &[
    "receive", "get", "face", "draw", "win", "earn", "secure", "obtain", "attract", "come",
];
/// Nouns naming an attack: in "were killed in Arnorian shelling" whoever owns the
/// attack is the passive verb's agent.
const ATTACK_NOUNS: &[&str] = &[
    "attack",
    "strike",
    "airstrike",
    "air-strike",
    "shelling",
    "bombing",
    "bombardment",
    "raid",
    "air-raid",
    "offensive",
    "assault",
    "ambush",
    "crossfire",
    "fire",
    "barrage",
    "onslaught",
    "incursion",
    "operation",
];
/// Prepositions that introduce times, circumstances or agents, never a target.
const NOT_PARTICIPANT: &[&str] = &[
    "during",
    "since",
    "after",
    "before",
    "until",
    "till",
    "throughout",
    "around",
    "within",
    "by",
    "like",
    "as",
    "despite",
    "under",
    "amid",
    "amidst",
    "following",
    "via",
    "per",
    "than",
];
/// Relations that start another clause: pattern words are not looked for inside them.
const CLAUSE_BREAK: &[&str] = &[
    "nsubj",
    "nsubj:pass",
    "csubj",
    "csubj:pass",
    "ccomp",
    "parataxis",
    "conj",
    "acl:relcl",
    "punct",
];

/// Tokens of `v`'s own clause (its subtree minus subjects and other clauses), sorted.
fn clause(v: Token<'_>) -> Vec<usize> {
    let mut out = phrase(
        v.children().filter(|c| !CLAUSE_BREAK.contains(&c.deprel())),
        &["ccomp", "parataxis", "acl:relcl"],
    );
    out.push(v.index());
    out.sort_unstable();
    out
}

/// The tokens under `tops` (included), not descending into relations `stop`.
fn phrase<'d>(tops: impl Iterator<Item = Token<'d>>, stop: &[&str]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack: Vec<Token<'d>> = tops.collect();
    while let Some(t) = stack.pop() {
        out.push(t.index());
        stack.extend(t.children().filter(|c| !stop.contains(&c.deprel())));
    }
    out
}

/// In a passive clause the subject is the verb's object ("Evidence against Mordor
/// was presented by Gondor" is "presented evidence against Mordor"): its phrase is
/// put right after the verb in `region` (the clause's tokens, which then are no
/// longer in text order), where pattern words and targets are looked for.
fn passive_subject_after_verb(v: Token<'_>, region: &mut Vec<usize>) {
    let mut subject = phrase(
        v.children().filter(|c| c.deprel() == "nsubj:pass"),
        &["acl:relcl", "parataxis", "punct"],
    );
    if subject.is_empty() {
        return;
    }
    subject.sort_unstable();
    region.retain(|i| !subject.contains(i));
    let at = region.partition_point(|&i| i <= v.index());
    region.splice(at..at, subject);
}

fn word_matches(t: Token<'_>, w: &str) -> bool {
    // As `t.text().to_lowercase() == w || ... || head_key(t.lemma()) == w`, without
    // allocating (this runs for every pattern word at every position).
    use crate::keys::{head_key_eq, lowercase_eq};
    t.lemma().eq_ignore_ascii_case(w) || lowercase_eq(t.text(), w) || head_key_eq(t.lemma(), w)
}

/// The words of one sentence as [`word_matches`] sees them (lemma and text lower-cased,
/// the lemma's spelling key), hashed: a pattern with a required word missing from
/// the sentence is ruled out without a search.
struct SentenceWords(FxHashSet<u64>);

impl SentenceWords {
    fn of(doc: &Doc, sentence: std::ops::Range<usize>) -> SentenceWords {
        SentenceWords::from_words(sentence.map(|i| {
            let t = doc.token(i);
            (t.text(), t.lemma())
        }))
    }

    /// The words given as `(text, lemma)`.
    fn from_words<'a>(words: impl Iterator<Item = (&'a str, &'a str)>) -> SentenceWords {
        use crate::keys::with_lowercase;
        use crate::syntax::lemma::spelling_key;
        let mut set = FxHashSet::default();
        for (text, lemma) in words {
            with_lowercase(text, |w| set.insert(FxBuildHasher.hash_one(w)));
            with_lowercase(lemma, |l| {
                set.insert(FxBuildHasher.hash_one(l));
                set.insert(FxBuildHasher.hash_one(&*spelling_key(l)));
            });
        }
        SentenceWords(set)
    }

    /// Could some token of the sentence match pattern word `w` (lower case)?
    fn has(&self, w: &str) -> bool {
        self.0.contains(&FxBuildHasher.hash_one(w))
    }

    /// Are all of `p`'s required words in the sentence? PETRARCH patterns, matched by
    /// their own rules, always pass.
    fn could_fit(&self, p: &Pattern) -> bool {
        self.could_fit_words(p)
            && match &p.target {
                Target::Prep(preps) => p.petrarch.is_some() || preps.iter().any(|w| self.has(w)),
                _ => true,
            }
    }

    /// [`SentenceWords::could_fit`] without the target's preposition (a converse
    /// event takes its source from `from` instead).
    fn could_fit_words(&self, p: &Pattern) -> bool {
        if p.petrarch.is_some() {
            return true;
        }
        let slot_fits = |slot: &Slot| slot.iter().any(|alt| alt.iter().all(|w| self.has(w)));
        p.words
            .iter()
            .chain(&p.after)
            .chain(&p.before)
            .all(slot_fits)
    }
}

/// Find `slot` in `region` starting at position `from`; returns the position after it.
fn find_slot(doc: &Doc, region: &[usize], from: usize, slot: &Slot) -> Option<(usize, usize)> {
    for start in from..region.len() {
        for alt in slot {
            let fits = alt.iter().enumerate().all(|(k, w)| {
                region.get(start + k).is_some_and(|&i| {
                    (k == 0 || i == region[start + k - 1] + 1) && word_matches(doc.token(i), w)
                })
            });
            if fits {
                return Some((start, start + alt.len()));
            }
        }
    }
    None
}

/// A pattern matched at a trigger: where its words ended, for the target search.
struct Fit<'p> {
    pattern: &'p Pattern,
    /// Position in the region after the last required word.
    after_words: usize,
    /// Tokens consumed by required words.
    consumed: Vec<usize>,
    /// The pattern itself names a negation before the verb (PETRARCH `didn't *`):
    /// its code already says what the negated event is.
    negation_in_pattern: bool,
    /// PETRARCH patterns: a modal the pattern names (`INDICATED WOULD *`).
    modal_in_pattern: bool,
    /// PETRARCH patterns: actors placed by `$`/`%` and `+`, and where the match began.
    sources: Option<Vec<usize>>,
    targets: Option<Vec<usize>>,
    start: usize,
}

/// A PETRARCH pattern around the verb: words by position and connector.
fn try_petrarch<'p>(
    doc: &Doc,
    p: &'p Pattern,
    petr: &petr::PetrPattern,
    trigger: usize,
    region: &[usize],
    sentence: &std::ops::Range<usize>,
    mentions: &[Mention],
) -> Option<Fit<'p>> {
    let m = petr::match_pattern(doc, petr, trigger, sentence.clone(), mentions)?;
    let is =
        |i: &usize, words: &[&str]| words.contains(&doc.token(*i).text().to_lowercase().as_str());
    let last = m
        .consumed
        .iter()
        .copied()
        .filter(|&i| i > trigger)
        .max()
        .unwrap_or(trigger);
    Some(Fit {
        pattern: p,
        after_words: region
            .iter()
            .position(|&i| i > last)
            .unwrap_or(region.len()),
        negation_in_pattern: m
            .consumed
            .iter()
            .any(|i| is(i, &["not", "n't", "never", "no", "neither", "nor"])),
        modal_in_pattern: m.consumed.iter().any(|i| {
            doc.token(*i).tag() == "MD"
                || is(
                    i,
                    &[
                        "will", "would", "should", "could", "may", "might", "must", "shall", "can",
                        "wo", "ca",
                    ],
                )
        }),
        // Words after the verb anchor its target; words before it do not.
        consumed: m
            .consumed
            .iter()
            .copied()
            .filter(|&i| i > trigger)
            .collect(),
        sources: m.sources,
        targets: m.targets,
        start: m.start,
    })
}

fn try_pattern<'p>(
    doc: &Doc,
    p: &'p Pattern,
    trigger: usize,
    region: &[usize],
    sentence: &std::ops::Range<usize>,
    mentions: &[Mention],
) -> Option<Fit<'p>> {
    if let Some(petr) = &p.petrarch {
        return try_petrarch(doc, p, petr, trigger, region, sentence, mentions);
    }
    let at = region.iter().position(|&i| i == trigger)?;
    let mut pos = at + 1;
    let mut consumed = Vec::new();
    for slot in &p.words {
        let (s, e) = find_slot(doc, region, pos, slot)?;
        consumed.extend_from_slice(&region[s..e]);
        pos = e;
    }
    // A target preposition must be there ("attack on *" needs an "on").
    let mut later = pos;
    if let Target::Prep(preps) = &p.target {
        let slot: Slot = preps.iter().map(|w| vec![w.clone()]).collect();
        later = find_slot(doc, region, pos, &slot)?.1;
    }
    // Words after the target are looked for anywhere later in the clause.
    for slot in &p.after {
        let (_, e) = find_slot(doc, region, later, slot)?;
        later = e;
    }
    let mut negation_in_pattern = false;
    if !p.before.is_empty() {
        let prior: Vec<usize> = (sentence.start..trigger).collect();
        let mut from = 0;
        for slot in &p.before {
            let (s, e) = find_slot(doc, &prior, from, slot)?;
            negation_in_pattern |= prior[s..e].iter().any(|&i| {
                matches!(
                    doc.token(i).text().to_lowercase().as_str(),
                    "not" | "n't" | "never" | "no"
                )
            });
            from = e;
        }
    }
    Some(Fit {
        pattern: p,
        after_words: pos,
        consumed,
        negation_in_pattern,
        modal_in_pattern: false,
        sources: None,
        targets: None,
        start: trigger,
    })
}

/// What pattern matching reads about the sentence being coded.
struct Sentence<'a> {
    doc: &'a Doc,
    dict: &'a VerbDictionary,
    range: std::ops::Range<usize>,
    mentions: &'a [Mention],
    /// Built when the first candidate pattern is tried.
    words: std::cell::OnceCell<SentenceWords>,
}

impl Sentence<'_> {
    fn words(&self) -> &SentenceWords {
        self.words
            .get_or_init(|| SentenceWords::of(self.doc, self.range.clone()))
    }

    /// The most specific pattern among `candidates` that fits at `trigger` in
    /// `region` (first listed wins ties); `object` is the verb's object, for the
    /// dictionary's exclusions.
    fn best<'p>(
        &self,
        candidates: impl IntoIterator<Item = &'p Pattern>,
        trigger: usize,
        region: &[usize],
        object: Option<Token<'_>>,
    ) -> Option<Fit<'p>> {
        // An exclusion names the object as a lemma or as written ("hit sales"); the
        // forms are lower-cased only once a candidate is tried.
        let forms = std::cell::OnceCell::new();
        let excluded = |p: &Pattern| {
            object.is_some_and(|o| {
                forms
                    .get_or_init(|| [o.lemma().to_lowercase(), o.text().to_lowercase()])
                    .iter()
                    .any(|f| self.dict.excluded(&p.code, &p.head, f))
            })
        };
        let mut best: Option<Fit<'p>> = None;
        for p in candidates {
            if !self.words().could_fit(p) || excluded(p) {
                continue;
            }
            let fit = try_pattern(self.doc, p, trigger, region, &self.range, self.mentions);
            if let Some(fit) = fit {
                if best
                    .as_ref()
                    .is_none_or(|b| fit.pattern.specificity() > b.pattern.specificity())
                {
                    best = Some(fit);
                }
            }
        }
        best
    }
}

/// Participles that say where a thing comes from or whose it is, not who acts on it.
const ORIGIN_PARTICIPLES: &[&str] = &[
    "base", "bear", "make", "catch", "grow", "build", "register", "flag", "own",
];

/// Actors for token `t`: a mention covering it, else one among its modifiers
/// (`Gondor's embassy`, `the embassy of Gondor`).
fn actors_for(covering: &[Vec<usize>], t: Token<'_>) -> Vec<usize> {
    if !covering[t.index()].is_empty() {
        return covering[t.index()].clone();
    }
    let mut level = vec![t];
    for _ in 0..2 {
        let next: Vec<Token<'_>> = level
            .iter()
            // "a government-held part of Aleppo": who holds (backs, leads) a thing
            // is not the thing; where it is based, made or owned is
            // ("Dutch-based Philips", "state-owned banks").
            .filter(|x| {
                !(x.deprel() == "amod"
                    && x.tag() == "VBN"
                    && !ORIGIN_PARTICIPLES.contains(&x.lemma().to_lowercase().as_str()))
            })
            .flat_map(|x| x.children())
            .filter(|c| {
                matches!(
                    c.deprel(),
                    "compound" | "amod" | "nmod:poss" | "nmod" | "appos" | "flat" | "obl"
                ) && !c.children().any(|x| {
                    // "a ban on travel to Canada": a destination is not who the
                    // phrase belongs to.
                    x.deprel() == "case"
                        && matches!(
                            x.lemma().to_lowercase().as_str(),
                            "to" | "into" | "toward" | "towards" | "onto"
                        )
                })
            })
            .collect();
        // A modifier that is an actor brings its conjuncts ("foes Gondor and Osgiliath").
        let found: Vec<usize> = next
            .iter()
            .filter(|c| !covering[c.index()].is_empty())
            .flat_map(|&c| query::with_conjuncts(c))
            .flat_map(|c| covering[c.index()].iter().copied())
            .collect();
        if !found.is_empty() {
            let mut found = found;
            found.dedup();
            return found;
        }
        level = next;
    }
    Vec::new()
}

/// Objects of prepositions `preps` (any when `None`) in `region` after position
/// `from`, one group per prepositional phrase with its conjuncts
/// (`with Mordor, Rohan and Bree`). With `preps` given, only the first phrase.
fn prep_objects<'d>(
    doc: &'d Doc,
    region: &[usize],
    from: usize,
    preps: Option<&[String]>,
) -> Vec<Vec<Token<'d>>> {
    let mut out = Vec::new();
    for &i in region.iter().skip(from) {
        let t = doc.token(i);
        if t.deprel() != "case" && t.deprel() != "mark" {
            continue;
        }
        if preps.is_some_and(|ps| !ps.iter().any(|p| word_matches(t, p))) {
            continue;
        }
        if let Some(h) = t.head().filter(|h| h.index() > i) {
            out.push(query::with_conjuncts(h));
            if preps.is_some() {
                break;
            }
        }
    }
    out
}

/// Does the phrase headed by `h` hang on an anchor (the verb, its object, a pattern
/// word), possibly through other noun phrases ("resumption of ties with Gondor"),
/// but not through a time or circumstance phrase or another clause?
fn reaches_anchor(h: Token<'_>, anchors: &[usize]) -> bool {
    let mut t = h;
    for _ in 0..6 {
        let Some(up) = t.head() else { return false };
        if anchors.contains(&up.index()) {
            return true;
        }
        let circumstance = up.children().any(|c| {
            c.deprel() == "case" && NOT_PARTICIPANT.contains(&c.text().to_lowercase().as_str())
        });
        if circumstance
            || matches!(
                up.deprel(),
                "acl" | "acl:relcl" | "advcl" | "ccomp" | "parataxis" | "root"
            )
        {
            return false;
        }
        t = up;
    }
    false
}

/// Sources and targets of a verb-like trigger; targets as candidate lists in order
/// of preference (the first list that holds an actor wins).
struct Args<'d> {
    sources: Vec<Token<'d>>,
    targets: Vec<Vec<Token<'d>>>,
    /// Tokens whose actors are part of the event phrase, not targets.
    event_words: Vec<usize>,
}

/// The subject of `v`, climbing from a subjectless `xcomp`/`advcl`/relative clause.
fn subjects_of(v: Token<'_>) -> Vec<Token<'_>> {
    subjects_within(v, 8)
}

fn subjects_within(v: Token<'_>, depth: usize) -> Vec<Token<'_>> {
    if query::is_passive(v) {
        return match query::agent(v) {
            Some(agent) => query::with_conjuncts(agent),
            // "were killed in Mordor's shelling", "in a Gondorian air strike", "in an
            // attack by Gondor": the attack's owner (its possessor, modifier or `by`
            // phrase, not a place after it) did it.
            None => v
                .children()
                .find(|c| {
                    matches!(c.deprel(), "obl" | "nmod")
                        && ATTACK_NOUNS.contains(&c.lemma().to_lowercase().as_str())
                        && c.children().any(|x| {
                            x.deprel() == "case"
                                && matches!(x.lemma().to_lowercase().as_str(), "in" | "during")
                        })
                })
                .map(|attack| {
                    attack
                        .children()
                        .filter(|m| match m.deprel() {
                            "amod" | "nmod:poss" => true,
                            // "a US drone strike": the name, not the weapon.
                            "compound" => m.tag().starts_with("NNP"),
                            // "an air strike by government forces"
                            "nmod" => m.children().any(|c| {
                                c.deprel() == "case" && c.lemma().eq_ignore_ascii_case("by")
                            }),
                            _ => false,
                        })
                        .collect()
                })
                .unwrap_or_default(),
        };
    }
    let own = query::subjects(v);
    if !own.is_empty() {
        return own;
    }
    let Some(h) = v.head().filter(|_| depth > 0) else {
        return own;
    };
    match v.deprel() {
        // "urged Gondor to attack": the object controls; "agreed to meet": the
        // subject; "Obama is scheduled to attend": the passive subject.
        "xcomp" => {
            let objs = query::objects(h);
            if !objs.is_empty() {
                objs
            } else if query::is_passive(h) {
                query::subjects(h)
            } else {
                subjects_within(h, depth - 1)
            }
        }
        // "jailed a student for helping militants": the object did it.
        "advcl"
            if v.tag() == "VBG"
                && v.children().any(|c| {
                    matches!(c.deprel(), "mark" | "case")
                        && matches!(c.lemma().to_lowercase().as_str(), "for" | "of")
                })
                && !query::objects(h).is_empty() =>
        {
            query::objects(h)
        }
        "advcl" | "conj" => subjects_within(h, depth - 1),
        "acl:relcl" => query::with_conjuncts(h),
        _ => own,
    }
}

fn arguments<'d>(
    doc: &'d Doc,
    covering: &[Vec<usize>],
    fit: &Fit<'_>,
    v: Token<'d>,
    region: &[usize],
    object_of: Token<'d>,
) -> Args<'d> {
    let passive = query::is_passive(v);
    let mut sources = subjects_of(v);
    // "threaten to arrest *": the object of the last verb among the pattern words.
    let object_of = match fit.consumed.last().map(|&i| doc.token(i)) {
        Some(t) if t.tag().starts_with("VB") && object_of.index() == v.index() => t,
        _ => object_of,
    };
    let direct: Vec<Token<'d>> = if passive && object_of.index() == v.index() {
        query::subjects(v)
    } else {
        query::objects(object_of)
    };
    // Not a pattern word, nor a word coordinated with one ("remained mum and X's
    // ambassador said", misparsed as two objects).
    let direct: Vec<Token<'d>> = direct
        .into_iter()
        .filter(|t| {
            let consumed = |x: &Token<'_>| fit.consumed.contains(&x.index());
            !(consumed(t) || (t.deprel() == "conj" && t.head().is_some_and(|h| consumed(&h))))
        })
        .collect();
    let after = fit.after_words.min(region.len());
    let targets = match &fit.pattern.target {
        Target::Object => vec![direct],
        Target::Prep(preps) => prep_objects(doc, region, after, Some(preps)),
        // Not stated: the object, else an actor attached to a pattern word ("summon
        // Israel's ambassador"), else the first prepositional phrase with an actor
        // that hangs on the verb, its object or a pattern word and can name a
        // participant (not a time or circumstance: "after a meeting in Tokyo").
        Target::Any => {
            let mut anchors: Vec<usize> = vec![v.index(), object_of.index()];
            anchors.extend(fit.consumed.iter().copied());
            anchors.extend(direct.iter().map(|t| t.index()));
            let mut lists = vec![direct];
            lists.extend(fit.consumed.iter().map(|&i| vec![doc.token(i)]));
            // Where the act itself happens ("made his remarks in Doha", "met in
            // Zurich") is no participant, except for force, which hits the place.
            // (PETRARCH dictionaries keep PETRARCH's reading: the venue is a target.)
            let keeps_venue = fit.pattern.petrarch.is_some()
                || matches!(
                    crate::events::cameo::root_of(&fit.pattern.code),
                    "15" | "18" | "19" | "20"
                );
            let venue = |h: Token<'_>, prep: &str| {
                !keeps_venue
                    && matches!(prep, "in" | "at" | "near" | "inside" | "outside")
                    && h.head().is_some_and(|up| anchors.contains(&up.index()))
                    && covering[h.index()].iter().any(|&a| {
                        matches!(doc.actors()[a].kind, ActorKind::Place | ActorKind::Country)
                    })
            };
            lists.extend(
                prep_objects(doc, region, after, None)
                    .into_iter()
                    .filter(|group| {
                        let Some(h) = group.first() else { return false };
                        let case = h.children().find(|c| c.deprel() == "case");
                        let prep = case.map(|c| c.text().to_lowercase()).unwrap_or_default();
                        !NOT_PARTICIPANT.contains(&prep.as_str())
                            && !venue(*h, &prep)
                            && reaches_anchor(*h, &anchors)
                    }),
            );
            lists
        }
        Target::Subject => {
            sources = Vec::new();
            vec![query::subjects(v)]
        }
    };
    if let Some(preps) = &fit.pattern.source_prep {
        sources = prep_objects(doc, region, 0, Some(preps))
            .into_iter()
            .flatten()
            .collect();
    }
    // A pattern word that modifies another is part of the event phrase ("conduct
    // military exercises"), never a participant.
    let event_words = fit
        .consumed
        .iter()
        .copied()
        .filter(|&i| {
            let t = doc.token(i);
            matches!(t.deprel(), "amod" | "compound")
                && t.head()
                    .is_some_and(|h| h.index() == v.index() || fit.consumed.contains(&h.index()))
        })
        .collect();
    Args {
        sources,
        targets,
        event_words,
    }
}

/// How an event at verb `v` is reported: whether it is negated, its modality, and
/// whether a governing verb makes it an intention (`plans to`, `vowed to`).
struct Mood {
    negated: bool,
    modality: Modality,
    intended: bool,
}

fn modality(v: Token<'_>, question: bool) -> Mood {
    let mut negated = query::is_negated(v);
    // "No country has recognised ...": a negative determiner on the subject.
    negated |= query::subjects(v).iter().any(|s| {
        s.children()
            .any(|c| c.deprel() == "det" && c.lemma().eq_ignore_ascii_case("no"))
    });
    let mut future = false;
    let mut intended = false;
    let mut possible = false;
    let mut would = false;
    let mut conditional = false;
    let mut main_clause = true;
    let mut cur = v;
    for _ in 0..6 {
        if let Some(m) = query::modal(cur) {
            match m.lemma().to_lowercase().as_str() {
                "will" | "shall" | "'ll" | "wo" => future = true,
                "would" | "'d" => would = true,
                _ => possible = true,
            }
        }
        if cur.children().any(|c| {
            c.deprel() == "mark"
                && matches!(
                    c.lemma().to_lowercase().as_str(),
                    "if" | "unless" | "whether"
                )
        }) {
            conditional = true;
        }
        let Some(h) = cur.head() else { break };
        // An infinitive labelled `advcl` ("has offered to meet") is read as the
        // `xcomp` it usually is.
        let infinitive = cur.deprel() == "advcl"
            && h.tag().starts_with("VB")
            && cur
                .children()
                .any(|c| c.deprel() == "mark" && c.lemma().eq_ignore_ascii_case("to"));
        match if infinitive { "xcomp" } else { cur.deprel() } {
            "xcomp" => {
                let lemma = h.lemma().to_lowercase();
                if NEGATING.contains(&lemma.as_str()) || query::is_negated(h) {
                    negated = true;
                }
                // Someone is asked to act: "urged Gondor to attack", "was pressed to
                // resign", "called on Gondor to withdraw". `want` without an object
                // is the subject's own intention ("wants to help").
                let controlled = !query::objects(h).is_empty() || query::is_passive(h);
                let lemma_is = |list: &[&str]| list.contains(&lemma.as_str());
                if lemma_is(REQUESTING) && (controlled || !lemma_is(INTENT)) {
                    possible = true;
                } else if matches!(lemma.as_str(), "refuse" | "decline" | "reject") {
                    // "refused to meet": a refusal of a proposed action (CAMEO 12x).
                    future = true;
                    intended = true;
                } else if lemma_is(INTENT) {
                    future = true;
                    intended = true;
                } else if lemma_is(SCHEDULED) {
                    future = true;
                }
            }
            // "Arnor's plan to attack", "a call for Gondor to withdraw": a noun
            // naming an intention or a request.
            "acl" if h.tag().starts_with("NN") => {
                let lemma = h.lemma().to_lowercase();
                if INTENT_NOUNS.contains(&lemma.as_str()) {
                    future = true;
                    intended = true;
                } else if REQUEST_NOUNS.contains(&lemma.as_str()) {
                    possible = true;
                }
                break;
            }
            "advcl" | "conj" => {}
            "ccomp" | "parataxis" => {
                // Reported plans are announced intentions: "said it would free
                // the prisoners", "said they will attack".
                if future || would {
                    future = true;
                    intended = true;
                    would = false;
                }
                main_clause = false;
                break;
            }
            _ => break,
        }
        cur = h;
    }
    // "would" outside reported speech: only possible ("Gondor would respond").
    possible |= would;
    let modality = if conditional {
        Modality::Conditional
    } else if question && main_clause {
        Modality::Question
    } else if possible {
        Modality::Possible
    } else if future {
        Modality::Future
    } else {
        Modality::Asserted
    };
    Mood {
        negated,
        modality,
        intended,
    }
}

fn arg(doc: &Doc, actor: Option<usize>, t: Token<'_>) -> EventArg {
    match actor {
        Some(a) => EventArg {
            span: doc.actors()[a].span,
            actor: Some(a),
        },
        None => EventArg {
            span: t.span(),
            actor: None,
        },
    }
}

/// Code every event of `doc` (which must be parsed and have its actors).
pub fn code(doc: &Doc, dict: &VerbDictionary) -> Vec<Event> {
    if !doc.has_syntax() {
        return Vec::new();
    }
    let mut covering: Vec<Vec<usize>> = vec![Vec::new(); doc.token_data().len()];
    for (i, a) in doc.actors().iter().enumerate() {
        for t in a.tokens.clone() {
            covering[t].push(i);
        }
    }
    let mut events = Vec::new();
    // Speech acts derived from reported violence ([`reported`]): kept apart so that
    // the nested-duplicate check does not read them as the act's own pattern.
    let mut reports = Vec::new();
    let discarded = dict.discards().discarded(doc);
    // Mentions never cross a sentence: one sorted list, sliced per sentence.
    let all_mentions = petr::mentions(doc, 0..doc.token_data().len());
    for s in doc.sentences() {
        if discarded[s.index()] {
            continue;
        }
        let range = s.token_range();
        let lo = all_mentions.partition_point(|m| m.tokens.start < range.start);
        let hi = all_mentions.partition_point(|m| m.tokens.start < range.end);
        let mentions = &all_mentions[lo..hi];
        if crate::syntax::unparsed(&s) || !s.tokens().any(|t| t.tag().starts_with("VB")) {
            // A sentence left unparsed (its tags could hold no event), or no verb:
            // nothing to code.
            continue;
        }
        let question = s.text().trim_end().ends_with('?');
        let sentence = Sentence {
            doc,
            dict,
            range: range.clone(),
            mentions,
            words: std::cell::OnceCell::new(),
        };
        for v in s.tokens() {
            if !v.tag().starts_with("VB") {
                continue;
            }
            let lemma = head_key(v.lemma());
            let candidates = dict.verb_candidates(&lemma, v.text());
            let converse = CONVERSE.contains(&lemma.as_str());
            let light = dict.is_light(&lemma);
            if candidates.is_empty() && !converse && !light {
                continue;
            }
            let mut region = clause(v);
            // "has issued arrest warrants for ...", misparsed with `issued`
            // modifying `warrants`: the modified noun's phrase is the verb's too.
            if v.deprel() == "amod" {
                if let Some(h) = v.head().filter(|h| {
                    h.index() > v.index()
                        && h.tag().starts_with("NN")
                        && doc
                            .token(v.index().saturating_sub(1))
                            .lemma()
                            .eq_ignore_ascii_case("have")
                }) {
                    region.extend(clause(h));
                    region.sort_unstable();
                    region.dedup();
                }
            }
            let passive = query::is_passive(v);
            if passive {
                passive_subject_after_verb(v, &mut region);
            }
            let region = region;
            let object = query::objects(v).first().copied();
            let verb_fit = sentence.best(
                candidates.iter().map(|&i| dict.pattern(i)),
                v.index(),
                &region,
                object,
            );
            let mut emit_at = |fit: &Fit<'_>, trigger: Token<'_>, region: &[usize]| {
                emit(
                    doc,
                    &covering,
                    fit,
                    v,
                    trigger,
                    region,
                    s.index(),
                    question,
                    mentions,
                    &mut events,
                    &mut reports,
                );
            };
            // The verb's own pattern, unless the converse reading below codes the
            // sentence ("received assurances from Arnor" is no reception of Arnor).
            let mut conversed = false;
            if converse {
                // "Gondor received assurances from Arnor" is Arnor's assurance to
                // Gondor: the noun's pattern, with the `from` phrase as the source.
                let nouns: Vec<Token<'_>> = query::objects(v)
                    .into_iter()
                    .chain(query::prepositional(v).into_iter().filter_map(|(case, n)| {
                        case.filter(|c| c.lemma().eq_ignore_ascii_case("under"))
                            .map(|_| n)
                    }))
                    .collect();
                // The `from` phrase hangs on the verb or on the noun.
                let from = |t: &usize| {
                    let t = doc.token(*t);
                    t.deprel() == "case"
                        && t.lemma().eq_ignore_ascii_case("from")
                        && t.head().and_then(|p| p.head()).is_some_and(|g| {
                            g.index() == v.index() || nouns.iter().any(|n| n.index() == g.index())
                        })
                };
                if !nouns.is_empty() && region.iter().any(from) {
                    for n in nouns {
                        let converse: Vec<Pattern> = noun_candidates(dict, n)
                            .into_iter()
                            .map(|i| {
                                let mut p = dict.pattern(i).clone();
                                p.target = Target::Subject;
                                p.source_prep = Some(vec!["from".to_string()]);
                                p.text = format!("{} (from the source: {})", p.text, v.lemma());
                                p
                            })
                            .collect();
                        if let Some(fit) = sentence.best(&converse, n.index(), &region, None) {
                            emit_at(&fit, n, &region);
                            conversed = true;
                        }
                    }
                }
            }
            if let Some(fit) = verb_fit.filter(|_| !conversed) {
                emit_at(&fit, v, &region);
            }
            if light {
                // "Arnor imposed sanctions", misparsed with `imposed` modifying
                // `sanctions`: the modified noun is the light verb's object.
                // "Sanctions were imposed on Mordor": the passive subject is the noun.
                let mut nouns = if passive {
                    query::passive_subjects(v)
                } else {
                    query::objects(v)
                };
                if nouns.is_empty() && matches!(v.deprel(), "amod" | "acl") {
                    nouns.extend(v.head().filter(|h| h.tag().starts_with("NN")));
                }
                for n in nouns {
                    // When the noun governs the verb (misparse), search the noun's clause.
                    let region = if region.contains(&n.index()) {
                        region.clone()
                    } else {
                        let mut r = clause(n);
                        r.extend(region.iter().copied());
                        r.sort_unstable();
                        r.dedup();
                        r
                    };
                    let candidates = noun_candidates(dict, n);
                    let fit = sentence.best(
                        candidates.iter().map(|&i| dict.pattern(i)),
                        n.index(),
                        &region,
                        None,
                    );
                    if let Some(fit) = fit {
                        emit_at(&fit, n, &region);
                    }
                }
            }
        }
    }
    let mut events = drop_nested_duplicates(doc, events);
    for r in reports {
        if !events.contains(&r) {
            events.push(r);
        }
    }
    // Stable: each sentence's events stay in the order they were found.
    events.sort_by_key(|e| e.sentence);
    events
}

/// Patterns of event noun `n`, by its lemma and as written (`talks`).
fn noun_candidates(dict: &VerbDictionary, n: Token<'_>) -> Vec<usize> {
    noun_candidates_of(dict, n.lemma(), n.text())
}

/// [`noun_candidates`] of a word given by its lemma and text.
fn noun_candidates_of(dict: &VerbDictionary, lemma: &str, text: &str) -> Vec<usize> {
    let lemma = head_key(lemma);
    let mut candidates = dict.noun_patterns(&lemma).to_vec();
    let written = head_key(text);
    if written != lemma {
        candidates.extend_from_slice(dict.noun_patterns(&written));
    }
    candidates
}

/// Could [`code`] find an event in a sentence given by its words (`forms`), `tags`
/// and `lemmas`, before it is parsed? Only when a word tagged as a verb has a pattern
/// whose required words are all in the sentence, or is a light (or converse) verb and
/// some word has an event-noun pattern whose words are. `code` needs no less (it
/// tries the same candidates, and rules out the same patterns, with the parse), so a
/// sentence this turns down codes nothing.
pub(crate) fn could_code(
    dict: &VerbDictionary,
    forms: &[&str],
    tags: &[&str],
    lemmas: &[String],
) -> bool {
    let words =
        SentenceWords::from_words(forms.iter().copied().zip(lemmas.iter().map(String::as_str)));
    let mut nouns_too = false;
    for ((form, tag), lemma) in forms.iter().zip(tags).zip(lemmas) {
        if !tag.starts_with("VB") {
            continue;
        }
        let lemma = head_key(lemma);
        if dict
            .verb_candidates(&lemma, form)
            .iter()
            .any(|&p| words.could_fit(dict.pattern(p)))
        {
            return true;
        }
        nouns_too |= dict.is_light(&lemma) || CONVERSE.contains(&lemma.as_str());
    }
    nouns_too
        && forms.iter().zip(lemmas).any(|(form, lemma)| {
            noun_candidates_of(dict, lemma, form)
                .iter()
                .any(|&p| words.could_fit_words(dict.pattern(p)))
        })
}

/// "agreed to resume talks with China" fires `agree to resume talks with *`,
/// `resume talks with *` and `talk with *` for one action: keep the event whose
/// trigger governs the others' (the most specific pattern), for the same dyad.
/// "pledged to expel X" fires the bare `pledge to` and `expel *`, which the pledge
/// makes an intent (137): the intent says what was pledged, so the bare promise
/// goes, whatever target it found.
fn drop_nested_duplicates(doc: &Doc, events: Vec<Event>) -> Vec<Event> {
    let side = |a: &Option<EventArg>| {
        a.as_ref().map(|a| match a.actor {
            Some(i) => doc.actors()[i].code.clone(),
            None => a.span.slice(doc.text()).to_string(),
        })
    };
    let governs = |upper: usize, lower: usize| {
        let mut t = doc.token(lower);
        for _ in 0..8 {
            match t.head() {
                Some(h) if h.index() == upper => return true,
                Some(h) => t = h,
                None => return false,
            }
        }
        false
    };
    // Events come in sentence order: compare each only with its sentence's events.
    let mut out = Vec::with_capacity(events.len());
    let mut start = 0;
    while start < events.len() {
        let end = start
            + events[start..]
                .iter()
                .take_while(|e| e.sentence == events[start].sentence)
                .count();
        let group = &events[start..end];
        let intent = |x: &Event| matches!(crate::events::cameo::root_of(&x.code), "03" | "13");
        // The promise, as a pattern that ends in `to`, and the act promised.
        let bare_promise =
            |x: &Event| intent(x) && x.modality == Modality::Asserted && x.rule.ends_with(" to");
        let promised = |x: &Event| intent(x) && x.modality == Modality::Future;
        let kept: Vec<&Event> = group
            .iter()
            .filter(|e| {
                !group.iter().any(|o| {
                    o.trigger != e.trigger
                        && side(&o.source) == side(&e.source)
                        && side(&o.target) == side(&e.target)
                        && governs(o.trigger, e.trigger)
                        && !(bare_promise(o) && promised(e))
                })
            })
            .collect();
        out.extend(
            kept.iter()
                .filter(|e| {
                    !(bare_promise(e)
                        && kept.iter().any(|o| {
                            o.trigger != e.trigger
                                && promised(o)
                                && side(&o.source) == side(&e.source)
                                && governs(e.trigger, o.trigger)
                        }))
                })
                .map(|e| (*e).clone()),
        );
        start = end;
    }
    out
}

/// Actor mentions written as a list with `a`: "Japan and South Korea", "Mordor,
/// Rohan and Bree" (for when the parse does not join them).
fn listed_with(doc: &Doc, a: usize) -> Vec<usize> {
    let actors = doc.actors();
    let sentence = doc.sentence_of(actors[a].head);
    let text_between = |x: usize, y: usize| {
        let (from, to) = (actors[x].tokens.end, actors[y].tokens.start);
        if from > to {
            return None;
        }
        Some(
            (from..to)
                .map(|i| doc.token(i).text().to_lowercase())
                .collect::<Vec<_>>()
                .join(" "),
        )
    };
    let joins = |gap: Option<String>| {
        matches!(
            gap.as_deref(),
            Some("and" | "," | ", and" | "or" | "as well as")
        )
    };
    let mut out = vec![a];
    let same = |i: usize| doc.sentence_of(actors[i].head) == sentence;
    let mut i = a;
    while i + 1 < actors.len() && same(i + 1) && joins(text_between(i, i + 1)) {
        i += 1;
        out.push(i);
    }
    let mut i = a;
    while i > 0 && same(i - 1) && joins(text_between(i - 1, i)) {
        i -= 1;
        out.push(i);
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn emit(
    doc: &Doc,
    covering: &[Vec<usize>],
    fit: &Fit<'_>,
    v: Token<'_>,
    trigger: Token<'_>,
    region: &[usize],
    sentence: usize,
    question: bool,
    mentions: &[Mention],
    out: &mut Vec<Event>,
    reports: &mut Vec<Event>,
) {
    if fit.pattern.code == "---" && fit.pattern.reverse.is_none() {
        return;
    }
    let args = arguments(doc, covering, fit, v, region, trigger);
    let petrarch = fit.pattern.petrarch.is_some();
    let Mood {
        negated,
        mut modality,
        intended,
    } = modality(v, question);
    let negated = negated && !fit.negation_in_pattern;
    if fit.modal_in_pattern && modality == Modality::Possible {
        // The pattern names the modal ("indicated should *"): its code is the event.
        modality = Modality::Asserted;
    }
    // CAMEO codes intended actions as intents and refusals as rejections (PETRARCH
    // dictionaries code what their patterns say).
    let intent = if petrarch {
        None
    } else {
        intent_code(&fit.pattern.code, negated, modality, intended)
    };
    let (code, reverse, negated) = match intent {
        Some(c) => (c.to_string(), None, false),
        None => (
            fit.pattern.code.clone(),
            fit.pattern.reverse.clone(),
            negated,
        ),
    };
    let rule = format!("{} {}", fit.pattern.origin, fit.pattern.text);
    let resolve = |toks: &[Token<'_>]| -> Vec<(Option<usize>, usize)> {
        let mut out: Vec<(Option<usize>, usize)> = Vec::new();
        for &t in toks {
            let actors = actors_for(covering, t);
            if actors.is_empty() {
                out.push((None, t.index()));
            } else {
                for a in actors.into_iter().flat_map(|a| listed_with(doc, a)) {
                    if !out.iter().any(|(x, _)| *x == Some(a)) {
                        out.push((Some(a), doc.actors()[a].head));
                    }
                }
            }
        }
        out
    };
    let placed = |actors: &[usize]| -> Vec<(Option<usize>, usize)> {
        actors
            .iter()
            .map(|&a| (Some(a), doc.actors()[a].head))
            .collect()
    };
    // PETRARCH's passive is a past participle after a form of "be" ("was freed");
    // a parser's passive without one ("have cordoned") is active.
    let not_passive = petrarch && query::is_passive(v) && !petr::is_passive(v);
    let mut sources = match &fit.sources {
        Some(a) => placed(a),
        None if not_passive => resolve(&query::subjects(v)),
        // "the government issue condemned ...": a participle modifying a noun has
        // that noun as its subject.
        None if petrarch && v.deprel() == "acl" && subjects_of(v).is_empty() => {
            resolve(&v.head().into_iter().collect::<Vec<_>>())
        }
        // PETRARCH `+ *` with the target placed before the verb: the source is
        // still the subject (or comes from elsewhere).
        None if petrarch && fit.pattern.target == Target::Subject => resolve(&subjects_of(v)),
        None => resolve(&args.sources),
    };
    if sources.is_empty() && !query::is_passive(v) && fit.pattern.target != Target::Subject {
        // No subject in the parse (often an unknown name mis-tagged as a verb):
        // the actor right before the verb group ("Romendacil didn't clash").
        let start = doc.sentence(sentence).token_range().start;
        for i in (start..v.index()).rev() {
            let t = doc.token(i);
            if !covering[i].is_empty() {
                sources = covering[i].iter().map(|&a| (Some(a), i)).collect();
                break;
            }
            let in_verb_group = t.tag() == "MD"
                || t.tag().starts_with("RB")
                || t.deprel().starts_with("aux")
                || t.lemma() == "not";
            if !in_verb_group {
                break;
            }
        }
    }
    let resolved = |list: &[(Option<usize>, usize)]| list.iter().any(|(a, _)| a.is_some());
    // An actor found by position brings the actors listed with it ("X and Y").
    let placed_with = |a: usize| -> Vec<(Option<usize>, usize)> { placed(&listed_with(doc, a)) };
    let same_code = |x: &[(Option<usize>, usize)], y: &[usize]| {
        x.iter().all(|(a, _)| {
            a.is_some_and(|a| {
                y.iter()
                    .any(|&b| doc.actors()[a].code == doc.actors()[b].code)
            })
        })
    };
    // PETRARCH `+` before the verb names the target; the subject then is that target,
    // and the source stands before the pattern ("X noted + *").
    let target_is_subject = fit
        .targets
        .as_ref()
        .is_some_and(|t| fit.sources.is_none() && resolved(&sources) && same_code(&sources, t));
    if petrarch
        && fit.sources.is_none()
        && (target_is_subject
            || (!resolved(&sources)
                && !petr::is_passive(v)
                && subjects_of(v).iter().all(|t| t.tag().starts_with("PRP"))
                && v.deprel() != "acl"))
    {
        // TABARI/PETRARCH order: the closest actor before the matched pattern, not
        // inside a prepositional phrase.
        let taken = fit.targets.clone().unwrap_or_default();
        sources = mentions
            .iter()
            .rev()
            .filter(|m| m.tokens.end <= fit.start && !taken.contains(&m.actor))
            .find(|m| !petr::in_prepositional_phrase(doc, m))
            .map(|m| placed_with(m.actor))
            .unwrap_or_default();
    }
    let mut targets = match &fit.targets {
        Some(a) => placed(a),
        None if not_passive => Vec::new(),
        None => args
            .targets
            .iter()
            .map(|list| {
                let mut r = resolve(list);
                r.retain(|(a, _)| {
                    a.is_none_or(|a| {
                        !args
                            .event_words
                            .iter()
                            .any(|i| doc.actors()[a].tokens.contains(i))
                    })
                });
                r
            })
            .find(|r| resolved(r))
            .or_else(|| args.targets.first().map(|list| resolve(list)))
            .unwrap_or_default(),
    };
    if petrarch && fit.targets.is_none() {
        // "X halted his march": a target that is the source itself is no target.
        let source_codes: Vec<&str> = sources
            .iter()
            .filter_map(|s| s.0.map(|a| doc.actors()[a].code.as_str()))
            .collect();
        targets.retain(|t| {
            t.0.is_none_or(|a| !source_codes.contains(&doc.actors()[a].code.as_str()))
        });
    }
    if petrarch && fit.targets.is_none() && !resolved(&targets) {
        // The first actor after the verb in its phrase, not in a time clause.
        let taken: Vec<usize> = sources.iter().filter_map(|s| s.0).collect();
        if let Some(a) = petr::first_actor_after(doc, mentions, v.index(), &taken, &fit.consumed) {
            targets = placed_with(a);
        }
    }
    if petrarch {
        // "The lions and Gondor welcomed ...": a conjunct that is no actor is no side.
        if resolved(&sources) {
            sources.retain(|s| s.0.is_some());
        }
        if resolved(&targets) {
            targets.retain(|t| t.0.is_some());
        }
    }
    if !petrarch {
        // A place is where something happens, never who acts.
        for s in &mut sources {
            if s.0
                .is_some_and(|a| doc.actors()[a].kind == ActorKind::Place)
            {
                s.0 = None;
            }
        }
    }
    if !petrarch && !negated && modality == Modality::Asserted {
        let act = Act {
            code: &code,
            rule: &rule,
            sources: &sources,
            targets: &targets,
        };
        reported(doc, covering, v, sentence, &act, reports);
    }
    // "Gondor and Arnor declared themselves neutral": no act toward another side.
    targets.retain(|&(_, at)| !query::is_reflexive(doc.token(at)));
    let code_of = |a: Option<usize>| a.map(|i| doc.actors()[i].code.as_str());
    let mut push_one =
        |s: Option<(Option<usize>, usize)>, t: Option<(Option<usize>, usize)>, code: &str| {
            if let (Some((Some(a), _)), Some((Some(b), _))) = (s, t) {
                if a == b || code_of(Some(a)) == code_of(Some(b)) {
                    return;
                }
            }
            let event = Event {
                sentence,
                trigger: trigger.index(),
                source: s.map(|(a, i)| arg(doc, a, doc.token(i))),
                target: t.map(|(a, i)| arg(doc, a, doc.token(i))),
                code: code.to_string(),
                negated,
                modality,
                rule: rule.clone(),
            };
            if !out.contains(&event) {
                out.push(event);
            }
        };
    let mut push = |s: Option<(Option<usize>, usize)>, t: Option<(Option<usize>, usize)>| {
        if code != "---" {
            push_one(s, t, &code);
        }
        // A paired pattern also codes the target's action toward the source.
        if let (Some(reverse), Some(_), Some(_)) = (&reverse, s, t) {
            push_one(t, s, reverse);
        }
    };
    let resolved_sources: Vec<usize> = sources.iter().filter_map(|s| s.0).collect();
    // Reciprocal actions only (intent, consultation, cooperation, fighting).
    let reciprocal = matches!(
        crate::events::cameo::root_of(&fit.pattern.code),
        "03" | "04" | "05" | "06" | "19"
    );
    if reciprocal && targets.iter().all(|t| t.0.is_none()) && resolved_sources.len() >= 2 {
        // "North and South Korea held talks": each toward the other.
        for &a in &resolved_sources {
            for &b in &resolved_sources {
                if a != b {
                    let ti = doc.actors()[b].head;
                    let si = doc.actors()[a].head;
                    push(Some((Some(a), si)), Some((Some(b), ti)));
                }
            }
        }
        return;
    }
    match (sources.is_empty(), targets.is_empty()) {
        (false, false) => {
            for &s in &sources {
                for &t in &targets {
                    push(Some(s), Some(t));
                }
            }
        }
        (false, true) => sources.iter().for_each(|&s| push(Some(s), None)),
        (true, false) => targets.iter().for_each(|&t| push(None, Some(t))),
        (true, true) => push(None, None),
    }
}

/// One coded act, as [`reported`] reads it: its code, rule and resolved sides
/// (`(actor, token)` pairs).
struct Act<'a> {
    code: &'a str,
    rule: &'a str,
    sources: &'a [(Option<usize>, usize)],
    targets: &'a [(Option<usize>, usize)],
}

/// The verb that reports `v` as someone's assertion: "Gondor said (that) Mordor
/// attacked …" (`v` in its `ccomp`, through conjuncts: "… attacked Rohan and took
/// Edoras") or "Mordor attacked Rohan, Gondor said" (the speech verb hanging on `v`).
fn reporting_verb(v: Token<'_>) -> Option<Token<'_>> {
    let lex = crate::segment::lexicon::SpeechLexicon::builtin();
    let asserting = |t: &Token<'_>| crate::keys::with_lowercase(t.lemma(), |w| lex.is_assertion(w));
    let mut cur = v;
    for _ in 0..4 {
        match cur.deprel() {
            "conj" => cur = cur.head()?,
            "ccomp" => return cur.head().filter(asserting),
            "root" => {
                return cur.children().find(|c| {
                    matches!(c.deprel(), "parataxis" | "ccomp")
                        && c.index() > v.index()
                        && asserting(c)
                        && !query::subjects(*c).is_empty()
                })
            }
            _ => return None,
        }
    }
    None
}

/// Reported violence is also the speaker's statement, after PETRARCH2's
/// transformations: "Gondor said Mordor attacked Rohan" is Gondor's accusation of
/// Mordor (112, beside Mordor → Rohan 190); "Gondor said it had attacked Rohan"
/// (the speaker, or a pronoun, as the attacker) Gondor's claim of responsibility
/// toward Rohan (015). Only for acts of force (roots 18-20), asserted and not denied,
/// and not between parts of one country ("the army said the government shelled
/// …" accuses nobody).
fn reported(
    doc: &Doc,
    covering: &[Vec<usize>],
    v: Token<'_>,
    sentence: usize,
    act: &Act<'_>,
    out: &mut Vec<Event>,
) {
    if !matches!(crate::events::cameo::root_of(act.code), "18" | "19" | "20") {
        return;
    }
    // Only an act with a known victim ("Mordor attacked it" accuses no one); a
    // reflexive names the doer ("Mordor attacked itself").
    if !act
        .targets
        .iter()
        .any(|&(a, at)| a.is_some() || query::is_reflexive(doc.token(at)))
    {
        return;
    }
    let Some(say) = reporting_verb(v) else { return };
    let code = |a: usize| doc.actors()[a].code.as_str();
    let country = |a: usize| {
        let c = code(a);
        Some(c.get(..3).unwrap_or(c)).filter(|c| *c != "---")
    };
    // A misparse may hang two subjects on the speech verb ("Mordor attacked Rohan,
    // Gondor said" with `Rohan` as one): the speaker is the nearer.
    let direct: Vec<Token<'_>> = say.children().filter(|c| c.deprel() == "nsubj").collect();
    let speakers = match direct.as_slice() {
        [.., a, b] if a.index() < say.index() && b.index() < say.index() => {
            query::with_conjuncts(*b)
        }
        _ => subjects_of(say),
    };
    // Sides named by the subject itself, not by a modifier ("Gondor's war killed
    // thousands" accuses no one).
    let speakers: Vec<usize> = speakers
        .into_iter()
        .flat_map(|t| covering[t.index()].iter().copied())
        .collect();
    let doers: Vec<usize> = subjects_of(v)
        .into_iter()
        .flat_map(|t| covering[t.index()].iter().copied())
        .collect();
    let mut push = |speaker: usize, (other, at): (Option<usize>, usize), code: &str, what: &str| {
        let event = Event {
            sentence,
            trigger: say.index(),
            source: Some(arg(
                doc,
                Some(speaker),
                doc.token(doc.actors()[speaker].head),
            )),
            target: Some(arg(doc, other, doc.token(at))),
            code: code.to_string(),
            negated: false,
            modality: Modality::Asserted,
            rule: format!(
                "{} (reported by the source: {}, {what})",
                act.rule,
                say.lemma()
            ),
        };
        if !out.contains(&event) {
            out.push(event);
        }
    };
    for &sp in &speakers {
        for &(attacker, at) in act.sources {
            let own = match attacker {
                Some(a) => code(a) == code(sp),
                None => doc.token(at).tag() == "PRP",
            };
            if own {
                for &t in act
                    .targets
                    .iter()
                    .filter(|t| t.0.is_some_and(|b| code(b) != code(sp)))
                {
                    push(sp, t, "015", "a claim");
                }
            } else if let Some(a) = attacker.filter(|&a| {
                // Someone known, named as the doer, of another country or none.
                doers.contains(&a)
                    && !code(a).starts_with("---")
                    && (country(a).is_none() || country(a) != country(sp))
            }) {
                push(sp, (Some(a), at), "112", "an accusation");
            }
        }
    }
}

/// The CAMEO code for an event that is only intended or refused: "plans to meet" is
/// an intent to meet (036), "plans to attack" a threat of force (138), "will not
/// provide support" a rejection (121). `None` keeps the pattern's code: facts,
/// scheduled events ("will meet", "is due to visit": the code, flagged future) and
/// modalities CAMEO has no code for.
pub fn intent_code(
    code: &str,
    negated: bool,
    modality: Modality,
    intended: bool,
) -> Option<&'static str> {
    let root = crate::events::cameo::root_of(code);
    let announced = matches!(modality, Modality::Future | Modality::Possible);
    if negated && announced {
        return match root {
            "03" | "05" => Some("120"),
            "04" => Some("125"),
            "06" | "07" => Some("121"),
            "08" => Some("124"),
            _ => None,
        };
    }
    if negated || modality != Modality::Future || !intended {
        return None;
    }
    // The intent codes parallel the act codes' subcodes: "will release prisoners"
    // (0841) is an intent to release persons (0353), "will send weapons" (072) an
    // intent to provide military aid (0332).
    let sub = code.as_bytes().get(2).copied();
    Some(match root {
        "04" => "036",
        "05" => "032",
        "06" => match sub {
            Some(b'1') => "0311",
            Some(b'2') => "0312",
            Some(b'3') => "0313",
            Some(b'4') => "0314",
            _ => "031",
        },
        "07" => match sub {
            Some(b'1') => "0331",
            Some(b'2') => "0332",
            Some(b'3') => "0333",
            Some(b'4') => "0334",
            _ => "033",
        },
        "08" => match sub {
            Some(b'1') => "0351",
            Some(b'2') => "0352",
            // Acceding to demands for reform: an intent to institute reform.
            Some(b'3') => match code.as_bytes().get(3) {
                Some(b'1') => "0341",
                Some(b'2') => "0342",
                Some(b'3') => "0343",
                Some(b'4') => "0344",
                _ => "034",
            },
            Some(b'4') => "0353",
            Some(b'5') => "0354",
            Some(b'6') => "0355",
            Some(b'7') => "0356",
            _ => "035",
        },
        "14" => "133",
        "16" => match code {
            "163" => "1312",
            "161" | "164" => "1311",
            _ => "131",
        },
        "17" => "137",
        "18" | "19" => "138",
        "20" => "1383",
        _ => return None,
    })
}
