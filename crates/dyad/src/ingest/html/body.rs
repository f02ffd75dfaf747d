//! Finding the article body in a page: boilerplate removal by structure, markup and
//! text statistics.
//!
//! The page is read in four passes, all over the [`Dom`] arena:
//!
//! 1. **Pruning.** Subtrees that never hold article text are marked removed: scripts,
//!    styles, forms' controls, media, `<nav>`, `<aside>`, `<footer>`, `<header>`,
//!    `<figure>`/`<figcaption>` (captions), hidden elements (`hidden`, `aria-hidden`,
//!    `display:none`), ARIA landmark roles for navigation and complementary content, and
//!    elements whose `class`/`id` names boilerplate (comments, sharing, related links,
//!    newsletters, cookie banners, advertising, bylines, captions, pagination, ...).
//!    An element is *not* pruned by its name when it carries an article-body marker
//!    (`itemprop=articleBody`, `article-body`, `entry-content`, ...), contains such a
//!    marker, or holds most of the page's paragraph text (a layout wrapper that
//!    happens to be called `sidebar-layout` must not take the article with it).
//!    *Teaser cards* go too: a heading that is a link, with at most a short summary
//!    around it (under 100 words, no other heading) is a pointer to another story.
//! 2. **Blocks.** The remaining text is cut into blocks at block-level elements (and
//!    `<br>` lines): each block knows its element, its length in words (a script
//!    written without spaces, such as Japanese, counts one word per two characters),
//!    how many of its words are link text, and how many lead it before any plain word.
//! 3. **Classification.** A block is *good* (15+ words of its own, or 8+ ending like a
//!    sentence, and under 60% links), *bad* (80%+ links, or over half links with few
//!    words of its own outside a `<p>`; an interface string such as "Advertisement";
//!    a cookie notice; escaped markup; a linked headline followed by a truncated
//!    summary; a heading such as "Related stories"), or *short* (everything else:
//!    subheadings, one-line paragraphs, datelines, table cells). When the page's
//!    JSON-LD carries an `articleBody` of 50+ words, it is evidence: a block whose word
//!    4-grams occur there is good, and — when that body is at least 40% as long as
//!    the page's prose, so not a teaser — a long block absent from it is bad.
//! 4. **Container.** Every element gets the sum of its blocks' scores (good blocks
//!    count their words, bad blocks subtract theirs, short blocks subtract a quarter
//!    of theirs when they hold links and nothing otherwise); the element with the
//!    highest sum — the deepest one on ties — is the article container, so the body
//!    is the largest region of the page that is mostly prose. Its blocks are the body,
//!    less bad blocks, `<h1>`s and the headline, headings that introduce no prose
//!    (followed by a bad block, another heading or nothing), short lines before the
//!    first good block unless they are link-free paragraphs (bylines, dates, kickers)
//!    and linked lines after the last one (tags, share rows).

use std::collections::HashSet;

use super::dom::{collapse_ws, is_block, Data, Dom, NodeId};

/// Tags whose subtrees never hold body text.
fn is_dropped_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "canvas"
            | "iframe"
            | "object"
            | "embed"
            | "head"
            | "title"
            | "nav"
            | "aside"
            | "footer"
            | "header"
            | "figure"
            | "figcaption"
            | "picture"
            | "video"
            | "audio"
            | "img"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "option"
            | "label"
            | "dialog"
            | "menu"
            | "map"
            | "link"
            | "meta"
            | "form-control"
    )
}

/// ARIA roles of page furniture.
fn is_dropped_role(role: &str) -> bool {
    matches!(
        role.trim().to_ascii_lowercase().as_str(),
        "navigation"
            | "complementary"
            | "banner"
            | "contentinfo"
            | "dialog"
            | "alertdialog"
            | "menu"
            | "menubar"
            | "search"
            | "toolbar"
            | "tooltip"
    )
}

