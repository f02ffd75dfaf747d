//! The syntax model file: a versioned little-endian binary, zstd-compressed.
//!
//! Layout: magic `DYADSYN`, format version, a UTF-8 description (training command,
//! seed, corpus checksum), then the tagger, lemmatizer, parser and labeller sections.
//! Reading checks every length against the remaining bytes, so a truncated or corrupt
//! file is an error, never a panic.

use crate::keys::FxHashMap;
use std::fmt;

use super::lemma::{Lemmatizer, Rule};
use super::parser::{Labeler, Parser};
use super::perceptron::{FeatTable, Model};
use super::tagger::Tagger;

const MAGIC: &[u8; 8] = b"DYADSYN\0";
/// Version of the model file format.
/// Version 3 marks whether a second-pass tagger follows the first; version 2
/// (always two taggers) is still read.
pub const FORMAT_VERSION: u32 = 3;

/// A model file that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelError(pub String);

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "syntax model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

/// Everything a syntax model file holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Bundle {
    /// How the model was trained.
    pub description: String,
    /// First-pass POS tagger.
    pub tagger: Tagger,
    /// Second-pass tagger that also sees the first pass's tags to the right, if the
    /// model has one.
    pub retagger: Option<Tagger>,
    /// Lemmatizer.
    pub lemmatizer: Lemmatizer,
    /// Unlabelled parser.
    pub parser: Parser,
    /// Arc labeller.
    pub labeler: Labeler,
}

#[derive(Default)]
struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn f32(&mut self, v: f32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn strs(&mut self, v: &[String]) {
        self.u32(v.len() as u32);
        v.iter().for_each(|s| self.str(s));
    }
    /// Keys in order with their entry counts; entries follow in the same order, so
    /// offsets need not be stored.
    fn model(&mut self, m: &Model) {
        self.u32(m.classes as u32);
        self.f32(m.scale);
        let mut keys: Vec<(u32, u32, u16)> = m.table.iter().collect();
        keys.sort_unstable_by_key(|&(k, _, _)| k);
        self.u32(keys.len() as u32);
        for &(k, _, len) in &keys {
            self.u32(k);
            self.u8(len as u8);
        }
        for &(_, start, len) in &keys {
            for &(c, w) in &m.entries[start as usize..start as usize + len as usize] {
                self.u8(c as u8);
                self.u16(w as u16);
            }
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| ModelError(format!("truncated at byte {}", self.pos)))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(self.array()?))
    }
    fn len(&mut self, unit: usize) -> Result<usize, ModelError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(unit) > self.bytes.len() - self.pos {
            return Err(ModelError(format!(
                "length {n} at byte {} exceeds the file",
                self.pos
            )));
        }
        Ok(n)
    }
    fn str(&mut self) -> Result<String, ModelError> {
        let n = self.len(1)?;
        String::from_utf8(self.take(n)?.to_vec())
            .map_err(|_| ModelError(format!("invalid UTF-8 before byte {}", self.pos)))
    }
    fn strs(&mut self) -> Result<Vec<String>, ModelError> {
        let n = self.len(4)?;
        (0..n).map(|_| self.str()).collect()
    }
    fn model(&mut self) -> Result<Model, ModelError> {
        let classes = self.u32()? as usize;
        if classes > 255 {
            return Err(ModelError(format!(
                "{classes} classes: at most 255 are supported"
            )));
        }
        let scale = self.f32()?;
        let n = self.len(5)?;
        let mut keys = Vec::with_capacity(n);
        for _ in 0..n {
            keys.push((self.u32()?, self.u8()?));
        }
        let mut table = FeatTable::with_capacity(n);
        let mut entries = Vec::new();
        for (k, len) in keys {
            if len == 0 {
                return Err(ModelError(format!("feature {k:08x} has no weights")));
            }
            table.insert(k, entries.len() as u32, u16::from(len));
            for _ in 0..len {
                let c = self.u8()?;
                let w = self.u16()? as i16;
                if c as usize >= classes {
                    return Err(ModelError(format!("class {c} out of range {classes}")));
                }
                entries.push((u16::from(c), w));
            }
        }
        Ok(Model::new(classes, scale, table, entries))
    }
}

