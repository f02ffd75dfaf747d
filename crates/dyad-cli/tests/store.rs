//! `dyad ingest`, `query`, `dyads` and `export` end to end, including a run killed
//! with SIGKILL in the middle of ingesting and then restarted.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};
use serde_json::Value;

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn run(args: &[&str]) -> Output {
    let out = dyad().args(args).output().expect("dyad runs");
    assert!(
        out.status.success(),
        "dyad {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

const COUNTRIES: [&str; 8] = [
    "France", "Germany", "Japan", "China", "India", "Brazil", "Kenya", "Egypt",
];

/// `n` short invented wire stories, each with a coded event, a date and a source.
fn corpus(dir: &Path, n: usize) -> PathBuf {
    let mut lines = String::new();
    for i in 0..n {
        let a = COUNTRIES[i % COUNTRIES.len()];
        let b = COUNTRIES[(i / COUNTRIES.len() + i + 1) % COUNTRIES.len()];
        let b = if a == b { "Canada" } else { b };
        let text = match i % 3 {
            0 => format!(
                "{a} accused {b} on Monday of violating its airspace, officials said. \
                 The incident lasted {} minutes, the ministry said.",
                i + 2
            ),
            1 => format!(
                "{a} imposed sanctions on {b} over its nuclear programme. The measures \
                 cover {} companies and several banks.",
                i + 3
            ),
            _ => format!(
                "{a}'s foreign minister visited {b} for talks on trade. It was the \
                 {}th meeting of the joint commission.",
                i + 4
            ),
        };
        let record = serde_json::json!({
            "id": format!("art-{i}"),
            "date": format!("2024-03-{:02}", i % 28 + 1),
            "source": format!("Outlet {}", i % 5),
            "text": text,
        });
        lines.push_str(&record.to_string());
        lines.push('\n');
    }
    let path = dir.join("corpus.jsonl");
    std::fs::write(&path, lines).unwrap();
    path
}

fn articles(db: &Path) -> i64 {
    let Ok(conn) = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return 0;
    };
    conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .unwrap_or(0)
}

/// Per article: id, sentences, actors, events, story; sorted.
fn contents(db: &Path) -> Vec<(String, i64, i64, i64)> {
    let conn = Connection::open(db).unwrap();
    let mut st = conn
        .prepare(
            "SELECT a.doc_id,
                    (SELECT count(*) FROM sentences s WHERE s.article_id = a.id),
                    (SELECT count(*) FROM actors x WHERE x.article_id = a.id),
                    (SELECT count(*) FROM events e WHERE e.article_id = a.id)
             FROM articles a ORDER BY a.doc_id",
        )
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_killed_ingest_leaves_whole_articles_and_a_rerun_completes_it() {
    let dir = tempfile::tempdir().unwrap();
    let n = 400;
    let input = corpus(dir.path(), n);
    let db = dir.path().join("killed.sqlite");
    let ingest = |db: &Path| {
        let mut c = dyad();
        c.args([
            "ingest",
            "--threads",
            "1",
            "--batch-size",
            "4",
            "--db",
            s(db),
            s(&input),
        ]);
        c
    };
    // Kill three times at different points (a few milliseconds after a commit, so
    // the kill lands in analysis or in the middle of the next batch's writes), then
    // let a last run finish.
    for (stop_at, delay_ms) in [(8, 0), (60, 3), (120, 7)] {
        let mut child = ingest(&db).spawn().unwrap();
        let start = Instant::now();
        while articles(&db) < stop_at && start.elapsed() < Duration::from_secs(120) {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().ok(); // SIGKILL on Unix
        child.wait().unwrap();
        let stored = articles(&db);
        eprintln!("killed with {stored} of {n} articles stored");
        assert!(
            stored < n as i64,
            "the run was killed before it finished ({stored} of {n} stored)"
        );
    }
    let out = run(&["ingest", "--db", s(&db), s(&input)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unchanged"), "{err}");

    let clean = dir.path().join("clean.sqlite");
    run(&["ingest", "--db", s(&clean), s(&input)]);
    let (killed, reference) = (contents(&db), contents(&clean));
    assert_eq!(killed.len(), n);
    assert_eq!(killed, reference, "same articles with the same analysis");
    assert!(killed.iter().all(|(_, sentences, _, _)| *sentences > 0));
    assert!(killed.iter().map(|k| k.3).sum::<i64>() > n as i64 / 2);
    // Nothing is stored twice.
    let conn = Connection::open(&db).unwrap();
    let dup: i64 = conn
        .query_row(
            "SELECT count(*) FROM (SELECT article_id, idx FROM events GROUP BY 1, 2 HAVING count(*) > 1)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(dup, 0);
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn query_dyads_and_every_export_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path(), 48);
    let db = dir.path().join("q.sqlite");
    run(&["ingest", "--db", s(&db), s(&input)]);
    let dbs = s(&db);

    // Query: JSONL events for one dyad, both directions.
    let out = run(&[
        "query",
        "--db",
        dbs,
        "--dyad",
        "FRA-DEU",
        "--both-directions",
        "--format",
        "jsonl",
    ]);
    let events: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!events.is_empty());
    for e in &events {
        let (src, tgt) = (
            e["source_code"].as_str().unwrap(),
            e["target_code"].as_str().unwrap(),
        );
        assert!(
            (src.starts_with("FRA") && tgt.starts_with("DEU"))
                || (src.starts_with("DEU") && tgt.starts_with("FRA")),
            "{e}"
        );
        assert!(e["num_mentions"].as_u64().unwrap() >= 1);
        assert!(e["event_id"].as_i64().unwrap() > 0);
    }
    // Query filters: root, QuadClass, dates, text, CSV output with a header.
    let out = run(&[
        "query",
        "--db",
        dbs,
        "--root",
        "16",
        "--from",
        "2024-03-02",
        "--to",
        "2024-03-10",
        "--format",
        "csv",
    ]);
    let csv = stdout(&out);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header[0], "event_id");
    let (code, day) = (
        header.iter().position(|c| *c == "code").unwrap(),
        header.iter().position(|c| *c == "day").unwrap(),
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert!(!rows.is_empty());
    for r in &rows {
        assert!(r[code].starts_with("16"));
        assert!(("2024-03-02"..="2024-03-10").contains(&r[day]));
    }
    let out = run(&[
        "query",
        "--db",
        dbs,
        "--text",
        "airspace",
        "--quad-class",
        "3",
        "--mentions",
        "--format",
        "jsonl",
    ]);
    for l in stdout(&out).lines() {
        let m: Value = serde_json::from_str(l).unwrap();
        assert!(m["sentence"].as_str().unwrap().contains("airspace"));
        assert_eq!(m["quad_class"], 3);
    }
    // A bad filter is a clear error, exit 2.
    let bad = dyad()
        .args(["query", "--db", dbs, "--actor", "US*"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let missing = dyad()
        .args(["query", "--db", s(&dir.path().join("none.sqlite"))])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such store"));

    // Dyads: a weekly series, and the top dyads.
    let out = run(&[
        "dyads", "--db", dbs, "--actor", "FRA", "--by", "week", "--format", "jsonl",
    ]);
    let series: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!series.is_empty());
    for w in &series {
        assert_eq!(
            w["events"].as_u64().unwrap(),
            w["cooperation"].as_u64().unwrap() + w["conflict"].as_u64().unwrap()
        );
    }
    let out = run(&["dyads", "--db", dbs, "--top", "3", "--format", "csv"]);
    assert_eq!(stdout(&out).lines().count(), 4);

    // GDELT: 61 columns in GDELT's order, one row per event.
    let all = run(&["query", "--db", dbs, "--format", "jsonl"]);
    let all: Vec<Value> = stdout(&all)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let out = run(&["export", "--db", dbs, "--format", "gdelt"]);
    let gdelt = stdout(&out);
    assert_eq!(gdelt.lines().count(), all.len());
    for (line, e) in gdelt.lines().zip(&all) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 61);
        assert_eq!(f[0], e["event_id"].to_string());
        assert_eq!(f[1], e["day"].as_str().unwrap().replace('-', ""));
        assert_eq!(f[5], e["source_code"].as_str().unwrap());
        assert_eq!(f[15], e["target_code"].as_str().unwrap());
        assert_eq!(f[26], e["code"].as_str().unwrap());
        assert_eq!(f[28], e["root"].as_str().unwrap());
        assert_eq!(f[29], e["quad_class"].to_string());
        assert_eq!(f[31], e["num_mentions"].to_string());
        assert_eq!(f[32], e["num_sources"].to_string());
        assert_eq!(f[33], e["num_articles"].to_string());
        assert_eq!(f[59].len(), 14, "DATEADDED");
        assert!(
            f[35..59].iter().all(|g| g.is_empty()),
            "no invented geography"
        );
    }
    // CSV and JSONL exports agree with the query.
    let out = run(&["export", "--db", dbs, "--format", "csv"]);
    assert_eq!(stdout(&out).lines().count(), all.len() + 1);
    let out = run(&["export", "--db", dbs, "--format", "jsonl"]);
    let exported: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(exported, all);
    // PLOVER JSON.
    let out = run(&["export", "--db", dbs, "--format", "plover"]);
    for (l, e) in stdout(&out).lines().zip(&all) {
        let p: Value = serde_json::from_str(l).unwrap();
        assert_eq!(p["cameo"], e["code"]);
        assert_eq!(p["source"][0]["code"], e["source_code"]);
        assert_eq!(
            p["event"].as_str().map(str::to_lowercase).as_deref(),
            e["plover_type"].as_str()
        );
    }
    // Parquet, read back with the parquet crate.
    let pq = dir.path().join("events.parquet");
    run(&["export", "--db", dbs, "--format", "parquet", "-o", s(&pq)]);
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::RowAccessor;
    let reader = SerializedFileReader::new(std::fs::File::open(&pq).unwrap()).unwrap();
    let schema = reader.metadata().file_metadata().schema_descr();
    let names: Vec<&str> = schema.columns().iter().map(|c| c.name()).collect();
    assert_eq!(names[..3], ["event_id", "day", "source_code"]);
    let rows: Vec<_> = reader
        .get_row_iter(None)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), all.len());
    for (r, e) in rows.iter().zip(&all) {
        assert_eq!(r.get_long(0).unwrap(), e["event_id"].as_i64().unwrap());
        assert_eq!(r.get_string(6).unwrap(), e["code"].as_str().unwrap());
        assert_eq!(
            r.get_long(12).unwrap() as u64,
            e["num_mentions"].as_u64().unwrap()
        );
    }
    // Mentions as Parquet too; gdelt rows are events only.
    let pm = dir.path().join("mentions.parquet");
    run(&[
        "export",
        "--db",
        dbs,
        "--format",
        "parquet",
        "--mentions",
        "-o",
        s(&pm),
    ]);
    let reader = SerializedFileReader::new(std::fs::File::open(&pm).unwrap()).unwrap();
    let mentions: u64 = all
        .iter()
        .map(|e| e["num_mentions"].as_u64().unwrap())
        .sum();
    assert_eq!(
        reader.metadata().file_metadata().num_rows() as u64,
        mentions
    );
    let refused = dyad()
        .args(["export", "--db", dbs, "--format", "gdelt", "--mentions"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
}
