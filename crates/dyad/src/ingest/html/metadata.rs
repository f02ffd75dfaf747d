//! Page metadata: headline, publication date, author, canonical URL, language, site.
//!
//! Every field is gathered from several kinds of evidence, tried in order of
//! reliability:
//!
//! * **JSON-LD** (`<script type="application/ld+json">`, including `@graph` and
//!   arrays): the first object whose `@type` is an article (`NewsArticle`,
//!   `BlogPosting`, ...) gives `headline`, `datePublished`, `author`, `inLanguage`,
//!   `publisher.name` and `articleBody` (used by the body extractor as evidence).
//! * **meta tags**: Open Graph, Twitter cards, Dublin Core and the common
//!   publisher-specific names (`article:published_time`, `parsely-pub-date`,
//!   `sailthru.date`, `byl`, ...), and microdata (`itemprop=datePublished|author`).
//! * **markup**: `<h1>`, `<time datetime>`, `rel=author`, `class=byline`, and a
//!   `/YYYY/MM/DD/` date in the URL.
//!
//! The title is the `<h1>` when it agrees with a metadata title (the page's own
//! headline, without the site name), else the Open Graph / JSON-LD headline, else the
//! `<title>` with site names cut off at separators (`Headline | Site`,
//! `Site - Headline`). Dates are normalised to `YYYY-MM-DD`.

use serde_json::Value;

use super::dom::{collapse_ws, Data, Dom};

/// What the page says about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// Headline.
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Author(s), comma-separated.
    pub author: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Language (primary subtag, lowercase: `en`, `de`).
    pub lang: Option<String>,
    /// Site or publisher name.
    pub site_name: Option<String>,
    /// Description or standfirst.
    pub description: Option<String>,
    /// JSON-LD `articleBody`, when the page ships one.
    pub ld_body: Option<String>,
}

/// JSON-LD facts of the page's article object (or, failing that, any object).
#[derive(Default)]
struct LdFacts {
    headline: Option<String>,
    date: Option<String>,
    modified: Option<String>,
    author: Option<String>,
    lang: Option<String>,
    publisher: Option<String>,
    body: Option<String>,
    url: Option<String>,
}

