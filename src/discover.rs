//! Walking the paths given on the command line into unit directories, sorted and found lazily.
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

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::wording::{Message, keys};

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
    /// The tree being checked that the unit was found in (the path given on the command line,
    /// links resolved). A unit's file that is a link leading outside it is not read: a planted
    /// `tasks.yaml -> /etc/passwd` must not put that file's lines in a report. `None` when the
    /// unit was named on its own (a library caller, `convert`): nothing is restricted.
    pub tree: Option<PathBuf>,
}

impl UnitDir {
    /// A unit at `dir`, with no tree around it.
    pub fn new(dir: impl Into<PathBuf>) -> UnitDir {
        UnitDir {
            dir: dir.into(),
            tree: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    /// Worded in the run's language (see [`crate::wording::say`]).
    #[error("{}", crate::wording::say(&Message::new(&keys::PATH_MISSING).arg("path", .0.display().to_string())))]
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

/// Every unit under `paths`, in order and without duplicates.
pub fn discover_units(paths: &[PathBuf]) -> Result<Vec<UnitDir>, DiscoverError> {
    Ok(discover(paths)?.units)
}

/// Every unit under `paths`, in order and without duplicates, with the places that could not be
/// searched (symbolic-link loops, unreadable directories). Only a path that does not exist at
/// all is an error.
pub fn discover(paths: &[PathBuf]) -> Result<Discovery, DiscoverError> {
    let mut walk = UnitWalk::new(paths)?;
    let units = walk.by_ref().collect();
    Ok(Discovery {
        units,
        problems: walk.into_problems(),
    })
}

/// The units under some paths, found lazily so that checking can start with the first unit
/// instead of after the last; `check` pulls a batch at a time.
///
/// The roots are walked in sorted order and each tree depth-first with entries sorted by name,
/// which yields the units sorted by path. Every directory is entered once, by identity (device
/// and inode), however many links lead to it. Hand-written rather than `walkdir`, because
/// walkdir reads every directory before the caller can decline it: a unit's own directory,
/// which is never searched, would be read for nothing — eight files a unit, a hundred thousand
/// units a province. Here a unit directory costs two `stat` calls.
pub struct UnitWalk {
    /// Roots not yet walked, the next one last.
    roots: Vec<PathBuf>,
    /// The tree of the root being walked (links resolved): links met in it must stay inside.
    tree: Option<PathBuf>,
    /// The directories being read, innermost last, each with the entries still to visit.
    open: Vec<OpenDir>,
    visited: Visited,
    problems: Vec<DiscoverProblem>,
}

struct OpenDir {
    id: Option<DirId>,
    entries: std::vec::IntoIter<std::fs::DirEntry>,
}

impl UnitWalk {
    /// A walk over `paths`; a path that does not exist is an error before anything is walked.
    pub fn new(paths: &[PathBuf]) -> Result<UnitWalk, DiscoverError> {
        if let Some(missing) = paths.iter().find(|p| std::fs::symlink_metadata(p).is_err()) {
            return Err(DiscoverError::Missing(missing.clone()));
        }
        let mut roots = paths.to_vec();
        roots.sort();
        roots.dedup();
        roots.reverse();
        Ok(UnitWalk {
            roots,
            tree: None,
            open: Vec::new(),
            visited: Visited::default(),
            problems: Vec::new(),
        })
    }

    /// What could not be searched, sorted; complete once the walk has ended.
    pub fn into_problems(mut self) -> Vec<DiscoverProblem> {
        self.problems.sort();
        self.problems.dedup();
        self.problems
    }

    /// A unit found in the tree being walked.
    fn unit(&self, dir: PathBuf) -> UnitDir {
        UnitDir {
            dir,
            tree: self.tree.clone(),
        }
    }

    /// Where a link met in the walk leads, when that is outside the tree being walked.
    fn outside_tree(&self, link: &Path) -> Option<PathBuf> {
        let tree = self.tree.as_ref()?;
        let target = std::fs::canonicalize(link).ok()?;
        (!target.starts_with(tree)).then_some(target)
    }

    fn problem(&mut self, path: PathBuf, reason: impl ToString) {
        self.problems.push(DiscoverProblem {
            path,
            reason: reason.to_string(),
        });
    }

    /// A path from the command line: a file stands for the unit that holds it, a workbook for
    /// itself, a directory is searched.
    fn visit_root(&mut self, root: PathBuf) -> Option<UnitDir> {
        self.tree = std::fs::canonicalize(&root).ok();
        if let Some(unit) = unit_of_file(&root) {
            // A unit's file was named: the tree is the unit that holds it.
            self.tree = std::fs::canonicalize(&unit.dir).ok();
            let unit = self.unit(unit.dir);
            let id = dir_id(&unit.dir);
            return self.visited.first_visit(id.as_ref()).then_some(unit);
        }
        if let Some(league) = league_of_setting_file(&root) {
            let id = dir_id(&league);
            return self.enter(league, id);
        }
        match std::fs::metadata(&root) {
            Ok(meta) if meta.is_dir() => {
                let id = dir_id(&root);
                self.enter(root, id)
            }
            Ok(_) if is_workbook(&root) => Some(self.unit(root)),
            Ok(_) => None,
            Err(error) => {
                self.problem(root, error);
                None
            }
        }
    }

    /// An entry met in a directory: skipped, searched, or a unit.
    fn visit_entry(&mut self, entry: std::fs::DirEntry) -> Option<UnitDir> {
        let path = entry.path();
        if is_skipped(&entry.file_name()) {
            return None;
        }
        let Ok(mut kind) = entry.file_type() else {
            return None;
        };
        let link = kind.is_symlink();
        if link {
            match std::fs::metadata(&path) {
                Ok(meta) => kind = meta.file_type(),
                Err(error) => {
                    self.problem(path, error);
                    return None;
                }
            }
            if let Some(target) = self.outside_tree(&path) {
                let reason = format!(
                    "the link leads outside the tree being checked (to {}): not followed",
                    target.display()
                );
                self.problem(path, reason);
                return None;
            }
        }
        if kind.is_dir() {
            let id = if link {
                dir_id(&path)
            } else {
                entry_dir_id(&entry)
            };
            self.enter(path, id)
        } else if kind.is_file() && is_workbook(&path) && holds_unit_sheet(&path) {
            Some(self.unit(path))
        } else {
            None
        }
    }

    /// A directory: a unit if it holds the unit's file, otherwise opened to be searched (once,
    /// and never inside itself).
    fn enter(&mut self, dir: PathBuf, id: Option<DirId>) -> Option<UnitDir> {
        if id.is_some() && self.open.iter().any(|open| open.id == id) {
            self.problem(
                dir,
                crate::wording::current().say(&crate::wording::keys::DISCOVER_LOOP),
            );
            return None;
        }
        if !self.visited.first_visit(id.as_ref()) {
            return None;
        }
        if is_unit_dir(&dir) {
            // A unit's own directory holds its files, not further units.
            return Some(self.unit(dir));
        }
        match read_sorted(&dir) {
            Ok(entries) => self.open.push(OpenDir {
                id,
                entries: entries.into_iter(),
            }),
            Err(error) => self.problem(dir, error),
        }
        None
    }
}

impl Iterator for UnitWalk {
    type Item = UnitDir;

    fn next(&mut self) -> Option<UnitDir> {
        loop {
            let found = match self.open.last_mut() {
                Some(open) => match open.entries.next() {
                    Some(entry) => self.visit_entry(entry),
                    None => {
                        self.open.pop();
                        None
                    }
                },
                None => {
                    let root = self.roots.pop()?;
                    self.visit_root(root)
                }
            };
            if found.is_some() {
                return found;
            }
        }
    }
}

/// A directory's entries sorted by name, so that the order does not depend on the file system.
fn read_sorted(dir: &Path) -> std::io::Result<Vec<std::fs::DirEntry>> {
    let mut entries = std::fs::read_dir(dir)?.collect::<std::io::Result<Vec<_>>>()?;
    // The name is an owned copy: cached, so one copy an entry rather than one a comparison.
    entries.sort_by_cached_key(|entry| entry.file_name());
    Ok(entries)
}

/// A YAML file outside any unit given on the command line — the league's `jianfu.yaml`, one of
/// its policy files or policy tests — stands for the units it governs: every unit below the
/// nearest `jianfu.yaml` at or above it. So a pre-commit hook that is handed a changed rule or
/// setting re-checks the league instead of checking nothing.
fn league_of_setting_file(path: &Path) -> Option<PathBuf> {
    let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
    if !path.is_file() || !(ext == "yaml" || ext == "yml") {
        return None;
    }
    // Up the path as written first, so the units are shown as the user would write them.
    let written = path.ancestors().skip(1).find_map(|dir| {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        dir.join(crate::config::CONFIG_FILE)
            .is_file()
            .then(|| dir.to_path_buf())
    });
    written.or_else(|| Some(crate::config::find_config(path)?.parent()?.to_path_buf()))
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
    is_unit_dir(dir).then(|| UnitDir::new(dir))
}

/// Whether `dir` is a unit: it holds an entry named `unit.yaml` or one of the unit CSV files,
/// of whatever type (a directory named `unit.yaml` makes a unit whose file cannot be read, a
/// finding, rather than a unit passed over).
pub fn is_unit_dir(dir: &Path) -> bool {
    let holds = |name: &str| dir.join(name).symlink_metadata().is_ok();
    holds("unit.yaml") || UNIT_CSV_NAMES.iter().any(|name| holds(name))
}

/// What identifies a directory whatever path leads to it.
#[cfg(unix)]
type DirId = (u64, u64);
#[cfg(not(unix))]
type DirId = PathBuf;

/// The identity of the directory at `path` (links followed), or `None` if it cannot be read.
fn dir_id(path: &Path) -> Option<DirId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        std::fs::canonicalize(path).ok()
    }
}

/// [`dir_id`] of a directory met while reading its parent, not through a link: asked of the
/// parent by name (`DirEntry::metadata`), not by the whole path, which the kernel would walk
/// from the root again. Not following the entry gives the same answer, since it is no link.
fn entry_dir_id(entry: &std::fs::DirEntry) -> Option<DirId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        entry.metadata().ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        dir_id(&entry.path())
    }
}

