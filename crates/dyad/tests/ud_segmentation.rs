//! Segmentation evaluation on the Universal Dependencies English treebanks in
//! `../shared/data/ud/` (next to the workspace, never in it). Skipped when absent.
//!
//! Only structural facts of the gold data are asserted, not accuracy: the scores
//! depend on the segmenter and are printed for the record
//! (`cargo test -p dyad --test ud_segmentation -- --nocapture`).

use std::path::{Path, PathBuf};

use dyad::eval::segmentation::{evaluate, mismatches, SegmentationScores};

/// `../shared/data/ud/<name>` from the workspace root, or `None` (with a note on
/// stderr) when it is not there.
fn ud_file(name: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ud")
        .join(name);
    match path.canonicalize() {
        Ok(path) if path.is_file() => Some(path),
        _ => {
            eprintln!("skipping: ../shared/data/ud not found");
            None
        }
    }
}

fn report(scores: &SegmentationScores) {
    eprintln!("{scores}");
    eprintln!("{}", serde_json::to_string(scores).unwrap());
}

/// Gold facts that do not depend on the segmenter. In EWT and GUM every multiword
/// token's words concatenate to its surface form, so the gold tokens are exactly the
/// syntactic words of the README (EWT dev: 25,147), and every form aligns with its
/// sentence text.
#[test]
fn ewt_dev_gold_structure() {
    let Some(path) = ud_file("en_ewt-ud-dev.conllu.zst") else {
        return;
    };
    let scores = evaluate(&path).unwrap();
    report(&scores);
    assert_eq!(scores.docs, 318);
    assert_eq!(scores.sentences.gold, 2001);
    assert_eq!(scores.sentence_boundaries.gold, 2001 - 318);
    assert_eq!(scores.tokens.gold, 25_147);
    assert_eq!(scores.alignment_failures, 0);
    for p in [
        &scores.sentences,
        &scores.sentence_boundaries,
        &scores.tokens,
    ] {
        assert!(p.correct <= p.gold.min(p.predicted));
        assert!((0.0..=1.0).contains(&p.f1));
    }

    let found = mismatches(&path, 5).unwrap();
    assert!(found.len() <= 10);
    for m in &found {
        eprintln!("{m}");
    }
}

#[test]
fn current_scores_ewt_test_and_gum_test() {
    for (name, docs, sentences, words) in [
        ("en_ewt-ud-test.conllu.zst", 316, 2077, 25_094),
        ("en_gum-ud-test.conllu.zst", 30, 1464, 28_397),
    ] {
        let Some(path) = ud_file(name) else {
            return;
        };
        let scores = evaluate(&path).unwrap();
        report(&scores);
        assert_eq!(scores.docs, docs);
        assert_eq!(scores.sentences.gold, sentences);
        assert_eq!(scores.tokens.gold, words);
        assert_eq!(scores.alignment_failures, 0);
    }
}
