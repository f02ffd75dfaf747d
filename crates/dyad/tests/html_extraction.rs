//! HTML main-content extraction on small pages written for these tests
//! (`test_data/html/`): one page per feature.

use std::path::{Path, PathBuf};

use dyad::ingest::html::{self, Extracted};
use dyad::ingest::{read_inputs, InputFormat, ReadOptions};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test_data/html")
        .join(name)
}

fn extract(name: &str, url: Option<&str>) -> Extracted {
    let bytes = std::fs::read(fixture(name)).unwrap();
    let (text, _, _) = html::charset::decode(&bytes, None);
    html::extract(&text, url)
}

#[test]
fn json_ld_gives_metadata_and_evidence_for_the_body() {
    let e = extract("jsonld.html", Some("https://ledger.example/harbour"));
    assert_eq!(
        e.meta.title.as_deref(),
        Some("Harbour talks resume in Port Elmet")
    );
    assert_eq!(e.meta.date.as_deref(), Some("2024-03-05"));
    assert_eq!(e.meta.author.as_deref(), Some("Mira Castell, Oren Vale"));
    assert_eq!(e.meta.lang.as_deref(), Some("en"));
    assert_eq!(e.meta.site_name.as_deref(), Some("The Coastal Ledger"));
    let body = e.body();
    assert_eq!(e.paragraphs.len(), 4, "{body}");
    assert!(body.starts_with("Negotiators from the dockworkers'"));
    assert!(body.ends_with("millions in lost trade."));
    // The promo box and the unrelated paragraph are not in the JSON-LD body.
    assert!(!body.contains("weekend edition"));
    assert!(!body.contains("lighthouse"));
    // The headline is metadata, not body.
    assert!(!body.contains("Harbour talks resume"));
}

#[test]
fn meta_tags_give_title_date_author_and_canonical_url() {
    let e = extract(
        "meta_dates.html",
        Some("https://post.example/city/2023/council-approves-tram?utm=x"),
    );
    assert_eq!(
        e.meta.title.as_deref(),
        Some("Council approves new tram line")
    );
    assert_eq!(e.meta.date.as_deref(), Some("2023-11-19"));
    assert_eq!(e.meta.author.as_deref(), Some("Petra Linde"));
    assert_eq!(
        e.meta.url.as_deref(),
        Some("https://post.example/city/2023/council-approves-tram")
    );
    let body = e.body();
    assert!(body.contains("Construction timetable"), "{body}");
    assert!(body.contains("first trams running by the end of 2027"));
    for junk in ["By Petra Linde", "Copyright", "Sport", "Weather"] {
        assert!(!body.contains(junk), "{junk} in {body}");
    }
}

#[test]
fn comment_sections_are_removed() {
    let e = extract("comments.html", None);
    let body = e.body();
    assert_eq!(e.meta.date.as_deref(), Some("2022-08-14"));
    assert!(body.contains("relief package on Sunday"));
    assert!(body.contains("sold part of their herds at a loss."));
    assert!(!body.contains("far too late"), "{body}");
    assert!(!body.contains("comments"), "{body}");
}

#[test]
fn captions_are_removed() {
    let e = extract("captions.html", None);
    let body = e.body();
    assert_eq!(e.meta.date.as_deref(), Some("2021-06-02"));
    assert_eq!(e.paragraphs.len(), 3, "{body}");
    assert!(!body.contains("Visitors queue"));
    assert!(!body.contains("restored main hall"));
}

#[test]
fn pagination_related_links_and_banners_are_ignored() {
    let e = extract("pagination.html", None);
    let body = e.body();
    assert_eq!(e.meta.date.as_deref(), Some("2020-02-09"));
    assert_eq!(e.paragraphs.len(), 3, "{body}");
    for junk in [
        "Next page",
        "Page 1 of 3",
        "coalition talks",
        "cookies",
        "morning briefing",
    ] {
        assert!(!body.contains(junk), "{junk} in {body}");
    }
}

