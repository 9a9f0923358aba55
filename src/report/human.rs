//! The human report: one miette graphical diagnostic per finding, grouped by unit and file,
//! then a summary. One [`GraphicalReportHandler`] is configured once and renders everything.

use std::fmt;
use std::io::{self, Write};

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use crate::finding::{Clearance, Finding, Severity};
use crate::outcome::UnitResult;
use crate::source::{CellRef, Titled, printable_line};
use crate::wording::{Arg, Form, Key, Locale, keys};

use super::{Reporter, RunEnd, Summary};

/// How the human report looks.
#[derive(Clone, Debug)]
pub struct HumanOptions {
    pub locale: Locale,
    pub color: bool,
    /// Terminal width for wrapping.
    pub width: usize,
}

/// The human report, written as units arrive.
pub struct HumanReporter<W: Write> {
    handler: GraphicalReportHandler,
    /// For spreadsheet findings: the snippet is titled with the cell, not a line and column of
    /// the text rendered from the sheet.
    sheet_handler: GraphicalReportHandler,
    locale: Locale,
    out: W,
}

impl<W: Write> HumanReporter<W> {
    pub fn new(options: &HumanOptions, out: W) -> Self {
        let theme = if options.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(options.width)
            .with_context_lines(1);
        let sheet_handler = handler.clone().without_primary_span_start();
        HumanReporter {
            handler,
            sheet_handler,
            locale: options.locale.clone(),
            out,
        }
    }

    /// The findings of one file group, each under its file's name when the file changes.
    fn findings(&mut self, findings: &[Finding]) -> io::Result<()> {
        let mut current_file: Option<String> = None;
        for finding in findings {
            // The cell is looked up once, for the heading and the snippet's title.
            let cell = finding.cell();
            let file = cell
                .as_ref()
                .and_then(|c| c.file.as_deref())
                .unwrap_or(&finding.file.path);
            if current_file.as_deref() != Some(file) {
                writeln!(self.out, "  {file}")?;
                current_file = Some(file.to_owned());
            }
            let text = self.render(finding, cell);
            writeln!(self.out, "{}", text.trim_end())?;
            writeln!(self.out)?;
        }
        Ok(())
    }
}

impl<W: Write> HumanReporter<W> {
    /// One finding as miette draws it. Should miette fail or panic on a text it cannot lay
    /// out, the finding is still reported, on one line: one finding never stops the report.
    fn render(&self, finding: &Finding, cell: Option<CellRef>) -> String {
        let diagnostic = FindingDiagnostic::new(finding, cell, &self.locale);
        let handler = if diagnostic.titled.is_some() || diagnostic.clipped.is_some() {
            &self.sheet_handler
        } else {
            &self.handler
        };
        let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut text = String::new();
            handler.render_report(&mut text, &diagnostic).map(|()| text)
        }));
        match drawn {
            Ok(Ok(text)) => text,
            _ => {
                let at = finding.file.line_col(finding.span.start);
                format!(
                    "{}:{}:{}: {} {} {}",
                    finding.file.path,
                    at.line,
                    at.column,
                    self.locale.severity(finding.severity),
                    finding.rule.id,
                    diagnostic.message
                )
            }
        }
    }
}

impl<W: Write> Reporter for HumanReporter<W> {
    fn unit(&mut self, result: &UnitResult) -> io::Result<()> {
        if result.findings.is_empty() {
            return Ok(());
        }
        writeln!(self.out, "{}", unit_heading(result, &self.locale))?;
        self.findings(&result.findings)
    }

    fn finish(&mut self, end: &RunEnd) -> io::Result<()> {
        if !end.findings.is_empty() {
            let heading = self.locale.say(&keys::CONFIG_HEADING);
            writeln!(self.out, "━━ {heading}")?;
            self.findings(end.findings)?;
        }
        write!(self.out, "{}", summary_text(end.summary, &self.locale))?;
        self.out.flush()
    }
}

/// Write the whole report for `results` to `out` (tests and one-shot callers).
pub fn render_human(
    results: &[UnitResult],
    options: &HumanOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    super::render_all(results, &mut HumanReporter::new(options, out))
}

fn unit_heading(result: &UnitResult, locale: &Locale) -> String {
    // The name and code are the unit's own text: made printable like every finding's. A unit
    // whose own information could not be read is named by its folder or file alone.
    let name = result.unit.unit_text("name").unwrap_or_default();
    let code = result.unit.code.as_deref().unwrap_or_default();
    let who = printable_line(format!("{code} {name}").trim()).into_owned();
    let count = result
        .findings
        .iter()
        .filter(|f| f.waived.is_none())
        .count();
    let dir = ("dir", Arg::text(result.unit.dir.as_str()));
    let count = ("count", Arg::from(count));
    let heading = if who.is_empty() {
        locale.text(&keys::UNIT_HEADING_UNNAMED, &[dir, count], Form::Yaml)
    } else {
        let unit = ("unit", Arg::text(who));
        locale.text(&keys::UNIT_HEADING, &[unit, dir, count], Form::Yaml)
    };
    format!("━━ {heading}")
}

