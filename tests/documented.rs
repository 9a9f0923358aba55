//! Every command the README and docs/*.md show runs as written: `check` exits 0 (clean) or 1
//! (findings), every other command 0; never 2 (the run could not be done). The commands run in a folder
//! laid out as the docs assume a league's repository is: the example league under the names
//! they use (`inventories/`, `2025-Q2/`, `previous-period/` …).

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `jianfu …` commands from fenced code blocks, continuation lines joined and comments cut,
/// except those that pipe, redirect or write outside the working directory.
fn documented_commands() -> Vec<(String, String)> {
    let mut files = vec![root().join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    let mut commands = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let mut in_block = false;
        let mut pending = String::new();
        for line in text.lines() {
            if line.trim_start().starts_with("```") {
                in_block = !in_block;
                continue;
            }
            if !in_block {
                continue;
            }
            let line = line.split("   #").next().unwrap_or_default().trim_end();
            let continued = line.ends_with('\\');
            pending.push_str(line.trim_end_matches('\\').trim());
            pending.push(' ');
            if continued {
                continue;
            }
            let command = std::mem::take(&mut pending).trim().to_owned();
            let command = command
                .strip_prefix("cargo run --release -- ")
                .map(|rest| format!("jianfu {rest}"))
                .unwrap_or(command);
            let outside =
                ['|', '>', '~', '$'].iter().any(|c| command.contains(*c)) || command.contains(" /");
            if command.starts_with("jianfu ") && !outside {
                let shown = file.strip_prefix(root()).unwrap().display().to_string();
                commands.push((shown, command));
            }
        }
    }
    commands
}

#[test]
fn documented_commands_on_the_example_league_run() {
    let commands = documented_commands();
    assert!(commands.len() >= 15, "{commands:?}");
    let work = tempfile::tempdir().unwrap();
    let examples = root().join("examples");
    copy_tree(&examples, &work.path().join("examples"));
    // The names the docs give a league's folders.
    copy_tree(&examples.join("xingan"), &work.path().join("inventories"));
    copy_tree(
        &examples.join("xingan-2025-Q1"),
        &work.path().join("inventories/2025-Q1"),
    );
    copy_tree(
        &examples.join("xingan/2025-Q2"),
        &work.path().join("2025-Q2"),
    );
    copy_tree(
        &examples.join("xingan-2025-Q1"),
        &work.path().join("2025-Q1"),
    );
    copy_tree(
        &examples.join("xingan-2025-Q1"),
        &work.path().join("previous-period"),
    );
    write_tutorial_rule(&work.path().join("examples/xingan/league-policies"));
    let mut failures = Vec::new();
    for (file, command) in &commands {
        let args: Vec<&str> = command.split_whitespace().skip(1).collect();
        // `init` makes a new unit: in a folder of its own, not over the example's.
        let dir = if args[0] == "init" {
            let fresh = work.path().join("new-league");
            std::fs::create_dir_all(&fresh).unwrap();
            fresh
        } else {
            work.path().to_path_buf()
        };
        let output = assert_cmd::Command::cargo_bin("jianfu")
            .unwrap()
            .current_dir(&dir)
            .env("JIANFU_TODAY", "2025-07-02")
            .args(&args)
            .output()
            .unwrap();
        let code = output.status.code().unwrap_or(-1);
        // Only `check` reports findings by its exit code; every other command succeeds.
        let expected: &[i32] = if args[0] == "check" { &[0, 1] } else { &[0] };
        if !expected.contains(&code) {
            failures.push(format!(
                "{file}: `{command}` exited {code}:\n{}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The rule and test cases that docs/policies.md walks a rule author through (XAM-002), written
/// where its step 4 runs them: the tutorial is run as the reader would follow it.
fn write_tutorial_rule(policies: &Path) {
    let doc = std::fs::read_to_string(root().join("docs/policies.md")).unwrap();
    let blocks: Vec<&str> = doc
        .split("```yaml\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .collect();
    let rule = blocks
        .iter()
        .find(|b| b.contains("id: XAM-002"))
        .expect("the tutorial's rule");
    let cases = blocks
        .iter()
        .find(|b| b.contains("rule: XAM-002"))
        .expect("its test cases");
    std::fs::write(policies.join("meetings.yaml"), rule).unwrap();
    std::fs::write(policies.join("tests/meetings.yaml"), cases).unwrap();
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The README's sample output is the real output of the command it names; with
/// `JIANFU_BLESS=1` the test writes it there.
#[test]
fn the_readme_sample_output_is_generated() {
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let marker = "A finding looks like this: the output of\n`jianfu ";
    let start = readme.find(marker).expect("the README's sample") + marker.len() - "jianfu ".len();
    let command = &readme[start..start + readme[start..].find('`').unwrap()];
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    let output = assert_cmd::Command::cargo_bin("jianfu")
        .unwrap()
        .current_dir(root())
        .args(&args)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{command}");
    let fresh = String::from_utf8(output.stdout).unwrap();
    let block_start = start + readme[start..].find("```text\n").unwrap() + "```text\n".len();
    let block_end = block_start + readme[block_start..].find("```").unwrap();
    let kept = &readme[block_start..block_end];
    if std::env::var("JIANFU_BLESS").as_deref() == Ok("1") {
        let updated = format!("{}{fresh}{}", &readme[..block_start], &readme[block_end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert!(
        kept == fresh,
        "README.md's sample output is stale: run JIANFU_BLESS=1 cargo test --test documented"
    );
    // The sentence under the sample names one of its places.
    let after = &readme[block_end..];
    let named = "never bytes, in every output format: `";
    let place_at = after.find(named).expect("the sentence on columns") + named.len();
    let place = &after[place_at..place_at + after[place_at..].find('`').unwrap()];
    assert!(
        fresh.contains(&format!(":{place}]")),
        "`{place}` is not in the sample"
    );
}
