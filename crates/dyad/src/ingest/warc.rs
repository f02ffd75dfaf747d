//! WARC archives (`.warc`, `.warc.gz`): one article per HTML `response` record.
//!
//! The reader streams: a record's header block is read line by line, its content block
//! by `Content-Length`, so memory is bounded by the largest record (records over
//! `--max-record-bytes` are skipped unread and reported). Gzip-compressed WARCs (one
//! gzip member per record, or one for the whole file) are decompressed by the opener.
//!
//! Taken: `response` records whose HTTP message is a 2xx response with an HTML
//! `Content-Type` (or none), and `resource` records of type `text/html`. The HTTP
//! headers are honoured: `Transfer-Encoding: chunked` is decoded, `Content-Encoding`
//! gzip/deflate is inflated, and the `charset` goes to the HTML decoder (which also
//! knows `<meta charset>` and legacy encodings). `WARC-Target-URI` is the article URL
//! and `WARC-Date` the date when the page states none.
//!
//! Other records (`warcinfo`, `request`, `metadata`, images, redirects, errors) are not
//! articles and are passed over. A malformed header block is reported and the reader
//! resynchronises at the next `WARC/` line; a truncated record or corrupt compression
//! is reported and ends the file. Errors name the record: `path:N: why`, N counting
//! records from 1.

use std::io::{self, BufRead, Read};

use dyad_doc::Origin;

use super::html;
use super::source::{error, read_error, Source};
use super::{ErrorKind, IngestError, Limits, Record};

/// Longest header line accepted.
const MAX_LINE: usize = 64 << 10;
/// Most header lines in one record.
const MAX_HEADERS: usize = 1000;

/// Iterator over the articles of a WARC stream.
pub(crate) struct WarcRecords {
    source: Source,
    origin: Origin,
    stem: String,
    limits: Limits,
    /// Records started so far (the current record's number).
    record: u64,
    articles: u64,
    yielded: u64,
    done: bool,
    /// The next record's `WARC/` line was already read (after resynchronising).
    version_consumed: bool,
}

/// A parsed record header block.
struct Header {
    fields: Vec<(String, String)>,
}

impl Header {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

enum Line {
    Eof,
    Text(String),
}

impl WarcRecords {
    pub(crate) fn new(source: Source, origin: Origin, stem: String, limits: Limits) -> WarcRecords {
        WarcRecords {
            source,
            origin,
            stem,
            limits,
            record: 0,
            articles: 0,
            yielded: 0,
            done: false,
            version_consumed: false,
        }
    }

    fn err(&self, kind: ErrorKind, message: String) -> IngestError {
        error(&self.origin.path, Some(self.record.max(1)), kind, message)
    }

    fn io_err(&self, e: &io::Error) -> IngestError {
        read_error(
            self.source.compressed,
            &self.origin.path,
            Some(self.record.max(1)),
            e,
        )
    }

