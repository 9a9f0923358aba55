//! Never a silent pass: a run that checked nothing, or less than asked, is an error or a
//! finding, never 「无问题」 with exit 0.

mod common;

use std::io::{Read, Write};
use std::path::Path;

use common::{jianfu, write_unit};

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = jianfu(dir).args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn example() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn a_run_that_finds_no_unit_exits_two_unless_allowed() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("说明.txt"), "不是清单").unwrap();
    let (code, stdout, stderr) = run(tmp.path(), &["check", "."]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("没有找到任何清单单位"), "{stderr}");
    assert!(stdout.is_empty(), "no report of nothing: {stdout}");
    let (code, _, _) = run(tmp.path(), &["check", ".", "--allow-empty"]);
    assert_eq!(code, 0);
    let (code, _, stderr) = run(tmp.path(), &["bulletin", "."]);
    assert_eq!(code, 2, "a bulletin of no unit: {stderr}");
}

/// `.xls` and `.ods` are read (tests/sheets.rs); one that cannot be, and WPS's own `.et`, is a
/// finding that says how to save the file, never a unit passed unchecked.
#[test]
fn workbooks_in_other_formats_are_findings_that_say_how_to_save_them() {
    let tmp = tempfile::tempdir().unwrap();
    // The first bytes of an OLE compound file (what Excel 97-2003 and WPS save), and no more.
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    std::fs::write(tmp.path().join("152223100201-巴彦淖尔嘎查.xls"), ole).unwrap();
    std::fs::write(tmp.path().join("152223100202-新发嘎查.et"), ole).unwrap();
    std::fs::write(tmp.path().join("152223100203-永丰嘎查.ods"), ods_bytes()).unwrap();
    let (code, stdout, stderr) = run(tmp.path(), &["check", ".", "--format", "json"]);
    assert_eq!(code, 1, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["summary"]["units"], 3);
    let messages: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            "文件已损坏，或不是 .xlsx、.xls、.ods 格式的工作簿，无法读取，本单位未检查",
            "这是WPS 表格自有格式（.et）的工作簿，检查工具能读取 .xlsx、.xls 和 .ods 格式的工作簿，不能读取这种格式，本单位未检查",
            "文件已损坏，或不是 .xlsx、.xls、.ods 格式的工作簿，无法读取，本单位未检查",
        ]
    );
    for finding in report["findings"].as_array().unwrap() {
        assert_eq!(finding["rule"], "SUBMIT-001");
        assert!(
            finding["help"].as_str().unwrap().contains("*.xlsx"),
            "{finding}"
        );
    }
    // One file given by name is checked the same way.
    let (code, stdout, _) = run(tmp.path(), &["check", "152223100201-巴彦淖尔嘎查.xls"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("SUBMIT-001"), "{stdout}");
}

/// A minimal OpenDocument spreadsheet: its stored `mimetype` entry first.
fn ods_bytes() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(b"<office:document-content/>").unwrap();
    zip.finish().unwrap();
    out.into_inner()
}

#[test]
fn a_workbook_whose_unit_sheet_was_renamed_is_still_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let template = tmp.path().join("template.xlsx");
    let (code, _, stderr) = run(
        tmp.path(),
        &["template", "--out", template.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{stderr}");
    let renamed = rename_sheet(&std::fs::read(&template).unwrap(), "单位信息", "Sheet1");
    std::fs::create_dir(tmp.path().join("league")).unwrap();
    std::fs::write(tmp.path().join("league/巴彦淖尔嘎查.xlsx"), renamed).unwrap();
    let (code, stdout, stderr) = run(tmp.path(), &["check", "league", "--format", "json"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["summary"]["units"], 1, "the workbook is a unit");
    let unit_sheet = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("单位信息"))
        .unwrap_or_else(|| panic!("{report:#}"));
    // The only sheet the template does not have is the one to rename, however it is named.
    assert!(
        unit_sheet["help"]
            .as_str()
            .unwrap()
            .contains("「Sheet1」改名为「单位信息」"),
        "{unit_sheet}"
    );
}

#[test]
fn an_extra_column_is_a_warning_not_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    write_unit(tmp.path(), "甲", &[]);
    let (code, _, stderr) = run(tmp.path(), &["convert", "甲", "--to", "csv", "乙"]);
    assert_eq!(code, 0, "{stderr}");
    let path = tmp.path().join("乙/标识标牌.csv");
    let csv = std::fs::read_to_string(&path).unwrap();
    let with_notes: String = csv
        .lines()
        .enumerate()
        .map(|(i, line)| format!("{line},{}\n", if i == 0 { "备注" } else { "门口东侧" }))
        .collect();
    std::fs::write(&path, with_notes).unwrap();
    let (code, stdout, stderr) = run(tmp.path(), &["check", "乙", "--format", "json"]);
    assert_eq!(code, 0, "a warning does not fail the run: {stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("备注"))
        .unwrap_or_else(|| panic!("{report:#}"));
    assert_eq!(finding["severity"], "warning", "{finding}");
}

/// The workbook with one sheet renamed in `xl/workbook.xml`.
fn rename_sheet(xlsx: &[u8], from: &str, to: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = std::io::Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut out);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().map(|n| n.to_string()).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name == "xl/workbook.xml" {
            let text = String::from_utf8(bytes).unwrap();
            bytes = text
                .replace(&format!("name=\"{from}\""), &format!("name=\"{to}\""))
                .into_bytes();
        }
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&bytes).unwrap();
    }
    writer.finish().unwrap();
    out.into_inner()
}

