//! Pipeline: a [`RawArticle`] in, an analysed [`Doc`] out.
//!
//! Cleaning builds the `Doc`; then each [`Component`] adds its layer in order. The
//! pipeline does no I/O and holds no global state: two pipelines with different
//! configurations can run side by side, and one can be shared across threads.

use std::sync::Arc;

use dyad_doc::{DateSource, Doc};

use crate::actors::{ActorDictionary, ActorFileKind, Actors};
use crate::clean;
use crate::dict::{read_files, DictError, DictSources};
use crate::events::{CandidateFilter, Events, VerbDictionary};
use crate::ingest::{date, RawArticle};
use crate::segment;
use crate::syntax::io::ModelError;
use crate::syntax::{Parse, ParseHints, Syntax};

/// A stage that reads some layers of a `Doc` and adds its own.
pub trait Component: Send + Sync {
    /// Short stable name, used in diagnostics.
    fn name(&self) -> &'static str;
    /// Add this component's layer to `doc`.
    fn process(&self, doc: &mut Doc);
    /// Add this component's layer to each of `docs`. The same as [`Component::process`]
    /// on each in turn; a component whose work goes faster in bulk (the syntax models,
    /// whose tables stay in cache from one sentence to the next) does it its own way.
    fn process_batch(&self, docs: &mut [Doc]) {
        for doc in docs {
            self.process(doc);
        }
    }
    /// Seconds spent so far in each of the component's own steps (summed over
    /// threads), for a component that counts them; empty otherwise.
    fn step_times(&self) -> Vec<(&'static str, f64)> {
        Vec::new()
    }
}

/// Settings that change what the pipeline produces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Date (`YYYY-MM-DD`) for articles whose record and text give none.
    pub default_date: Option<String>,
    /// Tag, lemmatize and parse with the compiled-in syntax model.
    pub syntax: bool,
    /// Find and code actors.
    pub actors: bool,
    /// Code events (needs `syntax` and `actors`).
    pub events: bool,
    /// Parse only the sentences that could hold an event (see
    /// [`crate::events::CandidateFilter`]); the others keep empty tags, and a
    /// document with no such sentence gets no actors. The number is the fewest
    /// actor candidates a sentence needs. For `dyad code`.
    pub parse_only_candidates: Option<usize>,
    /// Which dictionaries the actor and event stages use.
    pub dicts: DictSources,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            default_date: None,
            syntax: true,
            actors: true,
            events: true,
            parse_only_candidates: None,
            dicts: DictSources::default(),
        }
    }
}

/// Why a pipeline could not be built.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The syntax model did not load.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// A dictionary file is unreadable or malformed.
    #[error(transparent)]
    Dict(#[from] DictError),
}

/// Dictionaries built from [`DictSources`], with notes on files that were skipped.
pub struct Dictionaries {
    /// Actor phrases.
    pub actors: Arc<ActorDictionary>,
    /// Verb and event-noun patterns.
    pub verbs: Arc<VerbDictionary>,
    /// Files that were read but are not used (discard lists, issue codes, ...).
    pub notes: Vec<String>,
}

