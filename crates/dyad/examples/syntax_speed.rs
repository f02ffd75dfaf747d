//! Time each syntax stage on a CoNLL-U file's gold tokens (one core).
//! `cargo run --release -p dyad --example syntax_speed -- FILE`
use std::time::Instant;

fn main() {
    let Some(file) = std::env::args().nth(1) else {
        eprintln!("usage: syntax_speed FILE");
        return;
    };
    let t0 = Instant::now();
    let syntax = dyad::syntax::Syntax::builtin().expect("model");
    println!("load {:.2}s", t0.elapsed().as_secs_f64());
    let (sents, _) =
        dyad::syntax::train::read_treebank(std::path::Path::new(&file)).expect("treebank");
    let b = syntax.bundle();
    let forms: Vec<Vec<String>> = sents
        .iter()
        .map(|s| {
            s.words
                .iter()
                .map(|w| dyad::syntax::model_form(&w.form))
                .collect()
        })
        .collect();
    let words: usize = forms.iter().map(Vec::len).sum();
    let t = Instant::now();
    let first: Vec<Vec<String>> = forms
        .iter()
        .map(|f| {
            b.tagger
                .tag(f, None)
                .iter()
                .map(|&c| b.tagger.classes[c as usize].0.clone())
                .collect()
        })
        .collect();
    let t1 = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let tags: Vec<Vec<&str>> = forms
        .iter()
        .zip(&first)
        .map(|(f, l)| match &b.retagger {
            Some(retagger) => retagger
                .tag(f, Some(l))
                .iter()
                .map(|&c| b.tagger.classes[c as usize].0.as_str())
                .collect(),
            None => l.iter().map(String::as_str).collect(),
        })
        .collect();
    let t2 = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let items: Vec<_> = forms
        .iter()
        .zip(&tags)
        .map(|(f, tg)| {
            dyad::syntax::parser::items(
                &f.iter()
                    .map(|x| dyad::syntax::tagger::norm(x))
                    .collect::<Vec<_>>(),
                tg,
            )
        })
        .collect();
    let heads: Vec<Vec<usize>> = items.iter().map(|it| b.parser.parse(it)).collect();
    let t3 = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut n = 0;
    for ((it, h), f) in items.iter().zip(&heads).zip(&forms) {
        let w: Vec<String> = f.iter().map(|x| dyad::syntax::tagger::norm(x)).collect();
        n += b.labeler.label(it, &w, h).len();
    }
    let t4 = t.elapsed().as_secs_f64();
    let rate = |s: f64| words as f64 / s;
    println!("{words} words ({n} labelled)");
    println!(
        "tagger pass 1 {:.0} w/s, pass 2 {:.0} w/s, parser {:.0} w/s, labeller {:.0} w/s",
        rate(t1),
        rate(t2),
        rate(t3),
        rate(t4)
    );
    println!("all {:.0} w/s", rate(t1 + t2 + t3 + t4));
}
