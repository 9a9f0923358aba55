//! Workbook bytes → the `.xlsx` reader (zip, shared strings, sheets, cells) → the unit's
//! synthetic text → validation → evaluation with the default pack → JSON, SARIF and human
//! reports. Any panic, hang or runaway allocation is a bug: a damaged or hostile workbook must
//! become findings, the way a clerk's upload to the check desk would.
#![no_main]

use std::sync::OnceLock;

use jianfu::outcome::UnitResult;
use jianfu::eval::evaluate;
use jianfu::finding::Lang;
use jianfu::inventory::LoadOptions;
use jianfu::inventory::sheet::load_workbook_bytes;
use jianfu::load::Limits;
use jianfu::policy::{PolicySet, RuleSet, RuleSettings};
use jianfu::report::human::{HumanOptions, render_human};
use jianfu::report::json::render_json;
use jianfu::report::render_all;
use jianfu::report::sarif::SarifReporter;
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
    let submit = rules.submit_rules();
    let options = LoadOptions {
        rules: &submit,
        limits: Limits::default(),
        divisions: &jianfu::inventory::codes::NATIONAL,
        tree: None,
    };
    let mut unit = load_workbook_bytes(data.to_vec(), "fuzz.xlsx", &options);
    let mut findings = std::mem::take(&mut unit.findings);
    findings.extend(evaluate(&unit, rules, Lang::Zh));
    jianfu::check::sort_findings(&mut findings);
    let results = [UnitResult { unit, findings }];
    // Every finding of a workbook has a place a clerk can find: a cell, or the workbook.
    for finding in &results[0].findings {
        let _ = finding.cell();
        let region = finding.region();
        assert!(region.start.line >= 1 && region.start.column >= 1);
    }
    let mut out = Vec::new();
    render_json(&results, Lang::En, &mut out).expect("JSON renders");
    let json: serde_json::Value = serde_json::from_slice(&out).expect("the JSON report parses");
    assert!(json["findings"].is_array());
    out.clear();
    render_all(&results, &mut SarifReporter::new(rules, Lang::Zh, &mut out)).expect("SARIF renders");
    let sarif: serde_json::Value = serde_json::from_slice(&out).expect("the SARIF log parses");
    assert_eq!(sarif["version"], "2.1.0");
    out.clear();
    let human = HumanOptions {
        lang: Lang::Zh,
        color: false,
        width: 80,
    };
    render_human(&results, &human, &mut out).expect("human report renders");
});