#[test]
fn an_unknown_rule_is_an_error_with_a_suggestion_and_case_is_ignored() {
    let (code, _, stderr) = run(
        example(),
        &["check", "examples/xingan", "--rule", "GRUOP-001"],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("GROUP-001"), "{stderr}");
    let (code, _, stderr) = run(
        example(),
        &["check", "examples/xingan", "--rule", "NOPE-001"],
    );
    assert_eq!(code, 2);
    assert!(
        !stderr.contains("INSPECT-001"),
        "no far-fetched suggestion: {stderr}"
    );
    let (code, stdout, _) = run(
        example(),
        &[
            "check",
            "examples/xingan",
            "--rule",
            "group-001",
            "--format",
            "concise",
        ],
    );
    assert_eq!(code, 1);
    assert!(stdout.contains("GROUP-001"), "{stdout}");
}

#[test]
fn unit_filters_take_partial_names_and_code_prefixes_and_selecting_nothing_is_an_error() {
    let units = |args: &[&str]| {
        let mut all = vec!["check", "examples/xingan", "--format", "json"];
        all.extend_from_slice(args);
        let (code, stdout, stderr) = run(example(), &all);
        if code == 2 {
            return (code, serde_json::Value::Null, stderr);
        }
        (code, serde_json::from_str(&stdout).unwrap(), stderr)
    };
    let (_, report, _) = units(&["--banner", "扎赉特"]);
    assert_eq!(report["summary"]["units"], 5);
    let (_, report, _) = units(&["--unit", "152223"]);
    assert_eq!(report["summary"]["units"], 5);
    let (_, report, _) = units(&["--unit", "152223*"]);
    assert_eq!(report["summary"]["units"], 5);
    let (code, _, stderr) = units(&["--banner", "突泉"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("没有选中"), "{stderr}");
}

#[test]
fn a_previous_period_without_units_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    write_unit(tmp.path(), "league/甲", &[]);
    std::fs::create_dir(tmp.path().join("before")).unwrap();
    let (code, _, stderr) = run(tmp.path(), &["check", "league", "--previous", "before"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("TREND-001"), "{stderr}");
}

#[test]
fn a_wrong_parameter_in_the_configuration_points_into_the_configuration() {
    let tmp = tempfile::tempdir().unwrap();
    write_unit(tmp.path(), "甲", &[]);
    for (config, expected) in [
        (
            "params:\n  SIGN-003:\n    max_interior: 五\n",
            "应为数值（如 4）",
        ),
        (
            "overrides:\n  - scope: {township: 音德尔镇}\n    reason: 试点\n    params:\n      CERT-001: {extra_negative: 5}\n",
            "应为列表",
        ),
        ("params:\n  SIGN-003:\n    max_interor: 5\n", "max_interior"),
    ] {
        std::fs::write(tmp.path().join("jianfu.yaml"), config).unwrap();
        let (code, _, stderr) = run(tmp.path(), &["check", "."]);
        assert_eq!(code, 2, "{config}");
        assert!(stderr.contains("jianfu.yaml:"), "{stderr}");
        assert!(
            !stderr.contains("policies/"),
            "blamed on a policy file: {stderr}"
        );
        assert!(stderr.contains(expected), "{stderr}");
        assert!(!stderr.contains("Number("), "Rust debug text: {stderr}");
    }
}

#[test]
fn a_changed_setting_or_policy_file_rechecks_the_league_it_governs() {
    let tmp = tempfile::tempdir().unwrap();
    let tasks = "tasks:\n  - {name: 招商引资任务, assigned_by: 音德尔镇人民政府, list: duty}\n";
    write_unit(
        tmp.path(),
        "league/甲",
        &[("tasks.yaml", Some(tasks.as_bytes()))],
    );
    write_unit(tmp.path(), "league/乙", &[]);
    std::fs::write(tmp.path().join("league/jianfu.yaml"), "policies: [rules]\n").unwrap();
    std::fs::create_dir_all(tmp.path().join("league/rules/tests")).unwrap();
    std::fs::write(tmp.path().join("league/rules/tests/a.yaml"), "cases: []\n").unwrap();
    std::fs::write(tmp.path().join("league/rules/a.yaml"), "rules: []\n").unwrap();
    for changed in [
        "league/jianfu.yaml",
        "league/rules/a.yaml",
        "league/rules/tests/a.yaml",
    ] {
        let (code, stdout, stderr) = run(tmp.path(), &["check", changed, "--format", "json"]);
        assert_eq!(code, 1, "{changed}: {stderr}");
        let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(report["summary"]["units"], 2, "{changed}");
    }
    // A unit's own file still stands for its unit only.
    let (_, stdout, _) = run(
        tmp.path(),
        &["check", "league/乙/tasks.yaml", "--format", "json"],
    );
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["summary"]["units"], 1);
}

