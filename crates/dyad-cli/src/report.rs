//! Messages on stderr and the closing summary line.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use dyad::ingest::{ErrorKind, IngestError};

/// Counts of what a run read, skipped and warned about.
#[derive(Debug, Default)]
pub struct Summary {
    /// Articles processed.
    pub articles: u64,
    /// Records skipped, by reason.
    pub skipped: BTreeMap<ErrorKind, u64>,
    /// Warnings printed (repaired input, ignored fields).
    pub warnings: u64,
    /// Lines dropped by the cleaner.
    pub dropped_lines: u64,
}

impl Summary {
    /// Report a skipped record on stderr and count it.
    pub fn skip(&mut self, e: &IngestError) {
        eprintln!("dyad: skipped {e}");
        *self.skipped.entry(e.kind).or_default() += 1;
    }

    /// Report an article's diagnostics on stderr and count the article.
    pub fn article(&mut self, diagnostics: &[String], dropped: usize) {
        self.articles += 1;
        self.dropped_lines += dropped as u64;
        for d in diagnostics {
            eprintln!("dyad: warning: {d}");
            self.warnings += 1;
        }
    }

    /// Total records skipped.
    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }

    /// The closing summary line.
    pub fn line(&self) -> String {
        let mut s = format!(
            "dyad: {} articles read, {} skipped",
            self.articles,
            self.skipped_total()
        );
        if !self.skipped.is_empty() {
            let parts: Vec<String> = self
                .skipped
                .iter()
                .map(|(k, n)| format!("{n} {}", k.as_str()))
                .collect();
            let _ = write!(s, " ({})", parts.join(", "));
        }
        let _ = write!(
            s,
            ", {} lines dropped by cleaning, {} warnings",
            self.dropped_lines, self.warnings
        );
        s
    }

    /// Exit code: success when anything was processed, or nothing at all was wrong.
    pub fn exit_code(&self) -> std::process::ExitCode {
        if self.articles > 0 || self.skipped_total() == 0 {
            std::process::ExitCode::SUCCESS
        } else {
            std::process::ExitCode::FAILURE
        }
    }
}
