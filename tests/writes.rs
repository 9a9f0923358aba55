//! Writing files safely: reports never go through a planted link, over a pipe or device as a
//! regular file, or over the inventories being checked; `-` is standard output; concurrent runs
//! leave one whole report; a baseline that is a pipe or device is refused, not waited on.

#![cfg(unix)]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{jianfu, write_unit};

fn league(root: &Path) {
    let certificates = "certificates:\n  - {name: 亲属关系证明, issued_count: 6}\n";
    write_unit(
        root,
        "league/甲",
        &[("certificates.yaml", Some(certificates.as_bytes()))],
    );
}

fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid, NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
}

#[test]
fn a_link_as_output_is_refused_and_its_target_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    league(tmp.path());
    std::fs::write(tmp.path().join("precious.txt"), "keep me").unwrap();
    std::os::unix::fs::symlink("precious.txt", tmp.path().join("report.json")).unwrap();
    let output = jianfu(tmp.path())
        .args([
            "check",
            "league",
            "--format",
            "json",
            "--output",
            "report.json",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("link"));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("precious.txt")).unwrap(),
        "keep me"
    );
    assert!(
        std::fs::symlink_metadata(tmp.path().join("report.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn dash_is_standard_output_everywhere() {
    let tmp = tempfile::tempdir().unwrap();
    league(tmp.path());
    for args in [
        &["check", "league", "--format", "json", "--output", "-"][..],
        &["check", "league", "--format", "json:-"],
        &["bulletin", "league", "--format", "json", "-o", "-"],
    ] {
        let output = jianfu(tmp.path()).args(args).output().unwrap();
        assert!(output.status.code() != Some(2), "{args:?}");
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert!(report.is_object(), "{args:?}");
        assert!(
            !tmp.path().join("-").exists(),
            "{args:?} made a file named -"
        );
    }
}

#[test]
fn a_pipe_as_output_is_written_not_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    league(tmp.path());
    let fifo = tmp.path().join("report.fifo");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let output = jianfu(tmp.path())
        .args([
            "check",
            "league",
            "--format",
            "json",
            "--output",
            "report.fifo",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let received = reader.join().unwrap();
    let report: serde_json::Value = serde_json::from_str(&received).unwrap();
    assert_eq!(report["summary"]["units"], 1);
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}

#[test]
fn an_output_over_an_input_is_refused_before_anything_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    league(tmp.path());
    let unit_file = tmp.path().join("league/甲/certificates.yaml");
    let before = std::fs::read(&unit_file).unwrap();
    for args in [
        &["check", "league", "--output", "league/甲/certificates.yaml"][..],
        &[
            "check",
            "league/甲/certificates.yaml",
            "--format",
            "sarif:league/甲/certificates.yaml",
        ],
        &["check", "league", "--write-baseline", "league/甲/unit.yaml"],
    ] {
        let output = jianfu(tmp.path()).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(std::fs::read(&unit_file).unwrap(), before, "{args:?}");
    }
    let unit = std::fs::read_to_string(tmp.path().join("league/甲/unit.yaml")).unwrap();
    assert!(unit.starts_with("code:"), "unit.yaml was overwritten");
}

#[test]
fn concurrent_runs_leave_one_whole_report() {
    let tmp = tempfile::tempdir().unwrap();
    league(tmp.path());
    write_unit(tmp.path(), "league/乙", &[]);
    for _ in 0..4 {
        let spawn = |format: &str| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("jianfu"))
                .current_dir(tmp.path())
                .args([
                    "check", "league", "--format", format, "--output", "out.json",
                ])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        };
        let mut a = spawn("json");
        let mut b = spawn("sarif");
        a.wait().unwrap();
        b.wait().unwrap();
        let text = std::fs::read_to_string(tmp.path().join("out.json")).unwrap();
        let report: serde_json::Value = serde_json::from_str(&text).expect("one whole report");
        assert!(report.get("summary").is_some() || report.get("runs").is_some());
    }
    let litter: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("jianfu-tmp"))
        .collect();
    assert!(litter.is_empty(), "temporary files left: {litter:?}");
}

#[test]
fn a_baseline_that_is_a_pipe_or_device_is_refused_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    league(tmp.path());
    let fifo = tmp.path().join("baseline.fifo");
    mkfifo(&fifo);
    for baseline in [fifo.to_str().unwrap(), "/dev/zero"] {
        let started = Instant::now();
        let output = jianfu(tmp.path())
            .args(["check", "league", "--baseline", baseline])
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{baseline}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("不是普通文件"),
            "{baseline}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{baseline} hung"
        );
    }
}

#[test]
fn convert_overwrites_only_with_force_and_says_comments_would_be_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let unit = write_unit(tmp.path(), "甲", &[]);
    let commented = format!("# 本单位基本信息\n{}", common::UNIT);
    std::fs::write(unit.join("unit.yaml"), &commented).unwrap();
    let output = jianfu(tmp.path())
        .args(["convert", "甲", "--to", "yaml", "甲"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--force"), "{stderr}");
    assert!(stderr.contains("注释"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(unit.join("unit.yaml")).unwrap(),
        commented
    );

    let output = jianfu(tmp.path())
        .args(["convert", "甲", "--to", "yaml", "甲", "--force"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(
        !std::fs::read_to_string(unit.join("unit.yaml"))
            .unwrap()
            .contains('#')
    );
}

#[test]
fn csv_cells_that_look_like_formulas_are_neutralised_and_read_back_unchanged() {
    let tmp = tempfile::tempdir().unwrap();
    let dangerous = [
        "=HYPERLINK(\"http://x\",\"点此\")",
        "+1+1",
        "-2",
        "@SUM(A1)",
        "'单引号开头",
        "'=已加引号",
    ];
    let certificates: String = dangerous
        .iter()
        .map(|name| {
            format!(
                "  - {{name: {}, basis: 条例, issued_count: 1}}\n",
                serde_json::to_string(name).unwrap()
            )
        })
        .collect();
    write_unit(
        tmp.path(),
        "甲",
        &[(
            "certificates.yaml",
            Some(format!("certificates:\n{certificates}").as_bytes()),
        )],
    );
    let output = jianfu(tmp.path())
        .args(["convert", "甲", "--to", "csv", "乙"])
        .output()
        .unwrap();
    assert!(output.status.code() != Some(2), "{output:?}");
    let csv = std::fs::read_to_string(tmp.path().join("乙/证明事项.csv")).unwrap();
    for line in csv.lines().skip(1) {
        let first = line.trim_start_matches('\u{feff}').trim_start_matches('"');
        assert!(
            !first.starts_with(['=', '+', '-', '@']),
            "a cell Excel would run: {line}"
        );
    }
    // Back to YAML: every name as it was.
    let output = jianfu(tmp.path())
        .args(["convert", "乙", "--to", "yaml", "丙"])
        .output()
        .unwrap();
    assert!(output.status.code() != Some(2), "{output:?}");
    let back = std::fs::read_to_string(tmp.path().join("丙/certificates.yaml")).unwrap();
    for name in dangerous {
        assert!(
            back.contains(&serde_json::to_string(name).unwrap())
                || back.contains(&format!("name: {name}"))
                || back.contains(&format!("'{}'", name.replace('\'', "''"))),
            "{name} not read back in:\n{back}"
        );
    }
}
