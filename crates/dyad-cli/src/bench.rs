//! `dyad bench`: throughput and peak memory of the pipeline on a news corpus.
//!
//! Reads the corpus once per pass:
//!
//! - `ingest`: decompress and parse the records only;
//! - `segment`: clean, split and tokenize (no models);
//! - `syntax`: segmentation plus tagging and parsing;
//! - `analyze`: the full pipeline (actors, events) and the `dyad analyze` JSON,
//!   output discarded;
//! - `code`: what `dyad code` does: parse only candidate sentences, code events,
//!   write event JSON lines (discarded);
//! - `store`: what `dyad ingest` does: the `analyze` pipeline, writing every article
//!   with its analysis into a fresh store (a temporary file unless `--store`), then
//!   the store's size and the latency of a query for its most frequent dyad;
//! - `store-fast`: the same with `dyad ingest --fast` (the `code` pipeline).
//!
//! `--passes` picks passes (default: all).
//!
//! Figures are articles/s and MB/s of article text (the `text` field) and tokens/s;
//! `tag+parse` is the syntax stage alone (syntax pass minus segment pass). Peak
//! memory is the process's peak resident set.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use dyad::events::EmitPolicy;
use dyad::export::events::EventRecord;
use dyad::export::json::{AnalyzeOptions, AnalyzeRecord};
use dyad::ingest::{read_inputs, ReadOptions};
use dyad::pipeline::{Batching, Config, Pipeline};
use dyad::syntax::{Parse, Syntax};
use dyad_doc::Doc;

/// Default corpus, relative to the project root.
const DEFAULT_CORPUS: &str = "../shared/data/news";

#[derive(Args)]
pub struct BenchArgs {
    /// Corpus files or folders (default: the `*.jsonl.zst` files of ../shared/data/news).
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Worker threads for the pipeline passes.
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// Stop after this many articles.
    #[arg(long)]
    limit: Option<usize>,
    /// Passes to run, comma-separated: ingest, segment, syntax, analyze, code, store,
    /// store-fast.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "ingest,segment,syntax,analyze,code,store,store-fast"
    )]
    passes: Vec<String>,
    /// For the `store` pass: write the store here (it must not exist) and keep it.
    #[arg(long, value_name = "FILE")]
    store: Option<PathBuf>,
}

/// What a pass writes (and throws away).
#[derive(Clone, Copy)]
enum Output {
    None,
    Analyze,
    Events,
}

#[derive(Default)]
struct Pass {
    articles: u64,
    bytes: u64,
    tokens: u64,
    sentences: u64,
    /// Sentences given tags, and sentences (and their tokens) given a tree.
    tagged: u64,
    parsed: u64,
    parsed_tokens: u64,
    out_bytes: u64,
    seconds: f64,
}

impl Pass {
    fn print(&self, name: &str) {
        let mb = self.bytes as f64 / 1e6;
        let s = self.seconds.max(1e-9);
        println!(
            "{name:<9} {:>7} articles {:>7.1} MB {:>8.2} s {:>8.0} articles/s {:>7.2} MB/s {:>9.0} tokens/s",
            self.articles,
            mb,
            self.seconds,
            self.articles as f64 / s,
            mb / s,
            self.tokens as f64 / s,
        );
    }
}

