//! Tagger-only training for quick experiments: the two-pass tagger exactly as
//! `dyad train syntax` builds it (jack-knifed first-pass tags, first pass on all data,
//! second pass), without the lemmatizer, parser and labeller, scored on a dev file.
//!
//! `cargo run --release -p dyad --example tagexp -- TRAIN DEV [SEED [ITERS [FOLDS [MEMBERS [ERRFILE]]]]]`
//!
//! Single-threaded, so that timings stay comparable. Prints the jack-knifed
//! first-pass accuracy on the training set (204k tokens for EWT: a steadier signal
//! than dev for first-pass changes), the first- and second-pass XPOS accuracy on DEV
//! and the most frequent confusions. ERRFILE receives DEV with every error marked
//! `[form/gold>predicted]`.
use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use dyad::syntax::tagger::{TaggedSentence, Tagger};
use dyad::syntax::train::{jack_knifed, read_treebank, tagged, train_tagger, TrainOptions};

fn load(path: &str) -> Vec<(TaggedSentence, Vec<String>)> {
    let (sents, _) = read_treebank(Path::new(path)).expect("treebank");
    sents
        .iter()
        .map(|s| (tagged(s), s.words.iter().map(|w| w.form.clone()).collect()))
        .collect()
}

fn names(t: &Tagger, classes: &[u16]) -> Vec<String> {
    classes
        .iter()
        .map(|&c| t.classes[c as usize].0.clone())
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: tagexp TRAIN DEV [SEED [ITERS [FOLDS [MEMBERS [ERRFILE]]]]]");
        return;
    }
    let arg = |i: usize, default: u64| args.get(i).map_or(default, |a| a.parse().expect("number"));
    let options = TrainOptions {
        seed: arg(3, 1),
        tagger_iterations: arg(4, 8) as usize,
        folds: arg(5, 4).max(2) as usize,
        tagger_members: arg(6, 5) as usize,
        ..TrainOptions::default()
    };
    let all: Vec<TaggedSentence> = load(&args[1]).iter().map(|(s, _)| s.clone()).collect();
    let dev = load(&args[2]);
    let started = Instant::now();
    let predicted = jack_knifed(&all, None, &options, |_| {});
    let (words, right) = all
        .iter()
        .zip(&predicted)
        .flat_map(|(s, p)| s.tags.iter().zip(p))
        .fold((0usize, 0usize), |(w, r), (g, p)| {
            (w + 1, r + usize::from(&g.0 == p))
        });
    println!(
        "jack-knifed first pass on TRAIN {:.3}",
        100.0 * right as f64 / words as f64
    );
    let tagger = train_tagger(&all, None, None, &options);
    let retagger = train_tagger(&all, Some(&predicted), None, &options);
    eprintln!("trained in {:.0}s", started.elapsed().as_secs_f64());
    let (mut words, mut right1, mut right2) = (0usize, 0usize, 0usize);
    let mut confusions: HashMap<(String, String), usize> = HashMap::new();
    let mut marked = String::new();
    for (s, raw) in &dev {
        let first = names(&tagger, &tagger.tag(&s.forms, None));
        let second = names(&tagger, &retagger.tag(&s.forms, Some(&first)));
        for (i, (gold, _)) in s.tags.iter().enumerate() {
            words += 1;
            right1 += usize::from(&first[i] == gold);
            right2 += usize::from(&second[i] == gold);
            if &second[i] == gold {
                marked.push_str(&raw[i]);
            } else {
                *confusions
                    .entry((gold.clone(), second[i].clone()))
                    .or_default() += 1;
                marked.push_str(&format!("[{}/{gold}>{}]", raw[i], second[i]));
            }
            marked.push(' ');
        }
        marked.push('\n');
    }
    let mut confusions: Vec<_> = confusions.into_iter().collect();
    confusions.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for ((gold, guess), k) in confusions.iter().take(12) {
        eprintln!("{k:5} {gold:5} -> {guess}");
    }
    if let Some(path) = args.get(7) {
        std::fs::write(path, marked).expect("error file");
    }
    println!(
        "seed {} iterations {} folds {} members {}: DEV first pass {:.2} second pass {:.2} ({} errors)",
        options.seed,
        options.tagger_iterations,
        options.folds,
        options.tagger_members,
        100.0 * right1 as f64 / words as f64,
        100.0 * right2 as f64 / words as f64,
        words - right2
    );
}
