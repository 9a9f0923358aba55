//! Inventory bytes → decode → load → validate → evaluate with the default pack → JSON and human
//! reports. Any panic, hang or runaway allocation is a bug: hostile files must become findings.
//!
//! Input layout: up to eight files separated by 0xFF (a byte UTF-8 never uses), in the order of
//! `Kind::ALL` (unit.yaml first, then the seven sections).
#![no_main]

use std::sync::OnceLock;

use jianfu::outcome::UnitResult;
use jianfu::eval::evaluate;
use jianfu::finding::Lang;
use jianfu::inventory::unit::decode_text;
use jianfu::inventory::{Kind, LoadOptions, unit_from_texts};
use jianfu::load::Limits;
use jianfu::policy::{PolicySet, RuleSet, RuleSettings};
use jianfu::report::human::{HumanOptions, render_human};
use jianfu::report::json::render_json;
use libfuzzer_sys::fuzz_target;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        let set = PolicySet::builtin().expect("the default pack parses");
        set.compile(&RuleSettings::default())
            .expect("the default pack compiles")
    })
}

fuzz_target!(|data: &[u8]| {
    let rules = rules();
    let texts: Vec<(Kind, String)> = data
        .split(|b| *b == 0xFF)
        .zip(Kind::ALL)
        .map(|(bytes, kind)| {
            let text = match decode_text(bytes) {
                Ok(text) => text.to_owned(),
                Err(_) => String::from_utf8_lossy(bytes).into_owned(),
            };
            (kind, text)
        })
        .collect();
    let submit = rules.submit_rules();
    let options = LoadOptions {
        rules: &submit,
        limits: Limits::default(),
        divisions: &jianfu::inventory::codes::NATIONAL,
        tree: None,
    };
    let mut unit = unit_from_texts("fuzz", &texts, &options);
    let mut findings = std::mem::take(&mut unit.findings);
    findings.extend(evaluate(&unit, rules, Lang::Zh));
    jianfu::check::sort_findings(&mut findings);
    let results = [UnitResult { unit, findings }];
    let mut out = Vec::new();
    render_json(&results, Lang::En, &mut out).expect("JSON renders");
    let json: serde_json::Value = serde_json::from_slice(&out).expect("the JSON report parses");
    assert!(json["findings"].is_array());
    out.clear();
    let human = HumanOptions {
        lang: Lang::Zh,
        color: false,
        width: 80,
    };
    render_human(&results, &human, &mut out).expect("human report renders");
});
