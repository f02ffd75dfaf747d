//! `dyad analyze` end to end: formats, compression, folders, stdin, bad input,
//! summary line, exit codes and output order.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn run(args: &[&str]) -> Output {
    dyad().args(args).output().expect("dyad runs")
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/samples")
        .join(name)
}

#[test]
fn bundled_jsonl_sample_keeps_metadata_and_offsets() {
    let out = run(&["analyze", path_str(&sample("articles.jsonl"))]);
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 3);
    let first = &recs[0];
    assert_eq!(first["id"], "sample-1");
    assert_eq!(first["date"], "2024-05-14");
    assert_eq!(first["date_source"], "record");
    assert_eq!(first["origin"]["line"], 1);
    let text = first["text"].as_str().unwrap();
    for s in first["sentences"].as_array().unwrap() {
        let (a, b) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[a..b], s["text"].as_str().unwrap());
    }
    assert!(
        stderr(&out).contains("3 articles read, 0 skipped"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn tokens_flag_adds_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "a.txt", "They didn't agree.".as_bytes());
    let out = run(&["analyze", "--tokens", path_str(&f)]);
    let recs = records(&out);
    let toks: Vec<&str> = recs[0]["sentences"][0]["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["text"].as_str().unwrap())
        .collect();
    assert_eq!(toks, ["They", "did", "n't", "agree", "."]);
    let agree = &recs[0]["sentences"][0]["tokens"][3];
    assert_eq!(agree["lemma"], "agree");
    assert_eq!(agree["head"], Value::Null);
    assert_eq!(agree["deprel"], "root");
    let they = &recs[0]["sentences"][0]["tokens"][0];
    assert_eq!(
        (they["head"].as_u64(), they["deprel"].as_str()),
        (Some(3), Some("nsubj"))
    );
}

#[test]
fn compressed_jsonl_is_read_transparently() {
    let dir = tempfile::tempdir().unwrap();
    let line = b"{\"id\":\"z1\",\"text\":\"Arnor protested.\"}\n";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(line).unwrap();
    let gz_path = write(dir.path(), "a.jsonl.gz", &gz.finish().unwrap());
    let zst_path = write(
        dir.path(),
        "b.jsonl.zst",
        &zstd::encode_all(&line[..], 3).unwrap(),
    );
    let out = run(&["analyze", path_str(&gz_path), path_str(&zst_path)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ids: Vec<Value> = records(&out).iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, ["z1", "z1"]);
}

#[test]
fn truncated_compressed_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = zstd::encode_all(
        &b"{\"text\":\"A long enough text. Another one follows here.\"}\n".repeat(200)[..],
        3,
    )
    .unwrap();
    data.truncate(data.len() / 2);
    let p = write(dir.path(), "cut.jsonl.zst", &data);
    let out = run(&["analyze", path_str(&p)]);
    assert!(stderr(&out).contains("cut.jsonl.zst"), "{}", stderr(&out));
    assert!(stderr(&out).contains("decompress"), "{}", stderr(&out));
}

#[test]
fn bad_jsonl_lines_are_reported_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let content = concat!(
        "{\"id\":\"a\",\"text\":\"First.\"}\n",
        "{\"id\":\"b\",\"text\":\"unterminated\n",
        "[1,2,3]\n",
        "{\"id\":\"d\",\"title\":\"no text\"}\n",
        "\n",
        "{\"id\":\"e\",\"text\":\"Last.\",\"title\":[\"odd\"],\"extra\":1,\"author\":\"A. Writer\",\"lang\":\"en\"}\n",
    );
    let p = write(dir.path(), "mixed.jsonl", content.as_bytes());
    let out = run(&["analyze", path_str(&p)]);
    assert!(out.status.success());
    let recs = records(&out);
    let ids: Vec<Value> = recs.iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, ["a", "e"]);
    assert_eq!(
        (recs[1]["author"].as_str(), recs[1]["lang"].as_str()),
        (Some("A. Writer"), Some("en"))
    );
    let err = stderr(&out);
    assert!(err.contains("mixed.jsonl:2: malformed JSON"), "{err}");
    assert!(err.contains("mixed.jsonl:3: not a JSON object"), "{err}");
    assert!(
        err.contains("mixed.jsonl:4: record has no `text` field"),
        "{err}"
    );
    assert!(
        err.contains("mixed.jsonl:6: field `title` is a array"),
        "{err}"
    );
    assert!(
        err.contains("2 articles read, 3 skipped (2 malformed_json, 1 missing_text)"),
        "{err}"
    );
}

