//! `dyad code`: one event per line (JSONL, CSV or TSV).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use dyad::events::EmitPolicy;
use dyad::export::events::{csv_line, tsv_line, EventRecord};

use crate::analyze::run_stream;
use crate::InputArgs;

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Jsonl,
    Csv,
    Tsv,
}

#[derive(Args)]
pub struct CodeArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Write events here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// Also emit events whose source or target is not a coded actor.
    #[arg(long)]
    keep_partial: bool,
    /// Also emit negated, conditional, possible and question events (flagged).
    #[arg(long)]
    all_modalities: bool,
}

pub fn run(args: &CodeArgs) -> anyhow::Result<ExitCode> {
    let policy = EmitPolicy {
        keep_partial: args.keep_partial,
        all_modalities: args.all_modalities,
    };
    let format = args.format;
    let header = match format {
        Format::Jsonl => None,
        Format::Csv => Some(csv_line(&EventRecord::COLUMNS)),
        Format::Tsv => Some(tsv_line(&EventRecord::COLUMNS)),
    };
    // Only sentences that could hold an emitted event need the parser.
    let min_actors = if args.keep_partial { 1 } else { 2 };
    let config = dyad::pipeline::Config {
        parse_only_candidates: Some(min_actors),
        ..args.input.pipeline_config()
    };
    run_stream(
        &args.input,
        &config,
        args.output.as_ref(),
        header,
        move |doc| {
            let mut text = String::new();
            for e in doc.events().iter().filter(|e| policy.emits(e)) {
                let record = EventRecord::new(doc, e);
                let line = match format {
                    Format::Jsonl => record.to_json_line(),
                    Format::Csv => csv_line(&record.to_row()),
                    Format::Tsv => tsv_line(&record.to_row()),
                };
                text.push_str(&line);
                text.push('\n');
            }
            text
        },
    )
}
