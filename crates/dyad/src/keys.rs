//! Lookup keys without allocating: lower-casing short ASCII words on the stack,
//! comparing a word with a lower-case key, and a fast hasher for maps keyed by
//! words (`dyad code` looks up every token several times).
//!
//! ```
//! use dyad::keys::{lowercase_eq, with_lowercase};
//! assert!(lowercase_eq("Attacked", "attacked"));
//! assert!(!lowercase_eq("Attacked", "Attacked"));
//! assert_eq!(with_lowercase("ÉTAT", |k| k.to_string()), "état");
//! ```

pub use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};

/// Longest word lower-cased on the stack.
const STACK: usize = 64;

/// Calls `f` with `text` lower-cased exactly as [`str::to_lowercase`] does; short
/// ASCII text (nearly every token) is lower-cased in a stack buffer.
pub fn with_lowercase<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    if text.len() <= STACK && text.is_ascii() {
        let mut buf = [0u8; STACK];
        let lower = &mut buf[..text.len()];
        lower.copy_from_slice(text.as_bytes());
        lower.make_ascii_lowercase();
        f(std::str::from_utf8(lower).expect("ASCII stays ASCII"))
    } else {
        f(&text.to_lowercase())
    }
}

/// `text.to_lowercase() == key`, without allocating for ASCII text.
pub fn lowercase_eq(text: &str, key: &str) -> bool {
    if text.len() == key.len() {
        if text.is_ascii() {
            return text
                .bytes()
                .zip(key.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b);
        }
    } else if text.is_ascii() {
        // ASCII lower-casing keeps the length.
        return false;
    }
    text.to_lowercase() == key
}

/// `crate::events::verbs::head_key(word) == key` (lower case, British spellings
/// folded), without allocating for short ASCII words.
pub fn head_key_eq(word: &str, key: &str) -> bool {
    use crate::syntax::lemma::{spelling_key, spelling_unchanged_ascii, MAX_RESPELL_DELTA};
    if word.is_ascii() {
        // Lower-casing ASCII keeps the length; respelling changes it by little.
        if word.len().abs_diff(key.len()) > MAX_RESPELL_DELTA {
            return false;
        }
        if spelling_unchanged_ascii(word) {
            return lowercase_eq(word, key);
        }
    }
    with_lowercase(word, |lower| spelling_key(lower) == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::verbs::head_key;

    #[test]
    fn agree_with_the_allocating_versions() {
        let words = [
            "Attacked",
            "attacked",
            "ATTACK",
            "Criticise",
            "criticize",
            "Defence",
            "Labour",
            "ΟΔΟΣ",
            "Straße",
            "İstanbul",
            "",
            "x",
            "a-very-long-hyphenated-token-that-is-longer-than-the-stack-buffer-used",
        ];
        for w in words {
            assert_eq!(with_lowercase(w, str::to_string), w.to_lowercase(), "{w}");
            for k in words
                .iter()
                .copied()
                .chain(["defense", "labor", "criticize"])
            {
                assert_eq!(lowercase_eq(w, k), w.to_lowercase() == k, "{w} {k}");
                assert_eq!(head_key_eq(w, k), head_key(w) == k, "{w} {k}");
            }
        }
    }
}
