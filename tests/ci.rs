//! CI integration: SARIF, JUnit, GitHub annotations, concise output, several reports in one
//! run, baselines, expiring waivers, filters and statistics.

mod common;

use std::path::Path;

use common::{check_json, jianfu, stdout, write_unit};

/// A certificate on the negative list after Chinese text on its line: CERT-001 fires on
/// `亲属关系证明`, at character column 30 of line 3 (byte column 48).
const KINSHIP: &str = "certificates:\n  - {name: 居住证明, requested_by: 扎赉特旗公安局, basis: 《居住证暂行条例》第九条, issued_count: 9}\n  - {basis: 未写明依据的旧证明, name: 亲属关系证明, requested_by: 扎赉特旗公安局, issued_count: 6}\n";

fn kinship_unit(root: &Path) {
    write_unit(
        root,
        "league/u1",
        &[("certificates.yaml", Some(KINSHIP.as_bytes()))],
    );
}

fn run(root: &Path, args: &[&str]) -> (String, i32) {
    let output = jianfu(root).arg("check").args(args).output().unwrap();
    (stdout(&output), output.status.code().unwrap_or(-1))
}

fn sarif(root: &Path, args: &[&str]) -> serde_json::Value {
    let (text, _) = run(root, &[&["--format", "sarif"], args].concat());
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

fn sarif_validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_valid_sarif(report: &serde_json::Value) {
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(report)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF: {errors:#?}");
}

#[test]
fn sarif_of_the_example_league_is_valid_and_complete() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let report = sarif(root, &["examples/xingan"]);
    assert_valid_sarif(&report);
    let run = &report["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "jianfu");
    // No link leads outside the repository: the rules' help carries their documentation.
    assert!(driver.get("informationUri").is_none(), "{driver}");
    let rules = driver["rules"].as_array().unwrap();
    assert!(rules.len() >= 44, "{} rules", rules.len());
    for rule in rules {
        assert!(rule["shortDescription"]["text"].as_str().unwrap().len() > 5);
        assert!(rule["fullDescription"]["text"].as_str().unwrap().len() > 5);
        assert!(
            rule["help"]["markdown"]
                .as_str()
                .unwrap()
                .contains(rule["id"].as_str().unwrap())
        );
        assert!(rule["help"]["text"].as_str().unwrap().contains("依据"));
        assert!(rule["defaultConfiguration"]["level"].is_string());
    }
    let results = run["results"].as_array().unwrap();
    assert!(results.len() > 100);
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(
            location["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .starts_with("examples/xingan/")
        );
        assert!(result["partialFingerprints"]["jianfu/v1"].is_string());
    }
    // The example league waives one finding: it is a suppression with its reason.
    let waived: Vec<&serde_json::Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(waived.len(), 1);
    assert_eq!(waived[0]["ruleId"], "SUPPORT-002");
    assert_eq!(waived[0]["suppressions"][0]["kind"], "external");
    assert!(
        waived[0]["suppressions"][0]["justification"]
            .as_str()
            .unwrap()
            .contains("网格员正在招聘")
    );
}

#[test]
fn sarif_regions_count_characters_under_chinese_text() {
    let tmp = tempfile::tempdir().unwrap();
    kinship_unit(tmp.path());
    let report = sarif(tmp.path(), &["league"]);
    assert_valid_sarif(&report);
    let result = report["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "CERT-001")
        .expect("CERT-001");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 3);
    assert_eq!(region["startColumn"], 30);
    assert_eq!(region["endColumn"], 36);
    assert_eq!(
        result["locations"][0]["logicalLocations"][0]["name"],
        "certificates[1].name"
    );
}

#[test]
fn fingerprints_survive_a_comment_and_an_item_added_above() {
    let tmp = tempfile::tempdir().unwrap();
    kinship_unit(tmp.path());
    let before = check_json(tmp.path(), &["league"]).0;
    let moved = format!(
        "# 二季度清单，已核对\ncertificates:\n  - {{name: 居住证明, requested_by: 扎赉特旗公安局, basis: 《居住证暂行条例》第九条, issued_count: 1}}\n{}",
        KINSHIP.trim_start_matches("certificates:\n")
    );
    std::fs::write(tmp.path().join("league/u1/certificates.yaml"), moved).unwrap();
    let after = check_json(tmp.path(), &["league"]).0;
    let kinship = |report: &serde_json::Value| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == "CERT-001")
            .cloned()
            .expect("CERT-001")
    };
    let (a, b) = (kinship(&before), kinship(&after));
    assert_eq!((a["line"].as_u64(), b["line"].as_u64()), (Some(3), Some(5)));
    assert_eq!(a["path"], "certificates[1].name");
    assert_eq!(b["path"], "certificates[2].name");
    assert_eq!(a["fingerprint"], b["fingerprint"]);
}

