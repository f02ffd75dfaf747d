//! `dyad bench`: throughput and peak memory of the pipeline on a news corpus.
//!
//! Reads the corpus twice: once only ingesting (decompress + parse), once through the
//! whole `analyze` path (pipeline + JSON serialisation, output discarded). Figures are
//! articles/s and MB/s of article text (the `text` field), plus the process's peak
//! resident memory.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use dyad::export::json::{AnalyzeOptions, AnalyzeRecord};
use dyad::ingest::{read_inputs, ReadOptions};
use dyad::pipeline::{Batching, Config, Pipeline};

/// Default corpus, relative to the project root.
const DEFAULT_CORPUS: &str = "../shared/data/news";

#[derive(Args)]
pub struct BenchArgs {
    /// Corpus files or folders (default: the `*.jsonl.zst` files of ../shared/data/news).
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Worker threads for the pipeline pass.
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// Stop after this many articles.
    #[arg(long)]
    limit: Option<usize>,
}

struct Pass {
    articles: u64,
    bytes: u64,
    seconds: f64,
}

impl Pass {
    fn print(&self, name: &str) {
        let mb = self.bytes as f64 / 1e6;
        println!(
            "{name:<10} {:>8} articles {:>8.1} MB {:>7.2} s {:>9.0} articles/s {:>7.2} MB/s",
            self.articles,
            mb,
            self.seconds,
            self.articles as f64 / self.seconds.max(1e-9),
            mb / self.seconds.max(1e-9),
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
    println!(
        "corpus: {}",
        inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!("threads: {}", args.threads);

    let start = Instant::now();
    let (mut articles, mut bytes) = (0u64, 0u64);
    for article in read_inputs(&inputs, &options).flatten().take(limit) {
        articles += 1;
        bytes += article.text.len() as u64;
    }
    Pass {
        articles,
        bytes,
        seconds: start.elapsed().as_secs_f64(),
    }
    .print("ingest");

    let pipeline = Pipeline::new(&Config::default())?;
    let start = Instant::now();
    let (mut articles, mut bytes, mut sentences, mut tokens, mut out_bytes) =
        (0u64, 0u64, 0u64, 0u64, 0u64);
    pool.install(|| {
        pipeline.run(
            read_inputs(&inputs, &options)
                .filter(Result::is_ok)
                .take(limit),
            Batching::default(),
            |doc| {
                let line = AnalyzeRecord::new(&doc, AnalyzeOptions::default()).to_json_line();
                (
                    doc.text().len(),
                    doc.sentence_count(),
                    doc.token_data().len(),
                    line.len(),
                )
            },
            |r| {
                if let Ok((b, s, t, o)) = r {
                    articles += 1;
                    bytes += b as u64;
                    sentences += s as u64;
                    tokens += t as u64;
                    out_bytes += o as u64;
                }
                true
            },
        )
    });
    let seconds = start.elapsed().as_secs_f64();
    Pass {
        articles,
        bytes,
        seconds,
    }
    .print("analyze");
    println!(
        "analyze    {sentences} sentences, {tokens} tokens, {:.0} tokens/s, {:.1} MB of JSON",
        tokens as f64 / seconds.max(1e-9),
        out_bytes as f64 / 1e6
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
