//! Syntax evaluation on the UD English EWT dev set in `../shared/data/ud/` (skipped
//! with a message when absent). Accuracy is printed, not asserted
//! (`cargo test -p dyad --test ud_syntax -- --nocapture`); the assertions check that
//! every gold word is scored in both modes and that scores are fractions.

use std::path::Path;

use dyad::eval::syntax::evaluate;
use dyad::syntax::Syntax;

#[test]
fn ewt_dev_scores_every_word() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ud/en_ewt-ud-dev.conllu.zst");
    if !path.is_file() {
        eprintln!("skipping: ../shared/data/ud not found");
        return;
    }
    let syntax = Syntax::builtin().expect("compiled-in model");
    for raw in [false, true] {
        let s = evaluate(&path, syntax, raw).expect("readable treebank");
        eprintln!("raw={raw}\n{s}");
        // EWT dev has no sentence whose words fail to align with its text.
        assert_eq!(
            (s.sentences, s.skipped_sentences, s.tokens),
            (2001, 0, 25_147)
        );
        for v in [s.xpos_acc, s.upos_acc, s.lemma_acc, s.uas, s.las] {
            assert!((0.0..=1.0).contains(&v));
        }
        assert_eq!(s.predicted_tokens.is_some(), raw);
    }
}
