//! `dyad eval entities --json` on a tiny gold file written for this test.

use std::process::Command;

use serde_json::Value;

#[test]
fn eval_entities_prints_per_type_and_overall_scores_and_skips_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    // Character offsets: "Zoë" has a two-byte letter.
    let good = r#"{"id":"g1","text":"Zoë Brandt met Telmar Voss in Kerrowdale.","entities":[{"kind":"ENAMEX","type":"PERSON","start":0,"end":10,"text":"Zoë Brandt"},{"kind":"ENAMEX","type":"PERSON","start":15,"end":26,"text":"Telmar Voss"},{"kind":"ENAMEX","type":"LOCATION","start":30,"end":40,"text":"Kerrowdale"}]}"#;
    std::fs::write(&gold, format!("{good}\n{{broken\n")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["eval", "entities", "--json", "--gold"])
        .arg(&gold)
        .output()
        .expect("dyad runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("gold.jsonl:2"), "{stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    for t in ["PERSON", "ORGANIZATION", "LOCATION"] {
        for k in ["precision", "recall", "f1"] {
            assert!(v["per_type"][t][k].is_number(), "{t}.{k}: {v}");
        }
    }
    assert_eq!(v["per_type"]["PERSON"]["recall"], 1.0, "{v}");
    assert_eq!(v["per_type"]["LOCATION"]["recall"], 1.0, "{v}");
    assert_eq!(v["overall"]["f1"], 1.0, "{v}");
}
