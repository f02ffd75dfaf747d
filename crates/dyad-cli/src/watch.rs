//! `dyad watch`: poll feeds and ingest each new item once.
//!
//! Each poll fetches every feed — over HTTP(S) with a conditional request
//! (`If-None-Match` with the last `ETag`, `If-Modified-Since` with the last
//! `Last-Modified`), or from a local file — parses it, and passes the items it has
//! never seen through the analysis pipeline, writing the same JSON objects as
//! `dyad analyze`. State lives in a small SQLite file (`--db`): per feed the validators
//! of the last response, and the ids of the items seen (`guid`, Atom `id`, JSON Feed
//! `id`). Without `--db` the state lasts for this process only. When `dyad ingest`
//! lands, watch will store articles into the same database; its tables are prefixed
//! `watch_` so they can live beside the article store.
//!
//! HTTP(S) needs the `net` cargo feature (on by default: `ureq` with rustls).

use std::fs::OpenOptions;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::Context;
use clap::Args;
use dyad::export::json::{AnalyzeOptions, AnalyzeRecord};
use dyad::ingest::{feed, RawArticle};
use dyad::pipeline::{Config, Pipeline};
use rusqlite::{params, Connection, OptionalExtension};

use crate::report::Summary;

#[derive(Args)]
pub struct WatchArgs {
    /// Feed URLs (http:// or https://) or feed files (RSS, Atom, JSON Feed).
    #[arg(required = true, value_name = "FEED_URL_OR_FILE")]
    feeds: Vec<String>,
    /// Time between polls: a number with an optional unit s, m, h or d (`90s`, `15m`).
    #[arg(long, default_value = "15m", value_parser = parse_interval)]
    interval: Duration,
    /// SQLite file for the watch state (seen items; ETag and Last-Modified per feed).
    /// Without it, state lasts for this process only.
    #[arg(long, value_name = "FILE")]
    db: Option<PathBuf>,
    /// Poll once and exit (for cron jobs and tests).
    #[arg(long)]
    once: bool,
    /// Append JSONL here instead of writing to stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Fetch each new item's linked page and use the article extracted from it when it
    /// is longer than the item's own text (feeds often carry only a summary).
    #[arg(long)]
    fetch_articles: bool,
    /// Add each sentence's tokens to the output.
    #[arg(long)]
    tokens: bool,
    /// Date (YYYY-MM-DD) for articles whose item and text give none.
    #[arg(long, value_parser = crate::parse_date)]
    date: Option<String>,
    /// Largest feed or page accepted, in bytes.
    #[arg(long, default_value_t = dyad::ingest::DEFAULT_MAX_RECORD_BYTES)]
    max_record_bytes: usize,
    /// Seconds before an HTTP request is abandoned.
    #[arg(long, default_value_t = 60)]
    timeout: u64,
}

/// `15m`, `90s`, `1h`, `2d` or plain seconds.
fn parse_interval(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (num, unit) = s
        .find(|c: char| !c.is_ascii_digit())
        .map_or((s, ""), |i| s.split_at(i));
    let n: u64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not an interval such as 30s, 15m or 1h"))?;
    let secs = match unit {
        "" | "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        "d" => n * 86400,
        _ => return Err(format!("`{s}`: unit must be s, m, h or d")),
    };
    if secs == 0 {
        return Err("the interval must be at least one second".into());
    }
    Ok(Duration::from_secs(secs))
}

/// Seen items and HTTP validators.
struct State {
    conn: Connection,
}

