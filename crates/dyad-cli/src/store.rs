//! `dyad ingest`, `dyad query`, `dyad dyads` and `dyad export`: the event store.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use dyad::export::events::{csv_line, tsv_line};
use dyad::export::{gdelt, plover};
use dyad::pipeline::Pipeline;
use dyad::store::query::{parse_dyad, EventFilter, Mention, MergedEvent, Period, SeriesRow};
use dyad::store::{IngestOptions, IngestProgress, Store, DEFAULT_DB};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::report::Summary;
use crate::InputArgs;

/// The store file.
#[derive(Args, Clone, Debug)]
pub struct DbArg {
    /// The store (SQLite file).
    #[arg(long, env = "DYAD_DB", default_value = DEFAULT_DB, value_name = "FILE")]
    db: PathBuf,
}

#[derive(Args)]
pub struct IngestArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    db: DbArg,
    /// Articles analysed in parallel and committed in one transaction.
    #[arg(long, default_value_t = 256)]
    batch_size: usize,
    /// Estimated word-shingle Jaccard similarity at which an article joins an
    /// earlier story (near-duplicate).
    #[arg(long, default_value_t = dyad::dedup::DEFAULT_THRESHOLD)]
    story_threshold: f32,
    /// Events only, as fast as `dyad code`: parse only the sentences that could hold
    /// an event, find actors only in articles with such a sentence, and store no
    /// entities, quotes or amounts.
    #[arg(long)]
    fast: bool,
}

