//! The ledger as a workbook laid out as county offices keep one: a title, a header row, the
//! rows with their status coloured, frozen panes, column widths, and print setup (A4 landscape,
//! one page wide, the title and header repeated on every page); a second sheet of totals per
//! banner and township with the rectification rate.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use crate::inventory::sheet::write::{print_one_page_wide, wrapped_row_height};
use crate::wording::{Locale, keys};

use super::{Ledger, Status, Totals, cells, header};

/// A status's fill, as `0xRRGGBB`.
fn status_fill(status: Status) -> u32 {
    match status {
        Status::New => 0xFFEB9C,
        Status::Open => 0xFFC7CE,
        Status::Rebound => 0xF4B084,
        Status::Waived => 0xEDEDED,
        Status::Fixed => 0xC6EFCE,
    }
}

const WIDTHS: [f64; 12] = [
    5.0, 12.0, 14.0, 14.0, 14.0, 44.0, 30.0, 40.0, 24.0, 11.0, 8.0, 24.0,
];

/// Where the entries' sheet is kept while the workbook is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rows {
    /// All in memory, nothing on disk: the check desk, whose uploads are small and which writes
    /// nothing to disk.
    InMemory,
    /// One row in memory and the rest in a temporary file (rust_xlsxwriter's "low memory"
    /// mode, which keeps Excel's table of shared strings): `jianfu ledger`, where a league's
    /// 300,000 entries took 1.7 GB built whole and take 0.6 GB so. Rows are written in order,
    /// as the mode requires.
    Spilled,
}

/// The workbook's bytes; `created` is the creation time recorded (seconds since the epoch).
pub fn ledger_xlsx(
    ledger: &Ledger,
    locale: &Locale,
    created: i64,
    rows: Rows,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let title = locale.text(
        &keys::LEDGER_TITLE,
        &[("periods", ledger.periods.join("、").into())],
        crate::wording::Form::Yaml,
    );
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_author("jianfu")
            .set_creation_datetime(&ExcelDateTime::from_timestamp(created)?),
    );
    let sheet = match rows {
        Rows::InMemory => workbook.add_worksheet(),
        Rows::Spilled => workbook.add_worksheet_with_low_memory()?,
    };
    sheet.set_name(locale.say(&keys::LEDGER_SHEET))?;
    write_entries(sheet, ledger, locale, &title, rows)?;
    let sheet = workbook.add_worksheet();
    sheet.set_name(locale.say(&keys::LEDGER_TOTALS_SHEET))?;
    write_totals(sheet, &ledger.totals, locale)?;
    workbook.save_to_buffer()
}

fn print_setup(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    print_one_page_wide(sheet);
    sheet.set_repeat_rows(0, 1)?;
    sheet.set_freeze_panes(2, 0)?;
    Ok(())
}

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
        .set_background_color(Color::RGB(0xD9E1F2))
}

fn cell_format() -> Format {
    Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
}

fn write_entries(
    sheet: &mut Worksheet,
    ledger: &Ledger,
    locale: &Locale,
    title: &str,
    rows: Rows,
) -> Result<(), XlsxError> {
    print_setup(sheet)?;
    let columns = header(locale);
    let last = u16::try_from(columns.len() - 1).unwrap_or(0);
    let title_format = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    sheet.merge_range(0, 0, 0, last, title, &title_format)?;
    sheet.set_row_height(0, 28)?;
    for (c, text) in columns.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        sheet.write_string_with_format(1, c, text, &header_format())?;
        sheet.set_column_width(c, WIDTHS.get(usize::from(c)).copied().unwrap_or(12.0))?;
    }
    sheet.set_row_height(1, 30)?;
    for (r, entry) in ledger.entries.iter().enumerate() {
        let r = u32::try_from(r + 2).unwrap_or(u32::MAX);
        let row = cells(entry, locale);
        for (c, text) in row.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            let mut format = cell_format();
            if c == 10 {
                format = format.set_background_color(Color::RGB(status_fill(entry.status)));
            }
            sheet.write_string_with_format(r, c, text, &format)?;
        }
        sheet.set_row_height(
            r,
            wrapped_row_height(row.iter().map(String::as_str), &WIDTHS),
        )?;
    }
    // Spilled, rust_xlsxwriter 0.102 writes the sheet's last row a second time, as an empty
    // `<row>` with the same number, when that row has a height of its own, which Excel may
    // refuse: a blank cell without format after the entries becomes the last row instead, and
    // shows nothing.
    if rows == Rows::Spilled {
        let after = u32::try_from(ledger.entries.len() + 2).unwrap_or(u32::MAX);
        sheet.write_blank(after, 0, &Format::new())?;
    }
    Ok(())
}

fn write_totals(
    sheet: &mut Worksheet,
    totals: &[Totals],
    locale: &Locale,
) -> Result<(), XlsxError> {
    print_setup(sheet)?;
    let title = locale.say(&keys::LEDGER_TOTALS_TITLE);
    let columns: Vec<String> = [&keys::LEDGER_COLUMN_BANNER, &keys::LEDGER_COLUMN_TOWNSHIP]
        .into_iter()
        .map(|k| locale.say(k))
        .chain(
            [
                Status::New,
                Status::Open,
                Status::Rebound,
                Status::Waived,
                Status::Fixed,
            ]
            .into_iter()
            .map(|s| super::status_label(s, locale)),
        )
        .chain(std::iter::once(locale.say(&keys::LEDGER_COLUMN_RATE)))
        .collect();
    let last = u16::try_from(columns.len() - 1).unwrap_or(0);
    let title_format = Format::new().set_bold().set_font_size(14);
    sheet.merge_range(0, 0, 0, last, &title, &title_format)?;
    for (c, text) in columns.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        sheet.write_string_with_format(1, c, text, &header_format())?;
        sheet.set_column_width(c, if c < 2 { 16.0 } else { 10.0 })?;
    }
    let league = locale.say(&keys::LEDGER_LEAGUE);
    for (r, t) in totals.iter().enumerate() {
        let r = u32::try_from(r + 2).unwrap_or(u32::MAX);
        let is_area_total = t.township.is_none();
        let mut text = cell_format();
        if is_area_total {
            text = text.set_bold();
        }
        let banner = if t.league {
            league.clone()
        } else {
            t.banner.clone()
        };
        sheet.write_string_with_format(r, 0, &banner, &text)?;
        sheet.write_string_with_format(r, 1, t.township.as_deref().unwrap_or(""), &text)?;
        for (c, n) in [t.new, t.open, t.rebound, t.waived, t.fixed]
            .iter()
            .enumerate()
        {
            let c = u16::try_from(c + 2).unwrap_or(u16::MAX);
            sheet.write_number_with_format(r, c, *n as f64, &text)?;
        }
        let rate = t
            .rate
            .map_or_else(|| "—".to_owned(), |r| format!("{r:.1}%"));
        sheet.write_string_with_format(r, 7, &rate, &text)?;
    }
    Ok(())
}
