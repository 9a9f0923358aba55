//! A spreadsheet unit → a [`LoadedUnit`]: read the workbook (or the CSV files), render each
//! file's sheets, and hand the texts to the same assembly as YAML units. Every problem is a
//! SUBMIT finding — a corrupt workbook, a missing or hidden sheet, an unknown header, a CSV in
//! GBK — and never stops the rest from being read.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::finding::{Finding, RuleHeader, Severity};
use crate::inventory::schema::Kind;
use crate::inventory::unit::{LoadOptions, LoadedUnit, assemble_unit, join_display};
use crate::source::{SourceFile, Span};
use crate::wording::{Message, keys};

use super::columns::{NOTES_SHEET, RESULTS_SHEET, SHEETS, SheetSpec, normalize_header};
use super::grid::{
    CsvError, Encoding, Format, Grid, GridError, decode_csv, read_csv, read_workbook,
};
use super::render::{ProblemKind, SheetProblem, render_file};

/// Where a spreadsheet unit is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SheetSource {
    /// One workbook.
    Xlsx(PathBuf),
    /// A directory of CSV files, one per sheet (`单位信息.csv`, `标识标牌.csv` …).
    Csv(PathBuf),
}

/// The spreadsheet unit at `path`, if it is one: an `.xlsx` file, or a directory without
/// `unit.yaml` that holds `单位信息.csv` (or `unit.csv`).
pub fn sheet_source(path: &Path) -> Option<SheetSource> {
    // Asked first, as nearly every unit is a folder with `unit.yaml`: one look-up a unit.
    if path.join("unit.yaml").symlink_metadata().is_ok() {
        return None;
    }
    let metadata = std::fs::metadata(path).ok()?;
    if metadata.is_file() {
        let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
        return crate::discover::WORKBOOK_EXTENSIONS
            .contains(&ext.as_str())
            .then(|| SheetSource::Xlsx(path.to_path_buf()));
    }
    csv_file(path, &SHEETS[0]).map(|_| SheetSource::Csv(path.to_path_buf()))
}

/// The CSV file of `spec` in `dir`: `标识标牌.csv`, else one named after an alias.
fn csv_file(dir: &Path, spec: &SheetSpec) -> Option<PathBuf> {
    std::iter::once(spec.name)
        .chain(spec.aliases.iter().copied())
        .map(|name| dir.join(format!("{name}.csv")))
        .find(|path| path.is_file())
}

/// Load the spreadsheet unit, shown to users as `display`.
pub fn load_sheet_unit(source: &SheetSource, display: &str, options: &LoadOptions) -> LoadedUnit {
    let mut load = Load {
        options,
        inputs: Vec::new(),
        findings: Vec::new(),
    };
    match source {
        SheetSource::Xlsx(path) => load.workbook(path, display),
        SheetSource::Csv(dir) => load.csv_dir(dir, display),
    }
    assemble_unit(display, load.inputs, load.findings, options)
}

/// Load a workbook held in memory (an upload, a fuzzer's input), shown to users as `display`,
/// whose extension also names the format (`甲.xls` is not read as `.xlsx`). Nothing touches the
/// disk.
pub fn load_workbook_bytes(bytes: Vec<u8>, display: &str, options: &LoadOptions) -> LoadedUnit {
    let mut load = Load {
        options,
        inputs: Vec::new(),
        findings: Vec::new(),
    };
    load.workbook_bytes(bytes, Path::new(display), display);
    assemble_unit(display, load.inputs, load.findings, options)
}

/// Load a unit of CSV files held in memory (an upload), by file stem (`单位信息`, `标识标牌` …),
/// shown to users as `display`. Nothing touches the disk.
pub fn load_csv_bytes(
    files: &[(String, Vec<u8>)],
    display: &str,
    options: &LoadOptions,
) -> LoadedUnit {
    let mut load = Load {
        options,
        inputs: Vec::new(),
        findings: Vec::new(),
    };
    load.csv_in_memory(files, display);
    assemble_unit(display, load.inputs, load.findings, options)
}

