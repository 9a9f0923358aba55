//! SUBMIT rules end to end: each fires where it should and stays quiet on a valid unit; a
//! broken file never hides the other files' findings; the JSON contract and exit codes.

mod common;

use common::{check_json, jianfu, rule_paths, write_unit};

fn submit_findings(report: &serde_json::Value) -> Vec<(String, String, String)> {
    rule_paths(report)
        .into_iter()
        .filter(|(rule, _, _)| rule.starts_with("SUBMIT-"))
        .collect()
}

#[test]
fn a_valid_unit_has_no_submit_finding_and_exits_zero() {
    let tmp = tempfile::tempdir().unwrap();
    write_unit(tmp.path(), "甲", &[]);
    let (report, code) = check_json(tmp.path(), &["."]);
    assert_eq!(submit_findings(&report), []);
    assert_eq!(report["summary"]["units"], 1);
    assert_eq!(report["summary"]["units_clean"], 1);
    assert_eq!(code, 0);
}

#[test]
fn submit_001_points_at_the_syntax_error() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "signs:\n  - name: 卫生室\n    placement: [exterior\n";
    write_unit(tmp.path(), "甲", &[("signage.yaml", Some(text.as_bytes()))]);
    let (report, code) = check_json(tmp.path(), &["."]);
    let finding = &report["findings"][0];
    assert_eq!(finding["rule"], "SUBMIT-001");
    // The unclosed bracket itself, on line 3.
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(3), Some(16)),
        "{finding}"
    );
    assert_eq!(code, 1);
}

#[test]
fn submit_008_reports_a_code_repeated_in_one_run_on_the_later_unit() {
    let tmp = tempfile::tempdir().unwrap();
    let with_code = |code: &str| common::UNIT.replace("152223100201", code);
    for (dir, code) in [
        ("甲", "152223100201"),
        ("乙", "152223100202"),
        ("丙", "152223100201"),
        ("丁", "152223100201"),
    ] {
        write_unit(
            tmp.path(),
            dir,
            &[("unit.yaml", Some(with_code(code).as_bytes()))],
        );
    }
    let (report, code) = check_json(tmp.path(), &[".", "--rule", "SUBMIT-008"]);
    let findings = report["findings"].as_array().unwrap();
    let places: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f["file"].as_str().unwrap(), f["message"].as_str().unwrap()))
        .collect();
    // Discovery order is by path: 丁 (U+4E01) < 丙 (U+4E19) < 乙 < 甲, so 丁 is the first.
    assert_eq!(
        places,
        [
            (
                "./丙/unit.yaml",
                "单位代码 152223100201 与本次检查中先出现的单位「丁」相同"
            ),
            (
                "./甲/unit.yaml",
                "单位代码 152223100201 与本次检查中先出现的单位「丁」相同"
            ),
        ]
    );
    assert_eq!(
        (findings[0]["line"].as_u64(), findings[0]["column"].as_u64()),
        (Some(1), Some(7))
    );
    assert_eq!(code, 1);

    // Different codes, and a malformed code repeated (SUBMIT-004's), stay quiet.
    let tmp = tempfile::tempdir().unwrap();
    for (dir, code) in [
        ("甲", "152223100201"),
        ("乙", "152223100202"),
        ("丙", "15222310"),
        ("丁", "15222310"),
    ] {
        write_unit(
            tmp.path(),
            dir,
            &[("unit.yaml", Some(with_code(code).as_bytes()))],
        );
    }
    let (report, _) = check_json(tmp.path(), &[".", "--rule", "SUBMIT-008"]);
    assert_eq!(report["findings"].as_array().unwrap().len(), 0, "{report}");
}

#[test]
fn an_explicit_yaml_tag_decides_the_type() {
    let tmp = tempfile::tempdir().unwrap();
    let unit = common::UNIT.replace("institutions: 4", "institutions: !!int \"8\"");
    write_unit(tmp.path(), "甲", &[("unit.yaml", Some(unit.as_bytes()))]);
    let (report, code) = check_json(tmp.path(), &["."]);
    assert_eq!(
        submit_findings(&report),
        [],
        "`!!int \"8\"` is the number 8"
    );
    assert_eq!(code, 0);

    let unit = common::UNIT.replace("institutions: 4", "institutions: !!int \"八\"");
    write_unit(tmp.path(), "甲", &[("unit.yaml", Some(unit.as_bytes()))]);
    let (report, _) = check_json(tmp.path(), &["."]);
    let finding = &report["findings"][0];
    assert_eq!(finding["rule"], "SUBMIT-001", "{finding}");
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(7), Some(21))
    );
    assert!(
        finding["message"].as_str().unwrap().contains("`!!int`"),
        "{finding}"
    );
}