pub fn run(args: &BenchArgs) -> anyhow::Result<ExitCode> {
    let inputs = if args.inputs.is_empty() {
        default_corpus()?
    } else {
        args.inputs.clone()
    };
    anyhow::ensure!(args.threads > 0, "--threads must be at least 1");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .build()?;
    let limit = args.limit.unwrap_or(usize::MAX);
    let options = ReadOptions::default();
    let corpus: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    println!("corpus: {}", corpus.join(" "));
    println!("threads: {}", args.threads);

    let wants = |p: &str| args.passes.iter().any(|x| x == p);
    if wants("ingest") {
        let start = Instant::now();
        let mut ingest = Pass::default();
        for article in read_inputs(&inputs, &options).flatten().take(limit) {
            ingest.articles += 1;
            ingest.bytes += article.text.len() as u64;
        }
        ingest.seconds = start.elapsed().as_secs_f64();
        ingest.print("ingest");
    }

    let run = |pipeline: &Pipeline, output: Output| -> Pass {
        let start = Instant::now();
        let mut pass = Pass::default();
        pool.install(|| {
            pipeline.run(
                read_inputs(&inputs, &options)
                    .filter(Result::is_ok)
                    .take(limit),
                Batching::default(),
                |doc: Doc| {
                    let out = match output {
                        Output::None => 0,
                        Output::Analyze => AnalyzeRecord::new(&doc, AnalyzeOptions::default())
                            .to_json_line()
                            .len(),
                        Output::Events => doc
                            .events()
                            .iter()
                            .filter(|e| EmitPolicy::default().emits(e))
                            .map(|e| EventRecord::new(&doc, e).to_json_line().len())
                            .sum(),
                    };
                    let syntax = syntax_counts(&doc);
                    (
                        doc.text().len(),
                        doc.sentence_count(),
                        doc.token_data().len(),
                        out,
                        syntax,
                    )
                },
                |r| {
                    if let Ok((b, s, t, o, (tagged, parsed, parsed_tokens))) = r {
                        pass.articles += 1;
                        pass.bytes += b as u64;
                        pass.sentences += s as u64;
                        pass.tokens += t as u64;
                        pass.out_bytes += o as u64;
                        pass.tagged += tagged;
                        pass.parsed += parsed;
                        pass.parsed_tokens += parsed_tokens;
                    }
                    true
                },
            )
        });
        pass.seconds = start.elapsed().as_secs_f64();
        pass
    };
    let base = Config {
        actors: false,
        events: false,
        ..Config::default()
    };
    let segment = wants("segment").then(|| run(&Pipeline::basic(&base), Output::None));
    if let Some(p) = &segment {
        p.print("segment");
    }
    if wants("syntax") {
        // Segmentation and the parser only: the extraction stages are the
        // `analyze` pass's.
        let parse = Parse::new(Syntax::builtin()?);
        let syntax = run(&Pipeline::basic(&base).with(Box::new(parse)), Output::None);
        syntax.print("syntax");
        if let Some(segment) = &segment {
            let parse_seconds = (syntax.seconds - segment.seconds).max(1e-9);
            println!(
                "tag+parse {:.0} tokens/s ({} tokens, {} sentences, {:.2} s)",
                syntax.tokens as f64 / parse_seconds,
                syntax.tokens,
                syntax.sentences,
                parse_seconds,
            );
        }
    }
    let mut analyze_mb_s = None;
    if wants("analyze") {
        let analyze = run(&Pipeline::new(&Config::default())?, Output::Analyze);
        analyze.print("analyze");
        analyze_mb_s = Some(analyze.bytes as f64 / 1e6 / analyze.seconds.max(1e-9));
        println!(
            "analyze wrote {:.1} MB of JSON",
            analyze.out_bytes as f64 / 1e6
        );
    }
    let code_config = Config {
        parse_only_candidates: Some(2),
        ..Config::default()
    };
    let mut code_mb_s = None;
    if wants("code") {
        let pipeline = Pipeline::new(&code_config)?.timed();
        let code = run(&pipeline, Output::Events);
        code.print("code");
        print_stage_times("code", &pipeline, code.seconds);
        println!(
            "code tagged {} of {} sentences and parsed {} ({} tokens)",
            code.tagged, code.sentences, code.parsed, code.parsed_tokens
        );
        println!(
            "code wrote {:.1} MB of event JSON",
            code.out_bytes as f64 / 1e6
        );
        code_mb_s = Some(code.bytes as f64 / 1e6 / code.seconds.max(1e-9));
    }
    if wants("store") {
        let pipeline = Pipeline::new(&Config::default())?;
        let compare = analyze_mb_s.map(|mb_s| ("analyze", mb_s));
        store_pass(args, "store", &inputs, &pipeline, &pool, limit, compare)?;
    }
    if wants("store-fast") {
        let pipeline = Pipeline::new(&code_config)?;
        let compare = code_mb_s.map(|mb_s| ("code", mb_s));
        store_pass(
            args,
            "store-fast",
            &inputs,
            &pipeline,
            &pool,
            limit,
            compare,
        )?;
    }
    match peak_rss_kib() {
        Some(kib) => println!("peak memory: {:.1} MiB (VmHWM)", kib as f64 / 1024.0),
        None => println!("peak memory: unavailable on this platform"),
    }
    Ok(ExitCode::SUCCESS)
}

/// Sentences of `doc` that were tagged, that were parsed, and the parsed ones'
/// tokens. A sentence left out has empty tags; one turned down after tagging keeps
/// its tags under the placeholder tree ([`dyad::syntax::unparsed`]).
fn syntax_counts(doc: &Doc) -> (u64, u64, u64) {
    let (mut tagged, mut parsed, mut tokens) = (0, 0, 0);
    for s in doc.sentences() {
        if s.tokens().next().is_none_or(|t| t.tag().is_empty()) {
            continue;
        }
        tagged += 1;
        if !dyad::syntax::unparsed(&s) {
            parsed += 1;
            tokens += s.token_range().len() as u64;
        }
    }
    (tagged, parsed, tokens)
}

