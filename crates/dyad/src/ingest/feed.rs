//! Feeds: RSS (0.9x, 1.0, 2.0), Atom and JSON Feed files, one article per item.
//!
//! Parsing is done by `feed-rs`. Each item becomes an article: its title, its first
//! link (preferring `rel=alternate`), its publication date (else its update date) as
//! `YYYY-MM-DD`, the feed's title as `source`, and its text from the item's full
//! content when there is any, else its summary. HTML content goes through
//! [`super::html::fragment_text`], which keeps the prose and drops scripts, figures and
//! captions, share rows and link-only lines. The article id is the item's id (`guid`,
//! Atom `id`, JSON Feed `id`), which is what `dyad watch` remembers to never ingest an
//! item twice; `feed-rs` derives a stable one from the link and title when the item
//! has none. An item without any text is reported (`path:N: ...`, N counting items
//! from 1) and skipped.

use dyad_doc::{DateSource, Meta, Origin};

use super::html;
use super::source::error;
use super::{ErrorKind, IngestError, RawArticle, Record};

/// One item of a feed: its stable id and its article (or why it has none).
#[derive(Debug)]
pub struct FeedItem {
    /// The item's id (`guid`, Atom `id`, JSON Feed `id`, or one derived by feed-rs).
    pub id: String,
    /// The article, or why the item could not be read.
    pub record: Record,
}

/// A parsed feed.
#[derive(Debug)]
pub struct Feed {
    /// The feed's title.
    pub title: Option<String>,
    /// Its items, in feed order.
    pub items: Vec<FeedItem>,
}

/// Whether bytes look like a feed: an XML document whose root is `rss`, `feed` or
/// `rdf:RDF`, or a JSON object that names the JSON Feed version.
pub fn sniff(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&head[..head.len().min(4096)]).to_ascii_lowercase();
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') {
        return t.contains("jsonfeed.org/version");
    }
    // Skip the XML declaration, comments and processing instructions.
    let mut rest = t;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            rest = r.split_once("?>").map_or("", |(_, a)| a);
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.split_once("-->").map_or("", |(_, a)| a);
        } else if rest.starts_with("<!doctype") {
            rest = rest.split_once('>').map_or("", |(_, a)| a);
        } else {
            break;
        }
    }
    rest.starts_with("<rss") || rest.starts_with("<feed") || rest.starts_with("<rdf:rdf")
}

/// Parse a feed. `path` names it in errors; `stem` makes ids for items without one.
pub fn parse(bytes: &[u8], path: &str, stem: &str) -> Result<Feed, IngestError> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| {
        error(
            path,
            None,
            ErrorKind::Feed,
            format!("not a readable RSS, Atom or JSON feed: {e}"),
        )
    })?;
    let source = feed
        .title
        .as_ref()
        .map(|t| text_of(&t.content))
        .filter(|t| !t.is_empty());
    let items = feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let n = i as u64 + 1;
            let id = if entry.id.trim().is_empty() {
                format!("{stem}-{n}")
            } else {
                entry.id.trim().to_string()
            };
            let record = item_article(entry, id.clone(), source.clone(), path, n);
            FeedItem { id, record }
        })
        .collect();
    Ok(Feed {
        title: source,
        items,
    })
}

/// The articles of a feed file, as ingest records.
pub(crate) fn records(bytes: &[u8], origin: &Origin, stem: &str) -> Vec<Record> {
    match parse(bytes, &origin.path, stem) {
        Err(e) => vec![Err(e)],
        Ok(feed) if feed.items.is_empty() => vec![Err(error(
            &origin.path,
            None,
            ErrorKind::Empty,
            "feed has no items".into(),
        ))],
        Ok(feed) => feed.items.into_iter().map(|i| i.record).collect(),
    }
}

/// Text of a title or summary that may hold markup or entities.
fn text_of(s: &str) -> String {
    html::fragment_text(s).join(" ")
}

fn item_article(
    entry: feed_rs::model::Entry,
    id: String,
    source: Option<String>,
    path: &str,
    n: u64,
) -> Result<RawArticle, IngestError> {
    let title = entry
        .title
        .as_ref()
        .map(|t| text_of(&t.content))
        .filter(|t| !t.is_empty());
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.clone());
    let date = entry
        .published
        .or(entry.updated)
        .map(|d| d.format("%Y-%m-%d").to_string());
    let content = entry
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .filter(|b| !b.trim().is_empty());
    let summary = entry
        .summary
        .as_ref()
        .map(|s| s.content.clone())
        .filter(|b| !b.trim().is_empty());
    let paragraphs = content
        .or(summary)
        .map(|body| html::fragment_text(&body))
        .unwrap_or_default();
    if paragraphs.is_empty() {
        return Err(error(
            path,
            Some(n),
            ErrorKind::MissingText,
            format!(
                "feed item `{}` has no content or summary text",
                title.as_deref().unwrap_or(&id)
            ),
        ));
    }
    Ok(RawArticle {
        meta: Meta {
            id,
            title,
            date_source: date.as_ref().map(|_| DateSource::Record),
            date,
            source,
            url,
            origin: Origin {
                path: path.to_string(),
                line: Some(n),
            },
            ..Meta::default()
        },
        text: paragraphs.join("\n\n"),
        dropped: Vec::new(),
        diagnostics: Vec::new(),
    })
}
