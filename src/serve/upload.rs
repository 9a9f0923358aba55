//! An upload taken apart into units, in memory: a workbook (`.xlsx`, `.xls`, …), one CSV sheet,
//! or a `.zip` of a unit or a whole township (YAML folders, workbooks, folders of CSV sheets).
//!
//! Uploads are hostile. Nothing is written to disk; a zip is read entry by entry within limits
//! on the number of entries, each entry's and the total uncompressed size, and the compression
//! ratio (a zip bomb is refused before it is inflated), and an entry whose name leaves the
//! archive (`../`, an absolute path) or that is a symbolic link refuses the whole upload.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use serde::Serialize;

use crate::discover::WORKBOOK_EXTENSIONS;
use crate::inventory::Kind;
use crate::inventory::sheet::columns::SHEETS;

/// How much an upload may hold. Each is named in the error that breaches it.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct UploadLimits {
    /// `max_upload_bytes`: the request body (default 32 MiB).
    pub max_upload_bytes: usize,
    /// `max_zip_entries`: entries in a zip, folders included (default 10,000).
    pub max_zip_entries: usize,
    /// `max_zip_entry_bytes`: one entry, uncompressed (default 16 MiB).
    pub max_zip_entry_bytes: u64,
    /// `max_zip_total_bytes`: all entries, uncompressed (default 256 MiB).
    pub max_zip_total_bytes: u64,
    /// `max_zip_ratio`: an entry's uncompressed size over its compressed size (default 200).
    pub max_zip_ratio: u64,
    /// `max_units`: units in one upload (default 2,000).
    pub max_units: usize,
}

impl Default for UploadLimits {
    fn default() -> Self {
        UploadLimits {
            max_upload_bytes: 32 * 1024 * 1024,
            max_zip_entries: 10_000,
            max_zip_entry_bytes: 16 * 1024 * 1024,
            max_zip_total_bytes: 256 * 1024 * 1024,
            max_zip_ratio: 200,
            max_units: 2_000,
        }
    }
}

/// Why an upload cannot be checked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UploadError {
    /// A limit was breached: its name, and the limit.
    #[error("limit {name} ({limit}) exceeded")]
    TooLarge { name: &'static str, limit: u64 },
    /// Not a workbook, a CSV sheet or a zip (by its name).
    #[error("not a workbook, CSV file or zip: {name}")]
    NotAnInventory { name: String },
    /// The zip could not be read.
    #[error("corrupt zip: {detail}")]
    CorruptZip { detail: String },
    /// An entry that leaves the archive, or a link.
    #[error("unsafe entry in zip: {entry}")]
    UnsafeEntry { entry: String },
    /// A zip with no unit in it.
    #[error("no unit in the zip")]
    NoUnit,
}

/// One unit of an upload, as its files came.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UploadUnit {
    /// A workbook; `display` is its name (the extension names the format).
    Workbook { display: String, bytes: Vec<u8> },
    /// A folder of YAML files (`unit.yaml`, `signage.yaml` …).
    Yaml {
        display: String,
        files: Vec<(Kind, Vec<u8>)>,
    },
    /// CSV sheets by file stem (`单位信息`, `标识标牌` …).
    Csv {
        display: String,
        files: Vec<(String, Vec<u8>)>,
    },
}

/// What an uploaded file is, by its name.
fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default()
}

/// The units of an upload named `name`.
pub fn units_of_upload(
    name: &str,
    bytes: Vec<u8>,
    limits: &UploadLimits,
) -> Result<Vec<UploadUnit>, UploadError> {
    let name = base_name(name);
    let ext = extension(&name);
    if WORKBOOK_EXTENSIONS.contains(&ext.as_str()) {
        return Ok(vec![UploadUnit::Workbook {
            display: name,
            bytes,
        }]);
    }
    match ext.as_str() {
        "csv" => {
            let stem = name[..name.len() - 4].to_owned();
            Ok(vec![UploadUnit::Csv {
                display: stem.clone(),
                files: vec![(stem, bytes)],
            }])
        }
        "zip" => units_of_zip(bytes, limits),
        _ => Err(UploadError::NotAnInventory { name }),
    }
}

/// The last part of a name a browser sent (some send a whole Windows path), kept printable.
fn base_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let printable: String = last.chars().filter(|c| !c.is_control()).collect();
    if printable.is_empty() {
        "upload".to_owned()
    } else {
        printable
    }
}

