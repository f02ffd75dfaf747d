//! `dyad analyze`: one JSON object per article.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use dyad::export::json::{AnalyzeOptions, AnalyzeRecord};
use dyad::pipeline::{Batching, Pipeline};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::report::Summary;
use crate::InputArgs;

/// Inputs above this many bytes get a progress bar (when stderr is a terminal).
const PROGRESS_MIN_BYTES: u64 = 8 << 20;

#[derive(Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Write JSONL here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Add each sentence's tokens (`tokens:[{start,end,text,kind}]`).
    #[arg(long)]
    tokens: bool,
    /// Output format: json (one object per article) or gkg (a GDELT GKG 2.1-like
    /// TSV row per article: persons, organisations, locations with offsets,
    /// quotations with speakers, amounts, tone; no header).
    #[arg(long, value_enum, default_value = "json")]
    format: AnalyzeFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum AnalyzeFormat {
    Json,
    Gkg,
}

pub fn run(args: &AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let options = AnalyzeOptions {
        tokens: args.tokens,
    };
    anyhow::ensure!(
        !(args.tokens && args.format == AnalyzeFormat::Gkg),
        "--tokens needs --format json"
    );
    let format = args.format;
    run_stream(
        &args.input,
        &args.input.pipeline_config(),
        args.output.as_ref(),
        None,
        move |doc| match format {
            AnalyzeFormat::Json => AnalyzeRecord::new(doc, options).to_json_line() + "\n",
            AnalyzeFormat::Gkg => dyad::export::gkg::line(doc) + "\n",
        },
    )
}

/// Read `input`, run the pipeline, and write what `render` makes of each document
/// (zero or more complete lines) to `output` or stdout, after an optional `header`
/// line; report skipped records and the summary on stderr.
pub fn run_stream<F>(
    input: &InputArgs,
    config: &dyad::pipeline::Config,
    output: Option<&PathBuf>,
    header: Option<String>,
    render: F,
) -> anyhow::Result<ExitCode>
where
    F: Fn(&dyad::doc::Doc) -> String + Sync,
{
    input.init_threads()?;
    let out: Box<dyn Write> = match output {
        Some(path) => Box::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 16, out);
    let pipeline = Pipeline::new(config)?;
    for note in pipeline.notes() {
        eprintln!("dyad: note: {note}");
    }
    let records = dyad::ingest::read_inputs(&input.inputs, &input.read_options());
    let progress = progress_bar(&input.inputs);
    let mut summary = Summary::default();
    let mut write_error = header.and_then(|h| writeln!(out, "{h}").err());
    pipeline.run(
        records,
        Batching::default(),
        |doc| {
            let text = render(&doc);
            (text, doc.diagnostics, doc.dropped.len())
        },
        |result| {
            progress.inc(1);
            match result {
                Ok((text, diagnostics, dropped)) => {
                    summary.article(&diagnostics, dropped);
                    if write_error.is_some() {
                        return false;
                    }
                    if let Err(e) = out.write_all(text.as_bytes()) {
                        write_error = Some(e);
                        return false;
                    }
                }
                Err(e) => progress.suspend(|| summary.skip(&e)),
            }
            true
        },
    );
    progress.finish_and_clear();
    let flushed = match write_error {
        Some(e) => Err(e),
        None => out.flush(),
    };
    if let Err(e) = flushed {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return Ok(ExitCode::SUCCESS);
        }
        return Err(e).context("cannot write output");
    }
    eprintln!("{}", summary.line());
    Ok(summary.exit_code())
}

/// A progress bar on stderr for large inputs when stderr is a terminal; hidden otherwise.
fn progress_bar(inputs: &[PathBuf]) -> ProgressBar {
    let size: u64 = inputs
        .iter()
        .map(|p| {
            if p.as_os_str() == "-" {
                u64::MAX / 4
            } else {
                walk_size(p)
            }
        })
        .fold(0, u64::saturating_add);
    if !io::stderr().is_terminal() || size < PROGRESS_MIN_BYTES {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} articles, {per_sec}, {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar
}

fn walk_size(path: &std::path::Path) -> u64 {
    if path.is_file() {
        return path.metadata().map_or(0, |m| m.len());
    }
    std::fs::read_dir(path)
        .map(|entries| entries.flatten().map(|e| walk_size(&e.path())).sum())
        .unwrap_or(0)
}
