//! Hostile input end to end. Inventories come from hundreds of clerks and from people who want a
//! check to pass, so every byte is treated as hostile: each attack below must end in a clear
//! SUBMIT finding at the file it is in, the run must finish (exit 1, never 2, never a hang), and
//! a normal sibling unit's findings must all still be reported.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{jianfu, write_unit};

/// Signage with two findings of its own (SIGN-001, SIGN-002): the sibling no attack may hide.
const NORMAL_SIGNAGE: &str = "signs:\n  - name: 卫生室\n    placement: exterior\n    type: plaque\n    issued_by: 扎赉特旗卫生健康委员会\n";

/// Long enough for the slowest machine; a hang is what this catches, not slowness.
const RUN_TIMEOUT: Duration = Duration::from_secs(300);

/// One finding, reduced to what the assertions look at.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Seen {
    rule: String,
    /// The file's name inside its unit.
    file: String,
    message: String,
    help: String,
    line: u64,
    column: u64,
}

/// Run `jianfu check . --format json --lang en` in `root` and parse the report.
fn check(root: &Path, extra: &[&str]) -> (serde_json::Value, i32) {
    let output = jianfu(root)
        .args(["check", ".", "--format", "json", "--lang", "en"])
        .args(extra)
        .timeout(RUN_TIMEOUT)
        .output()
        .expect("run jianfu");
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (report, output.status.code().unwrap_or(-1))
}

