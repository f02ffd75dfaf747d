//! Dictionary files: the one reader for Dyad's block-format data files
//! (`data/dict/*.txt`) and the date ranges they use.
//!
//! A file is a sequence of blocks. A block starts with a header line `[ID]`; the
//! lines under it are either `key: item; item; ...` field lines or bare
//! `item; item; ...` phrase lines. `#` starts a comment line. Every error names the
//! file and the 1-based line. See `data/dict/README.md` for the full format.
//!
//! ```
//! let text = "# demo\n[ARN]\nnames: Arnor; Arnor?\n";
//! let blocks = dyad::dict::parse_blocks("demo.txt", text, &["names"]).unwrap();
//! assert_eq!(blocks[0].id, "ARN");
//! assert_eq!(blocks[0].fields[0].items[1].text, "Arnor");
//! assert!(blocks[0].fields[0].items[1].ambiguous);
//! ```

use std::fmt;

/// A malformed line in a dictionary file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DictError {
    /// File name as given by the caller.
    pub file: String,
    /// 1-based line number (0 when the error concerns the whole file).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl DictError {
    /// An error at `line` of `file`.
    pub fn new(file: &str, line: usize, message: impl Into<String>) -> DictError {
        DictError {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for DictError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for DictError {}

/// One `;`-separated item of a field or phrase line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// The text, trimmed, without a trailing `?`.
    pub text: String,
    /// The item ended in `?`: it needs supporting context to be accepted.
    pub ambiguous: bool,
}

/// A field line (`key: items`) or a phrase line (key `""`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The key, or `""` for a phrase line.
    pub key: String,
    /// Items in order.
    pub items: Vec<Item>,
    /// 1-based line number.
    pub line: usize,
}

/// A `[ID]` block and its lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// The text between the brackets.
    pub id: String,
    /// 1-based line number of the header.
    pub line: usize,
    /// Field and phrase lines in file order.
    pub fields: Vec<Field>,
}

impl Block {
    /// Items of every line with `key`, in order.
    pub fn items<'a>(&'a self, key: &'a str) -> impl Iterator<Item = (&'a Item, usize)> + 'a {
        self.fields
            .iter()
            .filter(move |f| f.key == key)
            .flat_map(|f| f.items.iter().map(move |i| (i, f.line)))
    }
}

/// Parse a block file. `keys` lists the field keys allowed; a line without a
/// `key: ` prefix is a phrase line (key `""`), allowed only when `keys` contains `""`.
pub fn parse_blocks(file: &str, text: &str, keys: &[&str]) -> Result<Vec<Block>, DictError> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            let id = rest
                .strip_suffix(']')
                .map(str::trim)
                .filter(|id| !id.is_empty() && !id.contains(['[', ']']))
                .ok_or_else(|| DictError::new(file, n, format!("bad block header `{line}`")))?;
            if !seen.insert(id.to_string()) {
                return Err(DictError::new(
                    file,
                    n,
                    format!("block [{id}] occurs twice"),
                ));
            }
            blocks.push(Block {
                id: id.to_string(),
                line: n,
                fields: Vec::new(),
            });
            continue;
        }
        let Some(block) = blocks.last_mut() else {
            return Err(DictError::new(
                file,
                n,
                "text before the first [ID] block header",
            ));
        };
        let (key, rest) = match split_key(line) {
            Some((key, rest)) => (key, rest),
            None => ("", line),
        };
        if !keys.contains(&key) {
            let message = if key.is_empty() {
                format!("expected `key: items` (keys: {})", keys.join(", "))
            } else {
                format!("unknown key `{key}` (allowed: {})", keys.join(", "))
            };
            return Err(DictError::new(file, n, message));
        }
        let items = split_items(rest);
        if items.is_empty() {
            return Err(DictError::new(file, n, "no items on the line"));
        }
        block.fields.push(Field {
            key: key.to_string(),
            items,
            line: n,
        });
    }
    Ok(blocks)
}

/// `key: rest` when the line starts with a lower-case ASCII key, a colon and a space.
fn split_key(line: &str) -> Option<(&str, &str)> {
    let colon = line.find(": ")?;
    let key = &line[..colon];
    (!key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase()))
        .then(|| (key, &line[colon + 2..]))
}