    /// Read one line (without its line break), bounded.
    fn line(&mut self) -> io::Result<Line> {
        let mut buf = Vec::new();
        let n = (&mut self.source.reader)
            .take(MAX_LINE as u64 + 1)
            .read_until(b'\n', &mut buf)?;
        if n == 0 {
            return Ok(Line::Eof);
        }
        if buf.len() > MAX_LINE {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "header line too long",
            ));
        }
        while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            buf.pop();
        }
        Ok(Line::Text(String::from_utf8_lossy(&buf).into_owned()))
    }

    /// Skip to the next `WARC/` version line; returns it, or `None` at the end.
    fn resync(&mut self) -> io::Result<Option<String>> {
        loop {
            match self.line()? {
                Line::Eof => return Ok(None),
                Line::Text(t) if t.starts_with("WARC/") => return Ok(Some(t)),
                Line::Text(_) => {}
            }
        }
    }

    /// Read header fields after the version line.
    fn header(&mut self) -> Result<Header, String> {
        let mut fields: Vec<(String, String)> = Vec::new();
        loop {
            let line = match self.line() {
                Ok(Line::Text(t)) => t,
                Ok(Line::Eof) => return Err("truncated record: end of input in the header".into()),
                Err(e) => return Err(format!("unreadable header: {e}")),
            };
            if line.is_empty() {
                return Ok(Header { fields });
            }
            if fields.len() >= MAX_HEADERS {
                return Err("too many header lines".into());
            }
            if line.starts_with([' ', '\t']) {
                // Folded continuation line.
                if let Some(last) = fields.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(line.trim());
                }
                continue;
            }
            match line.split_once(':') {
                Some((k, v)) => fields.push((k.trim().to_string(), v.trim().to_string())),
                None => return Err(format!("malformed header line `{}`", truncate(&line, 60))),
            }
        }
    }

    fn next_record(&mut self) -> Option<Record> {
        loop {
            if self.done {
                return None;
            }
            if !self.version_consumed {
                // The version line, past the blank lines that end the previous record.
                let version = loop {
                    match self.line() {
                        Ok(Line::Eof) => {
                            self.done = true;
                            return None;
                        }
                        Ok(Line::Text(t)) if t.trim().is_empty() => {}
                        Ok(Line::Text(t)) => break t,
                        Err(e) => {
                            self.done = true;
                            return Some(Err(self.io_err(&e)));
                        }
                    }
                };
                self.record += 1;
                if !version.starts_with("WARC/") {
                    let e = self.err(
                        ErrorKind::Warc,
                        format!(
                            "not a WARC record (expected `WARC/1.x`, found `{}`); skipping to the next record",
                            truncate(&version, 40)
                        ),
                    );
                    self.skip_to_next_record();
                    return Some(Err(e));
                }
            } else {
                self.version_consumed = false;
                self.record += 1;
            }
            let header = match self.header() {
                Ok(h) => h,
                Err(msg) => {
                    let e = self.err(ErrorKind::Warc, msg);
                    self.skip_to_next_record();
                    return Some(Err(e));
                }
            };
            let Some(length) = header
                .get("Content-Length")
                .and_then(|v| v.trim().parse::<u64>().ok())
            else {
                let e = self.err(
                    ErrorKind::Warc,
                    "record has no valid Content-Length; skipping to the next record".into(),
                );
                self.skip_to_next_record();
                return Some(Err(e));
            };
            if length > self.limits.max_record_bytes as u64 {
                let skipped =
                    io::copy(&mut (&mut self.source.reader).take(length), &mut io::sink());
                let e = self.err(
                    ErrorKind::TooLarge,
                    format!(
                        "record of {length} bytes exceeds the {} byte limit (raise --max-record-bytes)",
                        self.limits.max_record_bytes
                    ),
                );
                match skipped {
                    Ok(n) if n == length => {}
                    Ok(_) => self.done = true,
                    Err(_) => self.done = true,
                }
                return Some(Err(e));
            }
            let mut block = Vec::with_capacity(length.min(1 << 20) as usize);
            match (&mut self.source.reader)
                .take(length)
                .read_to_end(&mut block)
            {
                Ok(n) if n as u64 == length => {}
                Ok(n) => {
                    self.done = true;
                    return Some(Err(self.err(
                        ErrorKind::Warc,
                        format!("truncated record: {n} of {length} bytes"),
                    )));
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(self.io_err(&e)));
                }
            }
            if let Some(r) = self.article(&header, &block) {
                return Some(r);
            }
        }
    }

    /// After a bad header: find the next `WARC/` line (or the end).
    fn skip_to_next_record(&mut self) {
        match self.resync() {
            Ok(Some(_)) => self.version_consumed = true,
            Ok(None) | Err(_) => self.done = true,
        }
    }

    /// The article in a record, if it is an HTML page; `None` for other records.
    fn article(&mut self, header: &Header, block: &[u8]) -> Option<Record> {
        let warc_type = header.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let content_type = header
            .get("Content-Type")
            .unwrap_or("")
            .to_ascii_lowercase();
        let (payload, charset) = match warc_type.as_str() {
            "response"
                if content_type.starts_with("application/http") || content_type.is_empty() =>
            {
                match http_payload(block) {
                    Ok(Some(p)) => p,
                    Ok(None) => return None,
                    Err(msg) => return Some(Err(self.err(ErrorKind::Warc, msg))),
                }
            }
            "resource" | "response" if is_html_type(&content_type) => (
                block.to_vec(),
                header
                    .get("Content-Type")
                    .and_then(html::charset::charset_param)
                    .map(str::to_string),
            ),
            _ => return None,
        };
        if payload.len() > self.limits.max_record_bytes {
            return Some(Err(self.err(
                ErrorKind::TooLarge,
                format!(
                    "decoded page exceeds the {} byte limit (raise --max-record-bytes)",
                    self.limits.max_record_bytes
                ),
            )));
        }
        self.articles += 1;
        let id = format!("{}-{}", self.stem, self.articles);
        let origin = Origin {
            path: self.origin.path.clone(),
            line: Some(self.record),
        };
        Some(html::article_from_bytes(
            &payload,
            charset.as_deref(),
            header
                .get("WARC-Target-URI")
                .map(|u| u.trim_matches(['<', '>'])),
            header.get("WARC-Date"),
            id,
            origin,
        ))
    }
}

