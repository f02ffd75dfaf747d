//! Ingest: turn input paths into a stream of [`RawArticle`]s.
//!
//! Inputs are files, folders (walked recursively, in name order) and `-` for standard
//! input. zstd and gzip compression is recognised from the magic bytes, whatever the
//! extension. The format comes from the extension once compression suffixes are
//! stripped (`.jsonl`, `.ndjson`, `.json` → JSONL; `.html`, `.htm` → HTML; `.warc` →
//! WARC; `.rss`, `.atom` → feed; anything else → text), or from [`InputFormat`] when
//! the user overrides it. Where the extension is ambiguous the first bytes decide: a
//! `.json` file naming the JSON Feed version is a feed, an `.xml` file is a feed when
//! its root is `rss`/`feed`/`rdf:RDF` (else HTML or text), and a file without a known
//! extension (or stdin) that starts like an HTML page, a WARC record or a feed is
//! read as one.
//!
//! [`html`] finds the article in a web page, [`warc`](self) reads web archives (one
//! article per HTML response record) and [`feed`] reads RSS, Atom and JSON Feed files
//! (one article per item).
//!
//! Reading streams: JSONL is read a line at a time, and a text file one file at a time,
//! so memory is bounded by the largest record, not the corpus. A bad record (malformed
//! JSON, no `text`, an over-long line, a binary or empty file) becomes an
//! [`IngestError`] naming the file and line, and reading goes on with the next record.
//! Recoverable damage (invalid UTF-8 bytes) is repaired with U+FFFD and noted in the
//! article's diagnostics, so no text is lost silently.

pub mod date;
pub mod dump;
pub mod feed;
pub mod html;
mod jsonl;
mod source;
mod warc;

use std::fmt;
use std::path::{Path, PathBuf};

use dyad_doc::{Dropped, Meta, Origin};

pub use source::{Limits, DEFAULT_MAX_RECORD_BYTES};

/// An article as read from the input, before cleaning.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawArticle {
    /// Metadata from the record (the date only if the record gave one).
    pub meta: Meta,
    /// Body text as read (paragraphs separated by blank lines).
    pub text: String,
    /// Lines the reader already removed (dump debris), with reasons.
    pub dropped: Vec<Dropped>,
    /// Non-fatal problems met while reading this article.
    pub diagnostics: Vec<String>,
}

impl RawArticle {
    /// An article with only an id and a text.
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> RawArticle {
        RawArticle {
            meta: Meta::with_id(id),
            text: text.into(),
            ..RawArticle::default()
        }
    }
}

/// How to interpret an input file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputFormat {
    /// From the extension: JSONL for `.jsonl/.ndjson/.json`, else text (dump detection).
    #[default]
    Auto,
    /// One JSON object per line.
    Jsonl,
    /// A raw text dump that may hold several articles (split when structure is found).
    Dump,
    /// The whole file is one article.
    Text,
    /// An HTML page: the article is extracted from it.
    Html,
    /// A WARC archive: one article per HTML response record.
    Warc,
    /// An RSS, Atom or JSON Feed file: one article per item.
    Feed,
}

impl InputFormat {
    /// Parse a user-facing name.
    pub fn from_name(name: &str) -> Option<InputFormat> {
        Some(match name {
            "auto" => InputFormat::Auto,
            "jsonl" | "ndjson" => InputFormat::Jsonl,
            "dump" => InputFormat::Dump,
            "text" | "txt" => InputFormat::Text,
            "html" | "htm" => InputFormat::Html,
            "warc" => InputFormat::Warc,
            "feed" | "rss" | "atom" => InputFormat::Feed,
            _ => return None,
        })
    }

    /// The format a path's name implies (compression suffixes stripped).
    pub fn for_path(path: &Path) -> InputFormat {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let name = name
            .strip_suffix(".zst")
            .or_else(|| name.strip_suffix(".zstd"))
            .or_else(|| name.strip_suffix(".gz"))
            .unwrap_or(&name);
        match name.rsplit_once('.').map(|(_, ext)| ext) {
            Some("jsonl" | "ndjson" | "json") => InputFormat::Jsonl,
            Some("html" | "htm" | "xhtml" | "shtml") => InputFormat::Html,
            Some("warc" | "arc") => InputFormat::Warc,
            Some("rss" | "atom" | "rdf") => InputFormat::Feed,
            _ => InputFormat::Dump,
        }
    }

