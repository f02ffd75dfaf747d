//! `dyad eval extraction`: body-text scores on the Zyte benchmark next to the shipped
//! baselines, title/date accuracy on the metadata sets, throughput.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use dyad::eval::extraction::{evaluate_body, evaluate_metadata, MetaReport};

#[derive(Args)]
pub struct ExtractionArgs {
    /// The Zyte benchmark folder (`ground-truth.json`, `html/`, `baselines/`).
    #[arg(long, value_name = "DIR")]
    dataset: PathBuf,
    /// Folders with gold metadata to score titles and dates on (`trafilatura-eval`,
    /// `mozilla-readability-test-pages`). Default: those beside DATASET, when present.
    #[arg(long, value_name = "DIR")]
    metadata: Vec<PathBuf>,
    /// Print one JSON object instead of tables.
    #[arg(long)]
    json: bool,
    /// Also list Dyad's N worst pages (by F1).
    #[arg(long, value_name = "N")]
    worst: Option<usize>,
}

fn metadata_dirs(args: &ExtractionArgs) -> Vec<PathBuf> {
    if !args.metadata.is_empty() {
        return args.metadata.clone();
    }
    let parent = args.dataset.parent().unwrap_or(Path::new("."));
    ["trafilatura-eval", "mozilla-readability-test-pages"]
        .iter()
        .map(|n| parent.join(n))
        .filter(|p| p.is_dir())
        .collect()
}

pub fn run(args: &ExtractionArgs) -> anyhow::Result<ExitCode> {
    let body = evaluate_body(&args.dataset)
        .with_context(|| format!("cannot evaluate {}", args.dataset.display()))?;
    let mut metas: Vec<MetaReport> = Vec::new();
    for dir in metadata_dirs(args) {
        metas.push(
            evaluate_metadata(&dir)
                .with_context(|| format!("cannot evaluate {}", dir.display()))?,
        );
    }
    if args.json {
        let v = serde_json::json!({
            "dyad": body.dyad,
            "baselines": body.baselines,
            "pages": body.pages,
            "throughput": body.throughput,
            "metadata": metas,
        });
        println!("{v}");
    } else {
        println!(
            "{} ({} pages)\n\n{:<16} {:>9} {:>9} {:>9} {:>9}",
            args.dataset.display(),
            body.pages,
            "extractor",
            "precision",
            "recall",
            "F1",
            "exact"
        );
        let row = |name: &str, p: &dyad::eval::extraction::Prf| {
            println!(
                "{name:<16} {:>9.4} {:>9.4} {:>9.4} {:>9.3}",
                p.precision, p.recall, p.f1, p.accuracy
            );
        };
        row("dyad", &body.dyad);
        for (name, p) in &body.baselines {
            row(name, p);
        }
        let t = body.throughput;
        println!(
            "\nthroughput (one thread, decode + extract): {:.1} pages/s, {:.1} MB/s of HTML ({} pages, {:.1} MB, {:.2} s)",
            t.pages_per_s,
            t.mb_per_s,
            t.pages,
            t.bytes as f64 / 1e6,
            t.seconds
        );
        for m in &metas {
            println!(
                "\n{}: {} pages\n  title  {:.3} ({} gold)\n  date   {:.3} ({} gold)\n  author {:.3} ({} gold)",
                m.dataset, m.pages, m.title_accuracy, m.titles, m.date_accuracy, m.dates,
                m.author_accuracy, m.authors
            );
            if m.with_snippets > 0 {
                println!(
                    "  body snippets: {:.3} of {} `with` found, {:.3} of {} `without` absent",
                    m.with_found, m.with_snippets, m.without_absent, m.without_snippets
                );
            }
        }
    }
    if let Some(n) = args.worst {
        for p in body.per_page.iter().take(n) {
            eprintln!(
                "{:.3} P {:.3} R {:.3} {} {}",
                p.f1, p.precision, p.recall, p.id, p.url
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
