//! Named entities: persons, organisations, locations and other names.

use std::ops::Range;

use crate::Span;

/// What a named entity names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityLabel {
    /// A person (`Kofi Annan`, `Annan`), without titles.
    Person,
    /// A company, institution, party, government body, team or news organisation.
    Organization,
    /// A country, region, city, river, mountain or other place.
    Location,
    /// Another name: nationalities (`Kenyan`), events, works, products.
    Misc,
}

impl EntityLabel {
    /// Upper-case name used in output (`PERSON`, `ORGANIZATION`, `LOCATION`, `MISC`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityLabel::Person => "PERSON",
            EntityLabel::Organization => "ORGANIZATION",
            EntityLabel::Location => "LOCATION",
            EntityLabel::Misc => "MISC",
        }
    }

    /// The label named by `name` (as [`EntityLabel::as_str`] writes it).
    pub fn from_name(name: &str) -> Option<EntityLabel> {
        Some(match name {
            "PERSON" => EntityLabel::Person,
            "ORGANIZATION" => EntityLabel::Organization,
            "LOCATION" => EntityLabel::Location,
            "MISC" => EntityLabel::Misc,
            _ => return None,
        })
    }
}

/// One named-entity mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// Byte span of the name (without a leading article or a title).
    pub span: Span,
    /// Token indices of the name.
    pub tokens: Range<usize>,
    /// What it names.
    pub label: EntityLabel,
    /// Index into [`crate::Doc::actors`] when the name is (part of) a coded actor mention.
    pub actor: Option<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Doc, Meta, SentenceData, TokenData, TokenKind};

    fn doc() -> Doc {
        // "Ann Lee left. Rome wept."
        let mut d = Doc::new(Meta::with_id("t"), "Ann Lee left. Rome wept.".to_string());
        let tok = |a, b| TokenData {
            span: Span::new(a, b),
            kind: TokenKind::Word,
        };
        let tokens = vec![
            tok(0, 3),
            tok(4, 7),
            tok(8, 12),
            tok(12, 13),
            tok(14, 18),
            tok(19, 23),
            tok(23, 24),
        ];
        let sentences = vec![
            SentenceData {
                span: Span::new(0, 13),
                tokens: 0..4,
            },
            SentenceData {
                span: Span::new(14, 24),
                tokens: 4..7,
            },
        ];
        d.set_segmentation(tokens, sentences).unwrap();
        d
    }

    fn ent(a: usize, b: usize, tokens: Range<usize>, label: EntityLabel) -> Entity {
        Entity {
            span: Span::new(a, b),
            tokens,
            label,
            actor: None,
        }
    }

    #[test]
    fn accepts_sorted_entities_and_labels_round_trip() {
        let mut d = doc();
        d.set_entities(vec![
            ent(14, 18, 4..5, EntityLabel::Location),
            ent(0, 7, 0..2, EntityLabel::Person),
        ])
        .unwrap();
        let e = d.entities();
        assert_eq!(e[0].span.slice(d.text()), "Ann Lee");
        assert_eq!(e[1].label.as_str(), "LOCATION");
        for l in [
            EntityLabel::Person,
            EntityLabel::Organization,
            EntityLabel::Location,
            EntityLabel::Misc,
        ] {
            assert_eq!(EntityLabel::from_name(l.as_str()), Some(l));
        }
    }

    #[test]
    fn rejects_bad_entities() {
        let mut d = doc();
        // Crosses the sentence boundary.
        assert!(d
            .set_entities(vec![ent(8, 18, 2..5, EntityLabel::Misc)])
            .is_err());
        // Span disagrees with tokens.
        assert!(d
            .set_entities(vec![ent(0, 3, 0..2, EntityLabel::Person)])
            .is_err());
        // Overlap.
        assert!(d
            .set_entities(vec![
                ent(0, 7, 0..2, EntityLabel::Person),
                ent(4, 7, 1..2, EntityLabel::Person)
            ])
            .is_err());
        // Out of bounds and dangling actor.
        assert!(d
            .set_entities(vec![ent(0, 3, 0..9, EntityLabel::Person)])
            .is_err());
        let mut e = ent(0, 3, 0..1, EntityLabel::Person);
        e.actor = Some(0);
        assert!(d.set_entities(vec![e]).is_err());
        assert!(d.entities().is_empty());
    }
}