#[test]
fn github_annotations_escape_percent_newlines_commas_and_colons() {
    let tmp = tempfile::tempdir().unwrap();
    let name = "亲属关系证明,100%:\\n第二行";
    let certificates =
        format!("certificates:\n  - {{name: \"{name}\", requested_by: 某局, issued_count: 6}}\n");
    write_unit(
        tmp.path(),
        "league/u1",
        &[("certificates.yaml", Some(certificates.as_bytes()))],
    );
    let (text, code) = run(tmp.path(), &["league", "--format", "github"]);
    assert_eq!(code, 1);
    let line = text
        .lines()
        .find(|l| l.contains("CERT-001"))
        .unwrap_or_else(|| panic!("no CERT-001 annotation:\n{text}"));
    assert!(
        line.starts_with("::error file=league/u1/certificates.yaml,line=2,col="),
        "{line}"
    );
    assert!(line.contains(",endLine=2,endColumn="), "{line}");
    assert!(
        line.contains(",title=CERT-001 certificate-on-negative-list::"),
        "{line}"
    );
    let message = line.split_once("::").unwrap().1.split_once("::").unwrap().1;
    // A line break inside the data is made printable (`?`) before it reaches any report, so it
    // cannot start a line of its own; the message's own line breaks are escaped.
    assert!(message.contains("亲属关系证明,100%25:?第二行"), "{message}");
    assert!(message.contains("%0A依据："), "{message}");
    // Every annotation is one line; nothing of the message leaked onto its own line.
    assert!(text.lines().all(|l| l.starts_with("::")), "{text}");
}

#[test]
fn github_annotations_make_info_a_notice_and_leave_waived_findings_out() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (text, _) = run(root, &["examples/xingan", "--format", "github"]);
    assert!(
        text.lines()
            .any(|l| l.starts_with("::notice ") && l.contains("REPORT-006"))
    );
    assert!(text.lines().any(|l| l.starts_with("::warning ")));
    let support = text
        .lines()
        .filter(|l| l.contains("SUPPORT-002") && l.contains("152221100004"))
        .count();
    assert_eq!(support, 0, "the waived finding is annotated");
}

#[test]
fn junit_parses_back_with_a_suite_per_unit_and_located_failures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (text, code) = run(root, &["examples/xingan", "--format", "junit"]);
    assert_eq!(code, 1);
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let top = doc.root_element();
    assert_eq!(top.tag_name().name(), "testsuites");
    let suites: Vec<_> = top
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    // 13 units and the configuration's own findings (expired and unused waivers).
    assert_eq!(suites.len(), 14);
    let failures: usize = top.attribute("failures").unwrap().parse().unwrap();
    assert!(failures > 20);
    let failure = top
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .expect("a failure");
    assert_eq!(failure.attribute("type"), Some("error"));
    let case = failure.parent().unwrap();
    assert!(case.attribute("classname").unwrap().ends_with(".yaml"));
    let body = failure.text().unwrap();
    assert!(
        body.lines().all(|l| l
            .split(':')
            .nth(1)
            .is_some_and(|n| n.parse::<u32>().is_ok())),
        "every line starts with file:line:col — {body}"
    );
    // Clean units pass: one passing case per file.
    let clean = suites
        .iter()
        .find(|s| s.attribute("name").unwrap().starts_with("152223103204"))
        .unwrap();
    assert_eq!(clean.attribute("failures"), Some("0"));
    assert_eq!(clean.attribute("tests"), Some("8"));
    // The waived finding's case is skipped, not failed.
    assert!(text.contains("<skipped"));
}