impl Dictionaries {
    /// Load the built-in dictionaries (unless switched off) and every file in
    /// `sources.paths`, recognising each file's kind from its name and content.
    pub fn load(sources: &DictSources) -> Result<Dictionaries, DictError> {
        let mut notes = Vec::new();
        if sources.paths.is_empty() && sources.builtin {
            return Ok(Dictionaries {
                actors: ActorDictionary::builtin(),
                verbs: VerbDictionary::builtin(),
                notes,
            });
        }
        let mut actors = ActorDictionary::default();
        let mut verbs = VerbDictionary::default();
        if sources.builtin {
            actors.add_builtin()?;
            verbs.add_dyad(
                crate::events::verbs::BUILTIN.0,
                crate::events::verbs::BUILTIN.1,
            )?;
        }
        for file in read_files(&sources.paths)? {
            let base = file
                .name
                .rsplit(['/', '\\'])
                .next()
                .unwrap_or(&file.name)
                .to_ascii_lowercase();
            if base.contains("discards") {
                verbs.add_discards(&file.text);
                continue;
            }
            if ["issue", "preposition"].iter().any(|k| base.contains(k)) {
                notes.push(format!(
                    "{}: issue and preposition lists are not used",
                    file.name
                ));
                continue;
            }
            if base.contains("verbs") || base.starts_with("cameo") {
                if file
                    .text
                    .lines()
                    .any(|l| l.trim_start().starts_with("--- "))
                {
                    verbs.add_petrarch(&file.name, &file.text)?;
                } else {
                    verbs.add_dyad(&file.name, &file.text)?;
                }
                continue;
            }
            let kind = ActorFileKind::from_name(&file.name)
                .or_else(|| ActorFileKind::from_content(&file.text));
            match kind {
                Some(kind) => actors.add_file(&file.name, &file.text, kind)?,
                None => notes.push(format!("{}: not an actor dictionary; not used", file.name)),
            }
        }
        notes.extend(actors.warnings().iter().map(|w| format!("skipped {w}")));
        notes.extend(verbs.warnings().iter().map(|w| format!("skipped {w}")));
        notes.extend(verbs.conflicts().iter().map(|w| format!("{w}")));
        Ok(Dictionaries {
            actors: Arc::new(actors),
            verbs: Arc::new(verbs),
            notes,
        })
    }
}

/// Sentence and token segmentation.
#[derive(Debug, Default)]
pub struct Segmenter;

impl Component for Segmenter {
    fn name(&self) -> &'static str {
        "segment"
    }

    fn process(&self, doc: &mut Doc) {
        let seg = segment::segment(doc.text());
        if let Err(e) = doc.set_segmentation(seg.tokens, seg.sentences) {
            // A segmenter bug must not take the article down: keep the text, say why.
            doc.diagnostics.push(format!("segment: {e}"));
        }
    }
}

/// Fills in the date: the record's, else one stated in the text, else the default.
#[derive(Debug, Default)]
pub struct Dater {
    default_date: Option<String>,
}

impl Component for Dater {
    fn name(&self) -> &'static str {
        "date"
    }

    fn process(&self, doc: &mut Doc) {
        if doc.meta.date.is_some() {
            doc.meta.date_source.get_or_insert(DateSource::Record);
            return;
        }
        let year_hint = self
            .default_date
            .as_deref()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse().ok());
        if let Some(found) = date::find(doc.text(), year_hint) {
            doc.meta.date = Some(found.iso);
            doc.meta.date_source = Some(DateSource::Text);
        } else if let Some(d) = &self.default_date {
            doc.meta.date = Some(d.clone());
            doc.meta.date_source = Some(DateSource::Default);
        }
    }
}

/// The configured sequence of stages.
pub struct Pipeline {
    components: Vec<Box<dyn Component>>,
    notes: Vec<String>,
    sizes: Option<DictSizes>,
    /// Time spent in cleaning and in each component, in nanoseconds, summed over
    /// threads; `None` unless [`Pipeline::timed`].
    times: Option<Vec<std::sync::atomic::AtomicU64>>,
}

/// How big the loaded dictionaries are, for reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DictSizes {
    /// Actor entities and phrases.
    pub actors: crate::actors::dictionary::DictStats,
    /// Verb and event-noun patterns.
    pub verb_patterns: usize,
}

