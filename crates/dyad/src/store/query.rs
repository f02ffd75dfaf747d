//! Reading the store: filtered events (merged across mentions), single mentions,
//! and a dyad's series over time.
//!
//! Filters select *events*; the counts of a selected event are over all its mentions
//! (a text search that matches one sentence still reports every article that
//! mentions the event). Only events `dyad code` would emit (both actors coded, not
//! negated, asserted or future) are read unless [`EventFilter::include_flagged`].

use std::collections::BTreeMap;

use rusqlite::types::Value;
use serde::Serialize;

use super::{Store, StoreError};

/// Which events to read. Codes match by prefix (`USA` matches `USAGOV`).
#[derive(Clone, Debug, Default)]
pub struct EventFilter {
    /// Actor code prefix on either side.
    pub actor: Option<String>,
    /// Source and target code prefixes (`USA-PRK`).
    pub dyad: Option<(String, String)>,
    /// With `dyad`: also the reverse direction.
    pub both_directions: bool,
    /// CAMEO code prefix (`19` for a root, `190`, `0311`).
    pub code: Option<String>,
    /// QuadClass 1-4.
    pub quad_class: Option<u8>,
    /// First day (`YYYY-MM-DD`), inclusive.
    pub from: Option<String>,
    /// Last day, inclusive.
    pub to: Option<String>,
    /// SQLite FTS5 query over the sentences that mention the event.
    pub text: Option<String>,
    /// Also negated, hypothetical and partial (one side uncoded) events.
    pub include_flagged: bool,
    /// Most events to return.
    pub limit: Option<usize>,
}

/// Parse a dyad argument `SRC-TGT` (either side may be empty: `USA-` or `-PRK`).
/// Codes may start with dashes (`---GOV`, a role without a country): the split is at
/// the first dash that follows a letter or digit.
pub fn parse_dyad(s: &str) -> Result<(String, String), StoreError> {
    let split = s
        .char_indices()
        .find(|&(i, c)| c == '-' && s[..i].chars().any(|c| c.is_ascii_alphanumeric()))
        .map(|(i, _)| i)
        .or_else(|| s.find('-').filter(|&i| !s[i + 1..].starts_with('-')))
        .ok_or_else(|| StoreError::Filter(format!("dyad `{s}`: expected SOURCE-TARGET")))?;
    let (a, b) = (&s[..split], &s[split + 1..]);
    Ok((a.trim().to_ascii_uppercase(), b.trim().to_ascii_uppercase()))
}

fn check_code(what: &str, code: &str) -> Result<(), StoreError> {
    if code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        Ok(())
    } else {
        Err(StoreError::Filter(format!(
            "{what} `{code}`: codes are letters, digits and dashes only"
        )))
    }
}

fn check_day(what: &str, day: &str) -> Result<(), StoreError> {
    if super::day_of(day).as_deref() == Some(day) {
        Ok(())
    } else {
        Err(StoreError::Filter(format!(
            "{what} `{day}`: expected YYYY-MM-DD"
        )))
    }
}