#[test]
fn submit_002_reports_every_bad_item_with_char_columns() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "certificates:\n  - {name: 居住证明, issued_count: 很多}\n  - name: 出生证明\n    isued_count: 3\n  - name: 健在证明\n    issued_count: 2\n";
    write_unit(
        tmp.path(),
        "甲",
        &[("certificates.yaml", Some(text.as_bytes()))],
    );
    let (report, _) = check_json(tmp.path(), &["."]);
    let submit = submit_findings(&report);
    assert_eq!(
        submit,
        [
            (
                "SUBMIT-002".into(),
                "certificates.yaml".into(),
                "certificates[0].issued_count".into()
            ),
            (
                "SUBMIT-002".into(),
                "certificates.yaml".into(),
                "certificates[1]".into()
            ),
            (
                "SUBMIT-002".into(),
                "certificates.yaml".into(),
                "certificates[1].isued_count".into()
            ),
        ]
    );
    let first = &report["findings"][0];
    // `很多` is the 32nd character of line 2 but starts at byte 39 of it.
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(2), Some(32))
    );
    assert_eq!(
        (first["end_line"].as_u64(), first["end_column"].as_u64()),
        (Some(2), Some(34))
    );
    let line_start = text.find("  - {").unwrap() as u64;
    assert_eq!(first["byte_start"].as_u64(), Some(line_start + 39));
    let typo = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "certificates[1].isued_count")
        .unwrap();
    assert!(
        typo["help"].as_str().unwrap().contains("issued_count"),
        "{typo}"
    );
}

#[test]
fn submit_003_names_the_missing_section() {
    let tmp = tempfile::tempdir().unwrap();
    write_unit(tmp.path(), "甲", &[("meetings.yaml", None)]);
    let (report, code) = check_json(tmp.path(), &["."]);
    let submit = submit_findings(&report);
    assert_eq!(
        submit,
        [(
            "SUBMIT-003".into(),
            "meetings.yaml".into(),
            "meetings".into()
        )]
    );
    assert_eq!(report["findings"][0]["severity"], "warning");
    assert_eq!(
        code, 0,
        "a warning does not fail the default --fail-on error"
    );
}

#[test]
fn submit_004_flags_a_code_that_disagrees_with_its_township() {
    let tmp = tempfile::tempdir().unwrap();
    let unit = common::UNIT.replace("152223100201", "152223103201");
    write_unit(tmp.path(), "甲", &[("unit.yaml", Some(unit.as_bytes()))]);
    let (report, _) = check_json(tmp.path(), &["."]);
    assert_eq!(
        submit_findings(&report),
        [("SUBMIT-004".into(), "unit.yaml".into(), "code".into())]
    );
    assert!(
        report["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("胡尔勒镇")
    );

    let tmp = tempfile::tempdir().unwrap();
    let unit = common::UNIT.replace("152223100201", "15222310020");
    write_unit(tmp.path(), "甲", &[("unit.yaml", Some(unit.as_bytes()))]);
    let (report, _) = check_json(tmp.path(), &["."]);
    assert_eq!(
        submit_findings(&report),
        [("SUBMIT-004".into(), "unit.yaml".into(), "code".into())]
    );
}

/// A unit of 乌兰浩特市 with the given code and township, and empty sections.
fn street_unit(code: &str, kind: &str, township: &str) -> String {
    format!(
        "code: \"{code}\"\nname: 测试社区\nkind: {kind}\nbanner: 乌兰浩特市\ntownship: {township}\nperiod: 2025-Q2\ninstitutions: 4\n"
    )
}

/// The SUBMIT findings and their messages for one unit.yaml.
fn code_findings(unit: &str, config: Option<&str>) -> (Vec<(String, String, String)>, i32) {
    let tmp = tempfile::tempdir().unwrap();
    write_unit(tmp.path(), "甲", &[("unit.yaml", Some(unit.as_bytes()))]);
    if let Some(config) = config {
        std::fs::write(tmp.path().join("jianfu.yaml"), config).unwrap();
    }
    let (report, code) = check_json(tmp.path(), &["."]);
    let found = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("SUBMIT-"))
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    (found, code)
}

