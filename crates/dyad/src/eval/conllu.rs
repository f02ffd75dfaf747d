//! A streaming reader for [CoNLL-U](https://universaldependencies.org/format.html), the
//! Universal Dependencies file format.
//!
//! A file is a sequence of sentence blocks separated by blank lines. Each block has
//! comment lines (`# key = value`) followed by one line per token with 10 tab-separated
//! columns: `ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC`. The ID is either
//!
//! * an integer `i` — a syntactic **word** (what gets a tag and a head), kept in
//!   [`ConlluSentence::words`];
//! * a range `a-b` — a **multiword token**: one surface token such as `don't` that is
//!   split into the words `a..=b` (`do`, `n't`), kept in [`ConlluSentence::multiword`];
//! * a decimal `i.j` — an **empty node** of the enhanced graph, kept apart in
//!   [`ConlluSentence::empty_nodes`] and never part of `words`.
//!
//! All columns are kept as the strings in the file (`_` stays `_`) except IDs and HEAD,
//! which are parsed. [`misc_value`] and [`space_after`] read `Key=Value|...` lists.
//!
//! [`read`] turns any [`BufRead`] into an iterator of
//! `Result<ConlluSentence, ConlluError>`; [`open`] does the same for a file, decompressing
//! `.zst` on the fly. The reader never panics: a malformed line makes its whole
//! sentence an `Err` carrying the 1-based line number and the reason, and reading goes
//! on with the next sentence (an I/O error ends the iteration).

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

/// A syntactic word: an integer-ID line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// 1-based position in the sentence.
    pub id: usize,
    /// Word form as it is annotated (for a word inside a multiword token, the
    /// syntactic form such as `n't`, not the surface text).
    pub form: String,
    /// Lemma (`_` when unannotated).
    pub lemma: String,
    /// Universal part-of-speech tag.
    pub upos: String,
    /// Language-specific tag (Penn Treebank in English treebanks).
    pub xpos: String,
    /// Morphological features, `Key=Value|...` or `_`.
    pub feats: String,
    /// Head word ID; 0 for the root.
    pub head: usize,
    /// Basic dependency relation to the head.
    pub deprel: String,
    /// Enhanced dependency graph, `head:rel|...` or `_`.
    pub deps: String,
    /// Everything else, `Key=Value|...` or `_` (for example `SpaceAfter=No`).
    pub misc: String,
}

impl Word {
    /// Whether the word is followed by a space ([`space_after`] of its MISC). Inside a
    /// multiword token the token's own MISC is what counts (see [`Surface::space_after`]).
    pub fn space_after(&self) -> bool {
        space_after(&self.misc)
    }
}

/// A multiword token: a range line such as `3-4 don't`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MultiwordToken {
    /// First word ID covered.
    pub first: usize,
    /// Last word ID covered (inclusive).
    pub last: usize,
    /// Surface form as it appears in the text.
    pub form: String,
    /// MISC column (`SpaceAfter=No` lives here for the whole token).
    pub misc: String,
}

impl MultiwordToken {
    /// Whether the token is followed by a space.
    pub fn space_after(&self) -> bool {
        space_after(&self.misc)
    }
}

/// An empty node of the enhanced graph (`8.1`). Has no HEAD or DEPREL of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmptyNode {
    /// The word it follows (0 when it comes before the first word).
    pub after: usize,
    /// The part after the dot, from 1.
    pub index: usize,
    /// Form.
    pub form: String,
    /// Lemma.
    pub lemma: String,
    /// Universal part-of-speech tag.
    pub upos: String,
    /// Language-specific tag.
    pub xpos: String,
    /// Morphological features.
    pub feats: String,
    /// Enhanced dependencies.
    pub deps: String,
    /// MISC column.
    pub misc: String,
}

/// One sentence block.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConlluSentence {
    /// 1-based line of the block's first line.
    pub line: usize,
    /// `# sent_id = ...`.
    pub sent_id: Option<String>,
    /// `# text = ...`, trimmed.
    pub text: Option<String>,
    /// A `# newdoc` comment starts a new document here.
    pub newdoc: bool,
    /// The id of `# newdoc id = ...`, when given.
    pub doc_id: Option<String>,
    /// A `# newpar` comment starts a new paragraph here.
    pub newpar: bool,
    /// The id of `# newpar id = ...`, when given.
    pub par_id: Option<String>,
    /// Every other comment line, without the leading `#` and surrounding spaces
    /// (for example `s_type = frag`).
    pub comments: Vec<String>,
    /// Syntactic words; `words[i].id == i + 1`.
    pub words: Vec<Word>,
    /// Multiword tokens in order.
    pub multiword: Vec<MultiwordToken>,
    /// Empty nodes in order.
    pub empty_nodes: Vec<EmptyNode>,
}

