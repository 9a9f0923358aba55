//! Reading a workbook (`.xlsx`, `.xls` or `.ods`, through calamine) or a CSV file into
//! [`Grid`]s: the non-empty cells of a sheet with their positions, its merged ranges and whether
//! it is hidden.
//!
//! `.xlsx` cells are streamed, never laid out as a dense range, so a stray cell at `XFD1048576`
//! costs one entry, not seventeen billion. calamine reads `.xls` and `.ods` only as dense
//! ranges, so their rectangles are measured from the file first ([`dense`](super::dense)) and
//! held to the cell limit. The number of cells, the unpacked size and the cells' text are
//! bounded by the run's [`Limits`]. Nothing here knows the inventory format.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Seek};

use calamine::{Data, Ods, Reader, SheetType, SheetVisible, Xls, Xlsx};
use chrono::NaiveDate;

use crate::load::Limits;

/// One cell's value as the spreadsheet holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum CellValue {
    Text(String),
    Number(f64),
    Bool(bool),
    /// A number formatted as a date: the day it shows.
    Date(NaiveDate),
    /// An error value such as `#N/A`.
    Error(String),
}

impl CellValue {
    /// The value as a clerk would read it, for headers and free text.
    pub fn text(&self) -> String {
        match self {
            CellValue::Text(s) | CellValue::Error(s) => s.clone(),
            CellValue::Number(n) => format_number(*n),
            CellValue::Bool(true) => "TRUE".to_owned(),
            CellValue::Bool(false) => "FALSE".to_owned(),
            CellValue::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }

    fn is_blank(&self) -> bool {
        matches!(self, CellValue::Text(s) if s.trim().is_empty())
    }
}

/// `12.0` → `12`, `1.5` → `1.5`: integral numbers without a decimal point. Cells, and the
/// numbers of messages (a rule's parameters and limits, a field's value), are written this way.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        // Without the formatting machinery: a count rule words its limit for each finding.
        itoa::Buffer::new().format(n as i64).to_owned()
    } else {
        format!("{n}")
    }
}

/// Merged ranges are kept when they start in these first rows (where headers are).
const MERGE_ROWS: u32 = 64;

/// At most this many merged ranges are kept per sheet.
const MAX_MERGES: usize = 1000;

/// A merged range, 0-based and inclusive: `(first_row, first_col, last_row, last_col)`.
pub type Merge = (u32, u32, u32, u32);

/// One sheet's content.
#[derive(Clone, Debug, Default)]
pub struct Grid {
    pub name: String,
    pub hidden: bool,
    /// Non-empty cells by 0-based `(row, column)`, in row-major order.
    pub cells: BTreeMap<(u32, u32), CellValue>,
    pub merges: Vec<Merge>,
}

impl Grid {
    pub fn get(&self, row: u32, column: u32) -> Option<&CellValue> {
        self.cells.get(&(row, column))
    }

    /// The cell's value, or, for a blank cell inside a merged range, the value of the range's
    /// first cell (Excel keeps a merged range's value there only).
    pub fn get_merged(&self, row: u32, column: u32) -> Option<&CellValue> {
        self.get(row, column).or_else(|| {
            let (r, c, _, _) = self.merge_at(row, column)?;
            self.get(r, c)
        })
    }

    pub fn merge_at(&self, row: u32, column: u32) -> Option<Merge> {
        self.merges
            .iter()
            .copied()
            .find(|&(r0, c0, r1, c1)| (r0..=r1).contains(&row) && (c0..=c1).contains(&column))
    }

    /// The 0-based rows holding at least one cell, in order.
    pub fn rows(&self) -> Vec<u32> {
        let mut rows: Vec<u32> = self.cells.keys().map(|(r, _)| *r).collect();
        rows.dedup();
        rows
    }

    /// The cells of one row, in column order.
    pub fn row(&self, row: u32) -> impl Iterator<Item = (u32, &CellValue)> {
        self.cells
            .range((row, 0)..=(row, u32::MAX))
            .map(|((_, c), v)| (*c, v))
    }
}

/// Why a workbook could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GridError {
    #[error("{0}")]
    Corrupt(String),
    #[error("a workbook format jianfu does not read: {0:?}")]
    OtherFormat(super::read::OtherFormat),
    #[error("the unpacked workbook is larger than {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("sheet {sheet} has more than {limit} cells")]
    TooManyCells { sheet: String, limit: usize },
    /// An `.xls` or `.ods` sheet whose area from its first to its last value (which calamine
    /// lays out whole) is larger than the cell limit.
    #[error("a sheet's area holds more than {limit} cells")]
    TooDense { limit: usize },
    /// The cells' text, once each shared string is copied into every cell that uses it, is
    /// larger than a file may be.
    #[error("the cells of the workbook hold more than {limit} bytes of text")]
    TooMuchText { limit: u64 },
}

