//! The JSON report (`--format json`), the contract scripts depend on.
//!
//! ```text
//! { "version": 1,                       report format version
//!   "tool": {"name": "jianfu", "version": "0.1.0",
//!            "policies": "3f9a…",         digest of the rules in force (ids, severities,
//!                                         parameters, messages, bases)
//!            "lang": "zh"},               the language of the messages
//!   "findings": [ {                     one finding per line, streamed as units are checked
//!       "rule": "SIGN-001", "name": "exterior-plaque-not-allowed",
//!       "severity": "error" | "warning" | "info", "clearance": "signage",
//!       "unit": "152223100201" | null,        the unit's code from unit.yaml
//!       "unit_name", "banner", "township", "period": from unit.yaml | null
//!       "file": "examples/.../signage.yaml",  as given on the command line + path inside
//!       "line": 3, "column": 12,              1-based; column counts characters
//!       "end_line": 3, "end_column": 20,      exclusive end, same units
//!       "byte_start": 40, "byte_end": 64,     0-based byte offsets into the file
//!       "path": "signs[2].name",              logical YAML path ("" for the whole file)
//!       "imposer": "扎赉特旗卫生健康委员会" | null,
//!       "message": "...", "help": "...", "basis": "〔2022〕28号",
//!       "waived": null | {"reason": "...", "approver": "...", "expires": "YYYY-MM-DD"},
//!       "fingerprint": "9f2c…",             the baseline's identity of the finding
//!       "sheet": "标识标牌" | null,          for a spreadsheet unit: the sheet and cell; then
//!       "cell": "E5" | null } ],           line is the row, column the column's number (E = 5)
//!                                         and end_column one further; byte_* are offsets
//!                                         into the text rendered from the sheet
//!       (the check desk adds "row": [{"header", "value", "finding": bool}] for a
//!        spreadsheet's finding, or "source_line" for a text file's: `with_rows`)
//!   "units": [ {                        only with --with-units: each unit checked, in order
//!       "dir", "code", "name", "kind", "banner", "township", "period",
//!       "sections": {"signage": {"count": 3, "named": [["名称", "要求单位" | null]]}, ...},
//!       "findings": 4,                        how many of the findings above, in order, are its
//!       "items": {"reports[2]": {...}} } ],   the items its findings point into, as written
//!   "summary": { units, units_clean, files, findings, waived,
//!                by_severity: {error: n, ...}, by_clearance: {signage: n, ...},
//!                baseline: {absorbed, stale} (only with --baseline) } }
//! ```
//!
//! The summary comes last because it is only known when every unit has been checked.

use std::io::{self, Write};

use serde::Serialize;

use crate::bulletin::facts::UnitRecord;
use crate::finding::Finding;
use crate::outcome::UnitResult;
use crate::wording::Locale;

use super::{Reporter, RunEnd};

/// The report format version; bumped on any incompatible change.
pub const JSON_FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'static str,
    /// The digest of the rules in force ([`crate::policy::RuleSet::digest`]).
    policies: &'a str,
    /// The language the messages are worded in.
    lang: &'a str,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    name: &'a str,
    severity: &'static str,
    clearance: &'static str,
    unit: Option<&'a str>,
    unit_name: Option<&'a str>,
    banner: Option<&'a str>,
    township: Option<&'a str>,
    period: Option<&'a str>,
    file: std::borrow::Cow<'a, str>,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    byte_start: u32,
    byte_end: u32,
    path: &'a str,
    imposer: Option<&'a str>,
    message: String,
    help: String,
    basis: &'a str,
    waived: Option<Waived<'a>>,
    fingerprint: String,
    sheet: Option<String>,
    cell: Option<String>,
    /// With rows wanted (the check desk): the finding's spreadsheet row, cell by cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    row: Option<Vec<JsonCell>>,
    /// With rows wanted, for a finding in a text file: its line as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    source_line: Option<String>,
}

