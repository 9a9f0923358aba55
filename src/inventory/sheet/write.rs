//! A loaded unit → its spreadsheet form: [`Tables`] (rows of typed cells, sheet by sheet),
//! written as an `.xlsx` workbook or as CSV files; and the empty official template.
//!
//! The workbook is laid out for clerks: a notes sheet explaining every column, one sheet per
//! list with Chinese headers, a frozen header row, drop-downs of Chinese labels for enum
//! fields (外挂/室内), 是/否 for booleans, real dates formatted `yyyy-mm-dd`, and text format
//! for codes so that Excel does not turn `152223100201` into `1.52E+11`. Everything written
//! reads back as the same value ([`super::read`]); what cannot be written without loss is
//! reported, never dropped silently.

use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Note, Url, Workbook, Worksheet, XlsxError,
};

use crate::inventory::schema::Kind;
use crate::inventory::unit::LoadedUnit;
use crate::inventory::validate::is_valid_date;
use crate::load::{Node, Value};

use super::columns::{
    CellType, LIST_SEPARATOR, LIST_SEPARATORS, NOTES_SHEET, SHEETS, SheetSpec, description, label,
};
use super::grid::format_number;

/// One cell to write.
#[derive(Clone, Debug, PartialEq)]
pub enum Out {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

/// One sheet to write: a row per item, a cell per column in the spec's order.
#[derive(Clone, Debug)]
pub struct Table {
    pub spec: &'static SheetSpec,
    pub rows: Vec<Vec<Out>>,
}

/// A unit in spreadsheet form, and what could not be carried over.
#[derive(Clone, Debug, Default)]
pub struct Tables {
    pub tables: Vec<Table>,
    /// Values the spreadsheet form cannot hold (a field no column names, a list item holding a
    /// separator): each a message naming the file, the path and why.
    pub losses: Vec<String>,
}

impl Tables {
    /// The empty template: every sheet, headers only.
    pub fn template() -> Tables {
        Tables {
            tables: SHEETS
                .iter()
                .map(|spec| Table {
                    spec,
                    rows: Vec::new(),
                })
                .collect(),
            losses: Vec::new(),
        }
    }

