//! Walking the paths given on the command line into a sorted list of unit directories.
//!
//! A unit is a directory holding an entry called `unit.yaml`; or, submitted as a spreadsheet,
//! an `.xlsx` workbook with a 单位信息 sheet, or a directory holding `单位信息.csv`. A file given
//! on the command line stands for the unit that holds it. Hidden directories and build output
//! are skipped, symbolic links are followed, and the order is stable whatever the file system
//! returns. Every directory is entered once, however many links lead to it: a link back into
//! its own ancestry (a loop) or a chain of links that fan out (2ⁿ paths to one directory) costs
//! one visit. What cannot be walked (a loop, an unreadable directory) is recorded as a
//! [`DiscoverProblem`] and the walk goes on. This module opens no file, except to read the list
//! of sheets of an `.xlsx` met in a walk (a workbook that is not a unit, such as a league's
//! statistics, is passed over).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// Directories never searched for units.
const SKIPPED_DIRS: &[&str] = &["target", "node_modules", "__pycache__"];

/// The names of the sheet that makes a workbook a unit (the spreadsheet reader's 单位信息).
pub const UNIT_SHEET_NAMES: &[&str] = &["单位信息", "unit"];

/// The CSV files that make a directory a unit.
pub const UNIT_CSV_NAMES: &[&str] = &["单位信息.csv", "unit.csv"];

/// A unit directory as found, with the path to show users.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct UnitDir {
    /// The path as given on the command line joined with the path inside it.
    pub dir: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    #[error("path does not exist: {0}")]
    Missing(PathBuf),
}

/// A part of the tree that could not be searched for units; the rest of the walk goes on.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct DiscoverProblem {
    /// Where, as given on the command line joined with the path inside.
    pub path: PathBuf,
    /// What went wrong, from the file system (e.g. "File system loop found").
    pub reason: String,
}

/// The units found under some paths, and what could not be searched.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Discovery {
    pub units: Vec<UnitDir>,
    pub problems: Vec<DiscoverProblem>,
}

/// Every unit under `paths`, sorted and without duplicates.
pub fn discover_units(paths: &[PathBuf]) -> Result<Vec<UnitDir>, DiscoverError> {
    Ok(discover(paths)?.units)
}

/// Every unit under `paths`, sorted and without duplicates, with the places that could not be
/// searched (symbolic-link loops, unreadable directories). Only a path that does not exist at
/// all is an error.
pub fn discover(paths: &[PathBuf]) -> Result<Discovery, DiscoverError> {
    let mut discovery = Discovery::default();
    let mut visited = Visited::default();
    for path in paths {
        if std::fs::symlink_metadata(path).is_err() {
            return Err(DiscoverError::Missing(path.clone()));
        }
        match unit_of_file(path) {
            Some(unit) => discovery.units.push(unit),
            None => walk(path, &mut visited, &mut discovery),
        }
    }
    discovery.units.sort();
    discovery.units.dedup();
    discovery.problems.sort();
    discovery.problems.dedup();
    Ok(discovery)
}

/// A file given on the command line (by pre-commit or an editor) stands for the unit that holds
/// it; a workbook stands for itself and is walked as usual.
fn unit_of_file(path: &Path) -> Option<UnitDir> {
    if !path.is_file() || is_workbook(path) {
        return None;
    }
    let dir = match path.parent() {
        Some(p) if p.as_os_str().is_empty() => Path::new("."),
        Some(p) => p,
        None => return None,
    };
    let holds = |name: &str| dir.join(name).is_file();
    (holds("unit.yaml") || UNIT_CSV_NAMES.iter().any(|name| holds(name))).then(|| UnitDir {
        dir: dir.to_path_buf(),
    })
}

fn walk(root: &Path, visited: &mut Visited, discovery: &mut Discovery) {
    let mut walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().unwrap_or(root).to_path_buf();
                let reason = match error.io_error() {
                    Some(io) => io.to_string(),
                    None => error.to_string(),
                };
                discovery.problems.push(DiscoverProblem { path, reason });
                continue;
            }
        };
        if !entry.file_type().is_dir() {
            if is_workbook(entry.path()) && (entry.depth() == 0 || holds_unit_sheet(entry.path())) {
                discovery.units.push(UnitDir {
                    dir: entry.path().to_path_buf(),
                });
            }
            continue;
        }
        if entry.depth() > 0 && is_skipped(entry.file_name()) {
            walker.skip_current_dir();
            continue;
        }
        if !visited.first_visit(entry.path()) {
            walker.skip_current_dir();
            continue;
        }
        let is_unit = |name: &str| entry.path().join(name).symlink_metadata().is_ok();
        if is_unit("unit.yaml") || UNIT_CSV_NAMES.iter().any(|name| is_unit(name)) {
            discovery.units.push(UnitDir {
                dir: entry.path().to_path_buf(),
            });
            // A unit's own directory holds its files, not further units.
            walker.skip_current_dir();
        }
    }
}

