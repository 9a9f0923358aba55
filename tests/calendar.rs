//! MEET-004 and the holiday calendars by year: the published years, a year a league adds in
//! `jianfu.yaml`, and the one note per run for a year with no calendar.

mod common;

use common::{jianfu, write_unit};

/// Two units, each with a meeting on 2027-10-01 (a Friday) and one on 2027-10-02 (a Saturday).
fn league_with_meetings_in_2027(root: &std::path::Path) {
    let meetings = "meetings:\n  - {title: 国庆节当日部署会, date: 2027-10-01, convened_by: 音德尔镇党委, level: township, purpose: work, duration_minutes: 60, attendees: 1}\n  - {title: 周六部署会, date: 2027-10-02, convened_by: 音德尔镇党委, level: township, purpose: work, duration_minutes: 60, attendees: 1}\n";
    for dir in ["甲", "乙"] {
        write_unit(root, dir, &[("meetings.yaml", Some(meetings.as_bytes()))]);
    }
}

fn meet_004_paths(stdout: &[u8]) -> Vec<String> {
    let report: serde_json::Value = serde_json::from_slice(stdout).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "MEET-004")
        .map(|f| f["path"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_year_without_calendar_is_checked_by_weekends_and_noted_once() {
    let tmp = tempfile::tempdir().unwrap();
    league_with_meetings_in_2027(tmp.path());
    let output = jianfu(tmp.path())
        .args(["check", ".", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        meet_004_paths(&output.stdout),
        ["meetings[1].date", "meetings[1].date"],
        "only the Saturdays, in both units"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.matches("2027 年的节假日安排").count(), 1, "{stderr}");
    assert!(stderr.contains("calendars"), "{stderr}");
}

#[test]
fn a_league_adds_a_newly_published_year_in_its_configuration() {
    let tmp = tempfile::tempdir().unwrap();
    league_with_meetings_in_2027(tmp.path());
    std::fs::write(
        tmp.path().join("jianfu.yaml"),
        "calendars:\n  2027:\n    source: 示例：国务院办公厅关于2027年部分节假日安排的通知\n    holidays: [2027-10-01..2027-10-07]\n    workdays: []\n",
    )
    .unwrap();
    let output = jianfu(tmp.path())
        .args(["check", ".", "--format", "json", "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(
        meet_004_paths(&output.stdout),
        [
            "meetings[0].date",
            "meetings[1].date",
            "meetings[0].date",
            "meetings[1].date"
        ]
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("no holiday calendar"), "{stderr}");
}

#[test]
fn a_calendar_without_a_source_is_a_configuration_error() {
    let tmp = tempfile::tempdir().unwrap();
    write_unit(tmp.path(), "甲", &[]);
    std::fs::write(
        tmp.path().join("jianfu.yaml"),
        "calendars:\n  2027:\n    source: \"\"\n    holidays: [2027-10-01]\n",
    )
    .unwrap();
    let output = jianfu(tmp.path()).args(["check", "."]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("source"), "{stderr}");
    assert!(stderr.contains("jianfu.yaml"), "{stderr}");
}
