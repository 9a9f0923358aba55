//! The example league: every default rule fires somewhere and only where it should (the full
//! list of findings is a snapshot, reviewed against examples/EXPECTED.md), and the clean units
//! stay clean.

mod common;

use std::path::Path;

fn example_report() -> serde_json::Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (report, code) = common::check_json(
        root,
        &["examples/xingan", "--previous", "examples/xingan-2025-Q1"],
    );
    assert_eq!(code, 1, "the example league has errors");
    report
}

#[test]
fn every_default_rule_fires_on_the_example_league() {
    let report = example_report();
    let output = common::jianfu(Path::new("."))
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rules: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let fired: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    // SUBMIT-001 and SUBMIT-005 need broken files, and SUBMIT-006 a division newer than the
    // code table (the example league has only real codes), SUBMIT-007 a configuration inside a
    // unit, SUBMIT-008 two units under one code: tests/submit.rs and tests/silent.rs build those.
    let needs_broken_files = [
        "SUBMIT-001",
        "SUBMIT-005",
        "SUBMIT-006",
        "SUBMIT-007",
        "SUBMIT-008",
    ];
    for rule in rules.as_array().unwrap() {
        let id = rule["id"].as_str().unwrap();
        if !needs_broken_files.contains(&id) {
            assert!(
                fired.contains(&id),
                "{id} does not fire on the example league"
            );
        }
    }
}

#[test]
fn clean_units_stay_clean() {
    let report = example_report();
    // 13 units: 11 in YAML, 152223103205 as an .xlsx workbook, 152221100006 as CSV files.
    assert_eq!(report["summary"]["units"], 13);
    assert_eq!(report["summary"]["units_clean"], 4);
    for clean in [
        "152201003003",
        "152223103204",
        "152223104202",
        "152221100006",
    ] {
        let hits: Vec<_> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["unit"] == clean)
            .collect();
        assert!(hits.is_empty(), "{clean} should be clean: {hits:?}");
    }
}

#[test]
fn example_findings_snapshot() {
    let report = example_report();
    let lines: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let file = f["file"]
                .as_str()
                .unwrap()
                .trim_start_matches("examples/xingan/2025-Q2/");
            let waived = if f["waived"].is_null() {
                ""
            } else {
                " (waived)"
            };
            let cell = match (f["sheet"].as_str(), f["cell"].as_str()) {
                (Some(sheet), Some(cell)) => format!(" @{sheet}!{cell}"),
                _ => String::new(),
            };
            format!(
                "{} {}:{}:{}{cell} {} {}{waived}",
                f["rule"].as_str().unwrap(),
                file,
                f["line"],
                f["column"],
                f["path"].as_str().unwrap(),
                f["imposer"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    insta::assert_snapshot!(lines.join("\n"));
}

/// The first finding of `rule` in a file whose path ends with `file_ends`.
fn finding_on<'a>(
    report: &'a serde_json::Value,
    rule: &str,
    file_ends: &str,
) -> &'a serde_json::Value {
    report["findings"]
        .as_array()
        .and_then(|all| {
            all.iter().find(|f| {
                f["rule"] == rule && f["file"].as_str().is_some_and(|p| p.ends_with(file_ends))
            })
        })
        .unwrap_or_else(|| panic!("no {rule} on {file_ends}"))
}

/// Chinese messages show fixed codes by their Chinese labels: with the code a YAML file holds
/// (每日（daily）), and alone for a spreadsheet unit, whose cells show only the label. English
/// messages show the code.
#[test]
fn coded_values_read_as_chinese_labels_in_chinese_messages() {
    let report = example_report();
    let message_of = |report: &serde_json::Value, rule: &str, file_ends: &str| {
        finding_on(report, rule, file_ends)["message"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    let yaml = message_of(&report, "REPORT-002", "巴彦淖尔嘎查/reports.yaml");
    assert!(yaml.ends_with("填报频次过高：每日（daily）"), "{yaml}");
    let sheet = message_of(&report, "REPORT-002", "巴彦高勒嘎查.xlsx");
    assert!(sheet.ends_with("填报频次过高：每周"), "{sheet}");
    let demands = message_of(&report, "GROUP-002", "巴彦高勒嘎查.xlsx");
    assert!(demands.contains("要求打卡接龙、定位，"), "{demands}");

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (english, _) = common::check_json(root, &["examples/xingan", "--lang", "en"]);
    let yaml = message_of(&english, "REPORT-002", "巴彦淖尔嘎查/reports.yaml");
    assert!(yaml.ends_with("daily"), "{yaml}");
    assert!(!yaml.contains("每日"), "{yaml}");
}

/// A spreadsheet unit's help names the columns its user fills in, not the YAML fields behind
/// them; a YAML unit's help keeps the field names.
#[test]
fn help_for_a_workbook_names_its_columns() {
    let report = example_report();
    let help_of = |rule: &str, file_ends: &str| {
        finding_on(&report, rule, file_ends)["help"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    let sheet = help_of("GROUP-002", "巴彦高勒嘎查.xlsx");
    assert!(sheet.starts_with("由建群单位（「建群单位」列）"), "{sheet}");
    assert!(sheet.contains("清单中将「对基层的要求」列改为"), "{sheet}");
    assert!(!sheet.contains('`'), "{sheet}");
    let yaml = help_of("GROUP-002", "巴彦淖尔嘎查/groups.yaml");
    assert!(yaml.contains("（`created_by`）"), "{yaml}");
    // A parameter is no column: it keeps its name.
    let meeting = help_of("MEET-004", "巴彦高勒嘎查.xlsx");
    assert!(meeting.contains("`calendars`"), "{meeting}");
}