/// The findings of a report grouped by unit directory (the path's first component).
fn by_unit(report: &serde_json::Value) -> BTreeMap<String, Vec<Seen>> {
    let mut units: BTreeMap<String, Vec<Seen>> = BTreeMap::new();
    // Every unit of these trees is written from the one `unit.yaml`, so all share its code:
    // SUBMIT-008 (tested in tests/submit.rs) would fire on all but the first.
    let findings = report["findings"].as_array().expect("findings");
    for f in findings.iter().filter(|f| f["rule"] != "SUBMIT-008") {
        let file = f["file"].as_str().unwrap_or_default();
        let mut parts = Path::new(file)
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        let unit = parts.next().unwrap_or_default();
        let name = Path::new(file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        units.entry(unit).or_default().push(Seen {
            rule: f["rule"].as_str().unwrap_or_default().to_owned(),
            file: name,
            message: f["message"].as_str().unwrap_or_default().to_owned(),
            help: f["help"].as_str().unwrap_or_default().to_owned(),
            line: f["line"].as_u64().unwrap_or(0),
            column: f["column"].as_u64().unwrap_or(0),
        });
    }
    units
}

fn rules_and_files(seen: &[Seen]) -> Vec<(&str, &str)> {
    seen.iter()
        .map(|s| (s.rule.as_str(), s.file.as_str()))
        .collect()
}

/// The classic billion laughs: ten levels of ten aliases, 10⁹ nodes once expanded.
fn alias_bomb() -> String {
    let mut text = String::from("lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..10 {
        let prev = format!("*lol{}", level - 1);
        let items = [prev.as_str(); 10].join(", ");
        text.push_str(&format!("lol{level}: &lol{level} [{items}]\n"));
    }
    text.push_str("tasks: *lol9\n");
    text
}

/// `tasks:` holding a mapping nested `depth` levels deep, one space of indent per level.
fn deep_block_mapping(depth: usize) -> String {
    let mut text = String::from("tasks:\n");
    for level in 1..=depth {
        text.push_str(&" ".repeat(level));
        text.push_str("k:\n");
    }
    text
}

/// A reports.yaml of `items` valid-looking items and at least `bytes` bytes.
fn huge_reports(items: usize, bytes: usize) -> String {
    let item = |i: usize, pad: &str| {
        format!(
            "  - {{name: 报表{i:06}{pad}, kind: report, requested_by: 第{}局, frequency: monthly, channel: 一表通, fields: [姓名, 身份证号, 字段{}]}}\n",
            i % 30,
            i % 7
        )
    };
    // Each 备 is three bytes: pad every item up to its share of `bytes`.
    let bare = item(0, "").len();
    let pad = "备".repeat((bytes / items).saturating_sub(bare) / 3 + 1);
    let mut text = String::with_capacity(bytes + items * 4);
    text.push_str("reports:\n");
    for i in 0..items {
        text.push_str(&item(i, &pad));
    }
    text
}

/// Bytes from a fixed xorshift generator: "random" binary, the same on every run.
fn noise(len: usize) -> Vec<u8> {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

/// "tasks:\n  - name: 城乡居民医保参保动员\n ..." saved as GBK.
const GBK_TASKS: &[u8] = b"tasks:\n  - name: \xB3\xC7\xCF\xE7\xBE\xD3\xC3\xF1\xD2\xBD\xB1\xA3\xB2\xCE\xB1\xA3\xB6\xAF\xD4\xB1\n    assigned_by: \xD4\xFA\xEA\xE3\xCC\xD8\xC6\xEC\xD2\xBD\xC1\xC6\xB1\xA3\xD5\xCF\xBE\xD6\n    list: assist\n";

/// A valid unit saved with a UTF-8 BOM and CRLF line endings, in every file.
fn write_bom_crlf_unit(root: &Path, dir: &str, signage: &str) -> PathBuf {
    let unit = write_unit(root, dir, &[]);
    for entry in std::fs::read_dir(&unit).expect("unit dir") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("text");
        let text = if path.ends_with("signage.yaml") {
            signage.to_owned()
        } else {
            text
        };
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(text.replace('\n', "\r\n").into_bytes());
        std::fs::write(&path, bytes).expect("write");
    }
    unit
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// The whole hostile tree of the issue, checked in one run.
#[cfg(unix)]
#[test]
fn every_hostile_file_is_a_located_submit_finding_and_the_sibling_is_still_checked() {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::symlink;

    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let signage = NORMAL_SIGNAGE.as_bytes();
    write_unit(root, "normal", &[("signage.yaml", Some(signage))]);
    let bomb = alias_bomb();
    write_unit(root, "alias-bomb", &[("tasks.yaml", Some(bomb.as_bytes()))]);
    // Few aliases, one long string: within the node budget, gigabytes of text once copied.
    let long_text = format!(
        "tasks:\n  - name: &a \"{}\"\n{}",
        "x".repeat(4_000_000),
        "  - name: *a\n".repeat(1_000)
    );
    write_unit(
        root,
        "alias-text",
        &[("tasks.yaml", Some(long_text.as_bytes()))],
    );
    let flow = format!("tasks: {}", "[".repeat(20_000));
    write_unit(
        root,
        "flow-nesting",
        &[("tasks.yaml", Some(flow.as_bytes()))],
    );
    let block = deep_block_mapping(3_000);
    write_unit(
        root,
        "block-nesting",
        &[("tasks.yaml", Some(block.as_bytes()))],
    );
    let huge = huge_reports(150_000, 30 * 1024 * 1024);
    assert!(huge.len() >= 30 * 1024 * 1024);
    write_unit(root, "huge", &[("reports.yaml", Some(huge.as_bytes()))]);
    write_unit(root, "binary", &[("groups.yaml", Some(&noise(4096)))]);
    let utf16 = utf16le_with_bom("certificates: []\n");
    write_unit(root, "utf16", &[("certificates.yaml", Some(&utf16))]);
    write_unit(root, "gbk", &[("tasks.yaml", Some(GBK_TASKS))]);
    write_unit(root, "empty", &[("meetings.yaml", Some(b""))]);
    let dir_unit = write_unit(root, "dir-unit", &[("unit.yaml", None)]);
    std::fs::create_dir(dir_unit.join("unit.yaml")).unwrap();
    let looped = write_unit(root, "loop-file", &[("signage.yaml", None)]);
    symlink("signage.yaml", looped.join("signage.yaml")).unwrap();
    let fifo = write_unit(root, "fifo", &[("inspections.yaml", None)]);
    mkfifo(&fifo.join("inspections.yaml"));
    let device = write_unit(root, "dev-zero", &[("reports.yaml", None)]);
    symlink("/dev/zero", device.join("reports.yaml")).unwrap();
    // A directory whose name is not UTF-8 (0xFF 0xFE then 村).
    let odd_name = std::ffi::OsStr::from_bytes(b"\xFF\xFE\xE6\x9D\x91");
    let odd = write_unit(
        &root.join(odd_name),
        "u",
        &[("tasks.yaml", Some(b"tasks: [oops"))],
    );
    assert!(odd.exists());
    write_bom_crlf_unit(root, "bom-crlf", "signs: []\n");
    // A link from inside the tree back to its root: a loop the walk must not follow.
    std::fs::create_dir_all(root.join("zz-loop/sub")).unwrap();
    symlink(root, root.join("zz-loop/sub/back")).unwrap();

    let (report, code) = check(root, &[]);
    assert_eq!(code, 1, "findings, not a failed run");
    let units = by_unit(&report);
    // Every unit once: the loop added none.
    assert_eq!(report["summary"]["units"], 16, "{:?}", units.keys());

    // The sibling's findings are exactly those it has when checked alone.
    let alone = tempfile::tempdir().unwrap();
    write_unit(alone.path(), "normal", &[("signage.yaml", Some(signage))]);
    let (alone_report, _) = check(alone.path(), &[]);
    assert_eq!(units["normal"], by_unit(&alone_report)["normal"]);
    assert_eq!(
        rules_and_files(&units["normal"]),
        [("SIGN-002", "signage.yaml"), ("SIGN-001", "signage.yaml")]
    );

    let expect = |unit: &str, rule: &str, file: &str, says: &[&str]| {
        let seen = units
            .get(unit)
            .unwrap_or_else(|| panic!("no finding for {unit}: {units:#?}"));
        assert_eq!(rules_and_files(seen), [(rule, file)], "{unit}: {seen:#?}");
        let text = format!("{} / {}", seen[0].message, seen[0].help);
        for word in says {
            assert!(text.contains(word), "{unit}: `{word}` not in {text}");
        }
    };
    let raise = ["jianfu.yaml"];
    expect(
        "alias-bomb",
        "SUBMIT-001",
        "tasks.yaml",
        &["limits.max_alias_nodes", raise[0]],
    );
    expect(
        "alias-text",
        "SUBMIT-001",
        "tasks.yaml",
        &["limits.max_file_bytes", "alias bomb", raise[0]],
    );
    expect(
        "flow-nesting",
        "SUBMIT-001",
        "tasks.yaml",
        &["limits.max_depth", raise[0]],
    );
    expect(
        "block-nesting",
        "SUBMIT-001",
        "tasks.yaml",
        &["limits.max_depth", raise[0]],
    );
    expect(
        "huge",
        "SUBMIT-001",
        "reports.yaml",
        &["limits.max_file_bytes", raise[0]],
    );
    expect("binary", "SUBMIT-005", "groups.yaml", &["not UTF-8"]);
    expect(
        "utf16",
        "SUBMIT-005",
        "certificates.yaml",
        &["UTF-16LE", "iconv"],
    );
    expect("gbk", "SUBMIT-005", "tasks.yaml", &["GBK", "iconv -f GBK"]);
    expect(
        "empty",
        "SUBMIT-002",
        "meetings.yaml",
        &["empty", "meetings: []"],
    );
    expect("dir-unit", "SUBMIT-001", "unit.yaml", &["directory"]);
    expect("loop-file", "SUBMIT-001", "signage.yaml", &["cannot read"]);
    expect(
        "fifo",
        "SUBMIT-001",
        "inspections.yaml",
        &["not a regular file"],
    );
    expect(
        "dev-zero",
        "SUBMIT-001",
        "reports.yaml",
        // Refused before it is opened: a link out of the tree (a device inside the tree, such
        // as the pipe above, is "not a regular file").
        &["leads outside the tree being checked", "/dev/zero"],
    );
    assert!(
        !units.contains_key("bom-crlf"),
        "{:?}",
        units.get("bom-crlf")
    );
    assert!(!units.contains_key("zz-loop"));

    // The odd name is shown, lossily, and its file is still checked.
    let odd_findings: Vec<_> = units
        .iter()
        .filter(|(unit, _)| unit.contains('\u{FFFD}'))
        .collect();
    assert_eq!(odd_findings.len(), 1, "{:?}", units.keys());
    assert_eq!(
        rules_and_files(odd_findings[0].1),
        [("SUBMIT-001", "tasks.yaml")]
    );
}

/// A UTF-8 BOM and CRLF endings are valid, and columns still count characters from the line
/// start: the BOM is not a column and `\r` does not end a line early.
/// Issue 16, item 7: a unit's file or a directory that is a link out of the tree checked is not
/// followed (the linked file's lines must not reach a report); links inside the tree are.
#[test]
fn links_out_of_the_tree_are_not_followed() {
    use std::os::unix::fs::symlink;

    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    let tree = tmp.path().join("tree");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(
        outside.join("secret.yaml"),
        "tasks:\n  - name: SECRET-LINE-42\n",
    )
    .unwrap();
    write_unit(
        &outside,
        "elsewhere",
        &[("signage.yaml", Some(NORMAL_SIGNAGE.as_bytes()))],
    );
    let out = write_unit(&tree, "linked-out", &[("tasks.yaml", None)]);
    symlink(outside.join("secret.yaml"), out.join("tasks.yaml")).unwrap();
    // Inside the tree: a shared signage file (not a unit) linked into a unit is read.
    std::fs::create_dir_all(tree.join("common")).unwrap();
    std::fs::write(tree.join("common/signage.yaml"), NORMAL_SIGNAGE).unwrap();
    let inside = write_unit(&tree, "linked-in", &[("signage.yaml", None)]);
    symlink("../common/signage.yaml", inside.join("signage.yaml")).unwrap();
    symlink(outside.join("elsewhere"), tree.join("dir-out")).unwrap();

    let output = jianfu(&tree)
        .args(["check", ".", "--format", "json", "--lang", "en"])
        .timeout(RUN_TIMEOUT)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!text.contains("SECRET-LINE-42"), "{text}");
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let units = by_unit(&report);
    let out_findings = &units["linked-out"];
    let link = out_findings
        .iter()
        .find(|f| f.file == "tasks.yaml")
        .expect("a finding at the link");
    assert_eq!(link.rule, "SUBMIT-001");
    assert!(
        link.message
            .contains("leads outside the tree being checked"),
        "{link:?}"
    );
    let mut in_rules: Vec<_> = units["linked-in"].iter().map(|f| f.rule.as_str()).collect();
    in_rules.sort();
    assert_eq!(
        in_rules,
        ["SIGN-001", "SIGN-002"],
        "the linked file is read"
    );
    assert!(!units.contains_key("dir-out"), "{units:?}");
    assert!(
        stderr.contains("dir-out") && stderr.contains("outside the tree"),
        "{stderr}"
    );
}

#[test]
fn bom_and_crlf_keep_lines_and_columns_right() {
    let tmp = tempfile::tempdir().unwrap();
    let signage =
        "signs:\n  - name: 卫生室\n    placement: 外挂\n    type: plaque\n    issued_by: 镇\n";
    write_bom_crlf_unit(tmp.path(), "甲", signage);
    let (report, _) = check(tmp.path(), &[]);
    let findings = &by_unit(&report)["甲"];
    let bad = findings
        .iter()
        .find(|f| f.rule == "SUBMIT-002")
        .unwrap_or_else(|| panic!("{findings:#?}"));
    assert_eq!(
        (bad.file.as_str(), bad.line, bad.column),
        ("signage.yaml", 3, 16)
    );
    assert!(bad.message.contains("外挂"), "{}", bad.message);
    assert_eq!(findings.len(), 1, "{findings:#?}");

    // Byte offsets count the BOM: they are offsets into the file as saved.
    let raw = report["findings"]
        .as_array()
        .and_then(|all| all.iter().find(|f| f["rule"] == "SUBMIT-002"))
        .expect("the finding in JSON");
    let (start, end) = (raw["byte_start"].as_u64(), raw["byte_end"].as_u64());
    let (start, end) = (start.unwrap() as usize, end.unwrap() as usize);
    let bytes = std::fs::read(tmp.path().join("甲/signage.yaml")).unwrap();
    assert_eq!(std::str::from_utf8(&bytes[start..end]), Ok("外挂"));
}

/// A file deleted after discovery, before loading (a race a CLI run cannot time): a SUBMIT
/// finding at that file, not a crash; a unit whose whole directory vanished is reported too.
#[test]
fn files_that_disappear_after_discovery_are_findings() {
    use jianfu::check::{CheckOptions, Policies, check_units};
    use jianfu::config::LoadedConfig;
    use jianfu::discover::discover_units;
    use jianfu::policy::PolicySet;

    let tmp = tempfile::tempdir().unwrap();
    let kept = write_unit(tmp.path(), "甲", &[]);
    let gone = write_unit(tmp.path(), "乙", &[]);
    let units = discover_units(&[tmp.path().to_path_buf()]).unwrap();
    assert_eq!(units.len(), 2);
    std::fs::remove_file(kept.join("unit.yaml")).unwrap();
    std::fs::remove_file(kept.join("groups.yaml")).unwrap();
    std::fs::remove_dir_all(&gone).unwrap();

    let policies = Policies::new(PolicySet::builtin().unwrap(), LoadedConfig::default()).unwrap();
    let options = CheckOptions {
        ..CheckOptions::default()
    };
    let results = check_units(&units, &policies, &options);
    let result_of = |dir: &Path| {
        results
            .iter()
            .find(|r| r.unit.dir == dir.display().to_string())
            .expect("a result per discovered unit")
    };
    let kept_result = result_of(&kept);
    let kept_findings: Vec<(&str, &str)> = kept_result
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.id.as_str(),
                f.file.path.rsplit('/').next().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        kept_findings,
        [("SUBMIT-003", "groups.yaml"), ("SUBMIT-001", "unit.yaml")]
    );
    let message = jianfu::wording::Locale::from(jianfu::finding::Lang::En)
        .finding_message(&kept_result.findings[1]);
    assert!(message.contains("cannot read"), "{message}");
    assert!(
        result_of(&gone)
            .findings
            .iter()
            .any(|f| f.rule.id == "SUBMIT-001" && f.file.path.ends_with("unit.yaml"))
    );
}

