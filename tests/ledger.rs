//! `jianfu ledger`: the rectification ledger (整改台账), its statuses across three periods
//! (new, still open, fixed, rebound, waived), and the workbook an office prints.

mod common;

use std::path::{Path, PathBuf};

use common::{jianfu, write_unit};
use serde_json::Value;

/// A group that demands check-ins (GROUP-002) when `checkin`, and one never approved
/// (GROUP-006).
fn groups(checkin: bool) -> String {
    let demands = if checkin { "[checkin]" } else { "[]" };
    format!(
        "groups:\n  - {{name: 音德尔镇嘎查书记工作群, platform: wechat, created_by: 音德尔镇党委, purpose: 工作通知, approved: true, members: 40, created: 2024-01-05, last_active: 2025-06-20, demands: {demands}}}\n  - {{name: 扎赉特旗医保征缴工作群, platform: wechat, created_by: 扎赉特旗医疗保障局, purpose: 医保征缴, approved: false, members: 80, created: 2024-02-05, last_active: 2025-06-22, demands: []}}\n"
    )
}

/// `jianfu ledger` of the unit under `root/period`, as JSON, against `previous`.
fn ledger(root: &Path, period: &str, previous: Option<&Path>, date: &str) -> (Value, PathBuf) {
    let out = root.join(format!("{period}.json"));
    let mut cmd = jianfu(root);
    cmd.args(["ledger", period, "--format", "json", "--date", date, "-o"])
        .arg(&out);
    if let Some(previous) = previous {
        cmd.arg("--previous").arg(previous);
    }
    let output = cmd.output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    (json, out)
}

