//! JSONL: one article per line, `{id?, title?, text, date?, source?, url?}`.
//! Unknown fields are ignored; numbers are accepted for `id` and `date`.

use std::io::{BufRead, ErrorKind as IoErrorKind};

use dyad_doc::{Meta, Origin};
use serde::Deserialize;
use serde_json::Value;

use super::source::{decode_utf8, error, read_error, Source};
use super::{ErrorKind, Limits, RawArticle, Record};

#[derive(Deserialize)]
struct JsonRecord {
    id: Option<Value>,
    title: Option<Value>,
    text: Option<Value>,
    date: Option<Value>,
    source: Option<Value>,
    url: Option<Value>,
    author: Option<Value>,
    lang: Option<Value>,
}

/// Iterator over the records of a JSONL stream.
pub(crate) struct Records {
    source: Source,
    origin: Origin,
    stem: String,
    limits: Limits,
    line: u64,
    /// Records yielded so far (articles and errors), to report an empty file.
    yielded: u64,
    buf: Vec<u8>,
    done: bool,
}

impl Records {
    pub(crate) fn new(source: Source, origin: Origin, stem: String, limits: Limits) -> Records {
        Records {
            source,
            origin,
            stem,
            limits,
            line: 0,
            yielded: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    /// Read the next line into `buf`, keeping at most the limit plus one byte so an
    /// over-long line is detected without being held. Returns its full length, or
    /// `None` at the end of input.
    fn next_line(&mut self) -> Result<Option<usize>, std::io::Error> {
        self.buf.clear();
        let mut total = 0usize;
        let cap = self.limits.max_record_bytes + 1;
        loop {
            let chunk = match self.source.reader.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == IoErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                return Ok((total > 0).then_some(total));
            }
            let (take, found) = match memchr(chunk) {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            let room = cap.saturating_sub(self.buf.len());
            self.buf.extend_from_slice(&chunk[..take.min(room)]);
            total += take;
            self.source.reader.consume(take);
            if found {
                return Ok(Some(total));
            }
        }
    }

    fn parse(&self, line_no: u64) -> Record {
        let path = self.origin.path.as_str();
        let (line, notes) = decode_utf8(self.buf.clone(), path, line_no);
        let rec: JsonRecord = match serde_json::from_str(line.trim_end()) {
            Ok(r) => r,
            Err(e) => {
                let msg = if e.is_data() {
                    format!("not a JSON object with the expected fields: {e}")
                } else {
                    format!("malformed JSON: {e}")
                };
                return Err(error(path, Some(line_no), ErrorKind::Json, msg));
            }
        };
        let mut diagnostics = notes;
        let mut field = |name: &str, v: Option<Value>| -> Option<String> {
            match v? {
                Value::Null => None,
                Value::String(s) => Some(s),
                Value::Number(n) => Some(n.to_string()),
                other => {
                    diagnostics.push(format!(
                        "{path}:{line_no}: field `{name}` is a {} and was ignored",
                        json_kind(&other)
                    ));
                    None
                }
            }
        };
        let text = match rec.text {
            Some(Value::String(s)) if !s.trim().is_empty() => s,
            Some(Value::String(_)) => {
                return Err(error(
                    path,
                    Some(line_no),
                    ErrorKind::MissingText,
                    "record has an empty `text`".into(),
                ))
            }
            Some(Value::Null) | None => {
                return Err(error(
                    path,
                    Some(line_no),
                    ErrorKind::MissingText,
                    "record has no `text` field".into(),
                ))
            }
            Some(other) => {
                return Err(error(
                    path,
                    Some(line_no),
                    ErrorKind::MissingText,
                    format!("`text` is a {}, not a string", json_kind(&other)),
                ))
            }
        };
        let id = field("id", rec.id).unwrap_or_else(|| format!("{}-L{line_no}", self.stem));
        let meta = Meta {
            id,
            title: field("title", rec.title),
            date: field("date", rec.date),
            date_source: None,
            source: field("source", rec.source),
            url: field("url", rec.url),
            author: field("author", rec.author),
            lang: field("lang", rec.lang),
            origin: Origin {
                path: self.origin.path.clone(),
                line: Some(line_no),
            },
        };
        Ok(RawArticle {
            meta,
            text,
            dropped: Vec::new(),
            diagnostics,
        })
    }
}

fn memchr(haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == b'\n')
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

impl Iterator for Records {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        let item = self.next_record();
        self.yielded += u64::from(item.is_some());
        item
    }
}

impl Records {
    fn next_record(&mut self) -> Option<Record> {
        while !self.done {
            let len = match self.next_line() {
                Ok(Some(len)) => len,
                Ok(None) => {
                    self.done = true;
                    if self.yielded == 0 {
                        let path = &self.origin.path;
                        return Some(Err(error(
                            path,
                            None,
                            ErrorKind::Empty,
                            "empty file: no records".into(),
                        )));
                    }
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(read_error(
                        self.source.compressed,
                        &self.origin.path,
                        Some(self.line + 1),
                        &e,
                    )));
                }
            };
            self.line += 1;
            let line_no = self.line;
            if len > self.limits.max_record_bytes {
                return Some(Err(error(
                    &self.origin.path,
                    Some(line_no),
                    ErrorKind::TooLarge,
                    format!(
                        "line of {len} bytes exceeds the {} byte limit (raise --max-record-bytes)",
                        self.limits.max_record_bytes
                    ),
                )));
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if let Some(why) = super::source::binary_reason(&self.buf) {
                return Some(Err(error(
                    &self.origin.path,
                    Some(line_no),
                    ErrorKind::Binary,
                    format!("binary data, not a JSON record ({why})"),
                )));
            }
            return Some(self.parse(line_no));
        }
        None
    }
}