#[test]
fn invalid_utf8_is_repaired_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "latin1.txt",
        b"Paragraph one.\n\nCaf\xe9 owners protested.\n",
    );
    let j = write(
        dir.path(),
        "bad.jsonl",
        b"{\"id\":\"x\",\"text\":\"Caf\xe9 closed.\"}\n",
    );
    let out = run(&["analyze", path_str(&p), path_str(&j)]);
    assert!(out.status.success());
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert!(recs[0]["text"]
        .as_str()
        .unwrap()
        .contains("Caf\u{FFFD} owners"));
    let err = stderr(&out);
    assert!(err.contains("latin1.txt:3: invalid UTF-8"), "{err}");
    assert!(err.contains("bad.jsonl:1: invalid UTF-8"), "{err}");
}

#[test]
fn empty_and_binary_files_are_skipped_with_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.txt", b"");
    let blank = write(dir.path(), "blank.jsonl", b"\n\n");
    let binary = write(
        dir.path(),
        "image.txt",
        &[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2, 3],
    );
    let out = run(&[
        "analyze",
        path_str(&empty),
        path_str(&blank),
        path_str(&binary),
    ]);
    assert_eq!(out.status.code(), Some(1), "nothing processed must fail");
    let err = stderr(&out);
    assert!(err.contains("empty.txt: empty file"), "{err}");
    assert!(err.contains("blank.jsonl: empty file"), "{err}");
    assert!(err.contains("image.txt: binary data"), "{err}");
    assert!(err.contains("0 articles read, 3 skipped"), "{err}");
}

