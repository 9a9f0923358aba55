//! The bulletin as a Word file (`--format docx`), laid out as GB/T 9704 lays out an official
//! document (党政机关公文格式): A4 with margins of 37 mm top, 35 mm bottom, 28 mm left and
//! 26 mm right; the issuing body in red 小标宋 over a red rule; the title in 2号 (22 pt)
//! 小标宋; the body in 3号 (16 pt) 仿宋 at a fixed 28.95 pt line (22 lines a page), first lines
//! indented two characters; first-level headings in 黑体, second-level in 楷体; page numbers
//! in 4号 (14 pt) as “— 1 —”; the imprint (版记) between rules at the end, and the statistics
//! as an attachment on a page of its own. Fonts are named as Word knows them; a machine
//! without them substitutes its own.
//!
//! The figures are those of GB/T 9704-2012 as this project understands them (a 156 × 225 mm
//! type area placed 37 mm from the top and 28 mm from the left); the repository holds no copy of
//! the standard, so they are to be checked against one before a league relies on them.

use std::io::{Read, Write};

use docx_rs::{
    AlignmentType, BorderType, BuildXML, Docx, Footer, LineSpacing, LineSpacingType, PageMargin,
    PageNum, Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts,
    SpecialIndentType, Table, TableCell, TableRow,
};

use crate::wording::keys;

use super::markdown::case_number;
use super::{Bulletin, SubmissionUnit, headings, overview_rows};

/// A4 in twentieths of a point.
const A4: (u32, u32) = (11906, 16838);
/// Millimetres in twentieths of a point.
const fn mm(millimetres: i32) -> i32 {
    millimetres * 1440 * 10 / 254
}

const TITLE_FONT: &str = "方正小标宋简体";
const BODY_FONT: &str = "仿宋_GB2312";
const HEADING_FONT: &str = "黑体";
const SUBHEADING_FONT: &str = "楷体_GB2312";
const RED: &str = "C00000";
/// Sizes in half-points: 2号, 3号, 4号.
const SIZE_TITLE: usize = 44;
const SIZE_BODY: usize = 32;
const SIZE_PAGE_NUMBER: usize = 28;

fn fonts(name: &str) -> RunFonts {
    RunFonts::new().east_asia(name).ascii(name).hi_ansi(name)
}

/// A run of `text` in `font` at `size`.
fn run(text: &str, font: &str, size: usize) -> Run {
    Run::new()
        .add_text(crate::source::printable_xml(text))
        .fonts(fonts(font))
        .size(size)
}

/// The body's fixed line: 28.95 pt, so that a page holds 22 lines.
fn body_spacing() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(579)
}

/// Two characters of the body's size: the first-line indent.
const TWO_CHARACTERS: i32 = 2 * 16 * 20;

/// A paragraph of body text, its first line indented two characters.
fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, BODY_FONT, SIZE_BODY))
        .line_spacing(body_spacing())
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(TWO_CHARACTERS)),
            None,
            None,
        )
        .align(AlignmentType::Both)
}

/// A line of body text with no indent, aligned as asked.
fn line(text: &str, align: AlignmentType) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, BODY_FONT, SIZE_BODY))
        .line_spacing(body_spacing())
        .align(align)
}

fn heading(text: &str, font: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, font, SIZE_BODY))
        .line_spacing(body_spacing())
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(TWO_CHARACTERS)),
            None,
            None,
        )
}

/// A paragraph with rules above or below it, and no other border.
fn ruled(
    mut paragraph: Paragraph,
    positions: &[ParagraphBorderPosition],
    color: &str,
) -> Paragraph {
    let mut borders = ParagraphBorders::with_empty();
    for position in positions {
        borders = borders.set(
            ParagraphBorder::new(position.clone())
                .val(BorderType::Single)
                .size(12)
                .color(color),
        );
    }
    paragraph.property = paragraph.property.set_borders(borders);
    paragraph
}

/// `— 1 —`, centred, in the footer.
fn page_number_footer() -> Footer {
    let dash = |text: &str| run(text, "宋体", SIZE_PAGE_NUMBER);
    Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(dash("— "))
            .add_page_num(PageNum::new())
            .add_run(dash(" —")),
    )
}

/// A table of text cells, the first row in bold when it is a header.
fn table(rows: &[Vec<String>], header: bool) -> Table {
    Table::new(
        rows.iter()
            .enumerate()
            .map(|(i, cells)| row(cells, header && i == 0))
            .collect(),
    )
}

/// A row of text cells, in bold for a header.
fn row(cells: &[String], bold: bool) -> TableRow {
    row_of(cells.iter().map(|cell| cell_text(cell, bold)))
}

fn row_of(paragraphs: impl Iterator<Item = Paragraph>) -> TableRow {
    TableRow::new(
        paragraphs
            .map(|paragraph| TableCell::new().add_paragraph(paragraph))
            .collect(),
    )
}

