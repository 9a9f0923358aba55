//! How many cells calamine would lay out for the sheets of an `.xls` or `.ods` workbook, found
//! before calamine is asked to read it.
//!
//! calamine reads `.xlsx` cell by cell (see [`grid`](super::grid)), but `.xls` and `.ods` only
//! as dense ranges: every sheet becomes a rectangle from its first to its last value. Two values
//! at `A1` and `IV65536` of an `.xls` make a rectangle of 16.7 million cells (half a gigabyte),
//! and one `.ods` row repeated a million times with a value repeated 16,384 times asks for 17
//! billion — from a file of a few hundred bytes. So the rectangles are measured first, from the
//! file's own records, and a workbook whose sheets would exceed the cell limit is refused before
//! anything is laid out.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

/// The largest rectangle (in cells) calamine would allocate for one sheet, or why the file
/// could not be measured.
pub type Measure = Result<u64, String>;

/// `.xls`: the bounding box of the cell records calamine keeps (numbers, labels, booleans and
/// errors, RK values, shared-string labels, formulas; not blanks) in each sheet substream of
/// the `Workbook` stream.
pub fn xls_largest_sheet(bytes: &[u8]) -> Measure {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let stream = ["/Workbook", "/Book"]
        .into_iter()
        .find(|name| file.is_stream(name))
        .ok_or_else(|| "no Workbook stream".to_owned())?;
    let mut data = Vec::new();
    file.open_stream(stream)
        .and_then(|mut s| s.read_to_end(&mut data))
        .map_err(|e| e.to_string())?;
    Ok(biff_largest_sheet(&data))
}

/// The BIFF records of a workbook stream: each `(type, data)`.
fn biff_records(data: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = data;
    std::iter::from_fn(move || {
        let header = rest.get(..4)?;
        let kind = u16::from_le_bytes([header[0], header[1]]);
        let len = usize::from(u16::from_le_bytes([header[2], header[3]]));
        let body = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        Some((kind, body))
    })
}

/// A sheet's bounding box, 0-based and inclusive.
#[derive(Default)]
struct Bounds {
    rows: Option<(u32, u32)>,
    columns: Option<(u32, u32)>,
}

impl Bounds {
    fn add(&mut self, row: u32, first_column: u32, last_column: u32) {
        let (r0, r1) = self.rows.unwrap_or((row, row));
        self.rows = Some((r0.min(row), r1.max(row)));
        let (c0, c1) = self.columns.unwrap_or((first_column, last_column));
        self.columns = Some((c0.min(first_column), c1.max(last_column)));
    }

    fn cells(&self) -> u64 {
        match (self.rows, self.columns) {
            (Some((r0, r1)), Some((c0, c1))) => {
                u64::from(r1 - r0 + 1).saturating_mul(u64::from(c1 - c0 + 1))
            }
            _ => 0,
        }
    }
}

fn biff_largest_sheet(data: &[u8]) -> u64 {
    const BOF: u16 = 0x0809;
    const EOF: u16 = 0x000A;
    let mut largest = 0;
    let mut sheet = Bounds::default();
    for (kind, body) in biff_records(data) {
        let u16_at = |at: usize| {
            body.get(at..at + 2)
                .map(|b| u32::from(u16::from_le_bytes([b[0], b[1]])))
        };
        match kind {
            BOF => sheet = Bounds::default(),
            EOF => largest = largest.max(sheet.cells()),
            // Number, Label, BoolErr, Rk, LabelSst, Formula: row, column.
            0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let (Some(row), Some(column)) = (u16_at(0), u16_at(2)) {
                    sheet.add(row, column, column);
                }
            }
            // MulRk: row, first column, …, last column in the last two bytes.
            0x00BD => {
                let last = body.len().checked_sub(2).and_then(u16_at);
                if let (Some(row), Some(first), Some(last)) = (u16_at(0), u16_at(2), last) {
                    sheet.add(row, first, last.max(first));
                }
            }
            _ => {}
        }
    }
    largest.max(sheet.cells())
}

/// calamine's caps on an `.ods` sheet.
const ODS_MAX_ROWS: u64 = 1_048_576;
const ODS_MAX_COLUMNS: u64 = 16_384;

/// `.ods`: for each table of `content.xml`, the larger of the cells calamine collects row by
/// row (a value repeated across columns is copied into each) and the rectangle it then lays
/// out (rows repeated, from the first to the last row holding a value, by the widest such row).
pub fn ods_largest_sheet(bytes: &[u8], max_unpacked: u64) -> Measure {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let entry = archive.by_name("content.xml").map_err(|e| e.to_string())?;
    let mut xml = Vec::new();
    entry
        .take(max_unpacked)
        .read_to_end(&mut xml)
        .map_err(|e| e.to_string())?;
    ods_tables_largest(&xml)
}

/// What one `.ods` table costs so far.
#[derive(Default)]
struct OdsTable {
    /// Cells collected before the rectangle is laid out: each row's width up to its last value.
    collected: u64,
    /// Rows so far (repeats counted), capped as calamine caps them.
    rows: u64,
    /// The first and the end of the last row holding a value.
    first_row: Option<u64>,
    end_row: u64,
    widest: u64,
}

