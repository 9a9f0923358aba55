//! What jianfu generates from its own definitions: shell completions, manual pages and the
//! schema files editors point at.

mod common;

use std::path::Path;

fn run(args: &[&str]) -> String {
    let output = common::jianfu(Path::new("."))
        .args(args)
        .output()
        .expect("run jianfu");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    common::stdout(&output)
}

#[test]
fn completions_name_the_subcommands_and_their_flags() {
    let bash = run(&["completions", "bash"]);
    for word in [
        "check",
        "explain",
        "init",
        "lsp",
        "--format",
        "--fail-on",
        "--schema-base",
    ] {
        assert!(bash.contains(word), "bash completion lacks {word}");
    }
    // Value enums complete too: `--fail-on` offers its levels.
    assert!(
        bash.contains("error warning info never"),
        "bash completion lacks the --fail-on values"
    );

    let zsh = run(&["completions", "zsh"]);
    assert!(
        zsh.starts_with("#compdef jianfu"),
        "{}",
        &zsh[..zsh.len().min(80)]
    );
    assert!(zsh.contains("'--fail-on=[Exit 1 when a finding is at or above this severity]"));

    let fish = run(&["completions", "fish"]);
    assert!(fish.contains("complete -c jianfu"));
    assert!(fish.contains("__fish_seen_subcommand_from check"));
    assert!(fish.contains("-l format"));
}

#[test]
fn unknown_shells_are_refused() {
    let output = common::jianfu(Path::new("."))
        .args(["completions", "tcsh"])
        .output()
        .expect("run jianfu");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn the_man_page_lists_every_subcommand() {
    let page = run(&["man"]);
    assert!(
        page.contains(".TH jianfu 1"),
        "{}",
        &page[..page.len().min(200)]
    );
    for sub in [
        "check",
        "rules",
        "explain",
        "schema",
        "test",
        "init",
        "completions",
        "lsp",
    ] {
        assert!(
            page.contains(&format!("jianfu\\-{sub}(1)")),
            "no {sub} in the man page"
        );
    }

    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("man1");
    run(&["man", "--out", out.to_str().expect("utf-8 path")]);
    let check = std::fs::read_to_string(out.join("jianfu-check.1")).expect("jianfu-check.1");
    assert!(check.contains(".TH jianfu-check 1"));
    assert!(check.contains("\\-\\-format"));
    assert!(out.join("jianfu.1").is_file());
    assert!(out.join("jianfu-init.1").is_file());
}

#[test]
fn schema_all_writes_the_files_kept_in_schemas() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("nested/schemas");
    run(&[
        "schema",
        "--all",
        "--out",
        out.to_str().expect("utf-8 path"),
    ]);
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .expect("written")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> = std::fs::read_dir(&committed)
        .expect("schemas/")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    expected.sort();
    assert_eq!(names, expected);
    for name in names {
        assert_eq!(
            std::fs::read(out.join(&name)).expect("written"),
            std::fs::read(committed.join(&name)).expect("committed"),
            "{name} differs from schemas/{name}"
        );
    }
}

#[test]
fn schema_all_needs_a_directory_and_no_kind() {
    for args in [
        &["schema", "--all"][..],
        &["schema", "unit", "--all", "--out", "x"],
    ] {
        let output = common::jianfu(Path::new("."))
            .args(args)
            .output()
            .expect("run jianfu");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn committed_rule_pages_match_the_policies() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("rules");
    let status = common::jianfu(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(["rules", "--docs"])
        .arg(&out)
        .output()
        .unwrap()
        .status;
    assert!(status.success());
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    let mut pages = 0;
    for entry in std::fs::read_dir(&out).unwrap() {
        let name = entry.unwrap().file_name();
        let fresh = std::fs::read_to_string(out.join(&name)).unwrap();
        let kept = std::fs::read_to_string(committed.join(&name)).unwrap_or_default();
        assert!(
            fresh == kept,
            "docs/rules/{} is stale: run `cargo run -- rules --docs docs/rules`",
            name.to_string_lossy()
        );
        pages += 1;
    }
    assert_eq!(pages, std::fs::read_dir(&committed).unwrap().count());
    let sign = std::fs::read_to_string(committed.join("SIGN-001.md")).unwrap();
    assert!(sign.contains("# SIGN-001 exterior-plaque-not-allowed"));
    assert!(sign.contains("## How to fix"), "the English half is there");
}