impl EventFilter {
    /// SQL conditions over `events e` and their parameters.
    fn conditions(&self) -> Result<(Vec<String>, Vec<Value>), StoreError> {
        let mut cond = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        let mut arg = |v: String| {
            args.push(Value::Text(v));
            format!("?{}", args.len())
        };
        if !self.include_flagged {
            cond.push("e.emitted = 1".to_string());
        }
        if let Some(a) = &self.actor {
            check_code("actor", a)?;
            let p = arg(format!("{}*", a.to_ascii_uppercase()));
            cond.push(format!(
                "(e.source_code GLOB {p} OR e.target_code GLOB {p})"
            ));
        }
        if let Some((s, t)) = &self.dyad {
            check_code("dyad source", s)?;
            check_code("dyad target", t)?;
            let (ps, pt) = (arg(format!("{s}*")), arg(format!("{t}*")));
            let forward = format!("(e.source_code GLOB {ps} AND e.target_code GLOB {pt})");
            cond.push(if self.both_directions {
                format!("({forward} OR (e.source_code GLOB {pt} AND e.target_code GLOB {ps}))")
            } else {
                forward
            });
        }
        if let Some(c) = &self.code {
            check_code("code", c)?;
            let p = arg(format!("{c}*"));
            cond.push(format!("e.code GLOB {p}"));
        }
        if let Some(q) = self.quad_class {
            if !(1..=4).contains(&q) {
                return Err(StoreError::Filter(format!(
                    "QuadClass {q}: expected 1 to 4"
                )));
            }
            cond.push(format!("e.quad_class = {q}"));
        }
        if let Some(d) = &self.from {
            check_day("--from", d)?;
            let p = arg(d.clone());
            cond.push(format!("e.day >= {p}"));
        }
        if let Some(d) = &self.to {
            check_day("--to", d)?;
            let p = arg(d.clone());
            cond.push(format!("e.day <= {p}"));
        }
        if let Some(t) = &self.text {
            let p = arg(t.clone());
            cond.push(format!(
                "(e.article_id, e.sentence_index) IN (SELECT s.article_id, s.idx FROM sentences s
                  WHERE s.id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH {p}))"
            ));
        }
        if cond.is_empty() {
            cond.push("1".into());
        }
        Ok((cond, args))
    }
}

/// One event: all mentions of the same day, source, target and code.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MergedEvent {
    /// Stable id (the same in every store; see [`super::write`]).
    pub event_id: i64,
    /// `YYYY-MM-DD` (`null` for undated articles).
    pub day: Option<String>,
    /// Source actor code.
    pub source_code: Option<String>,
    /// Source words in the first mention.
    pub source_text: Option<String>,
    /// Target actor code.
    pub target_code: Option<String>,
    /// Target words in the first mention.
    pub target_text: Option<String>,
    /// Full CAMEO code.
    pub code: String,
    /// CAMEO root.
    pub root: String,
    /// QuadClass 1-4.
    pub quad_class: u8,
    /// Goldstein score.
    pub goldstein: Option<f64>,
    /// PLOVER event type.
    pub plover_type: Option<String>,
    /// PLOVER mode.
    pub plover_mode: Option<String>,
    /// Mentions (sentences) across all articles.
    pub num_mentions: u64,
    /// Distinct articles.
    pub num_articles: u64,
    /// Distinct news sources (an article without a source counts as its own).
    pub num_sources: u64,
    /// Distinct stories: independent reports, wire copies counted once.
    pub num_stories: u64,
    /// Mentioned in an article's first sentence.
    pub is_root_event: bool,
    /// Document id of the first mention.
    pub doc_id: String,
    /// URL of the first mention's article.
    pub url: Option<String>,
    /// Sentence of the first mention.
    pub sentence: String,
    /// Rule of the first mention.
    pub rule: String,
    /// Negated in the first mention (only with flagged events).
    pub negated: bool,
    /// Modality of the first mention.
    pub modality: String,
    /// When the first mention's article was stored (`YYYY-MM-DDTHH:MM:SSZ`).
    pub ingested_at: String,
    /// Mean document tone of the articles that mention the event, weighted by their
    /// mentions (`null` when no article has a tone).
    pub avg_tone: Option<f64>,
}

impl MergedEvent {
    /// Column names of [`MergedEvent::to_row`] (the CSV header).
    pub const COLUMNS: [&'static str; 25] = [
        "event_id",
        "day",
        "source_code",
        "source_text",
        "target_code",
        "target_text",
        "code",
        "root",
        "quad_class",
        "goldstein",
        "plover_type",
        "plover_mode",
        "num_mentions",
        "num_articles",
        "num_sources",
        "num_stories",
        "is_root_event",
        "doc_id",
        "url",
        "sentence",
        "rule",
        "negated",
        "modality",
        "ingested_at",
        "avg_tone",
    ];

