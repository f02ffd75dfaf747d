//! WARC archives (generated here, record by record) and feed files
//! (`test_data/feed/`, written for these tests).

use std::io::Write;
use std::path::{Path, PathBuf};

use dyad::ingest::{feed, read_inputs, ErrorKind, ReadOptions, Record};

const ARTICLE: &str = "<html><head><title>Port strike ends | Ledger</title></head><body><article><h1>Port strike ends</h1>\
<p>Dockworkers returned to work on Thursday after the union accepted a revised offer on night-shift pay from the port authority.</p>\
<p>The three-day strike had halted container traffic and left dozens of ships waiting at anchor outside the harbour.</p></article></body></html>";

fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{:012}>\r\n\
WARC-Date: 2024-03-07T10:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http_response(headers: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
    r.extend_from_slice(body);
    r
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn read(path: &Path) -> Vec<Record> {
    read_inputs(&[path.to_path_buf()], &ReadOptions::default()).collect()
}

fn warcinfo() -> Vec<u8> {
    let info = b"software: dyad-tests\r\nformat: WARC File Format 1.1\r\n";
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: warcinfo\r\nWARC-Date: 2024-03-07T10:00:00Z\r\nContent-Type: application/warc-fields\r\nContent-Length: {}\r\n\r\n",
        info.len()
    )
    .into_bytes();
    r.extend_from_slice(info);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

#[test]
fn warc_gzip_members_one_per_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc.gz");
    let mut file = Vec::new();
    file.extend(gzip(&warcinfo()));
    file.extend(gzip(&warc_record(
        "request",
        "https://ledger.example/strike",
        "application/http; msgtype=request",
        b"GET /strike HTTP/1.1\r\nHost: ledger.example\r\n\r\n",
    )));
    file.extend(gzip(&warc_record(
        "response",
        "https://ledger.example/strike",
        "application/http; msgtype=response",
        &http_response(
            "Content-Type: text/html; charset=utf-8\r\n",
            ARTICLE.as_bytes(),
        ),
    )));
    // An image and a redirect are not articles.
    file.extend(gzip(&warc_record(
        "response",
        "https://ledger.example/logo.png",
        "application/http; msgtype=response",
        &http_response("Content-Type: image/png\r\n", b"\x89PNG...."),
    )));
    file.extend(gzip(&warc_record(
        "response",
        "https://ledger.example/old",
        "application/http; msgtype=response",
        b"HTTP/1.1 301 Moved Permanently\r\nLocation: /strike\r\n\r\n",
    )));
    std::fs::write(&path, file).unwrap();
    let records = read(&path);
    assert_eq!(records.len(), 1, "{records:?}");
    let a = records[0].as_ref().unwrap();
    assert_eq!(a.meta.id, "crawl-1");
    assert_eq!(a.meta.url.as_deref(), Some("https://ledger.example/strike"));
    assert_eq!(a.meta.title.as_deref(), Some("Port strike ends"));
    // No date in the page: the capture date stands in.
    assert_eq!(a.meta.date.as_deref(), Some("2024-03-07"));
    assert_eq!(a.meta.origin.line, Some(3), "third record");
    assert!(a.text.starts_with("Dockworkers returned"));
}

#[test]
fn warc_chunked_transfer_and_gzip_content_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chunked.warc");
    let compressed = gzip(ARTICLE.as_bytes());
    let mut chunked = Vec::new();
    for piece in compressed.chunks(100) {
        chunked.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        chunked.extend_from_slice(piece);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let block = http_response(
        "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
        &chunked,
    );
    std::fs::write(
        &path,
        warc_record(
            "response",
            "https://ledger.example/c",
            "application/http; msgtype=response",
            &block,
        ),
    )
    .unwrap();
    let records = read(&path);
    let a = records[0].as_ref().unwrap();
    assert!(a.text.contains("dozens of ships waiting"), "{}", a.text);
}

#[test]
fn warc_non_utf8_charset_from_http_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin.warc");
    let page = "<html><body><article><p>Le maire de Villeneuve a inauguré mercredi la nouvelle école, après deux années de travaux et de débats très animés au conseil.</p>\
<p>Les élèves y feront leur rentrée dès le mois de septembre, a précisé la directrice de l'établissement.</p></article></body></html>";
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(page);
    let block = http_response("Content-Type: text/html; charset=ISO-8859-1\r\n", &latin1);
    std::fs::write(
        &path,
        warc_record(
            "response",
            "https://journal.example/ecole",
            "application/http; msgtype=response",
            &block,
        ),
    )
    .unwrap();
    let records = read(&path);
    let a = records[0].as_ref().unwrap();
    assert!(
        a.text.contains("inauguré mercredi la nouvelle école"),
        "{}",
        a.text
    );
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
}