/// The closing summary: units, files, findings by severity and by clearance, where to look next.
pub fn summary_text(summary: &Summary, locale: &Locale) -> String {
    let mut out = String::new();
    let mut line = |key: &'static Key, args: &[(&str, Arg)]| {
        out.push_str(&locale.text(key, args, Form::Yaml));
        out.push('\n');
    };
    let by_severity: Vec<String> = Severity::ALL
        .iter()
        .map(|s| format!("{} {}", locale.severity(*s), summary.count(*s)))
        .collect();
    let by_clearance: Vec<String> = Clearance::ALL
        .iter()
        .filter_map(|c| {
            let n = summary.by_clearance.get(c)?;
            Some(format!("{} {n}", locale.clearance(*c)))
        })
        .collect();
    let separator = locale.say(&keys::LIST_SEPARATOR);
    line(
        &keys::SUMMARY,
        &[
            ("units", Arg::from(summary.units)),
            ("files", Arg::from(summary.files)),
            ("findings", Arg::from(summary.findings)),
            ("by_severity", Arg::text(by_severity.join(&separator))),
            ("clean", Arg::from(summary.units_clean)),
        ],
    );
    if !by_clearance.is_empty() {
        line(
            &keys::SUMMARY_BY_CLEARANCE,
            &[("list", Arg::text(by_clearance.join(&separator)))],
        );
    }
    if let Some(baseline) = summary.baseline {
        line(
            &keys::SUMMARY_BASELINE,
            &[
                ("absorbed", Arg::from(baseline.absorbed)),
                ("stale", Arg::from(baseline.stale)),
            ],
        );
    }
    if summary.waived > 0 {
        line(
            &keys::SUMMARY_WAIVED,
            &[("count", Arg::from(summary.waived))],
        );
    }
    if summary.findings > 0 {
        line(&keys::SUMMARY_EXPLAIN, &[]);
    }
    out
}

/// A spreadsheet finding's snippet title: `巴彦高勒嘎查.xlsx 标识标牌!E5（准入审批文号）`.
fn cell_title(finding: &Finding, cell: &CellRef) -> String {
    let file = std::path::Path::new(cell.file.as_deref().unwrap_or(&finding.file.path))
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let header = cell
        .header
        .as_ref()
        .map(|h| format!("（{h}）"))
        .unwrap_or_default();
    format!("{file} {}{header}", cell.address())
}

/// A finding seen through miette's eyes.
struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    /// A spreadsheet finding whose row cannot be shown (a sheet-wide finding): the rendered
    /// text, titled `巴彦高勒嘎查.xlsx 标识标牌!E5（准入审批文号）`.
    titled: Option<Titled<'a>>,
    /// What to show instead of the file's lines: a spreadsheet finding's row of cells, or a
    /// window around a finding whose line is too long to show whole.
    clipped: Option<Excerpt>,
    code: String,
    message: String,
    help: String,
    label: String,
    /// The secondary labels' texts, in the finding's order.
    labels: Vec<String>,
}