/// Split `a; b?; c` into items.
pub fn split_items(s: &str) -> Vec<Item> {
    s.split(';')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| match t.strip_suffix('?') {
            Some(core) => Item {
                text: core.trim_end().to_string(),
                ambiguous: true,
            },
            None => Item {
                text: t.to_string(),
                ambiguous: false,
            },
        })
        .collect()
}

/// An inclusive range of dates, each as `YYYYMMDD`; either end may be open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateRange {
    /// First day, if bounded.
    pub from: Option<u32>,
    /// Last day, if bounded.
    pub to: Option<u32>,
}

impl DateRange {
    /// Parse `FROM-TO` where each end is `YYYYMMDD`, `YYYYMM`, `YYYY` or empty.
    pub fn parse(s: &str) -> Result<DateRange, String> {
        let (a, b) = s
            .split_once('-')
            .ok_or_else(|| format!("date range `{s}` needs a `-`"))?;
        let from = parse_end(a, false)?;
        let to = parse_end(b, true)?;
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(format!("date range `{s}` ends before it starts"));
            }
        }
        Ok(DateRange { from, to })
    }

    /// Does the range contain `date` (`YYYYMMDD`)?
    pub fn contains(&self, date: u32) -> bool {
        self.from.is_none_or(|f| date >= f) && self.to.is_none_or(|t| date <= t)
    }

    /// Is the range open at its end (still current)?
    pub fn is_current(&self) -> bool {
        self.to.is_none()
    }
}

fn parse_end(s: &str, end: bool) -> Result<Option<u32>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{s}` is not a date (YYYYMMDD, YYYYMM or YYYY)"));
    }
    let n: u32 = s.parse().map_err(|_| format!("`{s}` is not a date"))?;
    let date = match s.len() {
        8 => n,
        6 => n * 100 + if end { 31 } else { 1 },
        4 => n * 10000 + if end { 1231 } else { 101 },
        _ => return Err(format!("`{s}` is not a date (YYYYMMDD, YYYYMM or YYYY)")),
    };
    let (m, d) = (date / 100 % 100, date % 100);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(format!("`{s}` is not a valid date"));
    }
    Ok(Some(date))
}

/// A story date `YYYY-MM-DD` (or `YYYYMMDD`, or a longer ISO timestamp) as `YYYYMMDD`.
pub fn date_key(iso: &str) -> Option<u32> {
    let digits: String = iso.chars().filter(|c| c.is_ascii_digit()).take(8).collect();
    (digits.len() == 8).then(|| digits.parse().ok()).flatten()
}

/// A PETRARCH/TABARI date, `YYYYMMDD` or `YYMMDD` (00–40 → 20xx, else 19xx), as
/// the number `YYYYMMDD`.
pub fn petrarch_date(s: &str) -> Option<u32> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = s.parse().ok()?;
    match s.len() {
        6 => {
            let yy = n / 10000;
            let century = if yy <= 40 { 2000 } else { 1900 };
            Some((century + yy) * 10000 + n % 10000)
        }
        8 => Some(n),
        _ => None,
    }
}

/// Lines of a PETRARCH/TABARI file without comments (`#` to the end of the line,
/// `<!-- -->` across lines), trimmed, with their 1-based numbers; blank lines dropped.
pub fn petrarch_lines(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for (i, raw) in text.lines().enumerate() {
        let mut line = String::new();
        let mut rest = raw;
        loop {
            if in_comment {
                match rest.find("-->") {
                    Some(p) => {
                        rest = &rest[p + 3..];
                        in_comment = false;
                    }
                    None => break,
                }
            } else if let Some(p) = rest.find("<!--") {
                line.push_str(&rest[..p]);
                rest = &rest[p + 4..];
                in_comment = true;
            } else {
                line.push_str(rest);
                break;
            }
        }
        let line = line.split('#').next().unwrap_or("").trim();
        if !line.is_empty() {
            out.push((i + 1, line.to_string()));
        }
    }
    out
}

/// Split a PETRARCH line `PHRASE [CODE] [CODE]... rest` into the phrase, the
/// bracketed codes and whatever follows them.
pub fn petrarch_codes(line: &str) -> Result<(&str, Vec<&str>, &str), String> {
    let Some(open) = line.find('[') else {
        return Ok((line.trim(), Vec::new(), ""));
    };
    let mut codes = Vec::new();
    let mut rest = &line[open..];
    while let Some(r) = rest.strip_prefix('[') {
        let close = r
            .find(']')
            .ok_or_else(|| format!("`{line}`: `[` without `]`"))?;
        codes.push(&r[..close]);
        rest = r[close + 1..].trim_start();
    }
    Ok((line[..open].trim(), codes, rest))
}

