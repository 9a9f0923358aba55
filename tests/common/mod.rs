//! Helpers shared by the integration tests: build unit trees in a temporary directory and run
//! the real binary on them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// A valid `unit.yaml` for 音德尔镇 巴彦淖尔嘎查, period 2025-Q2.
pub const UNIT: &str = "code: \"152223100201\"\nname: 巴彦淖尔嘎查\nkind: village\nbanner: 扎赉特旗\ntownship: 音德尔镇\nperiod: 2025-Q2\ninstitutions: 4\n";

/// The seven section files, each with an empty list.
pub const EMPTY_SECTIONS: &[(&str, &str)] = &[
    ("tasks.yaml", "tasks: []\n"),
    ("signage.yaml", "signs: []\n"),
    ("certificates.yaml", "certificates: []\n"),
    ("groups.yaml", "groups: []\n"),
    ("reports.yaml", "reports: []\n"),
    ("meetings.yaml", "meetings: []\n"),
    ("inspections.yaml", "inspections: []\n"),
];

/// Write a unit under `root/dir`: the valid unit.yaml and empty sections, with `files`
/// replacing (or, with `None`, removing) some of them.
pub fn write_unit(root: &Path, dir: &str, files: &[(&str, Option<&[u8]>)]) -> PathBuf {
    let unit_dir = root.join(dir);
    std::fs::create_dir_all(&unit_dir).expect("create unit dir");
    std::fs::write(unit_dir.join("unit.yaml"), UNIT).expect("write unit.yaml");
    for (name, text) in EMPTY_SECTIONS {
        std::fs::write(unit_dir.join(name), text).expect("write section");
    }
    for (name, content) in files {
        let path = unit_dir.join(name);
        match content {
            Some(bytes) => std::fs::write(&path, bytes).expect("write file"),
            None => std::fs::remove_file(&path).expect("remove file"),
        }
    }
    unit_dir
}

/// `jianfu` with a clean environment, run in `dir`.
pub fn jianfu(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("jianfu").expect("binary");
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CI")
        .env("COLUMNS", "100")
        // Waivers expire by the calendar: fix the day so that results do not change with it.
        .env("JIANFU_TODAY", "2026-11-26");
    cmd
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// An error report's words on one line, without the frame miette wraps long ones in (its `│`
/// and line breaks), so that a phrase is found wherever the report broke it.
pub fn unframed(stderr: &str) -> String {
    let words: Vec<&str> = stderr.split_whitespace().filter(|w| *w != "│").collect();
    words.join(" ")
}

/// Run `jianfu check --format json ARGS` in `dir` and parse the report.
pub fn check_json(dir: &Path, args: &[&str]) -> (serde_json::Value, i32) {
    let output = jianfu(dir)
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("run jianfu");
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            stdout(&output),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (report, output.status.code().unwrap_or(-1))
}

/// The findings of a report as `(rule, file suffix, path)` triples.
pub fn rule_paths(report: &serde_json::Value) -> Vec<(String, String, String)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap_or_default();
            let name = Path::new(file)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (
                f["rule"].as_str().unwrap_or_default().to_owned(),
                name,
                f["path"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// An outside program a test needs (Chromium, LibreOffice), when it is installed. Without it
/// the test is skipped with a message saying how to run it, so `cargo test` passes on a machine
/// with only the Rust toolchain; `.ci/run` installs the programs and sets
/// `JIANFU_REQUIRE_TOOLS=1`, which turns a missing program into a failure.
pub fn external_tool(program: &'static str, install: &str) -> Option<&'static str> {
    external_tool_answering(program, "--version", install)
}

/// [`external_tool`] for a program that prints its version for `flag` (poppler's tools answer
/// `-v`, not `--version`).
pub fn external_tool_answering(
    program: &'static str,
    flag: &str,
    install: &str,
) -> Option<&'static str> {
    let found = std::process::Command::new(program)
        .arg(flag)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if found {
        return Some(program);
    }
    assert!(
        std::env::var("JIANFU_REQUIRE_TOOLS").as_deref() != Ok("1"),
        "{program} is not installed, and JIANFU_REQUIRE_TOOLS=1 makes this test mandatory: {install}"
    );
    // Written to stderr directly, not with eprintln!, which the test harness would swallow
    // for a test that passes: the skip must be seen.
    use std::io::Write as _;
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: {program} is not installed. To run this test: {install}, then cargo test \
         (bash .ci/run does both)"
    );
    None
}

/// Run `program` with `args`, killed (and the test failed) after `limit`.
pub fn run_with_limit(
    program: &str,
    args: &[String],
    limit: std::time::Duration,
) -> std::process::ExitStatus {
    let mut child = std::process::Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {program}: {e}"));
    let start = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for the program") {
            return status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{program} did not finish within {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// The pixels of a PNG as RGB triples.
pub fn rgb_pixels(path: &Path) -> Vec<[u8; 3]> {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(path).expect("screenshot exists"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buffer = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buffer).expect("a frame");
    let bytes = &buffer[..info.buffer_size()];
    let channels = match info.color_type {
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        other => panic!("unexpected colour type {other:?}"),
    };
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    bytes
        .chunks_exact(channels)
        .map(|p| [p[0], p[1], p[2]])
        .collect()
}
