//! Print the most frequent tagging confusions of a model on a CoNLL-U file.
//! `cargo run --release -p dyad --example tag_errors -- MODEL FILE`
use std::collections::HashMap;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(model), Some(file)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: tag_errors MODEL FILE");
        return;
    };
    let syntax = dyad::syntax::Syntax::load(&std::fs::read(model).expect("model")).expect("model");
    let (sents, _) =
        dyad::syntax::train::read_treebank(std::path::Path::new(file)).expect("treebank");
    let mut conf: HashMap<(String, String), (usize, Vec<String>)> = HashMap::new();
    for s in &sents {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        for (w, a) in s.words.iter().zip(syntax.analyse(&forms)) {
            if w.xpos != a.tag {
                let e = conf.entry((w.xpos.clone(), a.tag.to_string())).or_default();
                e.0 += 1;
                if e.1.len() < 8 {
                    e.1.push(w.form.clone());
                }
            }
        }
    }
    let mut v: Vec<_> = conf.into_iter().collect();
    v.sort_by_key(|e| std::cmp::Reverse(e.1 .0));
    for ((g, p), (n, ex)) in v.iter().take(25) {
        println!("{n:5} gold {g:5} pred {p:5} {}", ex.join(" "));
    }
}