pub fn ingest(args: &IngestArgs) -> anyhow::Result<ExitCode> {
    args.input.init_threads()?;
    anyhow::ensure!(
        (0.0..=1.0).contains(&args.story_threshold),
        "--story-threshold must be between 0 and 1"
    );
    let config = dyad::pipeline::Config {
        parse_only_candidates: args.fast.then_some(2),
        ..args.input.pipeline_config()
    };
    let pipeline = Pipeline::new(&config)?;
    for note in pipeline.notes() {
        eprintln!("dyad: note: {note}");
    }
    let mut store = Store::open(&args.db.db)?;
    let records = dyad::ingest::read_inputs(&args.input.inputs, &args.input.read_options());
    let options = IngestOptions {
        batch_size: args.batch_size,
        story_threshold: args.story_threshold,
    };
    let bar = if io::stderr().is_terminal() {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut summary = Summary::default();
    let started = std::time::Instant::now();
    let stats = store.ingest(&pipeline, records, &options, |p| match p {
        IngestProgress::Error(e) => bar.suspend(|| summary.skip(e)),
        IngestProgress::Committed(s) => bar.set_message(format!(
            "{} records, {} new, {} events",
            s.records, s.new, s.events
        )),
    })?;
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    eprintln!(
        "dyad: {} records into {}: {} new, {} updated, {} unchanged, {} duplicates (aliases), \
         {} joined an earlier story, {} unreadable; {} events; {:.2} MB/s",
        stats.records,
        args.db.db.display(),
        stats.new,
        stats.updated,
        stats.unchanged,
        stats.duplicates,
        stats.joined_story,
        stats.errors,
        stats.events,
        stats.bytes as f64 / secs / 1e6
    );
    let stored = stats.records - stats.errors;
    Ok(if stored > 0 || stats.errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Event filters shared by `query`, `dyads` and `export`.
#[derive(Args, Clone, Debug)]
pub struct FilterArgs {
    /// Actor code prefix on either side (`USA`, `IGOUNO`).
    #[arg(long)]
    actor: Option<String>,
    /// Source-target code prefixes (`USA-PRK`; `USA-` or `-PRK` for one side).
    #[arg(long)]
    dyad: Option<String>,
    /// With --dyad: also the reverse direction.
    #[arg(long)]
    both_directions: bool,
    /// CAMEO code prefix (`19` for the root, `190`, `0311`).
    #[arg(long)]
    code: Option<String>,
    /// CAMEO root (same as --code with two digits).
    #[arg(long, conflicts_with = "code")]
    root: Option<String>,
    /// QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict.
    #[arg(long)]
    quad_class: Option<u8>,
    /// First day (YYYY-MM-DD), inclusive.
    #[arg(long, value_parser = crate::parse_date)]
    from: Option<String>,
    /// Last day (YYYY-MM-DD), inclusive.
    #[arg(long, value_parser = crate::parse_date)]
    to: Option<String>,
    /// Full-text search over the sentences (SQLite FTS5 syntax: `missile AND test`).
    #[arg(long)]
    text: Option<String>,
    /// Also negated, hypothetical and one-sided events.
    #[arg(long)]
    include_flagged: bool,
    /// Most events.
    #[arg(long)]
    limit: Option<usize>,
}

impl FilterArgs {
    fn filter(&self) -> anyhow::Result<EventFilter> {
        if let Some(r) = &self.root {
            anyhow::ensure!(
                r.len() == 2 && r.bytes().all(|b| b.is_ascii_digit()),
                "--root `{r}`: expected two digits (01-20)"
            );
        }
        Ok(EventFilter {
            actor: self.actor.clone(),
            dyad: self.dyad.as_deref().map(parse_dyad).transpose()?,
            both_directions: self.both_directions,
            code: self.code.clone().or_else(|| self.root.clone()),
            quad_class: self.quad_class,
            from: self.from.clone(),
            to: self.to.clone(),
            text: self.text.clone(),
            include_flagged: self.include_flagged,
            limit: self.limit,
        })
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum TableFormat {
    Jsonl,
    Csv,
    Tsv,
    Table,
}

#[derive(Args)]
pub struct QueryArgs {
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    filter: FilterArgs,
    /// One row per mention (sentence) instead of per event.
    #[arg(long)]
    mentions: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: TableFormat,
}

fn open_output(path: Option<&PathBuf>) -> anyhow::Result<BufWriter<Box<dyn Write>>> {
    let out: Box<dyn Write> = match path {
        Some(p) => {
            Box::new(File::create(p).with_context(|| format!("cannot create {}", p.display()))?)
        }
        None => Box::new(io::stdout().lock()),
    };
    Ok(BufWriter::with_capacity(1 << 16, out))
}

/// Write `rows` as JSONL, CSV, TSV or an aligned table; a closed pipe is not an error.
fn write_rows<T: serde::Serialize>(
    out: &mut dyn Write,
    format: TableFormat,
    columns: &[&str],
    rows: &[T],
    to_row: impl Fn(&T) -> Vec<String>,
    table_columns: &[&str],
) -> io::Result<()> {
    match format {
        TableFormat::Jsonl => {
            for r in rows {
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string(r).map_err(io::Error::other)?
                )?;
            }
        }
        TableFormat::Csv | TableFormat::Tsv => {
            let line = |f: &[String]| match format {
                TableFormat::Csv => csv_line(f),
                _ => tsv_line(f),
            };
            let header: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
            writeln!(out, "{}", line(&header))?;
            for r in rows {
                writeln!(out, "{}", line(&to_row(r)))?;
            }
        }
        TableFormat::Table => {
            let pick: Vec<usize> = table_columns
                .iter()
                .filter_map(|c| columns.iter().position(|x| x == c))
                .collect();
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    let row = to_row(r);
                    pick.iter()
                        .map(|&i| {
                            let v = row[i].replace(['\n', '\t'], " ");
                            if v.chars().count() > 60 {
                                format!("{}…", v.chars().take(59).collect::<String>())
                            } else {
                                v
                            }
                        })
                        .collect()
                })
                .collect();
            let header: Vec<String> = pick.iter().map(|&i| columns[i].to_string()).collect();
            let widths: Vec<usize> = (0..pick.len())
                .map(|c| {
                    cells
                        .iter()
                        .map(|r| r[c].chars().count())
                        .chain([header[c].len()])
                        .max()
                        .unwrap_or(0)
                })
                .collect();
            for row in std::iter::once(&header).chain(&cells) {
                let line: Vec<String> = row
                    .iter()
                    .zip(&widths)
                    .map(|(v, w)| format!("{v:<w$}", w = *w))
                    .collect();
                writeln!(out, "{}", line.join("  ").trim_end())?;
            }
        }
    }
    Ok(())
}

fn finish(result: io::Result<()>, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    match result.and_then(|_| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e).context("cannot write output"),
        _ => Ok(ExitCode::SUCCESS),
    }
}

pub fn query(args: &QueryArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open_read_only(&args.db.db)?;
    let filter = args.filter.filter()?;
    let mut out = open_output(None)?;
    let result = if args.mentions {
        let rows = store.mentions(&filter)?;
        write_rows(
            &mut out,
            args.format,
            &Mention::COLUMNS,
            &rows,
            Mention::to_row,
            &[
                "day",
                "source_code",
                "target_code",
                "code",
                "doc_id",
                "sentence",
            ],
        )
    } else {
        let rows = store.events(&filter)?;
        write_rows(
            &mut out,
            args.format,
            &MergedEvent::COLUMNS,
            &rows,
            MergedEvent::to_row,
            &[
                "day",
                "source_code",
                "target_code",
                "code",
                "goldstein",
                "num_mentions",
                "num_articles",
                "num_sources",
                "sentence",
            ],
        )
    };
    finish(result, &mut out)
}

#[derive(Args)]
pub struct DyadsArgs {
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    filter: FilterArgs,
    /// Bucket size of the series: day, week, month or year.
    #[arg(long, default_value = "month", value_parser = parse_period)]
    by: Period,
    /// Without --dyad or --actor: how many of the most active dyads to list.
    #[arg(long, default_value_t = 20)]
    top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: TableFormat,
}

fn parse_period(s: &str) -> Result<Period, String> {
    Period::from_name(s).ok_or_else(|| format!("`{s}`: expected day, week, month or year"))
}

pub fn dyads(args: &DyadsArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open_read_only(&args.db.db)?;
    let filter = args.filter.filter()?;
    let mut out = open_output(None)?;
    let result = if filter.dyad.is_none() && filter.actor.is_none() {
        let top = store.top_dyads(&filter, args.top)?;
        let columns = [
            "source_code",
            "target_code",
            "events",
            "mentions",
            "mean_goldstein",
        ];
        write_rows(
            &mut out,
            args.format,
            &columns,
            &top,
            |d| {
                vec![
                    d.source_code.clone(),
                    d.target_code.clone(),
                    d.events.to_string(),
                    d.mentions.to_string(),
                    d.mean_goldstein
                        .map(|g| format!("{g:.2}"))
                        .unwrap_or_default(),
                ]
            },
            &columns,
        )
    } else {
        let series = store.series(&filter, args.by)?;
        write_rows(
            &mut out,
            args.format,
            &SeriesRow::COLUMNS,
            &series,
            SeriesRow::to_row,
            &SeriesRow::COLUMNS,
        )
    };
    finish(result, &mut out)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// GDELT 2.0 event table (61 tab-separated columns, no header).
    Gdelt,
    /// CSV with a header.
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// PLOVER JSON records, one per line.
    Plover,
    /// Apache Parquet.
    Parquet,
}

#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Write here instead of stdout (required for parquet).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// One row per mention instead of per event (csv, jsonl, parquet).
    #[arg(long)]
    mentions: bool,
}