/// Which dictionaries to use: Dyad's own, and files or folders given at run time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DictSources {
    /// Use the compiled-in dictionaries.
    pub builtin: bool,
    /// Extra files or folders (`--dict`), loaded in order after the built-in ones.
    pub paths: Vec<std::path::PathBuf>,
}

impl Default for DictSources {
    fn default() -> DictSources {
        DictSources {
            builtin: true,
            paths: Vec::new(),
        }
    }
}

/// One dictionary file read from disk.
#[derive(Clone, Debug)]
pub struct DictFile {
    /// Path as given (used in error messages and rule ids).
    pub name: String,
    /// Its text.
    pub text: String,
}

/// Read every file named by `paths`; a folder contributes its files (recursively,
/// in name order; hidden files and `README*` skipped).
pub fn read_files(paths: &[std::path::PathBuf]) -> Result<Vec<DictFile>, DictError> {
    let mut out = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        if path.is_dir() {
            let mut files: Vec<std::path::PathBuf> = walkdir::WalkDir::new(path)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .filter(|p| {
                    let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    !n.starts_with('.') && !n.to_ascii_lowercase().starts_with("readme")
                })
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(DictError::new(
                    &shown,
                    0,
                    "folder holds no dictionary files",
                ));
            }
            for f in files {
                out.push(read_one(&f)?);
            }
        } else {
            out.push(read_one(path)?);
        }
    }
    Ok(out)
}

fn read_one(path: &std::path::Path) -> Result<DictFile, DictError> {
    let name = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|e| DictError::new(&name, 0, format!("cannot read: {e}")))?;
    if bytes.contains(&0) {
        return Err(DictError::new(&name, 0, "binary data, not a dictionary"));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            // Old dictionaries are often Latin-1: decode rather than refuse.
            let bytes = e.into_bytes();
            bytes.iter().map(|&b| b as char).collect()
        }
    };
    Ok(DictFile { name, text })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_fields_and_phrase_lines() {
        let text = "# c\n[GOV]\ngovernment; regime\n\n[USA]\nnames: US; America?\nnames: U.S.\n";
        let blocks = parse_blocks("t.txt", text, &["", "names"]).unwrap();
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].fields[0].key, "");
        assert_eq!(blocks[0].fields[0].items.len(), 2);
        let names: Vec<_> = blocks[1]
            .items("names")
            .map(|(i, l)| (i.text.as_str(), i.ambiguous, l))
            .collect();
        assert_eq!(
            names,
            [("US", false, 6), ("America", true, 6), ("U.S.", false, 7)]
        );
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse_blocks("x.txt", "names: a\n", &["names"]).unwrap_err();
        assert_eq!((e.line, e.file.as_str()), (1, "x.txt"));
        let e = parse_blocks("x.txt", "[A]\nnames: a\ncolour: red\n", &["names"]).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("colour"), "{e}");
        let e = parse_blocks("x.txt", "[A]\n[A]\n", &["names"]).unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse_blocks("x.txt", "[A\n", &["names"]).unwrap_err();
        assert_eq!(e.line, 1);
        let e = parse_blocks("x.txt", "[A]\nnames: ;\n", &["names"]).unwrap_err();
        assert_eq!(e.line, 2);
    }

    #[test]
    fn binary_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.actors.txt");
        std::fs::write(&path, b"ARNOR [ARN]\n\0\x01\x02").unwrap();
        let e = read_files(&[path]).unwrap_err();
        assert!(e.message.contains("binary"), "{e}");
    }

    #[test]
    fn date_ranges() {
        let r = DateRange::parse("20170120-20210120").unwrap();
        assert!(r.contains(20170120) && r.contains(20210120) && !r.contains(20210121));
        let r = DateRange::parse("1991-").unwrap();
        assert_eq!(r.from, Some(19910101));
        assert!(r.is_current());
        let r = DateRange::parse("-199112").unwrap();
        assert_eq!(r.to, Some(19911231));
        assert!(DateRange::parse("2020").is_err());
        assert!(DateRange::parse("20201301-").is_err());
        assert!(DateRange::parse("2021-2020").is_err());
        assert_eq!(date_key("2008-08-04"), Some(20080804));
        assert_eq!(date_key("2008-08"), None);
    }
}
