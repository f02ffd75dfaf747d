//! Opening inputs: paths and folders, stdin, transparent zstd/gzip, bounded reads.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use dyad_doc::Origin;

use super::{ErrorKind, IngestError};

/// Largest record (JSONL line or text file) read by default: 64 MiB.
pub const DEFAULT_MAX_RECORD_BYTES: usize = 64 << 20;

/// Size limits that keep memory bounded whatever the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest JSONL line or text file accepted; larger ones are reported and skipped.
    pub max_record_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
        }
    }
}

/// An opened input: a buffered reader over the decompressed bytes.
pub(crate) struct Source {
    pub reader: Box<dyn BufRead + Send>,
    /// Whether the bytes are decompressed (errors then mean corrupt compressed data).
    pub compressed: bool,
}

impl Source {
    /// The first non-whitespace byte of the input, looking only at what is buffered.
    pub fn first_non_space(&mut self) -> Option<u8> {
        let buf = self.reader.fill_buf().ok()?;
        buf.iter().copied().find(|b| !b.is_ascii_whitespace())
    }

    /// The buffered head of the input (empty when it cannot be read), for sniffing.
    pub fn head(&mut self) -> &[u8] {
        self.reader.fill_buf().unwrap_or(&[])
    }
}

pub(crate) fn error(
    path: &str,
    line: Option<u64>,
    kind: ErrorKind,
    message: String,
) -> IngestError {
    IngestError {
        path: path.to_string(),
        line,
        kind,
        message,
    }
}

/// Replace `input` by the files it names: itself, or every file under a folder.
pub(crate) fn expand(input: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<IngestError>) {
    if input.as_os_str() == "-" || input.is_file() {
        out.push(input.to_path_buf());
        return;
    }
    if !input.is_dir() {
        errors.push(error(
            &input.display().to_string(),
            None,
            ErrorKind::Io,
            "no such file or folder".to_string(),
        ));
        return;
    }
    let walker = walkdir::WalkDir::new(input)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => out.push(e.into_path()),
            Ok(_) => {}
            Err(e) => errors.push(error(
                &e.path().unwrap_or(input).display().to_string(),
                None,
                ErrorKind::Io,
                e.to_string(),
            )),
        }
    }
}

/// Open a path (or stdin for `-`), decompressing zstd or gzip by magic bytes.
pub(crate) fn open(path: &Path) -> Result<Source, IngestError> {
    let display = path.display().to_string();
    let raw: Box<dyn Read + Send> = if path.as_os_str() == "-" {
        Box::new(io::stdin())
    } else {
        match File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => return Err(error(&display, None, ErrorKind::Io, e.to_string())),
        }
    };
    let mut buffered = BufReader::with_capacity(1 << 16, raw);
    let head = buffered
        .fill_buf()
        .map_err(|e| error(&display, None, ErrorKind::Io, e.to_string()))?;
    if head.starts_with(&[0x28, 0xB5, 0x2F, 0xFD]) {
        let decoder = zstd::stream::read::Decoder::with_buffer(buffered)
            .map_err(|e| error(&display, None, ErrorKind::Decompress, e.to_string()))?;
        Ok(Source {
            reader: Box::new(BufReader::with_capacity(1 << 16, decoder)),
            compressed: true,
        })
    } else if head.starts_with(&[0x1F, 0x8B]) {
        let decoder = flate2::bufread::MultiGzDecoder::new(buffered);
        Ok(Source {
            reader: Box::new(BufReader::with_capacity(1 << 16, decoder)),
            compressed: true,
        })
    } else {
        Ok(Source {
            reader: Box::new(buffered),
            compressed: false,
        })
    }
}

/// Classify an I/O error met while reading an opened source.
pub(crate) fn read_error(
    source_compressed: bool,
    path: &str,
    line: Option<u64>,
    e: &io::Error,
) -> IngestError {
    let kind = if source_compressed {
        ErrorKind::Decompress
    } else {
        ErrorKind::Io
    };
    error(path, line, kind, format!("read failed: {e}"))
}

/// Read a whole text file (bounded by `limits`), rejecting empty and binary files and
/// repairing invalid UTF-8. Returns the text and any repair notes.
pub(crate) fn read_text(
    source: Source,
    origin: &Origin,
    limits: &Limits,
) -> Result<(String, Vec<String>), IngestError> {
    let path = origin.path.as_str();
    let bytes = read_bytes(source, origin, limits)?;
    if let Some(why) = binary_reason(&bytes) {
        return Err(error(
            path,
            None,
            ErrorKind::Binary,
            format!("binary data, not text ({why})"),
        ));
    }
    Ok(decode_utf8(bytes, path, 1))
}

/// Read a whole file as bytes (bounded by `limits`), rejecting empty files. For
/// formats that decode their own charsets (HTML) or parse bytes (feeds).
pub(crate) fn read_bytes(
    source: Source,
    origin: &Origin,
    limits: &Limits,
) -> Result<Vec<u8>, IngestError> {
    let path = origin.path.as_str();
    let mut bytes = Vec::new();
    let cap = limits.max_record_bytes as u64 + 1;
    source
        .reader
        .take(cap)
        .read_to_end(&mut bytes)
        .map_err(|e| read_error(source.compressed, path, None, &e))?;
    if bytes.len() as u64 == cap {
        return Err(error(
            path,
            None,
            ErrorKind::TooLarge,
            format!(
                "file larger than the {} byte limit (raise --max-record-bytes)",
                limits.max_record_bytes
            ),
        ));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(error(
            path,
            None,
            ErrorKind::Empty,
            "empty file: no text".to_string(),
        ));
    }
    Ok(bytes)
}

/// Why `bytes` look like binary data rather than text, if they do: NUL bytes, or a
/// large share of control characters in the first 8 KiB.
pub(crate) fn binary_reason(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(8192)];
    if let Some(pos) = head.iter().position(|&b| b == 0) {
        return Some(format!("NUL byte at offset {pos}"));
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    (control * 10 > head.len())
        .then(|| format!("{control} control bytes in the first {} bytes", head.len()))
}

/// Decode UTF-8, replacing invalid sequences with U+FFFD and reporting where
/// (`first_line` is the line number of the first byte).
pub(crate) fn decode_utf8(bytes: Vec<u8>, path: &str, first_line: u64) -> (String, Vec<String>) {
    match String::from_utf8(bytes) {
        Ok(s) => (s, Vec::new()),
        Err(e) => {
            let bytes = e.into_bytes();
            let first_bad = std::str::from_utf8(&bytes)
                .err()
                .map_or(0, |e| e.valid_up_to());
            let line =
                first_line + bytes[..first_bad].iter().filter(|&&b| b == b'\n').count() as u64;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let replaced = text.matches('\u{FFFD}').count();
            let note = format!(
                "{path}:{line}: invalid UTF-8 (first at byte {first_bad}); {replaced} sequence(s) replaced with U+FFFD"
            );
            (text, vec![note])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_detection() {
        assert!(binary_reason(b"plain text\nwith lines\n").is_none());
        assert!(binary_reason(b"abc\0def").is_some());
        assert!(binary_reason(&[1u8, 2, 3, 4, 5, b'a']).is_some());
    }

    #[test]
    fn invalid_utf8_is_repaired_and_located() {
        let (text, notes) = decode_utf8(b"ok\nbad \xff here\n".to_vec(), "f.txt", 1);
        assert_eq!(text, "ok\nbad \u{FFFD} here\n");
        assert_eq!(notes.len(), 1);
        assert!(notes[0].starts_with("f.txt:2:"), "{}", notes[0]);
    }
}