impl Pipeline {
    /// The standard pipeline for `config`: segmentation, the date, the compiled-in
    /// syntax model (when `config.syntax`), actors (when `config.actors`) and events
    /// (when `config.events`, which needs the other two). Fails when the model or a
    /// dictionary cannot be read.
    pub fn new(config: &Config) -> Result<Pipeline, PipelineError> {
        let mut pipeline = Pipeline::basic(config);
        let dicts = if config.actors {
            Some(Dictionaries::load(&config.dicts)?)
        } else {
            None
        };
        if config.syntax {
            let syntax = Syntax::builtin()?;
            let parse = match &dicts {
                Some(d) => parse_with_dictionaries(syntax, d, config),
                None => Parse::new(syntax),
            };
            pipeline.components.insert(1, Box::new(parse));
        }
        if let Some(dicts) = dicts {
            pipeline.sizes = Some(DictSizes {
                actors: dicts.actors.stats(),
                verb_patterns: dicts.verbs.len(),
            });
            let actors = Actors::new(dicts.actors.clone());
            pipeline
                .components
                .push(Box::new(match config.parse_only_candidates {
                    Some(_) => actors.only_where_tagged(),
                    None => actors,
                }));
            // Named entities (not needed when only candidate sentences are parsed
            // for `dyad code`).
            if config.parse_only_candidates.is_none() {
                pipeline
                    .components
                    .push(Box::new(crate::entities::Entities::new(dicts.actors)));
            }
            if config.events && config.syntax {
                pipeline.components.push(Box::new(Events::new(dicts.verbs)));
            }
            pipeline.notes = dicts.notes;
        }
        // Quotes and amounts read whole documents; `dyad code` (which parses only
        // candidate sentences) does without them. Tone needs only the tokens.
        if config.parse_only_candidates.is_none() {
            pipeline
                .components
                .push(Box::new(crate::quotes::Quotes::new()));
            pipeline
                .components
                .push(Box::new(crate::amounts::Amounts::new()));
        }
        pipeline.components.push(Box::new(crate::tone::Tone::new()));
        Ok(pipeline)
    }

    /// Cleaning, segmentation and the date only: no models.
    pub fn basic(config: &Config) -> Pipeline {
        Pipeline {
            components: vec![
                Box::new(Segmenter),
                Box::new(Dater {
                    default_date: config.default_date.clone(),
                }),
            ],
            notes: Vec::new(),
            sizes: None,
            times: None,
        }
    }

    /// Measure the time each stage takes (see [`Pipeline::stage_times`]).
    pub fn timed(mut self) -> Pipeline {
        self.times = Some(
            (0..=self.components.len())
                .map(|_| std::sync::atomic::AtomicU64::new(0))
                .collect(),
        );
        self
    }

    /// Seconds spent so far in cleaning and in each component (summed over threads),
    /// for a [`Pipeline::timed`] pipeline; empty otherwise.
    pub fn stage_times(&self) -> Vec<(&'static str, f64)> {
        let Some(times) = &self.times else {
            return Vec::new();
        };
        std::iter::once("clean")
            .chain(self.components.iter().map(|c| c.name()))
            .zip(times)
            .map(|(name, t)| {
                let nanos = t.load(std::sync::atomic::Ordering::Relaxed);
                (name, nanos as f64 / 1e9)
            })
            .collect()
    }

    /// `(component, step, seconds)` for the components that time their own steps
    /// (the syntax stage: hints, tagging, gate, parsing).
    pub fn step_times(&self) -> Vec<(&'static str, &'static str, f64)> {
        self.components
            .iter()
            .flat_map(|c| {
                c.step_times()
                    .into_iter()
                    .map(move |(step, s)| (c.name(), step, s))
            })
            .collect()
    }

    /// Append `component` to the stages (spaCy's `add_pipe`): for instance
    /// `Pipeline::basic(&config).with(Box::new(Parse::new(syntax)))` tags and parses
    /// without the extraction stages.
    pub fn with(mut self, component: Box<dyn Component>) -> Pipeline {
        self.components.push(component);
        if let Some(times) = &mut self.times {
            times.push(std::sync::atomic::AtomicU64::new(0));
        }
        self
    }

    /// Sizes of the dictionaries the actor and event stages use (`None` without them).
    pub fn dictionary_sizes(&self) -> Option<DictSizes> {
        self.sizes
    }

