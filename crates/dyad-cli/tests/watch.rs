//! `dyad watch` against a local HTTP server serving feeds written for these tests:
//! conditional requests (ETag, Last-Modified), seen items never ingested twice, state
//! kept in the SQLite file across runs, file feeds, and failing feeds.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::Value;

fn feed(items: &[(&str, &str, &str)]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Local Wire</title>\n",
    );
    for (guid, title, text) in items {
        s.push_str(&format!(
            "<item><title>{title}</title><link>http://local.example/{guid}</link><guid>{guid}</guid>\
<pubDate>Tue, 05 Mar 2024 09:00:00 GMT</pubDate><description>{text}</description></item>\n"
        ));
    }
    s.push_str("</channel></rss>\n");
    s
}

#[derive(Default)]
struct Served {
    body: String,
    etag: String,
    last_modified: String,
    /// (path, If-None-Match, If-Modified-Since, status) of every request.
    log: Vec<(String, Option<String>, Option<String>, u16)>,
}

struct Server {
    port: u16,
    state: Arc<Mutex<Served>>,
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Server {
    fn start(body: String, etag: &str) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let state = Arc::new(Mutex::new(Served {
            body,
            etag: etag.to_string(),
            last_modified: "Tue, 05 Mar 2024 09:00:00 GMT".to_string(),
            log: Vec::new(),
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let (st, sp) = (state.clone(), stop.clone());
        let handle = std::thread::spawn(move || {
            // Bounded: the server stops when told to, or after a minute whatever happens.
            let deadline = Instant::now() + Duration::from_secs(60);
            while !sp.load(Ordering::SeqCst) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => serve(stream, &st),
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server {
            port,
            state,
            stop,
            handle: Some(handle),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn log(&self) -> Vec<(String, Option<String>, Option<String>, u16)> {
        self.state.lock().unwrap().log.clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn serve(stream: TcpStream, state: &Mutex<Served>) {
    stream.set_nonblocking(false).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_string();
    let (mut inm, mut ims) = (None, None);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            match k.trim().to_ascii_lowercase().as_str() {
                "if-none-match" => inm = Some(v.trim().to_string()),
                "if-modified-since" => ims = Some(v.trim().to_string()),
                _ => {}
            }
        }
    }
    let mut s = state.lock().unwrap();
    let (status, body, extra) = if path != "/world.rss" {
        (404, String::from("not here"), String::new())
    } else if inm.as_deref() == Some(s.etag.as_str()) {
        (304, String::new(), format!("ETag: {}\r\n", s.etag))
    } else {
        (
            200,
            s.body.clone(),
            format!(
                "ETag: {}\r\nLast-Modified: {}\r\nContent-Type: application/rss+xml; charset=utf-8\r\n",
                s.etag, s.last_modified
            ),
        )
    };
    s.log.push((path, inm, ims, status));
    drop(s);
    let reason = match status {
        200 => "OK",
        304 => "Not Modified",
        _ => "Not Found",
    };
    let mut out = stream;
    let _ = write!(
        out,
        "HTTP/1.1 {status} {reason}\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = out.flush();
}

fn watch(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .arg("watch")
        .args(args)
        .output()
        .expect("dyad runs")
}

fn ids(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("JSON line");
            v["id"].as_str().unwrap().to_string()
        })
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn polls_conditionally_and_never_ingests_an_item_twice() {
    let items = [
        (
            "w-1",
            "Talks resume",
            "Negotiators met again on Tuesday after a two-week pause in the talks.",
        ),
        (
            "w-2",
            "Bridge reopens",
            "The bridge reopened to traffic on Wednesday after repairs.",
        ),
    ];
    let server = Server::start(feed(&items), "\"v1\"");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("watch.db");
    let db = db.to_str().unwrap();
    let url = server.url("/world.rss");

    // First poll: both items, an unconditional request.
    let out = watch(&[&url, "--db", db, "--once"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(ids(&out), ["w-1", "w-2"]);
    let first: Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(first["title"], "Talks resume");
    assert_eq!(first["date"], "2024-03-05");
    assert_eq!(first["source"], "Local Wire");
    assert!(first["sentences"].as_array().is_some_and(|s| !s.is_empty()));

    // Second poll: the validators are sent, the server answers 304, nothing new.
    let out = watch(&[&url, "--db", db, "--once"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(ids(&out).is_empty());
    let log = server.log();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].1, None);
    assert_eq!(log[1].1.as_deref(), Some("\"v1\""));
    assert_eq!(log[1].2.as_deref(), Some("Tue, 05 Mar 2024 09:00:00 GMT"));
    assert_eq!(log[1].3, 304);

    // The feed changes: only the new item comes out, though all three are served.
    {
        let mut s = server.state.lock().unwrap();
        let mut more = items.to_vec();
        more.insert(
            0,
            (
                "w-3",
                "Strike called off",
                "The union called off the strike on Thursday evening.",
            ),
        );
        s.body = feed(&more);
        s.etag = "\"v2\"".to_string();
    }
    let out = watch(&[&url, "--db", db, "--once"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(ids(&out), ["w-3"]);
    assert_eq!(server.log()[2].3, 200);

    // Without the state file, everything is new again (state lasts for one process).
    let out = watch(&[&url, "--once"]);
    assert_eq!(ids(&out).len(), 3);
}

#[test]
fn output_file_is_appended_and_file_feeds_are_watched() {
    let dir = tempfile::tempdir().unwrap();
    let feed_path = dir.path().join("local.rss");
    std::fs::write(
        &feed_path,
        feed(&[(
            "f-1",
            "One",
            "The first item of a local feed file has some text.",
        )]),
    )
    .unwrap();
    let db = dir.path().join("state.sqlite");
    let out_path = dir.path().join("new.jsonl");
    let args = [
        feed_path.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--once",
        "-o",
        out_path.to_str().unwrap(),
    ];
    let out = watch(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::write(
        &feed_path,
        feed(&[
            (
                "f-2",
                "Two",
                "A second item arrives in the same local feed file.",
            ),
            (
                "f-1",
                "One",
                "The first item of a local feed file has some text.",
            ),
        ]),
    )
    .unwrap();
    let out = watch(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = std::fs::read_to_string(&out_path).unwrap();
    let ids: Vec<String> = written
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids, ["f-1", "f-2"]);
    assert!(Path::new(&db).is_file());
}

#[test]
fn failing_feeds_are_reported_and_the_others_still_polled() {
    let server = Server::start(
        feed(&[(
            "ok-1",
            "Fine",
            "This feed works and its item has a sentence of text.",
        )]),
        "\"e\"",
    );
    let out = watch(&[
        &server.url("/missing.rss"),
        &server.url("/world.rss"),
        "--once",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(ids(&out), ["ok-1"]);
    assert!(stderr(&out).contains("404"), "{}", stderr(&out));
    // Only failing feeds: exit code 1.
    let out = watch(&[&server.url("/missing.rss"), "--once"]);
    assert_eq!(out.status.code(), Some(1));
    // A bad interval is a usage error.
    let out = watch(&["x.rss", "--interval", "soon"]);
    assert_eq!(out.status.code(), Some(2));
}
