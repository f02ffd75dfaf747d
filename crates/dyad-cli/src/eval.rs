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

/// A gold file and the dictionaries to score it with.
#[derive(Args)]
struct GoldArgs {
    /// Gold JSONL (`{id, date, text, expected:[{source,target,code}]}`), or for
    /// `events` also the PLOVER gold JSON array.
    #[arg(long = "gold", value_name = "FILE")]
    path: PathBuf,
    /// Extra dictionary file or folder (repeatable).
    #[arg(long, value_name = "DIR|FILE")]
    dict: Vec<PathBuf>,
    /// Use only the --dict dictionaries.
    #[arg(long)]
    no_builtin: bool,
    /// Print one JSON object instead of a report.
    #[arg(long)]
    json: bool,
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
        #[command(flatten)]
        gold: GoldArgs,
        /// List the expected codes that were not found.
        #[arg(long)]
        misses: bool,
    },
    /// Event coding on gold records: precision/recall/F1 at root+dyad, code+dyad and
    /// code+actors, exact records, a root confusion table, misses and false alarms.
    Events {
        #[command(flatten)]
        gold: GoldArgs,
        /// Count events whose source or target is unresolved too.
        #[arg(long)]
        keep_partial: bool,
    },
    /// Named-entity precision/recall/F1 per type (PERSON, ORGANIZATION, LOCATION) on
    /// JSONL records `{text, entities:[{kind,type,start,end,text}]}` with character
    /// offsets (the NIST IE-ER file's format; plain or .zst): exact span and type,
    /// and overlapping spans.
    Entities {
        /// Gold JSONL file.
        #[arg(long = "gold", value_name = "FILE")]
        path: PathBuf,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Also list every missed and false entity with its context.
        #[arg(long)]
        mistakes: bool,
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
    /// Near-duplicate detection: pairwise precision/recall of story grouping on the
    /// articles of a corpus plus perturbed copies of a seeded sample of them.
    Dedup {
        /// Articles (any input `dyad ingest` reads; e.g. a .jsonl.zst corpus).
        #[arg(long, value_name = "FILE", required = true)]
        input: Vec<PathBuf>,
        /// Originals to copy.
        #[arg(long, default_value_t = 500)]
        originals: usize,
        /// Copies per original.
        #[arg(long, default_value_t = 2)]
        copies: usize,
        /// Seed of the sample, the edits and the order.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// List this many joins of articles whose texts differ (to inspect).
        #[arg(long, default_value_t = 0)]
        show: usize,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
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
        EvalCommand::Actors { gold: g, misses } => {
            let (gold, dict, no_builtin, json) = (&g.path, &g.dict, &g.no_builtin, &g.json);
            let (records, errors) = dyad::eval::gold::read_jsonl(gold)
                .with_context(|| format!("cannot read {}", gold.display()))?;
            for (line, why) in errors {
                eprintln!("dyad: skipped {}:{line}: {why}", gold.display());
            }
            let pipeline = gold_pipeline(dict, *no_builtin)?;
            if let Some(sizes) = pipeline.dictionary_sizes().filter(|_| !*json) {
                println!(
                    "dictionaries: {} actor entities, {} actor phrases; {} verb patterns",
                    sizes.actors.entities, sizes.actors.phrases, sizes.verb_patterns
                );
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
        EvalCommand::Events {
            gold: g,
            keep_partial,
        } => {
            let (gold, dict, no_builtin, json) = (&g.path, &g.dict, &g.no_builtin, &g.json);
            let pipeline = gold_pipeline(dict, *no_builtin)?;
            let text = std::fs::read_to_string(gold)
                .with_context(|| format!("cannot read {}", gold.display()))?;
            if text.trim_start().starts_with('[') {
                // The PLOVER gold file: a JSON array of records with PLOVER types.
                let s = dyad::eval::events::evaluate_plover(&pipeline, &text)
                    .with_context(|| format!("{} is not a PLOVER gold file", gold.display()))?;
                if *json {
                    println!("{}", serde_json::to_string(&s)?);
                } else {
                    println!(
                        "{}: {} records, {} coded; type accuracy {:.1}% (some event has the gold type), first event right in {:.1}% of coded records",
                        gold.display(),
                        s.records,
                        s.coded,
                        100.0 * s.accuracy,
                        100.0 * s.precision_first
                    );
                    for (t, (right, total)) in &s.by_type {
                        println!("  {t:<12} {right:>4}/{total:<4}");
                    }
                }
                return Ok(ExitCode::SUCCESS);
            }
            let (records, errors) = dyad::eval::gold::read_jsonl(gold)
                .with_context(|| format!("cannot read {}", gold.display()))?;
            for (line, why) in errors {
                eprintln!("dyad: skipped {}:{line}: {why}", gold.display());
            }
            let policy = dyad::events::EmitPolicy {
                keep_partial: *keep_partial,
                all_modalities: false,
            };
            let scores = dyad::eval::events::evaluate(&pipeline, &records, policy);
            if *json {
                println!("{}", serde_json::to_string(&scores)?);
            } else {
                print_event_scores(gold, &scores);
            }
        }
        EvalCommand::Entities {
            path,
            json,
            mistakes,
        } => {
            let (docs, errors) = dyad::eval::entities::read_gold(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            for (line, why) in errors {
                eprintln!("dyad: skipped {}:{line}: {why}", path.display());
            }
            let pipeline = gold_pipeline(&[], false)?;
            let scores = dyad::eval::entities::evaluate(&pipeline, &docs, *mistakes);
            if *json {
                println!("{}", serde_json::to_string(&scores)?);
            } else {
                println!("{}: {scores}", path.display());
                for m in &scores.mistakes {
                    println!("  {} {:<12} {}  {}", m.what, m.label, m.id, m.context);
                }
            }
        }
        EvalCommand::Dedup {
            input,
            originals,
            copies,
            seed,
            show,
            json,
        } => {
            let mut articles = Vec::new();
            let options = dyad::ingest::ReadOptions::default();
            for record in dyad::ingest::read_inputs(input, &options) {
                match record {
                    Ok(a) => articles.push((a.meta.id, a.text)),
                    Err(e) => eprintln!("dyad: skipped {e}"),
                }
            }
            let options = dyad::eval::dedup::DedupOptions {
                originals: *originals,
                copies: *copies,
                seed: *seed,
                ..Default::default()
            };
            let report = dyad::eval::dedup::evaluate(&articles, &options);
            if *json {
                println!("{}", serde_json::to_string(&report)?);
            } else {
                println!(
                    "{} articles ({} groups of exact duplicates), {} perturbed copies, {} true pairs",
                    report.articles, report.exact_duplicate_groups, report.copies, report.true_pairs
                );
                println!("threshold  precision  recall  f1     copies_joined  stories");
                for t in &report.thresholds {
                    println!(
                        "{:<9}  {:<9.4}  {:<6.4}  {:.4}  {:<13}  {}",
                        t.threshold,
                        t.precision,
                        t.recall,
                        t.f1,
                        format!("{}/{}", t.copies_joined, report.copies),
                        t.stories
                    );
                }
                println!(
                    "copies joined by edit (threshold {}):",
                    dyad::dedup::DEFAULT_THRESHOLD
                );
                for e in &report.by_edit {
                    println!("  {:<14} {}/{}", e.edit, e.joined, e.copies);
                }
                println!(
                    "joined to an article with different text (threshold {}): {}",
                    dyad::dedup::DEFAULT_THRESHOLD,
                    report.false_joins.len()
                );
                for (a, b, sim) in report.false_joins.iter().take(*show) {
                    println!("  {sim:.2}  {a}  ~  {b}");
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

/// The full pipeline with the chosen dictionaries; notes go to stderr.
fn gold_pipeline(dict: &[PathBuf], no_builtin: bool) -> anyhow::Result<dyad::pipeline::Pipeline> {
    let config = dyad::pipeline::Config {
        dicts: dyad::dict::DictSources {
            builtin: !no_builtin,
            paths: dict.to_vec(),
        },
        ..Default::default()
    };
    let pipeline = dyad::pipeline::Pipeline::new(&config)?;
    for note in pipeline.notes() {
        eprintln!("dyad: note: {note}");
    }
    Ok(pipeline)
}

fn print_event_scores(gold: &std::path::Path, s: &dyad::eval::events::EventScores) {
    println!("{}: {} records", gold.display(), s.records);
    println!(
        "{:<12} {:>9} {:>9} {:>9} {:>6} {:>6} {:>6}",
        "level", "precision", "recall", "F1", "tp", "pred", "gold"
    );
    for (name, p) in [
        ("root+dyad", &s.root_dyad),
        ("code+dyad", &s.code_dyad),
        ("code+actors", &s.code_actor),
    ] {
        println!(
            "{:<12} {:>9.3} {:>9.3} {:>9.3} {:>6} {:>6} {:>6}",
            name, p.precision, p.recall, p.f1, p.true_positives, p.predicted, p.expected
        );
    }
    println!("exact records: {:.1}%", 100.0 * s.exact_records);
    if s.categories.len() > 1 {
        println!("\nexact by category:");
        for (cat, (right, total)) in &s.categories {
            println!("  {cat:<12} {right:>4}/{total:<4}");
        }
    }
    println!("\nroot confusion (gold root: predicted root for the same country dyad, - = none):");
    for (gold_root, row) in &s.confusion {
        let cells: Vec<String> = row.iter().map(|(p, n)| format!("{p}:{n}")).collect();
        println!("  {gold_root}: {}", cells.join(" "));
    }
    println!("\nrecords not coded exactly:");
    for d in &s.diffs {
        println!(
            "  {} [{}] {}",
            d.id,
            d.category.as_deref().unwrap_or(""),
            d.text
        );
        for m in &d.misses {
            println!("      miss  {m}");
        }
        for f in &d.false_alarms {
            println!("      false {f}");
        }
    }
}
