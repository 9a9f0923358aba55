//! Reports that must not crash or mislead on odd text: a finding past column 65,535 (a long
//! line, a long cell) is shown clipped and every unit after it is still reported; a file with
//! CR-only line endings gets the right lines and columns.

mod common;

use common::{check_json, jianfu, write_unit};

#[test]
fn a_finding_far_along_a_long_line_is_clipped_and_the_report_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let filler = "{name: 居住证明, basis: 条例, issued_count: 1}, ".repeat(3000);
    let long = format!("certificates: [{filler}{{name: 亲属关系证明, issued_count: 6}}]\n");
    write_unit(
        tmp.path(),
        "league/a",
        &[("certificates.yaml", Some(long.as_bytes()))],
    );
    let kinship = "certificates:\n  - {name: 亲属关系证明, issued_count: 6}\n";
    write_unit(
        tmp.path(),
        "league/b",
        &[("certificates.yaml", Some(kinship.as_bytes()))],
    );
    let output = jianfu(tmp.path())
        .args(["check", "league"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stdout.contains("此行过长，只显示问题附近的部分"),
        "{stdout}"
    );
    // The real position, in characters, and the name beside the finding.
    let column = "certificates: [".chars().count() + filler.chars().count() + "{name: ".len() + 1;
    assert!(
        stdout.contains(&format!("certificates.yaml:1:{column}")),
        "{stdout}"
    );
    assert!(
        stdout.contains("{name: 亲属关系证明, issued_count: 6}]"),
        "{stdout}"
    );
    // The unit after it is reported too: 4 findings, 2 in each unit.
    assert_eq!(
        stdout
            .matches("CERT-001 certificate-on-negative-list")
            .count(),
        2
    );
    assert!(stdout.contains("league/b/certificates.yaml"), "{stdout}");
}

#[test]
fn cr_only_line_endings_give_the_right_lines_and_columns() {
    let tmp = tempfile::tempdir().unwrap();
    let tasks = "tasks:\r  - {name: 城乡居民医保参保动员, assigned_by: 扎赉特旗医疗保障局, list: duty}\r  - {name: 招商引资任务, assigned_by: 音德尔镇人民政府, list: duty}\r";
    write_unit(tmp.path(), "甲", &[("tasks.yaml", Some(tasks.as_bytes()))]);
    let (report, code) = check_json(tmp.path(), &["."]);
    assert_eq!(code, 1);
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "TASK-002")
        .expect("TASK-002");
    assert_eq!(finding["line"], 3, "{finding}");
    assert_eq!(finding["column"], 12, "{finding}");
}