#[test]
fn huge_lines_are_processed_or_reported_by_limit() {
    let dir = tempfile::tempdir().unwrap();
    let body = "The council met again. ".repeat(10 * 1024 * 1024 / 23);
    let mut content = format!("{{\"id\":\"big\",\"text\":\"{body}\"}}\n");
    content.push_str("{\"id\":\"small\",\"text\":\"After.\"}\n");
    let p = write(dir.path(), "big.jsonl", content.as_bytes());
    let out = run(&["analyze", "--no-syntax", path_str(&p)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert!(recs[0]["sentences"].as_array().unwrap().len() > 100_000);

    let out = run(&[
        "analyze",
        "--no-syntax",
        "--max-record-bytes",
        "1000000",
        path_str(&p),
    ]);
    assert!(out.status.success());
    let ids: Vec<Value> = records(&out).iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, ["small"]);
    assert!(
        stderr(&out).contains("big.jsonl:1: line of"),
        "{}",
        stderr(&out)
    );

    let text = write(dir.path(), "one-line.txt", body.as_bytes());
    let out = run(&["analyze", "--no-syntax", path_str(&text)]);
    assert!(out.status.success());
    assert_eq!(records(&out).len(), 1);
}

#[test]
fn folders_are_walked_and_stdin_is_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    write(dir.path(), "a.txt", b"Alpha text.");
    write(
        &dir.path().join("sub"),
        "b.jsonl",
        b"{\"id\":\"b1\",\"text\":\"Beta text.\"}\n",
    );
    write(dir.path(), ".hidden.txt", b"Hidden.");
    let out = run(&["analyze", path_str(dir.path())]);
    let ids: Vec<Value> = records(&out).iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, ["a", "b1"]);

    let mut child = dyad()
        .args(["analyze", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"text\":\"From stdin.\"}\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let recs = records(&out);
    assert_eq!(recs[0]["id"], "stdin-L1");
    assert_eq!(recs[0]["origin"]["path"], "-");
}

#[test]
fn missing_input_and_bad_flags() {
    let out = run(&["analyze", "/no/such/file.jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("/no/such/file.jsonl: no such file or folder"));
    let out = run(&["analyze", "--date", "2023-02-30", "x"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["analyze", "--input-format", "pdf", "x"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn default_date_applies_only_when_nothing_else_does() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "d.jsonl",
        b"{\"id\":\"r\",\"date\":\"2020-01-01\",\"text\":\"On Tuesday, talks went on.\"}\n{\"id\":\"n\",\"text\":\"On Tuesday, talks went on.\"}\n",
    );
    let out = run(&["analyze", "--date", "2021-06-30", path_str(&p)]);
    let recs = records(&out);
    assert_eq!(
        (recs[0]["date"].as_str(), recs[0]["date_source"].as_str()),
        (Some("2020-01-01"), Some("record"))
    );
    assert_eq!(
        (recs[1]["date"].as_str(), recs[1]["date_source"].as_str()),
        (Some("2021-06-30"), Some("default"))
    );
}

#[test]
fn output_keeps_input_order_with_threads_and_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let content: String = (0..2000)
        .map(|i| {
            format!(
                "{{\"id\":\"n{i}\",\"text\":\"{}\"}}\n",
                "Words and more words. ".repeat(i % 37 + 1)
            )
        })
        .collect();
    let p = write(dir.path(), "many.jsonl", content.as_bytes());
    let o = dir.path().join("out.jsonl");
    let out = run(&[
        "analyze",
        "--threads",
        "2",
        "-o",
        path_str(&o),
        path_str(&p),
    ]);
    assert!(out.status.success());
    let lines = std::fs::read_to_string(&o).unwrap();
    let ids: Vec<String> = lines
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let expected: Vec<String> = (0..2000).map(|i| format!("n{i}")).collect();
    assert_eq!(ids, expected);
}

#[test]
fn gkg_format_has_27_columns_with_people_quotes_amounts_and_tone() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Kenya accused Somalia on Friday of sheltering militants who killed 12 \
        soldiers near the border town of Mandera. \"We will defend our people,\" Defence \
        Minister Aden Duale told reporters in Nairobi, adding that the African Union had \
        been informed.";
    let record =
        serde_json::json!({"id": "g1", "date": "2024-05-03", "source": "Wire A", "text": text});
    let input = write(dir.path(), "g.jsonl", format!("{record}\n").as_bytes());
    let out = run(&["analyze", "--format", "gkg", path_str(&input)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = stdout.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 1);
    let f = &rows[0];
    assert_eq!(f.len(), 27);
    assert_eq!((f[0], f[1], f[3]), ("g1", "20240503000000", "Wire A"));
    assert!(f[11].contains("Aden Duale"), "persons: {}", f[11]);
    assert!(
        f[12].split(';').any(|m| m.starts_with("Aden Duale,")),
        "{}",
        f[12]
    );
    assert!(f[13].contains("African Union"), "organisations: {}", f[13]);
    assert!(f[9].contains("#Nairobi#"), "locations: {}", f[9]);
    let tone: Vec<&str> = f[15].split(',').collect();
    assert_eq!(tone.len(), 7);
    assert!(tone[0].parse::<f64>().unwrap() < 0.0);
    let quote: Vec<&str> = f[22].split('|').collect();
    assert_eq!(quote.len(), 5, "{}", f[22]);
    assert_eq!(quote[2], "told");
    assert_eq!(quote[3], "We will defend our people");
    assert!(quote[4].contains("Duale"));
    let offset: usize = quote[0].parse().unwrap();
    assert_eq!(&text[offset..offset + 25], "We will defend our people");
    assert!(
        f[24].starts_with("12,") && f[24].contains("soldiers"),
        "amounts: {}",
        f[24]
    );
}
