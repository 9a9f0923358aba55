//! Every writer on whatever an inventory holds: the unit (eight files separated by 0xFF, as in
//! the `inventory` target) is loaded and evaluated, then written in every report format — JSON
//! and SARIF (parsed back), JUnit, GitHub annotations (one command a line, whatever the text),
//! concise, human — and as a bulletin in Markdown and HTML. A unit the checker accepts whole
//! (no SUBMIT finding) and that the spreadsheet form can hold is converted to `.xlsx` and read
//! back: it must be the same unit. CSV cells are guarded against formulas and read back
//! unchanged.
#![no_main]

use std::sync::OnceLock;

use jianfu::bulletin::html::render_html;
use jianfu::bulletin::markdown::render_markdown;
use jianfu::bulletin::{BulletinOptions, build_bulletin};
use jianfu::outcome::UnitResult;
use jianfu::eval::evaluate;
use jianfu::finding::Lang;
use jianfu::inventory::emit::emit_yaml;
use jianfu::inventory::sheet::grid::{guard_formula, unguard_formula};
use jianfu::inventory::sheet::load_workbook_bytes;
use jianfu::inventory::sheet::write::{Out, Tables, write_xlsx};
use jianfu::inventory::unit::decode_text;
use jianfu::inventory::{Kind, LoadOptions, unit_from_texts};
use jianfu::load::Limits;
use jianfu::policy::{PolicySet, RuleSet, RuleSettings};
use jianfu::report::concise::ConciseReporter;
use jianfu::report::github::GithubReporter;
use jianfu::report::json::render_json;
use jianfu::report::junit::JunitReporter;
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
    let accepted = unit.findings.is_empty();
    let mut findings = std::mem::take(&mut unit.findings);
    findings.extend(evaluate(&unit, rules, Lang::Zh));
    jianfu::check::sort_findings(&mut findings);
    let results = [UnitResult { unit, findings }];

    let mut out = Vec::new();
    render_json(&results, Lang::Zh, &mut out).expect("JSON renders");
    serde_json::from_slice::<serde_json::Value>(&out).expect("the JSON report parses");
    out.clear();
    render_all(&results, &mut SarifReporter::new(rules, Lang::En, &mut out)).expect("SARIF renders");
    serde_json::from_slice::<serde_json::Value>(&out).expect("the SARIF log parses");
    out.clear();
    render_all(&results, &mut JunitReporter::new(Lang::Zh, None, &mut out)).expect("JUnit renders");
    let junit = String::from_utf8(out.clone()).expect("JUnit is UTF-8");
    assert!(junit.starts_with("<?xml"));
    out.clear();
    render_all(&results, &mut GithubReporter::new(Lang::Zh, &mut out)).expect("annotations render");
    let github = String::from_utf8(out.clone()).expect("annotations are UTF-8");
    // One workflow command a line: the text of a finding can never start a line of its own.
    for line in github.lines().filter(|l| !l.is_empty()) {
        assert!(
            line.starts_with("::error ")
                || line.starts_with("::warning ")
                || line.starts_with("::notice "),
            "a line that is not an annotation: {line:?}"
        );
    }
    out.clear();
    render_all(&results, &mut ConciseReporter::new(Lang::En, &mut out)).expect("concise renders");

    let bulletin = build_bulletin(
        &results,
        None,
        &BulletinOptions {
            lang: Lang::Zh,
            issuer: None,
            date: chrono::NaiveDate::from_ymd_opt(2025, 7, 15).expect("a date"),
            top: 5,
        },
    );
    out.clear();
    render_markdown(&bulletin, &mut out).expect("the Markdown bulletin renders");
    out.clear();
    render_html(&bulletin, &mut out).expect("the HTML bulletin renders");
    let html = String::from_utf8(out.clone()).expect("HTML is UTF-8");
    assert_eq!(html.matches("<script").count(), html.matches("</script>").count());

    let unit = &results[0].unit;
    let tables = Tables::from_unit(unit);
    for table in &tables.tables {
        for row in &table.rows {
            for cell in row {
                if let Out::Text(text) = cell {
                    assert_eq!(unguard_formula(&guard_formula(text)), text.as_str());
                }
            }
        }
    }
    if accepted && tables.losses.is_empty() && unit.unit_node().is_some() {
        let bytes = write_xlsx(&tables, 0).expect("the workbook is written");
        let back = load_workbook_bytes(bytes, "fuzz.xlsx", &options);
        for file in &unit.files {
            let Some(root) = file.root.as_ref() else {
                continue;
            };
            let again = back
                .file(file.kind)
                .and_then(|f| f.root.as_ref())
                .unwrap_or_else(|| panic!("{:?} is lost in the workbook", file.kind));
            assert_eq!(
                emit_yaml(file.kind, again),
                emit_yaml(file.kind, root),
                "{:?} changed in the workbook",
                file.kind
            );
        }
    }
});