    /// Field values in [`MergedEvent::COLUMNS`] order.
    pub fn to_row(&self) -> Vec<String> {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        vec![
            self.event_id.to_string(),
            o(&self.day),
            o(&self.source_code),
            o(&self.source_text),
            o(&self.target_code),
            o(&self.target_text),
            self.code.clone(),
            self.root.clone(),
            self.quad_class.to_string(),
            self.goldstein.map(|g| g.to_string()).unwrap_or_default(),
            o(&self.plover_type),
            o(&self.plover_mode),
            self.num_mentions.to_string(),
            self.num_articles.to_string(),
            self.num_sources.to_string(),
            self.num_stories.to_string(),
            self.is_root_event.to_string(),
            self.doc_id.clone(),
            o(&self.url),
            self.sentence.clone(),
            self.rule.clone(),
            self.negated.to_string(),
            self.modality.clone(),
            self.ingested_at.clone(),
            self.avg_tone.map(|t| format!("{t:.4}")).unwrap_or_default(),
        ]
    }
}

/// One stored event mention, as `dyad code` printed it, with its event id.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mention {
    /// The merged event this mention belongs to.
    pub event_id: i64,
    /// Document id.
    pub doc_id: String,
    /// Day of the article.
    pub day: Option<String>,
    /// Sentence index in the document.
    pub sentence_index: u64,
    /// Sentence text.
    pub sentence: String,
    /// Source words.
    pub source_text: Option<String>,
    /// Source code.
    pub source_code: Option<String>,
    /// Target words.
    pub target_text: Option<String>,
    /// Target code.
    pub target_code: Option<String>,
    /// Full CAMEO code.
    pub code: String,
    /// QuadClass.
    pub quad_class: u8,
    /// Goldstein score.
    pub goldstein: Option<f64>,
    /// Negated.
    pub negated: bool,
    /// Modality.
    pub modality: String,
    /// Rule that fired.
    pub rule: String,
    /// Story of the article.
    pub story_id: i64,
    /// News source.
    pub source: Option<String>,
}

impl Mention {
    /// Column names of [`Mention::to_row`].
    pub const COLUMNS: [&'static str; 17] = [
        "event_id",
        "doc_id",
        "day",
        "sentence_index",
        "source_text",
        "source_code",
        "target_text",
        "target_code",
        "code",
        "quad_class",
        "goldstein",
        "negated",
        "modality",
        "rule",
        "story_id",
        "source",
        "sentence",
    ];

    /// Field values in [`Mention::COLUMNS`] order.
    pub fn to_row(&self) -> Vec<String> {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        vec![
            self.event_id.to_string(),
            self.doc_id.clone(),
            o(&self.day),
            self.sentence_index.to_string(),
            o(&self.source_text),
            o(&self.source_code),
            o(&self.target_text),
            o(&self.target_code),
            self.code.clone(),
            self.quad_class.to_string(),
            self.goldstein.map(|g| g.to_string()).unwrap_or_default(),
            self.negated.to_string(),
            self.modality.clone(),
            self.rule.clone(),
            self.story_id.to_string(),
            o(&self.source),
            self.sentence.clone(),
        ]
    }
}

/// Bucket size of a series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// Calendar day.
    Day,
    /// ISO week, named by its Monday.
    Week,
    /// Calendar month (`YYYY-MM`).
    Month,
    /// Year (`YYYY`).
    Year,
}

impl Period {
    /// From `day`, `week`, `month` or `year`.
    pub fn from_name(s: &str) -> Option<Period> {
        Some(match s {
            "day" => Period::Day,
            "week" => Period::Week,
            "month" => Period::Month,
            "year" => Period::Year,
            _ => return None,
        })
    }

    /// The bucket `day` (`YYYY-MM-DD`) falls in.
    pub fn bucket(self, day: &str) -> String {
        match self {
            Period::Day => day.to_string(),
            Period::Month => day[..7].to_string(),
            Period::Year => day[..4].to_string(),
            Period::Week => {
                let parse = |r: std::ops::Range<usize>| day[r].parse::<i64>().unwrap_or(1);
                let days = days_from_civil(parse(0..4), parse(5..7), parse(8..10));
                // 1970-01-01 was a Thursday: Monday-based weekday is (days + 3) mod 7.
                let monday = days - (days + 3).rem_euclid(7);
                let (y, m, d) = civil_from_days(monday);
                format!("{y:04}-{m:02}-{d:02}")
            }
        }
    }
}