#[test]
fn submit_004_knows_the_real_division_table() {
    // 152201003 is 兴安街道 in the bureau's table, 152201002 is 和平街道.
    let (found, code) = code_findings(&street_unit("152201003004", "community", "兴安街道"), None);
    assert_eq!(found, [], "a real 兴安街道 unit is clean");
    assert_eq!(code, 0);
    let (found, code) = code_findings(
        &street_unit("152201003004", "community", "兴安街道办事处"),
        None,
    );
    assert_eq!(found, [], "the office's long name is the same township");
    assert_eq!(code, 0);

    let (found, code) = code_findings(&street_unit("152201002004", "community", "兴安街道"), None);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "SUBMIT-004");
    assert_eq!(found[0].1, "error");
    assert!(found[0].2.contains("和平街道"), "{}", found[0].2);
    assert_eq!(code, 1);
}

#[test]
fn submit_004_checks_the_last_three_digits_against_the_kind() {
    let (found, _) = code_findings(&street_unit("152201003004", "village", "兴安街道"), None);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "SUBMIT-004");
    assert!(found[0].2.contains("居民委员会"), "{}", found[0].2);

    let (found, _) = code_findings(&street_unit("152201003204", "community", "兴安街道"), None);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].2.contains("村民委员会"), "{}", found[0].2);

    let (found, _) = code_findings(&street_unit("152201003204", "village", "兴安街道"), None);
    assert_eq!(found, []);
}

#[test]
fn submit_006_warns_of_a_division_the_table_does_not_know_until_the_league_adds_it() {
    let unit = street_unit("152201011004", "community", "新设街道");
    let (found, code) = code_findings(&unit, None);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].0.as_str(), found[0].1.as_str()),
        ("SUBMIT-006", "warning")
    );
    assert!(found[0].2.contains("152201011"), "{}", found[0].2);
    assert!(found[0].2.contains("2022-10-31"), "{}", found[0].2);
    assert_eq!(code, 0, "an unknown division is a warning, not an error");

    let config = "divisions:\n  - code: \"152201011\"\n    name: 新设街道\n    reason: 示例：代码表截止日之后新设\n    source: 示例批复文件\n";
    let (found, code) = code_findings(&unit, Some(config));
    assert_eq!(found, [], "the league's amendment makes it known");
    assert_eq!(code, 0);

    // A renamed township: the amendment's name is the one that counts.
    let renamed = "divisions:\n  - code: \"152201003\"\n    name: 兴安新街道\n    reason: 示例：更名\n    source: 示例批复文件\n";
    let (found, _) = code_findings(
        &street_unit("152201003004", "community", "兴安新街道"),
        Some(renamed),
    );
    assert_eq!(found, []);
}

#[test]
fn a_division_amendment_without_a_source_is_a_configuration_error() {
    let tmp = tempfile::tempdir().unwrap();
    write_unit(tmp.path(), "甲", &[]);
    std::fs::write(
        tmp.path().join("jianfu.yaml"),
        "divisions:\n  - code: \"152201011\"\n    name: 新设街道\n    reason: 新设\n    source: \"\"\n",
    )
    .unwrap();
    let output = jianfu(tmp.path()).args(["check", "."]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("jianfu.yaml"), "{stderr}");
    assert!(stderr.contains("`source`"), "{stderr}");
}

#[test]
fn submit_005_recognises_gbk_and_says_how_to_convert() {
    let tmp = tempfile::tempdir().unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode("tasks:\n  - name: 城乡居民医保参保动员\n");
    write_unit(tmp.path(), "甲", &[("tasks.yaml", Some(&gbk))]);
    let (report, _) = check_json(tmp.path(), &["."]);
    assert_eq!(
        submit_findings(&report),
        [("SUBMIT-005".into(), "tasks.yaml".into(), "".into())]
    );
    let finding = &report["findings"][0];
    assert!(
        finding["message"].as_str().unwrap().contains("GBK"),
        "{finding}"
    );
    assert!(
        finding["help"].as_str().unwrap().contains("iconv"),
        "{finding}"
    );
    assert_eq!(finding["line"], 2);
}