/// Substrings of `class`/`id` tokens that name page furniture.
const BOILERPLATE: &[&str] = &[
    "comment",
    "disqus",
    "related",
    "recommend",
    "share",
    "sharing",
    "social",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "sign-up",
    "promo",
    "sponsor",
    "advert",
    "cookie",
    "consent",
    "gdpr",
    "breadcrumb",
    "sidebar",
    "side-bar",
    "widget",
    "popup",
    "modal",
    "toolbar",
    "pagination",
    "pager",
    "outbrain",
    "taboola",
    "trending",
    "popular",
    "most-read",
    "mostread",
    "footer",
    "masthead",
    "navbar",
    "navigation",
    "menu",
    "byline",
    "caption",
    "credit",
    "tagcloud",
    "tag-list",
    "taglist",
    "read-more",
    "readmore",
    "see-also",
    "more-stories",
    "morestories",
    "slideshow",
    "carousel",
    "gallery",
    "playlist",
    "login",
    "donate",
    "rating",
    "skip-link",
    "skiplink",
    "visually-hidden",
    "visuallyhidden",
    "sr-only",
    "screen-reader",
    "offscreen",
    "print-only",
    "author-bio",
    "authorbio",
    "author-info",
    "about-author",
    "disclaimer",
    "copyright",
    "rightrail",
    "leftrail",
    "siderail",
    "breaking",
    "ticker",
];

/// Whole `class`/`id` tokens that hide an element.
const HIDDEN_TOKENS: &[&str] = &[
    "hidden",
    "hide",
    "is-hidden",
    "d-none",
    "invisible",
    "display-none",
];

/// Whole `class`/`id` tokens (or `-`/`_` separated parts) that name page furniture.
const BOILERPLATE_PARTS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "dfp",
    "nav",
    "tags",
    "tag",
    "meta",
    "share",
    "print",
    "email",
    "follow",
    "alert",
    "banner",
    "author",
    "timestamp",
    "date",
    "dateline",
    "hide",
    "rail",
];

/// Substrings of `class`/`id` that mark the article body itself.
const BODY_MARKERS: &[&str] = &[
    "articlebody",
    "article-body",
    "article_body",
    "article__body",
    "article-content",
    "article_content",
    "article__content",
    "articlecontent",
    "article-text",
    "articletext",
    "article_text",
    "story-body",
    "storybody",
    "story-content",
    "storycontent",
    "story-text",
    "storytext",
    "post-content",
    "postcontent",
    "post_content",
    "post-body",
    "postbody",
    "post-text",
    "entry-content",
    "entry_content",
    "entrycontent",
    "entry-body",
    "main-content",
    "body-text",
    "bodytext",
    "content-body",
    "rich-text",
    "richtext",
];

/// Whether class/id names (lowercase) mark the body.
fn is_body_marker(class_id: &str, itemprop: Option<&str>) -> bool {
    if itemprop.is_some_and(|p| p.eq_ignore_ascii_case("articlebody")) {
        return true;
    }
    BODY_MARKERS.iter().any(|m| class_id.contains(m))
}

/// Whether class/id names (lowercase) name boilerplate.
fn is_boilerplate_name(class_id: &str) -> bool {
    for token in class_id.split_whitespace() {
        if HIDDEN_TOKENS.contains(&token) {
            return true;
        }
        if BOILERPLATE.iter().any(|b| token.contains(b)) {
            // "commentary" and "commentator" are articles, not comment sections.
            if token.contains("comment")
                && (token.contains("commentary") || token.contains("commentator"))
                && !BOILERPLATE
                    .iter()
                    .filter(|b| **b != "comment")
                    .any(|b| token.contains(b))
            {
                continue;
            }
            return true;
        }
        if token
            .split(['-', '_'])
            .any(|part| BOILERPLATE_PARTS.contains(&part))
        {
            return true;
        }
    }
    false
}

/// Whether inline style or attributes hide the element.
fn is_hidden(node: &super::dom::Node) -> bool {
    if node.attr("hidden").is_some() {
        return true;
    }
    if node
        .attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(style) = node.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// One block of text.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    /// The block-level element that owns the text.
    pub owner: NodeId,
    /// Tag of the owner.
    pub tag: String,
    /// Text, whitespace collapsed within lines; `\n` separates `<br>` lines.
    pub text: String,
    /// Words (`\w+` runs).
    pub words: usize,
    /// Words inside links.
    pub link_words: usize,
    /// Words of link text before the first word outside a link.
    pub lead_link_words: usize,
    /// Whether the block is inside a heading.
    pub heading: bool,
}

/// Count `\w+` runs.
pub(crate) fn count_words(s: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in s.chars() {
        let w = c.is_alphanumeric() || c == '_';
        if w && !in_word {
            n += 1;
        }
        in_word = w;
    }
    n
}

/// Whether a character belongs to a script written without spaces between words.
fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF // kana
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF // Han
        | 0x0E00..=0x0E7F // Thai
        | 0x0E80..=0x0EFF // Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
    )
}

