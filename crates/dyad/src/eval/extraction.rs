//! Main-content extraction scores: body text against the Zyte article-extraction
//! benchmark, and title/date accuracy where a dataset carries gold metadata.
//!
//! **Body scoring** follows the benchmark's own method: tokens are `\w+` runs (letters,
//! digits, underscore); each text becomes a multiset of 4-token shingles (a text of
//! fewer than four tokens is one shingle); per page, true positives are the multiset
//! intersection with the gold shingles, false positives and false negatives the two
//! differences; precision and recall are averaged over pages (a page where one is
//! undefined is left out of that average) and F1 is the harmonic mean of the two
//! averages. *Accuracy* is the share of pages whose token sequence equals the gold one.
//! The shipped baseline outputs (`baselines/*.json`) are scored by the same code in
//! the same run.
//!
//! **Metadata**: a title is right when its `\w+` tokens, lowercased, equal the gold
//! title's; a date when its `YYYY-MM-DD` equals the gold one. On `trafilatura-eval`,
//! the body is also checked against the gold snippets: the share of `with` snippets
//! found in the body and of `without` snippets absent from it (whitespace-normalised,
//! case-sensitive substring tests).

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use crate::ingest::html::{self, metadata::norm_title};

/// Precision, recall, F1 and exact-match accuracy over a set of pages.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq)]
pub struct Prf {
    /// Mean per-page precision.
    pub precision: f64,
    /// Mean per-page recall.
    pub recall: f64,
    /// Harmonic mean of the two means.
    pub f1: f64,
    /// Share of pages whose tokens equal the gold tokens.
    pub accuracy: f64,
}

/// One page's shingle counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Shingles in both.
    pub tp: usize,
    /// Shingles only in the prediction.
    pub fp: usize,
    /// Shingles only in the gold text.
    pub fn_: usize,
    /// Token sequences equal.
    pub exact: bool,
}

impl Counts {
    /// Precision of this page, if defined.
    pub fn precision(&self) -> Option<f64> {
        (self.tp + self.fp > 0).then(|| self.tp as f64 / (self.tp + self.fp) as f64)
    }

    /// Recall of this page, if defined.
    pub fn recall(&self) -> Option<f64> {
        (self.tp + self.fn_ > 0).then(|| self.tp as f64 / (self.tp + self.fn_) as f64)
    }