/// One bucket of a dyad's series.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SeriesRow {
    /// The bucket (`2024-03`, or the Monday of a week).
    pub period: String,
    /// Distinct events.
    pub events: u64,
    /// Mentions of those events.
    pub mentions: u64,
    /// Mean Goldstein score over the events (`null` when none has one).
    pub mean_goldstein: Option<f64>,
    /// QuadClass 1 events.
    pub verbal_cooperation: u64,
    /// QuadClass 2 events.
    pub material_cooperation: u64,
    /// QuadClass 3 events.
    pub verbal_conflict: u64,
    /// QuadClass 4 events.
    pub material_conflict: u64,
    /// QuadClass 1 + 2.
    pub cooperation: u64,
    /// QuadClass 3 + 4.
    pub conflict: u64,
}

impl SeriesRow {
    /// Column names of [`SeriesRow::to_row`].
    pub const COLUMNS: [&'static str; 10] = [
        "period",
        "events",
        "mentions",
        "mean_goldstein",
        "verbal_cooperation",
        "material_cooperation",
        "verbal_conflict",
        "material_conflict",
        "cooperation",
        "conflict",
    ];

    /// Field values in [`SeriesRow::COLUMNS`] order.
    pub fn to_row(&self) -> Vec<String> {
        vec![
            self.period.clone(),
            self.events.to_string(),
            self.mentions.to_string(),
            self.mean_goldstein
                .map(|g| format!("{g:.2}"))
                .unwrap_or_default(),
            self.verbal_cooperation.to_string(),
            self.material_cooperation.to_string(),
            self.verbal_conflict.to_string(),
            self.material_conflict.to_string(),
            self.cooperation.to_string(),
            self.conflict.to_string(),
        ]
    }
}

/// A dyad with its event count, for summaries.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DyadCount {
    /// Source code.
    pub source_code: String,
    /// Target code.
    pub target_code: String,
    /// Distinct events.
    pub events: u64,
    /// Mentions.
    pub mentions: u64,
    /// Mean Goldstein score over the events.
    pub mean_goldstein: Option<f64>,
}

