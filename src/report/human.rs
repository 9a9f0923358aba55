//! The human report: one miette graphical diagnostic per finding, grouped by unit and file,
//! then a summary. One [`GraphicalReportHandler`] is configured once and renders everything.

use std::fmt::{self, Write as _};
use std::io::{self, Write};

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use crate::finding::{Clearance, Finding, Lang, Severity, plural};
use crate::outcome::UnitResult;
use crate::source::{CellRef, Titled, printable_line};

use super::{Reporter, RunEnd, Summary};

/// How the human report looks.
#[derive(Clone, Copy, Debug)]
pub struct HumanOptions {
    pub lang: Lang,
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
    lang: Lang,
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
            lang: options.lang,
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
        let diagnostic = FindingDiagnostic::new(finding, cell, self.lang);
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
                    finding.severity.label(self.lang),
                    finding.rule.id,
                    finding.message
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
        writeln!(self.out, "{}", unit_heading(result, self.lang))?;
        self.findings(&result.findings)
    }

    fn finish(&mut self, end: &RunEnd) -> io::Result<()> {
        if !end.findings.is_empty() {
            let heading = match self.lang {
                Lang::Zh => "━━ 检查配置",
                Lang::En => "━━ configuration",
            };
            writeln!(self.out, "{heading}")?;
            self.findings(end.findings)?;
        }
        write!(self.out, "{}", summary_text(end.summary, self.lang))?;
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

fn unit_heading(result: &UnitResult, lang: Lang) -> String {
    // The name and code are the unit's own text: made printable like every finding's. A unit
    // whose own information could not be read is named by its folder or file alone.
    let name = result.unit.unit_text("name").unwrap_or_default();
    let code = result.unit.code.as_deref().unwrap_or_default();
    let who = printable_line(format!("{code} {name}").trim()).into_owned();
    let dir = &result.unit.dir;
    let count = result
        .findings
        .iter()
        .filter(|f| f.waived.is_none())
        .count();
    match (lang, who.is_empty()) {
        (Lang::Zh, false) => format!("━━ {who}（{dir}）：{count} 个问题"),
        (Lang::Zh, true) => format!("━━ {dir}：{count} 个问题"),
        (Lang::En, false) => format!("━━ {who} ({dir}): {}", plural(count, "finding", "findings")),
        (Lang::En, true) => format!("━━ {dir}: {}", plural(count, "finding", "findings")),
    }
}

/// The closing summary: units, files, findings by severity and by clearance, where to look next.
pub fn summary_text(summary: &Summary, lang: Lang) -> String {
    let mut out = String::new();
    let by_severity: Vec<String> = Severity::ALL
        .iter()
        .map(|s| format!("{} {}", s.label(lang), summary.count(*s)))
        .collect();
    let by_clearance: Vec<String> = Clearance::ALL
        .iter()
        .filter_map(|c| {
            summary
                .by_clearance
                .get(c)
                .map(|n| format!("{} {n}", c.label(lang)))
        })
        .collect();
    let _ = match lang {
        Lang::Zh => writeln!(
            out,
            "检查了 {} 个单位、{} 个文件：{} 个问题（{}），{} 个单位无问题",
            summary.units,
            summary.files,
            summary.findings,
            by_severity.join("，"),
            summary.units_clean
        ),
        Lang::En => writeln!(
            out,
            "checked {}, {}: {} ({}); {} clean",
            plural(summary.units, "unit", "units"),
            plural(summary.files, "file", "files"),
            plural(summary.findings, "finding", "findings"),
            by_severity.join(", "),
            plural(summary.units_clean, "unit", "units")
        ),
    };
    if !by_clearance.is_empty() {
        let _ = match lang {
            Lang::Zh => writeln!(out, "按清理事项：{}", by_clearance.join("，")),
            Lang::En => writeln!(out, "by clearance: {}", by_clearance.join(", ")),
        };
    }
    if let Some(baseline) = summary.baseline {
        let _ = match lang {
            Lang::Zh => writeln!(
                out,
                "基线中已有 {} 个问题未列出；基线中有 {} 个问题已不再出现，可用 --write-baseline 收紧基线",
                baseline.absorbed, baseline.stale
            ),
            Lang::En => writeln!(
                out,
                "{} already in the baseline not shown; {} no longer {} (tighten it with --write-baseline)",
                plural(baseline.absorbed, "finding", "findings"),
                plural(baseline.stale, "baseline entry", "baseline entries"),
                if baseline.stale == 1 {
                    "occurs"
                } else {
                    "occur"
                }
            ),
        };
    }
    if summary.waived > 0 {
        let _ = match lang {
            Lang::Zh => writeln!(out, "已豁免 {} 个问题", summary.waived),
            Lang::En => writeln!(
                out,
                "{} waived",
                plural(summary.waived, "finding", "findings")
            ),
        };
    }
    if summary.findings > 0 {
        let _ = match lang {
            Lang::Zh => writeln!(out, "查看规则说明与整改办法：jianfu explain <规则编号>"),
            Lang::En => writeln!(
                out,
                "for a rule's basis and how to fix it: jianfu explain <RULE-ID>"
            ),
        };
    }
    out
}

/// A finding seen through miette's eyes.
struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    /// A spreadsheet finding's text, titled `巴彦高勒嘎查.xlsx 标识标牌!E5（准入审批文号）`.
    titled: Option<Titled<'a>>,
    /// A window around the finding, when its line is too long to show whole.
    clipped: Option<Clipped>,
    code: String,
    help: String,
    label: String,
}

