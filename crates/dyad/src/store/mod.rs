//! The event store: analysed articles in one SQLite file.
//!
//! [`Store::ingest`] writes articles with their sentences, actors and events (and the
//! later layers), one transaction per batch, in WAL mode: a run killed at any moment
//! leaves whole articles or none, and a rerun skips what is stored. Articles are
//! identified by id and by a hash of their normalised text; near-duplicates (wire
//! copies) are grouped into stories with [`crate::dedup`]. Events with the same day,
//! source, target and code are one *event* (a stable `event_id`) with many mentions,
//! counted as `num_mentions`, `num_articles`, `num_sources` and `num_stories` when
//! queried ([`query`]).
//!
//! Sentences are stored as byte offsets into their article's text (the text is
//! stored once) and indexed for full-text search in a contentless FTS5 table whose
//! rowids are the sentence rows'.
//!
//! The schema is versioned (`PRAGMA user_version`) and upgraded by [`MIGRATIONS`] in
//! order when a store is opened; a store written by a newer Dyad is refused.

pub mod query;
mod write;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use write::{content_hash, IngestOptions, IngestProgress, IngestStats};

/// Where `dyad ingest`, `query`, `dyads` and `export` keep the store unless told
/// otherwise (`--db` or the `DYAD_DB` environment variable).
pub const DEFAULT_DB: &str = "dyad.sqlite";

/// `PRAGMA application_id` of a Dyad store ("DYAD").
const APPLICATION_ID: i32 = 0x4459_4144;

/// Schema migrations, applied in order: after migration `i` the schema version is
/// `i + 1`. Never edit a released migration; append a new one.
pub const MIGRATIONS: &[&str] = &[
    // 1: articles, their analysis, and the near-duplicate index.
    "CREATE TABLE articles (
         id INTEGER PRIMARY KEY,
         doc_id TEXT NOT NULL UNIQUE,
         content_hash TEXT NOT NULL,
         title TEXT,
         date TEXT,
         day TEXT,
         date_source TEXT,
         source TEXT,
         url TEXT,
         author TEXT,
         lang TEXT,
         origin_path TEXT,
         origin_line INTEGER,
         text TEXT NOT NULL,
         story_id INTEGER NOT NULL,
         story_similarity REAL,
         minhash BLOB NOT NULL,
         diagnostics TEXT,
         ingested_at TEXT NOT NULL
     );
     CREATE INDEX articles_hash ON articles(content_hash);
     CREATE INDEX articles_story ON articles(story_id);
     CREATE TABLE aliases (
         doc_id TEXT PRIMARY KEY,
         article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
     );
     CREATE TABLE sentences (
         id INTEGER PRIMARY KEY,
         article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
         idx INTEGER NOT NULL,
         start INTEGER NOT NULL,
         end INTEGER NOT NULL,
         UNIQUE (article_id, idx)
     );
     CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='', contentless_delete=1);
     CREATE TABLE actors (
         article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
         idx INTEGER NOT NULL,
         start INTEGER NOT NULL,
         end INTEGER NOT NULL,
         text TEXT NOT NULL,
         code TEXT NOT NULL,
         kind TEXT NOT NULL,
         via TEXT NOT NULL,
         rule TEXT NOT NULL,
         PRIMARY KEY (article_id, idx)
     ) WITHOUT ROWID;
     CREATE INDEX actors_code ON actors(code);
     CREATE TABLE events (
         id INTEGER PRIMARY KEY,
         article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
         idx INTEGER NOT NULL,
         event_id INTEGER NOT NULL,
         day TEXT,
         sentence_index INTEGER NOT NULL,
         source_text TEXT,
         source_code TEXT,
         source_start INTEGER,
         source_end INTEGER,
         target_text TEXT,
         target_code TEXT,
         target_start INTEGER,
         target_end INTEGER,
         trigger_start INTEGER NOT NULL,
         trigger_end INTEGER NOT NULL,
         code TEXT NOT NULL,
         root TEXT NOT NULL,
         quad_class INTEGER NOT NULL,
         goldstein REAL,
         plover_type TEXT,
         plover_mode TEXT,
         negated INTEGER NOT NULL,
         modality TEXT NOT NULL,
         rule TEXT NOT NULL,
         emitted INTEGER NOT NULL,
         UNIQUE (article_id, idx)
     );
     CREATE INDEX events_dyad ON events(source_code, target_code, day);
     CREATE INDEX events_target ON events(target_code, day);
     CREATE INDEX events_event ON events(event_id);
     CREATE INDEX events_code ON events(code);
     CREATE INDEX events_day ON events(day);
     CREATE TABLE dropped (
         article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
         idx INTEGER NOT NULL,
         line INTEGER,
         text TEXT NOT NULL,
         reason TEXT NOT NULL,
         PRIMARY KEY (article_id, idx)
     ) WITHOUT ROWID;
     CREATE TABLE lsh (
         key INTEGER NOT NULL,
         article_id INTEGER NOT NULL,
         PRIMARY KEY (key, article_id)
     ) WITHOUT ROWID;",
    // 2: the knowledge-graph layers (entities, quotes, amounts) and tone.
    "ALTER TABLE articles ADD COLUMN tone REAL;
     ALTER TABLE articles ADD COLUMN tone_words INTEGER;
     ALTER TABLE events ADD COLUMN tone REAL;
     CREATE TABLE entities (
         article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
         idx INTEGER NOT NULL,
         start INTEGER NOT NULL,
         end INTEGER NOT NULL,
         text TEXT NOT NULL,
         label TEXT NOT NULL,
         actor_code TEXT,
         PRIMARY KEY (article_id, idx)
     ) WITHOUT ROWID;
     CREATE INDEX entities_text ON entities(label, text);
     CREATE TABLE quotes (
         article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
         idx INTEGER NOT NULL,
         start INTEGER NOT NULL,
         end INTEGER NOT NULL,
         text TEXT NOT NULL,
         kind TEXT NOT NULL,
         speaker_text TEXT,
         speaker_name TEXT,
         speaker_code TEXT,
         speaker_start INTEGER,
         speaker_end INTEGER,
         verb TEXT,
         PRIMARY KEY (article_id, idx)
     ) WITHOUT ROWID;
     CREATE INDEX quotes_speaker ON quotes(speaker_name);
     CREATE TABLE amounts (
         article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
         idx INTEGER NOT NULL,
         start INTEGER NOT NULL,
         end INTEGER NOT NULL,
         text TEXT NOT NULL,
         value REAL NOT NULL,
         unit TEXT,
         object TEXT,
         qualifier TEXT,
         PRIMARY KEY (article_id, idx)
     ) WITHOUT ROWID;",
];