#[test]
fn checking_one_unit_reports_no_other_units_waivers() {
    let tmp = tempfile::tempdir().unwrap();
    write_unit(tmp.path(), "league/甲", &[]);
    let other = common::UNIT.replace("152223100201", "152223100202");
    write_unit(
        tmp.path(),
        "league/乙",
        &[("unit.yaml", Some(other.as_bytes()))],
    );
    std::fs::write(
        tmp.path().join("league/jianfu.yaml"),
        "waivers:\n  - rule: GROUP-004\n    unit: \"152223100202\"\n    reason: 核查延期\n    approver: 镇党委\n    expires: 2025-01-31\n",
    )
    .unwrap();
    let waiver_rules = |args: &[&str]| {
        let output = jianfu(tmp.path()).args(args).output().unwrap();
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["rule"].as_str())
            .filter(|r| r.starts_with("WAIVER-"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        waiver_rules(&["check", "league/甲", "--format", "json"]),
        Vec::<String>::new()
    );
    assert_eq!(
        waiver_rules(&["check", "league", "--format", "json"]),
        ["WAIVER-001"]
    );
}

/// A waiver or override whose unit can match no code would be silent for ever (a waiver for
/// `.*` was never reported as unused): it stops the run at its place in `jianfu.yaml`.
#[test]
fn a_unit_pattern_that_can_match_nothing_is_a_configuration_error() {
    let tmp = tempfile::tempdir().unwrap();
    write_unit(tmp.path(), "league/甲", &[]);
    let waiver = |unit: &str| {
        format!(
            "waivers:\n  - rule: GROUP-004\n    unit: \"{unit}\"\n    reason: 核查延期\n    approver: 镇党委\n    expires: 2099-01-31\n"
        )
    };
    for (unit, says) in [
        (".*", "is not a code"),
        ("15222310020", "152223100*"),
        ("152223100", "152223100*"),
        ("1522231002011*", "longer than a unit code"),
    ] {
        std::fs::write(tmp.path().join("league/jianfu.yaml"), waiver(unit)).unwrap();
        let (code, _, stderr) = run(tmp.path(), &["check", "league", "--lang", "en"]);
        assert_eq!(code, 2, "{unit}: {stderr}");
        assert!(
            stderr.contains("can never match a unit"),
            "{unit}: {stderr}"
        );
        assert!(
            stderr.contains(says) || stderr.contains(&format!("{unit}*")),
            "{unit}: {stderr}"
        );
        assert!(
            stderr.contains("jianfu.yaml:3:"),
            "{unit}: the place is the unit line: {stderr}"
        );
    }
    for unit in ["*", "152223*", "152223100201"] {
        std::fs::write(tmp.path().join("league/jianfu.yaml"), waiver(unit)).unwrap();
        let (code, stdout, stderr) = run(tmp.path(), &["check", "league", "--lang", "en"]);
        assert_eq!(code, 0, "{unit}: a warning does not fail the run: {stderr}");
        assert!(
            stdout.contains("WAIVER-002"),
            "{unit}: an unused waiver is reported: {stdout}"
        );
    }
    std::fs::write(
        tmp.path().join("league/jianfu.yaml"),
        "overrides:\n  - scope: {unit: \"152223-100\"}\n    reason: 试点\n    rules: {GROUP-004: off}\n",
    )
    .unwrap();
    let (code, _, stderr) = run(tmp.path(), &["check", "league", "--lang", "en"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("an override's `scope` can never match a unit"),
        "{stderr}"
    );
}

#[test]
fn a_configuration_inside_a_unit_is_ignored_and_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let certificates = "certificates:\n  - {name: 亲属关系证明, issued_count: 6}\n";
    let unit = write_unit(
        tmp.path(),
        "league/甲",
        &[("certificates.yaml", Some(certificates.as_bytes()))],
    );
    std::fs::write(
        unit.join("jianfu.yaml"),
        "rules:\n  CERT-001: \"off\"\n  CERT-002: \"off\"\n",
    )
    .unwrap();
    // Checked on its own, as a pre-commit hook does, and as part of the league.
    for path in ["league/甲", "league/甲/certificates.yaml", "league"] {
        let (code, stdout, stderr) = run(tmp.path(), &["check", path, "--format", "json"]);
        assert_eq!(code, 1, "{path}: {stderr}");
        let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let rules: Vec<&str> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["rule"].as_str())
            .collect();
        assert!(
            rules.contains(&"CERT-001"),
            "{path}: the unit switched a rule off: {rules:?}"
        );
        assert!(rules.contains(&"SUBMIT-007"), "{path}: {rules:?}");
    }
}