impl Store {
    /// Events matching `filter`, merged over their mentions, by day then id; `each`
    /// is called per event (so exports stream) and may stop the scan with an error.
    pub fn for_each_event<E>(
        &self,
        filter: &EventFilter,
        mut each: impl FnMut(MergedEvent) -> Result<(), E>,
    ) -> Result<Result<(), E>, StoreError> {
        let (cond, args) = filter.conditions()?;
        let counted = if filter.include_flagged {
            "1"
        } else {
            "e.emitted = 1"
        };
        let limit = filter.limit.map_or(String::new(), |n| format!("LIMIT {n}"));
        let sql = format!(
            "WITH sel AS (SELECT DISTINCT e.event_id FROM events e WHERE {}),
             g AS (
                SELECT e.event_id, MIN(e.day) AS day, COUNT(*) AS mentions,
                       COUNT(DISTINCT e.article_id) AS articles,
                       COUNT(DISTINCT COALESCE(a.source, '#' || a.id)) AS sources,
                       COUNT(DISTINCT a.story_id) AS stories,
                       MIN(e.sentence_index) = 0 AS root_event,
                       MIN(e.id) AS first, AVG(a.tone) AS tone
                FROM events e JOIN articles a ON a.id = e.article_id
                WHERE e.event_id IN (SELECT event_id FROM sel) AND {counted}
                GROUP BY e.event_id)
             SELECT g.event_id, g.day, m.source_code, m.source_text, m.target_code,
                    m.target_text, m.code, m.root, m.quad_class, m.goldstein, m.plover_type,
                    m.plover_mode, g.mentions, g.articles, g.sources, g.stories,
                    g.root_event, a.doc_id, a.url, {text}, m.rule, m.negated, m.modality,
                    a.ingested_at, g.tone
             FROM g JOIN events m ON m.id = g.first
                    JOIN articles a ON a.id = m.article_id
                    JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence_index
             ORDER BY g.day IS NULL, g.day, g.event_id {limit}",
            cond.join(" AND "),
            text = super::SENTENCE_TEXT,
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(args))
            .map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let ev = (|| {
                Ok::<_, rusqlite::Error>(MergedEvent {
                    event_id: r.get(0)?,
                    day: r.get(1)?,
                    source_code: r.get(2)?,
                    source_text: r.get(3)?,
                    target_code: r.get(4)?,
                    target_text: r.get(5)?,
                    code: r.get(6)?,
                    root: r.get(7)?,
                    quad_class: r.get::<_, i64>(8)? as u8,
                    goldstein: r.get(9)?,
                    plover_type: r.get(10)?,
                    plover_mode: r.get(11)?,
                    num_mentions: r.get::<_, i64>(12)? as u64,
                    num_articles: r.get::<_, i64>(13)? as u64,
                    num_sources: r.get::<_, i64>(14)? as u64,
                    num_stories: r.get::<_, i64>(15)? as u64,
                    is_root_event: r.get(16)?,
                    doc_id: r.get(17)?,
                    url: r.get(18)?,
                    sentence: r.get(19)?,
                    rule: r.get(20)?,
                    negated: r.get(21)?,
                    modality: r.get(22)?,
                    ingested_at: r.get(23)?,
                    avg_tone: r.get(24)?,
                })
            })()
            .map_err(|e| self.err(e))?;
            if let Err(e) = each(ev) {
                return Ok(Err(e));
            }
        }
        Ok(Ok(()))
    }

    /// Events matching `filter`, merged over their mentions.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<MergedEvent>, StoreError> {
        let mut out = Vec::new();
        let _ = self.for_each_event(filter, |e| {
            out.push(e);
            Ok::<(), ()>(())
        })?;
        Ok(out)
    }

    /// Every stored mention of the events matching `filter`.
    pub fn mentions(&self, filter: &EventFilter) -> Result<Vec<Mention>, StoreError> {
        let (cond, args) = filter.conditions()?;
        let limit = filter.limit.map_or(String::new(), |n| format!("LIMIT {n}"));
        let sql = format!(
            "SELECT e.event_id, a.doc_id, e.day, e.sentence_index, {text}, e.source_text,
                    e.source_code, e.target_text, e.target_code, e.code, e.quad_class,
                    e.goldstein, e.negated, e.modality, e.rule, a.story_id, a.source
             FROM events e JOIN articles a ON a.id = e.article_id
                  JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence_index
             WHERE {}
             ORDER BY e.day IS NULL, e.day, e.article_id, e.idx {limit}",
            cond.join(" AND "),
            text = super::SENTENCE_TEXT,
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), |r| {
                Ok(Mention {
                    event_id: r.get(0)?,
                    doc_id: r.get(1)?,
                    day: r.get(2)?,
                    sentence_index: r.get::<_, i64>(3)? as u64,
                    sentence: r.get(4)?,
                    source_text: r.get(5)?,
                    source_code: r.get(6)?,
                    target_text: r.get(7)?,
                    target_code: r.get(8)?,
                    code: r.get(9)?,
                    quad_class: r.get::<_, i64>(10)? as u8,
                    goldstein: r.get(11)?,
                    negated: r.get(12)?,
                    modality: r.get(13)?,
                    rule: r.get(14)?,
                    story_id: r.get(15)?,
                    source: r.get(16)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// The series of the events matching `filter` (usually a dyad), one row per
    /// `period` that has events, in order. Undated events are left out.
    pub fn series(
        &self,
        filter: &EventFilter,
        period: Period,
    ) -> Result<Vec<SeriesRow>, StoreError> {
        let mut buckets: BTreeMap<String, (SeriesRow, f64, u64)> = BTreeMap::new();
        let mut filter = filter.clone();
        filter.limit = None;
        for e in self.events(&filter)? {
            let Some(day) = &e.day else { continue };
            let key = period.bucket(day);
            let (row, sum, n) = buckets.entry(key.clone()).or_insert_with(|| {
                (
                    SeriesRow {
                        period: key,
                        ..SeriesRow::default()
                    },
                    0.0,
                    0,
                )
            });
            row.events += 1;
            row.mentions += e.num_mentions;
            if let Some(g) = e.goldstein {
                *sum += g;
                *n += 1;
            }
            match e.quad_class {
                1 => row.verbal_cooperation += 1,
                2 => row.material_cooperation += 1,
                3 => row.verbal_conflict += 1,
                4 => row.material_conflict += 1,
                _ => {}
            }
        }
        Ok(buckets
            .into_values()
            .map(|(mut row, sum, n)| {
                row.mean_goldstein = (n > 0).then(|| sum / n as f64);
                row.cooperation = row.verbal_cooperation + row.material_cooperation;
                row.conflict = row.verbal_conflict + row.material_conflict;
                row
            })
            .collect())
    }

    /// The dyads with the most events among those matching `filter`.
    pub fn top_dyads(&self, filter: &EventFilter, n: usize) -> Result<Vec<DyadCount>, StoreError> {
        let (cond, args) = filter.conditions()?;
        let sql = format!(
            "WITH ev AS (
                SELECT e.event_id, MIN(e.source_code) AS s, MIN(e.target_code) AS t,
                       COUNT(*) AS mentions, MIN(e.goldstein) AS g
                FROM events e WHERE {} AND e.source_code IS NOT NULL
                     AND e.target_code IS NOT NULL
                GROUP BY e.event_id)
             SELECT s, t, COUNT(*), SUM(mentions), AVG(g) FROM ev
             GROUP BY s, t ORDER BY COUNT(*) DESC, s, t LIMIT {n}",
            cond.join(" AND ")
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), |r| {
                Ok(DyadCount {
                    source_code: r.get(0)?,
                    target_code: r.get(1)?,
                    events: r.get::<_, i64>(2)? as u64,
                    mentions: r.get::<_, i64>(3)? as u64,
                    mean_goldstein: r.get(4)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_round_trip_and_weeks() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        // 2024-03-07 was a Thursday; its week starts on Monday 2024-03-04.
        assert_eq!(Period::Week.bucket("2024-03-07"), "2024-03-04");
        assert_eq!(Period::Week.bucket("2024-03-04"), "2024-03-04");
        assert_eq!(Period::Week.bucket("2024-03-10"), "2024-03-04");
        assert_eq!(Period::Month.bucket("2024-03-07"), "2024-03");
        assert_eq!(Period::Year.bucket("2024-03-07"), "2024");
    }

    #[test]
    fn filters_are_validated() {
        let bad = |f: EventFilter| f.conditions().is_err();
        assert!(bad(EventFilter {
            actor: Some("US*".into()),
            ..Default::default()
        }));
        assert!(bad(EventFilter {
            quad_class: Some(5),
            ..Default::default()
        }));
        assert!(bad(EventFilter {
            from: Some("2024-3-1".into()),
            ..Default::default()
        }));
        assert_eq!(
            parse_dyad("usa-prk").unwrap(),
            ("USA".to_string(), "PRK".to_string())
        );
        assert!(parse_dyad("USAPRK").is_err());
        assert_eq!(
            parse_dyad("---GOV-USA").unwrap(),
            ("---GOV".to_string(), "USA".to_string())
        );
        assert_eq!(
            parse_dyad("-PRK").unwrap(),
            (String::new(), "PRK".to_string())
        );
        assert_eq!(
            parse_dyad("USA-").unwrap(),
            ("USA".to_string(), String::new())
        );
    }
}