    /// Remarks made while building the pipeline (dictionary files not used, ...).
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// Names of the components, in order.
    pub fn component_names(&self) -> Vec<&'static str> {
        self.components.iter().map(|c| c.name()).collect()
    }

    /// Clean `article` and run every component over it.
    pub fn process(&self, article: RawArticle) -> Doc {
        let mut docs = self.process_batch(vec![article]);
        docs.pop().expect("one doc per article")
    }

    /// [`Pipeline::process`] for several articles at once, stage by stage: each
    /// component runs over all of them before the next starts, which keeps its tables
    /// in cache. The docs come back in the order of `articles`.
    pub fn process_batch(&self, articles: Vec<RawArticle>) -> Vec<Doc> {
        let add = |stage: usize, since: std::time::Instant| {
            if let Some(times) = &self.times {
                let nanos = since.elapsed().as_nanos() as u64;
                times[stage].fetch_add(nanos, std::sync::atomic::Ordering::Relaxed);
            }
        };
        let start = std::time::Instant::now();
        let mut docs: Vec<Doc> = articles
            .into_iter()
            .map(|article| {
                let cleaned = clean::normalize(&article.text);
                let mut doc = Doc::with_alignment(article.meta, cleaned.text, cleaned.alignment);
                doc.dropped = article.dropped;
                doc.diagnostics = article.diagnostics;
                doc
            })
            .collect();
        add(0, start);
        for (i, component) in self.components.iter().enumerate() {
            let start = std::time::Instant::now();
            component.process_batch(&mut docs);
            add(i + 1, start);
        }
        docs
    }

    /// [`Pipeline::process_batch`] over the items that hold an article; every item
    /// comes back, in order, with its doc (`None` for those without an article) and
    /// what it carried besides.
    pub(crate) fn process_some<R>(
        &self,
        items: Vec<(Option<RawArticle>, R)>,
    ) -> Vec<(Option<Doc>, R)> {
        let mut articles = Vec::new();
        let rest: Vec<(bool, R)> = items
            .into_iter()
            .map(|(article, rest)| {
                let some = article.is_some();
                articles.extend(article);
                (some, rest)
            })
            .collect();
        let mut docs = self.process_batch(articles).into_iter();
        rest.into_iter()
            .map(|(some, rest)| {
                (
                    some.then(|| docs.next().expect("one doc per article")),
                    rest,
                )
            })
            .collect()
    }
}

/// How many articles are held in memory at once while a stream is processed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Batching {
    /// Most articles per batch.
    pub max_articles: usize,
    /// Most bytes of article text per batch.
    pub max_bytes: usize,
}

impl Default for Batching {
    fn default() -> Batching {
        Batching {
            max_articles: 512,
            max_bytes: 32 << 20,
        }
    }
}

/// The syntax stage when dictionaries are loaded: dictionary names are tagged `NNP`
/// and, with `parse_only_candidates` (and events on), only the sentences
/// [`CandidateFilter`] picks are tagged, and of those only the ones whose tags still
/// allow an event are parsed.
fn parse_with_dictionaries(syntax: &'static Syntax, d: &Dictionaries, config: &Config) -> Parse {
    let filter = config.parse_only_candidates.filter(|_| config.events);
    let Some(min_actors) = filter else {
        let actors = d.actors.clone();
        return Parse::with_hints(
            syntax,
            Box::new(move |doc| ParseHints {
                select: Vec::new(),
                proper: crate::actors::name_hints(doc, &actors),
            }),
        );
    };
    let filter = Arc::new(CandidateFilter::new(
        d.actors.clone(),
        d.verbs.clone(),
        syntax,
        min_actors,
    ));
    let gate = filter.clone();
    Parse::with_hints(syntax, Box::new(move |doc| filter.hints(doc)))
        .gated(Box::new(move |t| gate.could_code(t)))
}

/// Most articles a thread runs through the stages together
/// ([`Pipeline::process_batch`]): enough for the syntax models to work on a few
/// hundred sentences at once, each model's weights staying in cache while it does.
/// (On the news corpus, one thread: 128 ran about 7% faster than 32, 64 in between.)
const DOCS_PER_CHUNK: usize = 128;

