//! A compact arena copy of the parsed page.
//!
//! html5ever (through `scraper`) does the parsing, with the browser's error recovery;
//! the result is copied into a flat arena of [`Node`]s indexed by `usize`, which makes
//! the scoring passes (per-node sums, removal marks, parent walks) simple vectors
//! instead of tree mutations. Comments, doctypes and processing instructions are not
//! copied. Tag and attribute names are lowercase, as html5ever reports them.

/// Index of a node in [`Dom::nodes`].
pub(crate) type NodeId = usize;

/// What a node is.
#[derive(Debug)]
pub(crate) enum Data {
    /// The document (or fragment) root.
    Root,
    /// An element with its lowercase tag name and attributes.
    Element {
        name: String,
        attrs: Vec<(String, String)>,
    },
    /// A text node.
    Text(String),
}

/// One node of the arena.
#[derive(Debug)]
pub(crate) struct Node {
    pub parent: Option<NodeId>,
    pub children: Vec<NodeId>,
    pub data: Data,
}

impl Node {
    /// Tag name, or `""` for text and the root.
    pub fn name(&self) -> &str {
        match &self.data {
            Data::Element { name, .. } => name,
            _ => "",
        }
    }

    /// An attribute's value.
    pub fn attr(&self, key: &str) -> Option<&str> {
        match &self.data {
            Data::Element { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    /// Whether this is an element.
    pub fn is_element(&self) -> bool {
        matches!(self.data, Data::Element { .. })
    }

    /// `class` and `id` joined, lowercase: what boilerplate patterns are matched against.
    pub fn class_id(&self) -> String {
        let mut s = String::new();
        if let Some(c) = self.attr("class") {
            s.push_str(c);
        }
        if let Some(i) = self.attr("id") {
            s.push(' ');
            s.push_str(i);
        }
        s.to_lowercase()
    }
}

/// The parsed page.
#[derive(Debug)]
pub(crate) struct Dom {
    pub nodes: Vec<Node>,
}

impl Dom {
    /// Parse a whole document.
    pub fn parse_document(html: &str) -> Dom {
        Dom::from_scraper(&scraper::Html::parse_document(html))
    }

    /// Parse a fragment (feed content), as the body of an empty document.
    pub fn parse_fragment(html: &str) -> Dom {
        Dom::from_scraper(&scraper::Html::parse_fragment(html))
    }

    fn from_scraper(html: &scraper::Html) -> Dom {
        let mut nodes = vec![Node {
            parent: None,
            children: Vec::new(),
            data: Data::Root,
        }];
        // Explicit stack: pages can nest deeper than the call stack allows.
        let mut stack: Vec<_> = html.tree.root().children().rev().map(|c| (c, 0)).collect();
        while let Some((node, parent)) = stack.pop() {
            let data = match node.value() {
                scraper::Node::Element(e) => Data::Element {
                    name: e.name().to_ascii_lowercase(),
                    attrs: e
                        .attrs()
                        .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
                        .collect(),
                },
                scraper::Node::Text(t) => Data::Text(t.to_string()),
                scraper::Node::Document | scraper::Node::Fragment => Data::Root,
                _ => continue,
            };
            let id = nodes.len();
            nodes.push(Node {
                parent: Some(parent),
                children: Vec::new(),
                data,
            });
            nodes[parent].children.push(id);
            for child in node.children().rev() {
                stack.push((child, id));
            }
        }
        Dom { nodes }
    }

    /// Elements in document order.
    pub fn elements(&self) -> impl Iterator<Item = (NodeId, &Node)> {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.is_element())
    }

    /// The first element with this tag name.
    pub fn first(&self, name: &str) -> Option<NodeId> {
        self.elements()
            .find(|(_, n)| n.name() == name)
            .map(|(i, _)| i)
    }

    /// Descendants of `id` (not including it), in document order.
    pub fn descendants(&self, id: NodeId) -> Vec<NodeId> {
        let mut out = Vec::new();
        let mut stack: Vec<NodeId> = self.nodes[id].children.iter().rev().copied().collect();
        while let Some(n) = stack.pop() {
            out.push(n);
            stack.extend(self.nodes[n].children.iter().rev().copied());
        }
        out
    }

    /// Whether `ancestor` is `id` or one of its ancestors.
    pub fn is_within(&self, id: NodeId, ancestor: NodeId) -> bool {
        let mut cur = Some(id);
        while let Some(c) = cur {
            if c == ancestor {
                return true;
            }
            cur = self.nodes[c].parent;
        }
        false
    }

    /// All text under `id`, whitespace collapsed.
    pub fn text(&self, id: NodeId) -> String {
        let mut raw = String::new();
        if let Data::Text(t) = &self.nodes[id].data {
            raw.push_str(t);
        }
        for d in self.descendants(id) {
            match &self.nodes[d].data {
                Data::Text(t) => raw.push_str(t),
                Data::Element { name, .. } if is_block(name) || name == "br" => raw.push(' '),
                _ => {}
            }
        }
        collapse_ws(&raw)
    }
}

/// Elements that start a new block of text (everything else is inline).
pub(crate) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "option"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
            | "title"
            | "iframe"
            | "select"
            | "textarea"
            | "video"
            | "audio"
            | "picture"
            | "object"
    )
}

/// Collapse runs of whitespace (including no-break spaces) to one space and trim.
pub(crate) fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}' {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arena_keeps_structure_and_text() {
        let dom = Dom::parse_document(
            "<html><body><div id=A><p>Hello <b>there</b></p><p>Two</p></div></body></html>",
        );
        let div = dom.first("div").unwrap();
        assert_eq!(dom.nodes[div].attr("id"), Some("A"));
        assert_eq!(dom.text(div), "Hello there Two");
        let p = dom.first("p").unwrap();
        assert!(dom.is_within(p, div));
        assert!(!dom.is_within(div, p));
    }

    #[test]
    fn whitespace_collapses() {
        assert_eq!(collapse_ws("  a \u{a0}\n b  "), "a b");
    }
}
