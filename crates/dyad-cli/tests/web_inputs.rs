//! `dyad analyze` on web inputs: an HTML page, a feed and a WARC file in one run,
//! with a damaged WARC record reported as `path:record: why` and the rest read.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

#[test]
fn analyze_reads_pages_feeds_and_warc_files() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../dyad/test_data");
    let dir = tempfile::tempdir().unwrap();
    let page = std::fs::read(data.join("html/meta_dates.html")).unwrap();
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
    http.extend_from_slice(&page);
    let mut warc = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://post.example/tram\r\nWARC-Date: 2023-11-20T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    warc.extend_from_slice(&http);
    warc.extend_from_slice(
        b"\r\n\r\nWARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999\r\n\r\ncut short",
    );
    let warc_path = dir.path().join("crawl.warc");
    std::fs::write(&warc_path, warc).unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .arg("analyze")
        .arg(data.join("html/captions.html"))
        .arg(data.join("feed/blog.atom"))
        .arg(&warc_path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let records: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "captions",
            "urn:uuid:7f1c9a54-0000-4000-8000-000000000002",
            "urn:uuid:7f1c9a54-0000-4000-8000-000000000003",
            "crawl-1"
        ]
    );
    assert_eq!(
        records[0]["title"],
        "River museum reopens after flood repairs"
    );
    assert_eq!(records[0]["date"], "2021-06-02");
    assert_eq!(records[0]["lang"], "en");
    assert_eq!(
        records[3]["url"],
        "https://post.example/city/2023/council-approves-tram"
    );
    assert_eq!(records[3]["date"], "2023-11-19");
    assert!(
        stderr.contains(&format!("{}:2: truncated record", warc_path.display())),
        "{stderr}"
    );
    assert!(stderr.contains("4 articles read, 1 skipped"), "{stderr}");
}
