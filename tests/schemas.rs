//! The JSON Schemas kept in `schemas/` (which the example files and editors point at) are the
//! ones the binary generates, and the example league validates against them.

mod common;

use std::path::Path;

const KINDS: &[&str] = &[
    "unit",
    "tasks",
    "signage",
    "certificates",
    "groups",
    "reports",
    "meetings",
    "inspections",
    "policy",
    "policy-test",
    "config",
];

fn generated(kind: &str) -> serde_json::Value {
    let output = common::jianfu(Path::new("."))
        .args(["schema", kind])
        .output()
        .unwrap();
    assert!(output.status.success());
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn committed_schemas_match_the_generated_ones() {
    for kind in KINDS {
        let path = format!("{}/schemas/{kind}.schema.json", env!("CARGO_MANIFEST_DIR"));
        let committed: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(
            committed,
            generated(kind),
            "{path} is stale: run `cargo run -- schema {kind} > schemas/{kind}.schema.json`"
        );
    }
}

#[test]
fn schemas_are_draft_07_for_yaml_language_server() {
    for kind in KINDS {
        assert_eq!(
            generated(kind)["$schema"],
            "http://json-schema.org/draft-07/schema#"
        );
    }
}

#[test]
fn every_example_file_points_at_its_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&root) {
        let entry = entry.unwrap();
        let path = entry.path();
        let Some(kind) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let in_unit = path
            .parent()
            .is_some_and(|dir| dir.join("unit.yaml").is_file());
        if !in_unit || path.extension().is_none_or(|e| e != "yaml") || !KINDS[..8].contains(&kind) {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let first = text.lines().next().unwrap_or_default();
        let target = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{} lacks the schema line", path.display()));
        let resolved = path.parent().unwrap().join(target);
        assert!(
            resolved.is_file(),
            "{} points at {}",
            path.display(),
            resolved.display()
        );
        assert!(target.ends_with(&format!("{kind}.schema.json")));
        checked += 1;
    }
    assert!(checked >= 80, "only {checked} example files");
}

#[test]
fn policy_test_files_validate_against_their_schema() {
    let schema = generated("policy-test");
    let validator = jsonschema::validator_for(&schema).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for dir in ["policies/tests", "examples/xingan/league-policies/tests"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                text.starts_with("# yaml-language-server: $schema="),
                "{} does not point an editor at its schema",
                path.display()
            );
            let value: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 9, "{checked} files");
    // A misspelt key is caught by the schema too.
    let wrong: serde_json::Value =
        serde_saphyr::from_str("cases:\n  - {name: x, rule: A-001, expects: []}\n").unwrap();
    assert!(!validator.is_valid(&wrong));
}