    /// Refine the format a name implies with the first bytes of the input: JSON Feed
    /// in a `.json` file, a feed or page in an `.xml` file, and pages, WARC records and
    /// feeds in files without a telling extension (or stdin).
    pub fn sniff(self, path: &Path, head: &[u8]) -> InputFormat {
        let name = path.to_string_lossy().to_lowercase();
        let name = name
            .trim_end_matches(".zst")
            .trim_end_matches(".zstd")
            .trim_end_matches(".gz");
        let lead = String::from_utf8_lossy(&head[..head.len().min(512)])
            .trim_start_matches('\u{feff}')
            .trim_start()
            .to_ascii_lowercase();
        let html_like = lead.starts_with("<!doctype html")
            || lead.starts_with("<html")
            || (lead.starts_with("<!--") && lead.contains("<html"))
            || (lead.starts_with("<?xml") && lead.contains("<html"));
        match self {
            InputFormat::Jsonl if name.ends_with(".json") && feed::sniff(head) => InputFormat::Feed,
            InputFormat::Dump | InputFormat::Jsonl
                if name == "-" || name.ends_with(".xml") || self == InputFormat::Dump =>
            {
                if lead.starts_with("warc/") {
                    InputFormat::Warc
                } else if feed::sniff(head) {
                    InputFormat::Feed
                } else if html_like {
                    InputFormat::Html
                } else if name == "-" && lead.starts_with('{') {
                    InputFormat::Jsonl
                } else {
                    self
                }
            }
            f => f,
        }
    }
}

/// A record that could not be read. Reading continues after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IngestError {
    /// Input path (`-` for stdin).
    pub path: String,
    /// 1-based line of the record, when there is one.
    pub line: Option<u64>,
    /// What was wrong.
    pub kind: ErrorKind,
    /// Human-readable detail.
    pub message: String,
}

/// Classes of unreadable input, for summaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorKind {
    /// The file or folder could not be opened or read.
    Io,
    /// The file holds no text.
    Empty,
    /// The file looks like binary data, not text.
    Binary,
    /// A JSONL line is not valid JSON or not an object.
    Json,
    /// A JSONL record has no usable `text`.
    MissingText,
    /// A record is larger than the configured limit.
    TooLarge,
    /// Compressed data is corrupt or truncated.
    Decompress,
    /// A WARC record is malformed or truncated.
    Warc,
    /// A feed cannot be parsed.
    Feed,
}

impl ErrorKind {
    /// Stable snake_case name used in summaries.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::Empty => "empty",
            ErrorKind::Binary => "binary",
            ErrorKind::Json => "malformed_json",
            ErrorKind::MissingText => "missing_text",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Decompress => "decompress",
            ErrorKind::Warc => "bad_warc_record",
            ErrorKind::Feed => "bad_feed",
        }
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for IngestError {}

/// One item of the ingest stream.
pub type Record = Result<RawArticle, IngestError>;

/// Settings for reading inputs.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// Format override.
    pub format: InputFormat,
    /// Size limits.
    pub limits: Limits,
}

/// Stream every article of every input, in order. Folders are walked recursively in
/// file-name order; hidden entries are skipped.
pub fn read_inputs(inputs: &[PathBuf], options: &ReadOptions) -> impl Iterator<Item = Record> {
    let options = options.clone();
    let mut expanded = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        source::expand(input, &mut expanded, &mut errors);
    }
    errors.into_iter().map(Err).chain(
        expanded
            .into_iter()
            .flat_map(move |path| read_path(path, &options)),
    )
}

/// Stream the articles of one file (or stdin for `-`).
pub fn read_path(path: PathBuf, options: &ReadOptions) -> Box<dyn Iterator<Item = Record>> {
    let display = path.display().to_string();
    let mut reader = match source::open(&path) {
        Ok(r) => r,
        Err(e) => return Box::new(std::iter::once(Err(e))),
    };
    let format = match options.format {
        // Standard input has no name: JSONL if it starts with an object, else by content.
        InputFormat::Auto if display == "-" => {
            let guess = match reader.first_non_space() {
                Some(b'{') => InputFormat::Jsonl,
                _ => InputFormat::Dump,
            };
            guess.sniff(&path, reader.head())
        }
        InputFormat::Auto => InputFormat::for_path(&path).sniff(&path, reader.head()),
        f => f,
    };
    let origin = Origin {
        path: display,
        line: None,
    };
    let stem = id_stem(&path);
    match format {
        InputFormat::Jsonl => Box::new(jsonl::Records::new(reader, origin, stem, options.limits)),
        InputFormat::Warc => Box::new(warc::WarcRecords::new(reader, origin, stem, options.limits)),
        InputFormat::Html => {
            let record = source::read_bytes(reader, &origin, &options.limits).and_then(|bytes| {
                html::article_from_bytes(
                    &bytes,
                    None,
                    None,
                    None,
                    stem,
                    Origin {
                        line: Some(1),
                        ..origin.clone()
                    },
                )
            });
            Box::new(std::iter::once(record))
        }
        InputFormat::Feed => Box::new(
            match source::read_bytes(reader, &origin, &options.limits) {
                Ok(bytes) => feed::records(&bytes, &origin, &stem),
                Err(e) => vec![Err(e)],
            }
            .into_iter(),
        ),
        InputFormat::Dump | InputFormat::Text | InputFormat::Auto => {
            let split = format != InputFormat::Text;
            Box::new(
                source::read_text(reader, &origin, &options.limits).map_or_else(
                    |e| vec![Err(e)].into_iter(),
                    |(text, diagnostics)| {
                        text_articles(&text, diagnostics, &origin, &stem, split).into_iter()
                    },
                ),
            )
        }
    }
}