    /// The sheets of a loaded unit. A section whose file is missing (or did not parse) has no
    /// sheet; 两委成员 and 网格 appear when `unit.yaml` has `cadres` / `grids`.
    pub fn from_unit(unit: &LoadedUnit) -> Tables {
        let mut tables = Tables::default();
        for spec in SHEETS {
            let Some(file) = unit.file(spec.kind) else {
                continue;
            };
            let Some(root) = file.root.as_ref() else {
                continue;
            };
            let file_name = spec.kind.file_name();
            let items: Vec<(String, &Node)> = match spec.list {
                None => vec![(String::new(), root)],
                Some(list) => match root.get(list) {
                    Some(node) => match &node.value {
                        Value::Seq(items) => items
                            .iter()
                            .enumerate()
                            .map(|(i, n)| (format!("{list}[{i}]"), n))
                            .collect(),
                        Value::Null if spec.kind != Kind::Unit => Vec::new(),
                        _ => {
                            tables
                                .losses
                                .push(format!("{file_name}: `{list}` is not a list"));
                            continue;
                        }
                    },
                    None if spec.kind == Kind::Unit => continue,
                    None => Vec::new(),
                },
            };
            let mut rows = Vec::with_capacity(items.len());
            for (path, item) in items {
                rows.push(row_cells(
                    spec,
                    item,
                    &format!("{file_name}: {path}"),
                    &mut tables.losses,
                ));
            }
            tables.tables.push(Table { spec, rows });
        }
        tables
    }
}

/// The cells of one item, and a loss for every key no column holds.
fn row_cells(spec: &SheetSpec, item: &Node, at: &str, losses: &mut Vec<String>) -> Vec<Out> {
    if let Some(entries) = item.as_map() {
        for entry in entries {
            let key = entry.key.as_str().unwrap_or_default();
            let on_other_sheet = spec.list.is_none() && (key == "cadres" || key == "grids");
            if !on_other_sheet && !spec.columns.iter().any(|c| c.field == key) {
                losses.push(format!("{at}.{key}: no column holds this field"));
            }
        }
    } else {
        losses.push(format!("{at}: not a mapping"));
    }
    spec.columns
        .iter()
        .map(|column| match item.get(column.field) {
            Some(value) => cell_out(
                value,
                &column.cell_type(spec),
                &format!("{at}.{}", column.field),
                losses,
            ),
            None => Out::Empty,
        })
        .collect()
}

fn cell_out(value: &Node, ty: &CellType, at: &str, losses: &mut Vec<String>) -> Out {
    match (&value.value, ty) {
        (Value::Null, _) => Out::Empty,
        (Value::Str(s), CellType::Date) if is_valid_date(s) => {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .filter(|d| (1900..=9999).contains(&d.year()))
                // Excel has no date before 1900 (1012-05-10 is a typing mistake the checker
                // reports): such a date is written as the text it is, and read back the same.
                .map_or_else(|| Out::Text(s.to_string()), Out::Date)
        }
        (Value::Str(s), CellType::Enum(values)) if values.iter().any(|v| v.as_str() == &**s) => {
            Out::Text(label(s).unwrap_or(s).to_owned())
        }
        (Value::Str(s), _) => Out::Text(s.to_string()),
        (Value::Int(i), _) => Out::Number(*i as f64),
        (Value::Float(f), _) => Out::Number(*f),
        (Value::Bool(b), _) => Out::Text(if *b { "是" } else { "否" }.to_owned()),
        (Value::Seq(items), _) => {
            let item_ty = match ty {
                CellType::List(item) => (**item).clone(),
                _ => CellType::Text { code_like: false },
            };
            let mut texts = Vec::with_capacity(items.len());
            for item in items {
                let text = match cell_out(item, &item_ty, at, losses) {
                    Out::Text(t) => t,
                    Out::Number(n) => format_number(n),
                    Out::Date(d) => d.format("%Y-%m-%d").to_string(),
                    Out::Empty => String::new(),
                };
                if text.contains(LIST_SEPARATORS) || text.trim() != text || text.is_empty() {
                    losses.push(format!(
                        "{at}: the item “{text}” holds a list separator or blank, so one cell cannot hold it"
                    ));
                }
                texts.push(text);
            }
            if texts.is_empty() {
                Out::Empty
            } else {
                Out::Text(texts.join(&LIST_SEPARATOR.to_string()))
            }
        }
        (Value::Map(_), _) => {
            losses.push(format!("{at}: a mapping cannot be held in one cell"));
            Out::Empty
        }
    }
}

/// Rows given drop-downs and formats in the template and in converted workbooks.
const FORMATTED_ROWS: u32 = 1000;

/// A mark on a data cell of a written sheet: a fill and a note (批注). Marks are formatting
/// and notes, never data: the workbook reads back as the same unit.
#[derive(Clone, Debug)]
pub struct CellMark {
    /// Index into [`Tables::tables`].
    pub table: usize,
    /// The data row (0 is the first row under the header).
    pub row: usize,
    /// The column, in the sheet's column order.
    pub col: usize,
    /// The fill, as `0xRRGGBB`.
    pub fill: u32,
    pub note: String,
}

/// A sheet written before all others: a title line, a header and rows of text, any cell of
/// which may link to a cell of the workbook and carry a fill.
#[derive(Clone, Debug, Default)]
pub struct FrontSheet {
    pub name: String,
    pub title: String,
    pub header: Vec<String>,
    pub widths: Vec<f64>,
    pub rows: Vec<Vec<FrontCell>>,
}

/// A cell of a [`FrontSheet`].
#[derive(Clone, Debug, Default)]
pub struct FrontCell {
    pub text: String,
    /// A place in the workbook (`'报表台账'!C5`) the cell links to.
    pub link: Option<String>,
    /// A fill, as `0xRRGGBB`.
    pub fill: Option<u32>,
}

/// What an annotated workbook adds to a unit's sheets.
#[derive(Clone, Debug, Default)]
pub struct Annotations {
    pub front: FrontSheet,
    pub marks: Vec<CellMark>,
}

/// Where a data cell of a table is, as a link target: `'报表台账'!C5`.
pub fn cell_target(table: &Table, row: usize, col: usize) -> String {
    format!("'{}'!{}", table.spec.name, cell_name(row + 1, col))
}

/// A cell's A1 name from its 0-based row and column (`(4, 2)` → `C5`).
fn cell_name(row: usize, col: usize) -> String {
    let col = u32::try_from(col + 1).unwrap_or(u32::MAX);
    format!("{}{}", crate::source::cells::column_name(col), row + 1)
}

/// The workbook's bytes. `created` (seconds since the Unix epoch) is the creation time
/// recorded in the document properties: the same tables and time give the same bytes.
pub fn write_xlsx(tables: &Tables, created: i64) -> Result<Vec<u8>, XlsxError> {
    write_workbook(tables, created, None)
}

/// The workbook with `annotations`: the front sheet first, then the notes and the unit's
/// sheets with their marked cells filled and noted.
pub fn write_annotated_xlsx(
    tables: &Tables,
    created: i64,
    annotations: &Annotations,
) -> Result<Vec<u8>, XlsxError> {
    write_workbook(tables, created, Some(annotations))
}

fn write_workbook(
    tables: &Tables,
    created: i64,
    annotations: Option<&Annotations>,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let properties = DocProperties::new()
        .set_title("基层减负清单（格式 v1）")
        .set_author("jianfu")
        .set_creation_datetime(&ExcelDateTime::from_timestamp(created)?);
    workbook.set_properties(&properties);
    let formats = Formats::new();
    if let Some(annotations) = annotations {
        write_front(workbook.add_worksheet(), &annotations.front, &formats)?;
    }
    write_notes(workbook.add_worksheet(), &formats)?;
    let mut marks: HashMap<usize, Vec<&CellMark>> = HashMap::new();
    for mark in annotations.map_or(&[][..], |a| &a.marks) {
        marks.entry(mark.table).or_default().push(mark);
    }
    for (index, table) in tables.tables.iter().enumerate() {
        let sheet = workbook.add_worksheet();
        write_table(sheet, table, &formats)?;
        if annotations.is_some() {
            // Printed to be read with its marks.
            print_one_page_wide(sheet);
        }
        for mark in marks.get(&index).into_iter().flatten() {
            mark_cell(sheet, table, mark, &formats)?;
        }
    }
    // The clerk opens the workbook on the results when there are any, else on the first list.
    let first = if annotations.is_some() { 0 } else { 1 };
    if let Ok(sheet) = workbook.worksheet_from_index(first) {
        sheet.set_active(true);
    }
    workbook.save_to_buffer()
}

/// Printed as an office prints a list: A4 landscape, one page wide.
pub fn print_one_page_wide(sheet: &mut Worksheet) {
    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
}

/// The height of a row of wrapped text cells in columns `widths` characters wide (a Chinese
/// character is two): spreadsheet programs keep a written row one line high otherwise.
pub fn wrapped_row_height<'a>(texts: impl IntoIterator<Item = &'a str>, widths: &[f64]) -> f64 {
    let lines = texts
        .into_iter()
        .zip(widths)
        .map(|(text, width)| wrapped_lines(text, *width))
        .max()
        .unwrap_or(1);
    (15 * lines).min(409) as f64
}