#[test]
fn warc_bad_and_truncated_records_are_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.warc");
    let good = warc_record(
        "response",
        "https://ledger.example/1",
        "application/http; msgtype=response",
        &http_response("Content-Type: text/html\r\n", ARTICLE.as_bytes()),
    );
    let mut file = Vec::new();
    file.extend_from_slice(&good);
    // A record without Content-Length: reported, then reading resumes at the next one.
    file.extend_from_slice(b"WARC/1.1\r\nWARC-Type: response\r\n\r\ngarbage body\r\n\r\n");
    file.extend_from_slice(&good);
    // A truncated record at the end of the file.
    let cut = &good[..good.len() - 200];
    file.extend_from_slice(cut);
    std::fs::write(&path, &file).unwrap();
    let records = read(&path);
    assert_eq!(records.len(), 4, "{records:?}");
    assert!(records[0].is_ok());
    let e = records[1].as_ref().unwrap_err();
    assert_eq!(e.kind, ErrorKind::Warc);
    assert_eq!(e.line, Some(2));
    assert!(e.message.contains("Content-Length"), "{e}");
    assert!(records[2].is_ok());
    let e = records[3].as_ref().unwrap_err();
    assert!(e.message.contains("truncated"), "{e}");
    assert!(
        e.to_string().starts_with(&format!("{}:4:", path.display())),
        "{e}"
    );

    // A truncated gzip member: earlier records survive, the damage is reported.
    let gz = dir.path().join("cut.warc.gz");
    let mut bytes = gzip(&good);
    let second = gzip(&good);
    bytes.extend_from_slice(&second[..second.len() / 2]);
    std::fs::write(&gz, bytes).unwrap();
    let records = read(&gz);
    assert_eq!(records.len(), 2, "{records:?}");
    assert!(records[0].is_ok());
    assert!(records[1].is_err());
}

#[test]
fn warc_without_pages_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("info.warc");
    std::fs::write(&path, warcinfo()).unwrap();
    let records = read(&path);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].as_ref().unwrap_err().kind, ErrorKind::Empty);
}

/// The shared constructed WARC of the Zyte pages, end to end, when present.
#[test]
fn shared_warc_end_to_end() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/html/warc/zyte-benchmark-181.constructed.warc.gz");
    if !path.is_file() {
        eprintln!("skipping: {} not found", path.display());
        return;
    }
    let records = read(&path);
    let ok = records.iter().filter(|r| r.is_ok()).count();
    assert!(ok >= 178, "{ok} of 181 pages read");
    let a = records.iter().find_map(|r| r.as_ref().ok()).unwrap();
    assert!(a.meta.url.as_deref().unwrap().starts_with("http"));
    assert!(a.meta.date.is_some());
}

fn feed_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test_data/feed")
        .join(name)
}

#[test]
fn rss_items_become_articles() {
    let records = read(&feed_fixture("world.rss"));
    assert_eq!(records.len(), 3);
    let a = records[0].as_ref().unwrap();
    assert_eq!(a.meta.id, "meridian-1001");
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Ceasefire holds in border districts")
    );
    assert_eq!(a.meta.date.as_deref(), Some("2024-03-05"));
    assert_eq!(a.meta.source.as_deref(), Some("Meridian Wire: World"));
    assert_eq!(
        a.meta.url.as_deref(),
        Some("https://meridian.example/world/ceasefire-holds")
    );
    // Full content wins over the summary; caption and share link are dropped.
    assert!(a.text.starts_with("A ceasefire between"), "{}", a.text);
    assert!(a.text.contains("Red Crescent"));
    assert!(!a.text.contains("Residents return"));
    assert!(!a.text.contains("Share this story"));
    assert!(!a.text.contains("short summary"));
    let b = records[1].as_ref().unwrap();
    assert!(b.text.starts_with("Trade ministers from eleven countries"));
    let e = records[2].as_ref().unwrap_err();
    assert_eq!(e.kind, ErrorKind::MissingText);
    assert_eq!(e.line, Some(3));
}

#[test]
fn atom_entries_become_articles() {
    let records = read(&feed_fixture("blog.atom"));
    assert_eq!(records.len(), 2);
    let a = records[0].as_ref().unwrap();
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Budget vote & the opposition")
    );
    assert_eq!(
        a.meta.date.as_deref(),
        Some("2024-02-19"),
        "published beats updated"
    );
    assert_eq!(
        a.meta.url.as_deref(),
        Some("https://parliament-watch.example/budget-vote")
    );
    assert_eq!(
        a.text,
        "The opposition walked out of the chamber before the budget vote on Monday, accusing the coalition of rushing the bill.\n\nThe budget passed with 88 votes in favour and none against."
    );
    let b = records[1].as_ref().unwrap();
    assert_eq!(
        b.meta.date.as_deref(),
        Some("2024-02-18"),
        "updated when unpublished"
    );
    assert!(b.text.starts_with("The defence committee"));
}

#[test]
fn json_feed_is_sniffed_in_a_json_file() {
    let records = read(&feed_fixture("items.json"));
    assert_eq!(records.len(), 2, "{records:?}");
    let a = records[0].as_ref().unwrap();
    assert_eq!(a.meta.id, "hn-17");
    assert_eq!(a.meta.date.as_deref(), Some("2024-03-07"));
    assert!(a.text.starts_with("The dockworkers' union called off"));
    let b = records[1].as_ref().unwrap();
    assert!(b.text.contains("winter timetable"), "{}", b.text);
}

#[test]
fn rss_in_an_xml_file_is_sniffed() {
    let records = read(&feed_fixture("regional.xml"));
    assert_eq!(records.len(), 1);
    let a = records[0].as_ref().unwrap();
    assert_eq!(
        a.text,
        "The Kessel bridge reopened to traffic on Wednesday after a two-month repair."
    );
}

#[test]
fn broken_feeds_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.rss");
    std::fs::write(&path, "<rss><channel><item><title>unclosed").unwrap();
    let records = read(&path);
    assert_eq!(records.len(), 1);
    assert!(records[0].is_err());
    let parsed = feed::parse(b"not a feed", "x.rss", "x");
    assert_eq!(parsed.unwrap_err().kind, ErrorKind::Feed);
}
