//! `dyad`: the command-line face of the dyad library.
//!
//! Flags are parsed and validated into the library's configuration types here; the
//! work is done by `dyad::pipeline`. This crate owns only what a terminal needs:
//! progress, messages on stderr, the summary line and exit codes.

mod analyze;
mod bench;
mod code;
mod eval;
mod extraction;
mod report;
mod store;
mod train;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

/// The pipeline makes many small, short-lived allocations (tokens, lemmas, feature
/// lists); mimalloc serves them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Dyad turns raw news into political event data.
#[derive(Parser)]
#[command(name = "dyad", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Clean and segment articles; print one JSON object per article.
    Analyze(analyze::AnalyzeArgs),
    /// Code events (who did what to whom, CAMEO/PLOVER); one event per line.
    Code(code::CodeArgs),
    /// Score Dyad against gold data (`eval segment --conllu FILE`).
    Eval(eval::EvalArgs),
    /// Train Dyad's models (`train syntax`).
    Train(train::TrainArgs),
    /// Measure pipeline throughput and peak memory on a news corpus.
    Bench(bench::BenchArgs),
    /// Analyse articles into the event store (SQLite); re-runs skip what is stored.
    Ingest(store::IngestArgs),
    /// Events from the store, filtered (actor, dyad, code, QuadClass, dates, text).
    Query(store::QueryArgs),
    /// A dyad's events over time (or the most active dyads).
    Dyads(store::DyadsArgs),
    /// Stored events as GDELT 2.0, CSV, JSONL, PLOVER JSON or Parquet.
    Export(store::ExportArgs),
    /// Poll RSS/Atom/JSON feeds and analyze each new item once (`--once` for cron).
    Watch(watch::WatchArgs),
}

/// Input selection shared by every command that reads articles.
#[derive(Args, Clone, Debug)]
pub struct InputArgs {
    /// Files or folders to read (`-` for stdin). Folders are read recursively.
    #[arg(value_name = "INPUT", default_value = "-")]
    pub inputs: Vec<PathBuf>,
    /// Input format: auto (by extension and content), jsonl, dump (text that may hold
    /// several articles), text (one article per file), html (extract the article from a
    /// page), warc (HTML responses in a web archive), feed (RSS, Atom, JSON Feed items).
    #[arg(long, default_value = "auto", value_parser = parse_format)]
    pub input_format: dyad::ingest::InputFormat,
    /// Date (YYYY-MM-DD) for articles whose record and text give none.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<String>,
    /// Largest record (JSONL line or text file) in bytes; larger ones are reported and skipped.
    #[arg(long, default_value_t = dyad::ingest::DEFAULT_MAX_RECORD_BYTES)]
    pub max_record_bytes: usize,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Skip tagging and parsing (clean, segment and date only; much faster).
    #[arg(long)]
    pub no_syntax: bool,
    /// Extra dictionary file or folder (Dyad or PETRARCH/TABARI format; repeatable).
    /// A folder loads every file in it, each recognised by its name and content.
    #[arg(long, value_name = "DIR|FILE")]
    pub dict: Vec<PathBuf>,
    /// Do not use Dyad's own compiled-in dictionaries (only those given with --dict).
    #[arg(long)]
    pub no_builtin: bool,
}

impl InputArgs {
    /// The library's read options.
    pub fn read_options(&self) -> dyad::ingest::ReadOptions {
        dyad::ingest::ReadOptions {
            format: self.input_format,
            limits: dyad::ingest::Limits {
                max_record_bytes: self.max_record_bytes,
            },
        }
    }

    /// The library's pipeline configuration.
    pub fn pipeline_config(&self) -> dyad::pipeline::Config {
        dyad::pipeline::Config {
            default_date: self.date.clone(),
            syntax: !self.no_syntax,
            actors: true,
            events: true,
            parse_only_candidates: None,
            dicts: dyad::dict::DictSources {
                builtin: !self.no_builtin,
                paths: self.dict.clone(),
            },
        }
    }

    /// Size the global thread pool.
    pub fn init_threads(&self) -> anyhow::Result<()> {
        if let Some(n) = self.threads {
            anyhow::ensure!(n > 0, "--threads must be at least 1");
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build_global()?;
        }
        Ok(())
    }
}

fn parse_format(s: &str) -> Result<dyad::ingest::InputFormat, String> {
    dyad::ingest::InputFormat::from_name(s).ok_or_else(|| {
        format!("unknown format `{s}` (expected auto, jsonl, dump, text, html, warc or feed)")
    })
}

fn parse_date(s: &str) -> Result<String, String> {
    let bad = || format!("`{s}` is not a date of the form YYYY-MM-DD");
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(bad());
    };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err(bad());
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if s.len() != 10 || d == 0 || d > days {
        return Err(bad());
    }
    Ok(s.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze::run(&args),
        Command::Bench(args) => bench::run(&args),
        Command::Code(args) => code::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Train(args) => train::run(&args),
        Command::Watch(args) => watch::run(&args),
        Command::Ingest(args) => store::ingest(&args),
        Command::Query(args) => store::query(&args),
        Command::Dyads(args) => store::dyads(&args),
        Command::Export(args) => store::export(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dyad: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_validated() {
        assert!(parse_date("2024-02-29").is_ok());
        assert!(parse_date("2023-02-29").is_err());
        assert!(parse_date("2023-2-1").is_err());
        assert!(parse_date("yesterday").is_err());
    }

    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