impl State {
    fn open(path: Option<&PathBuf>) -> anyhow::Result<State> {
        let conn = match path {
            Some(p) => {
                Connection::open(p).with_context(|| format!("cannot open {}", p.display()))?
            }
            None => Connection::open_in_memory()?,
        };
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS watch_feeds (
                 feed TEXT PRIMARY KEY,
                 etag TEXT,
                 last_modified TEXT,
                 last_polled INTEGER,
                 last_status TEXT
             );
             CREATE TABLE IF NOT EXISTS watch_seen (
                 feed TEXT NOT NULL,
                 item_id TEXT NOT NULL,
                 first_seen INTEGER NOT NULL,
                 PRIMARY KEY (feed, item_id)
             );",
        )
        .context("cannot initialise the watch database")?;
        Ok(State { conn })
    }

    fn validators(&self, feed: &str) -> anyhow::Result<(Option<String>, Option<String>)> {
        Ok(self
            .conn
            .query_row(
                "SELECT etag, last_modified FROM watch_feeds WHERE feed = ?1",
                params![feed],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .unwrap_or((None, None)))
    }

    fn polled(
        &self,
        feed: &str,
        status: &str,
        validators: Option<(Option<String>, Option<String>)>,
    ) -> anyhow::Result<()> {
        self.conn.execute(
            "INSERT INTO watch_feeds (feed, last_polled, last_status) VALUES (?1, ?2, ?3)
             ON CONFLICT(feed) DO UPDATE SET last_polled = ?2, last_status = ?3",
            params![feed, now(), status],
        )?;
        if let Some((etag, modified)) = validators {
            self.conn.execute(
                "UPDATE watch_feeds SET etag = ?2, last_modified = ?3 WHERE feed = ?1",
                params![feed, etag, modified],
            )?;
        }
        Ok(())
    }

    fn seen(&self, feed: &str, item: &str) -> anyhow::Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM watch_seen WHERE feed = ?1 AND item_id = ?2",
                params![feed, item],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    fn mark_seen(&self, feed: &str, item: &str) -> anyhow::Result<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO watch_seen (feed, item_id, first_seen) VALUES (?1, ?2, ?3)",
            params![feed, item, now()],
        )?;
        Ok(())
    }
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// What one fetch returned.
enum Fetched {
    /// `304 Not Modified`.
    #[cfg_attr(not(feature = "net"), allow(dead_code))]
    NotModified,
    /// A body, with the validators to send next time.
    Body {
        bytes: Vec<u8>,
        etag: Option<String>,
        last_modified: Option<String>,
        charset: Option<String>,
    },
}