impl OdsTable {
    fn largest(&self) -> u64 {
        let height = self.first_row.map_or(0, |first| self.end_row - first);
        self.collected.max(height.saturating_mul(self.widest))
    }
}

fn ods_tables_largest(xml: &[u8]) -> Measure {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut largest = 0;
    let mut table = OdsTable::default();
    // Within a row: its repeat count, the column reached and the end of its last value.
    let mut row: Option<(u64, u64, u64)> = None;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| e.to_string())?;
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "table:table" => {
                table = OdsTable::default();
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                largest = largest.max(table.largest());
            }
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                let repeats = repeat(&e, "table:number-rows-repeated")
                    .min(ODS_MAX_ROWS.saturating_sub(table.rows));
                row = Some((repeats, 0, 0));
            }
            Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                let repeats = repeat(&e, "table:number-rows-repeated");
                table.rows = (table.rows + repeats).min(ODS_MAX_ROWS);
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                if let Some((repeats, _, width)) = row.take() {
                    table.collected = table.collected.saturating_add(width);
                    if width > 0 {
                        table.first_row.get_or_insert(table.rows);
                        table.end_row = table.rows + repeats;
                        table.widest = table.widest.max(width);
                    }
                    table.rows = (table.rows + repeats).min(ODS_MAX_ROWS);
                }
            }
            Event::Start(ref e) | Event::Empty(ref e) if is_cell(e) => {
                if let Some((_, column, width)) = row.as_mut() {
                    let repeats = repeat(e, "table:number-columns-repeated");
                    let end = (*column + repeats).min(ODS_MAX_COLUMNS);
                    // A cell with content (a paragraph inside it) or a typed value counts.
                    if matches!(event, Event::Start(_)) || has_value(e) {
                        *width = end;
                    }
                    *column = end;
                }
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(largest.max(table.largest()))
}

fn is_cell(e: &BytesStart) -> bool {
    matches!(
        e.name().as_ref(),
        "table:table-cell" | "table:covered-table-cell"
    )
}

fn has_value(e: &BytesStart) -> bool {
    e.attributes()
        .flatten()
        .any(|a| a.key.as_ref() == "office:value-type")
}

/// A repeat attribute's value; 1 when absent or unreadable (calamine would then fail itself).
fn repeat(e: &BytesStart, name: &str) -> u64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.value.trim().parse().ok())
        .unwrap_or(1)
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: u16, body: &[u8]) -> Vec<u8> {
        let mut out = kind.to_le_bytes().to_vec();
        out.extend((body.len() as u16).to_le_bytes());
        out.extend(body);
        out
    }

    fn cell(kind: u16, row: u16, column: u16) -> Vec<u8> {
        let mut body = row.to_le_bytes().to_vec();
        body.extend(column.to_le_bytes());
        body.extend([0; 6]);
        record(kind, &body)
    }

    #[test]
    fn an_xls_sheet_measures_its_bounding_box_without_blanks() {
        let mut data = record(0x0809, &[0; 16]);
        data.extend(cell(0x0203, 0, 0));
        data.extend(cell(0x00FD, 9, 3));
        // A blank far away (formatting) is not laid out by calamine.
        data.extend(cell(0x0201, 60_000, 200));
        data.extend(record(0x000A, &[]));
        assert_eq!(biff_largest_sheet(&data), 10 * 4);

        let mut far = record(0x0809, &[0; 16]);
        far.extend(cell(0x027E, 0, 0));
        far.extend(cell(0x0203, 65_535, 255));
        far.extend(record(0x000A, &[]));
        assert_eq!(biff_largest_sheet(&far), 65_536 * 256);
    }

    #[test]
    fn an_ods_table_counts_repeats_as_calamine_lays_them_out() {
        let table = |rows: &str| {
            format!(
                "<office:document-content><office:body><office:spreadsheet><table:table table:name=\"甲\">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"
            )
        };
        // An ordinary sheet: trailing empty cells and rows repeated to the sheet's end cost
        // nothing.
        let ordinary = table(
            "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>名称</text:p></table:table-cell><table:table-cell table:number-columns-repeated=\"2\"><text:p>x</text:p></table:table-cell><table:table-cell table:number-columns-repeated=\"16381\"/></table:table-row>\
             <table:table-row table:number-rows-repeated=\"1048575\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>",
        );
        assert_eq!(ods_tables_largest(ordinary.as_bytes()), Ok(3));
        // A value repeated across every column, in a row repeated a million times.
        let bomb = table(
            "<table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"float\" office:value=\"1\"/></table:table-row>",
        );
        assert_eq!(ods_tables_largest(bomb.as_bytes()), Ok(1_048_576 * 16_384));
        // Two far cells make a large rectangle even without repeats of values.
        let far = table(
            "<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row>\
             <table:table-row table:number-rows-repeated=\"99998\"><table:table-cell/></table:table-row>\
             <table:table-row><table:table-cell table:number-columns-repeated=\"999\"/><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row>",
        );
        assert_eq!(ods_tables_largest(far.as_bytes()), Ok(100_000 * 1_000));
    }
}
