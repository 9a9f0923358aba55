//! `check --annotate PATH`: each checked unit written back as an annotated workbook
//! ([`crate::report::annotate`]): PATH itself when it names an `.xlsx` file and one unit is
//! checked, otherwise one workbook per unit in the directory PATH.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use crate::outcome::UnitResult;
use crate::report::annotate::annotated_workbook;
use crate::report::{Reporter, RunEnd};
use crate::wording::{Arg, Locale, keys};

/// Where annotated workbooks go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnnotateTarget {
    /// One unit's workbook, to this file.
    File(PathBuf),
    /// One workbook per unit, in this directory.
    Dir(PathBuf),
}

impl AnnotateTarget {
    /// An `.xlsx` path is a file; anything else is a directory.
    pub fn of(path: &Path) -> AnnotateTarget {
        let is_xlsx = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        if is_xlsx {
            AnnotateTarget::File(path.to_path_buf())
        } else {
            AnnotateTarget::Dir(path.to_path_buf())
        }
    }
}

/// Writes each unit's annotated workbook as the unit is reported.
pub struct AnnotateReporter {
    target: AnnotateTarget,
    locale: Locale,
    created: i64,
    written: usize,
    /// File names given so far in a directory: two units of one code get two files.
    names: HashSet<String>,
}

impl AnnotateReporter {
    /// A reporter writing to `target`, creating its directory.
    pub fn new(target: AnnotateTarget, locale: Locale, created: i64) -> io::Result<Self> {
        if let AnnotateTarget::Dir(dir) = &target {
            std::fs::create_dir_all(dir)?;
        }
        Ok(AnnotateReporter {
            target,
            locale,
            created,
            written: 0,
            names: HashSet::new(),
        })
    }

    fn path_for(&mut self, result: &UnitResult) -> io::Result<PathBuf> {
        match &self.target {
            AnnotateTarget::File(path) if self.written == 0 => Ok(path.clone()),
            AnnotateTarget::File(path) => Err(io::Error::other(self.locale.text(
                &keys::ANNOTATE_ONE_UNIT,
                &[("path", Arg::text(path.display().to_string()))],
                crate::wording::Form::Yaml,
            ))),
            AnnotateTarget::Dir(dir) => {
                let stem = crate::report::annotate::file_stem(result);
                let name = crate::report::annotate::unique_workbook_name(&stem, &mut self.names);
                Ok(dir.join(name))
            }
        }
    }
}

impl Reporter for AnnotateReporter {
    fn unit(&mut self, result: &UnitResult) -> io::Result<()> {
        let bytes =
            annotated_workbook(result, &self.locale, self.created).map_err(io::Error::other)?;
        let path = self.path_for(result)?;
        super::write_atomically(&path, &bytes)?;
        self.written += 1;
        Ok(())
    }

    fn finish(&mut self, _end: &RunEnd) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xlsx_paths_are_files_and_others_directories() {
        assert!(matches!(
            AnnotateTarget::of(Path::new("out/甲.XLSX")),
            AnnotateTarget::File(_)
        ));
        assert!(matches!(
            AnnotateTarget::of(Path::new("out")),
            AnnotateTarget::Dir(_)
        ));
    }
}