/// A limit breach names its key, and raising that key in jianfu.yaml lets the file through.
#[test]
fn limits_are_configured_in_jianfu_yaml() {
    let tmp = tempfile::tempdir().unwrap();
    let deep = format!("tasks: {}{}\n", "[".repeat(70), "]".repeat(70));
    write_unit(tmp.path(), "甲", &[("tasks.yaml", Some(deep.as_bytes()))]);
    let (report, _) = check(tmp.path(), &[]);
    let seen = &by_unit(&report)["甲"];
    assert!(seen[0].message.contains("limits.max_depth"), "{seen:#?}");
    assert!(
        seen[0].help.contains("limits: {max_depth: 128}"),
        "{seen:#?}"
    );

    std::fs::write(
        tmp.path().join("jianfu.yaml"),
        "limits:\n  max_depth: 128\n",
    )
    .unwrap();
    let (report, _) = check(tmp.path(), &[]);
    let seen = &by_unit(&report)["甲"];
    // Now it loads, and the nesting is a schema problem, not a limit.
    assert!(seen.iter().all(|f| f.rule == "SUBMIT-002"), "{seen:#?}");

    // A limit above its ceiling is a located configuration error (exit 2).
    std::fs::write(
        tmp.path().join("jianfu.yaml"),
        "limits:\n  max_depth: 100000\n",
    )
    .unwrap();
    let output = jianfu(tmp.path())
        .args(["check", "."])
        .timeout(RUN_TIMEOUT)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("limits.max_depth may"), "{stderr}");
    assert!(stderr.contains("at most 256, got 100000"), "{stderr}");
}