/// How many lines `text` takes in a column `width` characters wide.
fn wrapped_lines(text: &str, width: f64) -> usize {
    let per_line = (width.max(2.0) - 1.0) as usize;
    text.split('\n')
        .map(|line| {
            unicode_width::UnicodeWidthStr::width(line)
                .div_ceil(per_line)
                .max(1)
        })
        .sum()
}

/// Fill a written cell and give it a note, keeping its value and number format.
fn mark_cell(
    sheet: &mut Worksheet,
    table: &Table,
    mark: &CellMark,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let row = u32::try_from(mark.row + 1).unwrap_or(u32::MAX);
    let col = u16::try_from(mark.col).unwrap_or(u16::MAX);
    let cell = table.rows.get(mark.row).and_then(|r| r.get(mark.col));
    let fill = |base: &Format| {
        base.clone()
            .set_background_color(Color::RGB(mark.fill))
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0x999999))
    };
    match cell {
        Some(Out::Text(text)) => {
            sheet.write_string_with_format(row, col, text, &fill(&formats.text))?;
        }
        Some(Out::Number(n)) => {
            sheet.write_number_with_format(row, col, *n, &fill(&Format::new()))?;
        }
        Some(Out::Date(day)) => {
            let date = excel_date(*day)?;
            sheet.write_datetime_with_format(row, col, &date, &fill(&formats.date))?;
        }
        Some(Out::Empty) | None => {
            sheet.write_blank(row, col, &fill(&Format::new()))?;
        }
    }
    let note = Note::new(&mark.note)
        .set_author("jianfu")
        .set_width(360)
        .set_height(160);
    sheet.insert_note(row, col, &note)?;
    Ok(())
}

