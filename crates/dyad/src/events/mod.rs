//! Event coding: the CAMEO event-code table ([`cameo`]) with Goldstein scores, quad
//! classes and PLOVER categories.

pub mod cameo;