impl<'a> FindingDiagnostic<'a> {
    fn new(finding: &'a Finding, cell: Option<CellRef>, lang: Lang) -> Self {
        let rule = &finding.rule;
        let mut help = finding.help_text(lang).to_owned();
        if !rule.basis.is_empty() {
            let basis = match lang {
                Lang::Zh => format!("依据：{}", rule.basis),
                Lang::En => format!("basis: {}", rule.basis),
            };
            help = if help.is_empty() {
                basis
            } else {
                format!("{help}\n{basis}")
            };
        }
        if let Some(reason) = &finding.waived {
            let waived = match lang {
                Lang::Zh => format!("已豁免：{reason}"),
                Lang::En => format!("waived: {reason}"),
            };
            help = format!("{help}\n{waived}");
        }
        let label = match &finding.imposer {
            Some(imposer) if !finding.path.is_empty() => format!("{} · {imposer}", finding.path),
            Some(imposer) => imposer.clone(),
            None => finding.path.clone(),
        };
        let titled = cell.map(|cell| {
            let file = std::path::Path::new(cell.file.as_deref().unwrap_or(&finding.file.path))
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let header = cell
                .header
                .as_ref()
                .map(|h| format!("（{h}）"))
                .unwrap_or_default();
            Titled {
                source: &finding.file,
                title: format!("{file} {}{header}", cell.address()),
            }
        });
        let clipped = if titled.is_none() {
            Clipped::around(finding, lang)
        } else {
            None
        };
        FindingDiagnostic {
            finding,
            titled,
            clipped,
            code: format!("{} {}", rule.id, rule.name),
            help,
            label,
        }
    }
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
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
            .map(|l| LabeledSpan::new_with_span(Some(l.text.clone()), l.span));
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

/// Lines longer than this many characters are not drawn whole: the snippet shows a window
/// around the finding. (miette cannot lay out a label past column 65,535 at all, and a
/// 70,000-character line helps nobody at a terminal.)
const LONGEST_SHOWN_LINE: usize = 400;

/// Characters shown on each side of the finding in a clipped snippet.
const CLIP_CONTEXT: usize = 60;

/// A window of one long line around a finding, titled with the file and the real line and
/// column (in characters), and saying that the line was clipped.
struct Clipped {
    title: String,
    text: String,
    /// The finding's span within `text`.
    span: miette::SourceSpan,
}

impl Clipped {
    /// The window, when the finding's line or a line beside it is too long to draw.
    fn around(finding: &Finding, lang: Lang) -> Option<Clipped> {
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
        let note = match lang {
            Lang::Zh => "此行过长，只显示问题附近的部分",
            Lang::En => "line too long, clipped around the finding",
        };
        Some(Clipped {
            title: format!("{}:{}:{}（{note}）", file.path, at.line, at.column),
            text,
            span: (offset, len).into(),
        })
    }
}

impl SourceCode for Clipped {
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
            contents.line(),
            contents.column(),
            contents.line_count(),
        )))
    }
}