/// The directories entered so far, by identity rather than by path.
#[derive(Default)]
struct Visited {
    /// Per device, the inodes entered: 8 bytes a directory rather than 16, for a national tree
    /// enters 600,000 unit directories and this set lives for the whole run.
    #[cfg(unix)]
    seen: HashMap<u64, HashSet<u64, foldhash::fast::RandomState>>,
    #[cfg(not(unix))]
    seen: HashSet<DirId>,
}

impl Visited {
    /// Whether a directory is entered for the first time. One whose identity could not be read
    /// counts as new.
    fn first_visit(&mut self, id: Option<&DirId>) -> bool {
        let Some(id) = id else {
            return true;
        };
        #[cfg(unix)]
        {
            self.seen.entry(id.0).or_default().insert(id.1)
        }
        #[cfg(not(unix))]
        {
            self.seen.insert(id.clone())
        }
    }
}

/// Spreadsheet files a clerk may submit: `.xlsx` and `.xlsm` (the same format with macros,
/// which are ignored), which jianfu reads, and the formats Excel, WPS and LibreOffice also save
/// (`.xls`, `.et`, `.ods`, `.xlsb`), which become a finding that says how to save them as
/// `.xlsx` — never a silent skip.
pub const WORKBOOK_EXTENSIONS: &[&str] = &["xlsx", "xls", "et", "ods", "xlsm", "xlsb"];