fn write_tagger(w: &mut Writer, t: &Tagger) {
    w.u32(t.classes.len() as u32);
    for (x, u) in &t.classes {
        w.str(x);
        w.str(u);
    }
    let mut dict: Vec<(&String, &u16)> = t.tagdict.iter().collect();
    dict.sort();
    w.u32(dict.len() as u32);
    for (word, c) in dict {
        w.str(word);
        w.u16(*c);
    }
    let mut amb: Vec<(&String, &u64)> = t.ambiguity.iter().collect();
    amb.sort();
    w.u32(amb.len() as u32);
    for (word, h) in amb {
        w.str(word);
        w.u64(*h);
    }
    w.model(&t.model);
}

fn read_tagger(r: &mut Reader<'_>) -> Result<Tagger, ModelError> {
    let n = r.len(8)?;
    let mut classes = Vec::with_capacity(n);
    for _ in 0..n {
        classes.push((r.str()?, r.str()?));
    }
    let n = r.len(6)?;
    let mut tagdict = FxHashMap::with_capacity_and_hasher(n, Default::default());
    for _ in 0..n {
        let word = r.str()?;
        tagdict.insert(word, r.u16()?);
    }
    let n = r.len(12)?;
    let mut ambiguity = FxHashMap::with_capacity_and_hasher(n, Default::default());
    for _ in 0..n {
        let word = r.str()?;
        ambiguity.insert(word, r.u64()?);
    }
    let model = r.model()?;
    if model.classes != classes.len() || tagdict.values().any(|&c| c as usize >= classes.len()) {
        return Err(ModelError("tagger classes do not match its weights".into()));
    }
    Ok(Tagger {
        classes,
        tagdict,
        ambiguity,
        model,
    })
}

/// Serialise and compress a bundle.
pub fn write(bundle: &Bundle) -> Vec<u8> {
    let mut w = Writer::default();
    w.0.extend_from_slice(MAGIC);
    w.u32(FORMAT_VERSION);
    w.str(&bundle.description);
    write_tagger(&mut w, &bundle.tagger);
    w.u8(u8::from(bundle.retagger.is_some()));
    if let Some(retagger) = &bundle.retagger {
        write_tagger(&mut w, retagger);
    }
    // Lemmatizer.
    let l = &bundle.lemmatizer;
    let mut ex: Vec<_> = l.exceptions.iter().collect();
    ex.sort();
    w.u32(ex.len() as u32);
    for ((form, xpos), lemma) in ex {
        w.str(form);
        w.str(xpos);
        w.str(lemma);
    }
    let mut rules: Vec<_> = l.rules.iter().collect();
    rules.sort();
    w.u32(rules.len() as u32);
    for ((xpos, suffix), rule) in rules {
        w.str(xpos);
        w.str(suffix);
        w.u8(rule.strip);
        w.str(&rule.add);
    }
    // Parser and labeller.
    w.model(&bundle.parser.model);
    w.strs(&bundle.labeler.labels);
    w.model(&bundle.labeler.model);
    zstd::encode_all(&w.0[..], 19).unwrap_or(w.0)
}