fn write_front(
    sheet: &mut Worksheet,
    front: &FrontSheet,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(&front.name)?;
    // The header on every printed page.
    print_one_page_wide(sheet);
    sheet.set_repeat_rows(1, 1)?;
    sheet.write_string_with_format(0, 0, &front.title, &formats.title)?;
    for (c, header) in front.header.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        sheet.write_string_with_format(1, c, header, &formats.required)?;
    }
    sheet.set_freeze_panes(2, 0)?;
    for (c, width) in front.widths.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        sheet.set_column_width(c, *width)?;
    }
    for (r, row) in front.rows.iter().enumerate() {
        let r = u32::try_from(r + 2).unwrap_or(u32::MAX);
        let height = wrapped_row_height(row.iter().map(|c| c.text.as_str()), &front.widths);
        sheet.set_row_height(r, height)?;
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            let mut format = formats.wrap.clone().set_border(FormatBorder::Thin);
            if let Some(fill) = cell.fill {
                format = format.set_background_color(Color::RGB(fill));
            }
            match &cell.link {
                Some(target) => {
                    let url = Url::new(format!("internal:{target}")).set_text(&cell.text);
                    let format = format
                        .set_font_color(Color::RGB(0x0563C1))
                        .set_underline(rust_xlsxwriter::FormatUnderline::Single);
                    sheet.write_url_with_format(r, c, url, &format)?;
                }
                None => {
                    sheet.write_string_with_format(r, c, &cell.text, &format)?;
                }
            }
        }
    }
    Ok(())
}

struct Formats {
    required: Format,
    optional: Format,
    date: Format,
    text: Format,
    title: Format,
    wrap: Format,
}