/// A sheet as read: its grid, where its text goes, and whether it could be read.
struct SheetRead {
    grid: Option<Grid>,
    /// The path findings on this sheet show (the workbook, or the CSV file).
    shown: String,
    /// The sheet could not be read (a finding says why): its file has no tree.
    broken: bool,
}

struct Load<'a> {
    options: &'a LoadOptions<'a>,
    inputs: Vec<(Kind, Arc<SourceFile>, bool)>,
    findings: Vec<Finding>,
}

impl Load<'_> {
    /// Record a finding of `rule` at its configured severity; returns it for adjustments.
    fn finding(
        &mut self,
        rule: &(Arc<RuleHeader>, Severity),
        source: &Arc<SourceFile>,
        span: Span,
        path: &str,
        message: Message,
        help: Option<Message>,
    ) -> &mut Finding {
        let finding = Finding::new(rule.0.clone(), rule.1, source.clone(), span, path, message)
            .with_help(help);
        self.findings.push(finding);
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }

    fn workbook(&mut self, path: &Path, display: &str) {
        let empty = SourceFile::new(display, "");
        match self.read_bytes(path, &empty) {
            Some(bytes) => self.workbook_bytes(bytes, path, display),
            None => self.inputs.push((Kind::Unit, empty, false)),
        }
    }

    /// The workbook in `bytes`, read from `path`.
    fn workbook_bytes(&mut self, bytes: Vec<u8>, path: &Path, display: &str) {
        let empty = SourceFile::new(display, "");
        let format = match workbook_format(path, &bytes) {
            Ok(format) => format,
            Err(other) => {
                self.workbook_error(&empty, &GridError::OtherFormat(other));
                self.inputs.push((Kind::Unit, empty, false));
                return;
            }
        };
        let limits = self.options.limits;
        let wanted = |name: &str| SheetSpec::find(name).is_some();
        let book = match read_workbook(bytes, format, &limits, wanted) {
            Ok(book) => book,
            // WPS's own `.et` format is not the Excel 97–2003 one it resembles.
            Err(GridError::Corrupt(_)) if is_wps(path) => {
                self.workbook_error(&empty, &GridError::OtherFormat(OtherFormat::Wps));
                self.inputs.push((Kind::Unit, empty, false));
                return;
            }
            Err(error) => {
                self.workbook_error(&empty, &error);
                self.inputs.push((Kind::Unit, empty, false));
                return;
            }
        };
        let mut sheets: Vec<(&'static SheetSpec, SheetRead)> = Vec::new();
        for grid in book.grids {
            let Some(spec) = SheetSpec::find(&grid.name) else {
                continue;
            };
            if let Some((_, first)) = sheets.iter().find(|(s, _)| s.name == spec.name) {
                let first = first
                    .grid
                    .as_ref()
                    .map_or_else(String::new, |g| g.name.clone());
                self.duplicate_sheet(&empty, &grid.name, &first);
                continue;
            }
            let read = SheetRead {
                grid: Some(grid),
                shown: display.to_owned(),
                broken: false,
            };
            sheets.push((spec, read));
        }
        for (name, error) in book.broken {
            let Some(spec) = SheetSpec::find(&name) else {
                continue;
            };
            self.workbook_error(&empty, &error);
            let read = SheetRead {
                grid: None,
                shown: display.to_owned(),
                broken: true,
            };
            sheets.push((spec, read));
        }
        self.assemble(&sheets, display, &book.names);
    }

    fn csv_dir(&mut self, dir: &Path, display: &str) {
        let mut sheets: Vec<(&'static SheetSpec, SheetRead)> = Vec::new();
        let mut names = Vec::new();
        for spec in SHEETS {
            let Some(path) = csv_file(dir, spec) else {
                continue;
            };
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let file_name = format!("{stem}.csv");
            let shown = join_display(display, &file_name);
            names.push(stem.clone());
            let read = self.csv_file(&path, &shown, &stem);
            sheets.push((spec, read));
        }
        // Stray CSV files whose names are close to a sheet's name help explain a missing one.
        if let Ok(entries) = std::fs::read_dir(dir) {
            let mut others: Vec<String> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
                .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .filter(|s| !names.contains(s))
                .collect();
            others.sort();
            names.extend(others);
        }
        self.assemble(&sheets, display, &names);
    }

    fn csv_file(&mut self, path: &Path, shown: &str, stem: &str) -> SheetRead {
        let empty = SourceFile::new(shown, "");
        match self.read_bytes(path, &empty) {
            Some(bytes) => self.csv_bytes(&bytes, shown, stem),
            None => SheetRead {
                grid: None,
                shown: shown.to_owned(),
                broken: true,
            },
        }
    }

    /// CSV files held in memory, by file stem (`标识标牌`), as [`Self::csv_dir`] reads a folder.
    fn csv_in_memory(&mut self, files: &[(String, Vec<u8>)], display: &str) {
        let mut sheets: Vec<(&'static SheetSpec, SheetRead)> = Vec::new();
        let mut names = Vec::new();
        for spec in SHEETS {
            let found = std::iter::once(spec.name)
                .chain(spec.aliases.iter().copied())
                .find_map(|name| files.iter().find(|(stem, _)| stem == name));
            let Some((stem, bytes)) = found else {
                continue;
            };
            let shown = join_display(display, &format!("{stem}.csv"));
            names.push(stem.clone());
            let read = if bytes.len() as u64 > self.options.limits.max_file_bytes {
                let limit = self.options.limits.max_file_bytes;
                let problem = super::super::unit::ReadProblem::TooLarge { limit };
                let (message, help) = super::super::unit::read_problem_text(&problem);
                let rule = self.options.rules.invalid_yaml.clone();
                let empty = SourceFile::new(&shown, "");
                self.finding(&rule, &empty, Span::default(), "", message, help);
                SheetRead {
                    grid: None,
                    shown,
                    broken: true,
                }
            } else {
                self.csv_bytes(bytes, &shown, stem)
            };
            sheets.push((spec, read));
        }
        let mut others: Vec<String> = files
            .iter()
            .map(|(stem, _)| stem.clone())
            .filter(|stem| !names.contains(stem))
            .collect();
        others.sort();
        names.extend(others);
        self.assemble(&sheets, display, &names);
    }

    fn csv_bytes(&mut self, bytes: &[u8], shown: &str, stem: &str) -> SheetRead {
        let empty = SourceFile::new(shown, "");
        let broken = |shown: &str| SheetRead {
            grid: None,
            shown: shown.to_owned(),
            broken: true,
        };
        let (text, encoding) = match decode_csv(bytes) {
            Ok(decoded) => decoded,
            Err(error) => {
                self.csv_error(&empty, &error);
                return broken(shown);
            }
        };
        let grid = match read_csv(&text, stem, &self.options.limits) {
            Ok(grid) => grid,
            Err(error) => {
                self.csv_error(&empty, &error);
                return broken(shown);
            }
        };
        if encoding == Encoding::Gbk {
            self.gbk_note(&empty);
        }
        SheetRead {
            grid: Some(grid),
            shown: shown.to_owned(),
            broken: false,
        }
    }

    /// Render every file of the unit from the sheets read, in workbook order.
    fn assemble(
        &mut self,
        sheets: &[(&'static SheetSpec, SheetRead)],
        display: &str,
        names: &[String],
    ) {
        let mut order_base: u32 = 0;
        for kind in Kind::ALL {
            let specs: Vec<&'static SheetSpec> = SHEETS.iter().filter(|s| s.kind == kind).collect();
            let Some(primary) = specs.first() else {
                continue;
            };
            let read_of = |spec: &SheetSpec| {
                sheets
                    .iter()
                    .find(|(s, _)| s.name == spec.name)
                    .map(|(_, r)| r)
            };
            let Some(main) = read_of(primary) else {
                self.missing_sheet(primary, display, names);
                continue;
            };
            if main.broken {
                self.inputs
                    .push((kind, SourceFile::new(main.shown.clone(), ""), false));
                continue;
            }
            let parts: Vec<(&'static SheetSpec, Option<&Grid>)> = specs
                .iter()
                .map(|spec| (*spec, read_of(spec).and_then(|r| r.grid.as_ref())))
                .collect();
            let mut rendered = render_file(&parts, order_base);
            // A CSV unit's lists are files of their own: their findings name those files.
            for spec in &specs {
                if let Some(SheetRead {
                    grid: Some(grid),
                    shown,
                    ..
                }) = read_of(spec)
                    && *shown != main.shown
                {
                    rendered.cells.set_sheet_file(&grid.name, shown);
                }
            }
            order_base = order_base
                .saturating_add(u32::try_from(rendered.text.len()).unwrap_or(u32::MAX))
                .saturating_add(1);
            let source = SourceFile::with_cells(main.shown.clone(), rendered.text, rendered.cells);
            for problem in rendered.problems {
                self.problem(&source, problem, primary);
            }
            for (spec, grid) in &parts {
                if let Some(grid) = grid.filter(|g| g.hidden) {
                    self.hidden_note(&source, &grid.name, spec);
                }
            }
            self.inputs.push((kind, source, rendered.readable));
        }
    }

    /// The file's bytes, or a SUBMIT-001 finding (too large, not a regular file, a link out of
    /// the tree, unreadable), read as a unit's YAML files are.
    fn read_bytes(&mut self, path: &Path, source: &Arc<SourceFile>) -> Option<Vec<u8>> {
        let limit = self.options.limits.max_file_bytes;
        match super::super::unit::read_bytes(path, limit, self.options.tree) {
            Ok(bytes) => Some(bytes),
            Err(problem) => {
                let (message, help) = super::super::unit::read_problem_text(&problem);
                let rule = self.options.rules.invalid_yaml.clone();
                self.finding(&rule, source, Span::default(), "", message, help);
                None
            }
        }
    }

    fn workbook_error(&mut self, source: &Arc<SourceFile>, error: &GridError) {
        let rule = self.options.rules.invalid_yaml.clone();
        let resave = Message::new(&keys::RESAVE_AS_XLSX_HELP);
        let (message, help) = match error {
            GridError::OtherFormat(format) => (
                Message::new(&keys::WORKBOOK_OTHER_FORMAT).arg("format", format.name()),
                resave,
            ),
            // The reader's own words are English and technical ("Could not find EOCD"): they
            // are kept as the detail, which the Chinese message leaves out.
            GridError::Corrupt(detail) => (
                Message::new(&keys::WORKBOOK_CORRUPT).arg("detail", detail.as_str()),
                resave,
            ),
            GridError::TooLarge { limit } => (
                Message::new(&keys::WORKBOOK_TOO_LARGE).arg("limit", *limit),
                Message::new(&keys::LIMIT_KEY_HELP).arg("key", "max_file_bytes"),
            ),
            GridError::TooManyCells { sheet, limit } => (
                Message::new(&keys::SHEET_TOO_MANY_CELLS)
                    .arg("sheet", sheet.as_str())
                    .arg("limit", *limit),
                Message::new(&keys::LIMIT_KEY_HELP).arg("key", "max_nodes"),
            ),
            GridError::TooDense { limit } => (
                Message::new(&keys::SHEET_TOO_DENSE).arg("limit", *limit),
                Message::new(&keys::SHEET_TOO_DENSE_HELP),
            ),
            GridError::TooMuchText { limit } => (
                Message::new(&keys::WORKBOOK_TOO_MUCH_TEXT).arg("limit", *limit),
                Message::new(&keys::LIMIT_KEY_HELP).arg("key", "max_file_bytes"),
            ),
        };
        self.finding(&rule, source, Span::default(), "", message, Some(help));
    }

    fn csv_error(&mut self, source: &Arc<SourceFile>, error: &CsvError) {
        let rules = &self.options.rules;
        let (rule, message, help) = match error {
            CsvError::Encoding { guess, .. } => (
                rules.not_utf8.clone(),
                match guess {
                    Some(encoding) => Message::new(&keys::CSV_ENCODING).arg("encoding", *encoding),
                    None => Message::new(&keys::CSV_ENCODING_UNKNOWN),
                },
                Message::new(&keys::CSV_SAVE_UTF8_HELP),
            ),
            CsvError::Parse(detail) => (
                rules.invalid_yaml.clone(),
                Message::new(&keys::CSV_SYNTAX).arg("detail", detail.as_str()),
                Message::new(&keys::CSV_RESAVE_HELP),
            ),
            CsvError::TooManyCells { limit } => (
                rules.invalid_yaml.clone(),
                Message::new(&keys::CSV_TOO_MANY_CELLS).arg("limit", *limit),
                Message::new(&keys::LIMIT_KEY_HELP).arg("key", "max_nodes"),
            ),
        };
        self.finding(&rule, source, Span::default(), "", message, Some(help));
    }

    /// GBK is what Excel writes for "CSV" on a Chinese Windows: read, and noted for the record
    /// under SUBMIT-005 (not-utf8) at info level.
    fn gbk_note(&mut self, source: &Arc<SourceFile>) {
        let rule = self.options.rules.not_utf8.clone();
        let message = Message::new(&keys::CSV_GBK_NOTE);
        let help = Message::new(&keys::CSV_GBK_HELP);
        self.finding(&rule, source, Span::default(), "", message, Some(help))
            .severity = Severity::Info;
    }

    /// A hidden sheet is read like any other, and noted (SUBMIT-003 at info level): whoever
    /// opens the workbook may take the section for missing.
    fn hidden_note(&mut self, source: &Arc<SourceFile>, sheet: &str, spec: &SheetSpec) {
        let rule = self.options.rules.missing_section.clone();
        let message = Message::new(&keys::SHEET_HIDDEN).arg("sheet", sheet);
        let help = Message::new(&keys::SHEET_HIDDEN_HELP);
        let path = spec.list.unwrap_or_default();
        self.finding(&rule, source, Span::default(), path, message, Some(help))
            .severity = Severity::Info;
    }

    fn duplicate_sheet(&mut self, source: &Arc<SourceFile>, sheet: &str, first: &str) {
        let rule = self.options.rules.schema_violation.clone();
        let message = Message::new(&keys::SHEET_DUPLICATE)
            .arg("sheet", sheet)
            .arg("first", first);
        self.finding(&rule, source, Span::default(), "", message, None);
    }

    /// A section sheet that is absent: SUBMIT-003, as a missing YAML file; an absent 单位信息
    /// sheet: SUBMIT-002, since nothing says which unit this is.
    fn missing_sheet(&mut self, spec: &SheetSpec, display: &str, names: &[String]) {
        let source = SourceFile::new(display, "");
        let close = names
            .iter()
            .filter(|n| SheetSpec::find(n).is_none())
            .map(|n| {
                (
                    strsim::jaro_winkler(&normalize_header(n), &normalize_header(spec.name)),
                    n,
                )
            })
            .filter(|(score, _)| *score >= 0.7)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, n)| n.clone())
            // A sheet renamed to anything (Sheet1, 基本信息) is the likely one when it is the only
            // sheet the template does not have.
            .or_else(|| {
                let mut unknown = names.iter().filter(|n| {
                    SheetSpec::find(n).is_none()
                        && n.as_str() != NOTES_SHEET
                        && n.as_str() != RESULTS_SHEET
                });
                match (unknown.next(), unknown.next()) {
                    (Some(only), None) => Some(only.clone()),
                    _ => None,
                }
            });
        let help = match close {
            Some(name) => Message::new(&keys::SHEET_RENAME_HELP)
                .arg("name", name)
                .arg("sheet", spec.name),
            None => Message::new(&keys::SHEET_COPY_HELP).arg("sheet", spec.name),
        };
        if spec.kind == Kind::Unit {
            let rule = self.options.rules.schema_violation.clone();
            let message = Message::new(&keys::UNIT_SHEET_MISSING).arg("sheet", spec.name);
            self.finding(&rule, &source, Span::default(), "", message, Some(help));
            return;
        }
        let rule = self.options.rules.missing_section.clone();
        let message = Message::new(&keys::SHEET_MISSING).arg("sheet", spec.name);
        let path = spec.list.unwrap_or_default();
        self.finding(&rule, &source, Span::default(), path, message, Some(help));
    }

    fn problem(&mut self, source: &Arc<SourceFile>, problem: SheetProblem, spec: &SheetSpec) {
        let mut rule = self.options.rules.schema_violation.clone();
        // A column the template does not have (备注, 序号 of another kind) is not read, and that
        // is all: a warning, so that a clerk's own notes never fail the submission.
        if matches!(problem.kind, ProblemKind::UnknownHeader { .. }) {
            rule.1 = rule.1.min(Severity::Warning);
        }
        // A cleaned code was read as the clerk meant it: noted, never a failure.
        if matches!(problem.kind, ProblemKind::CleanedCode { .. }) {
            rule.1 = Severity::Info;
        }
        let path = spec.list.unwrap_or_default();
        let (message, help) = match &problem.kind {
            ProblemKind::UnknownHeader {
                sheet,
                header,
                suggestion,
            } => {
                let spec = SheetSpec::find(sheet).unwrap_or(spec);
                let columns = header_list(spec);
                let message = Message::new(&keys::UNKNOWN_COLUMN)
                    .arg("sheet", sheet.as_str())
                    .arg("header", header.as_str());
                let help = match suggestion {
                    Some(s) => Message::new(&keys::UNKNOWN_COLUMN_SUGGEST)
                        .arg("suggestion", *s)
                        .arg("columns", columns),
                    None => Message::new(&keys::SHEET_COLUMNS).arg("columns", columns),
                };
                (message, Some(help))
            }
            ProblemKind::DuplicateHeader { sheet, header } => (
                Message::new(&keys::DUPLICATE_COLUMN)
                    .arg("sheet", sheet.as_str())
                    .arg("header", header.as_str()),
                None,
            ),
            ProblemKind::NoHeader { sheet } => {
                let spec = SheetSpec::find(sheet).unwrap_or(spec);
                (
                    Message::new(&keys::NO_HEADER_ROW).arg("sheet", sheet.as_str()),
                    Some(Message::new(&keys::NO_HEADER_ROW_HELP).arg("columns", header_list(spec))),
                )
            }
            ProblemKind::ExtraUnitRow { sheet, row } => (
                Message::new(&keys::EXTRA_UNIT_ROW)
                    .arg("sheet", sheet.as_str())
                    .arg("row", *row),
                Some(Message::new(&keys::EXTRA_UNIT_ROW_HELP)),
            ),
            ProblemKind::CleanedCode {
                header,
                typed,
                read,
            } => (
                Message::new(&keys::CLEANED_CODE)
                    .arg("header", header.as_str())
                    .arg("typed", typed.as_str())
                    .arg("read", read.as_str()),
                Some(Message::new(&keys::CLEANED_CODE_HELP)),
            ),
        };
        self.finding(&rule, source, problem.span, path, message, help);
    }
}

fn header_list(spec: &SheetSpec) -> String {
    spec.columns
        .iter()
        .map(|c| c.header)
        .collect::<Vec<_>>()
        .join("、")
}

/// A spreadsheet format the reader does not take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OtherFormat {
    /// WPS's own `.et` format, where it is not the Excel 97–2003 one.
    Wps,
    /// `.xlsb`: Excel's binary workbook.
    ExcelBinary,
}

impl OtherFormat {
    /// The format's catalogue key, as the messages name it.
    pub fn name(self) -> &'static str {
        match self {
            OtherFormat::Wps => "wps",
            OtherFormat::ExcelBinary => "xlsb",
        }
    }
}

/// The format of a workbook, by its first bytes where they tell (an `.xls` renamed `.xlsx` is
/// still an `.xls`, and so is an `.et` saved in that format), else by its extension.
pub fn workbook_format(path: &Path, bytes: &[u8]) -> Result<Format, OtherFormat> {
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(OLE) {
        return Ok(Format::Xls);
    }
    // An OpenDocument file starts with its uncompressed `mimetype` entry.
    if bytes.get(30..).is_some_and(|rest| {
        rest.starts_with(b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet")
    }) {
        return Ok(Format::Ods);
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("xls") => Ok(Format::Xls),
        Some("et") => Err(OtherFormat::Wps),
        Some("ods") => Ok(Format::Ods),
        Some("xlsb") => Err(OtherFormat::ExcelBinary),
        _ => Ok(Format::Xlsx),
    }
}

/// Whether `path` is named as a WPS Spreadsheets file.
fn is_wps(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("et"))
}