/// The directories entered so far, by identity rather than by path.
#[derive(Default)]
struct Visited {
    #[cfg(unix)]
    seen: HashSet<(u64, u64)>,
    #[cfg(not(unix))]
    seen: HashSet<PathBuf>,
}

impl Visited {
    /// Whether `dir` is entered for the first time. A directory whose identity cannot be read
    /// counts as new: walkdir's own loop check still stands.
    fn first_visit(&mut self, dir: &Path) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            match std::fs::metadata(dir) {
                Ok(meta) => self.seen.insert((meta.dev(), meta.ino())),
                Err(_) => true,
            }
        }
        #[cfg(not(unix))]
        {
            match std::fs::canonicalize(dir) {
                Ok(real) => self.seen.insert(real),
                Err(_) => true,
            }
        }
    }
}

/// An `.xlsx` file, not hidden and not an Office lock file (`~$清单.xlsx`).
fn is_workbook(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    ext.as_deref() == Some("xlsx") && !name.starts_with('.') && !name.starts_with("~$")
}

/// Whether a workbook met in a walk is a unit: it has a 单位信息 sheet, or it cannot be read
/// (so that a damaged submission is reported, not passed over).
fn holds_unit_sheet(path: &Path) -> bool {
    match sheet_names(path) {
        Some(names) => names.iter().any(|n| {
            let n = n.trim();
            UNIT_SHEET_NAMES.iter().any(|u| n.eq_ignore_ascii_case(u))
        }),
        None => true,
    }
}

/// The sheet names in a workbook's `xl/workbook.xml`, without reading any sheet.
fn sheet_names(path: &Path) -> Option<Vec<String>> {
    use std::io::Read;
    let file = std::fs::File::open(path).ok()?;
    let mut archive = zip::ZipArchive::new(file).ok()?;
    let entry = archive.by_name("xl/workbook.xml").ok()?;
    let mut xml = String::new();
    // The list of sheets is small; a huge workbook.xml is read no further than this.
    entry.take(4 * 1024 * 1024).read_to_string(&mut xml).ok()?;
    static SHEET: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let sheet = SHEET
        .get_or_init(|| regex::Regex::new(r#"<(?:\w+:)?sheet\s[^>]*?\bname\s*=\s*"([^"]*)""#).ok())
        .as_ref()?;
    Some(
        sheet
            .captures_iter(&xml)
            .filter_map(|c| c.get(1))
            .map(|m| unescape_xml(m.as_str()))
            .collect(),
    )
}

fn unescape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';') else { break };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_skipped(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || SKIPPED_DIRS.contains(&name.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "").unwrap();
    }

    #[test]
    fn finds_units_in_order_and_skips_hidden_and_build_dirs() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        touch(&root.join("b/乙村/unit.yaml"));
        touch(&root.join("a/甲村/unit.yaml"));
        touch(&root.join(".git/x/unit.yaml"));
        touch(&root.join("target/y/unit.yaml"));
        let units = discover_units(&[root.to_path_buf()]).unwrap();
        let names: Vec<_> = units
            .iter()
            .map(|u| {
                u.dir
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["a/甲村", "b/乙村"]);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_does_not_hang() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        touch(&root.join("a/unit.yaml"));
        std::fs::create_dir_all(root.join("b")).unwrap();
        std::os::unix::fs::symlink(root, root.join("b/loop")).unwrap();
        let found = discover(&[root.to_path_buf()]).unwrap();
        assert_eq!(found.units.len(), 1, "{found:?}");
        assert!(found.units[0].dir.ends_with("a"));
        assert!(
            found.problems.iter().any(|p| p.path.ends_with("b/loop")),
            "{found:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn fanned_out_links_visit_each_directory_once() {
        // d0 → two links to d1 → two links to d2 …: 2^24 paths, 25 directories.
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        for level in 0..25 {
            std::fs::create_dir_all(root.join(format!("d{level}"))).unwrap();
        }
        for level in 0..24 {
            for link in ["x", "y"] {
                std::os::unix::fs::symlink(
                    root.join(format!("d{}", level + 1)),
                    root.join(format!("d{level}/{link}")),
                )
                .unwrap();
            }
        }
        touch(&root.join("d24/村/unit.yaml"));
        let started = std::time::Instant::now();
        let units = discover_units(&[root.join("d0")]).unwrap();
        assert_eq!(units.len(), 1, "{units:?}");
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn missing_path_is_an_error() {
        let err = discover_units(&[PathBuf::from("/no/such/place")]).unwrap_err();
        assert!(matches!(err, DiscoverError::Missing(_)));
    }
}
