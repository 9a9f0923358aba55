//! Where a text rendered from a spreadsheet came from: byte ranges of the text → sheet cells.
//!
//! A spreadsheet unit is checked by rendering each sheet into a synthetic YAML text that the
//! ordinary loader parses, so every finding keeps a byte span like any other. The [`CellMap`]
//! attached to that text turns a finding's span back into the cell the clerk typed
//! ([`CellRef`], e.g. `标识标牌!C7`), which is what reports show instead of a line and column.
//! This module knows nothing about YAML or the inventory format: only spans, sheets, rows,
//! columns and field names.

use super::Span;

/// One cell of a workbook (or of a CSV file, read as a sheet).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CellRef {
    /// The sheet's name as written in the workbook (`标识标牌`), or the CSV file's stem.
    pub sheet: String,
    /// The A1-style address, e.g. `C7`.
    pub cell: String,
    /// 1-based row number, as the spreadsheet shows it.
    pub row: u32,
    /// 1-based column number (A = 1).
    pub column: u32,
    /// The column's header as written in the sheet, when the cell is under one.
    pub header: Option<String>,
    /// The file that holds the sheet, when it is a file of its own (a CSV unit's `两委成员.csv`)
    /// rather than the file the text was rendered under.
    #[serde(skip)]
    pub file: Option<String>,
}

impl CellRef {
    /// `标识标牌!C7`, the form spreadsheet users type and read.
    pub fn address(&self) -> String {
        format!("{}!{}", self.sheet, self.cell)
    }
}

impl std::fmt::Display for CellRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}!{}", self.sheet, self.cell)
    }
}

/// A spreadsheet text shown under another name, for miette's snippet header: a report can show
/// `巴彦高勒嘎查.xlsx 标识标牌!E5` there instead of the synthetic text's `path:line:column`
/// (render it with `GraphicalReportHandler::without_primary_span_start`, so that no line and
/// column are appended).
pub struct Titled<'a> {
    pub source: &'a super::SourceFile,
    pub title: String,
}

impl miette::SourceCode for Titled<'_> {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let contents = self
            .source
            .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.title.clone(),
            contents.data(),
            *contents.span(),
            contents.line(),
            contents.column(),
            contents.line_count(),
        )))
    }
}

/// The A1-style name of a 1-based column: 1 → `A`, 27 → `AA`.
pub fn column_name(column: u32) -> String {
    let mut n = column.max(1);
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// One row of a sheet, as [`CellMap::row_cells`] gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowCells {
    /// 1-based, as the spreadsheet shows it.
    pub row: u32,
    pub cells: Vec<RowCell>,
}

/// One cell of a [`RowCells`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowCell {
    pub field: String,
    /// The column's header as written in the sheet.
    pub header: String,
    /// Where the cell's value is in the text (`None` for an empty cell).
    pub value: Option<Span>,
    /// Whether this is the cell the finding points at.
    pub is_finding: bool,
}

/// The cells behind one synthetic text.
#[derive(Clone, Debug, Default)]
pub struct CellMap {
    sheets: Vec<SheetColumns>,
    entries: Vec<Entry>,
    /// Added to a span's start when findings are ordered, so that the sheets of one workbook
    /// (which share the workbook's path) come out in workbook order rather than interleaved.
    order_base: u32,
}

#[derive(Clone, Debug)]
struct SheetColumns {
    name: String,
    /// The sheet's own file, for a unit whose sheets are separate CSV files.
    file: Option<String>,
    /// Field name → (1-based column, header as written).
    fields: Vec<(String, u32, String)>,
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    span: Span,
    sheet: usize,
    row: u32,
    /// `None`: the span is a whole data row; the finding's field picks the column.
    column: Option<u32>,
}

impl CellMap {
    pub fn new(order_base: u32) -> CellMap {
        CellMap {
            order_base,
            ..CellMap::default()
        }
    }

    /// Declare a sheet and where each field's column is; returns the sheet's index.
    pub fn add_sheet(&mut self, name: &str, fields: Vec<(String, u32, String)>) -> usize {
        self.sheets.push(SheetColumns {
            name: name.to_owned(),
            file: None,
            fields,
        });
        self.sheets.len() - 1
    }

    /// The sheet named `name` is the file `file` (a CSV unit renders `两委成员.csv` into the
    /// text of `单位信息.csv`): findings in it name that file.
    pub fn set_sheet_file(&mut self, name: &str, file: &str) {
        for sheet in self.sheets.iter_mut().filter(|s| s.name == name) {
            sheet.file = Some(file.to_owned());
        }
    }

    /// `span` of the text shows the cell at `row`, `column` (both 1-based) of `sheet`.
    pub fn add_cell(&mut self, span: Span, sheet: usize, row: u32, column: u32) {
        self.entries.push(Entry {
            span,
            sheet,
            row,
            column: Some(column),
        });
    }

    /// `span` of the text shows the whole data row `row` of `sheet`.
    pub fn add_row(&mut self, span: Span, sheet: usize, row: u32) {
        self.entries.push(Entry {
            span,
            sheet,
            row,
            column: None,
        });
    }

