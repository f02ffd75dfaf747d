//! `dyad eval`: score Dyad's stages against gold data.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand};

#[derive(Args)]
pub struct EvalArgs {
    #[command(subcommand)]
    what: EvalCommand,
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Sentence and token F1 against a Universal Dependencies CoNLL-U file (plain or .zst).
    Segment {
        /// Gold CoNLL-U file.
        #[arg(long, value_name = "FILE")]
        conllu: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Also list up to N sentence and N token disagreements with context.
        #[arg(long, value_name = "N")]
        mismatches: Option<usize>,
    },
}

pub fn run(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    match &args.what {
        EvalCommand::Segment {
            conllu,
            json,
            mismatches,
        } => {
            let scores = dyad::eval::segmentation::evaluate(conllu)
                .with_context(|| format!("cannot evaluate {}", conllu.display()))?;
            if *json {
                println!("{}", serde_json::to_string(&scores)?);
            } else {
                println!("{scores}");
            }
            if let Some(limit) = mismatches {
                for m in dyad::eval::segmentation::mismatches(conllu, *limit)? {
                    println!("{m}");
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
