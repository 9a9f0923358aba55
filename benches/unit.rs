//! Micro-benchmarks of one unit's way through the checker: the YAML loader (fast path and the
//! full event parser), loading and validating a unit, evaluating the default pack on it, and
//! compiling the pack itself (paid once per run).
//!
//! ```text
//! cargo bench --bench unit
//! ```
//!
//! The unit is the first one of `gen_corpus --seed 1 --violations 100`: a realistic 7 KB unit
//! that breaks a rule, so evaluation builds findings too. Whole-process figures are in
//! `BENCHMARKS.md` (`scripts/bench.sh`).

use std::hint::black_box;

use jianfu::eval::evaluate;
use jianfu::inventory::{Kind, LoadOptions, LoadedUnit, load_unit, unit_from_texts};
use jianfu::load::{Limits, load_yaml, load_yaml_events};
use jianfu::policy::{PolicySet, RuleSet, RuleSettings};

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

fn main() {
    divan::main();
}

/// The unit's eight files as (kind, text).
fn unit_texts() -> Vec<(Kind, String)> {
    let corpus = gen_corpus::Corpus::new(1, 1, 100).expect("corpus");
    corpus
        .unit(0)
        .files
        .into_iter()
        .filter_map(|(name, text)| {
            Kind::ALL
                .into_iter()
                .find(|k| k.file_name() == name)
                .map(|kind| (kind, text))
        })
        .collect()
}

fn default_rules() -> RuleSet {
    PolicySet::builtin()
        .and_then(|set| set.compile(&RuleSettings::default()))
        .expect("the default pack compiles")
}

fn reports_text() -> String {
    unit_texts()
        .into_iter()
        .find(|(kind, _)| *kind == Kind::Reports)
        .map(|(_, text)| text)
        .unwrap_or_default()
}

/// `load_yaml`: the fast path the checker takes for ordinary files.
#[divan::bench]
fn yaml_fast_path(bencher: divan::Bencher) {
    let text = reports_text();
    let limits = Limits::default();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| load_yaml(black_box(&text), &limits));
}

/// `load_yaml_events`: granit-parser's events, the reference and the fallback.
#[divan::bench]
fn yaml_event_parser(bencher: divan::Bencher) {
    let text = reports_text();
    let limits = Limits::default();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| load_yaml_events(black_box(&text), &limits));
}

/// Parse and validate all eight files of a unit held in memory.
#[divan::bench]
fn load_unit_in_memory(bencher: divan::Bencher) {
    let texts = unit_texts();
    let rules = default_rules();
    let submit = rules.submit_rules();
    let options = LoadOptions {
        rules: &submit,
        limits: Limits::default(),
        divisions: &jianfu::inventory::codes::NATIONAL,
        tree: None,
    };
    bencher.bench(|| unit_from_texts("unit", black_box(&texts), &options));
}

/// The same from disk: read, decode, parse and validate.
#[divan::bench]
fn load_unit_from_disk(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().expect("temp dir");
    for (kind, text) in unit_texts() {
        std::fs::write(dir.path().join(kind.file_name()), text).expect("write");
    }
    let rules = default_rules();
    let submit = rules.submit_rules();
    let options = LoadOptions {
        rules: &submit,
        limits: Limits::default(),
        divisions: &jianfu::inventory::codes::NATIONAL,
        tree: None,
    };
    bencher.bench(|| load_unit(black_box(dir.path()), "unit", &options));
}

/// Every rule of the default pack on one loaded unit.
#[divan::bench]
fn evaluate_unit(bencher: divan::Bencher) {
    let rules = default_rules();
    let submit = rules.submit_rules();
    let options = LoadOptions {
        rules: &submit,
        limits: Limits::default(),
        divisions: &jianfu::inventory::codes::NATIONAL,
        tree: None,
    };
    let unit: LoadedUnit = unit_from_texts("unit", &unit_texts(), &options);
    bencher.bench(|| {
        let mut findings = Vec::new();
        evaluate(black_box(&unit), &rules, &mut findings);
        findings
    });
}

/// Parse the embedded pack and compile it with the default parameters (once per run).
#[divan::bench]
fn compile_default_pack() -> RuleSet {
    default_rules()
}