/// Length of a text in words, where a script without spaces counts one word per two
/// characters (so a Japanese paragraph weighs like an English one).
pub(crate) fn text_weight(s: &str) -> usize {
    let mut n = 0;
    let mut unspaced = 0;
    let mut in_word = false;
    for c in s.chars() {
        let w = c.is_alphanumeric() || c == '_';
        if w && !in_word {
            n += 1;
        }
        if is_unspaced(c) {
            unspaced += 1;
        }
        in_word = w;
    }
    n + unspaced / 2
}

/// Mark removed subtrees (pass 1).
pub(crate) fn prune(dom: &Dom, keep_markup_roles: bool) -> Vec<bool> {
    let n = dom.nodes.len();
    // Paragraph text per subtree, to protect layout wrappers that hold the article.
    let mut p_text = vec![0usize; n];
    let mut marker = vec![false; n];
    for (id, node) in dom.nodes.iter().enumerate() {
        if let Data::Text(t) = &node.data {
            let len = t.trim().len();
            if len == 0 {
                continue;
            }
            let in_p = node.parent.is_some_and(|p| {
                matches!(
                    dom.nodes[p].name(),
                    "p" | "li"
                        | "blockquote"
                        | "pre"
                        | "td"
                        | "div"
                        | "span"
                        | "a"
                        | "em"
                        | "strong"
                        | "b"
                        | "i"
                )
            });
            if !in_p {
                continue;
            }
            let mut cur = node.parent;
            while let Some(c) = cur {
                p_text[c] += len;
                cur = dom.nodes[c].parent;
            }
        } else if node.is_element() && is_body_marker(&node.class_id(), node.attr("itemprop")) {
            let mut cur = Some(id);
            while let Some(c) = cur {
                marker[c] = true;
                cur = dom.nodes[c].parent;
            }
        }
    }
    // Text weight and link-text weight per subtree, for teaser cards.
    let mut weight = vec![0usize; n];
    let mut link_weight = vec![0usize; n];
    for node in &dom.nodes {
        if let Data::Text(t) = &node.data {
            let w = text_weight(t);
            if w == 0 {
                continue;
            }
            let mut in_link = false;
            let mut cur = node.parent;
            while let Some(c) = cur {
                in_link |= dom.nodes[c].name() == "a";
                weight[c] += w;
                cur = dom.nodes[c].parent;
            }
            if in_link {
                let mut cur = node.parent;
                while let Some(c) = cur {
                    link_weight[c] += w;
                    cur = dom.nodes[c].parent;
                }
            }
        }
    }
    let total = p_text[0].max(1);
    let mut removed = vec![false; n];
    for (id, node) in dom.nodes.iter().enumerate() {
        if removed[id] {
            continue;
        }
        let remove = match &node.data {
            Data::Element { name, .. } => {
                let name = name.as_str();
                if matches!(name, "html" | "body") {
                    false
                } else if is_dropped_tag(name) {
                    // A header or footer that holds the article body marker is a wrapper.
                    !(matches!(name, "header" | "footer" | "aside") && marker[id])
                } else if is_hidden(node)
                    || (!keep_markup_roles
                        && node.attr("role").is_some_and(is_dropped_role)
                        && !marker[id])
                {
                    true
                } else {
                    let ci = node.class_id();
                    !ci.is_empty()
                        && !keep_markup_roles
                        && is_boilerplate_name(&ci)
                        && !marker[id]
                        && p_text[id] * 2 < total
                }
            }
            _ => false,
        };
        if remove {
            removed[id] = true;
            for d in dom.descendants(id) {
                removed[d] = true;
            }
        }
    }
    if !keep_markup_roles {
        remove_teaser_cards(dom, &weight, &link_weight, &marker, &mut removed);
    }
    removed
}

/// Teaser cards: a heading that is a link, with at most a short summary around it
/// (lists of other stories). The card is the largest ancestor that holds no other
/// heading and under 100 words.
fn remove_teaser_cards(
    dom: &Dom,
    weight: &[usize],
    link_weight: &[usize],
    marker: &[bool],
    removed: &mut [bool],
) {
    let headings: Vec<NodeId> = dom
        .elements()
        .filter(|(_, n)| is_heading(n.name()))
        .map(|(id, _)| id)
        .collect();
    let mut heading_count = vec![0usize; dom.nodes.len()];
    for &h in &headings {
        let mut cur = Some(h);
        while let Some(c) = cur {
            heading_count[c] += 1;
            cur = dom.nodes[c].parent;
        }
    }
    for &h in &headings {
        if weight[h] < 2 || link_weight[h] * 10 < weight[h] * 6 || marker[h] {
            continue;
        }
        let mut card = h;
        while let Some(p) = dom.nodes[card].parent {
            let node = &dom.nodes[p];
            if !node.is_element()
                || matches!(node.name(), "body" | "html" | "main")
                || weight[p] > 100
                || heading_count[p] > 1
                || marker[p]
            {
                break;
            }
            card = p;
        }
        removed[card] = true;
        for d in dom.descendants(card) {
            removed[d] = true;
        }
    }
}

