//! Print what the HTML extractor finds in a page: metadata, then every text block with
//! its class (`good`/`short`/`bad`), whether it is inside the chosen container (`C`)
//! and kept (`+`). A tuning aid: `cargo run --release --example extract -- page.html[.gz] [URL]`.

use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).ok_or("usage: extract PAGE.html[.gz] [URL]")?;
    let url = args.get(2).map(String::as_str);
    let raw = std::fs::read(path)?;
    let bytes = if raw.starts_with(&[0x1F, 0x8B]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..]).read_to_end(&mut out)?;
        out
    } else {
        raw
    };
    let (text, encoding, _) = dyad::ingest::html::charset::decode(&bytes, None);
    let extracted = dyad::ingest::html::extract(&text, url);
    println!("encoding: {}\n{:#?}", encoding.name(), extracted.meta);
    for b in dyad::ingest::html::trace(&text, url) {
        let mut t: String = b.text.chars().take(110).collect();
        t = t.replace('\n', " / ");
        println!(
            "{}{} {:<5} {:<4} {:>4}/{:<3} [{}] {}",
            if b.in_container { "C" } else { " " },
            if b.kept { "+" } else { " " },
            b.class,
            b.tag,
            b.words.0,
            b.words.1,
            b.class_id.chars().take(40).collect::<String>(),
            t
        );
    }
    Ok(())
}
