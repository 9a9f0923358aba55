//! The project documents itself: every link and file pointer in its docs, help texts, policies
//! and messages resolves inside the repository, and nothing points at material users do not
//! have (the team's `../shared/`, a web home the project does not have).

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The repository's files of the given extensions, without `target/` and hidden folders.
fn files_with(extensions: &[&str]) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root())
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || !(name.starts_with('.') || name == "target" || name == "fuzz")
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension()
                .is_some_and(|x| extensions.contains(&x.to_string_lossy().as_ref()))
        })
        .collect()
}

fn shown(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn every_markdown_link_resolves_inside_the_repository() {
    let link = regex::Regex::new(r"\]\(([^)\s]+)\)").unwrap();
    let mut checked = 0;
    let mut dead = Vec::new();
    for file in files_with(&["md"]) {
        let text = std::fs::read_to_string(&file).unwrap();
        for target in link.captures_iter(&text).map(|c| c[1].to_owned()) {
            if target.starts_with("http://")
                || target.starts_with("https://")
                || target.starts_with("mailto:")
                || target.starts_with('#')
            {
                continue;
            }
            let path = target.split('#').next().unwrap_or_default();
            let resolved = file.parent().unwrap().join(path);
            checked += 1;
            if !resolved.exists() {
                dead.push(format!("{} → {target}", shown(&file)));
            }
        }
    }
    assert!(dead.is_empty(), "dead links:\n{}", dead.join("\n"));
    assert!(
        checked > 50,
        "only {checked} links found: is the pattern right?"
    );
}

#[test]
fn every_file_the_project_names_exists() {
    // Paths written in prose, help texts, policies and code: docs/…, data/…, examples/…
    let named = regex::Regex::new(
        r"\b((?:docs|data|examples|schemas|policies|scripts|tests)/[A-Za-z0-9_./\-]*[A-Za-z0-9_](?:\.md|\.tsv|\.yaml|\.json|\.sh|\.py|\.rs)?)\b",
    )
    .unwrap();
    let mut dead = Vec::new();
    // The tests name the temporary trees they build; everything else names real files.
    let shipped = files_with(&["md", "rs", "yaml", "toml"])
        .into_iter()
        .filter(|f| !f.starts_with(root().join("tests")));
    for file in shipped {
        let text = std::fs::read_to_string(&file).unwrap();
        for found in named.captures_iter(&text).filter_map(|c| c.get(1)) {
            // Part of a URL or a longer path (`…/os/schemas/x.json`) is not a repository path.
            if text[..found.start()].ends_with('/') {
                continue;
            }
            let path = found.as_str().trim_end_matches('.');
            // A folder under a unit, a generated file's pattern or a placeholder is no pointer.
            if path.contains('<')
                || path.contains("...")
                || path.contains("NAME")
                || !path.contains('.') && !root().join(path).is_dir()
            {
                continue;
            }
            if !root().join(path).exists() {
                dead.push(format!("{}: {path}", shown(&file)));
            }
        }
    }
    dead.sort();
    dead.dedup();
    assert!(dead.is_empty(), "named but missing:\n{}", dead.join("\n"));
}

#[test]
fn nothing_points_outside_the_project() {
    let mut found = Vec::new();
    for file in files_with(&["md", "rs", "yaml", "toml", "json", "sh", "py"]) {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let outside = line.contains("../shared")
                || line.contains("shared/docs")
                || line.contains("INVENTORY.md")
                || line.contains("RULES.md")
                || line.contains("jianfu-lint");
            if outside && !file.ends_with("tests/docs.rs") {
                found.push(format!("{}:{}: {}", shown(&file), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "pointers outside the project:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_inventory_format_documents_every_field_and_value() {
    let doc = std::fs::read_to_string(root().join("docs/inventory.md")).unwrap();
    let mut missing = Vec::new();
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
        let text =
            std::fs::read_to_string(root().join(format!("schemas/{name}.schema.json"))).unwrap();
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        collect_missing(&schema, &doc, &mut missing);
    }
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "docs/inventory.md does not mention: {missing:?}"
    );
}

fn collect_missing(node: &serde_json::Value, doc: &str, missing: &mut Vec<String>) {
    match node {
        serde_json::Value::Object(map) => {
            if let Some(props) = map.get("properties").and_then(|p| p.as_object()) {
                for key in props.keys() {
                    if !doc.contains(&format!("{key}:")) && !doc.contains(&format!("`{key}`")) {
                        missing.push(key.clone());
                    }
                }
            }
            for value in map
                .get("enum")
                .and_then(|e| e.as_array())
                .into_iter()
                .flatten()
            {
                if let Some(value) = value.as_str().filter(|v| !doc.contains(*v)) {
                    missing.push(value.to_owned());
                }
            }
            map.values().for_each(|v| collect_missing(v, doc, missing));
        }
        serde_json::Value::Array(items) => {
            items.iter().for_each(|v| collect_missing(v, doc, missing))
        }
        _ => {}
    }
}