#[test]
fn legacy_charsets_are_decoded() {
    let mut page =
        b"<html><head><meta charset=\"windows-1251\"><title>T</title></head><body><p>".to_vec();
    // "Правительство объявило о новых мерах поддержки для фермеров в северных областях."
    let (encoded, _, _) = encoding_rs::WINDOWS_1251.encode(
        "Правительство объявило о новых мерах поддержки для фермеров в северных областях страны.",
    );
    page.extend_from_slice(&encoded);
    page.extend_from_slice(b"</p></body></html>");
    let (text, enc, bad) = html::charset::decode(&page, None);
    assert_eq!(enc.name(), "windows-1251");
    assert!(!bad);
    let e = html::extract(&text, None);
    assert!(
        e.body().starts_with("Правительство объявило"),
        "{}",
        e.body()
    );
}

#[test]
fn pages_are_read_by_extension_and_content() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("saved-page");
    std::fs::copy(fixture("captions.html"), &saved).unwrap();
    let options = ReadOptions::default();
    let inputs = vec![fixture("meta_dates.html"), saved];
    let articles: Vec<_> = read_inputs(&inputs, &options).collect();
    assert_eq!(articles.len(), 2);
    let a = articles[0].as_ref().unwrap();
    assert_eq!(a.meta.id, "meta_dates");
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Council approves new tram line")
    );
    assert_eq!(a.meta.date.as_deref(), Some("2023-11-19"));
    assert_eq!(a.meta.source.as_deref(), Some("Valdren Evening Post"));
    let b = articles[1].as_ref().unwrap();
    assert_eq!(
        b.meta.title.as_deref(),
        Some("River museum reopens after flood repairs")
    );
    assert!(
        b.text.contains("\n\n"),
        "paragraphs are separated by blank lines"
    );
    assert_eq!(
        InputFormat::from_name("html"),
        Some(InputFormat::Html),
        "--input-format html"
    );
}

#[test]
fn a_page_without_an_article_is_reported_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("nav-only.html");
    std::fs::write(
        &empty,
        "<html><body><nav><a href=/>Home</a> <a href=/a>About</a></nav></body></html>",
    )
    .unwrap();
    let inputs = vec![empty, fixture("comments.html")];
    let records: Vec<_> = read_inputs(&inputs, &ReadOptions::default()).collect();
    assert_eq!(records.len(), 2);
    let err = records[0].as_ref().unwrap_err();
    assert!(err.to_string().contains("nav-only.html"), "{err}");
    assert!(records[1].is_ok());
}

#[test]
fn garbage_never_panics() {
    for input in [
        "",
        "<",
        "<html><body><p>",
        "<script>while(1){}</script>",
        "<div><div><div><p>deep</div>",
        "\u{0}\u{1}<p>binary-ish</p>",
        "<table><tr><td><p>cells</table>",
        "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"articleBody\": ",
    ] {
        let _ = html::extract(input, Some("not a url"));
        let _ = html::fragment_text(input);
    }
    // Very deep nesting.
    let deep = "<div>".repeat(20_000) + "text" + &"</div>".repeat(20_000);
    let _ = html::extract(&deep, None);
}

/// The shared Zyte benchmark, when present: Dyad must match the best shipped baseline.
#[test]
fn zyte_benchmark_f1_at_least_the_best_baseline() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/html/zyte-article-extraction-benchmark");
    if !dir.join("ground-truth.json").is_file() {
        eprintln!("skipping: {} not found", dir.display());
        return;
    }
    let report = dyad::eval::extraction::evaluate_body(&dir).unwrap();
    let best = report
        .baselines
        .values()
        .map(|p| p.f1)
        .fold(0.0f64, f64::max);
    assert!(
        report.dyad.f1 >= best,
        "dyad F1 {:.4} < best baseline {:.4}",
        report.dyad.f1,
        best
    );
}