/// Where a pass's time went, stage by stage ("the rest" is reading, output and
/// scheduling).
fn print_stage_times(pass: &str, pipeline: &Pipeline, seconds: f64) {
    let stages = pipeline.stage_times();
    let total: f64 = stages.iter().map(|(_, s)| s).sum();
    let shares: Vec<String> = stages
        .iter()
        .map(|(name, s)| format!("{name} {s:.2} s"))
        .chain(std::iter::once(format!(
            "the rest {:.2} s",
            (seconds - total).max(0.0)
        )))
        .collect();
    println!("{pass} stages: {}", shares.join(", "));
    let mut steps: Vec<(&str, Vec<String>)> = Vec::new();
    for (component, step, s) in pipeline.step_times() {
        match steps.last_mut() {
            Some((c, list)) if *c == component => list.push(format!("{step} {s:.2} s")),
            _ => steps.push((component, vec![format!("{step} {s:.2} s")])),
        }
    }
    for (component, list) in steps {
        println!("{pass} {component} steps: {}", list.join(", "));
    }
}

/// Ingest into a fresh store; report throughput, size and one dyad query's latency.
fn store_pass(
    args: &BenchArgs,
    name: &str,
    inputs: &[PathBuf],
    pipeline: &Pipeline,
    pool: &rayon::ThreadPool,
    limit: usize,
    compare: Option<(&str, f64)>,
) -> anyhow::Result<()> {
    use dyad::store::query::{EventFilter, Period};
    use dyad::store::{IngestOptions, Store};
    let keep = args.store.as_ref().filter(|_| name == "store");
    let path = match keep {
        Some(p) => {
            anyhow::ensure!(
                !p.exists(),
                "{} exists; the store pass needs a new file",
                p.display()
            );
            p.clone()
        }
        None => std::env::temp_dir().join(format!("dyad-bench-{}.sqlite", std::process::id())),
    };
    let remove = |p: &Path| {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
        }
    };
    remove(&path);
    let mut store = Store::open(&path)?;
    let options = ReadOptions::default();
    let start = Instant::now();
    let stats = pool.install(|| {
        let records = read_inputs(inputs, &options)
            .filter(Result::is_ok)
            .take(limit);
        store.ingest(pipeline, records, &IngestOptions::default(), |_| {})
    })?;
    let seconds = start.elapsed().as_secs_f64().max(1e-9);
    drop(store);
    let size: u64 = ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{}{s}", path.display())).ok())
        .map(|m| m.len())
        .sum();
    let mb = stats.bytes as f64 / 1e6;
    println!(
        "{name:<10}{:>7} articles {:>7.1} MB {:>8.2} s {:>8.0} articles/s {:>7.2} MB/s  ({} new, {} duplicates, {} joined a story, {} events)",
        stats.records,
        mb,
        seconds,
        stats.records as f64 / seconds,
        mb / seconds,
        stats.new,
        stats.duplicates,
        stats.joined_story,
        stats.events,
    );
    if let Some((other, mb_s)) = compare {
        println!(
            "{name}/{other} throughput: {:.0}%",
            100.0 * mb / seconds / mb_s
        );
    }
    let per_10k = size as f64 / 1e6 * 10_000.0 / stats.new.max(1) as f64;
    println!(
        "{name} size: {:.1} MB for {} articles ({per_10k:.1} MB per 10k articles)",
        size as f64 / 1e6,
        stats.new
    );
    let store = Store::open_read_only(&path)?;
    if let Some(top) = store.top_dyads(&EventFilter::default(), 1)?.first() {
        let filter = EventFilter {
            dyad: Some((top.source_code.clone(), top.target_code.clone())),
            both_directions: true,
            ..EventFilter::default()
        };
        let runs = 20;
        let start = Instant::now();
        let mut found = 0;
        for _ in 0..runs {
            found = store.events(&filter)?.len();
        }
        let query_ms = start.elapsed().as_secs_f64() * 1e3 / runs as f64;
        let start = Instant::now();
        let weeks = store.series(&filter, Period::Week)?.len();
        let series_ms = start.elapsed().as_secs_f64() * 1e3;
        println!(
            "query {}-{} both directions: {found} events in {query_ms:.2} ms (mean of {runs}); weekly series ({weeks} weeks) in {series_ms:.2} ms",
            top.source_code, top.target_code
        );
    }
    drop(store);
    if keep.is_none() {
        remove(&path);
    }
    Ok(())
}

fn default_corpus() -> anyhow::Result<Vec<PathBuf>> {
    let dir = Path::new(DEFAULT_CORPUS);
    anyhow::ensure!(
        dir.is_dir(),
        "{DEFAULT_CORPUS} not found: run from the project root next to ../shared, or name the corpus files"
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".jsonl.zst"))
        .collect();
    files.sort();
    Ok(files)
}

/// Peak resident set size of this process in KiB, from `/proc/self/status`.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
