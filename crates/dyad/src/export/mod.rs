//! Export: wire formats built from a [`dyad_doc::Doc`] or from the store, at the edge.
//!
//! Internal types carry no serde derives; each output format has its own record type
//! here, so changing the `Doc` never silently changes an output.

pub mod events;
pub mod gdelt;
pub mod gkg;
pub mod json;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod plover;
