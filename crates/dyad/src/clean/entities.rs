//! HTML character references: the named entities news pages use (Latin-1 and common
//! typography) and numeric references. The table is the HTML standard's, sorted by name.

/// Named entities, sorted by name for binary search.
static NAMED: &[(&str, char)] = &[
    ("AElig", '\u{00C6}'),
    ("Aacute", '\u{00C1}'),
    ("Acirc", '\u{00C2}'),
    ("Agrave", '\u{00C0}'),
    ("Aring", '\u{00C5}'),
    ("Atilde", '\u{00C3}'),
    ("Auml", '\u{00C4}'),
    ("Ccedil", '\u{00C7}'),
    ("Dagger", '\u{2021}'),
    ("ETH", '\u{00D0}'),
    ("Eacute", '\u{00C9}'),
    ("Ecirc", '\u{00CA}'),
    ("Egrave", '\u{00C8}'),
    ("Euml", '\u{00CB}'),
    ("Iacute", '\u{00CD}'),
    ("Icirc", '\u{00CE}'),
    ("Igrave", '\u{00CC}'),
    ("Iuml", '\u{00CF}'),
    ("Ntilde", '\u{00D1}'),
    ("OElig", '\u{0152}'),
    ("Oacute", '\u{00D3}'),
    ("Ocirc", '\u{00D4}'),
    ("Ograve", '\u{00D2}'),
    ("Oslash", '\u{00D8}'),
    ("Otilde", '\u{00D5}'),
    ("Ouml", '\u{00D6}'),
    ("Prime", '\u{2033}'),
    ("Scaron", '\u{0160}'),
    ("THORN", '\u{00DE}'),
    ("Uacute", '\u{00DA}'),
    ("Ucirc", '\u{00DB}'),
    ("Ugrave", '\u{00D9}'),
    ("Uuml", '\u{00DC}'),
    ("Yacute", '\u{00DD}'),
    ("Yuml", '\u{0178}'),
    ("aacute", '\u{00E1}'),
    ("acirc", '\u{00E2}'),
    ("acute", '\u{00B4}'),
    ("aelig", '\u{00E6}'),
    ("agrave", '\u{00E0}'),
    ("amp", '\u{0026}'),
    ("apos", '\u{0027}'),
    ("aring", '\u{00E5}'),
    ("asymp", '\u{2248}'),
    ("atilde", '\u{00E3}'),
    ("auml", '\u{00E4}'),
    ("bdquo", '\u{201E}'),
    ("brvbar", '\u{00A6}'),
    ("bull", '\u{2022}'),
    ("ccedil", '\u{00E7}'),
    ("cedil", '\u{00B8}'),
    ("cent", '\u{00A2}'),
    ("circ", '\u{02C6}'),
    ("copy", '\u{00A9}'),
    ("curren", '\u{00A4}'),
    ("dagger", '\u{2020}'),
    ("darr", '\u{2193}'),
    ("deg", '\u{00B0}'),
    ("divide", '\u{00F7}'),
    ("eacute", '\u{00E9}'),
    ("ecirc", '\u{00EA}'),
    ("egrave", '\u{00E8}'),
    ("emsp", '\u{2003}'),
    ("ensp", '\u{2002}'),
    ("eth", '\u{00F0}'),
    ("euml", '\u{00EB}'),
    ("euro", '\u{20AC}'),
    ("fnof", '\u{0192}'),
    ("frac12", '\u{00BD}'),
    ("frac14", '\u{00BC}'),
    ("frac34", '\u{00BE}'),
    ("ge", '\u{2265}'),
    ("gt", '\u{003E}'),
    ("harr", '\u{2194}'),
    ("hellip", '\u{2026}'),
    ("iacute", '\u{00ED}'),
    ("icirc", '\u{00EE}'),
    ("iexcl", '\u{00A1}'),
    ("igrave", '\u{00EC}'),
    ("infin", '\u{221E}'),
    ("iquest", '\u{00BF}'),
    ("iuml", '\u{00EF}'),
    ("laquo", '\u{00AB}'),
    ("larr", '\u{2190}'),
    ("ldquo", '\u{201C}'),
    ("le", '\u{2264}'),
    ("lrm", '\u{200E}'),
    ("lsaquo", '\u{2039}'),
    ("lsquo", '\u{2018}'),
    ("lt", '\u{003C}'),
    ("macr", '\u{00AF}'),
    ("mdash", '\u{2014}'),
    ("micro", '\u{00B5}'),
    ("middot", '\u{00B7}'),
    ("minus", '\u{2212}'),
    ("nbsp", '\u{00A0}'),
    ("ndash", '\u{2013}'),
    ("ne", '\u{2260}'),
    ("not", '\u{00AC}'),
    ("ntilde", '\u{00F1}'),
    ("oacute", '\u{00F3}'),
    ("ocirc", '\u{00F4}'),
    ("oelig", '\u{0153}'),
    ("ograve", '\u{00F2}'),
    ("ordf", '\u{00AA}'),
    ("ordm", '\u{00BA}'),
    ("oslash", '\u{00F8}'),
    ("otilde", '\u{00F5}'),
    ("ouml", '\u{00F6}'),
    ("para", '\u{00B6}'),
    ("permil", '\u{2030}'),
    ("plusmn", '\u{00B1}'),
    ("pound", '\u{00A3}'),
    ("prime", '\u{2032}'),
    ("quot", '\u{0022}'),
    ("raquo", '\u{00BB}'),
    ("rarr", '\u{2192}'),
    ("rdquo", '\u{201D}'),
    ("reg", '\u{00AE}'),
    ("rlm", '\u{200F}'),
    ("rsaquo", '\u{203A}'),
    ("rsquo", '\u{2019}'),
    ("sbquo", '\u{201A}'),
    ("scaron", '\u{0161}'),
    ("sect", '\u{00A7}'),
    ("shy", '\u{00AD}'),
    ("sup1", '\u{00B9}'),
    ("sup2", '\u{00B2}'),
    ("sup3", '\u{00B3}'),
    ("szlig", '\u{00DF}'),
    ("thinsp", '\u{2009}'),
    ("thorn", '\u{00FE}'),
    ("tilde", '\u{02DC}'),
    ("times", '\u{00D7}'),
    ("trade", '\u{2122}'),
    ("uacute", '\u{00FA}'),
    ("uarr", '\u{2191}'),
    ("ucirc", '\u{00FB}'),
    ("ugrave", '\u{00F9}'),
    ("uml", '\u{00A8}'),
    ("uuml", '\u{00FC}'),
    ("yacute", '\u{00FD}'),
    ("yen", '\u{00A5}'),
    ("yuml", '\u{00FF}'),
    ("zwj", '\u{200D}'),
    ("zwnj", '\u{200C}'),
];

/// Decode the character reference at the start of `s` (which begins with `&`).
/// Returns the character and the number of bytes consumed, or `None` when `s` does
/// not start with a complete, known reference (then the `&` is kept literally).
pub(crate) fn decode(s: &str) -> Option<(char, usize)> {
    let end = s.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let body = &s[1..end];
    let ch = if let Some(num) = body.strip_prefix('#') {
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        char::from_u32(value).filter(|&c| c != '\0')?
    } else {
        let i = NAMED.binary_search_by(|(n, _)| n.cmp(&body)).ok()?;
        NAMED[i].1
    };
    Some((ch, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted() {
        assert!(NAMED.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn decodes_named_and_numeric() {
        assert_eq!(decode("&amp; x"), Some(('&', 5)));
        assert_eq!(decode("&rsquo;s"), Some(('\u{2019}', 7)));
        assert_eq!(decode("&#8212;"), Some(('\u{2014}', 7)));
        assert_eq!(decode("&#x2019;"), Some(('\u{2019}', 8)));
        assert_eq!(decode("&nosuch;"), None);
        assert_eq!(decode("& more; text"), None);
        assert_eq!(decode("&#0;"), None);
    }
}
