//! Reading numbers written in digits (`1,800`, `2.5`, `1.13bn`, `600m`) and in words
//! (`twenty-five`, `two million`, `a hundred and fifty`).

/// Value of a cardinal number word below a hundred, or of a scale word.
pub fn word_value(w: &str) -> Option<(f64, bool)> {
    // (value, is_scale)
    let v = match w {
        "zero" | "nil" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "dozen" => return Some((12.0, true)),
        _ => return scale_value(w).map(|s| (s, true)),
    };
    Some((v, false))
}

/// Value of a scale word: `hundred`, `thousand`, `million`, `billion`, `trillion`,
/// and the abbreviations news uses after digits (`bn`, `m`, `mn`, `k`, `tn`).
pub fn scale_value(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 1e2,
        "thousand" | "k" => 1e3,
        "million" | "m" | "mn" | "mln" | "mil" => 1e6,
        "billion" | "bn" | "b" | "bln" => 1e9,
        "trillion" | "tn" | "trn" | "tr" => 1e12,
        _ => return None,
    })
}

/// Plural scale words used as vague amounts: `hundreds of`, `thousands`, `dozens`.
pub fn plural_scale(w: &str) -> Option<f64> {
    Some(match w {
        "dozens" => 12.0,
        "scores" => 20.0,
        "hundreds" => 1e2,
        "thousands" => 1e3,
        "millions" => 1e6,
        "billions" => 1e9,
        "tens" => 10.0,
        _ => return None,
    })
}

/// A number written in digits at the start of `s`, with what follows it:
/// `1,800km` → `(1800.0, "km")`, `2.5` → `(2.5, "")`. `None` when `s` does not
/// start with a well-formed number (bad comma groups, several points, a colon or
/// hyphen inside: times, scores, phone numbers).
pub fn parse_digits(s: &str) -> Option<(f64, &str)> {
    let end = s
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .map_or(s.len(), |(i, _)| i);
    let (num, rest) = s.split_at(end);
    // A trailing period or comma is punctuation, not part of the number.
    let num = num.trim_end_matches(['.', ',']);
    if num.is_empty() || !num.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if rest.starts_with([':', '-', '/', '\u{2013}']) {
        return None;
    }
    let (int, frac) = match num.split_once('.') {
        Some((i, f)) => {
            if f.contains(['.', ',']) || f.is_empty() {
                return None;
            }
            (i, Some(f))
        }
        None => (num, None),
    };
    if int.contains(',') {
        let mut groups = int.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
            return None;
        }
    }
    let digits: String = int.chars().filter(|c| *c != ',').collect();
    let text = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    let value: f64 = text.parse().ok()?;
    Some((value, &s[num.len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits() {
        assert_eq!(parse_digits("1,800"), Some((1800.0, "")));
        assert_eq!(parse_digits("1,800km"), Some((1800.0, "km")));
        assert_eq!(parse_digits("1.13bn"), Some((1.13, "bn")));
        assert_eq!(parse_digits("2.5"), Some((2.5, "")));
        assert_eq!(parse_digits("1st"), Some((1.0, "st")));
        assert_eq!(parse_digits("10:30"), None);
        assert_eq!(parse_digits("555-0199"), None);
        assert_eq!(parse_digits("1,80"), None);
        assert_eq!(parse_digits("1.2.3"), None);
        assert_eq!(parse_digits("abc"), None);
        assert_eq!(parse_digits(""), None);
    }

    #[test]
    fn words() {
        assert_eq!(word_value("twenty"), Some((20.0, false)));
        assert_eq!(word_value("million"), Some((1e6, true)));
        assert_eq!(word_value("table"), None);
        assert_eq!(plural_scale("thousands"), Some(1e3));
    }
}