    pub fn order_base(&self) -> u32 {
        self.order_base
    }

    /// The cells of the row behind a finding at `span` (for a report's frame): every column of
    /// its sheet in order, with the span of the cell's value in the text when it has one.
    pub fn row_cells(&self, span: Span, path: &str) -> Option<RowCells> {
        let cell = self.cell_at(span, path)?;
        let (index, sheet) = self
            .sheets
            .iter()
            .enumerate()
            .find(|(_, s)| s.name == cell.sheet)?;
        let mut columns: Vec<&(String, u32, String)> = sheet.fields.iter().collect();
        columns.sort_by_key(|(_, column, _)| *column);
        // The row's cells, found in one pass over the map rather than one per column.
        let in_row: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| e.sheet == index && e.row == cell.row && e.column.is_some())
            .collect();
        let cells = columns
            .into_iter()
            .map(|(field, column, header)| RowCell {
                field: field.clone(),
                header: header.clone(),
                value: in_row
                    .iter()
                    .find(|e| e.column == Some(*column))
                    .map(|e| e.span),
                is_finding: *column == cell.column,
            })
            .collect();
        Some(RowCells {
            row: cell.row,
            cells,
        })
    }

    /// The cell behind a finding at `span` whose logical path is `path` (`signs[2].name`).
    ///
    /// The innermost mapped range holding the span's start wins. When that is a whole row (a
    /// field left empty, so absent from the text), the path's last field names the column; a
    /// field with no column in the sheet falls back to the row's first column.
    pub fn cell_at(&self, span: Span, path: &str) -> Option<CellRef> {
        let entry = self
            .entries
            .iter()
            .filter(|e| contains(e.span, span.start))
            .min_by_key(|e| (e.span.len(), e.column.is_none()))?;
        let sheet = self.sheets.get(entry.sheet)?;
        let column = match entry.column {
            Some(column) => column,
            None => {
                let field = last_field(path);
                sheet
                    .fields
                    .iter()
                    .find(|(name, _, _)| name == field)
                    .or_else(|| sheet.fields.iter().min_by_key(|(_, c, _)| *c))
                    .map_or(1, |(_, c, _)| *c)
            }
        };
        let header = sheet
            .fields
            .iter()
            .find(|(_, c, _)| *c == column)
            .map(|(_, _, h)| h.clone());
        Some(CellRef {
            sheet: sheet.name.clone(),
            cell: format!("{}{}", column_name(column), entry.row),
            row: entry.row,
            column,
            header,
            file: sheet.file.clone(),
        })
    }
}

fn contains(span: Span, offset: u32) -> bool {
    (span.start <= offset && offset < span.end) || (span.is_empty() && span.start == offset)
}

/// `signs[2].approval_ref` → `approval_ref`; `code` → `code`.
fn last_field(path: &str) -> &str {
    let last = path.rsplit('.').next().unwrap_or(path);
    last.split('[').next().unwrap_or(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_titled_source_names_the_cell() {
        use miette::SourceCode;
        let file = crate::source::SourceFile::new("甲.xlsx", "signs:\n  - {name: \"卫生室\"}\n");
        let titled = Titled {
            source: &file,
            title: "甲.xlsx 标识标牌!A2".to_owned(),
        };
        let span = miette::SourceSpan::from((17, 5));
        let contents = titled.read_span(&span, 0, 0).unwrap();
        assert_eq!(contents.name(), Some("甲.xlsx 标识标牌!A2"));
        assert_eq!(contents.line(), 1);
    }

    #[test]
    fn column_names_follow_excel() {
        assert_eq!(column_name(1), "A");
        assert_eq!(column_name(3), "C");
        assert_eq!(column_name(26), "Z");
        assert_eq!(column_name(27), "AA");
        assert_eq!(column_name(52), "AZ");
        assert_eq!(column_name(703), "AAA");
    }

    #[test]
    fn innermost_range_wins_and_rows_resolve_by_field() {
        let mut map = CellMap::new(0);
        let fields = vec![
            ("name".to_owned(), 2, "名称".to_owned()),
            ("approval_ref".to_owned(), 5, "准入审批文号".to_owned()),
        ];
        let sheet = map.add_sheet("标识标牌", fields);
        map.add_row(Span::new(10, 60), sheet, 7);
        map.add_cell(Span::new(17, 30), sheet, 7, 2);
        let cell = map.cell_at(Span::new(17, 30), "signs[0].name").unwrap();
        assert_eq!(cell.address(), "标识标牌!B7");
        assert_eq!(cell.header.as_deref(), Some("名称"));
        let missing = map
            .cell_at(Span::new(10, 60), "signs[0].approval_ref")
            .unwrap();
        assert_eq!(missing.address(), "标识标牌!E7");
        let unknown = map.cell_at(Span::new(10, 60), "signs[0].type").unwrap();
        assert_eq!(unknown.address(), "标识标牌!B7");
        assert_eq!(map.cell_at(Span::new(70, 71), "signs"), None);
    }
}