/// The longest `source_line` given, in characters.
const LONGEST_SOURCE_LINE: usize = 400;

/// A cell of the row a finding is in, as the clerk sees it.
#[derive(Serialize)]
struct JsonCell {
    header: String,
    value: String,
    /// The cell the finding points at.
    finding: bool,
}

#[derive(Serialize)]
struct Waived<'a> {
    reason: &'a str,
    approver: &'a str,
    expires: &'a str,
}

/// The unit a finding belongs to, as the report names it.
#[derive(Default)]
struct UnitFields<'a> {
    name: Option<&'a str>,
    banner: Option<&'a str>,
    township: Option<&'a str>,
    period: Option<&'a str>,
}

impl<'a> UnitFields<'a> {
    fn of(result: &'a UnitResult) -> Self {
        let text = |field| result.unit.unit_text(field);
        UnitFields {
            name: text("name"),
            banner: text("banner"),
            township: text("township"),
            period: text("period"),
        }
    }
}

impl<'a> JsonFinding<'a> {
    fn new(finding: &'a Finding, unit: &UnitFields<'a>, locale: &Locale) -> Self {
        let position = finding.position();
        let region = position.region;
        // A CSV unit's list sheets are files of their own.
        let file = match position.cell.as_ref().and_then(|c| c.file.clone()) {
            Some(own) => std::borrow::Cow::Owned(own),
            None => std::borrow::Cow::Borrowed(finding.file.path.as_str()),
        };
        let cell = position.cell;
        JsonFinding {
            rule: &finding.rule.id,
            name: &finding.rule.name,
            severity: finding.severity.as_str(),
            clearance: finding.rule.clearance.as_str(),
            unit: finding.unit.as_deref(),
            unit_name: unit.name,
            banner: unit.banner,
            township: unit.township,
            period: unit.period,
            file,
            line: region.start.line,
            column: region.start.column,
            end_line: region.end.line,
            end_column: region.end.column,
            byte_start: finding.file.file_offset(finding.span.start),
            byte_end: finding.file.file_offset(finding.span.end),
            path: &finding.path,
            imposer: finding.imposer.as_deref(),
            message: locale.finding_message(finding),
            help: locale.finding_help(finding),
            basis: &finding.rule.basis,
            waived: finding.waived.as_ref().map(|w| Waived {
                reason: &w.reason,
                approver: &w.approver,
                expires: &w.expires,
            }),
            fingerprint: crate::baseline::fingerprint(finding),
            sheet: cell.as_ref().map(|c| c.sheet.clone()),
            cell: cell.map(|c| c.cell),
            row: None,
            source_line: None,
        }
    }

    /// Add the row (a spreadsheet's finding) or the line (a text file's) the finding is on.
    fn with_excerpt(mut self, finding: &Finding, locale: &Locale) -> Self {
        if let Some(row) = finding.file.row_cells(finding.span, &finding.path) {
            let form = crate::wording::Form::of(finding);
            self.row = Some(
                row.cells
                    .iter()
                    .map(|each| {
                        let raw = each
                            .value
                            .and_then(|v| finding.file.text.get(v.start as usize..v.end as usize))
                            .unwrap_or("");
                        let mut value = locale.cell_value(form, &each.field, raw);
                        if each.is_finding && value.is_empty() {
                            value = locale.say(&crate::wording::keys::CELL_EMPTY);
                        }
                        JsonCell {
                            header: each.header.clone(),
                            value: crate::source::printable_line(&value).into_owned(),
                            finding: each.is_finding,
                        }
                    })
                    .collect(),
            );
        } else if !finding.file.is_sheet() && self.line > 0 {
            // A line too long to read (a minified or hostile file) is left out, as the human
            // report leaves out its excerpt.
            let line = finding.file.line_text(self.line);
            if !line.trim().is_empty() && line.chars().count() <= LONGEST_SOURCE_LINE {
                self.source_line = Some(crate::source::printable_line(line).into_owned());
            }
        }
        self
    }
}