/// A surface token: a multiword token with the words it covers, or a plain word.
#[derive(Clone, Copy, Debug)]
pub struct Surface<'a> {
    /// The multiword token, when this is one.
    pub multiword: Option<&'a MultiwordToken>,
    /// The words covered (one for a plain word).
    pub words: &'a [Word],
}

impl<'a> Surface<'a> {
    /// The surface form.
    pub fn form(&self) -> &'a str {
        match self.multiword {
            Some(m) => &m.form,
            None => &self.words[0].form,
        }
    }

    /// Whether a space follows: `SpaceAfter=No` on the multiword line, or on a plain
    /// word (or, leniently, on the last word of a multiword token), means no.
    pub fn space_after(&self) -> bool {
        let last_word = !matches!(self.words.last(), Some(w) if !w.space_after());
        match self.multiword {
            Some(m) => m.space_after() && last_word,
            None => last_word,
        }
    }
}

impl ConlluSentence {
    /// The surface tokens in order: each multiword token once, then the words that no
    /// multiword token covers.
    pub fn surface_tokens(&self) -> Vec<Surface<'_>> {
        let mut out = Vec::with_capacity(self.words.len());
        let mut mwt = self.multiword.iter().peekable();
        let mut i = 0;
        while i < self.words.len() {
            let id = i + 1;
            match mwt.peek() {
                Some(m) if m.first == id => {
                    let last = m.last.min(self.words.len());
                    out.push(Surface {
                        multiword: Some(m),
                        words: &self.words[i..last],
                    });
                    mwt.next();
                    i = last.max(i + 1);
                }
                _ => {
                    out.push(Surface {
                        multiword: None,
                        words: &self.words[i..i + 1],
                    });
                    i += 1;
                }
            }
        }
        out
    }

    /// The sentence text rebuilt from surface forms and `SpaceAfter=No` (no trailing
    /// space). Equals [`ConlluSentence::text`] in well-formed treebanks.
    pub fn reconstruct_text(&self) -> String {
        let mut s = String::new();
        let tokens = self.surface_tokens();
        for (i, t) in tokens.iter().enumerate() {
            s.push_str(t.form());
            if i + 1 < tokens.len() && t.space_after() {
                s.push(' ');
            }
        }
        s
    }
}

/// Why a line or sentence could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ConlluErrorKind {
    /// Reading failed.
    #[error("read error: {0}")]
    Io(#[from] io::Error),
    /// The line is not UTF-8.
    #[error("line is not valid UTF-8")]
    InvalidUtf8,
    /// A token line without exactly 10 tab-separated columns.
    #[error("expected 10 tab-separated columns, found {0}")]
    ColumnCount(usize),
    /// A column is empty (`_` is the empty value).
    #[error("empty {0} column")]
    EmptyField(&'static str),
    /// The ID column is not an integer, a range `a-b` or a decimal `i.j`, or is out of
    /// sequence.
    #[error("bad ID {id:?}: {reason}")]
    BadId {
        /// The ID as written.
        id: String,
        /// What is wrong with it.
        reason: String,
    },
    /// HEAD is not an integer or points outside the sentence.
    #[error("bad HEAD {0:?}")]
    BadHead(String),
    /// A block with comments but no word lines.
    #[error("sentence has no words")]
    NoWords,
}

/// A CoNLL-U error at a 1-based line number.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {kind}")]
pub struct ConlluError {
    /// 1-based line number in the input.
    pub line: usize,
    /// What went wrong.
    #[source]
    pub kind: ConlluErrorKind,
}

/// Streaming CoNLL-U reader; an iterator of sentences. Build it with [`read`] or [`open`].
pub struct Reader<R> {
    inner: R,
    line: usize,
    buf: Vec<u8>,
    done: bool,
}

impl<R> fmt::Debug for Reader<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reader")
            .field("line", &self.line)
            .field("done", &self.done)
            .finish()
    }
}

/// Read CoNLL-U from any buffered reader.
pub fn read<R: BufRead>(inner: R) -> Reader<R> {
    Reader {
        inner,
        line: 0,
        buf: Vec::new(),
        done: false,
    }
}

/// Open a CoNLL-U file, decompressing it on the fly when its name ends in `.zst`.
pub fn open(path: &Path) -> io::Result<Reader<Box<dyn BufRead>>> {
    let file = File::open(path)?;
    let inner: Box<dyn BufRead> = if path.extension().is_some_and(|e| e == "zst") {
        Box::new(BufReader::new(zstd::stream::read::Decoder::new(file)?))
    } else {
        Box::new(BufReader::new(file))
    };
    Ok(read(inner))
}