impl<'a> FindingDiagnostic<'a> {
    fn new(finding: &'a Finding, cell: Option<CellRef>, locale: &Locale) -> Self {
        let rule = &finding.rule;
        let mut help = locale.finding_help(finding);
        if !rule.basis.is_empty() {
            let basis = locale.text(
                &keys::BASIS_LINE,
                &[("basis", Arg::text(rule.basis.as_str()))],
                Form::Yaml,
            );
            help = if help.is_empty() {
                basis
            } else {
                format!("{help}\n{basis}")
            };
        }
        if let Some(reason) = finding.waived.as_ref().map(|w| &w.reason) {
            let waived = locale.text(
                &keys::WAIVED_PREFIX,
                &[("reason", Arg::text(reason.as_str()))],
                Form::Yaml,
            );
            help = format!("{help}\n{waived}");
        }
        // A workbook's clerk knows the column, not the logical path.
        let place = cell
            .as_ref()
            .and_then(|c| c.header.clone())
            .unwrap_or_else(|| finding.path.clone());
        let label = match &finding.imposer {
            Some(imposer) if !place.is_empty() => format!("{place} · {imposer}"),
            Some(imposer) => imposer.clone(),
            None => place,
        };
        let row = cell
            .as_ref()
            .and_then(|cell| Excerpt::row(finding, cell, locale));
        let titled = cell.filter(|_| row.is_none()).map(|cell| Titled {
            source: &finding.file,
            title: cell_title(finding, &cell),
        });
        let clipped = match row {
            Some(row) => Some(row),
            None if titled.is_none() => Excerpt::around(finding, locale),
            None => None,
        };
        FindingDiagnostic {
            finding,
            titled,
            clipped,
            code: format!("{} {}", rule.id, rule.name),
            message: locale.finding_message(finding),
            help,
            label,
            labels: locale.label_texts(finding),
        }
    }
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        (!self.help.is_empty()).then(|| Box::new(&self.help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        // A file with no text (a missing section) has nothing to show.
        if self.finding.file.text.is_empty() {
            return None;
        }
        match (&self.titled, &self.clipped) {
            (Some(titled), _) => Some(titled as &dyn SourceCode),
            (None, Some(clipped)) => Some(clipped as &dyn SourceCode),
            (None, None) => Some(&*self.finding.file as &dyn SourceCode),
        }
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.finding.file.text.is_empty() {
            return None;
        }
        if let Some(clipped) = &self.clipped {
            let primary =
                LabeledSpan::new_primary_with_span(Some(self.label.clone()), clipped.span);
            return Some(Box::new(std::iter::once(primary)));
        }
        let primary =
            LabeledSpan::new_primary_with_span(Some(self.label.clone()), self.finding.span);
        let secondary = self
            .finding
            .labels
            .iter()
            .zip(&self.labels)
            .map(|(l, text)| LabeledSpan::new_with_span(Some(text.clone()), l.span));
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

/// Lines longer than this many characters are not drawn whole: the snippet shows a window
/// around the finding. (miette cannot lay out a label past column 65,535 at all, and a
/// 70,000-character line helps nobody at a terminal.)
const LONGEST_SHOWN_LINE: usize = 400;

/// Characters shown on each side of the finding in a clipped snippet.
const CLIP_CONTEXT: usize = 60;

/// A text shown in place of the file's lines, under a title of its own: a window of one long
/// line around a finding, titled with the file and the real line and column (in characters)
/// and saying that the line was clipped; or a spreadsheet finding's row, its cells as the
/// clerk sees them, titled with the workbook and the cell.
struct Excerpt {
    title: String,
    text: String,
    /// The finding's span within `text`.
    span: miette::SourceSpan,
    /// The line number the text's first line is shown with, less one.
    first_line: usize,
}

/// Between the cells of a row.
const CELL_SEPARATOR: &str = " │ ";

impl Excerpt {
    /// The row of the finding's cell: every cell of the row in column order, the finding's
    /// marked (an empty one shown as empty), numbered with the row's number.
    fn row(finding: &Finding, cell: &CellRef, locale: &Locale) -> Option<Excerpt> {
        let row = finding.file.row_cells(finding.span, &finding.path)?;
        let form = Form::of(finding);
        let mut text = String::new();
        let mut span = None;
        for (i, each) in row.cells.iter().enumerate() {
            if i > 0 {
                text.push_str(CELL_SEPARATOR);
            }
            let raw = each
                .value
                .and_then(|v| finding.file.text.get(v.start as usize..v.end as usize))
                .unwrap_or("");
            let value = locale.cell_value(form, &each.field, raw);
            let mut shown = printable_line(&value).into_owned();
            if each.is_finding {
                if shown.is_empty() {
                    shown = locale.say(&keys::CELL_EMPTY);
                }
                span = Some((text.len(), shown.len()));
            }
            text.push_str(&shown);
        }
        let (offset, len) = span?;
        // Empty cells at the row's end leave no trailing space; the finding's cell is not empty.
        text.truncate(text.trim_end().len().max(offset + len));
        if text.chars().count() > LONGEST_SHOWN_LINE {
            return None;
        }
        Some(Excerpt {
            title: cell_title(finding, cell),
            text,
            span: (offset, len).into(),
            first_line: row.row.saturating_sub(1) as usize,
        })
    }

    /// The window, when the finding's line or a line beside it is too long to draw.
    fn around(finding: &Finding, locale: &Locale) -> Option<Excerpt> {
        let file = &finding.file;
        let at = file.line_col(finding.span.start);
        // Bytes bound characters: most lines are decided without counting (this runs for every
        // finding of the human report).
        let long = |line: u32| {
            let text = file.line_text(line);
            text.len() > LONGEST_SHOWN_LINE && text.chars().count() > LONGEST_SHOWN_LINE
        };
        if !(long(at.line) || long(at.line.saturating_sub(1)) || long(at.line + 1)) {
            return None;
        }
        let line = file.line_text(at.line);
        let start_char = at.column.saturating_sub(1) as usize;
        let span_chars = file.text[finding.span.start as usize
            ..(finding.span.end as usize).max(finding.span.start as usize)]
            .chars()
            .count()
            .min(CLIP_CONTEXT * 2);
        let from = start_char.saturating_sub(CLIP_CONTEXT);
        let to = start_char + span_chars + CLIP_CONTEXT;
        let window: String = line.chars().skip(from).take(to - from).collect();
        let before = if from > 0 { "… " } else { "" };
        let after = if line.chars().count() > to {
            " …"
        } else {
            ""
        };
        let window = printable_line(&window);
        let text = format!("{before}{window}{after}");
        let offset = before.len()
            + window
                .chars()
                .take(start_char - from)
                .map(char::len_utf8)
                .sum::<usize>();
        let len = window
            .chars()
            .skip(start_char - from)
            .take(span_chars)
            .map(char::len_utf8)
            .sum::<usize>();
        let note = locale.say(&keys::LINE_CLIPPED);
        Some(Excerpt {
            title: format!("{}:{}:{}{note}", file.path, at.line, at.column),
            text,
            span: (offset, len).into(),
            first_line: 0,
        })
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let contents = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.title.clone(),
            contents.data(),
            *contents.span(),
            contents.line() + self.first_line,
            contents.column(),
            contents.line_count(),
        )))
    }
}