/// A workbook's sheets: every sheet's name and visibility, and the grids of those `wanted`.
#[derive(Debug, Default)]
pub struct Workbook {
    /// Every worksheet's name, in workbook order.
    pub names: Vec<String>,
    pub grids: Vec<Grid>,
    /// Sheets that could not be read, with the reason; the others still are.
    pub broken: Vec<(String, GridError)>,
}

/// The workbook formats jianfu reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Office Open XML (`.xlsx`, `.xlsm`): Excel 2007 on, and WPS by default.
    Xlsx,
    /// The Excel 97–2003 binary format (`.xls`), an OLE compound file; what older WPS saves as
    /// `.et` is read the same way when it is one.
    Xls,
    /// OpenDocument (`.ods`): LibreOffice, and WPS on request.
    Ods,
}

/// Read the worksheets of a workbook held in `bytes`; `wanted` picks the sheets whose cells are
/// read (the others are only named).
pub fn read_workbook(
    bytes: Vec<u8>,
    format: Format,
    limits: &Limits,
    wanted: impl Fn(&str) -> bool,
) -> Result<Workbook, GridError> {
    match format {
        Format::Xlsx => read_xlsx(bytes, limits, wanted),
        Format::Xls => {
            let largest = super::dense::xls_largest_sheet(&bytes).map_err(GridError::Corrupt)?;
            check_dense(largest, limits)?;
            contained(|| {
                let workbook =
                    Xls::new(Cursor::new(bytes)).map_err(|e| GridError::Corrupt(e.to_string()))?;
                read_dense(workbook, limits, wanted, |book, name| {
                    book.merge_cells_by_sheet_name(name).unwrap_or_default()
                })
            })
        }
        Format::Ods => {
            check_unpacked_size(&bytes, limits)?;
            let largest = super::dense::ods_largest_sheet(&bytes, limits.max_file_bytes)
                .map_err(GridError::Corrupt)?;
            check_dense(largest, limits)?;
            contained(|| {
                let workbook =
                    Ods::new(Cursor::new(bytes)).map_err(|e| GridError::Corrupt(e.to_string()))?;
                read_dense(workbook, limits, wanted, |_, _| Vec::new())
            })
        }
    }
}