/// Read every file of a zip into memory within the limits, then group them into units.
fn units_of_zip(bytes: Vec<u8>, limits: &UploadLimits) -> Result<Vec<UploadUnit>, UploadError> {
    let corrupt = |e: zip::result::ZipError| UploadError::CorruptZip {
        detail: e.to_string(),
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
    if archive.len() > limits.max_zip_entries {
        return Err(UploadError::TooLarge {
            name: "max_zip_entries",
            limit: limits.max_zip_entries as u64,
        });
    }
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(corrupt)?;
        let raw_name = entry.name().map_err(corrupt)?.into_owned();
        if entry.is_symlink() {
            return Err(UploadError::UnsafeEntry { entry: raw_name });
        }
        let Some(path) = entry.enclosed_name().filter(|_| !leaves_archive(&raw_name)) else {
            return Err(UploadError::UnsafeEntry { entry: raw_name });
        };
        if entry.is_dir() || is_hidden(&path) {
            continue;
        }
        let declared = entry.size();
        let compressed = entry.compressed_size().max(1);
        if declared > limits.max_zip_entry_bytes {
            return Err(too_large("max_zip_entry_bytes", limits.max_zip_entry_bytes));
        }
        if declared / compressed > limits.max_zip_ratio {
            return Err(too_large("max_zip_ratio", limits.max_zip_ratio));
        }
        // The sizes in the header are the uploader's word: read no more than the limit allows.
        let allowed = limits
            .max_zip_entry_bytes
            .min(limits.max_zip_total_bytes - total);
        let mut content = Vec::new();
        (&mut entry)
            .take(allowed + 1)
            .read_to_end(&mut content)
            .map_err(|e| UploadError::CorruptZip {
                detail: e.to_string(),
            })?;
        let read = content.len() as u64;
        if read > limits.max_zip_entry_bytes {
            return Err(too_large("max_zip_entry_bytes", limits.max_zip_entry_bytes));
        }
        if read / compressed > limits.max_zip_ratio {
            return Err(too_large("max_zip_ratio", limits.max_zip_ratio));
        }
        total += read;
        if total > limits.max_zip_total_bytes {
            return Err(too_large("max_zip_total_bytes", limits.max_zip_total_bytes));
        }
        let name = path
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        files.push((name, content));
    }
    let units = group_into_units(files);
    if units.is_empty() {
        return Err(UploadError::NoUnit);
    }
    if units.len() > limits.max_units {
        return Err(too_large("max_units", limits.max_units as u64));
    }
    Ok(units)
}

/// A name that is absolute (`/etc/x`, `C:\\x`, `\\\\server\\x`) or climbs out (`a/../../x`),
/// however the archive's library would read it: such a zip was made to attack, not to submit.
fn leaves_archive(name: &str) -> bool {
    let name = name.replace('\\', "/");
    let drive = name.as_bytes().get(1) == Some(&b':');
    name.starts_with('/') || drive || name.split('/').any(|part| part == "..")
}

fn too_large(name: &'static str, limit: u64) -> UploadError {
    UploadError::TooLarge { name, limit }
}

/// macOS's `__MACOSX/` and dot files ride along in zips made on a Mac; they are no inventory.
fn is_hidden(path: &std::path::Path) -> bool {
    path.components().any(|c| {
        let part = c.as_os_str().to_string_lossy();
        part.starts_with('.') || part == "__MACOSX"
    })
}

/// Units as `jianfu check` finds them in a tree: every folder holding `unit.yaml` is a YAML
/// unit, every workbook is a unit, every folder of CSV sheets with 单位信息.csv is a unit.
/// Other files are left out. Units come in the order of their paths.
fn group_into_units(files: Vec<(String, Vec<u8>)>) -> Vec<UploadUnit> {
    let mut folders: BTreeMap<String, Vec<(String, Vec<u8>)>> = BTreeMap::new();
    let mut units: Vec<(String, UploadUnit)> = Vec::new();
    for (path, bytes) in files {
        let (folder, file) = match path.rsplit_once('/') {
            Some((folder, file)) => (folder.to_owned(), file.to_owned()),
            None => (String::new(), path.clone()),
        };
        if WORKBOOK_EXTENSIONS.contains(&extension(&file).as_str()) {
            let unit = UploadUnit::Workbook {
                display: path.clone(),
                bytes,
            };
            units.push((path, unit));
        } else {
            folders.entry(folder).or_default().push((file, bytes));
        }
    }
    for (folder, files) in folders {
        let display = if folder.is_empty() {
            ".".to_owned()
        } else {
            folder.clone()
        };
        if files.iter().any(|(name, _)| name == Kind::Unit.file_name()) {
            let files = files
                .into_iter()
                .filter_map(|(name, bytes)| {
                    let kind = Kind::ALL.into_iter().find(|k| k.file_name() == name)?;
                    Some((kind, bytes))
                })
                .collect();
            units.push((folder, UploadUnit::Yaml { display, files }));
        } else if let Some(files) = csv_sheets(files) {
            units.push((folder, UploadUnit::Csv { display, files }));
        }
    }
    units.sort_by(|a, b| a.0.cmp(&b.0));
    units.into_iter().map(|(_, unit)| unit).collect()
}