/// Cut the unremoved text under `root` into blocks (pass 2).
pub(crate) fn blocks(dom: &Dom, root: NodeId, removed: &[bool]) -> Vec<Block> {
    struct Cur {
        text: String,
        link_words: usize,
        lead_link_words: usize,
        /// Whether a word outside a link was seen.
        plain_seen: bool,
    }
    let mut out = Vec::new();
    let mut owners: Vec<NodeId> = vec![root];
    let mut cur = Cur {
        text: String::new(),
        link_words: 0,
        lead_link_words: 0,
        plain_seen: false,
    };
    let mut link_depth = 0usize;
    let mut heading_depth = 0usize;
    let mut pre_depth = 0usize;
    let flush = |cur: &mut Cur, owner: NodeId, heading: bool, out: &mut Vec<Block>| {
        let text: String = cur
            .text
            .split('\n')
            .map(collapse_ws)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        let words = text_weight(&text);
        if words > 0 {
            out.push(Block {
                owner,
                tag: dom.nodes[owner].name().to_string(),
                text,
                words,
                link_words: cur.link_words.min(words),
                lead_link_words: cur.lead_link_words.min(words),
                heading,
            });
        }
        cur.text.clear();
        cur.link_words = 0;
        cur.lead_link_words = 0;
        cur.plain_seen = false;
    };
    // (node, entering)
    let mut stack: Vec<(NodeId, bool)> = dom.nodes[root]
        .children
        .iter()
        .rev()
        .map(|&c| (c, true))
        .collect();
    while let Some((id, entering)) = stack.pop() {
        let node = &dom.nodes[id];
        match &node.data {
            Data::Text(t) => {
                let w = text_weight(t);
                if link_depth > 0 {
                    cur.link_words += w;
                    if !cur.plain_seen {
                        cur.lead_link_words += w;
                    }
                } else if w > 0 {
                    cur.plain_seen = true;
                }
                if pre_depth > 0 {
                    cur.text.push_str(t);
                } else {
                    // Source line breaks are spaces; only `<br>` breaks a line.
                    cur.text.extend(
                        t.chars()
                            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
                    );
                }
            }
            Data::Element { name, .. } => {
                let name = name.as_str();
                if entering {
                    if removed[id] {
                        // Keep words apart across a removed element.
                        cur.text.push(' ');
                        continue;
                    }
                    if name == "br" {
                        cur.text.push('\n');
                        continue;
                    }
                    let block = is_block(name);
                    if block {
                        let owner = *owners.last().unwrap_or(&root);
                        flush(&mut cur, owner, heading_depth > 0, &mut out);
                        owners.push(id);
                    }
                    if name == "a" {
                        link_depth += 1;
                    }
                    if is_heading(name) {
                        heading_depth += 1;
                    }
                    if name == "pre" {
                        pre_depth += 1;
                    }
                    stack.push((id, false));
                    for &c in node.children.iter().rev() {
                        stack.push((c, true));
                    }
                } else {
                    if name == "a" {
                        link_depth = link_depth.saturating_sub(1);
                    }
                    if is_block(name) {
                        flush(&mut cur, id, heading_depth > 0, &mut out);
                        owners.pop();
                    }
                    if is_heading(name) {
                        heading_depth = heading_depth.saturating_sub(1);
                    }
                    if name == "pre" {
                        pre_depth = pre_depth.saturating_sub(1);
                    }
                }
            }
            Data::Root => {}
        }
    }
    let owner = *owners.last().unwrap_or(&root);
    flush(&mut cur, owner, false, &mut out);
    out
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Short interface strings that are never article text (compared lowercase, without
/// trailing punctuation).
const UI_STRINGS: &[&str] = &[
    "advertisement",
    "advertisements",
    "sponsored",
    "sponsored content",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "tweet",
    "email",
    "print",
    "comments",
    "comment",
    "read more",
    "read next",
    "continue reading",
    "related",
    "related articles",
    "related stories",
    "more stories",
    "recommended",
    "follow us",
    "subscribe",
    "sign up",
    "log in",
    "login",
    "skip to content",
    "skip to main content",
    "back to top",
    "loading",
    "close",
    "menu",
    "next",
    "previous",
    "copy link",
    "story continues below advertisement",
    "article continues below advertisement",
    "continue reading below",
    "scroll to continue with content",
];

fn is_ui_string(text: &str) -> bool {
    let t = text
        .trim()
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    UI_STRINGS.contains(&t.as_str())
}

/// Openings of headings over lists of other stories.
const FURNITURE_HEADINGS: &[&str] = &[
    "related",
    "more from",
    "more on",
    "more in",
    "more stories",
    "more news",
    "recommended",
    "elsewhere",
    "you may also like",
    "you might also like",
    "trending",
    "most popular",
    "most read",
    "latest news",
    "top stories",
    "read more",
    "read next",
    "see also",
    "also read",
    "share this",
    "follow us",
    "sign up",
    "newsletter",
];

fn is_furniture_heading(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    FURNITURE_HEADINGS.iter().any(|h| t.starts_with(h))
}

/// A cookie or privacy notice.
fn is_cookie_notice(text: &str) -> bool {
    let t = text.to_lowercase();
    t.contains("cookie")
        && [
            "use cookies",
            "uses cookies",
            "using cookies",
            "cookie settings",
            "cookie policy",
            "accept cookies",
            "allow cookies",
            "use of cookies",
            "cookies to",
        ]
        .iter()
        .any(|p| t.contains(p))
}

/// Escaped markup shown as text (`<img src=...>` in a saved page).
fn looks_like_markup(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "<img ", "<div ", "<a href", "<script", "<iframe", "<span ", "<meta ", "<link ",
    ]
    .iter()
    .any(|m| lower.contains(m))
}

/// Block class (pass 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    Good,
    Short,
    Bad,
}

fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')' | '»')
    });
    t.ends_with(['.', '!', '?', ':', '…', '。'])
}

/// Classify a block. `evidence` is the JSON-LD article body's 4-grams; with
/// `negative`, a long block absent from it is bad (only when that body is complete).
pub(crate) fn classify(block: &Block, evidence: Option<&HashSet<String>>, negative: bool) -> Class {
    let link_density = block.link_words as f64 / block.words.max(1) as f64;
    let own_words = block.words.saturating_sub(block.link_words);
    if is_ui_string(&block.text)
        || looks_like_markup(&block.text)
        || is_cookie_notice(&block.text)
        || (block.heading && is_furniture_heading(&block.text))
    {
        return Class::Bad;
    }
    // A teaser: a linked headline followed by a truncated summary.
    let trimmed = block.text.trim_end();
    if block.lead_link_words >= 3
        && (trimmed.ends_with("...") || trimmed.ends_with('…') || trimmed.ends_with("[…]"))
    {
        return Class::Bad;
    }
    if let Some(ev) = evidence {
        let grams = shingles(&block.text);
        if !grams.is_empty() && block.words >= 4 {
            let hit = grams.iter().filter(|g| ev.contains(*g)).count();
            let share = hit as f64 / grams.len() as f64;
            if share >= 0.5 {
                return Class::Good;
            }
            if negative && block.words >= 12 && share < 0.1 {
                return Class::Bad;
            }
        }
    }
    // Paragraphs are prose by markup: only a mostly-linked one is furniture.
    let lenient = block.tag == "p";
    if link_density >= 0.8 || (link_density > 0.5 && own_words < 10 && !lenient) {
        return Class::Bad;
    }
    if block.heading {
        return Class::Short;
    }
    let sentence = ends_sentence(&block.text);
    if link_density < 0.6 && (own_words >= 15 || (own_words >= 8 && sentence)) {
        Class::Good
    } else {
        Class::Short
    }
}

/// Word 4-grams of a text, lowercase (as the scorers count them).
pub(crate) fn shingles(text: &str) -> Vec<String> {
    let words: Vec<String> = words(text).map(|w| w.to_lowercase()).collect();
    if words.len() < 4 {
        return if words.is_empty() {
            Vec::new()
        } else {
            vec![words.join(" ")]
        };
    }
    words.windows(4).map(|w| w.join(" ")).collect()
}

/// `\w+` runs of a text.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