/// Decompress and read a bundle.
pub fn read(compressed: &[u8]) -> Result<Bundle, ModelError> {
    let bytes = zstd::decode_all(compressed)
        .map_err(|e| ModelError(format!("decompression failed: {e}")))?;
    let mut r = Reader {
        bytes: &bytes,
        pos: 0,
    };
    if r.take(8)? != MAGIC {
        return Err(ModelError("not a Dyad syntax model (bad magic)".into()));
    }
    let version = r.u32()?;
    if version != FORMAT_VERSION && version != 2 {
        return Err(ModelError(format!(
            "format version {version}, this build reads {FORMAT_VERSION}"
        )));
    }
    let description = r.str()?;
    let tagger = read_tagger(&mut r)?;
    let two_pass = version == 2 || r.u8()? != 0;
    let retagger = if two_pass {
        Some(read_tagger(&mut r)?)
    } else {
        None
    };
    if retagger
        .as_ref()
        .is_some_and(|t| t.classes != tagger.classes)
    {
        return Err(ModelError(
            "the two taggers disagree on their classes".into(),
        ));
    }
    let n = r.len(12)?;
    let mut exceptions = FxHashMap::with_capacity_and_hasher(n, Default::default());
    for _ in 0..n {
        let key = (r.str()?, r.str()?);
        exceptions.insert(key, r.str()?);
    }
    let n = r.len(13)?;
    let mut rules = FxHashMap::with_capacity_and_hasher(n, Default::default());
    for _ in 0..n {
        let key = (r.str()?, r.str()?);
        let strip = r.u8()?;
        rules.insert(
            key,
            Rule {
                strip,
                add: r.str()?,
            },
        );
    }
    let parser = Parser { model: r.model()? };
    let labels = r.strs()?;
    let lmodel = r.model()?;
    if lmodel.classes != labels.len() || parser.model.classes != 3 {
        return Err(ModelError(
            "parser classes do not match their weights".into(),
        ));
    }
    if r.pos != bytes.len() {
        return Err(ModelError(format!(
            "{} trailing bytes",
            bytes.len() - r.pos
        )));
    }
    Ok(Bundle {
        description,
        tagger,
        retagger,
        lemmatizer: Lemmatizer { exceptions, rules },
        parser,
        labeler: Labeler {
            labels,
            model: lmodel,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::train::{train, TrainOptions};

    /// A toy treebank: a few sentences of one shape, in CoNLL-U.
    fn treebank() -> Vec<crate::eval::conllu::ConlluSentence> {
        let mut text = String::new();
        for (subject, verb, object) in [
            ("army", "attacked", "town"),
            ("court", "jailed", "rebels"),
            ("minister", "visited", "capital"),
            ("rebels", "shelled", "base"),
        ] {
            for (i, (form, lemma, xpos, upos, head, rel)) in [
                ("The", "the", "DT", "DET", 2, "det"),
                (subject, subject, "NN", "NOUN", 3, "nsubj"),
                (verb, verb, "VBD", "VERB", 0, "root"),
                ("the", "the", "DT", "DET", 5, "det"),
                (object, object, "NN", "NOUN", 3, "obj"),
                (".", ".", ".", "PUNCT", 3, "punct"),
            ]
            .into_iter()
            .enumerate()
            {
                text.push_str(&format!(
                    "{}\t{form}\t{lemma}\t{upos}\t{xpos}\t_\t{head}\t{rel}\t_\t_\n",
                    i + 1
                ));
            }
            text.push('\n');
        }
        crate::eval::conllu::read(text.as_bytes())
            .map(|s| s.expect("well-formed"))
            .collect()
    }

    fn trained(tagger_passes: usize) -> Bundle {
        let options = TrainOptions {
            tagger_iterations: 2,
            tagger_members: 1,
            tagger_passes,
            parser_iterations: 2,
            parser_members: 1,
            labeler_iterations: 2,
            folds: 2,
            ..TrainOptions::default()
        };
        train(&treebank(), "toy", &options, |_| {})
    }

    #[test]
    fn one_and_two_pass_models_survive_a_round_trip() {
        let one = trained(1);
        assert!(one.retagger.is_none());
        assert_eq!(read(&write(&one)), Ok(one));
        let two = trained(2);
        assert!(two.retagger.is_some());
        assert_eq!(read(&write(&two)), Ok(two));
    }

    #[test]
    fn a_version_2_file_is_read_as_two_passes() {
        let two = trained(2);
        // Version 2 had no flag between the two taggers.
        let mut prefix = Writer::default();
        prefix.0.extend_from_slice(MAGIC);
        prefix.u32(FORMAT_VERSION);
        prefix.str(&two.description);
        write_tagger(&mut prefix, &two.tagger);
        let mut raw = zstd::decode_all(&write(&two)[..]).expect("zstd");
        assert_eq!(raw[prefix.0.len()], 1, "the flag of a second pass");
        raw.remove(prefix.0.len());
        raw[8..12].copy_from_slice(&2u32.to_le_bytes());
        let old = zstd::encode_all(&raw[..], 1).expect("zstd");
        assert_eq!(read(&old), Ok(two));
        // A version-3 file without its flag is cut short, not misread.
        raw[8..12].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
        assert!(read(&zstd::encode_all(&raw[..], 1).expect("zstd")).is_err());
    }
}