/// Inventory text full of control characters, quotes and markup: the JSON report stays valid
/// JSON and keeps quotes and markup as text; no report carries a raw control character.
#[test]
fn reports_stay_well_formed_whatever_the_text() {
    let tmp = tempfile::tempdir().unwrap();
    let nasty = r#"signs:
  - name: "<b>\"牌\"</b> & 'x' \e]0;pwned\a\e[2J\u202Eevil"
    placement: exterior
    type: plaque
    issued_by: "</script><script>alert(1)</script>\r\n::error::fake"
"#;
    write_unit(
        tmp.path(),
        "甲",
        &[("signage.yaml", Some(nasty.as_bytes()))],
    );
    let (report, _) = check(tmp.path(), &[]);
    let findings = report["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    let text = serde_json::to_string(&report).unwrap();
    assert!(text.contains(r#"<b>\"牌\"</b> & 'x'"#), "{text}");
    for finding in findings {
        for value in finding.as_object().unwrap().values() {
            let Some(s) = value.as_str() else { continue };
            assert!(
                !s.chars().any(|c| c.is_control() || c == '\u{202E}'),
                "control character in {s:?}"
            );
        }
    }

    let output = jianfu(tmp.path())
        .args(["check", ".", "--lang", "en"])
        .timeout(RUN_TIMEOUT)
        .output()
        .unwrap();
    let human = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(human.contains("SIGN-001"), "{human}");
    let raw: Vec<char> = human
        .chars()
        .filter(|&c| c.is_control() && c != '\n' || c == '\u{202E}')
        .collect();
    assert!(
        raw.is_empty(),
        "raw control characters {raw:?} in:\n{human}"
    );
}

/// `--output` replaces the report whole: a run killed halfway leaves the previous report as it
/// was, and a finished run leaves a complete new one and no temporary file.
#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_the_previous_report_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    // Enough work to be still running when killed: large, valid, unit after unit.
    let reports = huge_reports(10_000, 1024 * 1024);
    for i in 0..3 {
        write_unit(
            root,
            &format!("u{i}"),
            &[("reports.yaml", Some(reports.as_bytes()))],
        );
    }
    let out = root.join("report.json");
    let previous = "{\"previous\": true}\n";
    std::fs::write(&out, previous).unwrap();

    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jianfu"))
        .current_dir(root)
        .args(["check", ".", "--format", "json", "--output", "report.json"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let killed = child.try_wait().unwrap().is_none();
    child.kill().ok();
    child.wait().unwrap();
    let after = std::fs::read_to_string(&out).unwrap();
    if killed {
        assert_eq!(after, previous, "a killed run touched the report");
    } else {
        // The machine was fast enough to finish: then the report is whole.
        let parsed: serde_json::Value = serde_json::from_str(&after).expect("complete JSON");
        assert!(parsed["findings"].is_array());
    }

    // A run that finishes replaces the report with a complete one and leaves nothing behind.
    let status = jianfu(root)
        .args(["check", ".", "--format", "json", "--output", "report.json"])
        .timeout(RUN_TIMEOUT)
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(1));
    let parsed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).expect("complete JSON");
    assert_eq!(parsed["summary"]["units"], 3);
    let leftovers: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&out).unwrap().permissions().mode();
    assert_eq!(
        mode & 0o044,
        0o044,
        "the report is readable by others: {mode:o}"
    );
}

/// The unit heading of the human report shows `unit.yaml`'s name made printable, as findings
/// are: an escape sequence in the name cannot act on the reader's terminal.
#[test]
fn the_human_unit_heading_escapes_the_unit_name() {
    let tmp = tempfile::tempdir().unwrap();
    let unit = common::UNIT.replace("name: 巴彦淖尔嘎查", "name: \"嘎查\\e[2J\\a\"");
    let dir = write_unit(
        tmp.path(),
        "甲",
        &[("signage.yaml", Some(NORMAL_SIGNAGE.as_bytes()))],
    );
    std::fs::write(dir.join("unit.yaml"), unit).unwrap();
    let output = jianfu(tmp.path())
        .args(["check", "."])
        .timeout(RUN_TIMEOUT)
        .output()
        .unwrap();
    let human = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(human.contains("嘎查"), "{human}");
    assert!(!human.contains('\u{1b}'), "raw escape in:\n{human}");
}

/// A policy for `jianfu check --policies`, with `fail` as its condition.
fn policy_with(fail: &str) -> String {
    format!(
        r#"rules:
  - id: HOST-001
    name: hostile
    severity: warning
    clearance: reports
    basis: [{{source: inventory-format}}]
    docs:
      what: {{zh: 测试, en: test}}
      why: {{zh: 测试, en: test}}
      fix: {{zh: 测试, en: test}}
    message: {{zh: "「{{name}}」", en: "{{name}}"}}
    check:
      each: reports
      fail: {fail}
"#
    )
}

/// Run `jianfu check . --policies policies` in `root`; a hostile policy must stop the run
/// (exit 2) with an error that names the policy file, and never hang.
fn check_with_policies(root: &Path) -> (i32, String) {
    let output = jianfu(root)
        .args(["check", ".", "--policies", "policies"])
        .timeout(RUN_TIMEOUT)
        .output()
        .expect("run jianfu");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn a_policy_directory_cannot_hand_over_files_from_outside() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write_unit(root, "甲", &[]);
    std::fs::write(root.join("secret.yaml"), "rules: []\n# SECRET-4711\n").unwrap();
    std::fs::create_dir(root.join("policies")).unwrap();
    symlink(root.join("secret.yaml"), root.join("policies/evil.yaml")).unwrap();
    let (code, stderr) = check_with_policies(root);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("evil.yaml"), "{stderr}");
    assert!(stderr.contains("指向规则目录之外"), "{stderr}");
    assert!(!stderr.contains("SECRET-4711"), "{stderr}");

    // The same for a policy test file, read by `jianfu test`.
    std::fs::remove_file(root.join("policies/evil.yaml")).unwrap();
    std::fs::write(
        root.join("policies/ok.yaml"),
        policy_with("{field: name, present: true}"),
    )
    .unwrap();
    std::fs::create_dir(root.join("policies/tests")).unwrap();
    symlink(
        root.join("secret.yaml"),
        root.join("policies/tests/evil.yaml"),
    )
    .unwrap();
    let output = jianfu(root)
        .args(["test", "policies"])
        .timeout(RUN_TIMEOUT)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("指向规则目录之外"), "{stderr}");
    assert!(!stderr.contains("SECRET-4711"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_pipe_in_a_policy_directory_is_an_error_not_a_hang() {
    let tmp = tempfile::tempdir().unwrap();
    write_unit(tmp.path(), "甲", &[]);
    std::fs::create_dir(tmp.path().join("policies")).unwrap();
    mkfifo(&tmp.path().join("policies/pipe.yaml"));
    let (code, stderr) = check_with_policies(tmp.path());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("pipe.yaml"), "{stderr}");
    assert!(stderr.contains("不是普通文件"), "{stderr}");
}

/// Ten levels of ten aliases of conditions: 10⁹ conditions once expanded.
fn alias_bomb_of_conditions() -> String {
    let mut levels = vec!["&c0 {field: name, present: true}".to_owned()];
    for level in 1..10 {
        let prev = format!("*c{}", level - 1);
        let aliases = [prev.as_str(); 10].join(", ");
        levels.push(format!("&c{level} {{any: [{aliases}]}}"));
    }
    format!("{{all: [{}]}}", levels.join(", "))
}

#[test]
fn hostile_policies_are_located_errors() {
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "a regex that would compile to gigabytes",
            policy_with(r#"{field: name, matches: "((a{100}){100}){100}"}"#),
            "正则表达式过大",
        ),
        (
            "2,500 patterns of a megabyte each",
            policy_with(&format!(
                "{{any: [{}]}}",
                (0..2_500)
                    .map(|i| format!(r#"{{field: name, matches: "\\w{{20}}{i}"}}"#))
                    .collect::<Vec<_>>()
                    .join(",\n    ")
            )),
            "33554432",
        ),
        (
            "an alias bomb of conditions",
            policy_with(&alias_bomb_of_conditions()),
            "breached",
        ),
        (
            "conditions nested 5,000 deep",
            policy_with(&format!(
                "{}{{field: name, present: true}}{}",
                "{not: ".repeat(5_000),
                "}".repeat(5_000)
            )),
            "breached",
        ),
        (
            "an include tag",
            policy_with("{field: name, equals: !include ../secret.yaml}"),
            "hostile.yaml",
        ),
    ];
    for (what, policy, says) in cases {
        let tmp = tempfile::tempdir().unwrap();
        write_unit(tmp.path(), "甲", &[]);
        std::fs::write(tmp.path().join("secret.yaml"), "SECRET-4711\n").unwrap();
        std::fs::create_dir(tmp.path().join("policies")).unwrap();
        std::fs::write(tmp.path().join("policies/hostile.yaml"), policy).unwrap();
        let (code, stderr) = check_with_policies(tmp.path());
        assert!(!stderr.contains("SECRET-4711"), "{what}: {stderr}");
        assert!(!stderr.contains("panicked"), "{what}: {stderr}");
        if what == "an include tag" && code != 2 {
            // A tag is only a tag: the text `../secret.yaml` is compared, no file is read.
            assert_eq!(code, 0, "{what}: {stderr}");
            continue;
        }
        assert_eq!(code, 2, "{what}: {stderr}");
        assert!(stderr.contains(says), "{what}: {stderr}");
        // Located: miette shows the file at the line and column of the problem.
        assert!(
            stderr.contains("[policies/hostile.yaml:"),
            "{what}: {stderr}"
        );
    }
}

/// Issue 16, item 17: a policy's prose (name, basis, fix, docs, message) cannot put terminal
/// control sequences on a screen or a workflow command on a line of its own, in any format.
#[test]
fn policy_text_cannot_inject_controls_or_annotations() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write_unit(
        root,
        "unit",
        &[("signage.yaml", Some(NORMAL_SIGNAGE.as_bytes()))],
    );
    std::fs::create_dir(root.join("policies")).unwrap();
    let policy = r#"sources:
  evil:
    title: "basis\n::error file=x.yaml::forged from basis"
    kind: regulation
rules:
  - id: HOST-001
    name: "hostile\e]0;pwned\a"
    severity: warning
    clearance: signage
    basis: [{source: evil}]
    docs:
      what: {zh: "测试\e[2J", en: "test\e[31m red\n::error::forged from what"}
      why: {zh: 测试, en: test}
      fix: {zh: "修改\e[2J", en: "fix\e[2J\n::warning::forged from fix"}
    message: {zh: "「{name}」\e[2J", en: "{name}\e[2J\n::error::forged from message"}
    check:
      each: signs
      fail: {field: name, present: true}
"#;
    std::fs::write(root.join("policies/evil.yaml"), policy).unwrap();
    let runs: [&[&str]; 5] = [
        &["check", ".", "--policies", "policies", "--rule", "HOST-001"],
        &[
            "check",
            ".",
            "--policies",
            "policies",
            "--format",
            "github",
            "--lang",
            "en",
        ],
        &[
            "check",
            ".",
            "--policies",
            "policies",
            "--format",
            "concise",
            "--lang",
            "en",
        ],
        &[
            "explain",
            "HOST-001",
            "--policies",
            "policies",
            "--lang",
            "en",
        ],
        &["explain", "HOST-001", "--policies", "policies"],
    ];
    for args in runs {
        let output = jianfu(root)
            .args(args)
            .env("NO_COLOR", "1")
            .timeout(RUN_TIMEOUT)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(text.contains("HOST-001"), "{args:?}: {text}");
        assert!(!text.contains('\u{1b}'), "{args:?}: raw escape in\n{text}");
        assert!(!text.contains('\u{7}'), "{args:?}: bell in\n{text}");
        for line in text.lines() {
            let genuine = ["::error", "::warning", "::notice"]
                .iter()
                .any(|command| line.starts_with(&format!("{command} file=./unit/")));
            assert!(
                !line.trim_start().starts_with("::") || genuine,
                "{args:?}: a forged workflow command: {line}"
            );
        }
        assert!(!text.contains("\n::error::forged"), "{args:?}: {text}");
    }
}

/// Characters no output may carry raw from an inventory: controls that act on a terminal (C0
/// but tab and line breaks, DEL, C1) and marks that reorder what a reader sees.
fn is_acting(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Every XML part of a zip (a Word document, a workbook), parsed: each must be well-formed.
fn parse_xml_parts(path: &Path) -> usize {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut parsed = 0;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap().into_owned();
        if !name.ends_with(".xml") {
            continue;
        }
        let mut text = String::new();
        part.read_to_string(&mut text).unwrap();
        if let Err(e) = roxmltree::Document::parse(&text) {
            panic!("{}: {name} is not well-formed: {e}", path.display());
        }
        assert!(!text.contains(is_acting), "{name}: a raw control");
        parsed += 1;
    }
    parsed
}

/// Text from unit.yaml and from items (a unit's name, an item's name, who imposed it) with
/// terminal escapes, a bell, a right-to-left override, C0 controls and the two characters XML
/// forbids (U+FFFE, U+FFFF) reaches every output as text: no raw control in what people read
/// (reports, bulletins, the ledger), JSON that parses, and XML (JUnit, Word, workbooks) that is
/// well-formed.
#[test]
fn inventory_text_reaches_every_output_harmless() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let unit = "code: \"152223100201\"\nname: \"巴彦\\e[2J淖尔\\u202E嘎查\\x01\\uFFFF\"\nkind: village\nbanner: 扎赉特旗\ntownship: 音德尔镇\nperiod: 2025-Q2\ninstitutions: 4\n";
    let signage = "signs:\n  - name: \"卫生室\\e]0;pwned\\a\\uFFFE\\u202E牌\"\n    placement: exterior\n    type: plaque\n    issued_by: \"=1+2扎赉特旗\\x0c卫生\\uFFFF健康委员会\"\n";
    write_unit(
        root,
        "甲",
        &[
            ("unit.yaml", Some(unit.as_bytes())),
            ("signage.yaml", Some(signage.as_bytes())),
        ],
    );
    let run = |args: &[&str]| {
        let output = jianfu(root)
            .args(args)
            .env("NO_COLOR", "1")
            .timeout(RUN_TIMEOUT)
            .output()
            .unwrap();
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    // A bulletin's day and issuer fixed, so that it says the same whenever it runs.
    let dated = |args: &[&'static str]| {
        [args, &["--date", "2025-07-02", "--issuer", "兴安盟减负办"]].concat()
    };
    let read = [
        vec!["check", "."],
        vec!["check", ".", "--format", "concise"],
        vec!["check", ".", "--format", "github"],
        dated(&["bulletin", "."]),
        dated(&["bulletin", ".", "--format", "html"]),
        vec!["ledger", ".", "--format", "csv"],
    ];
    for args in &read {
        let text = run(args);
        assert!(
            text.contains("卫生室"),
            "{args:?}: the sign is missing:\n{text}"
        );
        let acting: Vec<char> = text.chars().filter(|&c| is_acting(c)).collect();
        assert!(acting.is_empty(), "{args:?}: raw {acting:?} in\n{text}");
    }
    let data = [
        vec!["check", ".", "--format", "json"],
        vec!["check", ".", "--format", "sarif"],
        dated(&["bulletin", ".", "--format", "json"]),
        vec!["ledger", ".", "--format", "json"],
    ];
    for args in &data {
        let text = run(args);
        let parsed: Result<serde_json::Value, _> = serde_json::from_str(&text);
        assert!(parsed.is_ok(), "{args:?}: not JSON:\n{text}");
    }
    // A cell of the ledger's CSV that starts like a formula is shown, not run.
    let csv = run(&["ledger", ".", "--format", "csv"]);
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let cells: Vec<String> = rows
        .records()
        .flat_map(|row| row.unwrap().iter().map(str::to_owned).collect::<Vec<_>>())
        .collect();
    assert!(cells.iter().any(|c| c.contains("=1+2扎赉特旗")), "{csv}");
    assert!(
        !cells.iter().any(|c| c.starts_with(['=', '+', '-', '@'])),
        "{csv}"
    );

    let junit = run(&["check", ".", "--format", "junit"]);
    if let Err(e) = roxmltree::Document::parse(&junit) {
        panic!("JUnit is not well-formed: {e}\n{junit}");
    }
    assert!(!junit.contains(is_acting), "JUnit: a raw control:\n{junit}");
    for (mut args, file) in [
        (dated(&["bulletin", ".", "--format", "docx"]), "b.docx"),
        (vec!["ledger", ".", "--format", "xlsx"], "l.xlsx"),
    ] {
        let out = root.join(file);
        args.extend(["-o", out.to_str().unwrap()]);
        run(&args);
        assert!(parse_xml_parts(&out) > 2, "{file}: too few parts");
    }
}