/// Score of a block for container selection.
fn block_score(block: &Block, class: Class) -> f64 {
    let w = block.words as f64;
    match class {
        Class::Good => w,
        Class::Bad => -w.max(block.link_words as f64) * 1.0,
        Class::Short if block.link_words == 0 => 0.0,
        Class::Short => -0.25 * w,
    }
}

/// The chosen body: the container and its kept blocks.
#[derive(Debug)]
pub(crate) struct Body {
    pub container: Option<NodeId>,
    pub blocks: Vec<Block>,
}

/// Choose the container and the body blocks (pass 4).
pub(crate) fn select(
    dom: &Dom,
    blocks: Vec<Block>,
    evidence: Option<&HashSet<String>>,
    title: Option<&str>,
) -> Body {
    // The JSON-LD body may be a teaser: it only counts against blocks when it is at
    // least 40% as long as the page's prose.
    let negative = evidence.is_some_and(|ev| {
        let prose: usize = blocks
            .iter()
            .filter(|b| classify(b, None, false) == Class::Good)
            .map(|b| b.words)
            .sum();
        ev.len() * 5 >= prose * 2
    });
    let classes: Vec<Class> = blocks
        .iter()
        .map(|b| classify(b, evidence, negative))
        .collect();
    let mut sums = vec![0f64; dom.nodes.len()];
    for (b, &c) in blocks.iter().zip(&classes) {
        let s = block_score(b, c);
        let mut cur = Some(b.owner);
        while let Some(n) = cur {
            sums[n] += s;
            cur = dom.nodes[n].parent;
        }
    }
    // The best element; later (deeper) elements win ties with their ancestors.
    let mut best: Option<NodeId> = None;
    for (id, node) in dom.nodes.iter().enumerate() {
        if !node.is_element() || sums[id] <= 0.0 {
            continue;
        }
        match best {
            None => best = Some(id),
            Some(b) => {
                if sums[id] > sums[b] + 1e-9 || (sums[id] >= sums[b] - 1e-9 && dom.is_within(id, b))
                {
                    best = Some(id);
                }
            }
        }
    }
    let Some(container) = best else {
        return Body {
            container: None,
            blocks: Vec::new(),
        };
    };
    let inside: Vec<(Block, Class)> = blocks
        .into_iter()
        .zip(classes)
        .filter(|(b, _)| dom.is_within(b.owner, container))
        .collect();
    let first_good = inside.iter().position(|(_, c)| *c == Class::Good);
    let last_good = inside.iter().rposition(|(_, c)| *c == Class::Good);
    let (Some(first), Some(last)) = (first_good, last_good) else {
        return Body {
            container: Some(container),
            blocks: Vec::new(),
        };
    };
    let title_norm = title.map(norm);
    // A heading introduces what follows it: one followed by a bad block, another
    // heading or nothing heads furniture, not prose.
    let orphan: Vec<bool> = (0..inside.len())
        .map(|i| {
            inside[i].0.heading
                && inside
                    .get(i + 1)
                    .is_none_or(|(next, c)| *c == Class::Bad || next.heading)
        })
        .collect();
    let mut kept = Vec::new();
    for (i, (block, class)) in inside.into_iter().enumerate() {
        if class == Class::Bad || orphan[i] {
            continue;
        }
        // Before the first good block, short lines are bylines, datelines and kickers
        // unless they are link-free paragraphs; after the last one, linked lines (tags,
        // share rows) go and plain ones (lists, tables, notes) stay.
        let lead_ok = block.tag == "p" && block.link_words == 0 && block.words >= 5;
        if (i < first && !lead_ok) || (i > last && block.link_words > 0) {
            continue;
        }
        if block.tag == "h1"
            || title_norm
                .as_deref()
                .is_some_and(|t| norm(&block.text) == t)
        {
            continue;
        }
        kept.push(block);
    }
    Body {
        container: Some(container),
        blocks: kept,
    }
}

fn norm(s: &str) -> String {
    words(s)
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_names() {
        assert!(is_boilerplate_name("comments-section"));
        assert!(!is_boilerplate_name("commentary-body"));
        assert!(is_boilerplate_name("top-ad"));
        assert!(!is_boilerplate_name("headline"));
        assert!(is_boilerplate_name("related-links"));
        assert!(!is_boilerplate_name("article-body"));
    }

    #[test]
    fn words_count_like_the_scorer() {
        assert_eq!(count_words("It's a 3-way tie, isn't it?"), 9);
    }
}
