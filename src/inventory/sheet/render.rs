//! A sheet's [`Grid`] → the synthetic YAML text of one format v1 file, plus the [`CellMap`] back
//! to the cells, plus the problems only a spreadsheet can have (an unknown header, a second row
//! on 单位信息).
//!
//! Each data row becomes one flow mapping on the line whose number is the row's number
//! (`  - {name: "卫生室", placement: "interior", approval_ref: null}` on line 7 for row 7), so
//! even a reporter that knows nothing of spreadsheets shows the right row. An empty cell is an
//! explicit `null`, so that a finding about an absent field still has the cell's span. Values are typed here, where the column's
//! schema type is known: a date serial becomes `2025-05-10`, `"１２"` becomes `12`, `外挂`
//! becomes `exterior`; what cannot be typed is passed on as a quoted string, for the ordinary
//! validation to report at its cell.

use chrono::NaiveDate;

use crate::source::{CellMap, Span};

use super::columns::{
    CellType, Column, IGNORED_HEADERS, LIST_SEPARATORS, SheetSpec, clean_code, half_width, label,
    normalize_header,
};
use super::grid::{CellValue, Grid, format_number};

/// Rows searched for the header row.
const HEADER_SEARCH_ROWS: usize = 20;

/// A problem in a sheet's layout, at a span of the rendered text.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetProblem {
    pub span: Span,
    pub kind: ProblemKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ProblemKind {
    /// A header that names no field of the sheet.
    UnknownHeader {
        sheet: String,
        header: String,
        suggestion: Option<&'static str>,
    },
    /// A second column for the same field; only the first is read.
    DuplicateHeader { sheet: String, header: String },
    /// No row of the sheet looks like a header row.
    NoHeader { sheet: String },
    /// 单位信息 holds one unit: a further data row is not read.
    ExtraUnitRow { sheet: String, row: u32 },
    /// A code typed with quotation marks or full-width digits, read as the cleaned code.
    CleanedCode {
        header: String,
        typed: String,
        read: String,
    },
}

/// One rendered file.
#[derive(Debug)]
pub struct Rendered {
    pub text: String,
    pub cells: CellMap,
    pub problems: Vec<SheetProblem>,
    /// `false` when no sheet of the file had a header: the file has no tree.
    pub readable: bool,
}

