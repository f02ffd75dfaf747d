//! `dyad train`: build Dyad's models from the shared training data.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::{Args, Subcommand};
use dyad::syntax::train::{read_treebank, train, TrainOptions};

#[derive(Args)]
pub struct TrainArgs {
    #[command(subcommand)]
    what: TrainCommand,
}

#[derive(Subcommand)]
enum TrainCommand {
    /// Train the tagger, lemmatizer and parser from a UD treebank (plain or .zst).
    Syntax {
        /// Training treebank.
        #[arg(
            long,
            value_name = "FILE",
            default_value = "../shared/data/ud/en_ewt-ud-train.conllu.zst"
        )]
        train: PathBuf,
        /// Model file to write.
        #[arg(long, value_name = "FILE", default_value = "data/models/syntax.dsm")]
        out: PathBuf,
        /// Random seed.
        #[arg(long, default_value_t = TrainOptions::default().seed)]
        seed: u64,
        /// Folds for jack-knifed training tags.
        #[arg(long, default_value_t = TrainOptions::default().folds)]
        folds: usize,
        /// Tagger iterations.
        #[arg(long, default_value_t = TrainOptions::default().tagger_iterations)]
        tagger_iterations: usize,
        /// Perceptrons averaged into each tagger.
        #[arg(long, default_value_t = TrainOptions::default().tagger_members)]
        tagger_members: usize,
        /// Tagger passes: 1, or 2 for a second-pass tagger that also sees the first
        /// pass's tags to the right (slower to run, a hair more accurate).
        #[arg(long, default_value_t = TrainOptions::default().tagger_passes as u8,
              value_parser = clap::value_parser!(u8).range(1..=2))]
        tagger_passes: u8,
        /// Parser iterations.
        #[arg(long, default_value_t = TrainOptions::default().parser_iterations)]
        parser_iterations: usize,
        /// Parsers averaged into the parser.
        #[arg(long, default_value_t = TrainOptions::default().parser_members)]
        parser_members: usize,
        /// Labeller iterations.
        #[arg(long, default_value_t = TrainOptions::default().labeler_iterations)]
        labeler_iterations: usize,
    },
}

pub fn run(args: &TrainArgs) -> anyhow::Result<ExitCode> {
    match &args.what {
        TrainCommand::Syntax {
            train: path,
            out,
            seed,
            folds,
            tagger_iterations,
            tagger_members,
            tagger_passes,
            parser_iterations,
            parser_members,
            labeler_iterations,
        } => {
            let start = Instant::now();
            let (sentences, bad) =
                read_treebank(path).with_context(|| format!("cannot read {}", path.display()))?;
            anyhow::ensure!(
                !sentences.is_empty(),
                "{} holds no sentences",
                path.display()
            );
            eprintln!(
                "dyad: {} sentences ({bad} malformed skipped) from {}",
                sentences.len(),
                path.display()
            );
            let options = TrainOptions {
                seed: *seed,
                tagger_iterations: *tagger_iterations,
                tagger_members: *tagger_members,
                tagger_passes: usize::from(*tagger_passes),
                parser_iterations: *parser_iterations,
                parser_members: *parser_members,
                labeler_iterations: *labeler_iterations,
                folds: *folds,
            };
            let source = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let bundle = train(&sentences, &source, &options, |msg| {
                eprintln!(
                    "dyad: [{:6.1}s] training {msg}",
                    start.elapsed().as_secs_f64()
                );
            });
            let bytes = dyad::syntax::io::write(&bundle);
            std::fs::write(out, &bytes)
                .with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!(
                "dyad: wrote {} ({:.1} MB; tagger {} / parser {} / labeller {} features) in {:.1}s",
                out.display(),
                bytes.len() as f64 / 1e6,
                bundle.tagger.model.features(),
                bundle.parser.model.features(),
                bundle.labeler.model.features(),
                start.elapsed().as_secs_f64()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
