//! HTML pages: find the article — headline, date, byline and body — in a web page.
//!
//! The page is parsed by html5ever (via `scraper`, with the browser's error recovery)
//! and copied into a small arena ([`dom`]). Then:
//!
//! * [`metadata`] reads what the page says about itself (JSON-LD, meta tags,
//!   microdata, `<h1>`, `<time>`, the URL) into a [`PageMeta`];
//! * [`body`] finds the article body: prune page furniture by tag, ARIA role and
//!   `class`/`id` names; cut the rest into text blocks; classify blocks by length,
//!   sentence punctuation and link density (with the JSON-LD `articleBody`, when
//!   present, as evidence); pick the element whose blocks sum to the most prose; keep
//!   its prose blocks. See the module docs of [`body`] for the details.
//!
//! When the pruning leaves no body (an unusual page whose article sits inside an
//! element named like furniture), the page is read again without name-based
//! pruning; when that finds nothing either, the JSON-LD `articleBody` is used.
//!
//! [`charset`] turns bytes into text (BOM, HTTP charset, `<meta charset>`, UTF-8,
//! windows-1252). No rule here is keyed to a site.

pub(crate) mod body;
pub mod charset;
pub(crate) mod dom;
pub mod metadata;

use std::collections::HashSet;

use dyad_doc::{DateSource, Meta, Origin};

pub use metadata::{parse_date, PageMeta};

use super::{ErrorKind, IngestError, RawArticle};

/// What the extractor found in a page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    /// Headline, date, author, URL, language, site.
    pub meta: PageMeta,
    /// Body paragraphs, in page order.
    pub paragraphs: Vec<String>,
}