thread_local! {
    /// Set while a reader that may panic on hostile input runs on this thread.
    static CONTAINED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run calamine's `.xls` or `.ods` reader so that a panic in it becomes a damaged-workbook
/// finding. Its binary and XML parsers index into records a hostile file controls and panic
/// where they should return an error (the `workbook` fuzz target found one in minutes); a panic
/// there must not take the run, and every unit after it, down. The panic's own message is not
/// printed: the finding says what happened. This needs `panic = "unwind"`, Rust's default: keep
/// `panic = "abort"` out of Cargo.toml's profiles.
fn contained<T>(read: impl FnOnce() -> Result<T, GridError>) -> Result<T, GridError> {
    static QUIET_HOOK: std::sync::Once = std::sync::Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !CONTAINED.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    CONTAINED.with(|c| c.set(true));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    CONTAINED.with(|c| c.set(false));
    outcome.unwrap_or_else(|panic| {
        let detail = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(GridError::Corrupt(format!(
            "the reader failed on this file: {detail}"
        )))
    })
}

/// A sheet calamine would lay out as more cells than a sheet may hold is refused before it is.
fn check_dense(largest: u64, limits: &Limits) -> Result<(), GridError> {
    if largest > u64::try_from(limits.max_nodes).unwrap_or(u64::MAX) {
        return Err(GridError::TooDense {
            limit: limits.max_nodes,
        });
    }
    Ok(())
}

/// The wanted sheets of an `.xls` or `.ods` workbook, from calamine's dense ranges (measured
/// already), with `merges` giving a sheet's merged ranges where the format has them.
fn read_dense<R: Reader<Cursor<Vec<u8>>>>(
    mut workbook: R,
    limits: &Limits,
    wanted: impl Fn(&str) -> bool,
    merges: impl Fn(&R, &str) -> Vec<calamine::Dimensions>,
) -> Result<Workbook, GridError>
where
    R::Error: std::fmt::Display,
{
    let sheets = sheet_list(workbook.sheets_metadata());
    let mut book = Workbook {
        names: sheets.iter().map(|(n, _)| n.clone()).collect(),
        ..Workbook::default()
    };
    let mut text_budget = TextBudget {
        left: limits.max_file_bytes,
        limit: limits.max_file_bytes,
    };
    for (name, hidden) in sheets {
        if !wanted(&name) {
            continue;
        }
        let range = match workbook.worksheet_range(&name) {
            Ok(range) => range,
            Err(error) => {
                book.broken
                    .push((name, GridError::Corrupt(error.to_string())));
                continue;
            }
        };
        let mut cells = BTreeMap::new();
        // `used_cells` counts from the range's first cell, not from A1.
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let at = |offset: usize, base: u32| {
            base.saturating_add(u32::try_from(offset).unwrap_or(u32::MAX))
        };
        for (row, column, data) in range.used_cells() {
            let Some(value) = convert(data.clone()) else {
                continue;
            };
            if value.is_blank() {
                continue;
            }
            text_budget.charge(&value)?;
            cells.insert((at(row, r0), at(column, c0)), value);
        }
        let merges = header_merges(&merges(&workbook, &name));
        book.grids.push(Grid {
            name,
            hidden,
            cells,
            merges,
        });
    }
    Ok(book)
}

/// Every worksheet's name and whether it is hidden, in workbook order.
fn sheet_list(metadata: &[calamine::Sheet]) -> Vec<(String, bool)> {
    metadata
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect()
}

/// Merged cells matter only in the header area; a hostile sheet's thousands of merges
/// elsewhere are not kept.
fn header_merges(all: &[calamine::Dimensions]) -> Vec<Merge> {
    all.iter()
        .filter(|d| d.start.0 < MERGE_ROWS)
        .take(MAX_MERGES)
        .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
        .collect()
}

/// Read the worksheets of an `.xlsx` held in `bytes` cell by cell.
fn read_xlsx(
    bytes: Vec<u8>,
    limits: &Limits,
    wanted: impl Fn(&str) -> bool,
) -> Result<Workbook, GridError> {
    check_unpacked_size(&bytes, limits)?;
    let mut workbook: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| GridError::Corrupt(e.to_string()))?;
    let sheets = sheet_list(workbook.sheets_metadata());
    let mut book = Workbook {
        names: sheets.iter().map(|(n, _)| n.clone()).collect(),
        ..Workbook::default()
    };
    let mut text_budget = TextBudget {
        left: limits.max_file_bytes,
        limit: limits.max_file_bytes,
    };
    for (name, hidden) in sheets {
        if !wanted(&name) {
            continue;
        }
        match read_sheet(&mut workbook, &name, limits, &mut text_budget) {
            Ok(cells) => {
                let merges = header_merges(
                    &workbook
                        .merge_cells_by_sheet_name(&name)
                        .unwrap_or_default(),
                );
                book.grids.push(Grid {
                    name,
                    hidden,
                    cells,
                    merges,
                });
            }
            // The whole workbook is over the budget, not this one sheet.
            Err(error @ GridError::TooMuchText { .. }) => return Err(error),
            Err(error) => book.broken.push((name, error)),
        }
    }
    Ok(book)
}

/// The sum of the declared unpacked sizes, against the file size limit: a small zip bomb is
/// refused before any of it is inflated. Declared sizes can lie, but the zip reader (under
/// calamine too) stops an entry that inflates past its declared size with an error, so the
/// declaration bounds what is ever unpacked.
fn check_unpacked_size(bytes: &[u8], limits: &Limits) -> Result<(), GridError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| GridError::Corrupt(format!("not a zip archive: {e}")))?;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
            .map_err(|e| GridError::Corrupt(e.to_string()))?;
        total = total.saturating_add(entry.size());
    }
    if total > limits.max_file_bytes {
        return Err(GridError::TooLarge {
            limit: limits.max_file_bytes,
        });
    }
    Ok(())
}

/// The bytes of cell text a workbook may still expand to. A shared string is stored once in the
/// file but copied into every cell that uses it: one long string in every cell of a sheet
/// passes the unpacked-size check yet would fill memory.
struct TextBudget {
    left: u64,
    limit: u64,
}

impl TextBudget {
    fn charge(&mut self, value: &CellValue) -> Result<(), GridError> {
        let bytes = match value {
            CellValue::Text(text) | CellValue::Error(text) => text.len(),
            _ => 0,
        };
        let bytes = u64::try_from(bytes).unwrap_or(u64::MAX);
        self.left = self
            .left
            .checked_sub(bytes)
            .ok_or(GridError::TooMuchText { limit: self.limit })?;
        Ok(())
    }
}