fn is_url(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

/// The HTTP client (absent without the `net` feature).
struct Client {
    #[cfg(feature = "net")]
    agent: ureq::Agent,
    limit: u64,
}

impl Client {
    fn new(timeout: Duration, limit: usize) -> Client {
        #[cfg(not(feature = "net"))]
        let _ = timeout;
        Client {
            #[cfg(feature = "net")]
            agent: ureq::Agent::config_builder()
                .http_status_as_error(false)
                .timeout_global(Some(timeout))
                .user_agent(concat!(
                    "dyad/",
                    env!("CARGO_PKG_VERSION"),
                    " (feed watcher)"
                ))
                .build()
                .into(),
            limit: limit as u64,
        }
    }

    #[cfg(feature = "net")]
    fn get(
        &self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<Fetched, String> {
        let mut request = self.agent.get(url);
        if let Some(e) = etag {
            request = request.header("If-None-Match", e);
        }
        if let Some(m) = last_modified {
            request = request.header("If-Modified-Since", m);
        }
        let mut response = request.call().map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        if status == 304 {
            return Ok(Fetched::NotModified);
        }
        if !(200..300).contains(&status) {
            return Err(format!("HTTP status {status}"));
        }
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let etag = header("etag");
        let last_modified = header("last-modified");
        let charset = header("content-type")
            .as_deref()
            .and_then(dyad::ingest::html::charset::charset_param)
            .map(str::to_string);
        let bytes = response
            .body_mut()
            .with_config()
            .limit(self.limit)
            .read_to_vec()
            .map_err(|e| e.to_string())?;
        Ok(Fetched::Body {
            bytes,
            etag,
            last_modified,
            charset,
        })
    }

    #[cfg(not(feature = "net"))]
    fn get(&self, _url: &str, _etag: Option<&str>, _lm: Option<&str>) -> Result<Fetched, String> {
        let _ = self.limit;
        Err("this dyad was built without the `net` feature: only feed files can be watched".into())
    }
}

/// One poll of one feed: the new articles, and skipped items.
fn poll_feed(
    feed_ref: &str,
    state: &State,
    client: &Client,
    args: &WatchArgs,
) -> anyhow::Result<(Vec<feed::FeedItem>, &'static str)> {
    let fetched = if is_url(feed_ref) {
        let (etag, modified) = state.validators(feed_ref)?;
        client
            .get(feed_ref, etag.as_deref(), modified.as_deref())
            .map_err(|e| anyhow::anyhow!("{feed_ref}: {e}"))?
    } else {
        let bytes = std::fs::read(feed_ref).with_context(|| format!("cannot read {feed_ref}"))?;
        Fetched::Body {
            bytes,
            etag: None,
            last_modified: None,
            charset: None,
        }
    };
    let (bytes, validators) = match fetched {
        Fetched::NotModified => {
            state.polled(feed_ref, "not_modified", None)?;
            return Ok((Vec::new(), "not modified"));
        }
        Fetched::Body {
            bytes,
            etag,
            last_modified,
            ..
        } => (bytes, (etag, last_modified)),
    };
    let stem = feed_ref
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .and_then(|n| n.split('.').next())
        .filter(|n| !n.is_empty())
        .unwrap_or("feed")
        .to_string();
    let parsed = feed::parse(&bytes, feed_ref, &stem).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut new = Vec::new();
    for item in parsed.items {
        if state.seen(feed_ref, &item.id)? {
            continue;
        }
        let record = match item.record {
            Ok(article) if args.fetch_articles => Ok(with_page(article, client)),
            other => other,
        };
        new.push(feed::FeedItem {
            id: item.id,
            record,
        });
    }
    state.polled(feed_ref, "ok", Some(validators))?;
    Ok((new, "fetched"))
}

/// Replace a feed item's text by the article on its page, when that is longer.
fn with_page(article: RawArticle, client: &Client) -> RawArticle {
    let Some(url) = article.meta.url.clone().filter(|u| is_url(u)) else {
        return article;
    };
    let Ok(Fetched::Body { bytes, charset, .. }) = client.get(&url, None, None) else {
        return article;
    };
    let Ok(page) = dyad::ingest::html::article_from_bytes(
        &bytes,
        charset.as_deref(),
        Some(&url),
        article.meta.date.as_deref(),
        article.meta.id.clone(),
        article.meta.origin.clone(),
    ) else {
        return article;
    };
    if page.text.len() <= article.text.len() {
        return article;
    }
    RawArticle {
        meta: dyad_doc::Meta {
            title: article.meta.title.or(page.meta.title),
            date: article.meta.date.or(page.meta.date),
            date_source: article.meta.date_source.or(page.meta.date_source),
            ..article.meta
        },
        text: page.text,
        dropped: page.dropped,
        diagnostics: page.diagnostics,
    }
}

pub fn run(args: &WatchArgs) -> anyhow::Result<ExitCode> {
    let state = State::open(args.db.as_ref())?;
    let out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(
            OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .with_context(|| format!("cannot open {}", path.display()))?,
        ),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::new(out);
    let config = Config {
        default_date: args.date.clone(),
        ..Config::default()
    };
    let pipeline = Pipeline::new(&config)?;
    let client = Client::new(Duration::from_secs(args.timeout), args.max_record_bytes);
    let options = AnalyzeOptions {
        tokens: args.tokens,
    };
    loop {
        let mut summary = Summary::default();
        let mut failed = 0usize;
        for feed_ref in &args.feeds {
            match poll_feed(feed_ref, &state, &client, args) {
                Ok((items, how)) => {
                    let count = items.len();
                    for feed::FeedItem { id, record } in items {
                        match record {
                            Ok(article) => {
                                let doc = pipeline.process(article);
                                summary.article(&doc.diagnostics, doc.dropped.len());
                                let line = AnalyzeRecord::new(&doc, options).to_json_line();
                                writeln!(out, "{line}").context("cannot write output")?;
                            }
                            Err(e) => summary.skip(&e),
                        }
                        out.flush().context("cannot write output")?;
                        state.mark_seen(feed_ref, &id)?;
                    }
                    eprintln!("dyad watch: {feed_ref}: {how}, {count} new items");
                }
                Err(e) => {
                    failed += 1;
                    eprintln!("dyad watch: {e:#}");
                    let _ = state.polled(feed_ref, "error", None);
                }
            }
        }
        out.flush().context("cannot write output")?;
        eprintln!("{}", summary.line());
        if args.once {
            return Ok(if failed == args.feeds.len() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            });
        }
        std::thread::sleep(args.interval);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals() {
        assert_eq!(parse_interval("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_interval("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_interval("2h"), Ok(Duration::from_secs(7200)));
        assert!(parse_interval("0s").is_err());
        assert!(parse_interval("soon").is_err());
        assert!(parse_interval("5y").is_err());
    }
}