fn cell_text(text: &str, bold: bool) -> Paragraph {
    let mut text = run(text, BODY_FONT, 24);
    if bold {
        text = text.bold();
    }
    Paragraph::new().add_run(text)
}

/// The annex on submission has a row for every unit whose inventory was flawed: 10,000 rows
/// for the peers' 10,000 units, which docx-rs would hold as a model of about 14 KB a row. The
/// table is built with its header and this stand-in, a row without cells (every other row has
/// cells), and the units' rows are written in its place one at a time as the package is
/// deflated ([`deflated`]).
fn stand_in_row() -> TableRow {
    TableRow::new(Vec::new())
}

/// The rows of the annex on submission, written in place of the stand-in row.
struct Annex<'a> {
    units: &'a [SubmissionUnit],
    /// docx-rs numbers paragraphs (`w14:paraId`, unique in a document) in the order they are
    /// made, and starts again when a document is built: the rows, made after, are numbered
    /// from where the document's own paragraphs ended, as if they had been made in the table.
    first_id: u64,
}

impl Annex<'_> {
    /// After the document's last paragraph was made: the number docx-rs gives the next.
    fn after_last_paragraph(units: &[SubmissionUnit]) -> std::io::Result<Annex<'_>> {
        let next = Paragraph::new().id;
        let first_id = u64::from_str_radix(&next, 16)
            .map_err(|_| std::io::Error::other(format!("docx-rs numbered a paragraph {next:?}")))?;
        Ok(Annex { units, first_id })
    }

    /// `document` with its stand-in row replaced by a row for each unit, each built and
    /// written on its own.
    fn write_into(&self, document: &[u8], out: &mut impl Write) -> std::io::Result<()> {
        let stand_in = stand_in_row().build();
        let Some(at) = memchr::memmem::find(document, &stand_in) else {
            return Err(std::io::Error::other(
                "the Word writer lost the place of the annex's rows",
            ));
        };
        out.write_all(&document[..at])?;
        // Three cells a row, a paragraph in each.
        let first_ids = (self.first_id..).step_by(3);
        for (unit, first_id) in self.units.iter().zip(first_ids) {
            let (findings, rules) = (unit.findings.to_string(), unit.rules.join(", "));
            let cells = [unit.unit.as_str(), &findings, &rules];
            let paragraphs = (cells.iter().zip(first_id..))
                .map(|(cell, id)| cell_text(cell, false).id(format!("{id:08x}")));
            out.write_all(&row_of(paragraphs).build())?;
        }
        out.write_all(&document[at + stand_in.len()..])
    }
}

