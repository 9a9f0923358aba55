//! Walking the paths given on the command line into a sorted list of unit directories.
//!
//! A unit is a directory holding an entry called `unit.yaml`. Hidden directories and build
//! output are skipped, symbolic links are followed but a link back into its own ancestry is not
//! (walkdir detects the loop), and the order is stable whatever the file system returns. This
//! module opens no file.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// Directories never searched for units.
const SKIPPED_DIRS: &[&str] = &["target", "node_modules", "__pycache__"];

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

/// Every unit under `paths`, sorted and without duplicates.
pub fn discover_units(paths: &[PathBuf]) -> Result<Vec<UnitDir>, DiscoverError> {
    let mut units = Vec::new();
    for path in paths {
        if std::fs::symlink_metadata(path).is_err() {
            return Err(DiscoverError::Missing(path.clone()));
        }
        match unit_of_file(path) {
            Some(unit) => units.push(unit),
            None => units.extend(units_under(path)),
        }
    }
    units.sort();
    units.dedup();
    Ok(units)
}

/// A file given on the command line (by pre-commit or an editor) stands for the unit that holds
/// it.
fn unit_of_file(path: &Path) -> Option<UnitDir> {
    if !path.is_file() {
        return None;
    }
    let dir = match path.parent() {
        Some(p) if p.as_os_str().is_empty() => Path::new("."),
        Some(p) => p,
        None => return None,
    };
    dir.join("unit.yaml").is_file().then(|| UnitDir {
        dir: dir.to_path_buf(),
    })
}

fn units_under(root: &Path) -> Vec<UnitDir> {
    let mut units = Vec::new();
    let mut walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        // Unreadable directories and symlink loops are skipped: they hold no unit we can read.
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_dir() {
            continue;
        }
        if entry.depth() > 0 && is_skipped(entry.file_name()) {
            walker.skip_current_dir();
            continue;
        }
        if entry.path().join("unit.yaml").symlink_metadata().is_ok() {
            units.push(UnitDir {
                dir: entry.path().to_path_buf(),
            });
            // A unit's own directory holds its files, not further units.
            walker.skip_current_dir();
        }
    }
    units
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
        let units = discover_units(&[root.to_path_buf()]).unwrap();
        assert!(units.iter().any(|u| u.dir.ends_with("a")));
    }

    #[test]
    fn missing_path_is_an_error() {
        let err = discover_units(&[PathBuf::from("/no/such/place")]).unwrap_err();
        assert!(matches!(err, DiscoverError::Missing(_)));
    }
}
