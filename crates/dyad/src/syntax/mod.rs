//! Syntax: part-of-speech tags, lemmas and a dependency tree for every sentence.
//!
//! Reads a `Doc`'s sentences and tokens; adds a [`dyad_doc::TokenSyntax`] per token
//! (Penn tag, UPOS, lemma, head, UD relation). The models are Dyad's own: an averaged
//! perceptron tagger ([`tagger`]), a lemmatizer learnt from treebank lemmas
//! ([`lemma`]), an arc-hybrid transition parser with a dynamic oracle and an arc
//! labeller ([`parser`]), all trained from UD English EWT by [`train`] and stored in
//! one compact file ([`io`]) that is compiled into the binary.
//!
//! ```
//! use dyad::pipeline::{Config, Pipeline};
//! use dyad::ingest::RawArticle;
//!
//! let pipeline = Pipeline::new(&Config::default()).expect("the compiled-in model loads");
//! let doc = pipeline.process(RawArticle::from_text("d", "The army attacked the town."));
//! let army = doc.token(1);
//! assert_eq!(army.deprel(), "nsubj");
//! assert_eq!(army.head().map(|h| h.lemma()), Some("attack"));
//! ```

pub mod io;
pub mod lemma;
pub mod parser;
pub mod perceptron;
pub mod query;
pub mod tagger;
pub mod train;

use std::sync::OnceLock;

use dyad_doc::{Doc, TokenSyntax};

use crate::pipeline::Component;
use io::{Bundle, ModelError};

/// The compiled-in model (`data/models/syntax.dsm`).
static BUILTIN_MODEL: &[u8] = include_bytes!("../../../../data/models/syntax.dsm");

/// A loaded syntax model. Loaded once and kept for the life of the process, so the
/// tag and relation names it hands out are `&'static str`.
pub struct Syntax {
    bundle: Bundle,
    /// Both taggers know the same words (see [`tagger::Tagger::tag_two_pass`]).
    same_words: bool,
}

/// One word's analysis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordAnalysis {
    /// Penn Treebank tag.
    pub tag: &'static str,
    /// Universal POS tag.
    pub upos: &'static str,
    /// Lemma.
    pub lemma: String,
    /// Index of the head word in the sentence; `None` for the root.
    pub head: Option<usize>,
    /// UD relation.
    pub deprel: &'static str,
}

/// The form the models see: typographic quotes and apostrophes as the treebank writes
/// them.
pub fn model_form(text: &str) -> String {
    match text {
        "\u{201C}" | "\u{201D}" | "\u{201E}" | "\u{AB}" | "\u{BB}" => "\"".to_string(),
        "\u{2018}" => "'".to_string(),
        _ => text.replace('\u{2019}', "'"),
    }
}