/// The JSON report, written as units arrive.
pub struct JsonReporter<W: Write> {
    locale: Locale,
    policies: String,
    out: W,
    /// Whether the opening has been written, and whether a finding has.
    started: bool,
    first: bool,
    /// With `--with-units`: the units' records so far, written after the findings.
    units: Option<Vec<u8>>,
    /// Whether each finding carries its row or line (the check desk's page shows it).
    rows: bool,
}

impl<W: Write> JsonReporter<W> {
    /// A report of findings worded in `locale` under the rules whose digest is `policies`.
    pub fn new(locale: Locale, policies: String, out: W) -> Self {
        JsonReporter {
            locale,
            policies,
            out,
            started: false,
            first: true,
            units: None,
            rows: false,
        }
    }

    /// Give each finding its spreadsheet row (`row`) or its line (`source_line`).
    pub fn with_rows(mut self, wanted: bool) -> Self {
        self.rows = wanted;
        self
    }

    /// Also write each unit's record (`units`), which `jianfu bulletin --reports` merges.
    pub fn with_units(mut self, wanted: bool) -> Self {
        self.units = wanted.then(Vec::new);
        self
    }

    fn record(&mut self, result: &UnitResult) -> io::Result<()> {
        let Some(units) = &mut self.units else {
            return Ok(());
        };
        let separator = if units.is_empty() {
            "\n    "
        } else {
            ",\n    "
        };
        units.extend_from_slice(separator.as_bytes());
        serde_json::to_writer(units, &UnitRecord::of(result))?;
        Ok(())
    }

    fn start(&mut self) -> io::Result<()> {
        if !self.started {
            self.started = true;
            let tool = serde_json::to_string(&Tool {
                name: "jianfu",
                version: env!("CARGO_PKG_VERSION"),
                policies: &self.policies,
                lang: self.locale.tag(),
            })?;
            write!(
                self.out,
                "{{\n  \"version\": {JSON_FORMAT_VERSION},\n  \"tool\": {tool},\n  \"findings\": ["
            )?;
        }
        Ok(())
    }

    fn findings(&mut self, findings: &[Finding], unit: &UnitFields) -> io::Result<()> {
        self.start()?;
        for finding in findings {
            let separator = if self.first { "\n    " } else { ",\n    " };
            self.first = false;
            self.out.write_all(separator.as_bytes())?;
            let mut json = JsonFinding::new(finding, unit, &self.locale);
            if self.rows {
                json = json.with_excerpt(finding, &self.locale);
            }
            serde_json::to_writer(&mut self.out, &json)?;
        }
        Ok(())
    }
}

impl<W: Write> Reporter for JsonReporter<W> {
    fn unit(&mut self, result: &UnitResult) -> io::Result<()> {
        self.findings(&result.findings, &UnitFields::of(result))?;
        self.record(result)
    }

    fn finish(&mut self, end: &RunEnd) -> io::Result<()> {
        self.findings(end.findings, &UnitFields::default())?;
        let close = if self.first { "]" } else { "\n  ]" };
        writeln!(self.out, "{close},")?;
        if let Some(units) = self.units.take() {
            let close = if units.is_empty() { "]" } else { "\n  ]" };
            self.out.write_all(b"  \"units\": [")?;
            self.out.write_all(&units)?;
            writeln!(self.out, "{close},")?;
        }
        let summary = serde_json::to_string(end.summary)?;
        write!(self.out, "  \"summary\": {summary}\n}}\n")?;
        self.out.flush()
    }
}

/// Write the whole JSON report for `results` to `out` (tests and one-shot callers).
pub fn render_json(
    results: &[UnitResult],
    locale: Locale,
    policies: String,
    out: &mut dyn Write,
) -> io::Result<()> {
    super::render_all(results, &mut JsonReporter::new(locale, policies, out))
}