/// Where a sheet's header and data are.
struct Layout<'a> {
    /// 0-based row of the header.
    header_row: u32,
    /// 0-based first row after the header (merged header cells may span several rows).
    data_start: u32,
    /// Known columns: 0-based column, its spec, the header as written.
    columns: Vec<(u32, &'static Column, String)>,
    /// The type of each of `columns`, worked out once per sheet rather than per cell.
    types: Vec<CellType>,
    /// Every non-empty header cell: 0-based column and text, for the header comment.
    headers: Vec<(u32, String)>,
    unknown: Vec<(u32, String, Option<&'static str>)>,
    duplicates: Vec<(u32, String)>,
    grid: &'a Grid,
}

/// The synthetic text being written and its map.
struct Writer {
    text: String,
    /// Line breaks in `text` so far, kept as text is pushed (counting them again for every
    /// row would make a long sheet quadratic).
    breaks: usize,
    cells: CellMap,
    problems: Vec<SheetProblem>,
}

impl Writer {
    fn push(&mut self, s: &str) -> Span {
        let start = self.text.len();
        self.text.push_str(s);
        self.breaks += s.matches('\n').count();
        Span::new(start, self.text.len())
    }

    /// The current 1-based line number.
    fn line(&self) -> u32 {
        u32::try_from(self.breaks + 1).unwrap_or(u32::MAX)
    }

    /// Blank comment lines until `line` (1-based) is the current line.
    fn pad_to(&mut self, line: u32) {
        while self.line() < line {
            self.push("#\n");
        }
    }

    /// `# 名称 | 位置 | …`, with each header's span mapped to its cell; returns the spans of
    /// the unknown and duplicate headers' texts.
    fn header_comment(&mut self, prefix: &str, layout: &Layout, sheet: usize) {
        self.push(prefix);
        for (i, (column, text)) in layout.headers.iter().enumerate() {
            if i > 0 {
                self.push(" | ");
            }
            let shown = text.replace(['\n', '\r'], " ");
            let span = self.push(&shown);
            let row = layout.header_row + 1;
            self.cells.add_cell(span, sheet, row, column + 1);
            let name = layout.grid.name.clone();
            if let Some((_, header, suggestion)) =
                layout.unknown.iter().find(|(c, _, _)| c == column)
            {
                self.problems.push(SheetProblem {
                    span,
                    kind: ProblemKind::UnknownHeader {
                        sheet: name,
                        header: header.clone(),
                        suggestion: *suggestion,
                    },
                });
            } else if let Some((_, header)) = layout.duplicates.iter().find(|(c, _)| c == column) {
                self.problems.push(SheetProblem {
                    span,
                    kind: ProblemKind::DuplicateHeader {
                        sheet: name,
                        header: header.clone(),
                    },
                });
            }
        }
        self.push("\n");
    }

    /// `{name: "…", placement: "exterior"}` for one data row; the whole mapping is mapped to
    /// the row, each value to its cell.
    fn row_mapping(&mut self, layout: &Layout, row: u32, sheet: usize) -> Span {
        let start = self.text.len();
        self.push("{");
        let mut first = true;
        for ((column, col, _), ty) in layout.columns.iter().zip(&layout.types) {
            let cell = layout.grid.get(row, *column);
            // An empty cell is an explicit null: optional fields read it as absent, a required
            // one is reported missing, and either way the finding has the cell's span.
            let value = render_value(cell, ty).unwrap_or_else(|| "null".to_owned());
            if !first {
                self.push(", ");
            }
            first = false;
            self.push(col.field);
            self.push(": ");
            let span = self.push(&value);
            self.cells.add_cell(span, sheet, row + 1, column + 1);
            if let Some(kind) = cleaned_code(cell, col) {
                self.problems.push(SheetProblem { span, kind });
            }
        }
        self.push("}");
        let span = Span::new(start, self.text.len());
        self.cells.add_row(span, sheet, row + 1);
        span
    }
}

/// A code-like cell whose text had to be cleaned to read as a code: the clerk is told what was
/// read, so that a quoted code never passes or fails silently.
fn cleaned_code(cell: Option<&CellValue>, col: &Column) -> Option<ProblemKind> {
    let (true, Some(CellValue::Text(typed))) = (col.code_like, cell) else {
        return None;
    };
    let read = clean_code(typed);
    (!read.is_empty() && read != typed.trim()).then(|| ProblemKind::CleanedCode {
        header: col.header.to_owned(),
        typed: typed.trim().to_owned(),
        read,
    })
}

/// Render the file of `kind` from its sheets. `sheets` holds, for each spec feeding the file
/// (in [`super::columns::SHEETS`] order), the grid when the workbook has that sheet.
pub fn render_file(sheets: &[(&'static SheetSpec, Option<&Grid>)], order_base: u32) -> Rendered {
    let mut writer = Writer {
        text: String::new(),
        breaks: 0,
        cells: CellMap::new(order_base),
        problems: Vec::new(),
    };
    let readable = match sheets.first() {
        Some((spec, Some(grid))) if spec.is_unit_row() => {
            render_unit(&mut writer, spec, grid, &sheets[1..])
        }
        Some((spec, Some(grid))) => render_section(&mut writer, spec, grid),
        _ => false,
    };
    Rendered {
        text: writer.text,
        cells: writer.cells,
        problems: writer.problems,
        readable,
    }
}

/// A section file: `signs:` on the header row's line, one item per data row on its own line.
fn render_section(writer: &mut Writer, spec: &'static SheetSpec, grid: &Grid) -> bool {
    let key = spec.list.unwrap_or_default();
    let Some(layout) = find_layout(grid, spec) else {
        return no_header(writer, grid, &format!("{key}: []\n"));
    };
    let sheet = add_sheet(writer, &layout);
    let rows = data_rows(&layout);
    writer.pad_to(layout.header_row + 1);
    let list_start = if rows.is_empty() { ": []" } else { ":" };
    writer.header_comment(&format!("{key}{list_start}  # "), &layout, sheet);
    for row in rows {
        writer.pad_to(row + 1);
        writer.push("  - ");
        writer.row_mapping(&layout, row, sheet);
        writer.push("\n");
    }
    true
}

/// `unit.yaml`: the one data row of 单位信息 as a flow mapping, with the rows of 两委成员 and
/// 网格 (when those sheets exist) as its `cadres` and `grids` lists.
fn render_unit(
    writer: &mut Writer,
    spec: &'static SheetSpec,
    grid: &Grid,
    lists: &[(&'static SheetSpec, Option<&Grid>)],
) -> bool {
    let Some(layout) = find_layout(grid, spec) else {
        return no_header(writer, grid, "{}\n");
    };
    let sheet = add_sheet(writer, &layout);
    let rows = data_rows(&layout);
    writer.pad_to(layout.header_row + 1);
    writer.header_comment("# ", &layout, sheet);
    let unit_row = rows.first().copied().unwrap_or(layout.data_start);
    writer.pad_to(unit_row + 1);
    let start = writer.text.len();
    let mapping = writer.row_mapping(&layout, unit_row, sheet);
    // Reopen the mapping to add the lists: drop its closing brace.
    writer.text.truncate(mapping.end as usize - 1);
    let mut list_layouts = Vec::new();
    let mut headless = Vec::new();
    for (list_spec, list_grid) in lists {
        let (Some(grid), Some(key)) = (list_grid, list_spec.list) else {
            continue;
        };
        let Some(list_layout) = find_layout(grid, list_spec) else {
            // Reported after the mapping is closed: a comment cannot sit inside it.
            if !grid.cells.is_empty() {
                headless.push(*grid);
            }
            continue;
        };
        let list_sheet = add_sheet(writer, &list_layout);
        let separator = if writer.text.len() > start + 1 {
            ","
        } else {
            ""
        };
        writer.push(&format!("{separator}\n  {key}: ["));
        for (i, row) in data_rows(&list_layout).into_iter().enumerate() {
            writer.push(if i == 0 { "\n    " } else { ",\n    " });
            writer.row_mapping(&list_layout, row, list_sheet);
        }
        writer.push("]");
        list_layouts.push((list_layout, list_sheet));
    }
    writer.push("}\n");
    // The whole unit mapping is the unit row: a missing field points at its cell.
    writer
        .cells
        .add_row(Span::new(start, writer.text.len() - 1), sheet, unit_row + 1);
    for extra in rows.iter().skip(1) {
        let span = writer.push(&format!("# {}!A{}", grid.name, extra + 1));
        writer.push("\n");
        writer.cells.add_row(span, sheet, extra + 1);
        writer.problems.push(SheetProblem {
            span,
            kind: ProblemKind::ExtraUnitRow {
                sheet: grid.name.clone(),
                row: extra + 1,
            },
        });
    }
    for grid in headless {
        no_header_problem(writer, grid);
    }
    for (list_layout, list_sheet) in &list_layouts {
        writer.header_comment(
            &format!("# {}: ", list_layout.grid.name),
            list_layout,
            *list_sheet,
        );
    }
    true
}

fn add_sheet(writer: &mut Writer, layout: &Layout) -> usize {
    let fields = layout
        .columns
        .iter()
        .map(|(c, col, header)| (col.field.to_owned(), c + 1, header.clone()))
        .collect();
    writer.cells.add_sheet(&layout.grid.name, fields)
}

/// A sheet with content but no recognisable header row: an empty file body and a problem,
/// or, for a sheet with no content at all, just the empty body.
fn no_header(writer: &mut Writer, grid: &Grid, empty: &str) -> bool {
    if grid.cells.is_empty() {
        let sheet = writer.cells.add_sheet(&grid.name, Vec::new());
        let span = writer.push(empty.trim_end());
        writer.cells.add_row(span, sheet, 2);
        writer.push("\n");
        return true;
    }
    no_header_problem(writer, grid);
    false
}

fn no_header_problem(writer: &mut Writer, grid: &Grid) {
    let sheet = writer.cells.add_sheet(&grid.name, Vec::new());
    let span = writer.push(&format!("# {}", grid.name));
    writer.push("\n");
    writer.cells.add_cell(span, sheet, 1, 1);
    writer.problems.push(SheetProblem {
        span,
        kind: ProblemKind::NoHeader {
            sheet: grid.name.clone(),
        },
    });
}

/// Find the header row: among the first rows with content, the one with the most cells that
/// name a column (a merged header cell counts for every column it covers), the first on a tie.
fn find_layout<'a>(grid: &'a Grid, spec: &'static SheetSpec) -> Option<Layout<'a>> {
    let rows = grid.rows();
    let (header_row, _) = rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .map(|&row| (row, header_matches(grid, spec, row)))
        .filter(|(_, n)| *n > 0)
        .fold(None, |best: Option<(u32, usize)>, (row, n)| match best {
            Some((_, m)) if m >= n => best,
            _ => Some((row, n)),
        })?;
    let mut layout = Layout {
        header_row,
        data_start: header_row + 1,
        columns: Vec::new(),
        types: Vec::new(),
        headers: Vec::new(),
        unknown: Vec::new(),
        duplicates: Vec::new(),
        grid,
    };
    for column in header_columns(grid, header_row) {
        let Some(text) = grid.get_merged(header_row, column).map(CellValue::text) else {
            continue;
        };
        if let Some((_, _, last_row, _)) = grid.merge_at(header_row, column) {
            layout.data_start = layout.data_start.max(last_row + 1);
        }
        let text = text.trim().to_owned();
        if text.is_empty() {
            continue;
        }
        layout.headers.push((column, text.clone()));
        let normalized = normalize_header(&text);
        if IGNORED_HEADERS
            .iter()
            .any(|h| normalize_header(h) == normalized)
        {
            continue;
        }
        match spec.column_for(&text) {
            Some(col) if layout.columns.iter().any(|(_, c, _)| c.field == col.field) => {
                layout.duplicates.push((column, text));
            }
            Some(col) => {
                layout.types.push(col.cell_type(spec));
                layout.columns.push((column, col, text));
            }
            None => {
                let suggestion = closest_header(spec, &text);
                layout.unknown.push((column, text, suggestion));
            }
        }
    }
    Some(layout)
}

/// Columns past this one (`AMJ`) are never headers: no inventory sheet is that wide, and a
/// hostile one should not cost time.
const MAX_COLUMNS: u32 = 1024;

/// The columns of the header row: its own cells and those covered by a merged range there.
fn header_columns(grid: &Grid, row: u32) -> Vec<u32> {
    let mut columns: Vec<u32> = grid
        .row(row)
        .map(|(c, _)| c)
        .filter(|c| *c < MAX_COLUMNS)
        .collect();
    for &(r0, c0, r1, c1) in &grid.merges {
        if (r0..=r1).contains(&row) && c0 < MAX_COLUMNS {
            columns.extend(c0..=c1.min(MAX_COLUMNS - 1));
        }
    }
    columns.sort_unstable();
    columns.dedup();
    columns
}

fn header_matches(grid: &Grid, spec: &SheetSpec, row: u32) -> usize {
    header_columns(grid, row)
        .into_iter()
        .filter_map(|c| grid.get_merged(row, c))
        .filter(|v| spec.column_for(&v.text()).is_some())
        .count()
}

fn closest_header(spec: &SheetSpec, text: &str) -> Option<&'static str> {
    let wanted = normalize_header(text);
    spec.columns
        .iter()
        .map(|c| {
            (
                strsim::jaro_winkler(&wanted, &normalize_header(c.header)),
                c.header,
            )
        })
        .filter(|(score, _)| *score >= 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, h)| h)
}

/// Rows after the header with a value in at least one known column; trailing and blank rows,
/// and rows holding only a row number, are not data.
fn data_rows(layout: &Layout) -> Vec<u32> {
    layout
        .grid
        .rows()
        .into_iter()
        .filter(|&row| row >= layout.data_start)
        .filter(|&row| {
            layout
                .columns
                .iter()
                .any(|(c, _, _)| layout.grid.get(row, *c).is_some())
        })
        .collect()
}

/// The YAML text of one cell for a column of type `ty`; `None` leaves the field out.
pub fn render_value(cell: Option<&CellValue>, ty: &CellType) -> Option<String> {
    if let CellType::List(item) = ty {
        return Some(render_list(cell, item));
    }
    let cell = cell?;
    Some(match ty {
        CellType::Text { code_like } => {
            let text = match cell {
                CellValue::Text(s) if *code_like => clean_code(s),
                other => other.text(),
            };
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            quote(text)
        }
        CellType::Int { .. } => render_int(cell),
        CellType::Bool => render_bool(cell),
        CellType::Date => render_date(cell),
        CellType::Enum(values) => quote(&enum_value(&cell.text(), values)),
        CellType::List(_) => return None,
    })
}

fn render_list(cell: Option<&CellValue>, item: &CellType) -> String {
    let text = cell.map(CellValue::text).unwrap_or_default();
    let items: Vec<String> = text
        .split(LIST_SEPARATORS)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| match item {
            CellType::Enum(values) => quote(&enum_value(s, values)),
            _ => quote(s),
        })
        .collect();
    format!("[{}]", items.join(", "))
}

fn render_int(cell: &CellValue) -> String {
    match cell {
        CellValue::Number(n) => number_text(*n),
        CellValue::Bool(b) => b.to_string(),
        CellValue::Text(s) => {
            let text: String = half_width(s)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let digits = if is_grouped_number(&text) {
                text.replace(',', "")
            } else {
                text.clone()
            };
            match digits.parse::<f64>() {
                Ok(n) if n.is_finite() && !digits.is_empty() => number_text(n),
                _ => quote(s.trim()),
            }
        }
        other => quote(&other.text()),
    }
}

/// `1,200` (a thousands separator Excel adds to numbers stored as text).
fn is_grouped_number(text: &str) -> bool {
    let mut groups = text.split(',');
    let first = groups.next().unwrap_or_default();
    text.contains(',')
        && (1..=3).contains(&first.trim_start_matches('-').len())
        && first
            .trim_start_matches('-')
            .bytes()
            .all(|b| b.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn render_bool(cell: &CellValue) -> String {
    match cell {
        CellValue::Bool(b) => b.to_string(),
        CellValue::Number(n) if *n == 1.0 => "true".to_owned(),
        CellValue::Number(n) if *n == 0.0 => "false".to_owned(),
        CellValue::Text(s) => {
            let text = half_width(s).trim().to_lowercase();
            match text.as_str() {
                "是" | "true" | "yes" | "y" | "√" | "1" => "true".to_owned(),
                "否" | "false" | "no" | "n" | "×" | "0" => "false".to_owned(),
                _ => quote(s.trim()),
            }
        }
        other => quote(&other.text()),
    }
}

fn render_date(cell: &CellValue) -> String {
    match cell {
        CellValue::Date(day) => quote(&day.format("%Y-%m-%d").to_string()),
        CellValue::Number(n) => match serial_date(*n) {
            Some(day) => quote(&day.format("%Y-%m-%d").to_string()),
            None => number_text(*n),
        },
        CellValue::Text(s) => quote(&normalize_date(s)),
        other => quote(&other.text()),
    }
}

/// An Excel date serial (1900 date system, as a cell formatted "General" shows a date) → day.
pub fn serial_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    // Excel counts 1900-02-29, which never was: serials from 61 on are one day late.
    let base = if days < 61 {
        NaiveDate::from_ymd_opt(1899, 12, 31)?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    base.checked_add_signed(chrono::Duration::days(days))
}

/// `2025/5/10`, `2025.5.10`, `2025年5月10日`, `20250510`, `２０２５－０５－１０` → `2025-05-10`.
/// Text that is none of these is returned trimmed, for validation to report.
pub fn normalize_date(text: &str) -> String {
    let text = half_width(text).trim().to_owned();
    let digits_only = text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = if digits_only {
        vec![&text[..4], &text[4..6], &text[6..]]
    } else {
        text.trim_end_matches('日')
            .split(['-', '/', '.', '年', '月'])
            .map(str::trim)
            .collect()
    };
    match parts.as_slice() {
        [y, m, d]
            if y.len() == 4
                && [y, m, d].iter().all(|p| {
                    !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit())
                }) =>
        {
            let m: u32 = m.parse().unwrap_or(0);
            let d: u32 = d.parse().unwrap_or(0);
            format!("{y}-{m:02}-{d:02}")
        }
        _ => text,
    }
}

/// The enum value a cell names: by its Chinese label or the value itself (any case). Anything
/// else is kept as written, for validation to report with the allowed values.
fn enum_value(text: &str, values: &[String]) -> String {
    let text = half_width(text).trim().to_owned();
    let wanted = normalize_header(&text);
    values
        .iter()
        .find(|v| v.as_str() == wanted || label(v).is_some_and(|l| normalize_header(l) == wanted))
        .cloned()
        .unwrap_or(text)
}

/// A YAML double-quoted scalar (JSON's string syntax is a subset of it).
fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

/// The text of a number cell in a text column, for callers outside this module.
pub fn cell_text(cell: &CellValue) -> String {
    match cell {
        CellValue::Number(n) => format_number(*n),
        other => other.text(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::sheet::columns::SheetSpec;

    fn grid(name: &str, rows: &[&[&str]]) -> Grid {
        let mut g = Grid {
            name: name.to_owned(),
            ..Grid::default()
        };
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                if !text.is_empty() {
                    g.cells
                        .insert((r as u32, c as u32), CellValue::Text((*text).to_owned()));
                }
            }
        }
        g
    }

    #[test]
    fn a_section_renders_one_line_per_row() {
        let spec = SheetSpec::find("标识标牌").unwrap();
        let g = grid(
            "标识标牌",
            &[
                &["名称", "位置", "类型", "制发单位", "准入审批文号"],
                &["卫生室", "室内", "牌子", "旗卫健委", ""],
                &[],
                &["党支部", "外挂", "plaque", "组织部", "ZT-1"],
            ],
        );
        let rendered = render_file(&[(spec, Some(&g))], 0);
        assert_eq!(
            rendered.text,
            "signs:  # 名称 | 位置 | 类型 | 制发单位 | 准入审批文号\n  - {name: \"卫生室\", placement: \"interior\", type: \"plaque\", issued_by: \"旗卫健委\", approval_ref: null}\n#\n  - {name: \"党支部\", placement: \"exterior\", type: \"plaque\", issued_by: \"组织部\", approval_ref: \"ZT-1\"}\n"
        );
        let at = rendered.text.find("\"interior\"").unwrap();
        let cell = rendered
            .cells
            .cell_at(Span::new(at, at + 1), "signs[0].placement");
        assert_eq!(cell.unwrap().address(), "标识标牌!B2");
        assert!(rendered.problems.is_empty());
    }

    /// Regression: a list sheet of the unit without a header row put a comment inside the
    /// unit's flow mapping.
    #[test]
    fn a_headless_cadres_sheet_leaves_the_unit_readable() {
        let unit = SheetSpec::find("单位信息").unwrap();
        let cadres = SheetSpec::find("两委成员").unwrap();
        let grids = SheetSpec::find("网格").unwrap();
        let u = grid(
            "单位信息",
            &[
                &["单位代码", "单位名称", "机构数量"],
                &["152223100201", "甲", "4"],
            ],
        );
        let c = grid("两委成员", &[&["谁", "干什么"], &["乙", "书记"]]);
        let g = grid("网格", &[&["网格编号", "网格员人数"], &["G01", "2"]]);
        let rendered = render_file(
            &[(unit, Some(&u)), (cadres, Some(&c)), (grids, Some(&g))],
            0,
        );
        let root = crate::load::load_yaml(&rendered.text, &crate::load::Limits::default())
            .unwrap_or_else(|e| panic!("{e}: {}", rendered.text));
        assert_eq!(root.get("institutions").and_then(|n| n.as_f64()), Some(4.0));
        assert!(root.get("cadres").is_none());
        assert_eq!(
            root.get("grids").and_then(|n| n.as_seq()).map(<[_]>::len),
            Some(1)
        );
        assert!(matches!(
            &rendered.problems[..],
            [SheetProblem {
                kind: ProblemKind::NoHeader { .. },
                ..
            }]
        ));
    }

    #[test]
    fn values_are_typed_by_their_column() {
        let int = CellType::Int { min: Some(0) };
        let text = |s: &str| Some(CellValue::Text(s.to_owned()));
        assert_eq!(render_value(text("１２").as_ref(), &int).unwrap(), "12");
        assert_eq!(
            render_value(text(" 1,200 ").as_ref(), &int).unwrap(),
            "1200"
        );
        assert_eq!(
            render_value(text("很多").as_ref(), &int).unwrap(),
            "\"很多\""
        );
        assert_eq!(
            render_value(Some(&CellValue::Number(45787.0)), &CellType::Date).unwrap(),
            "\"2025-05-10\""
        );
        assert_eq!(
            render_value(text("2025年5月10日").as_ref(), &CellType::Date).unwrap(),
            "\"2025-05-10\""
        );
        assert_eq!(
            render_value(text("是").as_ref(), &CellType::Bool).unwrap(),
            "true"
        );
        let list = CellType::List(Box::new(CellType::Enum(vec![
            "checkin".into(),
            "screenshot".into(),
        ])));
        assert_eq!(
            render_value(text("打卡接龙、截图").as_ref(), &list).unwrap(),
            "[\"checkin\", \"screenshot\"]"
        );
        assert_eq!(render_value(None, &list).unwrap(), "[]");
        assert_eq!(
            render_value(text("  ").as_ref(), &CellType::Text { code_like: false }),
            None
        );
    }

    #[test]
    fn date_serials_follow_excel() {
        assert_eq!(serial_date(45787.0), NaiveDate::from_ymd_opt(2025, 5, 10));
        assert_eq!(serial_date(1.0), NaiveDate::from_ymd_opt(1900, 1, 1));
        assert_eq!(serial_date(61.0), NaiveDate::from_ymd_opt(1900, 3, 1));
        assert_eq!(normalize_date("20250510"), "2025-05-10");
        assert_eq!(normalize_date("明天"), "明天");
    }
}