impl Formats {
    fn new() -> Formats {
        let header = Format::new()
            .set_bold()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        Formats {
            required: header.clone().set_background_color(Color::RGB(0xFCE4D6)),
            optional: header.set_background_color(Color::RGB(0xEDEDED)),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            text: Format::new().set_num_format("@"),
            title: Format::new().set_bold().set_font_size(14),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

fn write_table(sheet: &mut Worksheet, table: &Table, formats: &Formats) -> Result<(), XlsxError> {
    let spec = table.spec;
    sheet.set_name(spec.name)?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_row_height(0, 30)?;
    for (index, column) in spec.columns.iter().enumerate() {
        let col = u16::try_from(index).unwrap_or(u16::MAX);
        let ty = column.cell_type(spec);
        let header_format = if column.required(spec) {
            &formats.required
        } else {
            &formats.optional
        };
        sheet.write_string_with_format(0, col, column.header, header_format)?;
        let note = format!("{}\n{}", description(spec, column.field), format_hint(&ty));
        sheet.insert_note(0, col, &Note::new(note).set_author("jianfu"))?;
        let width: f64 = match ty {
            CellType::Text { .. } | CellType::List(_) => 24.0,
            CellType::Date => 12.0,
            _ => 10.0,
        };
        sheet.set_column_width(
            col,
            width.max(column.header.chars().count() as f64 * 2.2 + 2.0),
        )?;
        match &ty {
            CellType::Date => {
                sheet.set_column_format(col, &formats.date)?;
            }
            CellType::Text { code_like: true } => {
                sheet.set_column_format(col, &formats.text)?;
            }
            _ => {}
        }
        if let Some(validation) = validation(&ty)? {
            sheet.add_data_validation(1, col, FORMATTED_ROWS, col, &validation)?;
        }
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            match cell {
                Out::Empty => {}
                Out::Text(text) => {
                    sheet.write_string_with_format(r, c, text, &formats.text)?;
                }
                Out::Number(n) => {
                    sheet.write_number(r, c, *n)?;
                }
                Out::Date(day) => {
                    let date = excel_date(*day)?;
                    sheet.write_datetime_with_format(r, c, &date, &formats.date)?;
                }
            }
        }
    }
    Ok(())
}

fn excel_date(day: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year =
        u16::try_from(day.year()).map_err(|_| XlsxError::DateTimeRangeError(day.to_string()))?;
    // Month and day always fit in u8.
    ExcelDateTime::from_ymd(year, day.month() as u8, day.day() as u8)
}

/// The drop-down or range check of a column, for rows typed by hand.
fn validation(ty: &CellType) -> Result<Option<DataValidation>, XlsxError> {
    Ok(match ty {
        CellType::Enum(values) => {
            let labels: Vec<&str> = values
                .iter()
                .map(|v| label(v).unwrap_or(v.as_str()))
                .collect();
            Some(
                DataValidation::new()
                    .allow_list_strings(&labels)?
                    .set_error_message("请从下拉列表中选择")?,
            )
        }
        CellType::Bool => Some(
            DataValidation::new()
                .allow_list_strings(&["是", "否"])?
                .set_error_message("请填写 是 或 否")?,
        ),
        CellType::Int { min } => {
            let min = min.and_then(|m| i32::try_from(m).ok()).unwrap_or(0);
            Some(
                DataValidation::new()
                    .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(min))
                    .set_error_message(format!("请填写不小于 {min} 的整数"))?,
            )
        }
        _ => None,
    })
}

/// How to fill a column, for the notes sheet and header notes.
pub fn format_hint(ty: &CellType) -> String {
    match ty {
        CellType::Text { code_like: true } => {
            "文本（单元格设为文本格式，数字不会变成科学计数）".to_owned()
        }
        CellType::Text { .. } => "文本".to_owned(),
        CellType::Int { min: Some(min) } => format!("整数（≥{min}）"),
        CellType::Int { min: None } => "整数".to_owned(),
        CellType::Bool => "是 / 否".to_owned(),
        CellType::Date => "日期，如 2025-05-10（也可写 2025/5/10、2025年5月10日）".to_owned(),
        CellType::Enum(values) => format!("从下拉列表选择：{}", labelled(values)),
        CellType::List(item) => match &**item {
            CellType::Enum(values) => format!(
                "可填多项，用「{LIST_SEPARATOR}」分隔，没有则留空：{}",
                labelled(values)
            ),
            _ => format!("多项用「{LIST_SEPARATOR}」分隔"),
        },
    }
}

fn labelled(values: &[String]) -> String {
    values
        .iter()
        .map(|v| match label(v) {
            Some(l) => format!("{l}（{v}）"),
            None => v.clone(),
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// General rules, one per line, at the top of the notes sheet.
const RULES: &[&str] = &[
    "1. 每个单位报送一个工作簿。「单位信息」只填一行；其余每张表一行一项，没有内容的表保留表头行、不填数据。",
    "2. 列名不要改动；可以调整列的顺序、插入「序号」列。橙色表头为必填列，灰色为可选列。其他列（如「备注」）不会被读取，检查时会提示一次（警告）。",
    "3. 日期按日期格式填写（如 2025-05-10）；数字可以填在文本格式的单元格里；全角数字和空格会自动转换。",
    "4. 带下拉箭头的列请从列表中选择。可填多项的列用「、」分隔。",
    "5. 检查命令：jianfu check 本文件.xlsx；与 YAML 互相转换：jianfu convert 本文件.xlsx --to yaml 目录。",
];

fn write_notes(sheet: &mut Worksheet, formats: &Formats) -> Result<(), XlsxError> {
    sheet.set_name(NOTES_SHEET)?;
    sheet.write_string_with_format(0, 0, "基层减负清单填写说明（格式 v1）", &formats.title)?;
    let mut row = 1;
    for rule in RULES {
        sheet.write_string(row, 0, *rule)?;
        row += 1;
    }
    row += 1;
    let headers = ["工作表", "列名", "对应字段", "是否必填", "填写格式", "说明"];
    for (c, header) in headers.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        sheet.write_string_with_format(row, c, *header, &formats.required)?;
    }
    sheet.set_freeze_panes(row + 1, 0)?;
    for spec in SHEETS {
        for column in spec.columns {
            row += 1;
            let ty = column.cell_type(spec);
            let required = if column.required(spec) {
                "必填"
            } else {
                "可选"
            };
            let cells = [
                spec.name.to_owned(),
                column.header.to_owned(),
                column.field.to_owned(),
                required.to_owned(),
                format_hint(&ty),
                description(spec, column.field),
            ];
            for (c, text) in cells.iter().enumerate() {
                let c = u16::try_from(c).unwrap_or(u16::MAX);
                sheet.write_string_with_format(row, c, text, &formats.wrap)?;
            }
        }
    }
    for (c, width) in [12.0, 18.0, 18.0, 10.0, 48.0, 40.0].iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        sheet.set_column_width(c, *width)?;
    }
    Ok(())
}

/// Each table as `<sheet name>.csv`: UTF-8 with a BOM (so that Excel opens it as UTF-8), dates
/// `YYYY-MM-DD`. Returns `(file name, bytes)` pairs for the caller to write.
pub fn csv_files(tables: &Tables) -> Result<Vec<(String, Vec<u8>)>, csv::Error> {
    let mut files = Vec::with_capacity(tables.tables.len());
    for table in &tables.tables {
        let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
        let headers: Vec<&str> = table.spec.columns.iter().map(|c| c.header).collect();
        writer.write_record(&headers)?;
        for row in &table.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|cell| match cell {
                    Out::Empty => String::new(),
                    Out::Text(t) => super::grid::guard_formula(t).into_owned(),
                    Out::Number(n) => format_number(*n),
                    Out::Date(d) => d.format("%Y-%m-%d").to_string(),
                })
                .collect();
            writer.write_record(&cells)?;
        }
        let bytes = writer
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))?;
        files.push((format!("{}.csv", table.spec.name), bytes));
    }
    Ok(files)
}
