//! The CAMEO event-code table: every CAMEO code with its root, quad class, Goldstein
//! score, PLOVER category and mode, and name.
//!
//! The data lives in `data/cameo/codes.tsv` (built by `scripts/make_cameo_table.py` from
//! the GDELT and ICEWS CAMEO tables and the PLOVER CAMEO-to-PLOVER table; see the file's
//! header for sources and licences) and is compiled into the binary; [`CameoTable::builtin`]
//! parses it once.
//!
//! Codes are strings: `010` ("make statement") and `10` (the DEMAND root) differ.
//!
//! ```
//! use dyad::events::cameo::{self, CameoTable};
//!
//! let table = CameoTable::builtin();
//! let code = table.get("190").unwrap();
//! assert_eq!(code.goldstein, -10.0);
//! assert_eq!(code.quad_class, 4);
//! assert_eq!(code.plover_type.as_deref(), Some("assault"));
//! assert_eq!(cameo::root_of("1011"), "10");
//! // Non-standard codes fall back to the nearest listed prefix.
//! assert_eq!(table.lookup_or_parent("0428").unwrap().code, "042");
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

/// The built-in table's text (`data/cameo/codes.tsv`).
const BUILTIN_TSV: &str = include_str!("../../../../data/cameo/codes.tsv");

/// The column header every table file must have (after its `#` comment lines).
pub const HEADER: &str = "code\troot\tquad_class\tgoldstein\tplover_type\tplover_mode\tname";

/// One CAMEO event code.
#[derive(Debug, Clone, PartialEq)]
pub struct CameoCode {
    /// The code as written, 2 to 4 digits (`"01"`, `"010"`, `"0211"`).
    pub code: String,
    /// The two-digit root (`"01"` to `"20"`); see [`root_of`].
    pub root: String,
    /// GDELT's QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal
    /// conflict, 4 material conflict; see [`quad_class_of_root`].
    pub quad_class: u8,
    /// Goldstein conflict-cooperation score, -10.0 to 10.0.
    pub goldstein: f32,
    /// PLOVER event category in lower case (`"agree"`, `"consult"`, `"assault"`), where
    /// the CAMEO-to-PLOVER table maps the code (it has no rows for roots 01 and 02).
    pub plover_type: Option<String>,
    /// PLOVER mode (`"visit"`, `"phone"`, `"assist"`), where the table gives one.
    pub plover_mode: Option<String>,
    /// The CAMEO name (`"Make a visit"`).
    pub name: String,
}

/// A malformed CAMEO table: where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name}:{line}: {message}")]
pub struct CameoParseError {
    /// The name the text was parsed under (usually a file name).
    pub name: String,
    /// 1-based line number of the bad line.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

/// A CAMEO code table, indexed by code.
#[derive(Debug, Clone, Default)]
pub struct CameoTable {
    codes: Vec<CameoCode>,
    index: HashMap<String, usize>,
}

impl CameoTable {
    /// The built-in table (`data/cameo/codes.tsv`, compiled in), parsed on first use.
    pub fn builtin() -> &'static CameoTable {
        static TABLE: OnceLock<CameoTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            parse(BUILTIN_TSV, "data/cameo/codes.tsv")
                .expect("the built-in CAMEO table is checked by the cameo tests")
        })
    }

    /// Parses a table; the same as the free function [`parse`].
    pub fn parse(text: &str, name: &str) -> Result<CameoTable, CameoParseError> {
        parse(text, name)
    }

    /// The entry for exactly `code`, if listed.
    pub fn get(&self, code: &str) -> Option<&CameoCode> {
        self.index.get(code).map(|&i| &self.codes[i])
    }

    /// The entry for `code`, or else for its longest listed prefix of at least two
    /// characters: `0428` → `042`, `1214` → `121`. Non-standard codes that no prefix
    /// fits (`345`, `99`, `""`) give `None`. Never panics.
    pub fn lookup_or_parent(&self, code: &str) -> Option<&CameoCode> {
        let code = code.trim();
        if let Some(c) = self.get(code) {
            return Some(c);
        }
        // Shorten one character at a time, respecting char boundaries.
        let mut end = code.len();
        while let Some((last, _)) = code[..end].char_indices().next_back() {
            end = last;
            if code[..end].chars().count() < 2 {
                break;
            }
            if let Some(c) = self.get(&code[..end]) {
                return Some(c);
            }
        }
        None
    }

    /// All entries, in file order.
    pub fn iter(&self) -> impl Iterator<Item = &CameoCode> {
        self.codes.iter()
    }

    /// Number of codes.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether the table has no codes.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

