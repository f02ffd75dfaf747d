//! Gold event records: `{id, date, text, expected:[{source, target, code}]}`, one
//! JSON object per line (the format of `../shared/data/petrarch2-*.jsonl`).

use std::path::Path;

use serde::Deserialize;

/// One expected event.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct GoldEvent {
    /// Source actor code (`USAGOV`, `---` for unknown).
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// CAMEO code.
    pub code: String,
}

/// One gold record.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldRecord {
    /// Record id.
    pub id: String,
    /// Story date `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// The text to code.
    pub text: String,
    /// Expected events.
    #[serde(default)]
    pub expected: Vec<GoldEvent>,
    /// Test category (PETRARCH suites), if any.
    #[serde(default)]
    pub category: Option<String>,
    /// `false` for records describing features PETRARCH never implemented.
    #[serde(default = "yes")]
    pub implemented: bool,
    /// PETRARCH options the record sets (`require_dyad`, `new_actor_length`, ...).
    #[serde(default)]
    pub config: std::collections::BTreeMap<String, String>,
}

impl GoldRecord {
    /// PETRARCH's `require_dyad` option for this record (default true): when false,
    /// events with one side unknown are coded too (the other side as `---`).
    pub fn require_dyad(&self) -> bool {
        self.config
            .get("require_dyad")
            .is_none_or(|v| !v.trim().eq_ignore_ascii_case("false"))
    }
}

fn yes() -> bool {
    true
}

/// Malformed lines of a gold file: `(line, why)`.
pub type GoldErrors = Vec<(usize, String)>;

/// Read a gold JSONL file. A malformed line is reported as `(line, why)` and skipped.
pub fn read_jsonl(path: &Path) -> std::io::Result<(Vec<GoldRecord>, GoldErrors)> {
    let text = std::fs::read_to_string(path)?;
    let mut records = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<GoldRecord>(line) {
            Ok(mut r) => {
                r.date = r.date.map(|d| compact_date(&d).unwrap_or(d));
                records.push(r)
            }
            Err(e) => errors.push((i + 1, e.to_string())),
        }
    }
    Ok((records, errors))
}

/// PETRARCH's compact dates (`YYMMDD`, `YYYYMMDD`, read by
/// [`crate::dict::petrarch_date`]) as `YYYY-MM-DD`; `None` for anything else.
fn compact_date(d: &str) -> Option<String> {
    let n = crate::dict::petrarch_date(d)?;
    Some(format!(
        "{:04}-{:02}-{:02}",
        n / 10000,
        n / 100 % 100,
        n % 100
    ))
}

#[cfg(test)]
mod tests {
    use super::compact_date;

    #[test]
    fn compact_dates_are_expanded() {
        assert_eq!(compact_date("121108").as_deref(), Some("2012-11-08"));
        assert_eq!(compact_date("950103").as_deref(), Some("1995-01-03"));
        assert_eq!(compact_date("20080806").as_deref(), Some("2008-08-06"));
        assert_eq!(compact_date("2008-08-06"), None);
        assert_eq!(compact_date("1211"), None);
    }
}