/// (rule, status) of every row, sorted.
fn statuses(ledger: &Value) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = ledger["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["rule"].as_str().unwrap().to_owned(),
                e["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    rows.sort();
    rows
}

fn pair(rule: &str, status: &str) -> (String, String) {
    (rule.to_owned(), status.to_owned())
}

#[test]
fn statuses_follow_each_problem_across_three_periods() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    // Period 1: both problems are new.
    write_unit(
        root,
        "p1/甲",
        &[("groups.yaml", Some(groups(true).as_bytes()))],
    );
    let (first, first_path) = ledger(root, "p1", None, "2025-07-10");
    assert_eq!(
        statuses(&first),
        [pair("GROUP-002", "new"), pair("GROUP-006", "new")]
    );
    // Deadlines run from the period's end (2025-06-30) by severity, off rest days: 30 days
    // is Wednesday 30 July 2025.
    let entry = &first["entries"][0];
    assert_eq!(entry["deadline"], "2025-07-30");
    assert_eq!(entry["status_label"], "新发现");
    // Period 2: the check-in demand is dropped, the unapproved group stays: fixed and still
    // open, overdue since the deadline passed.
    write_unit(
        root,
        "p2/甲",
        &[("groups.yaml", Some(groups(false).as_bytes()))],
    );
    let (second, second_path) = ledger(root, "p2", Some(&first_path), "2025-08-09");
    assert_eq!(
        statuses(&second),
        [pair("GROUP-002", "fixed"), pair("GROUP-006", "open")]
    );
    let open = second["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["status"] == "open")
        .unwrap();
    assert_eq!(
        open["deadline"], "2025-07-30",
        "an open problem keeps its deadline"
    );
    assert_eq!(open["overdue_days"], 10);
    assert_eq!(open["note"], "已逾期 10 天");
    let league = second["totals"].as_array().unwrap().last().unwrap();
    assert_eq!(league["league"], true);
    assert_eq!(league["fixed"], 1);
    assert_eq!(league["rate"], 50.0, "one of the two open problems fixed");
    // Period 3: the check-in demand is back (a rebound), and the unapproved group is waived.
    write_unit(
        root,
        "p3/甲",
        &[("groups.yaml", Some(groups(true).as_bytes()))],
    );
    std::fs::write(
        root.join("p3/jianfu.yaml"),
        "waivers:\n  - rule: GROUP-006\n    unit: \"152223100201\"\n    reason: 医保征缴群正在补办审批\n    approver: 扎赉特旗减负办\n    expires: 2025-12-31\n",
    )
    .unwrap();
    let (third, _) = ledger(root, "p3", Some(&second_path), "2025-10-09");
    assert_eq!(
        statuses(&third),
        [pair("GROUP-002", "rebound"), pair("GROUP-006", "waived")]
    );
    let waived = third["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["status"] == "waived")
        .unwrap();
    assert_eq!(
        waived["note"],
        "经扎赉特旗减负办批准豁免至 2025-12-31：医保征缴群正在补办审批"
    );
    // The responsible body is the one that imposes the burden, then the unit.
    assert_eq!(waived["body"], "扎赉特旗医疗保障局");
}

#[test]
fn a_ledger_that_is_not_one_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    write_unit(tmp.path(), "p1/甲", &[]);
    std::fs::write(tmp.path().join("bad.json"), "{\"version\": 1}").unwrap();
    let output = jianfu(tmp.path())
        .args(["ledger", "p1", "--format", "json", "--previous", "bad.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("不是 jianfu ledger --format json 写的整改台账"),
        "{stderr}"
    );
    // A workbook is not poured onto a terminal.
    let output = jianfu(tmp.path()).args(["ledger", "p1"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    // The workbook's rows go through a temporary file: without a directory for it, the run
    // says so and how to name another, and writes nothing.
    let output = jianfu(tmp.path())
        .args(["ledger", "p1", "-o", "台账.xlsx"])
        .env("TMPDIR", "/nonexistent/jianfu-scratch")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for part in [
        "整改台账工作簿的临时文件",
        "/nonexistent/jianfu-scratch",
        "TMPDIR",
    ] {
        assert!(stderr.contains(part), "{part} not in {stderr}");
    }
    assert!(!tmp.path().join("台账.xlsx").exists());
}

/// The example league's second quarter against its first, as the office's workbook and as CSV.
#[test]
fn the_example_league_ledger_as_a_workbook_and_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let previous = tmp.path().join("q1.json");
    let run = |args: &[&str]| {
        let output = jianfu(&root)
            .args(args)
            .env("SOURCE_DATE_EPOCH", "1751500800")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        output
    };
    run(&[
        "ledger",
        "examples/xingan-2025-Q1",
        "--date",
        "2025-04-15",
        "--format",
        "json",
        "-o",
        previous.to_str().unwrap(),
    ]);
    let xlsx = tmp.path().join("整改台账.xlsx");
    let q2 = [
        "ledger",
        "examples/xingan",
        "--date",
        "2025-07-15",
        "--previous",
        previous.to_str().unwrap(),
    ];
    let mut args = q2.to_vec();
    args.extend(["-o", xlsx.to_str().unwrap()]);
    run(&args);
    use calamine::{Data, Reader, Xlsx};
    let mut workbook: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    assert_eq!(workbook.sheet_names(), ["整改台账", "汇总"]);
    let rows = workbook.worksheet_range("整改台账").unwrap();
    let header: Vec<String> = rows
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(Data::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "序号",
            "旗县市区",
            "苏木乡镇（街道）",
            "嘎查村（社区）",
            "问题类别",
            "问题描述",
            "政策依据",
            "整改措施",
            "责任单位",
            "整改时限",
            "整改状态",
            "备注"
        ]
    );
    let statuses: Vec<String> = rows.rows().skip(2).map(|r| r[10].to_string()).collect();
    // The entries' sheet is written a row at a time (low-memory mode): each row once, in
    // order, every entry with the height its wrapped text needs.
    let mut package = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut package.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    let row = regex::Regex::new(r#"<row r="(\d+)"([^>]*)>"#).unwrap();
    let numbers: Vec<(u32, bool)> = row
        .captures_iter(&sheet)
        .map(|c| (c[1].parse().unwrap(), c[2].contains("customHeight")))
        .collect();
    assert!(numbers.windows(2).all(|w| w[0].0 < w[1].0), "{numbers:?}");
    let entries = &numbers[2..2 + statuses.len()];
    assert!(entries.iter().all(|&(_, high)| high), "{entries:?}");
    for status in ["已整改", "未整改", "新发现", "豁免"] {
        assert!(statuses.iter().any(|s| s == status), "{status}");
    }
    let totals = workbook.worksheet_range("汇总").unwrap();
    let last: Vec<String> = totals
        .rows()
        .next_back()
        .unwrap()
        .iter()
        .map(Data::to_string)
        .collect();
    assert_eq!(last[0], "合计");
    assert!(last[7].ends_with('%'), "{last:?}");
    // The CSV has the same rows under the same header, for Excel and WPS (a BOM first).
    let mut args = q2.to_vec();
    args.extend(["--format", "csv"]);
    let csv = run(&args).stdout;
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    assert!(text.starts_with("序号,旗县市区,苏木乡镇（街道）"), "{text}");
    assert_eq!(text.lines().count(), statuses.len() + 1);
}

/// Banners check their own units and the league merges their JSON reports: the ledger is the
/// one a single run over the whole league gives.
#[test]
fn a_ledger_merged_from_banner_reports_equals_one_run() {
    let tmp = tempfile::tempdir().unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let banners = [
        "152201-乌兰浩特市",
        "152221-科尔沁右翼前旗",
        "152223-扎赉特旗",
    ];
    let mut reports = Vec::new();
    for banner in banners {
        let report = tmp.path().join(format!("{banner}.json"));
        let output = jianfu(&root)
            .args(["check", &format!("examples/xingan/2025-Q2/{banner}")])
            .args(["--date", "2025-07-15", "--format"])
            .arg(format!("json:{}", report.display()))
            .output()
            .unwrap();
        assert!(output.status.code().is_some_and(|c| c <= 1));
        reports.push(report);
    }
    let ledger = |args: &[&str]| -> Value {
        let output = jianfu(&root)
            .arg("ledger")
            .args(args)
            .args(["--date", "2025-07-15", "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap()
    };
    let one_run = ledger(&["examples/xingan"]);
    let mut args = vec!["--reports"];
    args.extend(reports.iter().map(|r| r.to_str().unwrap()));
    let merged = ledger(&args);
    assert!(one_run["entries"].as_array().unwrap().len() > 100);
    assert_eq!(merged, one_run);
    // Reports of another period, or made under other rules, are refused.
    let other = tmp.path().join("other.json");
    let text = std::fs::read_to_string(&reports[0]).unwrap();
    std::fs::write(&other, text.replace("\"2025-Q2\"", "\"2025-Q1\"")).unwrap();
    let output = jianfu(&root)
        .args(["ledger", "--format", "json", "--reports"])
        .args([&reports[1], &other])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("不同的报告期"));
    let policies = text
        .split("\"policies\":\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    std::fs::write(&other, text.replace(policies, "0000000000000000")).unwrap();
    let output = jianfu(&root)
        .args(["ledger", "--format", "json", "--reports"])
        .args([&reports[1], &other])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("policies"));
}

/// A report or a last ledger edited by hand, with Chinese before the mistake: the error names
/// the column an editor shows, not serde_json's count of bytes.
#[test]
fn json_read_back_is_faulted_at_the_editors_column() {
    let tmp = tempfile::tempdir().unwrap();
    write_unit(
        tmp.path(),
        "u",
        &[("groups.yaml", Some(groups(true).as_bytes()))],
    );
    // A `:` is missing before the `1`, character 35 of line 2 (byte 51).
    let broken = "{\"version\": 1,\n \"tool\": {\"name\": \"中文中文中文中文\", \"x\" 1}}\n";
    std::fs::write(tmp.path().join("broken.json"), broken).unwrap();
    // A whole report, broken in a finding's line after its Chinese: read after the report's head.
    let check = jianfu(tmp.path())
        .args([
            "check",
            "u",
            "--format",
            "json",
            "--with-units",
            "--fail-on",
            "never",
        ])
        .output()
        .unwrap();
    let report = String::from_utf8(check.stdout).unwrap();
    let (line, finding) = report
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("\"message\":\""))
        .expect("a finding");
    let at = finding.find("\"message\":\"").unwrap() + "\"message\"".len();
    // The `:` becomes a space; the error is at the quote after it, which has no `:` before it.
    let column = finding[..at].chars().count() + 2;
    assert!(column < at + 1, "Chinese before the mistake: {finding}");
    let broken_report = report.replacen(
        finding,
        &format!("{} {}", &finding[..at], &finding[at + 1..]),
        1,
    );
    std::fs::write(tmp.path().join("report.json"), broken_report).unwrap();
    let in_report = format!("at line {} column {column}", line + 1);
    for (args, want) in [
        (
            &["ledger", "--format", "json", "--reports", "broken.json"][..],
            "at line 2 column 35",
        ),
        (
            &["ledger", "--format", "json", "--reports", "report.json"],
            &in_report,
        ),
        (
            &[
                "ledger",
                "u",
                "--format",
                "json",
                "--previous",
                "broken.json",
            ],
            "at line 2 column 35",
        ),
    ] {
        let output = jianfu(tmp.path()).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            common::unframed(&stderr).contains(want),
            "{args:?}: {want}: {stderr}"
        );
    }
}