/// The bulletin as the bytes of a `.docx` file.
pub fn render_docx(bulletin: &Bulletin) -> std::io::Result<Vec<u8>> {
    let words = bulletin.words();
    let h = headings(&words);
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(mm(37))
                .bottom(mm(35))
                .left(mm(28))
                .right(mm(26))
                .header(mm(15))
                .footer(mm(20)),
        )
        .footer(page_number_footer());
    if !bulletin.issuer_given {
        doc = doc.add_paragraph(
            Paragraph::new().add_run(
                run(&h.issuer_missing, HEADING_FONT, SIZE_BODY)
                    .color(RED)
                    .bold(),
            ),
        );
    }
    // 版头: the issuing body in red over a red rule, then the document number.
    doc = doc.add_paragraph(ruled(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(run(&bulletin.issuer, TITLE_FONT, 60).color(RED)),
        &[ParagraphBorderPosition::Bottom],
        RED,
    ));
    if let Some(number) = &bulletin.doc_number {
        doc = doc.add_paragraph(line(number, AlignmentType::Center));
    }
    doc = doc.add_paragraph(line("", AlignmentType::Left));
    doc = doc.add_paragraph(Paragraph::new().align(AlignmentType::Center).add_run(run(
        &bulletin.title,
        TITLE_FONT,
        SIZE_TITLE,
    )));
    doc = doc.add_paragraph(line("", AlignmentType::Left));
    if let Some(recipients) = &bulletin.recipients {
        let recipients = words.say(
            &keys::BULLETIN_RECIPIENTS,
            &[("recipients", recipients.clone().into())],
        );
        doc = doc.add_paragraph(line(&recipients, AlignmentType::Left));
    }
    // 正文.
    doc = doc
        .add_paragraph(heading(&h.situation, HEADING_FONT))
        .add_paragraph(body(&bulletin.lead));
    if !bulletin.cases.is_empty() {
        doc = doc.add_paragraph(heading(&h.cases, HEADING_FONT));
    }
    for case in &bulletin.cases {
        let number = case_number(case.number, &words);
        doc = doc
            .add_paragraph(heading(
                &format!("{number}{}", case.headline),
                SUBHEADING_FONT,
            ))
            .add_paragraph(body(&case.narrative));
        if !case.violation.is_empty() {
            doc = doc.add_paragraph(body(&case.violation));
        }
        doc = doc.add_paragraph(body(&case.handling));
    }
    doc = doc
        .add_paragraph(heading(&h.analysis, HEADING_FONT))
        .add_paragraph(body(&bulletin.analysis))
        .add_paragraph(body(&bulletin.requirements))
        .add_paragraph(line("", AlignmentType::Left))
        .add_paragraph(body(&h.attachment_note))
        .add_paragraph(line("", AlignmentType::Left))
        .add_paragraph(line(&bulletin.issuer, AlignmentType::Right))
        .add_paragraph(line(&bulletin.date_text, AlignmentType::Right))
        .add_paragraph(line("", AlignmentType::Left));
    // 版记: the bodies copied and who printed it when, between rules.
    if let Some(copy_to) = &bulletin.copy_to {
        let copy_to = words.say(&keys::BULLETIN_COPY_TO, &[("list", copy_to.clone().into())]);
        doc = doc.add_paragraph(ruled(
            line(&copy_to, AlignmentType::Left),
            &[ParagraphBorderPosition::Top],
            "000000",
        ));
    }
    doc = doc.add_paragraph(ruled(
        line(
            &super::markdown::printed_line(bulletin, &words),
            AlignmentType::Left,
        ),
        &[
            ParagraphBorderPosition::Top,
            ParagraphBorderPosition::Bottom,
        ],
        "000000",
    ));
    // 附件, on a page of its own.
    doc = doc.add_paragraph(Paragraph::new().page_break_before(true).add_run(run(
        &h.attachment,
        HEADING_FONT,
        SIZE_BODY,
    )));
    let overview: Vec<Vec<String>> = overview_rows(bulletin, &words)
        .into_iter()
        .map(|(label, count)| vec![label, count.to_string()])
        .collect();
    doc = doc.add_table(table(&overview, false));
    let c = super::columns(&words);
    let statistics = &bulletin.statistics;
    let mut by_clearance = vec![vec![
        h.by_clearance.clone(),
        c.problems.clone(),
        c.hits.clone(),
    ]];
    by_clearance.extend(statistics.problems_by_clearance.iter().map(|t| {
        let hits = statistics
            .by_clearance
            .iter()
            .find(|h| h.key == t.key)
            .map_or(0, |h| h.count);
        vec![t.label.clone(), t.count.to_string(), hits.to_string()]
    }));
    doc = doc
        .add_paragraph(line("", AlignmentType::Left))
        .add_table(table(&by_clearance, true));
    if !bulletin.submission.is_empty() {
        let header = [c.unit.clone(), c.flaws.clone(), c.rules.clone()];
        doc = doc
            .add_paragraph(line("", AlignmentType::Left))
            .add_paragraph(Paragraph::new().add_run(run(&h.submission, HEADING_FONT, SIZE_BODY)))
            .add_table(Table::new(vec![row(&header, true), stand_in_row()]));
    }
    let annex = match bulletin.submission.as_slice() {
        [] => None,
        units => Some(Annex::after_last_paragraph(units)?),
    };
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut bytes)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    deflated(bytes.into_inner(), annex.as_ref())
}

/// The package with every part deflated, as Word writes it, and the rows of the annex on
/// submission written in place of their stand-in. docx-rs stores its parts uncompressed: a
/// bulletin of 10,000 units was a 9.4 MB file, almost all of it `word/document.xml`, to be sent
/// by mail.
fn deflated(stored: Vec<u8>, annex: Option<&Annex>) -> std::io::Result<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let zip_error = |e: zip::result::ZipError| std::io::Error::other(e.to_string());
    let mut package = zip::ZipArchive::new(std::io::Cursor::new(stored)).map_err(zip_error)?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for index in 0..package.len() {
        let mut part = package.by_index(index).map_err(zip_error)?;
        let name = part.name().map_err(zip_error)?.into_owned();
        if part.is_dir() {
            out.add_directory(name, options).map_err(zip_error)?;
            continue;
        }
        out.start_file(name.as_str(), options).map_err(zip_error)?;
        match annex {
            Some(annex) if name == "word/document.xml" => {
                let mut document = Vec::new();
                part.read_to_end(&mut document)?;
                // Rows come a kilobyte at a time: the deflater, handed them in larger pieces,
                // packs them as tightly as the whole document.
                let mut buffered = std::io::BufWriter::with_capacity(1 << 16, &mut out);
                annex.write_into(&document, &mut buffered)?;
                buffered.flush()?;
            }
            _ => {
                std::io::copy(&mut part, &mut out)?;
            }
        }
    }
    Ok(out.finish().map_err(zip_error)?.into_inner())
}