impl Iterator for WarcRecords {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        let item = self.next_record();
        match item {
            Some(r) => {
                self.yielded += 1;
                Some(r)
            }
            None if self.yielded == 0 => {
                self.yielded += 1;
                Some(Err(error(
                    &self.origin.path,
                    None,
                    ErrorKind::Empty,
                    "no HTML response records in the WARC file".into(),
                )))
            }
            None => None,
        }
    }
}

fn is_html_type(content_type: &str) -> bool {
    content_type.is_empty()
        || content_type.starts_with("text/html")
        || content_type.starts_with("application/xhtml")
}

/// Split an HTTP response into headers and body, and decode the body. `Ok(None)` when
/// the response is not a successful HTML page.
/// A decoded HTTP body and its declared charset.
type Payload = (Vec<u8>, Option<String>);

fn http_payload(block: &[u8]) -> Result<Option<Payload>, String> {
    let (head_end, body_start) = match find(block, b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => match find(block, b"\n\n") {
            Some(i) => (i, i + 2),
            None => return Err("HTTP response without a header end".into()),
        },
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    if !status_line.starts_with("HTTP/") {
        return Err(format!(
            "not an HTTP response (`{}`)",
            truncate(status_line, 40)
        ));
    }
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    if !(200..300).contains(&status) {
        return Ok(None);
    }
    let mut content_type = None;
    let mut transfer = String::new();
    let mut encoding = String::new();
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim();
        match k.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = Some(v.to_string()),
            "transfer-encoding" => transfer = v.to_ascii_lowercase(),
            "content-encoding" => encoding = v.to_ascii_lowercase(),
            _ => {}
        }
    }
    if let Some(ct) = &content_type {
        if !is_html_type(&ct.to_ascii_lowercase()) {
            return Ok(None);
        }
    }
    let mut body = block[body_start..].to_vec();
    if transfer.contains("chunked") {
        // Some archivers store the body already de-chunked: keep it when it does not
        // parse as chunks.
        if let Some(d) = dechunk(&body) {
            body = d;
        }
    }
    match encoding.as_str() {
        "" | "identity" | "none" => {}
        "gzip" | "x-gzip" => {
            if body.starts_with(&[0x1F, 0x8B]) {
                let mut out = Vec::new();
                flate2::read::MultiGzDecoder::new(&body[..])
                    .read_to_end(&mut out)
                    .map_err(|e| format!("corrupt gzip content encoding: {e}"))?;
                body = out;
            }
        }
        "deflate" => {
            let mut out = Vec::new();
            if flate2::read::ZlibDecoder::new(&body[..])
                .read_to_end(&mut out)
                .is_err()
            {
                out.clear();
                flate2::read::DeflateDecoder::new(&body[..])
                    .read_to_end(&mut out)
                    .map_err(|e| format!("corrupt deflate content encoding: {e}"))?;
            }
            body = out;
        }
        other => return Err(format!("unsupported Content-Encoding `{other}`")),
    }
    let charset = content_type
        .as_deref()
        .and_then(html::charset::charset_param)
        .map(str::to_string);
    Ok(Some((body, charset)))
}

/// Decode `Transfer-Encoding: chunked`; `None` if the bytes are not chunked.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let eol = find(data, b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..eol]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        data = &data[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        if data.len() < size {
            // Truncated last chunk: keep what is there.
            out.extend_from_slice(data);
            return Some(out);
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size..];
        data = data.strip_prefix(b"\r\n").unwrap_or(data);
        if data.is_empty() {
            return Some(out);
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}
