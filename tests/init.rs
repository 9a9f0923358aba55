//! `jianfu init`: a scaffolded unit passes `jianfu check`, points every file at its schema and
//! validates against it; existing files are never overwritten by accident.

mod common;

use std::path::Path;

const UNIT_DIR: &str = "2025-Q2/152223100201-巴彦淖尔嘎查";

/// Run `jianfu init` in `root` for 巴彦淖尔嘎查 with `extra` flags.
fn init(root: &Path, extra: &[&str]) -> std::process::Output {
    common::jianfu(root)
        .args(["init", UNIT_DIR, "--code", "152223100201", "--name"])
        .args(["巴彦淖尔嘎查", "--kind", "village", "--period", "2025-Q2"])
        .args(["--institutions", "4"])
        .args(extra)
        .output()
        .expect("run jianfu")
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The file's YAML as JSON, for the JSON Schema validator.
fn yaml_as_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("read");
    serde_saphyr::from_str(&text).expect("the scaffolded YAML parses")
}

#[test]
fn an_initialised_unit_checks_clean_and_validates_against_its_schemas() {
    let root = tempfile::tempdir().expect("tempdir");
    let written = common::jianfu(root.path())
        .args(["schema", "--all", "--out", "schemas"])
        .output()
        .expect("run jianfu");
    assert!(written.status.success(), "{}", stderr(&written));

    let output = init(root.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let dir = root.path().join(UNIT_DIR);

    let unit = std::fs::read_to_string(dir.join("unit.yaml")).expect("unit.yaml");
    // Banner and township come from the code when not given.
    assert!(unit.contains("code: \"152223100201\"\n"), "{unit}");
    assert!(unit.contains("banner: 扎赉特旗\n"), "{unit}");
    assert!(unit.contains("township: 音德尔镇\n"), "{unit}");

    let mut validated = 0;
    for name in [
        "unit",
        "tasks",
        "signage",
        "certificates",
        "groups",
        "reports",
        "meetings",
        "inspections",
    ] {
        let path = dir.join(format!("{name}.yaml"));
        let text = std::fs::read_to_string(&path).expect("scaffolded file");
        let mut lines = text.lines();
        // The header the examples use: a path relative to the file.
        let header = lines.next().unwrap_or_default();
        assert_eq!(
            header,
            format!("# yaml-language-server: $schema=../../schemas/{name}.schema.json")
        );
        // Then a comment, in Chinese, about what belongs there.
        let comment = lines.next().unwrap_or_default();
        assert!(
            comment.starts_with("# ")
                && comment
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{name}: {comment}"
        );

        let schema_path = dir.join(header.trim_start_matches("# yaml-language-server: $schema="));
        let schema: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&schema_path).expect("schema"))
                .expect("schema JSON");
        let validator = jsonschema::validator_for(&schema).expect("schema compiles");
        let instance = yaml_as_json(&path);
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{name}.yaml: {errors:?}");
        if name != "unit" {
            assert_eq!(instance.as_object().map(|o| o.len()), Some(1));
            assert!(
                instance
                    .as_object()
                    .is_some_and(|o| o.values().all(|v| v.as_array().is_some_and(Vec::is_empty)))
            );
        }
        validated += 1;
    }
    assert_eq!(validated, 8);

    let (report, code) = common::check_json(root.path(), &["."]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(
        report["findings"].as_array().map(Vec::len),
        Some(0),
        "{report}"
    );
}

#[test]
fn init_refuses_to_overwrite_without_force() {
    let root = tempfile::tempdir().expect("tempdir");
    assert!(init(root.path(), &[]).status.success());
    let signage = root.path().join(UNIT_DIR).join("signage.yaml");
    std::fs::write(&signage, "signs: []\n# 已填写\n").expect("write");

    let again = init(root.path(), &[]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("signage.yaml"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        std::fs::read_to_string(&signage).expect("read"),
        "signs: []\n# 已填写\n"
    );

    let forced = init(root.path(), &["--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(
        std::fs::read_to_string(&signage)
            .expect("read")
            .ends_with("signs: []\n")
    );
}

#[test]
fn init_rejects_a_code_that_disagrees_with_the_names() {
    let root = tempfile::tempdir().expect("tempdir");
    let output = init(root.path(), &["--township", "胡尔勒镇"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("音德尔镇"), "{}", stderr(&output));
    assert!(!root.path().join(UNIT_DIR).exists());

    // A code the table does not know needs the names spelled out.
    let output = common::jianfu(root.path())
        .args(["init", "x", "--code", "152299001001", "--name", "新设社区"])
        .args([
            "--kind",
            "community",
            "--period",
            "2025-Q2",
            "--institutions",
            "2",
        ])
        .output()
        .expect("run jianfu");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--banner"), "{}", stderr(&output));
}

#[test]
fn schema_base_takes_a_url_or_a_directory() {
    let root = tempfile::tempdir().expect("tempdir");
    let output = init(
        root.path(),
        &["--schema-base", "https://example.org/jianfu/schemas/"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let tasks =
        std::fs::read_to_string(root.path().join(UNIT_DIR).join("tasks.yaml")).expect("tasks.yaml");
    assert!(tasks.starts_with(
        "# yaml-language-server: $schema=https://example.org/jianfu/schemas/tasks.schema.json\n"
    ));

    let output = init(root.path(), &["--force", "--schema-base", "league/schemas"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let tasks =
        std::fs::read_to_string(root.path().join(UNIT_DIR).join("tasks.yaml")).expect("tasks.yaml");
    assert!(
        tasks.starts_with(
            "# yaml-language-server: $schema=../../league/schemas/tasks.schema.json\n"
        ),
        "{tasks}"
    );
}
