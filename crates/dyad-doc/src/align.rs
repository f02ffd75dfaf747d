//! Map from cleaned-text offsets back to raw-input offsets.
//!
//! The cleaner copies most bytes unchanged and rewrites a few (entities, spaces,
//! dropped lines). It records each piece it emits; the resulting [`Alignment`] maps
//! any cleaned offset to the raw offset it came from, monotonically.

use crate::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    clean: usize,
    raw: usize,
    raw_len: usize,
    /// The cleaned bytes equal the raw bytes (so offsets inside map one to one).
    same: bool,
}

/// Monotone map from cleaned offsets to raw offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alignment {
    pieces: Vec<Piece>,
    clean_len: usize,
}

impl Alignment {
    /// The map for text that was not changed.
    pub fn identity(len: usize) -> Alignment {
        Alignment {
            pieces: vec![Piece {
                clean: 0,
                raw: 0,
                raw_len: len,
                same: true,
            }],
            clean_len: len,
        }
    }

    /// Raw offset of cleaned offset `x`. Inside a rewritten piece, offsets map to the
    /// piece's raw start; at the very end, to the end of the last piece.
    pub fn to_raw(&self, x: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|p| p.clean <= x)
            .saturating_sub(1);
        let Some(p) = self.pieces.get(i) else {
            return 0;
        };
        let delta = x - p.clean.min(x);
        if p.same {
            p.raw + delta.min(p.raw_len)
        } else if x >= self.clean_len || delta > 0 && self.next_clean(i) <= x {
            p.raw + p.raw_len
        } else {
            p.raw
        }
    }

    fn next_clean(&self, i: usize) -> usize {
        self.pieces.get(i + 1).map_or(self.clean_len, |p| p.clean)
    }

    /// Raw span of a cleaned span: the start maps forwards, the end to the end of the
    /// raw piece it falls in, so the raw span always covers the source of the text.
    pub fn to_raw_span(&self, span: Span) -> Span {
        let start = self.to_raw(span.start);
        let end = if span.end == span.start {
            start
        } else {
            let i = self
                .pieces
                .partition_point(|p| p.clean < span.end)
                .saturating_sub(1);
            let p = self.pieces[i];
            if p.same {
                p.raw + (span.end - p.clean).min(p.raw_len)
            } else {
                p.raw + p.raw_len
            }
        };
        Span::new(start, end.max(start))
    }
}

/// Builds an [`Alignment`] while cleaned text is emitted.
#[derive(Debug, Default)]
pub struct AlignmentBuilder {
    pieces: Vec<Piece>,
    clean_len: usize,
}

impl AlignmentBuilder {
    /// An empty builder.
    pub fn new() -> AlignmentBuilder {
        AlignmentBuilder::default()
    }

    /// `len` bytes copied unchanged from raw offset `raw`.
    pub fn same(&mut self, raw: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.pieces.last_mut() {
            if last.same
                && last.raw + last.raw_len == raw
                && last.clean + last.raw_len == self.clean_len
            {
                last.raw_len += len;
                self.clean_len += len;
                return;
            }
        }
        self.pieces.push(Piece {
            clean: self.clean_len,
            raw,
            raw_len: len,
            same: true,
        });
        self.clean_len += len;
    }

    /// `clean_len` bytes emitted in place of the raw bytes `raw..raw + raw_len`
    /// (`clean_len` may be 0 for a deletion).
    pub fn changed(&mut self, raw: usize, raw_len: usize, clean_len: usize) {
        self.pieces.push(Piece {
            clean: self.clean_len,
            raw,
            raw_len,
            same: false,
        });
        self.clean_len += clean_len;
    }

    /// Replace everything emitted from cleaned offset `clean_start` on by one rewritten
    /// piece: `clean_len` bytes standing for the raw bytes `raw..raw + raw_len`.
    pub fn rewrite_from(
        &mut self,
        clean_start: usize,
        raw: usize,
        raw_len: usize,
        clean_len: usize,
    ) {
        while let Some(last) = self.pieces.last_mut() {
            if last.clean >= clean_start {
                self.pieces.pop();
            } else {
                if last.same && last.clean + last.raw_len > clean_start {
                    last.raw_len = clean_start - last.clean;
                }
                break;
            }
        }
        self.clean_len = clean_start;
        self.changed(raw, raw_len, clean_len);
    }

    /// Length of the cleaned text described so far.
    pub fn clean_len(&self) -> usize {
        self.clean_len
    }

    /// The finished map.
    pub fn finish(self) -> Alignment {
        let mut pieces = self.pieces;
        if pieces.is_empty() {
            pieces.push(Piece {
                clean: 0,
                raw: 0,
                raw_len: 0,
                same: true,
            });
        }
        // Deletions share their clean offset with the next piece: keep the later one
        // so lookups land on the piece that actually produced text.
        pieces.dedup_by(|later, earlier| {
            if earlier.clean == later.clean && !earlier.same {
                *earlier = *later;
                true
            } else {
                false
            }
        });
        Alignment {
            pieces,
            clean_len: self.clean_len,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_to_itself() {
        let a = Alignment::identity(10);
        assert_eq!(a.to_raw(0), 0);
        assert_eq!(a.to_raw(7), 7);
        assert_eq!(a.to_raw_span(Span::new(2, 5)), Span::new(2, 5));
    }

    #[test]
    fn maps_through_replacements_and_deletions() {
        // raw:   "A &amp; B\n\nXX\nC"  clean: "A & B\n\nC" (line "XX" dropped)
        let raw = "A &amp; B\n\nXX\nC";
        let mut b = AlignmentBuilder::new();
        b.same(0, 2); // "A "
        b.changed(2, 5, 1); // "&amp;" -> "&"
        b.same(7, 4); // " B\n\n"
        b.changed(11, 3, 0); // "XX\n" dropped
        b.same(14, 1); // "C"
        let a = b.finish();
        let clean = "A & B\n\nC";
        assert_eq!(a.to_raw(0), 0);
        assert_eq!(a.to_raw(2), 2);
        assert_eq!(a.to_raw(3), 7);
        assert_eq!(a.to_raw(4), 8);
        let c = clean.find('C').unwrap();
        assert_eq!(&raw[a.to_raw(c)..a.to_raw(c) + 1], "C");
        assert_eq!(a.to_raw_span(Span::new(2, 3)), Span::new(2, 7));
        assert_eq!(
            a.to_raw_span(Span::new(0, clean.len())),
            Span::new(0, raw.len())
        );
    }
}