#[test]
fn statistics_with_a_machine_format_go_to_stderr_in_the_reports_language() {
    let (code, stdout, stderr) = run(
        example(),
        &[
            "check",
            "examples/xingan",
            "--statistics",
            "--format",
            "sarif",
        ],
    );
    assert_eq!(code, 1);
    assert!(stdout.contains("\"runs\""), "the SARIF report is whole");
    assert!(stderr.contains("REPORT-006"), "{stderr}");
    assert!(stderr.contains("提示"), "severities in Chinese: {stderr}");
    assert!(!stderr.contains(" info\n"), "{stderr}");
}

#[test]
fn a_damaged_workbook_is_a_finding_in_words() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("152223100201-巴彦淖尔嘎查.xlsx"),
        b"PK\x03\x04garbage",
    )
    .unwrap();
    let (code, stdout, _) = run(tmp.path(), &["check", ".", "--format", "concise"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("文件已损坏，或不是 .xlsx、.xls、.ods 格式的工作簿"),
        "{stdout}"
    );
    assert!(!stdout.contains("EOCD"), "{stdout}");
}

/// A field written as empty text, or only blanks, is not filled in: `requested_by: ""` and
/// `basis: "　"` get CERT-003 and CERT-002 as if they were left out, and the same unit as a
/// workbook (whose empty cells read as nothing) says the same; so do `requested_by: 无` and
/// `basis: /`; a name left blank is SUBMIT-002, as the workbook's empty cell is.
#[test]
fn blank_text_does_not_fill_in_a_field() {
    let tmp = tempfile::tempdir().unwrap();
    let certificate_findings = |unit: &str, text: Option<&str>| -> Vec<(String, String)> {
        if let Some(text) = text {
            write_unit(
                tmp.path(),
                unit,
                &[("certificates.yaml", Some(text.as_bytes()))],
            );
        }
        let (report, _) = common::check_json(tmp.path(), &[unit]);
        let mut found: Vec<(String, String)> = common::rule_paths(&report)
            .into_iter()
            .filter(|(rule, _, path)| rule.starts_with("CERT-") || path.starts_with("certificates"))
            .map(|(rule, _, path)| (rule, path))
            .collect();
        found.sort();
        found
    };
    let left_out = certificate_findings(
        "absent",
        Some("certificates:\n  - name: 收入证明\n    issued_count: 6\n"),
    );
    let rules = |found: &[(String, String)]| -> Vec<String> {
        found.iter().map(|(rule, _)| rule.clone()).collect()
    };
    assert_eq!(rules(&left_out), ["CERT-001", "CERT-002", "CERT-003"]);
    let blank = "certificates:\n  - name: 收入证明\n    requested_by: \"\"\n    basis: \"\u{3000}\"\n    issued_count: 6\n";
    let written_blank = certificate_findings("blank", Some(blank));
    assert_eq!(rules(&written_blank), rules(&left_out));
    // Pointing at the blank value where there is one.
    assert!(written_blank.contains(&("CERT-002".into(), "certificates[0].basis".into())));

    let (code, stdout, stderr) = run(
        tmp.path(),
        &["convert", "blank", "--to", "xlsx", "blank.xlsx"],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(
        rules(&certificate_findings("blank.xlsx", None)),
        rules(&left_out)
    );

    // A word that only says there is nothing is nothing written, for `present`.
    let none = "certificates:\n  - name: 收入证明\n    requested_by: 无\n    basis: /\n    issued_count: 6\n";
    assert_eq!(
        rules(&certificate_findings("none", Some(none))),
        rules(&left_out)
    );

    let nameless = "certificates:\n  - name: ' '\n    issued_count: 1\n";
    assert_eq!(
        certificate_findings("nameless", Some(nameless)),
        [("SUBMIT-002".to_owned(), "certificates[0].name".to_owned())]
    );
}
