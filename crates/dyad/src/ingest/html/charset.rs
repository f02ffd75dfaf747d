//! Bytes to text: the HTML encoding sniffing rules, simplified.
//!
//! In order: a byte-order mark; bytes that are valid UTF-8 and not plain ASCII are
//! UTF-8 whatever is declared (saved and re-served pages often keep a stale legacy
//! declaration, while legacy-encoded text is almost never valid UTF-8); the charset
//! the transport declared (HTTP `Content-Type`); a `<meta charset>` or
//! `<meta http-equiv=Content-Type>` in the first 16 KiB; otherwise windows-1252 (what
//! browsers assume for legacy Western pages). Decoding goes through `encoding_rs`, so every WHATWG encoding
//! (Shift_JIS, GBK, KOI8-R, ISO-8859-x, ...) is supported; malformed sequences become
//! U+FFFD and are reported.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// The `charset=` parameter of a `Content-Type` value.
pub fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']))
    })
}

/// A `<meta>` charset declaration in the head of a page.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("<meta") {
        rest = &rest[i + 5..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        if let Some(j) = tag.find("charset") {
            let after = tag[j + 7..].trim_start();
            if let Some(after) = after.strip_prefix('=') {
                let value: String = after
                    .trim_start()
                    .trim_start_matches(['"', '\''])
                    .chars()
                    .take_while(|c| !matches!(c, '"' | '\'' | ';' | ' ' | '/' | '>'))
                    .collect();
                if let Some(enc) = Encoding::for_label(value.as_bytes()) {
                    // A page that says UTF-16 in ASCII is not UTF-16.
                    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                        return Some(UTF_8);
                    }
                    return Some(enc);
                }
            }
        }
    }
    None
}

/// Decode a page. Returns the text, the encoding used, and whether bytes were invalid.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> (String, &'static Encoding, bool) {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), enc, had_errors);
    }
    if !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
        let text = String::from_utf8_lossy(bytes).into_owned();
        return (text, UTF_8, false);
    }
    let enc = declared
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(16 << 10)]))
        .unwrap_or_else(|| {
            if std::str::from_utf8(bytes).is_ok() {
                UTF_8
            } else {
                WINDOWS_1252
            }
        });
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    (text.into_owned(), enc, had_errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_order() {
        let latin1 = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>";
        let (t, enc, bad) = decode(latin1, None);
        assert!(t.contains("café"), "{t}");
        assert_eq!(enc.name(), "windows-1252");
        assert!(!bad);
        let (t, _, _) = decode("<p>café</p>".as_bytes(), None);
        assert!(t.contains("café"));
        let (t, enc, _) = decode(b"<p>\xcf\xf0\xe8\xe2\xe5\xf2</p>", Some("windows-1251"));
        // Valid UTF-8 wins over a stale declaration.
        let (t2, enc2, _) = decode("<meta charset=gb2312><p>新电脑</p>".as_bytes(), None);
        assert_eq!(enc2, UTF_8);
        assert!(t2.contains("新电脑"));
        assert_eq!(enc.name(), "windows-1251");
        assert!(t.contains("Привет"), "{t}");
        assert_eq!(
            charset_param("text/html; charset=\"KOI8-R\""),
            Some("KOI8-R")
        );
    }
}