/// A sentence's text, from its article's text and byte offsets (`s` and `a` are the
/// sentence and article rows); sentences store offsets only.
pub(crate) const SENTENCE_TEXT: &str =
    "CAST(substr(CAST(a.text AS BLOB), s.start + 1, s.end - s.start) AS TEXT)";

/// Tables holding one article's analysis (deleted before it is rewritten). The `lsh`
/// band table is keyed by band for lookups; an article's bands are deleted by key.
const ARTICLE_TABLES: &[&str] = &[
    "sentences",
    "actors",
    "events",
    "dropped",
    "entities",
    "quotes",
    "amounts",
];

/// Why the store could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed.
    #[error("{path}: {source}")]
    Sqlite {
        /// The database file.
        path: String,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// The file is not a Dyad store, or one written by a newer version.
    #[error("{path}: {message}")]
    Schema {
        /// The database file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A query filter is invalid.
    #[error("{0}")]
    Filter(String),
}

/// An open event store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Open (creating if needed) the store at `path` and bring its schema up to date.
    /// The page cache is 64 MiB: band lookups and inserts touch random pages.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path).map_err(|e| sqlite(path, e))?;
        Store::init(conn, path)
    }

    /// Open an existing store for reading only; fails if `path` does not exist.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::Schema {
                path: path.display().to_string(),
                message: "no such store (create it with `dyad ingest`)".into(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| sqlite(path, e))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        let version = store.check_schema()?;
        if version != MIGRATIONS.len() {
            return Err(store.schema_error(format!(
                "schema version {version}, this dyad needs {}: open it once with `dyad ingest` to upgrade",
                MIGRATIONS.len()
            )));
        }
        Ok(store)
    }

    /// A store in memory (for tests and one-off runs).
    pub fn in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory().map_err(|e| sqlite(Path::new(":memory:"), e))?;
        Store::init(conn, Path::new(":memory:"))
    }

    fn init(conn: Connection, path: &Path) -> Result<Store, StoreError> {
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store
            .conn
            .execute_batch(
                "PRAGMA journal_mode = WAL;
                 PRAGMA synchronous = NORMAL;
                 PRAGMA foreign_keys = ON;
                 PRAGMA busy_timeout = 10000;
                 PRAGMA cache_size = -65536;",
            )
            .map_err(|e| store.err(e))?;
        store.migrate()?;
        Ok(store)
    }

    /// The schema version, after checking this is a Dyad store (or an empty file).
    fn check_schema(&self) -> Result<usize, StoreError> {
        let (version, app): (i64, i32) = self
            .conn
            .query_row(
                "SELECT (SELECT user_version FROM pragma_user_version),
                        (SELECT application_id FROM pragma_application_id)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.err(e))?;
        if version > 0 && app != APPLICATION_ID {
            return Err(self.schema_error("not a Dyad store (another SQLite database)".into()));
        }
        if version == 0 {
            let tables: i64 = self
                .conn
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE name = 'articles'",
                    [],
                    |r| r.get(0),
                )
                .map_err(|e| self.err(e))?;
            if tables > 0 {
                return Err(
                    self.schema_error("has an `articles` table but no Dyad schema version".into())
                );
            }
        }
        let version = version as usize;
        if version > MIGRATIONS.len() {
            return Err(self.schema_error(format!(
                "schema version {version} is newer than this dyad knows ({}); upgrade dyad",
                MIGRATIONS.len()
            )));
        }
        Ok(version)
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let version = self.check_schema()?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
            let tx = self.conn.transaction().map_err(|e| sqlite(&self.path, e))?;
            tx.execute_batch(sql)
                .and_then(|_| {
                    tx.execute_batch(&format!(
                        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {};",
                        i + 1
                    ))
                })
                .and_then(|_| tx.commit())
                .map_err(|e| sqlite(&self.path, e))?;
        }
        Ok(())
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<usize, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
            .map(|v| v as usize)
            .map_err(|e| self.err(e))
    }

    /// Number of rows in a store table (`articles`, `events`, ...).
    pub fn count(&self, table: &str) -> Result<u64, StoreError> {
        if !table.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(StoreError::Filter(format!("bad table name `{table}`")));
        }
        self.conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| n as u64)
            .map_err(|e| self.err(e))
    }

    /// The underlying connection, for queries this API does not cover.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        sqlite(&self.path, e)
    }

    fn schema_error(&self, message: String) -> StoreError {
        StoreError::Schema {
            path: self.path.display().to_string(),
            message,
        }
    }
}