/// A folder's CSV files by stem, when one of them is the unit sheet (单位信息.csv).
fn csv_sheets(files: Vec<(String, Vec<u8>)>) -> Option<Vec<(String, Vec<u8>)>> {
    let sheets: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .filter(|(name, _)| extension(name) == "csv")
        .map(|(name, bytes)| (name[..name.len() - 4].to_owned(), bytes))
        .collect();
    let unit_sheet = &SHEETS[0];
    let has_unit = sheets
        .iter()
        .any(|(stem, _)| stem == unit_sheet.name || unit_sheet.aliases.contains(&stem.as_str()));
    has_unit.then_some(sheets)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default();
        for (name, bytes) in entries {
            zip.start_file(*name, options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn a_township_zip_gives_its_units_in_order() {
        let bytes = zip_of(&[
            ("乡/村B/unit.yaml", b"code: x"),
            ("乡/村B/signage.yaml", b"signs: []"),
            ("乡/村B/notes.txt", b"ignored"),
            ("乡/村A.xlsx", b"PK"),
            ("乡/社区C/单位信息.csv", b"a,b"),
            ("乡/社区C/标识标牌.csv", b"a,b"),
            ("__MACOSX/乡/._村A.xlsx", b"junk"),
            ("乡/其他/tasks.yaml", b"tasks: []"),
        ]);
        let units = units_of_upload("乡.zip", bytes, &UploadLimits::default()).unwrap();
        let names: Vec<String> = units
            .iter()
            .map(|u| match u {
                UploadUnit::Workbook { display, .. } => format!("xlsx {display}"),
                UploadUnit::Yaml { display, files } => format!("yaml {display} {}", files.len()),
                UploadUnit::Csv { display, files } => format!("csv {display} {}", files.len()),
            })
            .collect();
        assert_eq!(
            names,
            ["xlsx 乡/村A.xlsx", "yaml 乡/村B 2", "csv 乡/社区C 2"]
        );
    }

    #[test]
    fn traversal_absolute_paths_and_links_refuse_the_upload() {
        for name in [
            "../evil/unit.yaml",
            "/etc/unit.yaml",
            "a/../../unit.yaml",
            "C:\\unit.yaml",
        ] {
            let bytes = zip_of(&[(name, b"code: x")]);
            assert!(
                matches!(
                    units_of_upload("a.zip", bytes, &UploadLimits::default()),
                    Err(UploadError::UnsafeEntry { .. })
                ),
                "{name}"
            );
        }
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        zip.add_symlink(
            "unit.yaml",
            "/etc/passwd",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        zip.finish().unwrap();
        assert!(matches!(
            units_of_upload("a.zip", out.into_inner(), &UploadLimits::default()),
            Err(UploadError::UnsafeEntry { .. })
        ));
    }

    #[test]
    fn each_zip_limit_is_named_when_breached() {
        let limits = UploadLimits {
            max_zip_entries: 2,
            ..UploadLimits::default()
        };
        let three = zip_of(&[
            ("a/unit.yaml", b"x"),
            ("b/unit.yaml", b"x"),
            ("c/unit.yaml", b"x"),
        ]);
        assert_eq!(
            units_of_upload("a.zip", three.clone(), &limits),
            Err(too_large("max_zip_entries", 2))
        );
        let limits = UploadLimits {
            max_units: 2,
            ..UploadLimits::default()
        };
        assert_eq!(
            units_of_upload("a.zip", three, &limits),
            Err(too_large("max_units", 2))
        );
        // A bomb: a megabyte of zeros compresses a thousandfold.
        let zeros = vec![0u8; 1 << 20];
        let bomb = zip_of(&[("a/unit.yaml", &zeros)]);
        assert_eq!(
            units_of_upload("a.zip", bomb.clone(), &UploadLimits::default()),
            Err(too_large("max_zip_ratio", 200))
        );
        let limits = UploadLimits {
            max_zip_entry_bytes: 1000,
            ..UploadLimits::default()
        };
        assert_eq!(
            units_of_upload("a.zip", bomb, &limits),
            Err(too_large("max_zip_entry_bytes", 1000))
        );
        let limits = UploadLimits {
            max_zip_total_bytes: 5,
            ..UploadLimits::default()
        };
        let two = zip_of(&[("a/unit.yaml", b"abcd"), ("b/unit.yaml", b"abcd")]);
        assert_eq!(
            units_of_upload("a.zip", two, &limits),
            Err(too_large("max_zip_total_bytes", 5))
        );
    }

    #[test]
    fn other_files_and_broken_zips_are_refused() {
        assert!(matches!(
            units_of_upload("a.pdf", vec![1, 2], &UploadLimits::default()),
            Err(UploadError::NotAnInventory { .. })
        ));
        assert!(matches!(
            units_of_upload(
                "a.zip",
                b"PK\x03\x04garbage".to_vec(),
                &UploadLimits::default()
            ),
            Err(UploadError::CorruptZip { .. })
        ));
        let empty = zip_of(&[("readme.txt", b"x")]);
        assert_eq!(
            units_of_upload("a.zip", empty, &UploadLimits::default()),
            Err(UploadError::NoUnit)
        );
        // A Windows browser's full path keeps only the file's name.
        let units =
            units_of_upload("C:\\Users\\a\\村.xlsx", vec![], &UploadLimits::default()).unwrap();
        assert_eq!(
            units,
            [UploadUnit::Workbook {
                display: "村.xlsx".into(),
                bytes: vec![]
            }]
        );
    }
}
