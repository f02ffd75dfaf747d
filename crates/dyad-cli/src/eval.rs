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
    /// Main-content extraction: body P/R/F1 on the Zyte benchmark next to the shipped
    /// baselines, title/date accuracy, throughput.
    Extraction(crate::extraction::ExtractionArgs),
    /// Actor recall on gold event records: how many expected source/target codes
    /// appear among the actors found (first three letters, and full code).
    Actors {
        /// Gold JSONL (`{id, date, text, expected:[{source,target,code}]}`).
        #[arg(long, value_name = "FILE")]
        gold: PathBuf,
        /// Extra dictionary file or folder (repeatable).
        #[arg(long, value_name = "DIR|FILE")]
        dict: Vec<PathBuf>,
        /// Use only the --dict dictionaries.
        #[arg(long)]
        no_builtin: bool,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// List the expected codes that were not found.
        #[arg(long)]
        misses: bool,
    },
    /// Tagging, lemma and parsing scores against a UD CoNLL-U file (plain or .zst).
    Syntax {
        /// Gold CoNLL-U file.
        #[arg(long, value_name = "FILE")]
        conllu: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Tokenize the `# text` lines with Dyad instead of using the gold tokens.
        #[arg(long)]
        raw: bool,
        /// Model file to use instead of the compiled-in one.
        #[arg(long, value_name = "FILE")]
        model: Option<PathBuf>,
    },
}

pub fn run(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    match &args.what {
        EvalCommand::Extraction(a) => return crate::extraction::run(a),
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
        EvalCommand::Actors {
            gold,
            dict,
            no_builtin,
            json,
            misses,
        } => {
            let (records, errors) = dyad::eval::gold::read_jsonl(gold)
                .with_context(|| format!("cannot read {}", gold.display()))?;
            for (line, why) in errors {
                eprintln!("dyad: skipped {}:{line}: {why}", gold.display());
            }
            let config = dyad::pipeline::Config {
                dicts: dyad::dict::DictSources {
                    builtin: !no_builtin,
                    paths: dict.clone(),
                },
                ..Default::default()
            };
            let pipeline = dyad::pipeline::Pipeline::new(&config)?;
            for note in pipeline.notes() {
                eprintln!("dyad: note: {note}");
            }
            let scores = dyad::eval::actors::evaluate(&pipeline, &records);
            if *json {
                println!("{}", serde_json::to_string(&scores)?);
            } else {
                println!(
                    "{}: {} records, {} expected actor codes, {} actors found\n  3-letter recall {:.1}% ({})\n  full-code recall {:.1}% ({})",
                    gold.display(),
                    scores.records,
                    scores.expected,
                    scores.actors,
                    100.0 * scores.recall_country,
                    scores.found_country,
                    100.0 * scores.recall_full,
                    scores.found_full
                );
                if *misses {
                    for m in &scores.misses {
                        println!(
                            "  miss {}: {} (found {})",
                            m.id,
                            m.expected,
                            m.found.join(" ")
                        );
                    }
                }
            }
        }
        EvalCommand::Syntax {
            conllu,
            json,
            raw,
            model,
        } => {
            let syntax = match model {
                Some(path) => {
                    let bytes = std::fs::read(path)
                        .with_context(|| format!("cannot read {}", path.display()))?;
                    dyad::syntax::Syntax::load(&bytes)?
                }
                None => dyad::syntax::Syntax::builtin()?,
            };
            let scores = dyad::eval::syntax::evaluate(conllu, syntax, *raw)
                .with_context(|| format!("cannot evaluate {}", conllu.display()))?;
            if *json {
                println!("{}", serde_json::to_string(&scores)?);
            } else {
                println!("{}\n{scores}", conllu.display());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