fn sqlite(path: &Path, source: rusqlite::Error) -> StoreError {
    StoreError::Sqlite {
        path: path.display().to_string(),
        source,
    }
}

/// `YYYY-MM-DD` from a date that starts with one (`1987-02-26 15:01:01`), else `None`.
pub fn day_of(date: &str) -> Option<String> {
    let d = date.get(..10)?;
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10))
        .then(|| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_from_dates() {
        assert_eq!(day_of("1987-02-26 15:01:01").as_deref(), Some("1987-02-26"));
        assert_eq!(day_of("2024-01-05").as_deref(), Some("2024-01-05"));
        assert_eq!(day_of("5 Jan 2024"), None);
        assert_eq!(day_of("2024-1-5"), None);
        assert_eq!(day_of("20é4-01-05"), None);
    }

    #[test]
    fn schema_is_created_versioned_and_reopened() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite");
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len());
        drop(store);
        let store = Store::open(&path).unwrap();
        assert_eq!(store.count("articles").unwrap(), 0);
        assert!(Store::open_read_only(&path).is_ok());
    }

    #[test]
    fn an_older_schema_is_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.sqlite");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 1;"
        ))
        .unwrap();
        drop(conn);
        assert!(
            Store::open_read_only(&path).is_err(),
            "v1 must be upgraded first"
        );
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len());
        assert_eq!(store.count("quotes").unwrap(), 0);
    }

    #[test]
    fn newer_or_foreign_databases_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let newer = dir.path().join("newer.sqlite");
        drop(Store::open(&newer).unwrap());
        Connection::open(&newer)
            .unwrap()
            .execute_batch("PRAGMA user_version = 999")
            .unwrap();
        let e = Store::open(&newer).err().unwrap().to_string();
        assert!(e.contains("newer"), "{e}");

        let foreign = dir.path().join("foreign.sqlite");
        Connection::open(&foreign)
            .unwrap()
            .execute_batch("CREATE TABLE articles (x); PRAGMA user_version = 3;")
            .unwrap();
        let e = Store::open(&foreign).err().unwrap().to_string();
        assert!(e.contains("not a Dyad store"), "{e}");

        let garbage = dir.path().join("garbage.sqlite");
        std::fs::write(
            &garbage,
            b"this is not a database at all, just some bytes....",
        )
        .unwrap();
        assert!(Store::open(&garbage).is_err());
        assert!(Store::open_read_only(&dir.path().join("missing.sqlite")).is_err());
    }
}