#[test]
fn utf8_bom_and_crlf_are_valid_input() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "\u{feff}certificates:\r\n  - {name: 居住证明, issued_count: 很多}\r\n";
    write_unit(
        tmp.path(),
        "甲",
        &[("certificates.yaml", Some(text.as_bytes()))],
    );
    let (report, _) = check_json(tmp.path(), &["."]);
    let finding = &report["findings"][0];
    assert_eq!(finding["rule"], "SUBMIT-002");
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(2), Some(32))
    );
}

#[test]
fn broken_files_do_not_hide_other_findings() {
    let tmp = tempfile::tempdir().unwrap();
    let broken = "groups: [\n";
    let bad_item = "signs:\n  - {name: 卫生室, placement: outside, type: plaque, issued_by: 卫健委, approval_ref: A-1}\n";
    write_unit(
        tmp.path(),
        "甲",
        &[
            ("groups.yaml", Some(broken.as_bytes())),
            ("signage.yaml", Some(bad_item.as_bytes())),
        ],
    );
    write_unit(
        tmp.path(),
        "乙",
        &[("tasks.yaml", Some(b"\xff\xfe\x00garbage"))],
    );
    let (report, code) = check_json(tmp.path(), &["."]);
    let submit = submit_findings(&report);
    assert!(
        submit.contains(&("SUBMIT-001".into(), "groups.yaml".into(), "".into())),
        "{submit:?}"
    );
    assert!(submit.contains(&(
        "SUBMIT-002".into(),
        "signage.yaml".into(),
        "signs[0].placement".into()
    )));
    assert!(
        submit
            .iter()
            .any(|(r, f, _)| r == "SUBMIT-005" && f == "tasks.yaml")
    );
    assert_eq!(report["summary"]["units"], 2);
    assert_eq!(code, 1);
}

#[test]
fn json_findings_carry_every_contract_field() {
    let tmp = tempfile::tempdir().unwrap();
    write_unit(tmp.path(), "甲", &[("meetings.yaml", None)]);
    let (report, _) = check_json(tmp.path(), &["."]);
    assert_eq!(report["version"], 1);
    for key in [
        "units",
        "units_clean",
        "files",
        "findings",
        "waived",
        "by_severity",
        "by_clearance",
    ] {
        assert!(report["summary"].get(key).is_some(), "summary lacks {key}");
    }
    let finding = &report["findings"][0];
    for key in [
        "rule",
        "name",
        "severity",
        "clearance",
        "unit",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "path",
        "imposer",
        "message",
        "basis",
        "waived",
    ] {
        assert!(finding.get(key).is_some(), "finding lacks {key}: {finding}");
    }
    assert_eq!(finding["unit"], "152223100201");
    assert_eq!(finding["file"], "./甲/meetings.yaml");
    assert_eq!(finding["clearance"], "submit");
}

#[test]
fn fail_on_moves_the_threshold() {
    let tmp = tempfile::tempdir().unwrap();
    write_unit(tmp.path(), "甲", &[("meetings.yaml", None)]);
    let code = |fail_on: &str| {
        jianfu(tmp.path())
            .args(["check", ".", "--fail-on", fail_on])
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code("error"), Some(0));
    assert_eq!(code("warning"), Some(1));
    assert_eq!(code("info"), Some(1));
    assert_eq!(code("never"), Some(0));
}

#[test]
fn a_missing_path_is_exit_two_with_a_message() {
    let tmp = tempfile::tempdir().unwrap();
    let output = jianfu(tmp.path())
        .args(["check", "no-such-dir"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no-such-dir"), "{stderr}");
}

#[test]
fn output_file_is_written_and_stdout_stays_empty() {
    let tmp = tempfile::tempdir().unwrap();
    write_unit(tmp.path(), "甲", &[]);
    let output = jianfu(tmp.path())
        .args(["check", ".", "--format", "json", "--output", "report.json"])
        .output()
        .unwrap();
    assert!(output.stdout.is_empty());
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(written["summary"]["units"], 1);
}
