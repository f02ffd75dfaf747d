//! Amounts: numbers a story reports, with unit, the thing counted and a qualifier.

use crate::Span;

/// One number with what it measures or counts (`some 90% of the budget`,
/// `$2.5 billion in aid`, `three soldiers`).
#[derive(Clone, Debug, PartialEq)]
pub struct Amount {
    /// The whole expression: qualifier, number, scale word and unit.
    pub span: Span,
    /// The numeric value with scale words applied (`2.5 billion` → 2.5e9).
    pub value: f64,
    /// Normalised unit (`USD`, `percent`, `km`), when one is given.
    pub unit: Option<String>,
    /// The noun counted or measured (`soldiers`, `aid`, `range`).
    pub object: Option<Span>,
    /// An approximation or bound (`about`, `more than`, `several`).
    pub qualifier: Option<Span>,
}