/// A workbook file, not hidden and not an Office or WPS lock file (`~$清单.xlsx`).
pub fn is_workbook(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    ext.is_some_and(|ext| WORKBOOK_EXTENSIONS.contains(&ext.as_str()))
        && !name.starts_with('.')
        && !name.starts_with("~$")
}

/// Whether a workbook met in a walk is a unit: it has one of the inventory's sheets (单位信息,
/// or any section's sheet, so that a renamed 单位信息 is still reported), or it cannot be read
/// as `.xlsx` (a damaged submission, or another format, is reported rather than passed over).
fn holds_unit_sheet(path: &Path) -> bool {
    match sheet_names(path) {
        Some(names) => names.iter().any(|n| {
            let n = n.trim();
            UNIT_SHEET_NAMES.iter().any(|u| n.eq_ignore_ascii_case(u))
                || crate::inventory::sheet::columns::SheetSpec::find(n).is_some()
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
        // The whole tree: links may only lead to places inside it. Were each path walked, this
        // would not end (a hang, not a slow test, is what fails here).
        let units = discover_units(&[root.to_path_buf()]).unwrap();
        assert_eq!(units.len(), 1, "{units:?}");
    }

    fn relative(units: &[UnitDir], root: &Path) -> Vec<String> {
        units
            .iter()
            .map(|u| {
                u.dir
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    }

    #[test]
    fn roots_in_any_order_and_overlapping_give_each_unit_once_in_order() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        touch(&root.join("b/乙村/unit.yaml"));
        touch(&root.join("a/甲村/unit.yaml"));
        touch(&root.join("a/丙村/单位信息.csv"));
        let roots = [
            root.join("b"),
            root.join("a/甲村/unit.yaml"),
            root.to_path_buf(),
            root.join("a"),
        ];
        let found = discover(&roots).unwrap();
        assert_eq!(relative(&found.units, root), ["a/丙村", "a/甲村", "b/乙村"]);
        assert!(found.problems.is_empty(), "{found:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_unit_reached_by_a_link_and_by_its_path_is_found_once() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        touch(&root.join("z/甲村/unit.yaml"));
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::os::unix::fs::symlink(root.join("z/甲村"), root.join("a/link")).unwrap();
        let units = discover_units(&[root.to_path_buf()]).unwrap();
        assert_eq!(relative(&units, root), ["a/link"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_link_is_a_problem_and_the_walk_goes_on() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        touch(&root.join("b/乙村/unit.yaml"));
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::os::unix::fs::symlink(root.join("nowhere"), root.join("a/gone")).unwrap();
        let found = discover(&[root.to_path_buf()]).unwrap();
        assert_eq!(relative(&found.units, root), ["b/乙村"]);
        assert_eq!(found.problems.len(), 1, "{found:?}");
        assert!(found.problems[0].path.ends_with("a/gone"));
    }

    #[test]
    fn the_walk_yields_units_before_it_has_searched_the_whole_tree() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        touch(&root.join("a/甲村/unit.yaml"));
        touch(&root.join("b/乙村/unit.yaml"));
        let mut walk = UnitWalk::new(&[root.to_path_buf()]).unwrap();
        let first = walk.next().unwrap();
        assert!(first.dir.ends_with("a/甲村"));
        // Made after the first unit was found, and still found: the walk is lazy.
        touch(&root.join("b/丁村/unit.yaml"));
        assert_eq!(
            relative(&walk.collect::<Vec<_>>(), root),
            ["b/丁村", "b/乙村"]
        );
    }

    #[test]
    fn missing_path_is_an_error() {
        let err = discover_units(&[PathBuf::from("/no/such/place")]).unwrap_err();
        assert!(matches!(err, DiscoverError::Missing(_)));
    }
}