fn ld_objects(v: &Value, out: &mut Vec<serde_json::Map<String, Value>>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| ld_objects(i, out, depth + 1)),
        Value::Object(map) => {
            out.push(map.clone());
            if let Some(g) = map.get("@graph") {
                ld_objects(g, out, depth + 1);
            }
            if let Some(m) = map.get("mainEntity") {
                ld_objects(m, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn ld_types(map: &serde_json::Map<String, Value>) -> Vec<String> {
    match map.get("@type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn is_article_type(t: &str) -> bool {
    let t = t.to_ascii_lowercase();
    t.contains("article") || t.contains("posting") || t == "report" || t == "review"
}

fn ld_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()).filter(|s| !s.trim().is_empty()),
        Value::Array(a) => a.iter().find_map(ld_string),
        Value::Object(o) => o
            .get("name")
            .or_else(|| o.get("@value"))
            .and_then(ld_string),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn ld_names(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a.iter().flat_map(ld_names).collect(),
        Value::Object(o) => o.get("name").map(ld_names).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Parse a JSON-LD script leniently (raw control characters, HTML comments, CDATA).
fn parse_ld(raw: &str) -> Option<Value> {
    let mut s: String = raw
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    for junk in ["<!--", "-->", "<![CDATA[", "]]>", "//<![CDATA[", "//]]>"] {
        s = s.replace(junk, " ");
    }
    let t = s.trim().trim_end_matches(';').trim();
    serde_json::from_str(t).ok()
}

fn ld_facts(dom: &Dom) -> LdFacts {
    let mut objects = Vec::new();
    for (_, node) in dom.elements() {
        if node.name() == "script"
            && node
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        {
            let raw: String = node
                .children
                .iter()
                .filter_map(|&c| match &dom.nodes[c].data {
                    Data::Text(t) => Some(t.as_str()),
                    _ => None,
                })
                .collect();
            if let Some(v) = parse_ld(&raw) {
                ld_objects(&v, &mut objects, 0);
            }
        }
    }
    let mut facts = LdFacts::default();
    let article = objects
        .iter()
        .find(|o| ld_types(o).iter().any(|t| is_article_type(t)));
    let ordered: Vec<&serde_json::Map<String, Value>> = article
        .into_iter()
        .chain(objects.iter().filter(|o| {
            ld_types(o)
                .iter()
                .any(|t| t.eq_ignore_ascii_case("webpage") || t.contains("Page"))
        }))
        .collect();
    for o in ordered {
        let get = |k: &str| o.get(k).and_then(ld_string);
        facts.headline = facts
            .headline
            .take()
            .or_else(|| get("headline"))
            .or_else(|| {
                // Only an article's `name` is its headline.
                if ld_types(o).iter().any(|t| is_article_type(t)) {
                    get("name")
                } else {
                    None
                }
            });
        facts.date = facts
            .date
            .take()
            .or_else(|| get("datePublished"))
            .or_else(|| get("dateCreated"));
        facts.modified = facts.modified.take().or_else(|| get("dateModified"));
        if facts.author.is_none() {
            if let Some(a) = o.get("author").or_else(|| o.get("creator")) {
                let names: Vec<String> = ld_names(a)
                    .into_iter()
                    .map(|n| collapse_ws(&n))
                    .filter(|n| !n.is_empty() && !n.starts_with("http"))
                    .collect();
                if !names.is_empty() {
                    facts.author = Some(names.join(", "));
                }
            }
        }
        facts.lang = facts.lang.take().or_else(|| get("inLanguage"));
        facts.publisher = facts
            .publisher
            .take()
            .or_else(|| o.get("publisher").and_then(ld_string));
        facts.body = facts.body.take().or_else(|| get("articleBody"));
        facts.url = facts.url.take().or_else(|| get("url"));
    }
    facts
}

/// Meta tag values by lowercase `name`/`property`/`itemprop`, in document order.
fn metas(dom: &Dom) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (_, node) in dom.elements() {
        if node.name() != "meta" {
            continue;
        }
        let Some(content) = node.attr("content") else {
            continue;
        };
        let content = collapse_ws(content);
        if content.is_empty() {
            continue;
        }
        for key in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(k) = node.attr(key) {
                // `property` may list several space-separated names.
                for k in k.split_whitespace() {
                    out.push((k.to_ascii_lowercase(), content.clone()));
                }
            }
        }
    }
    out
}

fn meta_get(metas: &[(String, String)], keys: &[&str]) -> Option<String> {
    keys.iter()
        .find_map(|k| metas.iter().find(|(m, _)| m == k).map(|(_, v)| v.clone()))
}

/// Extract the page's metadata. `url` is where the page came from, if known.
pub(crate) fn extract(dom: &Dom, url: Option<&str>) -> PageMeta {
    let ld = ld_facts(dom);
    let metas = metas(dom);
    let site_name = meta_get(
        &metas,
        &["og:site_name", "application-name", "twitter:site"],
    )
    .or(ld.publisher.clone())
    .map(|s| s.trim_start_matches('@').to_string());
    let canonical = dom
        .elements()
        .find(|(_, n)| {
            n.name() == "link"
                && n.attr("rel").is_some_and(|r| {
                    r.split_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                })
        })
        .and_then(|(_, n)| n.attr("href").map(str::trim).map(str::to_string))
        .filter(|h| !h.is_empty())
        .or_else(|| meta_get(&metas, &["og:url", "twitter:url"]))
        .or(ld.url.clone())
        .map(|h| resolve(&h, url))
        .or_else(|| url.map(str::to_string));
    let title = title(dom, &metas, &ld, site_name.as_deref());
    let lang_attr = dom
        .first("html")
        .and_then(|h| dom.nodes[h].attr("lang"))
        .unwrap_or("")
        .to_ascii_lowercase();
    // Slashed dates are month-first only on US English pages.
    let month_first = lang_attr == "en" || lang_attr == "en-us";
    let date = date(dom, &metas, &ld, canonical.as_deref().or(url), month_first);
    let author = author(dom, &metas, &ld);
    let lang = dom
        .first("html")
        .and_then(|h| dom.nodes[h].attr("lang").or(dom.nodes[h].attr("xml:lang")))
        .map(str::to_string)
        .or_else(|| meta_get(&metas, &["content-language", "language", "dc.language"]))
        .or(ld.lang.clone())
        .or_else(|| meta_get(&metas, &["og:locale"]))
        .and_then(|l| {
            let primary = l
                .trim()
                .split(['-', '_', ',', ' '])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            (primary.len() >= 2
                && primary.len() <= 3
                && primary.chars().all(|c| c.is_ascii_alphabetic()))
            .then_some(primary)
        });
    let description = meta_get(
        &metas,
        &["og:description", "description", "twitter:description"],
    );
    PageMeta {
        title,
        date,
        author,
        url: canonical,
        lang,
        site_name,
        description,
        ld_body: ld.body,
    }
}

/// Resolve a possibly relative URL against the page URL (scheme and host only).
fn resolve(href: &str, base: Option<&str>) -> String {
    if href.contains("://") {
        return href.to_string();
    }
    let Some(base) = base else {
        return href.to_string();
    };
    let Some((scheme, rest)) = base.split_once("://") else {
        return href.to_string();
    };
    let host = rest.split('/').next().unwrap_or(rest);
    if let Some(h) = href.strip_prefix("//") {
        format!("{scheme}://{h}")
    } else if href.starts_with('/') {
        format!("{scheme}://{host}{href}")
    } else {
        href.to_string()
    }
}

/// Words of a string, lowercase, for comparing titles.
pub(crate) fn norm_title(s: &str) -> String {
    let s = s.replace('\u{AD}', "");
    super::body::words(&s)
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " » ", " « ", " · ", " // ", " ~ ", " • ",
];

/// Cut a site name off a title: split at separators, drop parts that are the site
/// name, keep the longest remaining part.
fn clean_title(raw: &str, site: Option<&str>) -> String {
    let raw = collapse_ws(raw);
    let site_norm = site.map(norm_title).filter(|s| !s.is_empty());
    let Some(sep) = SEPARATORS.iter().find(|s| raw.contains(**s)) else {
        return raw;
    };
    let parts: Vec<&str> = raw
        .split(sep)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let candidates: Vec<&str> = parts
        .iter()
        .copied()
        .filter(|p| {
            let n = norm_title(p);
            !site_norm
                .as_deref()
                .is_some_and(|s| n == s || s.contains(&n) && n.len() > 2)
        })
        .collect();
    let candidates = if candidates.is_empty() {
        parts.clone()
    } else {
        candidates
    };
    // A title like "Headline - part two | Site": keep the leading parts together when
    // only the last one is the site.
    if candidates.len() > 1 && parts.len() == candidates.len() + 1 && site_norm.is_some() {
        let joined = candidates.join(sep);
        if raw.starts_with(&joined) {
            return joined;
        }
    }
    // The longest part; the first one on ties (headlines come first more often).
    let mut best = candidates.first().copied().unwrap_or(&raw);
    for p in &candidates {
        if super::body::text_weight(p) > super::body::text_weight(best) {
            best = p;
        }
    }
    if super::body::text_weight(best) < 3 && parts.len() > 1 {
        return raw;
    }
    best.to_string()
}

fn title(
    dom: &Dom,
    metas: &[(String, String)],
    ld: &LdFacts,
    site: Option<&str>,
) -> Option<String> {
    let doc_title = dom
        .elements()
        .find(|(_, n)| n.name() == "title")
        .map(|(i, _)| dom.text(i))
        .filter(|t| !t.is_empty());
    let meta_title = ld.headline.clone().or_else(|| {
        meta_get(
            metas,
            &["og:title", "twitter:title", "dc.title", "title", "headline"],
        )
    });
    let h1s: Vec<String> = dom
        .elements()
        .filter(|(_, n)| n.name() == "h1")
        .map(|(i, _)| dom.text(i))
        .filter(|t| !t.is_empty() && t.len() < 400)
        .collect();
    let mut known: Vec<String> = Vec::new();
    if let Some(m) = &meta_title {
        known.push(norm_title(&clean_title(m, site)));
        known.push(norm_title(m));
    }
    if let Some(t) = &doc_title {
        known.push(norm_title(&clean_title(t, site)));
        known.push(norm_title(t));
        // A leading part of the title ("Headline - Section - Site").
        for sep in SEPARATORS {
            if let Some((first, _)) = t.split_once(sep) {
                known.push(norm_title(first));
            }
        }
    }
    known.retain(|k| !k.is_empty());
    let site_norm = site.map(norm_title);
    for h in &h1s {
        let n = norm_title(h);
        // A heading that is the site's name is a logo, not the headline.
        if n.is_empty()
            || site_norm.as_deref() == Some(n.as_str())
            || super::body::text_weight(h) < 2
        {
            continue;
        }
        if known
            .iter()
            .any(|k| *k == n || (k.starts_with(&n) && n.split(' ').count() >= 4))
        {
            return Some(h.clone());
        }
    }
    if let Some(m) = meta_title {
        let c = clean_title(&m, site);
        if !c.is_empty() {
            return Some(c);
        }
    }
    if let Some(t) = doc_title {
        let c = clean_title(&t, site);
        if !c.is_empty() {
            return Some(c);
        }
    }
    h1s.into_iter().next()
}

fn author(dom: &Dom, metas: &[(String, String)], ld: &LdFacts) -> Option<String> {
    let clean = |s: String| -> Option<String> {
        let s = collapse_ws(&s);
        let s = s
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .to_string();
        let lower = s.to_lowercase();
        let s = if lower.starts_with("by ") {
            s[3..].trim().to_string()
        } else {
            s
        };
        let s = if s.to_lowercase().starts_with("von ") {
            s[4..].trim().to_string()
        } else {
            s
        };
        (!s.is_empty()
            && s.len() <= 120
            && !s.starts_with("http")
            && s.chars().any(char::is_alphabetic))
        .then_some(s)
    };
    if let Some(a) = ld.author.clone().and_then(clean) {
        return Some(a);
    }
    if let Some(a) = meta_get(
        metas,
        &[
            "author",
            "article:author",
            "byl",
            "parsely-author",
            "sailthru.author",
            "dc.creator",
            "citation_author",
            "dcterms.creator",
            "twitter:creator",
        ],
    )
    .and_then(clean)
    {
        return Some(a);
    }
    for (id, node) in dom.elements() {
        let is_author = node
            .attr("itemprop")
            .is_some_and(|p| p.split_whitespace().any(|p| p == "author"))
            || node
                .attr("rel")
                .is_some_and(|r| r.split_whitespace().any(|r| r == "author"));
        if is_author {
            if let Some(c) = node.attr("content").map(str::to_string) {
                if let Some(a) = clean(c) {
                    return Some(a);
                }
            }
            // Prefer a nested itemprop=name.
            let named = dom
                .descendants(id)
                .into_iter()
                .find(|&d| dom.nodes[d].attr("itemprop") == Some("name"))
                .map(|d| dom.text(d));
            if let Some(a) = named.or_else(|| Some(dom.text(id))).and_then(clean) {
                return Some(a);
            }
        }
    }
    for (id, node) in dom.elements() {
        let ci = node.class_id();
        if ci.split_whitespace().any(|t| {
            t.contains("byline")
                || t == "author"
                || t.ends_with("-author")
                || t.contains("author-name")
        }) {
            if let Some(a) = clean(dom.text(id)) {
                if super::body::count_words(&a) <= 8 {
                    return Some(a);
                }
            }
        }
    }
    None
}

fn date(
    dom: &Dom,
    metas: &[(String, String)],
    ld: &LdFacts,
    url: Option<&str>,
    month_first: bool,
) -> Option<String> {
    let parse_date = |s: &str| parse_date_with(s, month_first);
    if let Some(d) = ld.date.as_deref().and_then(parse_date) {
        return Some(d);
    }
    const PUBLISHED: &[&str] = &[
        "article:published_time",
        "og:article:published_time",
        "article:published",
        "datepublished",
        "published_time",
        "publishdate",
        "publish-date",
        "publish_date",
        "pubdate",
        "pub_date",
        "parsely-pub-date",
        "sailthru.date",
        "article.published",
        "article_date_original",
        "original-publish-date",
        "dc.date.issued",
        "dc.date",
        "dcterms.issued",
        "dcterms.created",
        "dcterms.date",
        "dc.date.created",
        "date",
        "citation_publication_date",
        "citation_date",
        "cxenseparse:recs:publishtime",
        "date.available",
        "displaydate",
        "rnews:datepublished",
        "release_date",
        "og:pubdate",
        "timestamp",
    ];
    for key in PUBLISHED {
        if let Some(d) = metas
            .iter()
            .filter(|(m, _)| m == key)
            .find_map(|(_, v)| parse_date(v))
        {
            return Some(d);
        }
    }
    // Microdata and <time>.
    for (id, node) in dom.elements() {
        let published = node
            .attr("itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("datepublished"))
            || (node.name() == "time" && node.attr("pubdate").is_some());
        if published {
            let v = node
                .attr("datetime")
                .or(node.attr("content"))
                .map(str::to_string)
                .unwrap_or_else(|| dom.text(id));
            if let Some(d) = parse_date(&v) {
                return Some(d);
            }
        }
    }
    if let Some(d) = url.and_then(url_date) {
        return Some(d);
    }
    for (id, node) in dom.elements() {
        if node.name() == "time" {
            let v = node
                .attr("datetime")
                .map(str::to_string)
                .unwrap_or_else(|| dom.text(id));
            if let Some(d) = parse_date(&v) {
                return Some(d);
            }
        }
    }
    if let Some(d) = ld.modified.as_deref().and_then(parse_date) {
        return Some(d);
    }
    if let Some(d) = meta_get(
        metas,
        &[
            "article:modified_time",
            "og:updated_time",
            "datemodified",
            "last-modified",
            "dc.date.modified",
        ],
    )
    .and_then(|v| parse_date(&v))
    {
        return Some(d);
    }
    // Elements named like dates.
    for (id, node) in dom.elements() {
        let ci = node.class_id();
        if ci.split_whitespace().any(|t| {
            t.contains("date")
                || t.contains("publish")
                || t.contains("posted")
                || t.contains("timestamp")
        }) {
            let text = dom.text(id);
            if text.len() <= 100 {
                if let Some(d) = parse_date(&text) {
                    return Some(d);
                }
            }
        }
    }
    // A short line stating a full date near the headline.
    if let Some(h1) = dom.first("h1") {
        let mut scope = h1;
        for _ in 0..3 {
            scope = dom.nodes[scope].parent.unwrap_or(scope);
        }
        for d in dom.descendants(scope) {
            if let Data::Text(t) = &dom.nodes[d].data {
                let in_code = dom.nodes[d]
                    .parent
                    .is_some_and(|p| matches!(dom.nodes[p].name(), "script" | "style"));
                if !in_code && t.trim().len() <= 80 && has_year(t) {
                    if let Some(found) = parse_date(t) {
                        return Some(found);
                    }
                }
            }
        }
    }
    None
}

fn has_year(t: &str) -> bool {
    t.split(|c: char| !c.is_ascii_digit())
        .any(|n| n.len() == 4 && (n.starts_with("19") || n.starts_with("20")))
}

/// A `/2019/11/19/` or `2019-11-19` date in a URL path.
pub(crate) fn url_date(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.split_once('/').map_or("", |(_, p)| p);
    let parts: Vec<&str> = path.split(['/', '-', '_', '.']).collect();
    for w in parts.windows(3) {
        if let (Ok(y), Ok(m), Ok(d)) = (
            w[0].parse::<u32>(),
            w[1].parse::<u32>(),
            w[2].parse::<u32>(),
        ) {
            if w[0].len() == 4 && w[1].len() <= 2 && w[2].len() <= 2 {
                if let Some(s) = ymd(y, m, d) {
                    return Some(s);
                }
            }
        }
    }
    None
}

fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => 29,
        _ => return None,
    };
    ((1900..=2100).contains(&y) && (1..=days).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn month_number(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('.');
    const NAMES: &[(&str, u32)] = &[
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("may", 5),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
        ("mär", 3),
        ("mai", 5),
        ("okt", 10),
        ("dez", 12),
        ("janv", 1),
        ("févr", 2),
        ("fevr", 2),
        ("mars", 3),
        ("avr", 4),
        ("juin", 6),
        ("juil", 7),
        ("août", 8),
        ("aout", 8),
        ("déc", 12),
        ("ene", 1),
        ("abr", 4),
        ("ago", 8),
        ("dic", 12),
        ("set", 9),
    ];
    const FULL: &[(&str, u32)] = &[
        ("january", 1),
        ("february", 2),
        ("march", 3),
        ("april", 4),
        ("june", 6),
        ("july", 7),
        ("august", 8),
        ("september", 9),
        ("october", 10),
        ("november", 11),
        ("december", 12),
        ("januar", 1),
        ("februar", 2),
        ("märz", 3),
        ("maerz", 3),
        ("juni", 6),
        ("juli", 7),
        ("oktober", 10),
        ("dezember", 12),
        ("janvier", 1),
        ("février", 2),
        ("avril", 4),
        ("juillet", 7),
        ("septembre", 9),
        ("octobre", 10),
        ("novembre", 11),
        ("décembre", 12),
        ("enero", 1),
        ("febrero", 2),
        ("marzo", 3),
        ("abril", 4),
        ("mayo", 5),
        ("junio", 6),
        ("julio", 7),
        ("agosto", 8),
        ("septiembre", 9),
        ("octubre", 10),
        ("noviembre", 11),
        ("diciembre", 12),
        ("sept", 9),
    ];
    if let Some((_, n)) = FULL.iter().find(|(name, _)| *name == w) {
        return Some(*n);
    }
    if w.chars().count() >= 3 {
        if let Some((_, n)) = NAMES.iter().find(|(name, _)| *name == w) {
            return Some(*n);
        }
        // Abbreviation prefixes such as "Sept" or "Febr".
        let prefix: String = w.chars().take(3).collect();
        if w.chars().count() <= 5 {
            if let Some((_, n)) = NAMES.iter().find(|(name, _)| *name == prefix) {
                return Some(*n);
            }
        }
    }
    None
}

/// Parse a date written in any common way (ISO 8601, RFC 2822, `November 19, 2019`,
/// `19 Nov 2019`, `19.11.2019`, `20191119`) to `YYYY-MM-DD`. A slashed date whose
/// order is ambiguous (`05/11/2022`) is read day first.
pub fn parse_date(s: &str) -> Option<String> {
    parse_date_with(s, false)
}

/// [`parse_date`], reading ambiguous slashed dates month first when `month_first`.
pub fn parse_date_with(s: &str, month_first: bool) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    // ISO 8601 and 8-digit compact dates at the start.
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    if b.len() >= 10 && (b[4] == b'-' || b[4] == b'/') && b[7] == b[4] {
        if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) {
            return ymd(y, m, d);
        }
    }
    if b.len() >= 8
        && b[..8].iter().all(u8::is_ascii_digit)
        && (b.len() == 8 || !b[8].is_ascii_digit())
    {
        if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(4..6), digits(6..8)) {
            if let Some(r) = ymd(y, m, d) {
                return Some(r);
            }
        }
    }
    // Token-based: numbers and month names.
    let tokens: Vec<&str> = s
        .split(|c: char| !(c.is_alphanumeric()))
        .filter(|t| !t.is_empty())
        .collect();
    for (i, t) in tokens.iter().enumerate() {
        // 2019-11-19 inside text, or 19.11.2019 / 11/19/2019.
        if let Some(m) = month_number(t) {
            // "November 19, 2019" / "Nov 19 2019"
            if let (Some(d), Some(y)) = (tokens.get(i + 1), tokens.get(i + 2)) {
                if let (Ok(d), Ok(y)) = (
                    d.trim_end_matches(|c: char| c.is_alphabetic())
                        .parse::<u32>(),
                    y.parse::<u32>(),
                ) {
                    if y >= 1900 {
                        if let Some(r) = ymd(y, m, d) {
                            return Some(r);
                        }
                    }
                }
            }
            // "19 November 2019" / "Tue, 19 Nov 2019"
            if i >= 1 {
                if let (Some(d), Some(y)) = (tokens.get(i - 1), tokens.get(i + 1)) {
                    if let (Ok(d), Ok(y)) = (d.parse::<u32>(), y.parse::<u32>()) {
                        if let Some(r) = ymd(y, m, d) {
                            return Some(r);
                        }
                    }
                }
            }
        }
    }
    let nums: Vec<(usize, u32, usize)> = tokens
        .iter()
        .enumerate()
        .filter_map(|(i, t)| t.parse::<u32>().ok().map(|n| (i, n, t.len())))
        .collect();
    for w in nums.windows(3) {
        let [(i0, a, la), (i1, b, _), (i2, c, lc)] = [w[0], w[1], w[2]];
        if i1 != i0 + 1 || i2 != i1 + 1 {
            continue;
        }
        if la == 4 {
            if let Some(r) = ymd(a, b, c) {
                return Some(r);
            }
        } else if lc == 4 {
            // 19.11.2019 (day first, European) unless the first number cannot be a day
            // of that month; 11/19/2019 when the second number is over 12.
            let sep_slash = s.contains('/');
            let (d, m) = if a > 12 {
                (a, b)
            } else if b > 12 || (sep_slash && month_first) {
                (b, a)
            } else {
                (a, b)
            };
            if let Some(r) = ymd(c, m, d) {
                return Some(r);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_many_forms() {
        for (s, want) in [
            ("2019-11-19T10:00:00Z", "2019-11-19"),
            ("2019/11/19", "2019-11-19"),
            ("20191119", "2019-11-19"),
            ("Tue, 19 Nov 2019 10:00:00 GMT", "2019-11-19"),
            ("November 19, 2019", "2019-11-19"),
            ("Nov. 19, 2019 5:30 pm ET", "2019-11-19"),
            ("Published 19 November 2019", "2019-11-19"),
            ("19.11.2019", "2019-11-19"),
            ("11/19/2019", "2019-11-19"),
            ("05/11/2022", "2022-11-05"),
            ("19. März 2019", "2019-03-19"),
        ] {
            assert_eq!(parse_date(s).as_deref(), Some(want), "{s}");
        }
        assert_eq!(parse_date("no date here"), None);
        assert_eq!(parse_date("2019-13-45"), None);
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            url_date("https://x.com/2019/11/19/story.html").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(url_date("https://x.com/news/story-12345"), None);
    }

    #[test]
    fn titles_lose_site_names() {
        assert_eq!(
            clean_title("Storm hits the coast | Daily Planet", Some("Daily Planet")),
            "Storm hits the coast"
        );
        assert_eq!(
            clean_title("Daily Planet - Storm hits the coast today", None),
            "Storm hits the coast today"
        );
        assert_eq!(clean_title("Plain headline", None), "Plain headline");
    }
}