/// The value of `key` in a `Key=Value|Key=Value` list (MISC or FEATS); `None` when absent.
pub fn misc_value<'a>(list: &'a str, key: &str) -> Option<&'a str> {
    list.split('|')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
}

/// False when a MISC column says `SpaceAfter=No`, true otherwise.
pub fn space_after(misc: &str) -> bool {
    misc_value(misc, "SpaceAfter") != Some("No")
}

/// Sentence under construction, with the first error met.
#[derive(Default)]
struct Block {
    sentence: ConlluSentence,
    started: bool,
    error: Option<ConlluError>,
}

impl Block {
    fn fail(&mut self, line: usize, kind: ConlluErrorKind) {
        if self.error.is_none() {
            self.error = Some(ConlluError { line, kind });
        }
    }

    fn comment(&mut self, text: &str) {
        let body = text.trim_start_matches('#').trim();
        let (key, value) = match body.split_once('=') {
            Some((k, v)) => (k.trim(), Some(v.trim())),
            None => (body, None),
        };
        let s = &mut self.sentence;
        match (key, value) {
            ("sent_id", Some(v)) => s.sent_id = Some(v.to_string()),
            ("text", Some(v)) => s.text = Some(v.to_string()),
            ("newdoc", None) => s.newdoc = true,
            ("newdoc id", v) => {
                s.newdoc = true;
                s.doc_id = v.map(str::to_string);
            }
            ("newpar", None) => s.newpar = true,
            ("newpar id", v) => {
                s.newpar = true;
                s.par_id = v.map(str::to_string);
            }
            _ => s.comments.push(body.to_string()),
        }
    }

    fn token(&mut self, text: &str, line: usize) {
        if self.error.is_some() {
            return;
        }
        if let Err(kind) = self.parse_token(text) {
            self.fail(line, kind);
        }
    }

    fn parse_token(&mut self, text: &str) -> Result<(), ConlluErrorKind> {
        let cols: Vec<&str> = text.split('\t').collect();
        if cols.len() != 10 {
            return Err(ConlluErrorKind::ColumnCount(cols.len()));
        }
        const NAMES: [&str; 10] = [
            "ID", "FORM", "LEMMA", "UPOS", "XPOS", "FEATS", "HEAD", "DEPREL", "DEPS", "MISC",
        ];
        if let Some(i) = cols.iter().position(|c| c.is_empty()) {
            return Err(ConlluErrorKind::EmptyField(NAMES[i]));
        }
        let id = cols[0];
        let bad_id = |reason: String| ConlluErrorKind::BadId {
            id: id.to_string(),
            reason,
        };
        let s = &mut self.sentence;
        let next = s.words.len() + 1;
        let owned = |i: usize| cols[i].to_string();
        if let Some((a, b)) = id.split_once('-') {
            let (first, last) = (parse_id(a), parse_id(b));
            let (Some(first), Some(last)) = (first, last) else {
                return Err(bad_id("range ends are not positive integers".into()));
            };
            if first != next {
                return Err(bad_id(format!("range should start at word {next}")));
            }
            if last <= first {
                return Err(bad_id("range must cover at least two words".into()));
            }
            if s.multiword.last().is_some_and(|m| m.last >= first) {
                return Err(bad_id("overlaps the previous range".into()));
            }
            s.multiword.push(MultiwordToken {
                first,
                last,
                form: owned(1),
                misc: owned(9),
            });
        } else if let Some((a, b)) = id.split_once('.') {
            let after = a.parse::<usize>().ok().filter(|_| is_digits(a));
            let index = parse_id(b);
            let (Some(after), Some(index)) = (after, index) else {
                return Err(bad_id("empty node ID is not of the form i.j".into()));
            };
            if after != next - 1 {
                return Err(bad_id(format!(
                    "empty node should follow word {}",
                    next - 1
                )));
            }
            s.empty_nodes.push(EmptyNode {
                after,
                index,
                form: owned(1),
                lemma: owned(2),
                upos: owned(3),
                xpos: owned(4),
                feats: owned(5),
                deps: owned(8),
                misc: owned(9),
            });
        } else {
            let Some(n) = parse_id(id) else {
                return Err(bad_id("not an integer, range or decimal".into()));
            };
            if n != next {
                return Err(bad_id(format!("expected word {next}")));
            }
            let head = cols[6]
                .parse::<usize>()
                .ok()
                .filter(|_| is_digits(cols[6]))
                .ok_or_else(|| ConlluErrorKind::BadHead(owned(6)))?;
            s.words.push(Word {
                id: n,
                form: owned(1),
                lemma: owned(2),
                upos: owned(3),
                xpos: owned(4),
                feats: owned(5),
                head,
                deprel: owned(7),
                deps: owned(8),
                misc: owned(9),
            });
        }
        Ok(())
    }