/// `items` in chunks for the threads of the current rayon pool to run through
/// [`Pipeline::process_batch`]: [`DOCS_PER_CHUNK`] items each, or fewer where that
/// would leave a thread without a chunk.
pub(crate) fn in_chunks<T>(items: Vec<T>) -> Vec<Vec<T>> {
    let per_thread = items.len().div_ceil(rayon::current_num_threads()).max(1);
    let size = DOCS_PER_CHUNK.min(per_thread);
    let mut chunks = Vec::with_capacity(items.len().div_ceil(size));
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        chunks.push(items.by_ref().take(size).collect());
    }
    chunks
}

impl Pipeline {
    /// Process a stream of records in parallel (on the current rayon pool) with
    /// bounded memory, handing results to `sink` in input order. `map` turns each
    /// finished `Doc` into what the caller keeps (a JSON line, events, ...), so that
    /// work runs in parallel too. Stops early when `sink` returns `false`.
    pub fn run<T, I, M, S>(&self, records: I, batching: Batching, map: M, mut sink: S)
    where
        T: Send,
        I: Iterator<Item = crate::ingest::Record>,
        M: Fn(Doc) -> T + Sync,
        S: FnMut(Result<T, crate::ingest::IngestError>) -> bool,
    {
        use rayon::prelude::*;
        let mut records = records.peekable();
        while records.peek().is_some() {
            let mut batch = Vec::new();
            let mut bytes = 0;
            while batch.len() < batching.max_articles && bytes < batching.max_bytes {
                let Some(record) = records.next() else { break };
                bytes += record.as_ref().map_or(0, |a| a.text.len());
                batch.push(record);
            }
            // Each thread takes a few articles at a time, stage by stage.
            let results: Vec<Result<T, crate::ingest::IngestError>> = in_chunks(batch)
                .into_par_iter()
                .flat_map_iter(|chunk| {
                    let items = chunk.into_iter().map(|r| match r {
                        Ok(article) => (Some(article), Ok(())),
                        Err(e) => (None, Err(e)),
                    });
                    self.process_some(items.collect())
                        .into_iter()
                        .map(|(doc, slot)| slot.map(|()| map(doc.expect("an article's doc"))))
                        .collect::<Vec<_>>()
                })
                .collect();
            for result in results {
                if !sink(result) {
                    return;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_keep_order_and_leave_no_thread_idle() {
        let sizes = |threads: usize, n: usize| -> Vec<usize> {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a pool");
            let chunks = pool.install(|| in_chunks((0..n).collect::<Vec<usize>>()));
            let flat: Vec<usize> = chunks.iter().flatten().copied().collect();
            assert_eq!(flat, (0..n).collect::<Vec<_>>());
            chunks.iter().map(Vec::len).collect()
        };
        assert_eq!(sizes(1, 300), [128, 128, 44]);
        assert_eq!(sizes(8, 300), [38, 38, 38, 38, 38, 38, 38, 34]);
        assert_eq!(sizes(4, 3), [1, 1, 1]);
        assert!(sizes(2, 0).is_empty());
    }

    struct Upper;

    impl Component for Upper {
        fn name(&self) -> &'static str {
            "upper"
        }

        fn process(&self, doc: &mut Doc) {
            doc.diagnostics.push("upper ran".into());
        }
    }

    #[test]
    fn timed_pipelines_count_stages_added_later_too() {
        let p = Pipeline::basic(&Config::default())
            .timed()
            .with(Box::new(Upper));
        let doc = p.process(RawArticle::from_text("d", "Gondor attacked Arnor."));
        assert!(doc.diagnostics.iter().any(|d| d == "upper ran"));
        let names: Vec<&str> = p.stage_times().iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["clean", "segment", "date", "upper"]);
        assert!(p.stage_times().iter().all(|(_, s)| *s >= 0.0));
        assert!(Pipeline::basic(&Config::default()).stage_times().is_empty());
    }
}