fn read_sheet<RS: Read + Seek>(
    workbook: &mut Xlsx<RS>,
    name: &str,
    limits: &Limits,
    text_budget: &mut TextBudget,
) -> Result<BTreeMap<(u32, u32), CellValue>, GridError> {
    let mut reader = workbook
        .worksheet_cells_reader(name)
        .map_err(|e| GridError::Corrupt(e.to_string()))?;
    let mut cells = BTreeMap::new();
    while let Some(cell) = reader
        .next_cell()
        .map_err(|e| GridError::Corrupt(e.to_string()))?
    {
        let Some(value) = convert(Data::from(cell.get_value().clone())) else {
            continue;
        };
        if value.is_blank() {
            continue;
        }
        if cells.len() >= limits.max_nodes {
            return Err(GridError::TooManyCells {
                sheet: name.to_owned(),
                limit: limits.max_nodes,
            });
        }
        text_budget.charge(&value)?;
        let (row, column) = cell.get_position();
        cells.insert((row, column), value);
    }
    Ok(cells)
}

/// A cell's value as jianfu reads it; `None` for an empty cell. Streamed `.xlsx` cells
/// (calamine's `DataRef`) are turned into `Data` first, so both readers share this.
fn convert(value: Data) -> Option<CellValue> {
    Some(match value {
        Data::Empty => return None,
        Data::Int(i) => CellValue::Number(i as f64),
        Data::Float(f) => CellValue::Number(f),
        Data::String(s) => CellValue::Text(s),
        Data::Bool(b) => CellValue::Bool(b),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(moment) if dt.is_datetime() => CellValue::Date(moment.date()),
            _ => CellValue::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) => match s
            .get(..10)
            .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d"))
        {
            Some(Ok(day)) => CellValue::Date(day),
            _ => CellValue::Text(s),
        },
        Data::DurationIso(s) => CellValue::Text(s),
        Data::Error(e) => CellValue::Error(e.to_string()),
    })
}

/// The text encoding a CSV file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Gbk,
}

/// Why a CSV file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    /// Neither UTF-8 nor GBK; `guess` names another encoding when the bytes show one.
    #[error("not UTF-8 or GBK")]
    Encoding {
        guess: Option<&'static str>,
        valid_up_to: usize,
    },
    #[error("{0}")]
    Parse(String),
    #[error("more than {limit} cells")]
    TooManyCells { limit: usize },
}

/// Decode a CSV file's bytes: UTF-8 (with or without a BOM), else GBK (what Excel on a Chinese
/// Windows writes for "CSV"), else an error.
pub fn decode_csv(bytes: &[u8]) -> Result<(String, Encoding), CsvError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => Ok((text.to_owned(), Encoding::Utf8)),
        Err(error) => {
            if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
                let guess = if bytes.starts_with(b"\xFF\xFE") {
                    "UTF-16LE"
                } else {
                    "UTF-16BE"
                };
                return Err(CsvError::Encoding {
                    guess: Some(guess),
                    valid_up_to: 0,
                });
            }
            let (text, had_errors) = encoding_rs::GBK.decode_without_bom_handling(body);
            if had_errors {
                Err(CsvError::Encoding {
                    guess: None,
                    valid_up_to: error.valid_up_to(),
                })
            } else {
                Ok((text.into_owned(), Encoding::Gbk))
            }
        }
    }
}

/// Parse decoded CSV text as one sheet called `name`. Comma-separated, or tab-separated when
/// the first line has tabs and no commas (what "Unicode text" exports write).
/// Characters that make Excel and WPS read a CSV cell as a formula (OWASP's list), and the
/// apostrophe that [`guard_formula`] puts before them.
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// A text for a CSV cell that a spreadsheet program shows as text, never runs: one starting
/// with a formula character (`=HYPERLINK(…)`), or with the apostrophe itself, gets an
/// apostrophe in front, as OWASP recommends. [`unguard_formula`] takes it off when read back.
pub fn guard_formula(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) || text.starts_with('\'') {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A CSV cell's text with [`guard_formula`]'s apostrophe taken off, so that a converted unit
/// reads back unchanged; an apostrophe before anything else is the clerk's and stays.
pub fn unguard_formula(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) || rest.starts_with('\'') => rest,
        _ => text,
    }
}