impl Extracted {
    /// The body text: paragraphs separated by blank lines.
    pub fn body(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}

/// Word shingles of the JSON-LD `articleBody` when it is long enough to be evidence.
fn ld_evidence(meta: &metadata::PageMeta) -> Option<HashSet<String>> {
    meta.ld_body
        .as_deref()
        .map(strip_tags)
        .filter(|b| body::count_words(b) >= 50)
        .map(|b| body::shingles(&b).into_iter().collect())
}

/// Extract the article from a whole page. `url` is where it came from, if known
/// (used to resolve the canonical URL and as date evidence).
pub fn extract(html: &str, url: Option<&str>) -> Extracted {
    let dom = dom::Dom::parse_document(html);
    let meta = metadata::extract(&dom, url);
    let evidence = ld_evidence(&meta);
    let root = dom.first("body").unwrap_or(0);
    let mut paragraphs = Vec::new();
    for relaxed in [false, true] {
        let removed = body::prune(&dom, relaxed);
        let blocks = body::blocks(&dom, root, &removed);
        let chosen = body::select(&dom, blocks, evidence.as_ref(), meta.title.as_deref());
        paragraphs = to_paragraphs(chosen.blocks);
        if !paragraphs.is_empty() {
            break;
        }
    }
    if paragraphs.is_empty() {
        if let Some(ld) = &meta.ld_body {
            paragraphs = strip_tags(ld)
                .split('\n')
                .map(dom::collapse_ws)
                .filter(|p| !p.is_empty())
                .collect();
        }
    }
    Extracted { meta, paragraphs }
}

/// The text of an HTML fragment that is all article (a feed item's content): page
/// furniture inside it (scripts, figures and captions, share rows, link-only lines)
/// is dropped, but no container is chosen.
pub fn fragment_text(html: &str) -> Vec<String> {
    if !html.contains('<') {
        // Plain text (entities aside).
        let dom = dom::Dom::parse_fragment(&format!("<p>{html}</p>"));
        return vec![dom.text(0)]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect();
    }
    let dom = dom::Dom::parse_fragment(html);
    let removed = body::prune(&dom, false);
    let blocks = body::blocks(&dom, 0, &removed);
    to_paragraphs(
        blocks
            .into_iter()
            .filter(|b| body::classify(b, None, false) != body::Class::Bad)
            .collect(),
    )
}

fn to_paragraphs(blocks: Vec<body::Block>) -> Vec<String> {
    blocks
        .into_iter()
        .flat_map(|b| {
            b.text
                .split('\n')
                .map(str::to_string)
                .filter(|l| !l.trim().is_empty())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Remove tags from a string that may hold HTML (JSON-LD bodies sometimes do).
fn strip_tags(s: &str) -> String {
    if !s.contains('<') {
        return s.to_string();
    }
    let dom = dom::Dom::parse_fragment(s);
    let removed = vec![false; dom.nodes.len()];
    body::blocks(&dom, 0, &removed)
        .into_iter()
        .map(|b| b.text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Turn page bytes into an article: decode (with the transport's charset, if any),
/// extract, and fill the metadata. `url` and `fallback_date` come from the container
/// (a WARC record, a feed item), when there is one. A page without article text is an
/// error of kind `MissingText`.
pub fn article_from_bytes(
    bytes: &[u8],
    declared_charset: Option<&str>,
    url: Option<&str>,
    fallback_date: Option<&str>,
    id: String,
    origin: Origin,
) -> Result<RawArticle, IngestError> {
    let (text, encoding, had_errors) = charset::decode(bytes, declared_charset);
    let mut diagnostics = Vec::new();
    let place = match origin.line {
        Some(l) => format!("{}:{l}", origin.path),
        None => origin.path.clone(),
    };
    if had_errors {
        diagnostics.push(format!(
            "{place}: bytes invalid in {}; replaced with U+FFFD",
            encoding.name()
        ));
    }
    let extracted = extract(&text, url);
    if extracted.paragraphs.is_empty() {
        return Err(IngestError {
            path: origin.path.clone(),
            line: origin.line,
            kind: ErrorKind::MissingText,
            message: "no article text found in the page".to_string(),
        });
    }
    let meta = extracted.meta;
    let (date, date_source) = match meta.date.clone() {
        Some(d) => (Some(d), Some(DateSource::Record)),
        None => match fallback_date.and_then(parse_date) {
            Some(d) => (Some(d), Some(DateSource::Record)),
            None => (None, None),
        },
    };
    Ok(RawArticle {
        meta: Meta {
            id,
            title: meta.title,
            date,
            date_source,
            source: meta.site_name,
            url: meta.url.or_else(|| url.map(str::to_string)),
            author: meta.author,
            lang: meta.lang,
            origin,
        },
        text: extracted.paragraphs.join("\n\n"),
        dropped: Vec::new(),
        diagnostics,
    })
}

/// One text block of a page as the extractor saw it (for tuning; see
/// `examples/extract.rs`).
#[derive(Clone, Debug)]
pub struct BlockTrace {
    /// `good`, `short` or `bad`.
    pub class: &'static str,
    /// Whether the block is in the extracted body.
    pub kept: bool,
    /// Whether the block is inside the chosen container.
    pub in_container: bool,
    /// Tag of the block's element.
    pub tag: String,
    /// The element's `class` and `id`.
    pub class_id: String,
    /// Words and link words.
    pub words: (usize, usize),
    /// The text.
    pub text: String,
}

/// Every block of a page with its class and fate, in page order (for tuning).
pub fn trace(html: &str, url: Option<&str>) -> Vec<BlockTrace> {
    let dom = dom::Dom::parse_document(html);
    let meta = metadata::extract(&dom, url);
    let evidence = ld_evidence(&meta);
    let root = dom.first("body").unwrap_or(0);
    let removed = body::prune(&dom, false);
    let blocks = body::blocks(&dom, root, &removed);
    let chosen = body::select(
        &dom,
        blocks.clone(),
        evidence.as_ref(),
        meta.title.as_deref(),
    );
    let kept: HashSet<(usize, String)> = chosen
        .blocks
        .iter()
        .map(|b| (b.owner, b.text.clone()))
        .collect();
    blocks
        .into_iter()
        .map(|b| BlockTrace {
            class: match body::classify(&b, evidence.as_ref(), false) {
                body::Class::Good => "good",
                body::Class::Short => "short",
                body::Class::Bad => "bad",
            },
            kept: kept.contains(&(b.owner, b.text.clone())),
            in_container: chosen.container.is_some_and(|c| dom.is_within(b.owner, c)),
            tag: b.tag.clone(),
            class_id: dom.nodes[b.owner].class_id(),
            words: (b.words, b.link_words),
            text: b.text,
        })
        .collect()
}