/// Articles of one text file: split as a dump, or the whole file as one article.
fn text_articles(
    text: &str,
    diagnostics: Vec<String>,
    origin: &Origin,
    stem: &str,
    split: bool,
) -> Vec<Record> {
    let parts = if split {
        dump::split(text)
    } else {
        vec![dump::DumpArticle {
            title: None,
            body: text.to_string(),
            line: 1,
            dropped: Vec::new(),
        }]
    };
    let many = parts.len() > 1;
    parts
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            Ok(RawArticle {
                meta: Meta {
                    id: if many {
                        format!("{stem}-{}", i + 1)
                    } else {
                        stem.to_string()
                    },
                    title: part.title,
                    origin: Origin {
                        path: origin.path.clone(),
                        line: Some(part.line),
                    },
                    ..Meta::default()
                },
                text: part.body,
                dropped: part.dropped,
                diagnostics: if i == 0 {
                    diagnostics.clone()
                } else {
                    Vec::new()
                },
            })
        })
        .collect()
}

/// The base of ids derived from a file: its name without extensions.
fn id_stem(path: &Path) -> String {
    if path.as_os_str() == "-" {
        return "stdin".to_string();
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "input".to_string());
    name.split('.')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or(&name)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_from_extension() {
        assert_eq!(
            InputFormat::for_path(Path::new("a/b.jsonl.zst")),
            InputFormat::Jsonl
        );
        assert_eq!(
            InputFormat::for_path(Path::new("b.NDJSON.gz")),
            InputFormat::Jsonl
        );
        assert_eq!(InputFormat::for_path(Path::new("b.txt")), InputFormat::Dump);
        assert_eq!(
            InputFormat::for_path(Path::new("README")),
            InputFormat::Dump
        );
        assert_eq!(InputFormat::for_path(Path::new("p.HTM")), InputFormat::Html);
        assert_eq!(
            InputFormat::for_path(Path::new("crawl.warc.gz")),
            InputFormat::Warc
        );
        assert_eq!(
            InputFormat::for_path(Path::new("news.rss")),
            InputFormat::Feed
        );
    }

    #[test]
    fn ambiguous_extensions_are_sniffed() {
        let json_feed = br#"{"version": "https://jsonfeed.org/version/1.1", "items": []}"#;
        let p = Path::new("f.json");
        assert_eq!(
            InputFormat::for_path(p).sniff(p, json_feed),
            InputFormat::Feed
        );
        assert_eq!(
            InputFormat::for_path(p).sniff(p, b"{\"text\": \"a\"}\n"),
            InputFormat::Jsonl
        );
        let x = Path::new("f.xml");
        let rss = b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel></channel></rss>";
        assert_eq!(InputFormat::for_path(x).sniff(x, rss), InputFormat::Feed);
        let page = Path::new("saved");
        assert_eq!(
            InputFormat::for_path(page).sniff(page, b"<!DOCTYPE html><html><body>"),
            InputFormat::Html
        );
        assert_eq!(
            InputFormat::for_path(page).sniff(page, b"WARC/1.1\r\nWARC-Type: warcinfo\r\n"),
            InputFormat::Warc
        );
        let txt = Path::new("notes.txt");
        assert_eq!(
            InputFormat::for_path(txt).sniff(txt, b"Plain words."),
            InputFormat::Dump
        );
    }

    #[test]
    fn id_stem_drops_extensions() {
        assert_eq!(id_stem(Path::new("x/news-1.jsonl.zst")), "news-1");
        assert_eq!(id_stem(Path::new("-")), "stdin");
        assert_eq!(id_stem(Path::new(".hidden")), ".hidden");
    }
}