pub fn read_csv(text: &str, name: &str, limits: &Limits) -> Result<Grid, CsvError> {
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.contains('\t') && !first_line.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut cells = BTreeMap::new();
    // Excel counts a blank line as an empty row and a quoted line break as part of its row;
    // the csv crate skips blank lines, so each record's row is the number of line breaks
    // before its first byte, less those inside earlier records' quoted fields.
    let bytes = text.as_bytes();
    let (mut scanned, mut breaks_before, mut breaks_inside) = (0usize, 0usize, 0usize);
    for record in reader.records() {
        let record = record.map_err(|e| CsvError::Parse(e.to_string()))?;
        let mut start = record
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\n' | b'\r') {
            start += 1;
        }
        if start > scanned {
            breaks_before += bytes[scanned..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            scanned = start;
        }
        let row = u32::try_from(breaks_before.saturating_sub(breaks_inside)).unwrap_or(u32::MAX);
        breaks_inside += record
            .iter()
            .map(|f| f.matches('\n').count())
            .sum::<usize>();
        for (column, field) in record.iter().enumerate() {
            if field.trim().is_empty() {
                continue;
            }
            if cells.len() >= limits.max_nodes {
                return Err(CsvError::TooManyCells {
                    limit: limits.max_nodes,
                });
            }
            let position = (row, saturate(column));
            cells.insert(position, CellValue::Text(unguard_formula(field).to_owned()));
        }
    }
    Ok(Grid {
        name: name.to_owned(),
        hidden: false,
        cells,
        merges: Vec::new(),
    })
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A zip whose one entry declares 100 bytes and inflates to 4 MiB of zeros.
    fn lying_zip() -> Vec<u8> {
        use std::io::Write;
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        writer.start_file("xl/sharedStrings.xml", options).unwrap();
        writer.write_all(&vec![0u8; 4 << 20]).unwrap();
        let mut bytes = writer.finish().unwrap().into_inner();
        // The uncompressed size: at offset 22 of the local header, 24 of the central one.
        let size = (4u32 << 20).to_le_bytes();
        let mut patched = 0;
        for at in 0..bytes.len().saturating_sub(4) {
            let field = match &bytes[at..at + 4] {
                b"PK\x03\x04" => at + 22,
                b"PK\x01\x02" => at + 24,
                _ => continue,
            };
            if bytes[field..field + 4] == size {
                bytes[field..field + 4].copy_from_slice(&100u32.to_le_bytes());
                patched += 1;
            }
        }
        assert_eq!(patched, 2, "both headers patched");
        bytes
    }

    /// What [`check_unpacked_size`] relies on: an entry that lies about its size is stopped
    /// near the size it declared, not inflated to its real size.
    #[test]
    fn an_entry_that_inflates_past_its_declared_size_is_stopped() {
        let bytes = lying_zip();
        assert!(check_unpacked_size(&bytes, &Limits::default()).is_ok());
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut entry = archive.by_index(0).unwrap();
        let mut unpacked = Vec::new();
        let outcome = entry.read_to_end(&mut unpacked);
        assert!(outcome.is_err(), "read {} bytes", unpacked.len());
        assert!(unpacked.len() < 64 << 10, "read {} bytes", unpacked.len());
    }

    #[test]
    fn gbk_is_detected_and_decoded() {
        let (bytes, _, _) = encoding_rs::GBK.encode("名称,位置\n卫生室,室内\n");
        let (text, encoding) = decode_csv(&bytes).unwrap();
        assert_eq!(encoding, Encoding::Gbk);
        assert!(text.starts_with("名称,位置"));
        let (text, encoding) = decode_csv("\u{feff}名称\n".as_bytes()).unwrap();
        assert_eq!((text.as_str(), encoding), ("名称\n", Encoding::Utf8));
    }

    #[test]
    fn csv_cells_keep_their_positions() {
        let text = "a,,c\n\n\"x,y\",2\n\"two\nlines\",z\nlast\n";
        let grid = read_csv(text, "s", &Limits::default()).unwrap();
        assert_eq!(grid.get(0, 2), Some(&CellValue::Text("c".into())));
        assert_eq!(grid.get(0, 1), None);
        // The blank line is row 2 in Excel (0-based 1): the quoted comma sits on row 3.
        assert_eq!(grid.get(2, 0), Some(&CellValue::Text("x,y".into())));
        // A quoted line break stays inside its row.
        assert_eq!(grid.get(3, 1), Some(&CellValue::Text("z".into())));
        assert_eq!(grid.get(4, 0), Some(&CellValue::Text("last".into())));
    }

    #[test]
    fn numbers_print_without_a_needless_point() {
        assert_eq!(format_number(12.0), "12");
        assert_eq!(format_number(152223100201.0), "152223100201");
        assert_eq!(format_number(1.5), "1.5");
        assert_eq!(format_number(0.6), "0.6");
        assert_eq!(format_number(-3.0), "-3");
        assert_eq!(format_number(-0.0), "0");
        assert_eq!(format_number(999_999_999_999_999.0), "999999999999999");
        assert_eq!(format_number(1e15), "1000000000000000");
        assert_eq!(format_number(-2.25), "-2.25");
    }
}