/// The two-digit root of a CAMEO code: its first two characters (`010` → `01`,
/// `1011` → `10`, `20` → `20`). A code shorter than two characters is returned whole.
pub fn root_of(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

/// GDELT's QuadClass for a root (or any code, whose [`root_of`] is used): 01-05 → 1
/// (verbal cooperation), 06-08 → 2 (material cooperation), 09-13 → 3 (verbal conflict),
/// 14-20 → 4 (material conflict). Anything else (not digits, `00`, above `20`) → 0.
pub fn quad_class_of_root(root: &str) -> u8 {
    let root = root_of(root.trim());
    if root.is_empty() || !root.bytes().all(|b| b.is_ascii_digit()) {
        return 0;
    }
    match root.parse::<u8>() {
        Ok(1..=5) => 1,
        Ok(6..=8) => 2,
        Ok(9..=13) => 3,
        Ok(14..=20) => 4,
        _ => 0,
    }
}

/// Parses a CAMEO table: `#` comment lines and blank lines anywhere, then the
/// [`HEADER`] line, then one tab-separated row per code with the columns `code root
/// quad_class goldstein plover_type plover_mode name` (the PLOVER columns may be empty).
///
/// Each row is checked: the code is 2-4 ASCII digits and not repeated, the root is the
/// code's [`root_of`], the quad class is [`quad_class_of_root`] of it, the Goldstein
/// score is a number in -10..=10, the name is not empty. `name` labels errors.
pub fn parse(text: &str, name: &str) -> Result<CameoTable, CameoParseError> {
    let err = |line: usize, message: String| CameoParseError {
        name: name.to_string(),
        line,
        message,
    };
    let mut table = CameoTable::default();
    let mut seen_header = false;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if !seen_header {
            if line != HEADER {
                return Err(err(
                    line_no,
                    format!("expected the header line {HEADER:?}, found {line:?}"),
                ));
            }
            seen_header = true;
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != 7 {
            return Err(err(
                line_no,
                format!("expected 7 tab-separated columns, found {}", fields.len()),
            ));
        }
        let code = fields[0].trim();
        if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err(
                line_no,
                format!("bad code {code:?}: expected 2-4 digits"),
            ));
        }
        let root = fields[1].trim();
        if root != root_of(code) {
            return Err(err(
                line_no,
                format!("root {root:?} does not match code {code:?}"),
            ));
        }
        let expected_quad = quad_class_of_root(root);
        if expected_quad == 0 {
            return Err(err(line_no, format!("root {root:?} is not 01-20")));
        }
        let quad_class: u8 = fields[2]
            .trim()
            .parse()
            .map_err(|_| err(line_no, format!("bad quad_class {:?}", fields[2])))?;
        if quad_class != expected_quad {
            return Err(err(
                line_no,
                format!("quad_class {quad_class} for root {root}, expected {expected_quad}"),
            ));
        }
        let goldstein: f32 = fields[3]
            .trim()
            .parse()
            .map_err(|_| err(line_no, format!("bad goldstein {:?}", fields[3])))?;
        if !(-10.0..=10.0).contains(&goldstein) {
            return Err(err(
                line_no,
                format!("goldstein {goldstein} outside -10..=10"),
            ));
        }
        let opt = |s: &str| {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_string())
        };
        let code_name = fields[6].trim();
        if code_name.is_empty() {
            return Err(err(line_no, format!("empty name for code {code}")));
        }
        if table.index.contains_key(code) {
            return Err(err(line_no, format!("duplicate code {code}")));
        }
        table.index.insert(code.to_string(), table.codes.len());
        table.codes.push(CameoCode {
            code: code.to_string(),
            root: root.to_string(),
            quad_class,
            goldstein,
            plover_type: opt(fields[4]).map(|s| s.to_lowercase()),
            plover_mode: opt(fields[5]),
            name: code_name.to_string(),
        });
    }
    if !seen_header {
        return Err(err(
            text.lines().count().max(1),
            format!("no header line {HEADER:?}"),
        ));
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> &'static CameoTable {
        CameoTable::builtin()
    }

    #[test]
    fn builtin_parses_with_all_codes() {
        let table = parse(BUILTIN_TSV, "codes.tsv").unwrap();
        assert_eq!(table.len(), 312);
        assert_eq!(t().len(), 312);
        assert!(!t().is_empty());
        // Every root 01-20 is present, with its own quad class.
        for r in 1..=20 {
            let root = format!("{r:02}");
            let c = t()
                .get(&root)
                .unwrap_or_else(|| panic!("root {root} missing"));
            assert_eq!(c.root, root);
            assert_eq!(c.quad_class, quad_class_of_root(&root));
        }
        for c in t().iter() {
            assert_eq!(c.root, root_of(&c.code));
            assert!((1..=4).contains(&c.quad_class));
        }
    }

    #[test]
    fn goldstein_values() {
        let g = |code: &str| t().get(code).unwrap().goldstein;
        assert_eq!(g("190"), -10.0);
        assert_eq!(g("042"), 1.9);
        assert_eq!(g("0211"), 3.4);
        assert_eq!(g("010"), 0.0);
        assert_eq!(g("10"), -5.0);
        assert_eq!(g("016"), -2.0); // GDELT, not ICEWS's -5
        assert_eq!(g("106"), -5.0); // ICEWS only
        assert_eq!(g("1213"), -4.0); // ICEWS only
        assert_eq!(g("057"), 8.0);
        assert_eq!(g("2042"), -10.0);
    }

    #[test]
    fn codes_are_strings() {
        assert_eq!(
            t().get("010").unwrap().name,
            "Make statement, not specified below"
        );
        assert_eq!(t().get("10").unwrap().name, "DEMAND");
        assert_eq!(t().get("010").unwrap().quad_class, 1);
        assert_eq!(t().get("10").unwrap().quad_class, 3);
        assert!(t().get("0010").is_none());
    }

    #[test]
    fn roots() {
        assert_eq!(root_of("010"), "01");
        assert_eq!(root_of("1011"), "10");
        assert_eq!(root_of("20"), "20");
        assert_eq!(root_of("0211"), "02");
        assert_eq!(root_of("1"), "1");
        assert_eq!(root_of(""), "");
        assert_eq!(root_of("é1"), "é");
    }

    #[test]
    fn quad_classes() {
        for (root, q) in [
            ("01", 1),
            ("05", 1),
            ("06", 2),
            ("08", 2),
            ("09", 3),
            ("13", 3),
            ("14", 4),
            ("20", 4),
            ("00", 0),
            ("21", 0),
            ("ab", 0),
            ("", 0),
        ] {
            assert_eq!(quad_class_of_root(root), q, "root {root}");
        }
        assert_eq!(quad_class_of_root("1011"), 3);
        assert_eq!(t().get("0874").unwrap().quad_class, 2);
        assert_eq!(t().get("145").unwrap().quad_class, 4);
    }

    #[test]
    fn plover() {
        let c = t().get("190").unwrap();
        assert_eq!(c.plover_type.as_deref(), Some("assault"));
        assert_eq!(c.plover_mode, None);
        let c = t().get("042").unwrap();
        assert_eq!(c.plover_type.as_deref(), Some("consult"));
        assert_eq!(c.plover_mode.as_deref(), Some("visit"));
        let c = t().get("036").unwrap();
        assert_eq!(c.plover_type.as_deref(), Some("agree"));
        // Roots 01 and 02 have no PLOVER mapping.
        assert_eq!(t().get("010").unwrap().plover_type, None);
        assert_eq!(t().get("0211").unwrap().plover_type, None);
    }

    #[test]
    fn lookup_or_parent_falls_back() {
        assert_eq!(t().lookup_or_parent("0874").unwrap().code, "0874");
        assert_eq!(t().lookup_or_parent("0428").unwrap().code, "042");
        assert_eq!(t().lookup_or_parent("1214").unwrap().code, "121");
        assert_eq!(t().lookup_or_parent("1999").unwrap().code, "19");
        assert_eq!(t().lookup_or_parent(" 042 ").unwrap().code, "042");
        assert!(t().lookup_or_parent("345").is_none());
        assert!(t().lookup_or_parent("99").is_none());
        assert!(t().lookup_or_parent("9").is_none());
        assert!(t().lookup_or_parent("").is_none());
        assert!(t().lookup_or_parent("0é").is_none());
        assert!(t().lookup_or_parent("éé0").is_none());
        assert_eq!(t().lookup_or_parent("04é").unwrap().code, "04");
    }

    #[test]
    fn malformed_rows_report_line_numbers() {
        let good = format!("# comment\n{HEADER}\n01\t01\t1\t0.0\t\t\tMAKE PUBLIC STATEMENT\n");
        assert_eq!(parse(&good, "x").unwrap().len(), 1);

        let bad = format!("{good}\n190\t19\t4\tlots\tassault\t\tUse force\n");
        let e = parse(&bad, "x.tsv").unwrap_err();
        assert_eq!(e.line, 5);
        assert_eq!(e.name, "x.tsv");
        assert!(e.message.contains("goldstein"), "{e}");
        assert!(e.to_string().starts_with("x.tsv:5: "), "{e}");

        let cases = [
            ("190\t19\t4\t-10.0\tassault\tUse force\n", "columns"),
            ("19a\t19\t4\t-10.0\t\t\tx\n", "bad code"),
            ("190\t18\t4\t-10.0\t\t\tx\n", "root"),
            ("190\t19\t3\t-10.0\t\t\tx\n", "quad_class"),
            ("190\t19\t4\t-11.0\t\t\tx\n", "outside"),
            ("190\t19\t4\t-10.0\t\t\t \n", "empty name"),
            ("01\t01\t1\t0.0\t\t\tagain\n", "duplicate"),
        ];
        for (row, want) in cases {
            let e = parse(&format!("{good}{row}"), "x").unwrap_err();
            assert_eq!(e.line, 4, "{row:?}: {e}");
            assert!(e.message.contains(want), "{row:?}: {e}");
        }

        let e = parse("# only\ncode\troot\n", "h").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(parse("", "empty").is_err());
    }
}