#[test]
fn concise_output_is_one_line_per_finding_with_character_columns() {
    let tmp = tempfile::tempdir().unwrap();
    kinship_unit(tmp.path());
    let (text, code) = run(
        tmp.path(),
        &["league", "--format", "concise", "--lang", "en"],
    );
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

#[test]
fn several_reports_in_one_run_and_only_one_on_stdout() {
    let tmp = tempfile::tempdir().unwrap();
    kinship_unit(tmp.path());
    std::fs::create_dir(tmp.path().join("out")).unwrap();
    let (text, code) = run(
        tmp.path(),
        &[
            "league",
            "--format",
            "concise",
            "--format",
            "sarif:out/report.sarif",
            "-f",
            "junit:report.xml",
        ],
    );
    assert_eq!(code, 1);
    assert!(text.contains("CERT-001"));
    let sarif: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(tmp.path().join("out/report.sarif")).unwrap(),
    )
    .unwrap();
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "CERT-001");
    let xml = std::fs::read_to_string(tmp.path().join("report.xml")).unwrap();
    assert!(roxmltree::Document::parse(&xml).is_ok());

    let output = jianfu(tmp.path())
        .args(["check", "league", "-f", "json", "-f", "sarif"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("只能有一份报告"));

    // A report that cannot be written is an error of the run, never a silent loss.
    let output = jianfu(tmp.path())
        .args(["check", "league", "-f", "sarif:missing/x.sarif"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_failed_run_leaves_the_previous_report_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    kinship_unit(tmp.path());
    std::fs::write(tmp.path().join("report.json"), "previous report\n").unwrap();
    std::fs::write(tmp.path().join("jianfu.yaml"), "rules: {NOPE-001: off}\n").unwrap();
    let output = jianfu(tmp.path())
        .args(["check", "league", "-f", "json", "-o", "report.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("report.json")).unwrap(),
        "previous report\n"
    );
    let leftovers = std::fs::read_dir(tmp.path()).unwrap().count();
    assert_eq!(leftovers, 3, "no temporary file is left behind");
}

fn waiver_config(expires: &str, unit: &str) -> String {
    format!(
        "waivers:\n  - rule: CERT-001\n    unit: \"{unit}\"\n    path: certificates[亲属关系证明]\n    reason: 户籍系统迁移期间暂由村委会出具\n    approver: 音德尔镇党委\n    expires: {expires}\n"
    )
}

fn findings_of<'a>(report: &'a serde_json::Value, rule: &str) -> Vec<&'a serde_json::Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .collect()
}

#[test]
fn a_waiver_applies_until_its_expiry_and_is_reported_after() {
    let tmp = tempfile::tempdir().unwrap();
    kinship_unit(tmp.path());
    std::fs::write(
        tmp.path().join("jianfu.yaml"),
        waiver_config("2026-11-26", "152223100201"),
    )
    .unwrap();
    // The unit's only error is waived on the last day of the waiver: the run passes.
    let (report, code) = check_json(
        tmp.path(),
        &["league", "--rule", "CERT-001", "--rule", "WAIVER-"],
    );
    let cert = findings_of(&report, "CERT-001");
    assert_eq!(cert.len(), 1);
    assert_eq!(
        cert[0]["waived"]["reason"],
        "户籍系统迁移期间暂由村委会出具"
    );
    assert!(findings_of(&report, "WAIVER-001").is_empty());
    assert_eq!(report["summary"]["waived"], 1);
    assert_eq!(code, 0);

    // The day after, the waiver is expired: the finding counts again and the waiver is reported.
    let output = jianfu(tmp.path())
        .env("JIANFU_TODAY", "2026-11-27")
        .args(["check", "league", "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(findings_of(&report, "CERT-001")[0]["waived"].is_null());
    let expired = findings_of(&report, "WAIVER-001");
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0]["file"], "jianfu.yaml");
    assert_eq!(
        (expired[0]["line"].as_u64(), expired[0]["column"].as_u64()),
        (Some(2), Some(11))
    );
    assert!(
        expired[0]["message"]
            .as_str()
            .unwrap()
            .contains("2026-11-26")
    );
}

#[test]
fn a_waiver_that_matches_nothing_is_reported_and_strict_ignores_waivers() {
    let tmp = tempfile::tempdir().unwrap();
    kinship_unit(tmp.path());
    // The checked unit, but a path where nothing is found: unused.
    let elsewhere = waiver_config("2030-01-01", "152223100201")
        .replace("certificates[亲属关系证明]", "certificates[收入证明]");
    std::fs::write(tmp.path().join("jianfu.yaml"), elsewhere).unwrap();
    let (report, _) = check_json(tmp.path(), &["league"]);
    let unused = findings_of(&report, "WAIVER-002");
    assert_eq!(unused.len(), 1);
    assert!(
        unused[0]["message"]
            .as_str()
            .unwrap()
            .contains("152223100201")
    );

    // A waiver for units this run did not check is not called unused.
    std::fs::write(
        tmp.path().join("jianfu.yaml"),
        waiver_config("2030-01-01", "152223103*"),
    )
    .unwrap();
    let (report, _) = check_json(tmp.path(), &["league"]);
    assert!(findings_of(&report, "WAIVER-002").is_empty());

    std::fs::write(
        tmp.path().join("jianfu.yaml"),
        waiver_config("2030-01-01", "152223100*"),
    )
    .unwrap();
    let (report, code) = check_json(tmp.path(), &["league"]);
    assert!(findings_of(&report, "WAIVER-002").is_empty());
    assert!(!findings_of(&report, "CERT-001")[0]["waived"].is_null());
    assert_eq!(code, 0);
    let (report, code) = check_json(tmp.path(), &["league", "--strict"]);
    assert!(findings_of(&report, "CERT-001")[0]["waived"].is_null());
    assert!(findings_of(&report, "WAIVER-002").is_empty());
    assert_eq!(report["summary"]["waived"], 0);
    assert_eq!(code, 1);
}

#[test]
fn a_waiver_without_an_approver_or_with_a_bad_date_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    kinship_unit(tmp.path());
    let broken = waiver_config("2030-02-30", "152223100201");
    std::fs::write(tmp.path().join("jianfu.yaml"), &broken).unwrap();
    let output = jianfu(tmp.path())
        .args(["check", "league"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("2030-02-30"));
    let no_approver = broken.replace("    approver: 音德尔镇党委\n", "");
    std::fs::write(tmp.path().join("jianfu.yaml"), no_approver).unwrap();
    let output = jianfu(tmp.path())
        .args(["check", "league"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("approver"));
}

#[test]
fn a_baseline_hides_known_findings_and_tells_how_many_are_gone() {
    let tmp = tempfile::tempdir().unwrap();
    kinship_unit(tmp.path());
    let (_, code) = run(tmp.path(), &["league", "--write-baseline", "baseline.json"]);
    assert_eq!(
        code, 0,
        "writing the baseline succeeds, for `set -e` scripts"
    );
    let written = std::fs::read_to_string(tmp.path().join("baseline.json")).unwrap();
    assert!(written.contains("\"rule\":\"CERT-001\""), "{written}");
    // Writing it again gives the same bytes: stable and diff-friendly.
    run(tmp.path(), &["league", "--write-baseline", "again.json"]);
    assert_eq!(
        written,
        std::fs::read_to_string(tmp.path().join("again.json")).unwrap()
    );

    let (report, code) = check_json(tmp.path(), &["league", "--baseline", "baseline.json"]);
    assert_eq!(code, 0);
    assert_eq!(report["findings"].as_array().unwrap().len(), 0);
    assert_eq!(report["summary"]["baseline"]["stale"], 0);
    let absorbed = report["summary"]["baseline"]["absorbed"].as_u64().unwrap();
    assert!(absorbed >= 1);

    // A new problem is reported; a fixed one shows as a stale entry.
    let changed = "certificates:\n  - {name: 居住证明, requested_by: 扎赉特旗公安局, basis: 《居住证暂行条例》第九条, issued_count: 9}\n  - {name: 无犯罪记录证明, requested_by: 扎赉特旗公安局, basis: 公安部规定, issued_count: 1}\n";
    std::fs::write(tmp.path().join("league/u1/certificates.yaml"), changed).unwrap();
    let (report, code) = check_json(tmp.path(), &["league", "--baseline", "baseline.json"]);
    assert_eq!(code, 1);
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["CERT-001"]);
    assert_eq!(report["findings"][0]["path"], "certificates[1].name");
    assert_eq!(
        report["findings"][0]["message"]
            .as_str()
            .map(|m| m.contains("无犯罪记录证明")),
        Some(true)
    );
    assert!(report["summary"]["baseline"]["stale"].as_u64().unwrap() >= 1);
}

#[test]
fn a_broken_baseline_is_an_error_of_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    kinship_unit(tmp.path());
    std::fs::write(tmp.path().join("baseline.json"), "not json").unwrap();
    let output = jianfu(tmp.path())
        .args(["check", "league", "--baseline", "baseline.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("不是 jianfu 的基线文件"));

    // Edited by hand, with Chinese before the mistake: the column is the editor's (44, at the
    // end of `"bogus"`), not serde_json's count of bytes (48).
    let edited = r#"{"version":1,"entries":[{"rule":"中文","bogus":1}]}"#;
    std::fs::write(tmp.path().join("baseline.json"), edited).unwrap();
    let output = jianfu(tmp.path())
        .args(["check", "league", "--baseline", "baseline.json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        common::unframed(&stderr).contains("at line 1 column 44"),
        "{stderr}"
    );
}

#[test]
fn filters_select_what_is_reported() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules_of = |args: &[&str]| -> Vec<(String, String, String)> {
        let (report, _) = check_json(root, &[&["examples/xingan"], args].concat());
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_owned(),
                    f["unit"].as_str().unwrap_or("").to_owned(),
                    f["severity"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let all = rules_of(&[]);
    let groups = rules_of(&["--rule", "GROUP-"]);
    assert!(!groups.is_empty());
    assert!(groups.iter().all(|(r, _, _)| r.starts_with("GROUP-")));
    assert_eq!(
        groups.len(),
        all.iter()
            .filter(|(r, _, _)| r.starts_with("GROUP-"))
            .count()
    );
    let signage = rules_of(&["--clearance", "signage", "--clearance", "meetings"]);
    assert!(
        signage
            .iter()
            .all(|(r, _, _)| r.starts_with("SIGN-") || r.starts_with("MEET-"))
    );
    assert!(signage.iter().any(|(r, _, _)| r.starts_with("MEET-")));
    let infos = rules_of(&["--severity", "info"]);
    assert!(!infos.is_empty());
    assert!(infos.iter().all(|(_, _, s)| s == "info"));
    let zalaite = rules_of(&["--banner", "扎赉特旗"]);
    assert!(!zalaite.is_empty());
    assert!(zalaite.iter().all(|(_, u, _)| u.starts_with("152223")));
    assert_eq!(zalaite, rules_of(&["--banner", "152223"]));
    let one = rules_of(&["--unit", "152201002007"]);
    assert!(one.iter().all(|(_, u, _)| u == "152201002007"));
    // A rule still sees every item: GROUP-001 (too many groups) fires the same with the filter.
    assert_eq!(
        rules_of(&["--rule", "GROUP-001"]).len(),
        all.iter().filter(|(r, _, _)| r == "GROUP-001").count()
    );

    let (report, _) = check_json(root, &["examples/xingan", "--township", "音德尔镇"]);
    assert_eq!(
        report["summary"]["units"], 2,
        "only the township's units are counted"
    );
}

#[test]
fn statistics_of_the_example_league() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (text, _) = run(root, &["examples/xingan", "--statistics", "--lang", "en"]);
    insta::assert_snapshot!(text);
    let (json, _) = run(
        root,
        &["examples/xingan", "--statistics", "--format", "json"],
    );
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows = rows.as_array().unwrap();
    let total: u64 = rows.iter().map(|r| r["count"].as_u64().unwrap()).sum();
    let (report, _) = check_json(root, &["examples/xingan"]);
    assert_eq!(total, report["summary"]["findings"].as_u64().unwrap());
    assert!(
        rows.windows(2)
            .all(|w| w[0]["count"].as_u64() >= w[1]["count"].as_u64())
    );
}

/// A unit's groups file listing `n` groups.
fn groups(n: usize) -> String {
    let mut text = String::from("groups:\n");
    for i in 0..n {
        text.push_str(&format!(
            "  - {{name: 工作群{i}, platform: zwwx, creator: 音德尔镇党委, purpose: 日常工作, members: 10, last_active: 2025-06-20}}\n"
        ));
    }
    text
}

#[test]
fn trend_reports_each_section_that_grew_since_the_previous_period() {
    let tmp = tempfile::tempdir().unwrap();
    let signs = |n: usize| {
        let mut text = String::from("signs:\n");
        for i in 0..n {
            text.push_str(&format!(
                "  - {{name: 制度牌{i}, type: notice, placement: interior, issuer: 音德尔镇党委}}\n"
            ));
        }
        text
    };
    write_unit(
        tmp.path(),
        "q1/u1",
        &[
            ("groups.yaml", Some(groups(2).as_bytes())),
            ("signage.yaml", Some(signs(3).as_bytes())),
        ],
    );
    write_unit(
        tmp.path(),
        "q2/u1",
        &[
            ("groups.yaml", Some(groups(3).as_bytes())),
            ("signage.yaml", Some(signs(2).as_bytes())),
        ],
    );
    let (report, _) = check_json(tmp.path(), &["q2", "--previous", "q1", "--lang", "en"]);
    let trend = findings_of(&report, "TREND-001");
    assert_eq!(trend.len(), 1, "only groups grew: {trend:?}");
    assert_eq!(trend[0]["file"], "q2/u1/groups.yaml");
    assert_eq!(
        (trend[0]["line"].as_u64(), trend[0]["column"].as_u64()),
        (Some(1), Some(1))
    );
    let message = trend[0]["message"].as_str().unwrap();
    assert!(
        message.contains("from 2") && message.contains("to 3"),
        "{message}"
    );

    // Without --previous, or against itself, TREND stays quiet.
    let (report, _) = check_json(tmp.path(), &["q2"]);
    assert!(findings_of(&report, "TREND-001").is_empty());
    let (report, _) = check_json(tmp.path(), &["q2", "--previous", "q2"]);
    assert!(findings_of(&report, "TREND-001").is_empty());
}

#[test]
fn a_file_on_the_command_line_checks_its_unit() {
    let tmp = tempfile::tempdir().unwrap();
    kinship_unit(tmp.path());
    write_unit(tmp.path(), "league/u2", &[]);
    let (report, code) = check_json(tmp.path(), &["league/u1/certificates.yaml"]);
    assert_eq!(code, 1);
    assert_eq!(report["summary"]["units"], 1);
    assert_eq!(findings_of(&report, "CERT-001").len(), 1);
}

#[test]
fn hostile_text_keeps_every_format_well_formed() {
    let tmp = tempfile::tempdir().unwrap();
    // A bell, an escape, a NUL-free control mix, quotes, markup and a CR/LF inside the name.
    let name = r#"亲属关系证明\a\e\x01\"<script>alert('x')</script>&amp;]]>\r\n::error::"#;
    let certificates =
        format!("certificates:\n  - {{name: \"{name}\", requested_by: 某局, issued_count: 6}}\n");
    write_unit(
        tmp.path(),
        "league/u1",
        &[("certificates.yaml", Some(certificates.as_bytes()))],
    );
    let report = sarif(tmp.path(), &["league"]);
    assert_valid_sarif(&report);
    let message = report["runs"][0]["results"][0]["message"]["text"]
        .as_str()
        .unwrap()
        .to_owned();
    // Markup survives as text; control characters are made printable.
    assert!(message.contains("<script>"), "{message:?}");
    assert!(!message.chars().any(|c| c.is_control()), "{message:?}");

    let (xml, _) = run(tmp.path(), &["league", "--format", "junit"]);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let failure = doc
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    // XML 1.0 cannot hold the control characters (an escape takes what follows it as an ANSI
    // sequence); the markup survives as text.
    assert!(
        failure
            .attribute("message")
            .unwrap()
            .contains("</script>&amp;")
    );

    let (github, _) = run(tmp.path(), &["league", "--format", "github"]);
    // One line per finding (CERT-001 and CERT-002), the CR/LF escaped inside the message.
    assert_eq!(github.lines().count(), 2, "{github}");
    assert!(
        github
            .lines()
            .all(|l| l.starts_with("::error file=league/u1/certificates.yaml,"))
    );
    assert!(github.contains("]]>??::error::」"), "{github}");

    let (json, _) = run(tmp.path(), &["league", "--format", "json"]);
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(
        parsed["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("]]>")
    );
}

#[test]
fn spreadsheet_findings_point_at_their_cell_in_every_format() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let unit = [
        "examples/xingan",
        "--unit",
        "152223103205",
        "--rule",
        "SIGN-002",
    ];
    let (report, _) = check_json(root, &unit);
    let finding = &report["findings"][0];
    assert_eq!(finding["sheet"], "标识标牌");
    assert_eq!(finding["cell"], "E5");
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(5), Some(5))
    );
    assert!(
        finding["file"]
            .as_str()
            .unwrap()
            .ends_with("巴彦高勒嘎查.xlsx")
    );

    let report = sarif(root, &unit);
    assert_valid_sarif(&report);
    let location = &report["runs"][0]["results"][0]["locations"][0];
    assert_eq!(location["physicalLocation"]["region"]["startLine"], 5);
    assert!(
        location["physicalLocation"]["region"]
            .get("startColumn")
            .is_none()
    );
    assert_eq!(
        location["logicalLocations"][0]["fullyQualifiedName"],
        "标识标牌!E5"
    );

    let (human, _) = run(root, &unit);
    assert!(
        human.contains("╭─[152223103205-巴彦高勒嘎查.xlsx 标识标牌!E5（准入审批文号）]"),
        "{human}"
    );
    let (github, _) = run(root, &[&unit[..], &["--format", "github"]].concat());
    assert!(
        github.contains("巴彦高勒嘎查.xlsx,line=5,col=5,"),
        "{github}"
    );
    assert!(
        github.contains("title=SIGN-002 sign-without-admission 标识标牌!E5::"),
        "{github}"
    );

    // A YAML finding has no cell.
    let (report, _) = check_json(root, &["examples/xingan", "--unit", "152223100201"]);
    assert!(report["findings"][0]["cell"].is_null());
}

#[cfg(unix)]
#[test]
fn reports_are_readable_by_others_like_any_file() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    kinship_unit(tmp.path());
    run(
        tmp.path(),
        &[
            "league",
            "-f",
            "json",
            "-o",
            "report.json",
            "--write-baseline",
            "b.json",
        ],
    );
    for file in ["report.json", "b.json"] {
        let mode = std::fs::metadata(tmp.path().join(file))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644, "{file}");
    }
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    for args in [
        &["schema", "unit"][..],
        &["rules"],
        &["check", "examples/xingan"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jianfu"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(
            status.code().is_some_and(|c| c <= 1),
            "{args:?}: {status:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_link_loop_is_a_warning_and_the_run_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    kinship_unit(tmp.path());
    std::os::unix::fs::symlink("..", tmp.path().join("league/u1/loop")).unwrap();
    std::fs::create_dir(tmp.path().join("league/closed")).unwrap();
    std::os::unix::fs::symlink("../closed", tmp.path().join("league/closed/again")).unwrap();
    let output = jianfu(tmp.path())
        .args(["check", "league", "--lang", "en", "-f", "concise"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("CERT-001"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("warning: cannot search"), "{stderr}");
    assert!(stderr.contains("closed"), "{stderr}");
}