    /// Checks that need the whole sentence, then the result.
    fn finish(mut self) -> Result<ConlluSentence, ConlluError> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        let s = self.sentence;
        let err = |kind| Err(ConlluError { line: s.line, kind });
        let n = s.words.len();
        if n == 0 {
            return err(ConlluErrorKind::NoWords);
        }
        if let Some(w) = s.words.iter().find(|w| w.head > n) {
            return err(ConlluErrorKind::BadHead(format!(
                "{} (word {} of {n})",
                w.head, w.id
            )));
        }
        if let Some(m) = s.multiword.iter().find(|m| m.last > n) {
            return err(ConlluErrorKind::BadId {
                id: format!("{}-{}", m.first, m.last),
                reason: format!("range runs past the last word {n}"),
            });
        }
        Ok(s)
    }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A positive decimal integer without sign or spaces.
fn parse_id(s: &str) -> Option<usize> {
    if !is_digits(s) {
        return None;
    }
    s.parse().ok().filter(|&n| n > 0)
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<ConlluSentence, ConlluError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut block = Block::default();
        loop {
            self.buf.clear();
            match self.inner.read_until(b'\n', &mut self.buf) {
                Ok(0) => {
                    self.done = true;
                    return block.started.then(|| block.finish());
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(ConlluError {
                        line: self.line + 1,
                        kind: ConlluErrorKind::Io(e),
                    }));
                }
            }
            self.line += 1;
            let mut bytes = self.buf.as_slice();
            if let Some(b) = bytes.strip_suffix(b"\n") {
                bytes = b;
            }
            if let Some(b) = bytes.strip_suffix(b"\r") {
                bytes = b;
            }
            let decoded = std::str::from_utf8(bytes);
            if decoded.is_ok_and(|t| t.trim().is_empty()) {
                if block.started {
                    return Some(block.finish());
                }
                continue; // blank lines before a sentence
            }
            if !block.started {
                block.started = true;
                block.sentence.line = self.line;
            }
            let Ok(text) = decoded else {
                block.fail(self.line, ConlluErrorKind::InvalidUtf8);
                continue;
            };
            if text.starts_with('#') {
                block.comment(text);
            } else {
                block.token(text, self.line);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
# newdoc id = doc1
# newpar id = p1
# sent_id = s1
# text = I don't know.
# s_type = decl
1\tI\tI\tPRON\tPRP\tCase=Nom\t4\tnsubj\t4:nsubj\t_
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t4:aux\t_
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No
4.1\tknow\tknow\tVERB\tVB\t_\t_\t_\t4:conj\t_
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_

# sent_id = s2
# text = Broken line
1\tBroken\tbroken\tADJ\tJJ\t_\t0\troot\t0:root\t_
2\tline with\tthree columns
3\there\there\tADV\tRB\t_\t1\tadvmod\t_\t_


# newpar
# newpar_block = head (1 s)
# sent_id = s3
# text = Bye
1\tBye\tbye\tINTJ\tUH\t_\t0\troot\t0:root\t_
";

    #[test]
    fn reads_words_multiword_tokens_and_comments() {
        let all: Vec<_> = read(SAMPLE.as_bytes()).collect();
        assert_eq!(all.len(), 3);
        let s = all[0].as_ref().unwrap();
        assert_eq!(s.line, 1);
        assert_eq!(s.sent_id.as_deref(), Some("s1"));
        assert_eq!(s.text.as_deref(), Some("I don't know."));
        assert!(s.newdoc && s.newpar);
        assert_eq!(s.doc_id.as_deref(), Some("doc1"));
        assert_eq!(s.par_id.as_deref(), Some("p1"));
        assert_eq!(s.comments, ["s_type = decl"]);
        let forms: Vec<_> = s.words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["I", "do", "n't", "know", "."]);
        assert!(s.words.iter().enumerate().all(|(i, w)| w.id == i + 1));
        assert_eq!(s.words[0].feats, "Case=Nom");
        assert_eq!(s.words[0].head, 4);
        assert_eq!(s.words[3].head, 0);
        assert_eq!(s.words[3].deprel, "root");
        assert_eq!(s.words[2].lemma, "not");
        assert_eq!(s.words[2].deps, "4:advmod");
        assert_eq!(
            s.multiword,
            [MultiwordToken {
                first: 2,
                last: 3,
                form: "don't".into(),
                misc: "_".into()
            }]
        );
        assert_eq!(s.empty_nodes.len(), 1);
        assert_eq!((s.empty_nodes[0].after, s.empty_nodes[0].index), (4, 1));
        assert!(!s.words[3].space_after());
        assert!(s.words[4].space_after());
        let surface: Vec<_> = s.surface_tokens().iter().map(|t| t.form()).collect();
        assert_eq!(surface, ["I", "don't", "know", "."]);
        assert_eq!(s.reconstruct_text(), "I don't know.");
    }

    #[test]
    fn malformed_line_fails_only_its_sentence() {
        let all: Vec<_> = read(SAMPLE.as_bytes()).collect();
        let e = all[1].as_ref().unwrap_err();
        assert_eq!(e.line, 17);
        assert!(matches!(e.kind, ConlluErrorKind::ColumnCount(3)), "{e}");
        assert!(e.to_string().starts_with("line 17: expected 10"));
        // Reading goes on after the bad sentence and over the double blank line.
        let s = all[2].as_ref().unwrap();
        assert_eq!(s.line, 21);
        assert!(s.newpar && !s.newdoc && s.par_id.is_none());
        assert_eq!(s.comments, ["newpar_block = head (1 s)"]);
        assert_eq!(s.words.len(), 1);
    }

    fn first_error(text: &str) -> ConlluError {
        read(text.as_bytes())
            .find_map(Result::err)
            .expect("an error")
    }

    #[test]
    fn reports_bad_ids_heads_and_fields() {
        let w = |id: &str, head: &str| format!("{id}\tx\tx\tX\tX\t_\t{head}\tdep\t_\t_\n");
        let e = first_error(&(w("1", "0") + &w("3", "1")));
        assert_eq!(e.line, 2);
        assert!(matches!(e.kind, ConlluErrorKind::BadId { .. }), "{e}");
        let e = first_error(&w("one", "0"));
        assert!(matches!(e.kind, ConlluErrorKind::BadId { .. }), "{e}");
        let e = first_error(&(w("1", "0") + &w("2-2", "_")));
        assert!(matches!(e.kind, ConlluErrorKind::BadId { .. }), "{e}");
        let e = first_error(&(w("1", "0") + &w("2-3", "_") + &w("2", "1")));
        assert_eq!(e.line, 1);
        assert!(e.to_string().contains("runs past"), "{e}");
        let e = first_error(&(w("1", "0") + &w("2", "_")));
        assert!(matches!(e.kind, ConlluErrorKind::BadHead(_)), "{e}");
        let e = first_error(&(w("1", "0") + &w("2", "7")));
        assert!(matches!(e.kind, ConlluErrorKind::BadHead(_)), "{e}");
        let e = first_error("1\t\tx\tX\tX\t_\t0\troot\t_\t_\n");
        assert!(matches!(e.kind, ConlluErrorKind::EmptyField("FORM")), "{e}");
        let e = first_error("# text = nothing\n\n");
        assert!(matches!(e.kind, ConlluErrorKind::NoWords), "{e}");
        let e = first_error("1\tx\u{0}\n");
        assert!(matches!(e.kind, ConlluErrorKind::ColumnCount(2)), "{e}");
    }

    #[test]
    fn invalid_utf8_and_crlf() {
        let mut bytes = b"1\tok\tok\tX\tX\t_\t0\troot\t_\t_\r\n\r\n".to_vec();
        bytes.extend_from_slice(b"1\t\xff\tx\tX\tX\t_\t0\troot\t_\t_\n");
        let all: Vec<_> = read(bytes.as_slice()).collect();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].as_ref().unwrap().words[0].misc, "_");
        let e = all[1].as_ref().unwrap_err();
        assert_eq!(e.line, 3);
        assert!(matches!(e.kind, ConlluErrorKind::InvalidUtf8));
    }

    #[test]
    fn misc_helpers() {
        assert_eq!(misc_value("A=1|SpaceAfter=No", "SpaceAfter"), Some("No"));
        assert_eq!(misc_value("_", "SpaceAfter"), None);
        assert!(!space_after("Entity=1)|SpaceAfter=No"));
        assert!(space_after("_"));
        assert!(space_after("SpacesAfter=\\n"));
    }

    #[test]
    fn empty_input_has_no_sentences() {
        assert_eq!(read("".as_bytes()).count(), 0);
        assert_eq!(read("\n\n".as_bytes()).count(), 0);
    }
}
