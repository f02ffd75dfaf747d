//! `dyad bench`: throughput and peak memory of the pipeline on a news corpus.
//!
//! Reads the corpus once per pass:
//!
//! - `ingest`: decompress and parse the records only;
//! - `segment`: clean, split and tokenize (no models);
//! - `syntax`: the full pipeline (segmentation plus tagging and parsing);
//! - `analyze`: the full pipeline and the `dyad analyze` JSON, output discarded.
//!
//! Figures are articles/s and MB/s of article text (the `text` field) and tokens/s;
//! `tag+parse` is the syntax stage alone (syntax pass minus segment pass). Peak
//! memory is the process's peak resident set.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use dyad::export::json::{AnalyzeOptions, AnalyzeRecord};
use dyad::ingest::{read_inputs, ReadOptions};
use dyad::pipeline::{Batching, Config, Pipeline};
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
}

#[derive(Default)]
struct Pass {
    articles: u64,
    bytes: u64,
    tokens: u64,
    sentences: u64,
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

    let start = Instant::now();
    let mut ingest = Pass::default();
    for article in read_inputs(&inputs, &options).flatten().take(limit) {
        ingest.articles += 1;
        ingest.bytes += article.text.len() as u64;
    }
    ingest.seconds = start.elapsed().as_secs_f64();
    ingest.print("ingest");

    let run = |pipeline: &Pipeline, json: bool| -> Pass {
        let start = Instant::now();
        let mut pass = Pass::default();
        pool.install(|| {
            pipeline.run(
                read_inputs(&inputs, &options)
                    .filter(Result::is_ok)
                    .take(limit),
                Batching::default(),
                |doc: Doc| {
                    let out = if json {
                        AnalyzeRecord::new(&doc, AnalyzeOptions::default())
                            .to_json_line()
                            .len()
                    } else {
                        0
                    };
                    (
                        doc.text().len(),
                        doc.sentence_count(),
                        doc.token_data().len(),
                        out,
                    )
                },
                |r| {
                    if let Ok((b, s, t, o)) = r {
                        pass.articles += 1;
                        pass.bytes += b as u64;
                        pass.sentences += s as u64;
                        pass.tokens += t as u64;
                        pass.out_bytes += o as u64;
                    }
                    true
                },
            )
        });
        pass.seconds = start.elapsed().as_secs_f64();
        pass
    };
    let config = Config::default();
    let segment = run(&Pipeline::basic(&config), false);
    segment.print("segment");
    let full = Pipeline::new(&config)?;
    let syntax = run(&full, false);
    syntax.print("syntax");
    let analyze = run(&full, true);
    analyze.print("analyze");
    let parse_seconds = (syntax.seconds - segment.seconds).max(1e-9);
    println!(
        "tag+parse {:.0} tokens/s ({} tokens, {} sentences, {:.2} s); analyze wrote {:.1} MB of JSON",
        syntax.tokens as f64 / parse_seconds,
        syntax.tokens,
        syntax.sentences,
        parse_seconds,
        analyze.out_bytes as f64 / 1e6
    );
    match peak_rss_kib() {
        Some(kib) => println!("peak memory: {:.1} MiB (VmHWM)", kib as f64 / 1024.0),
        None => println!("peak memory: unavailable on this platform"),
    }
    Ok(ExitCode::SUCCESS)
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