pub fn export(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open_read_only(&args.db.db)?;
    let filter = args.filter.filter()?;
    anyhow::ensure!(
        !args.mentions || !matches!(args.format, ExportFormat::Gdelt | ExportFormat::Plover),
        "--mentions works with csv, jsonl and parquet; gdelt and plover rows are events"
    );
    if args.format == ExportFormat::Parquet {
        let path = args
            .output
            .as_ref()
            .context("--format parquet needs --output FILE")?;
        return export_parquet(&store, &filter, args.mentions, path);
    }
    let mut out = open_output(args.output.as_ref())?;
    if args.mentions {
        let rows = store.mentions(&filter)?;
        let result = write_rows(
            &mut out,
            if args.format == ExportFormat::Csv {
                TableFormat::Csv
            } else {
                TableFormat::Jsonl
            },
            &Mention::COLUMNS,
            &rows,
            Mention::to_row,
            &[],
        );
        return finish(result, &mut out);
    }
    if args.format == ExportFormat::Csv {
        writeln!(out, "{}", csv_line(&MergedEvent::COLUMNS))?;
    }
    let format = args.format;
    let result = store.for_each_event(&filter, |e| match format {
        ExportFormat::Gdelt => writeln!(out, "{}", tsv_line(&gdelt::row(&e))),
        ExportFormat::Csv => writeln!(out, "{}", csv_line(&e.to_row())),
        ExportFormat::Jsonl => writeln!(
            out,
            "{}",
            serde_json::to_string(&e).map_err(io::Error::other)?
        ),
        ExportFormat::Plover => writeln!(
            out,
            "{}",
            serde_json::to_string(&plover::record(&e)).map_err(io::Error::other)?
        ),
        ExportFormat::Parquet => unreachable!("handled above"),
    })?;
    finish(result, &mut out)
}

#[cfg(feature = "parquet")]
fn export_parquet(
    store: &Store,
    filter: &EventFilter,
    mentions: bool,
    path: &std::path::Path,
) -> anyhow::Result<ExitCode> {
    use dyad::export::parquet::ParquetWriter;
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let rows = if mentions {
        let mut w = ParquetWriter::<_, Mention>::new(file, "dyad_mention")?;
        for m in store.mentions(filter)? {
            w.write(&m)?;
        }
        w.finish()?
    } else {
        let mut w = ParquetWriter::<_, MergedEvent>::new(file, "dyad_event")?;
        store.for_each_event(filter, |e| w.write(&e))??;
        w.finish()?
    };
    eprintln!("dyad: {rows} rows written to {}", path.display());
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "parquet"))]
fn export_parquet(
    _: &Store,
    _: &EventFilter,
    _: bool,
    _: &std::path::Path,
) -> anyhow::Result<ExitCode> {
    anyhow::bail!("this dyad was built without the `parquet` feature")
}
