//! Questions the event coder asks of a parsed sentence, answered from UD relations.
//!
//! All functions take a [`Token`] view of a parsed `Doc` and return tokens of the same
//! document; on an unparsed `Doc` they find nothing.

use dyad_doc::Token;

fn children_with<'a>(t: Token<'a>, rels: &'a [&'a str]) -> impl Iterator<Item = Token<'a>> + 'a {
    t.children().filter(move |c| rels.contains(&c.deprel()))
}

/// `t` and the words coordinated with it (`Gondor and Arnor` → both).
pub fn with_conjuncts(t: Token<'_>) -> Vec<Token<'_>> {
    let mut out = vec![t];
    let mut i = 0;
    while i < out.len() {
        let next: Vec<Token<'_>> = children_with(out[i], &["conj"]).collect();
        out.extend(next);
        i += 1;
    }
    out.sort_by_key(|t| t.index());
    out
}

/// The verb (or predicate) a coordinated verb shares its arguments with:
/// in `X attacked and seized Y`, `seized` borrows from `attacked`.
fn coordination_head(verb: Token<'_>) -> Option<Token<'_>> {
    (verb.deprel() == "conj").then(|| verb.head()).flatten()
}

/// Subjects of `verb` (active or passive), with their conjuncts; a coordinated verb
/// without its own subject takes the first conjunct's.
pub fn subjects(verb: Token<'_>) -> Vec<Token<'_>> {
    const SUBJ: &[&str] = &["nsubj", "nsubj:pass", "csubj", "csubj:pass", "nsubj:outer"];
    let own: Vec<Token<'_>> = children_with(verb, SUBJ).flat_map(with_conjuncts).collect();
    if own.is_empty() {
        if let Some(h) = coordination_head(verb) {
            return subjects(h);
        }
    }
    own
}

/// The passive subjects of `verb` (`nsubj:pass`), with their conjuncts: the logical
/// objects of a passive ("Sanctions were imposed").
pub fn passive_subjects(verb: Token<'_>) -> Vec<Token<'_>> {
    children_with(verb, &["nsubj:pass"])
        .flat_map(with_conjuncts)
        .collect()
}

/// Direct and indirect objects of `verb`, with their conjuncts.
pub fn objects(verb: Token<'_>) -> Vec<Token<'_>> {
    children_with(verb, &["obj", "iobj"])
        .flat_map(with_conjuncts)
        .collect()
}

/// Prepositional dependents of `word` (`obl`, `nmod`) with their preposition:
/// `talks with Arnor` → `(with, Arnor)`.
pub fn prepositional<'a>(word: Token<'a>) -> Vec<(Option<Token<'a>>, Token<'a>)> {
    word.children()
        .filter(|c| c.deprel().starts_with("obl") || c.deprel().starts_with("nmod"))
        .filter(|c| c.deprel() != "nmod:poss")
        .flat_map(|c| {
            let case = c.children().find(|x| x.deprel() == "case");
            with_conjuncts(c).into_iter().map(move |x| (case, x))
        })
        .collect()
}

/// A reflexive pronoun (`itself`, `themselves`): it names its own verb's subject.
pub fn is_reflexive(t: Token<'_>) -> bool {
    let text = t.text().to_lowercase();
    t.tag() == "PRP" && (text.ends_with("self") || text.ends_with("selves"))
}

/// Whether `verb` is negated (`did not attack`, `never met`, `didn't`).
pub fn is_negated(verb: Token<'_>) -> bool {
    verb.children().any(|c| {
        (c.deprel() == "advmod" || c.deprel() == "neg" || c.deprel() == "aux")
            && matches!(
                c.lemma().to_lowercase().as_str(),
                "not" | "n't" | "never" | "no"
            )
    })
}

/// Auxiliaries of `verb` in order (`will`, `have`, `been`).
pub fn auxiliaries(verb: Token<'_>) -> Vec<Token<'_>> {
    children_with(verb, &["aux", "aux:pass"]).collect()
}

/// The modal auxiliary of `verb`, if any (`will`, `would`, `may`, `could`, ...).
pub fn modal(verb: Token<'_>) -> Option<Token<'_>> {
    auxiliaries(verb).into_iter().find(|a| a.tag() == "MD")
}

/// Whether `verb` is in the passive voice: a passive auxiliary, or a passive subject
/// with neither an object nor a perfect `have` (a labelling slip such as `the court
/// has jailed a student` with `court` as `nsubj:pass` stays active).
pub fn is_passive(verb: Token<'_>) -> bool {
    let mut subject = false;
    let mut active = false;
    for c in verb.children() {
        match c.deprel() {
            "aux:pass" => return true,
            "nsubj:pass" | "csubj:pass" => subject = true,
            "obj" => active = true,
            "aux" if c.lemma().eq_ignore_ascii_case("have") => active = true,
            _ => {}
        }
    }
    subject && !active
}

/// The agent of a passive verb: `was attacked by Arnor` → `Arnor`.
pub fn agent(verb: Token<'_>) -> Option<Token<'_>> {
    if !is_passive(verb) {
        return None;
    }
    verb.children().find(|c| {
        c.deprel() == "obl:agent"
            || (c.deprel().starts_with("obl")
                && c.children()
                    .any(|x| x.deprel() == "case" && x.lemma().eq_ignore_ascii_case("by")))
    })
}

/// Clausal complements (`said that ...`, `accused X of ...` clauses) and reported
/// speech attached as parataxis.
pub fn clausal_complements(verb: Token<'_>) -> Vec<Token<'_>> {
    children_with(verb, &["ccomp", "xcomp", "parataxis"]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_doc::{Doc, Meta, SentenceData, Span, TokenData, TokenKind, TokenSyntax};

    /// Build a parsed one-sentence doc from `(word, tag, lemma, head, deprel)` rows,
    /// heads 1-based with 0 for the root, as in CoNLL-U.
    fn doc(rows: &[(&str, &'static str, &str, usize, &'static str)]) -> Doc {
        let text = rows.iter().map(|r| r.0).collect::<Vec<_>>().join(" ");
        let mut d = Doc::new(Meta::with_id("q"), text);
        let mut tokens = Vec::new();
        let mut at = 0;
        for r in rows {
            tokens.push(TokenData {
                span: Span::new(at, at + r.0.len()),
                kind: TokenKind::Word,
            });
            at += r.0.len() + 1;
        }
        let end = tokens.last().map_or(0, |t| t.span.end);
        let n = tokens.len();
        d.set_segmentation(
            tokens,
            vec![SentenceData {
                span: Span::new(0, end),
                tokens: 0..n,
            }],
        )
        .unwrap();
        d.set_syntax(
            rows.iter()
                .map(|r| TokenSyntax {
                    tag: r.1,
                    upos: "",
                    lemma: r.2.to_string(),
                    head: r.3.checked_sub(1),
                    deprel: r.4,
                })
                .collect(),
        )
        .unwrap();
        d
    }

    fn texts(ts: Vec<Token<'_>>) -> Vec<&str> {
        ts.iter().map(|t| t.text()).collect()
    }

    #[test]
    fn coordinated_subjects_and_objects() {
        // Gondor and Arnor attacked Rohan and Harad
        let d = doc(&[
            ("Gondor", "NNP", "Gondor", 4, "nsubj"),
            ("and", "CC", "and", 3, "cc"),
            ("Arnor", "NNP", "Arnor", 1, "conj"),
            ("attacked", "VBD", "attack", 0, "root"),
            ("Rohan", "NNP", "Rohan", 4, "obj"),
            ("and", "CC", "and", 7, "cc"),
            ("Harad", "NNP", "Harad", 5, "conj"),
        ]);
        let v = d.token(3);
        assert_eq!(texts(subjects(v)), ["Gondor", "Arnor"]);
        assert_eq!(texts(objects(v)), ["Rohan", "Harad"]);
        assert!(!is_negated(v) && !is_passive(v));
    }

    #[test]
    fn passive_agent_negation_modal() {
        // Rohan was not attacked by Gondor
        let d = doc(&[
            ("Rohan", "NNP", "Rohan", 4, "nsubj:pass"),
            ("was", "VBD", "be", 4, "aux:pass"),
            ("not", "RB", "not", 4, "advmod"),
            ("attacked", "VBN", "attack", 0, "root"),
            ("by", "IN", "by", 6, "case"),
            ("Gondor", "NNP", "Gondor", 4, "obl:agent"),
        ]);
        let v = d.token(3);
        assert!(is_passive(v) && is_negated(v));
        // The court has jailed a student (`court` mislabelled as a passive subject)
        let d = doc(&[
            ("court", "NN", "court", 3, "nsubj:pass"),
            ("has", "VBZ", "have", 3, "aux"),
            ("jailed", "VBN", "jail", 0, "root"),
            ("student", "NN", "student", 3, "obj"),
        ]);
        assert!(!is_passive(d.token(2)));
        assert!(agent(d.token(2)).is_none());
        assert_eq!(agent(v).map(|t| t.text()), Some("Gondor"));
        // Arnor will meet with Gondor
        let d = doc(&[
            ("Arnor", "NNP", "Arnor", 3, "nsubj"),
            ("will", "MD", "will", 3, "aux"),
            ("meet", "VB", "meet", 0, "root"),
            ("with", "IN", "with", 5, "case"),
            ("Gondor", "NNP", "Gondor", 3, "obl"),
        ]);
        let v = d.token(2);
        assert_eq!(modal(v).map(|t| t.text()), Some("will"));
        let p = prepositional(v);
        assert_eq!(p.len(), 1);
        assert_eq!(
            (p[0].0.map(|t| t.text()), p[0].1.text()),
            (Some("with"), "Gondor")
        );
    }

    #[test]
    fn coordinated_verbs_share_the_subject_and_speech_complements() {
        // Gondor said Arnor attacked and seized Rohan
        let d = doc(&[
            ("Gondor", "NNP", "Gondor", 2, "nsubj"),
            ("said", "VBD", "say", 0, "root"),
            ("Arnor", "NNP", "Arnor", 4, "nsubj"),
            ("attacked", "VBD", "attack", 2, "ccomp"),
            ("and", "CC", "and", 6, "cc"),
            ("seized", "VBD", "seize", 4, "conj"),
            ("Rohan", "NNP", "Rohan", 6, "obj"),
        ]);
        assert_eq!(texts(clausal_complements(d.token(1))), ["attacked"]);
        assert_eq!(texts(subjects(d.token(5))), ["Arnor"]);
        assert_eq!(texts(objects(d.token(5))), ["Rohan"]);
    }
}