impl Syntax {
    /// Load a model from the bytes of a model file. The model is kept for the rest
    /// of the process.
    pub fn load(bytes: &[u8]) -> Result<&'static Syntax, ModelError> {
        let bundle = io::read(bytes)?;
        Ok(Syntax::leak(bundle))
    }

    /// Keep a trained bundle for the rest of the process.
    pub fn leak(bundle: Bundle) -> &'static Syntax {
        let same_words = bundle.tagger.ambiguity == bundle.retagger.ambiguity;
        Box::leak(Box::new(Syntax { bundle, same_words }))
    }

    /// The model compiled into Dyad, or why it cannot be used (for instance a build
    /// made before any model was trained).
    pub fn builtin() -> Result<&'static Syntax, ModelError> {
        static BUILTIN: OnceLock<Result<&'static Syntax, ModelError>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                if BUILTIN_MODEL.is_empty() {
                    Err(ModelError(
                        "no model compiled in: run `dyad train syntax`".into(),
                    ))
                } else {
                    Syntax::load(BUILTIN_MODEL)
                }
            })
            .clone()
    }

    /// How the model was trained.
    pub fn description(&self) -> &str {
        &self.bundle.description
    }

    /// The model's parts.
    pub fn bundle(&self) -> &Bundle {
        &self.bundle
    }

    /// Tag, lemmatize and parse one sentence given as word forms.
    pub fn analyse(&'static self, forms: &[&str]) -> Vec<WordAnalysis> {
        self.analyse_with(forms, &[])
    }

    /// [`Syntax::analyse`], with `proper[i]` marking words known to be proper names
    /// (from the actor dictionaries): they are tagged `NNP` before parsing, which
    /// keeps an unknown name such as `Bree` from being read as a verb.
    pub fn analyse_with(&'static self, forms: &[&str], proper: &[bool]) -> Vec<WordAnalysis> {
        if forms.is_empty() {
            return Vec::new();
        }
        let b = &self.bundle;
        let model_forms: Vec<String> = forms.iter().map(|f| model_form(f)).collect();
        let words: Vec<String> = model_forms.iter().map(|f| tagger::norm(f)).collect();
        let classes = b
            .tagger
            .tag_two_pass(&b.retagger, &model_forms, &words, self.same_words);
        let mut tags: Vec<&'static str> = classes
            .iter()
            .map(|&c| b.tagger.classes[c as usize].0.as_str())
            .collect();
        let mut forced_upos = vec![false; forms.len()];
        for (i, tag) in tags.iter_mut().enumerate() {
            if proper.get(i).copied().unwrap_or(false) && !tag.starts_with("NNP") {
                *tag = "NNP";
                forced_upos[i] = true;
            }
        }
        let items = parser::items(&words, &tags);
        let heads = b.parser.parse(&items);
        let labels = b.labeler.label(&items, &words, &heads);
        let n = forms.len();
        (0..n)
            .map(|i| WordAnalysis {
                tag: tags[i],
                upos: if forced_upos[i] {
                    "PROPN"
                } else {
                    b.tagger.classes[classes[i] as usize].1.as_str()
                },
                lemma: b.lemmatizer.lemma(&model_forms[i], tags[i]),
                head: (heads[i] < n).then_some(heads[i]),
                deprel: b.labeler.labels[labels[i] as usize].as_str(),
            })
            .collect()
    }

    /// Add syntax to every sentence of `doc`.
    pub fn annotate(&'static self, doc: &mut Doc) {
        self.annotate_selected(doc, None);
    }

    /// Add syntax to the sentences `hints` selects (all when `None`). A skipped
    /// sentence gets placeholder syntax: empty tags and lemmas, every token attached
    /// to the first with relation `dep`; [`dyad_doc::Token::tag`] is `""` there.
    pub fn annotate_selected(&'static self, doc: &mut Doc, hints: Option<&ParseHints>) {
        let mut all = Vec::with_capacity(doc.token_data().len());
        for s in doc.sentences() {
            let start = s.token_range().start;
            let skip = hints.is_some_and(|h| !h.select.get(s.index()).copied().unwrap_or(true));
            if skip {
                all.extend(s.token_range().map(|i| TokenSyntax {
                    tag: "",
                    upos: "",
                    lemma: String::new(),
                    head: (i > start).then_some(start),
                    deprel: if i > start { "dep" } else { "root" },
                }));
                continue;
            }
            let forms: Vec<&str> = s.tokens().map(|t| t.text()).collect();
            let proper = hints.map_or(&[][..], |h| h.proper.get(s.token_range()).unwrap_or(&[]));
            all.extend(
                self.analyse_with(&forms, proper)
                    .into_iter()
                    .map(|w| TokenSyntax {
                        tag: w.tag,
                        upos: w.upos,
                        lemma: w.lemma,
                        head: w.head.map(|h| start + h),
                        deprel: w.deprel,
                    }),
            );
        }
        if let Err(e) = doc.set_syntax(all) {
            doc.diagnostics.push(format!("syntax: {e}"));
        }
    }
}

/// What the parser is told about a document before it runs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParseHints {
    /// Per sentence: parse it (an empty list parses all).
    pub select: Vec<bool>,
    /// Per token: a known proper name (tag it `NNP`).
    pub proper: Vec<bool>,
}

/// Computes [`ParseHints`] for a document.
pub type HintFn = Box<dyn Fn(&Doc) -> ParseHints + Send + Sync>;

/// Pipeline stage that adds syntax.
pub struct Parse {
    syntax: &'static Syntax,
    hints: Option<HintFn>,
}

impl Parse {
    /// A stage using `syntax` on every sentence.
    pub fn new(syntax: &'static Syntax) -> Parse {
        Parse {
            syntax,
            hints: None,
        }
    }

    /// A stage that asks `hints` which sentences to parse and which words are names.
    pub fn with_hints(syntax: &'static Syntax, hints: HintFn) -> Parse {
        Parse {
            syntax,
            hints: Some(hints),
        }
    }
}

impl Component for Parse {
    fn name(&self) -> &'static str {
        "syntax"
    }

    fn process(&self, doc: &mut Doc) {
        match &self.hints {
            None => self.syntax.annotate(doc),
            Some(f) => {
                let hints = f(doc);
                self.syntax.annotate_selected(doc, Some(&hints));
            }
        }
    }
}
