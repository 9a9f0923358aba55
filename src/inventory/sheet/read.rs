//! A spreadsheet unit → a [`LoadedUnit`]: read the workbook (or the CSV files), render each
//! file's sheets, and hand the texts to the same assembly as YAML units. Every problem is a
//! SUBMIT finding — a corrupt workbook, a missing or hidden sheet, an unknown header, a CSV in
//! GBK — and never stops the rest from being read.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::finding::{Finding, Lang, RuleHeader, Severity};
use crate::inventory::schema::Kind;
use crate::inventory::unit::{LoadOptions, LoadedUnit, assemble_unit, join_display};
use crate::source::{SourceFile, Span};

use super::columns::{NOTES_SHEET, SHEETS, SheetSpec, normalize_header};
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
    let metadata = std::fs::metadata(path).ok()?;
    if metadata.is_file() {
        let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
        return crate::discover::WORKBOOK_EXTENSIONS
            .contains(&ext.as_str())
            .then(|| SheetSource::Xlsx(path.to_path_buf()));
    }
    if path.join("unit.yaml").symlink_metadata().is_ok() {
        return None;
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
    fn lang(&self) -> Lang {
        self.options.lang
    }

    /// Record a finding of `rule` at its configured severity; returns it for adjustments.
    fn finding(
        &mut self,
        rule: &(Arc<RuleHeader>, Severity),
        source: &Arc<SourceFile>,
        span: Span,
        path: &str,
        message: String,
        help: Option<String>,
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
        let broken = |shown: &str| SheetRead {
            grid: None,
            shown: shown.to_owned(),
            broken: true,
        };
        let Some(bytes) = self.read_bytes(path, &empty) else {
            return broken(shown);
        };
        let (text, encoding) = match decode_csv(&bytes) {
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
                let (message, help) = super::super::unit::read_problem_text(&problem, self.lang());
                let rule = self.options.rules.invalid_yaml.clone();
                self.finding(&rule, source, Span::default(), "", message, help);
                None
            }
        }
    }

    fn workbook_error(&mut self, source: &Arc<SourceFile>, error: &GridError) {
        let rule = self.options.rules.invalid_yaml.clone();
        let (message, help) = match (self.lang(), error) {
            (Lang::Zh, GridError::OtherFormat(format)) => (
                format!(
                    "这是{}，检查工具能读取 .xlsx、.xls 和 .ods 格式的工作簿，不能读取这种格式，本单位未检查",
                    format.name_zh()
                ),
                "用 Excel 或 WPS 打开，另存为「Excel 工作簿（*.xlsx）」后重新报送".to_owned(),
            ),
            (Lang::En, GridError::OtherFormat(format)) => (
                format!(
                    "this is {}; jianfu reads .xlsx, .xls and .ods workbooks but not this format, so the unit was not checked",
                    format.name_en()
                ),
                "open it in Excel or WPS, save it as an Excel workbook (*.xlsx) and submit it again"
                    .to_owned(),
            ),
            // The reader's own words are English and technical ("Could not find EOCD"): a
            // clerk gets the finding in words, the detail stays in the English report.
            (Lang::Zh, GridError::Corrupt(_)) => (
                "文件已损坏，或不是 .xlsx、.xls、.ods 格式的工作簿，无法读取，本单位未检查".to_owned(),
                "用 Excel 或 WPS 打开，另存为「Excel 工作簿（*.xlsx）」后重新报送".to_owned(),
            ),
            (Lang::En, GridError::Corrupt(detail)) => (
                format!(
                    "cannot read the workbook (it is damaged, or not .xlsx, .xls or .ods): {detail}"
                ),
                "open it in Excel or WPS, save it as an Excel workbook (*.xlsx) and submit it again"
                    .to_owned(),
            ),
            (Lang::Zh, GridError::TooLarge { limit }) => (
                format!("工作簿解压后超过大小上限（{limit} 字节）"),
                "limits.max_file_bytes in jianfu.yaml".to_owned(),
            ),
            (Lang::En, GridError::TooLarge { limit }) => (
                format!("the unpacked workbook is larger than the limit ({limit} bytes)"),
                "limits.max_file_bytes in jianfu.yaml".to_owned(),
            ),
            (Lang::Zh, GridError::TooManyCells { sheet, limit }) => (
                format!("工作表「{sheet}」的单元格超过上限 {limit} 个，未读取"),
                "limits.max_nodes in jianfu.yaml".to_owned(),
            ),
            (Lang::En, GridError::TooManyCells { sheet, limit }) => (
                format!("sheet {sheet} has more than {limit} cells; it was not read"),
                "limits.max_nodes in jianfu.yaml".to_owned(),
            ),
            (Lang::Zh, GridError::TooDense { limit }) => (
                format!(
                    "工作簿中有工作表从第一个到最后一个有内容的单元格所占的区域超过 {limit} 个单元格（远处可能有误填的内容），未读取"
                ),
                "删除表格中远离清单内容的单元格后重新保存；或在 jianfu.yaml 中调高 limits.max_nodes".to_owned(),
            ),
            (Lang::En, GridError::TooDense { limit }) => (
                format!(
                    "a sheet's area from its first to its last filled cell is more than {limit} cells (there may be a stray value far away); it was not read"
                ),
                "delete the cells far from the inventory and save again, or raise limits.max_nodes in jianfu.yaml".to_owned(),
            ),
            (Lang::Zh, GridError::TooMuchText { limit }) => (
                format!("工作簿各单元格的文字合计超过上限（{limit} 字节），未读取"),
                "limits.max_file_bytes in jianfu.yaml".to_owned(),
            ),
            (Lang::En, GridError::TooMuchText { limit }) => (
                format!(
                    "the workbook's cells hold more than the limit of {limit} bytes of text; it was not read"
                ),
                "limits.max_file_bytes in jianfu.yaml".to_owned(),
            ),
        };
        self.finding(&rule, source, Span::default(), "", message, Some(help));
    }

    fn csv_error(&mut self, source: &Arc<SourceFile>, error: &CsvError) {
        let (rule, message, help) = match (self.lang(), error) {
            (Lang::Zh, CsvError::Encoding { guess, .. }) => (
                self.options.rules.not_utf8.clone(),
                match guess {
                    Some(enc) => format!("CSV 文件既不是 UTF-8 也不是 GBK 编码（疑似 {enc}）"),
                    None => "CSV 文件既不是 UTF-8 也不是 GBK 编码".to_owned(),
                },
                "在 Excel 中另存为「CSV UTF-8（逗号分隔）」".to_owned(),
            ),
            (Lang::En, CsvError::Encoding { guess, .. }) => (
                self.options.rules.not_utf8.clone(),
                match guess {
                    Some(enc) => {
                        format!("the CSV file is neither UTF-8 nor GBK (it looks like {enc})")
                    }
                    None => "the CSV file is neither UTF-8 nor GBK".to_owned(),
                },
                "save it from Excel as \"CSV UTF-8 (Comma delimited)\"".to_owned(),
            ),
            (Lang::Zh, CsvError::Parse(detail)) => (
                self.options.rules.invalid_yaml.clone(),
                format!("CSV 格式错误：{detail}"),
                "在 Excel 中打开后重新另存为 CSV".to_owned(),
            ),
            (Lang::En, CsvError::Parse(detail)) => (
                self.options.rules.invalid_yaml.clone(),
                format!("invalid CSV: {detail}"),
                "open it in Excel and save it as CSV again".to_owned(),
            ),
            (Lang::Zh, CsvError::TooManyCells { limit }) => (
                self.options.rules.invalid_yaml.clone(),
                format!("CSV 文件的单元格超过上限 {limit} 个，未读取"),
                "limits.max_nodes in jianfu.yaml".to_owned(),
            ),
            (Lang::En, CsvError::TooManyCells { limit }) => (
                self.options.rules.invalid_yaml.clone(),
                format!("the CSV file has more than {limit} cells; it was not read"),
                "limits.max_nodes in jianfu.yaml".to_owned(),
            ),
        };
        self.finding(&rule, source, Span::default(), "", message, Some(help));
    }

    /// GBK is what Excel writes for "CSV" on a Chinese Windows: read, and noted for the record
    /// under SUBMIT-005 (not-utf8) at info level.
    fn gbk_note(&mut self, source: &Arc<SourceFile>) {
        let rule = self.options.rules.not_utf8.clone();
        let (message, help) = match self.lang() {
            Lang::Zh => (
                "CSV 文件是 GBK 编码（Excel「CSV（逗号分隔）」的默认编码），已按 GBK 读取".to_owned(),
                "在 Excel 中另存为「CSV UTF-8（逗号分隔）」，其他系统也能正确读取".to_owned(),
            ),
            Lang::En => (
                "the CSV file is GBK-encoded (what Excel writes for \"CSV (Comma delimited)\"); it was read as GBK".to_owned(),
                "save it from Excel as \"CSV UTF-8 (Comma delimited)\" so that other systems read it too".to_owned(),
            ),
        };
        self.finding(&rule, source, Span::default(), "", message, Some(help))
            .severity = Severity::Info;
    }

    /// A hidden sheet is read like any other, and noted (SUBMIT-003 at info level): whoever
    /// opens the workbook may take the section for missing.
    fn hidden_note(&mut self, source: &Arc<SourceFile>, sheet: &str, spec: &SheetSpec) {
        let rule = self.options.rules.missing_section.clone();
        let (message, help) = match self.lang() {
            Lang::Zh => (
                format!("工作表「{sheet}」是隐藏的，已照常读取"),
                "取消隐藏该工作表，让查看清单的人也能看到".to_owned(),
            ),
            Lang::En => (
                format!("sheet {sheet} is hidden; it was read as usual"),
                "unhide the sheet so that whoever reads the workbook sees it".to_owned(),
            ),
        };
        let path = spec.list.unwrap_or_default();
        self.finding(&rule, source, Span::default(), path, message, Some(help))
            .severity = Severity::Info;
    }

    fn duplicate_sheet(&mut self, source: &Arc<SourceFile>, sheet: &str, first: &str) {
        let rule = self.options.rules.schema_violation.clone();
        let message = match self.lang() {
            Lang::Zh => format!("工作表「{sheet}」与「{first}」是同一项清单，只读取「{first}」"),
            Lang::En => {
                format!("sheets {sheet} and {first} hold the same section; only {first} was read")
            }
        };
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
                let mut unknown = names
                    .iter()
                    .filter(|n| SheetSpec::find(n).is_none() && n.as_str() != NOTES_SHEET);
                match (unknown.next(), unknown.next()) {
                    (Some(only), None) => Some(only.clone()),
                    _ => None,
                }
            });
        let zh = self.lang() == Lang::Zh;
        let mut help = if zh {
            format!(
                "从模板复制「{}」工作表（jianfu template --out 清单模板.xlsx）",
                spec.name
            )
        } else {
            format!(
                "copy the {} sheet from the template (jianfu template --out template.xlsx)",
                spec.name
            )
        };
        if let Some(name) = close {
            help = if zh {
                format!("是否应把「{name}」改名为「{}」？{help}", spec.name)
            } else {
                format!("should {name} be named {}? {help}", spec.name)
            };
        }
        if spec.kind == Kind::Unit {
            let rule = self.options.rules.schema_violation.clone();
            let message = if zh {
                format!("没有「{}」工作表，无法识别是哪个单位", spec.name)
            } else {
                format!(
                    "there is no {} sheet: the unit cannot be identified",
                    spec.name
                )
            };
            self.finding(&rule, &source, Span::default(), "", message, Some(help));
            return;
        }
        let rule = self.options.rules.missing_section.clone();
        let message = if zh {
            format!(
                "缺少工作表「{}」：未报送该项清单（无内容也应保留表头行）",
                spec.name
            )
        } else {
            format!(
                "sheet {} is missing: the section was not submitted (keep the header row if there is nothing to declare)",
                spec.name
            )
        };
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
        let zh = self.lang() == Lang::Zh;
        let path = spec.list.unwrap_or_default();
        let (message, help) = match &problem.kind {
            ProblemKind::UnknownHeader {
                sheet,
                header,
                suggestion,
            } => {
                let spec = SheetSpec::find(sheet).unwrap_or(spec);
                let columns = header_list(spec);
                let message = if zh {
                    format!("工作表「{sheet}」的列名「{header}」不是该表的字段，此列未读取")
                } else {
                    format!(
                        "column “{header}” of sheet {sheet} is no field of the sheet; the column was not read"
                    )
                };
                let help = match (suggestion, zh) {
                    (Some(s), true) => format!("是否应为「{s}」？该表的列：{columns}"),
                    (Some(s), false) => {
                        format!("did you mean “{s}”? the sheet's columns: {columns}")
                    }
                    (None, true) => format!("该表的列：{columns}"),
                    (None, false) => format!("the sheet's columns: {columns}"),
                };
                (message, Some(help))
            }
            ProblemKind::DuplicateHeader { sheet, header } => (
                if zh {
                    format!("工作表「{sheet}」中「{header}」列重复，只读取第一列")
                } else {
                    format!(
                        "column “{header}” appears twice on sheet {sheet}; only the first was read"
                    )
                },
                None,
            ),
            ProblemKind::NoHeader { sheet } => {
                let spec = SheetSpec::find(sheet).unwrap_or(spec);
                let columns = header_list(spec);
                (
                    if zh {
                        format!("工作表「{sheet}」找不到表头行，整张表未读取")
                    } else {
                        format!("sheet {sheet} has no header row; none of it was read")
                    },
                    Some(if zh {
                        format!("表头行应有这些列名：{columns}")
                    } else {
                        format!("the header row names these columns: {columns}")
                    }),
                )
            }
            ProblemKind::ExtraUnitRow { sheet, row } => (
                if zh {
                    format!("「{sheet}」只填写一个单位（一行），第 {row} 行未读取")
                } else {
                    format!("{sheet} holds one unit (one row); row {row} was not read")
                },
                Some(if zh {
                    "每个单位单独报送一个工作簿".to_owned()
                } else {
                    "submit one workbook per unit".to_owned()
                }),
            ),
            ProblemKind::CleanedCode {
                header,
                typed,
                read,
            } => (
                if zh {
                    format!("「{header}」填写为 {typed}，已按 {read} 读取")
                } else {
                    format!("{header} was typed as {typed}; it was read as {read}")
                },
                Some(if zh {
                    "该列是文本单元格：直接输入半角数字，不加引号".to_owned()
                } else {
                    "the column is a text cell: type the digits as they are, without quotation marks".to_owned()
                }),
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
    pub fn name_zh(self) -> &'static str {
        match self {
            OtherFormat::Wps => "WPS 表格自有格式（.et）的工作簿",
            OtherFormat::ExcelBinary => "Excel 二进制（.xlsb）格式的工作簿",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            OtherFormat::Wps => "a workbook in WPS Spreadsheets' own format (.et)",
            OtherFormat::ExcelBinary => "an Excel binary (.xlsb) workbook",
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
