//! The benchmark corpus generator (`examples/gen_corpus.rs`): its output is a pure function of
//! its settings, every file is well-formed, and each unit breaks exactly the rules it was made
//! to break — so benchmark figures are reproducible and measure the rules, not error paths.

mod common;

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use gen_corpus::{Corpus, RULES, write_corpus};

/// Every file under `root`, relative path → bytes, in a stable order.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(root).expect("under root");
                let bytes = std::fs::read(&path).expect("read file");
                files.insert(relative.to_string_lossy().into_owned(), bytes);
            }
        }
    }
    files
}

fn generate(units: usize, seed: u64, violations: u32) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = Corpus::new(units, seed, violations).expect("corpus");
    let summary = write_corpus(&corpus, dir.path()).expect("write corpus");
    assert_eq!(summary.units, units);
    assert_eq!(summary.files, units * 8, "eight files a unit");
    dir
}

#[test]
fn same_seed_gives_identical_bytes_and_another_seed_does_not() {
    let first = tree(generate(30, 7, 20).path());
    let again = tree(generate(30, 7, 20).path());
    assert_eq!(first.len(), 240);
    assert!(first == again, "two runs with seed 7 differ");
    let other = tree(generate(30, 8, 20).path());
    assert!(first != other, "seeds 7 and 8 gave the same corpus");
}

#[test]
fn units_are_five_to_fifteen_kilobytes_and_every_section_has_items() {
    let corpus = Corpus::new(200, 3, 10).expect("corpus");
    for index in 0..200 {
        let unit = corpus.unit(index);
        let bytes: usize = unit.files.iter().map(|(_, text)| text.len()).sum();
        assert!(
            (5_000..=15_000).contains(&bytes),
            "unit {index} is {bytes} bytes"
        );
        for (name, text) in &unit.files {
            assert!(
                text.contains("\n  - "),
                "{name} of unit {index} lists nothing"
            );
        }
    }
}

#[test]
fn violations_are_handed_out_over_every_rule_of_the_default_pack() {
    let output = common::jianfu(Path::new("."))
        .args(["rules", "--format", "json"])
        .output()
        .expect("run jianfu rules");
    let rules: serde_json::Value = serde_json::from_slice(&output.stdout).expect("rules JSON");
    let pack: BTreeSet<&str> = rules
        .as_array()
        .expect("rule list")
        .iter()
        // SUBMIT needs broken files, TREND a previous period and WAIVER a configuration: none
        // is a property of one unit's content.
        .filter(|r| !matches!(r["clearance"].as_str(), Some("submit" | "trend" | "config")))
        .filter_map(|r| r["id"].as_str())
        .collect();
    let generated: BTreeSet<&str> = RULES.iter().copied().collect();
    assert_eq!(generated, pack, "the generator must cover the pack's rules");

    // 10% of 1,000 units: 100 units, every rule broken five or six times.
    let corpus = Corpus::new(1_000, 1, 10).expect("corpus");
    let mut times: BTreeMap<&str, usize> = BTreeMap::new();
    let mut violating = 0;
    for index in 0..1_000 {
        let rules = corpus.rules_of(index);
        violating += usize::from(!rules.is_empty());
        for rule in rules {
            *times.entry(rule).or_default() += 1;
        }
    }
    assert_eq!(violating, 100);
    assert_eq!(times.len(), RULES.len());
    assert!(times.values().all(|&n| (5..=6).contains(&n)), "{times:?}");
}

#[test]
fn each_unit_gets_exactly_the_findings_it_was_made_to_break() {
    // Half the units violate: 60 units break 1–3 rules each, which covers every rule at least
    // twice, alone and in combination; the other 60 must be clean.
    let corpus = Corpus::new(120, 11, 50).expect("corpus");
    let dir = tempfile::tempdir().expect("temp dir");
    write_corpus(&corpus, dir.path()).expect("write corpus");
    let (report, code) = common::check_json(dir.path(), &["."]);
    assert_eq!(code, 1, "a corpus with violations fails the check");

    let mut found: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for finding in report["findings"].as_array().expect("findings") {
        let rule = finding["rule"].as_str().unwrap_or_default();
        assert!(!rule.starts_with("SUBMIT-"), "malformed corpus: {finding}");
        let unit = finding["unit"].as_str().unwrap_or_default().to_owned();
        found.entry(unit).or_default().insert(rule.to_owned());
    }
    let mut clean = 0;
    for index in 0..120 {
        let unit = corpus.unit(index);
        let name = unit.dir.file_name().expect("unit dir").to_string_lossy();
        let code = name.split('-').next().unwrap_or_default().to_owned();
        let expected: BTreeSet<String> = unit.rules.iter().map(|r| (*r).to_owned()).collect();
        let actual = found.remove(&code).unwrap_or_default();
        assert_eq!(actual, expected, "unit {index} ({name})");
        clean += usize::from(expected.is_empty());
    }
    assert_eq!(clean, 60);
    assert!(found.is_empty(), "findings on unknown units: {found:?}");
    assert_eq!(report["summary"]["units"], 120);
}

#[test]
fn every_generated_file_takes_the_fast_yaml_path_to_the_reference_tree() {
    // The benchmark must measure the loader users get: the corpus stays inside the fast path's
    // subset, and the fast path agrees with the full parser on every file of it.
    let corpus = Corpus::new(300, 5, 30).expect("corpus");
    let limits = jianfu::load::Limits::default();
    for index in 0..300 {
        for (name, text) in corpus.unit(index).files {
            let fast = jianfu::load::load_yaml_fast(&text, &limits)
                .unwrap_or_else(|| panic!("{name} of unit {index} left the fast path"));
            assert_eq!(
                Ok(fast),
                jianfu::load::load_yaml_events(&text, &limits),
                "{name} of unit {index}"
            );
        }
    }
}