    /// F1 of this page (0 when undefined).
    pub fn f1(&self) -> f64 {
        let p = self.precision().unwrap_or(0.0);
        let r = self.recall().unwrap_or(0.0);
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect()
}

fn shingle_counts(text: &str) -> HashMap<String, usize> {
    let toks = tokens(text);
    let mut out = HashMap::new();
    let n = 4;
    let last = toks.len().saturating_sub(n) + 1;
    for i in 0..last.max(1) {
        let s = toks[i.min(toks.len())..(i + n).min(toks.len())].join(" ");
        if !s.is_empty() {
            *out.entry(s).or_insert(0) += 1;
        }
    }
    out
}

/// Score one predicted body against the gold body.
pub fn score_text(gold: &str, predicted: &str) -> Counts {
    let g = shingle_counts(gold);
    let p = shingle_counts(predicted);
    let mut tp = 0;
    let mut fp = 0;
    for (s, &n) in &p {
        let m = g.get(s).copied().unwrap_or(0);
        tp += n.min(m);
        fp += n.saturating_sub(m);
    }
    let fn_ = g
        .iter()
        .map(|(s, &n)| n.saturating_sub(p.get(s).copied().unwrap_or(0)))
        .sum();
    Counts {
        tp,
        fp,
        fn_,
        exact: tokens(gold) == tokens(predicted),
    }
}

/// Aggregate per-page counts the benchmark's way.
pub fn aggregate(pages: &[Counts]) -> Prf {
    let mean = |v: Vec<f64>| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let precision = mean(pages.iter().filter_map(Counts::precision).collect());
    let recall = mean(pages.iter().filter_map(Counts::recall).collect());
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let accuracy = if pages.is_empty() {
        0.0
    } else {
        pages.iter().filter(|c| c.exact).count() as f64 / pages.len() as f64
    };
    Prf {
        precision,
        recall,
        f1,
        accuracy,
    }
}

/// Extraction speed.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq)]
pub struct Throughput {
    /// Pages extracted.
    pub pages: usize,
    /// Bytes of (decompressed) HTML.
    pub bytes: usize,
    /// Seconds spent decoding and extracting, one thread.
    pub seconds: f64,
    /// Pages per second.
    pub pages_per_s: f64,
    /// MB (10^6 bytes) of HTML per second.
    pub mb_per_s: f64,
}

/// One page of the body benchmark.
#[derive(Clone, Debug, Serialize)]
pub struct PageScore {
    /// Ground-truth key.
    pub id: String,
    /// Page URL.
    pub url: String,
    /// Dyad's F1 on the page.
    pub f1: f64,
    /// Dyad's precision (0 when undefined).
    pub precision: f64,
    /// Dyad's recall (0 when undefined).
    pub recall: f64,
}

/// Scores on the body benchmark.
#[derive(Clone, Debug, Serialize)]
pub struct BodyReport {
    /// Dyad's scores.
    pub dyad: Prf,
    /// Each shipped baseline's scores, by file stem.
    pub baselines: BTreeMap<String, Prf>,
    /// Pages scored.
    pub pages: usize,
    /// Dyad's speed on these pages.
    pub throughput: Throughput,
    /// Per-page scores, worst first.
    #[serde(skip)]
    pub per_page: Vec<PageScore>,
}

fn read_gz(path: &Path) -> std::io::Result<Vec<u8>> {
    let raw = fs::read(path)?;
    if raw.starts_with(&[0x1F, 0x8B]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..]).read_to_end(&mut out)?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

fn read_json(path: &Path) -> Result<Value, EvalError> {
    let bytes =
        read_gz(path).map_err(|e| EvalError(format!("cannot read {}: {e}", path.display())))?;
    serde_json::from_slice(&bytes).map_err(|e| EvalError(format!("{}: {e}", path.display())))
}

/// An evaluation failure (missing or malformed dataset files).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct EvalError(String);

/// Score Dyad and the shipped baselines on the Zyte benchmark folder
/// (`ground-truth.json`, `html/<id>.html.gz`, `baselines/*.json`).
pub fn evaluate_body(dir: &Path) -> Result<BodyReport, EvalError> {
    let gt = read_json(&dir.join("ground-truth.json"))?;
    let gt = gt
        .as_object()
        .ok_or_else(|| EvalError("ground-truth.json is not an object".into()))?;
    let mut ids: Vec<&String> = gt.keys().collect();
    ids.sort();
    let gold_body = |id: &str| -> String {
        gt[id]
            .get("articleBody")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    // Dyad, one thread, timed.
    let mut counts = Vec::new();
    let mut per_page = Vec::new();
    let mut bytes_total = 0usize;
    let mut seconds = 0f64;
    for id in &ids {
        let url = gt[id.as_str()]
            .get("url")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let bytes = read_gz(&path)
            .map_err(|e| EvalError(format!("cannot read {}: {e}", path.display())))?;
        bytes_total += bytes.len();
        let start = Instant::now();
        let (text, _, _) = html::charset::decode(&bytes, None);
        let extracted = html::extract(&text, Some(url.as_str()).filter(|u| !u.is_empty()));
        seconds += start.elapsed().as_secs_f64();
        let c = score_text(&gold_body(id), &extracted.body());
        per_page.push(PageScore {
            id: id.to_string(),
            url,
            f1: c.f1(),
            precision: c.precision().unwrap_or(0.0),
            recall: c.recall().unwrap_or(0.0),
        });
        counts.push(c);
    }
    per_page.sort_by(|a, b| a.f1.total_cmp(&b.f1));
    let mut baselines = BTreeMap::new();
    if let Ok(entries) = fs::read_dir(dir.join("baselines")) {
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        for f in files {
            let v = read_json(&f)?;
            let out = v.get("output").cloned().unwrap_or(Value::Null);
            let c: Vec<Counts> = ids
                .iter()
                .map(|id| {
                    let pred = out
                        .get(id.as_str())
                        .and_then(|o| o.get("articleBody"))
                        .and_then(Value::as_str)
                        .unwrap_or("");
                    score_text(&gold_body(id), pred)
                })
                .collect();
            let name = f
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            baselines.insert(name, aggregate(&c));
        }
    }
    Ok(BodyReport {
        dyad: aggregate(&counts),
        baselines,
        pages: ids.len(),
        throughput: Throughput {
            pages: ids.len(),
            bytes: bytes_total,
            seconds,
            pages_per_s: ids.len() as f64 / seconds.max(1e-9),
            mb_per_s: bytes_total as f64 / 1e6 / seconds.max(1e-9),
        },
        per_page,
    })
}

/// Title and date accuracy (and, where gold snippets exist, snippet checks).
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct MetaReport {
    /// Dataset folder name.
    pub dataset: String,
    /// Pages read.
    pub pages: usize,
    /// Pages with a gold title.
    pub titles: usize,
    /// Share of those where Dyad's title matches.
    pub title_accuracy: f64,
    /// Pages with a gold date.
    pub dates: usize,
    /// Share of those where Dyad's date matches.
    pub date_accuracy: f64,
    /// Pages with a gold author.
    pub authors: usize,
    /// Share of those where Dyad's author matches (tokens, lowercase).
    pub author_accuracy: f64,
    /// `with` snippets checked (trafilatura-eval only).
    pub with_snippets: usize,
    /// Share of `with` snippets found in the body.
    pub with_found: f64,
    /// `without` snippets checked.
    pub without_snippets: usize,
    /// Share of `without` snippets absent from the body.
    pub without_absent: f64,
}

struct MetaCase {
    html_path: PathBuf,
    url: Option<String>,
    title: Option<String>,
    date: Option<String>,
    author: Option<String>,
    with: Vec<String>,
    without: Vec<String>,
}

#[derive(Default)]
struct MetaTally {
    titles: (usize, usize),
    dates: (usize, usize),
    authors: (usize, usize),
    with: (usize, usize),
    without: (usize, usize),
}

fn gold_str(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn cases_trafilatura(dir: &Path) -> Result<Vec<MetaCase>, EvalError> {
    let data = read_json(&dir.join("evaldata.json"))?;
    let map = data
        .as_object()
        .ok_or_else(|| EvalError("evaldata.json is not an object".into()))?;
    let strings = |v: Option<&Value>| -> Vec<String> {
        v.and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for (key, v) in map {
        let Some(file) = v.get("file").and_then(Value::as_str) else {
            continue;
        };
        out.push(MetaCase {
            html_path: dir.join("html").join(file),
            url: key.starts_with("http").then(|| key.clone()),
            title: gold_str(v.get("title")),
            date: gold_str(v.get("date")),
            author: gold_str(v.get("author")),
            with: strings(v.get("with")),
            without: strings(v.get("without")),
        });
    }
    out.sort_by(|a, b| a.html_path.cmp(&b.html_path));
    Ok(out)
}

fn cases_mozilla(dir: &Path) -> Result<Vec<MetaCase>, EvalError> {
    let mut out = Vec::new();
    let entries = fs::read_dir(dir).map_err(|e| EvalError(format!("{}: {e}", dir.display())))?;
    let mut folders: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("expected-metadata.json").is_file())
        .collect();
    folders.sort();
    for f in folders {
        let meta = read_json(&f.join("expected-metadata.json"))?;
        out.push(MetaCase {
            html_path: f.join("source.html.gz"),
            url: None,
            title: gold_str(meta.get("title")),
            date: gold_str(meta.get("publishedTime")),
            author: gold_str(meta.get("byline")),
            with: Vec::new(),
            without: Vec::new(),
        });
    }
    Ok(out)
}

/// Score title/date accuracy on `trafilatura-eval/` (with `evaldata.json`) or
/// `mozilla-readability-test-pages/` (one folder per page with
/// `expected-metadata.json`); the layout is detected.
pub fn evaluate_metadata(dir: &Path) -> Result<MetaReport, EvalError> {
    let cases = if dir.join("evaldata.json").is_file() {
        cases_trafilatura(dir)?
    } else {
        cases_mozilla(dir)?
    };
    let tallies: Vec<MetaTally> = cases
        .par_iter()
        .map(|case| {
            let mut t = MetaTally::default();
            let Ok(bytes) = read_gz(&case.html_path) else {
                return t;
            };
            let (text, _, _) = html::charset::decode(&bytes, None);
            let ex = html::extract(&text, case.url.as_deref());
            if let Some(gold) = &case.title {
                t.titles.0 += 1;
                let ours = ex.meta.title.as_deref().map(norm_title).unwrap_or_default();
                t.titles.1 += usize::from(ours == norm_title(gold));
            }
            if let Some(gold) = case.date.as_deref().and_then(html::parse_date) {
                t.dates.0 += 1;
                t.dates.1 += usize::from(ex.meta.date.as_deref() == Some(gold.as_str()));
            }
            if let Some(gold) = &case.author {
                t.authors.0 += 1;
                let ours = ex
                    .meta
                    .author
                    .as_deref()
                    .map(norm_title)
                    .unwrap_or_default();
                let gold = norm_title(gold.trim_start_matches("By ").trim_start_matches("by "));
                t.authors.1 += usize::from(!ours.is_empty() && ours == gold);
            }
            let body = crate::ingest::html::dom::collapse_ws(&ex.body());
            for w in &case.with {
                t.with.0 += 1;
                t.with.1 += usize::from(body.contains(&crate::ingest::html::dom::collapse_ws(w)));
            }
            for w in &case.without {
                t.without.0 += 1;
                t.without.1 +=
                    usize::from(!body.contains(&crate::ingest::html::dom::collapse_ws(w)));
            }
            t
        })
        .collect();
    let sum = |f: fn(&MetaTally) -> (usize, usize)| {
        tallies
            .iter()
            .map(f)
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    };
    let share = |(n, k): (usize, usize)| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    let titles = sum(|t| t.titles);
    let dates = sum(|t| t.dates);
    let authors = sum(|t| t.authors);
    let with = sum(|t| t.with);
    let without = sum(|t| t.without);
    Ok(MetaReport {
        dataset: dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        pages: cases.len(),
        titles: titles.0,
        title_accuracy: share(titles),
        dates: dates.0,
        date_accuracy: share(dates),
        authors: authors.0,
        author_accuracy: share(authors),
        with_snippets: with.0,
        with_found: share(with),
        without_snippets: without.0,
        without_absent: share(without),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingle_scoring() {
        let c = score_text("one two three four five", "one two three four five");
        assert_eq!((c.tp, c.fp, c.fn_, c.exact), (2, 0, 0, true));
        let c = score_text("one two three four five", "zero one two three four");
        assert_eq!((c.tp, c.fp, c.fn_), (1, 1, 1));
        let c = score_text("short text", "");
        assert_eq!((c.tp, c.fp, c.fn_), (0, 0, 1));
        assert_eq!(c.precision(), None);
        let agg = aggregate(&[c, score_text("a b c d", "a b c d")]);
        assert_eq!(agg.precision, 1.0);
        assert_eq!(agg.recall, 0.5);
    }
}
